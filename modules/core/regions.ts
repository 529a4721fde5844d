/**
 * AWS regions and their partitions.
 *
 * Source: the partitions file of the AWS SDK for JavaScript v3
 * (`packages/util-endpoints/src/lib/aws/partitions.json`, aws/aws-sdk-js-v3 commit 685ff5d),
 * read on 2026-11-26. The pseudo-regions `aws-global` and friends are left out. A region that AWS
 * opened after that date fails validation until it is added here: add it with its partition.
 */

/** An AWS partition: the standard one, China, GovCloud, the isolated ones, European Sovereign Cloud. */
export type Partition =
  'aws' | 'aws-cn' | 'aws-us-gov' | 'aws-iso' | 'aws-iso-b' | 'aws-iso-e' | 'aws-iso-f' | 'aws-eusc';

/** Every region by partition. */
export const REGIONS_BY_PARTITION: Readonly<Record<Partition, readonly string[]>> = {
  aws: [
    'af-south-1',
    'ap-east-1',
    'ap-northeast-1',
    'ap-northeast-2',
    'ap-northeast-3',
    'ap-south-1',
    'ap-south-2',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-3',
    'ap-southeast-4',
    'ap-southeast-5',
    'ap-southeast-7',
    'ca-central-1',
    'ca-west-1',
    'eu-central-1',
    'eu-central-2',
    'eu-north-1',
    'eu-south-1',
    'eu-south-2',
    'eu-west-1',
    'eu-west-2',
    'eu-west-3',
    'il-central-1',
    'me-central-1',
    'me-south-1',
    'mx-central-1',
    'sa-east-1',
    'us-east-1',
    'us-east-2',
    'us-west-1',
    'us-west-2',
  ],
  'aws-cn': ['cn-north-1', 'cn-northwest-1'],
  'aws-us-gov': ['us-gov-east-1', 'us-gov-west-1'],
  'aws-iso': ['us-iso-east-1', 'us-iso-west-1'],
  'aws-iso-b': ['us-isob-east-1'],
  'aws-iso-e': ['eu-isoe-west-1'],
  'aws-iso-f': ['us-isof-east-1', 'us-isof-south-1'],
  'aws-eusc': ['eusc-de-east-1'],
};

const PARTITION_OF: ReadonlyMap<string, Partition> = new Map(
  (Object.entries(REGIONS_BY_PARTITION) as [Partition, readonly string[]][]).flatMap(([p, regions]) =>
    regions.map((r) => [r, p] as const),
  ),
);

/** True for a region in AWS's published list (any partition). */
export function isKnownRegion(region: string): boolean {
  return typeof region === 'string' && PARTITION_OF.has(region);
}

/** The partition of a known region; undefined for anything else. */
export function partitionOfRegion(region: string): Partition | undefined {
  return PARTITION_OF.get(region);
}

/** Regions of the same partition as `region` (for "did you mean" hints), or of `aws`. */
export function regionsLike(region: string): readonly string[] {
  const p = /^cn-/.test(region)
    ? 'aws-cn'
    : /^us-gov-/.test(region)
      ? 'aws-us-gov'
      : /^us-isob-/.test(region)
        ? 'aws-iso-b'
        : /^us-isof-/.test(region)
          ? 'aws-iso-f'
          : /^us-iso-/.test(region)
            ? 'aws-iso'
            : /^eu-isoe-/.test(region)
              ? 'aws-iso-e'
              : /^eusc-/.test(region)
                ? 'aws-eusc'
                : 'aws';
  return REGIONS_BY_PARTITION[p];
}

/** The known regions closest to a misspelt one: same prefix before the number, e.g. us-east-9 -> us-east-1, us-east-2. */
export function suggestRegions(region: string): string[] {
  if (typeof region !== 'string') return [];
  const stem = region.replace(/-\d+$/, '-');
  const same = regionsLike(region).filter((r) => r.startsWith(stem));
  return same.length > 0 ? same : [];
}
