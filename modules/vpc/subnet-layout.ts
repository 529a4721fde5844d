/**
 * Subnet numbering and region facts for the VPC module, as pure functions so the scheme can be
 * tested without synthesizing anything.
 *
 * Numbering scheme: the VPC block is cut into `2^newBits` equal subnets. The first half of the
 * subnet numbers belongs to public subnets, the second half to private subnets, and AZ `i` (in
 * the order given) gets public netnum `i` and private netnum `2^(newBits-1) + i`. For the default
 * `/16` with 4 new bits that is public `10.0.0.0/20, 10.0.16.0/20, ...` and private
 * `10.0.128.0/20, 10.0.144.0/20, ...`. Private subnets keep their numbers when public subnets are
 * added and vice versa, a private range is recognisable at a glance (upper half of the VPC), and
 * turning on private subnets later does not move any public subnet.
 */
import { cidrSubnet, parseCidr } from '../core/cidr';

/** Smallest subnet AWS allows. */
export const MIN_SUBNET_PREFIX = 28;
/** Largest and smallest VPC blocks AWS allows. */
export const MIN_VPC_PREFIX = 16;
export const MAX_VPC_PREFIX = 28;
/** The module spreads over at most this many AZs (no region has more than 6 usable AZs). */
export const MAX_AZS = 6;

/** Subnet blocks for each AZ, in the order of the AZ list. */
export interface SubnetLayout {
  readonly publicCidrs: string[];
  readonly privateCidrs: string[];
}

/** Subnets per tier that `newBits` gives (half of `2^newBits`). */
export function subnetsPerTier(newBits: number): number {
  return newBits < 1 ? 0 : 2 ** (newBits - 1);
}

/** The fewest new bits that fit `azCount` public and `azCount` private subnets in their halves. */
export function minNewBits(azCount: number): number {
  return Math.max(1, Math.ceil(Math.log2(Math.max(1, azCount))) + 1);
}

/**
 * Computes the subnet blocks. Throws on input that validation rejects (callers validate first).
 */
export function planSubnets(vpcCidr: string, newBits: number, azCount: number): SubnetLayout {
  const half = subnetsPerTier(newBits);
  if (azCount > half) throw new Error(`planSubnets: ${azCount} AZs do not fit in ${half} subnets per tier`);
  const indexes = Array.from({ length: azCount }, (_, i) => i);
  return {
    publicCidrs: indexes.map((i) => cidrSubnet(vpcCidr, newBits, i)),
    privateCidrs: indexes.map((i) => cidrSubnet(vpcCidr, newBits, half + i)),
  };
}

/**
 * Why `newBits` cannot hold `azCount` AZs inside `vpcCidr`, or undefined when it can. The
 * message explains the arithmetic so the fix is obvious.
 */
export function subnetFitProblem(vpcCidr: string, newBits: number, azCount: number): string | undefined {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) return undefined;
  const subnetPrefix = vpc.prefix + newBits;
  const half = subnetsPerTier(newBits);
  if (subnetPrefix > MIN_SUBNET_PREFIX) {
    return (
      `${vpcCidr} split with ${newBits} new bits gives /${subnetPrefix} subnets, smaller than the ` +
      `/${MIN_SUBNET_PREFIX} AWS minimum`
    );
  }
  if (azCount > half) {
    return (
      `${azCount} AZs need ${azCount} public + ${azCount} private subnets; the public half and the ` +
      `private half of the 2^${newBits} = ${2 ** newBits} /${subnetPrefix} subnets hold only ${half} each`
    );
  }
  return undefined;
}

/** The largest `newBits` a VPC block allows (subnets no smaller than /28). */
export function maxNewBits(vpcCidr: string): number | undefined {
  const vpc = parseCidr(vpcCidr);
  return vpc ? MIN_SUBNET_PREFIX - vpc.prefix : undefined;
}

/** Availability-zone names such as `us-east-1a`, `eu-central-1c`, `us-gov-west-1b`. */
const AZ_RE = /^([a-z]{2}(?:-gov|-iso|-isob)?-[a-z]+-\d)([a-z])$/;

/** The region of an AZ name (`us-east-1a` -> `us-east-1`), or undefined for anything else. */
export function regionOfAz(az: string): string | undefined {
  return AZ_RE.exec(az)?.[1];
}

/** The ARN partition of a region: `aws-cn` for China, `aws-us-gov` for GovCloud, else `aws`. */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Service name of a gateway endpoint, e.g. `com.amazonaws.us-east-1.s3`. */
export function gatewayEndpointServiceName(region: string, service: 's3' | 'dynamodb'): string {
  return `com.amazonaws.${region}.${service}`;
}
