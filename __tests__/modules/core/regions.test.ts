import { isValidRegion } from '../../../modules/core/aws-rules';
import {
  REGIONS_BY_PARTITION,
  isKnownRegion,
  partitionOfRegion,
  regionsLike,
  suggestRegions,
} from '../../../modules/core/regions';

describe('AWS regions', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['mx-central-1', 'aws'],
    ['ap-southeast-7', 'aws'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-isob-east-1', 'aws-iso-b'],
    ['eusc-de-east-1', 'aws-eusc'],
  ])('knows %s in partition %s', (region, partition) => {
    expect(isKnownRegion(region)).toBe(true);
    expect(isValidRegion(region)).toBe(true);
    expect(partitionOfRegion(region)).toBe(partition);
  });

  it.each([['us-east-9'], ['us-east-1a'], ['US-EAST-1'], ['aws-global'], [''], ['eu-middle-1']])(
    'refuses %j',
    (region) => {
      expect(isKnownRegion(region)).toBe(false);
      expect(isValidRegion(region)).toBe(false);
      expect(partitionOfRegion(region)).toBeUndefined();
    },
  );

  it('refuses values that are not strings', () => {
    expect(isKnownRegion(undefined as unknown as string)).toBe(false);
  });

  it('suggests the regions a misspelt name was close to, within its partition', () => {
    expect(suggestRegions('us-east-9')).toEqual(['us-east-1', 'us-east-2']);
    expect(suggestRegions('cn-north-7')).toEqual(['cn-north-1']);
    expect(suggestRegions('xx-yy-1')).toEqual([]);
    expect(regionsLike('us-gov-east-3')).toEqual(['us-gov-east-1', 'us-gov-west-1']);
  });

  it('lists 32 commercial regions and no region twice', () => {
    expect(REGIONS_BY_PARTITION.aws).toHaveLength(32);
    const all = Object.values(REGIONS_BY_PARTITION).flat();
    expect(new Set(all).size).toBe(all.length);
  });
});
