import {
  gatewayEndpointServiceName,
  maxNewBits,
  minNewBits,
  partitionOfRegion,
  planSubnets,
  regionOfAz,
  subnetFitProblem,
  subnetsPerTier,
} from '../../../modules/vpc/subnet-layout';
import { cidrsOverlap, cidrContains } from '../../../modules/core/cidr';

describe('planSubnets', () => {
  it('puts public subnets in the lower half and private subnets in the upper half', () => {
    expect(planSubnets('10.0.0.0/16', 4, 3)).toEqual({
      publicCidrs: ['10.0.0.0/20', '10.0.16.0/20', '10.0.32.0/20'],
      privateCidrs: ['10.0.128.0/20', '10.0.144.0/20', '10.0.160.0/20'],
    });
  });

  it('keeps earlier subnets in place when AZs are appended', () => {
    const two = planSubnets('10.20.0.0/16', 4, 2);
    const six = planSubnets('10.20.0.0/16', 4, 6);
    expect(six.publicCidrs.slice(0, 2)).toEqual(two.publicCidrs);
    expect(six.privateCidrs.slice(0, 2)).toEqual(two.privateCidrs);
  });

  it.each([
    ['10.0.0.0/16', 4, 6],
    ['172.16.0.0/20', 3, 4],
    ['192.168.0.0/24', 2, 2],
    ['10.0.0.0/27', 1, 1],
  ] as const)('in %s with %i new bits gives %i AZs disjoint subnets inside the VPC', (vpc, bits, azs) => {
    const { publicCidrs, privateCidrs } = planSubnets(vpc, bits, azs);
    const all = [...publicCidrs, ...privateCidrs];
    expect(all).toHaveLength(2 * azs);
    for (const c of all) expect(cidrContains(vpc, c)).toBe(true);
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) expect(cidrsOverlap(all[i], all[j])).toBe(false);
    }
  });

  it('throws when the AZs do not fit a tier', () => {
    expect(() => planSubnets('10.0.0.0/16', 2, 3)).toThrow('3 AZs do not fit in 2 subnets per tier');
  });
});

describe('subnet sizing arithmetic', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 3],
    [5, 4],
    [6, 4],
  ])('%i AZs need at least %i new bits', (azs, bits) => {
    expect(minNewBits(azs)).toBe(bits);
    expect(subnetsPerTier(bits)).toBeGreaterThanOrEqual(azs);
    expect(subnetsPerTier(bits - 1)).toBeLessThan(azs);
  });

  it('allows subnets down to /28', () => {
    expect(maxNewBits('10.0.0.0/16')).toBe(12);
    expect(maxNewBits('10.0.0.0/27')).toBe(1);
    expect(maxNewBits('nonsense')).toBeUndefined();
  });

  it('explains a tier that is too small', () => {
    expect(subnetFitProblem('10.0.0.0/16', 2, 3)).toBe(
      '3 AZs need 3 public + 3 private subnets; the public half and the private half of the 2^2 = 4 /18 subnets hold only 2 each',
    );
  });

  it('explains subnets below the AWS minimum', () => {
    expect(subnetFitProblem('10.0.0.0/24', 5, 1)).toContain(
      'gives /29 subnets, smaller than the /28 AWS minimum',
    );
  });

  it('accepts a fitting layout', () => {
    expect(subnetFitProblem('10.0.0.0/16', 4, 6)).toBeUndefined();
    expect(subnetFitProblem('10.0.0.0/16', 12, 1)).toBeUndefined();
  });
});

describe('region facts from AZ names', () => {
  it.each([
    ['us-east-1a', 'us-east-1'],
    ['eu-central-1c', 'eu-central-1'],
    ['ap-southeast-2b', 'ap-southeast-2'],
    ['us-gov-west-1a', 'us-gov-west-1'],
    ['cn-northwest-1a', 'cn-northwest-1'],
  ])('%s is in %s', (az, region) => {
    expect(regionOfAz(az)).toBe(region);
  });

  it.each(['use1-az1', 'us-east-1', 'us-west-2-lax-1a', 'US-EAST-1A', ''])('%s is not an AZ name', (az) => {
    expect(regionOfAz(az)).toBeUndefined();
  });

  it.each([
    ['us-east-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-east-1', 'aws-us-gov'],
  ])('%s is in partition %s', (region, partition) => {
    expect(partitionOfRegion(region)).toBe(partition);
  });

  it('names gateway endpoint services', () => {
    expect(gatewayEndpointServiceName('eu-west-1', 'dynamodb')).toBe('com.amazonaws.eu-west-1.dynamodb');
  });
});
