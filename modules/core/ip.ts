/**
 * IPv4 and IPv6 address ranges, parsed by ipaddr.js and merged by cidr-tools: strict CIDR
 * validation, and how much of the public internet a set of blocks reaches together.
 */
import ipaddr from 'ipaddr.js';
import { excludeCidr, mergeCidr, parseCidr as parseRange } from 'cidr-tools';

/** The IPv4 and IPv6 "any address" blocks. */
export const ANY_IPV4 = '0.0.0.0/0';
export const ANY_IPV6 = '::/0';

/**
 * Ranges that are not reachable from the public internet (RFC 6890 special-purpose blocks):
 * private, shared (CGNAT), loopback, link-local, documentation, benchmarking, multicast and
 * reserved. A source made of these alone is not "the internet".
 */
export const NON_PUBLIC_IPV4: readonly string[] = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/3',
];

/** IPv6 global unicast space (RFC 4291, IANA): everything routed on the internet today. */
export const PUBLIC_IPV6 = '2000::/3';

/** Documentation block inside 2000::/3 (RFC 3849), not routed. */
export const NON_PUBLIC_IPV6_IN_GLOBAL: readonly string[] = ['2001:db8::/32'];

/**
 * How much public address space a set of sources may reach together before it counts as "the
 * internet" for admin ports. Chosen so that every single organisation's allocation passes and
 * any split of 0.0.0.0/0 or ::/0 into a few halves fails.
 *
 * | family | bound                          | addresses   | why                                            |
 * |--------|--------------------------------|-------------|------------------------------------------------|
 * | IPv4   | one /8 of public space         | 16,777,216  | the largest blocks single organisations hold   |
 * | IPv6   | one /32 of global unicast      | 2^96        | the size of an ISP's (LIR) initial allocation  |
 */
export const PUBLIC_REACH_BOUND = {
  ipv4: 2n ** 24n,
  ipv6: 2n ** 96n,
} as const;

/** True for a strict IPv4 CIDR block (`a.b.c.d/n`, no leading zeros, host bits zero). */
export function isValidIpv4Cidr(cidr: string): boolean {
  return isStrictCidr(cidr, 'ipv4');
}

/** True for an IPv6 CIDR block (no zone, no embedded IPv4) whose host bits are zero. */
export function isValidIpv6Cidr(cidr: string): boolean {
  return isStrictCidr(cidr, 'ipv6');
}

function isStrictCidr(cidr: string, kind: 'ipv4' | 'ipv6'): boolean {
  if (typeof cidr !== 'string') return false;
  const m = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  if (!m) return false;
  if (kind === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(m[1])) return false;
  if (kind === 'ipv6' && (!/^[0-9a-fA-F:]+$/.test(m[1]) || !ipaddr.IPv6.isValid(m[1]))) return false;
  try {
    const [address, prefix] = ipaddr.parseCIDR(cidr);
    if (address.kind() !== kind) return false;
    const network =
      kind === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(cidr) : ipaddr.IPv6.networkAddressFromCIDR(cidr);
    return String(prefix) === m[2] && network.toNormalizedString() === address.toNormalizedString();
  } catch {
    return false;
  }
}

/** True for an IPv4 or IPv6 block covering the whole internet (prefix length 0). */
export function isAnyAddress(cidr: string): boolean {
  return (isValidIpv4Cidr(cidr) || isValidIpv6Cidr(cidr)) && cidr.endsWith('/0');
}

function size(cidr: string): bigint {
  const r = parseRange(cidr);
  return r.end - r.start + 1n;
}

function total(cidrs: readonly string[]): bigint {
  return cidrs.reduce((sum, c) => sum + size(c), 0n);
}

/** Public address space a set of sources reaches together, per family, after merging overlaps. */
export interface PublicReach {
  /** Public IPv4 addresses covered (special-purpose ranges excluded). */
  readonly ipv4: bigint;
  /** Global unicast IPv6 addresses covered (documentation range excluded). */
  readonly ipv6: bigint;
}

/**
 * The public address space that `cidrs` (IPv4 and IPv6, valid blocks only; others are ignored)
 * reach together. `['0.0.0.0/1', '128.0.0.0/1']` reaches all of public IPv4, as `0.0.0.0/0` does.
 */
export function publicReach(cidrs: readonly string[]): PublicReach {
  const v4 = cidrs.filter(isValidIpv4Cidr);
  const v6 = cidrs.filter(isValidIpv6Cidr);
  const public4 = v4.length === 0 ? [] : excludeCidr(mergeCidr([...v4]), [...NON_PUBLIC_IPV4]);
  const global6 =
    v6.length === 0
      ? []
      : excludeCidr(mergeCidr([...v6]), [...complementOf(PUBLIC_IPV6), ...NON_PUBLIC_IPV6_IN_GLOBAL]);
  return { ipv4: total(public4), ipv6: total(global6) };
}

/** The blocks of ::/0 outside `block` (here: outside 2000::/3). */
function complementOf(block: string): string[] {
  return excludeCidr([ANY_IPV6], [block]);
}

/**
 * Which families of `cidrs` reach more public address space together than
 * {@link PUBLIC_REACH_BOUND} allows: `[]` when none does.
 */
export function exceedsPublicReach(cidrs: readonly string[]): Array<'IPv4' | 'IPv6'> {
  const reach = publicReach(cidrs);
  const out: Array<'IPv4' | 'IPv6'> = [];
  if (reach.ipv4 > PUBLIC_REACH_BOUND.ipv4) out.push('IPv4');
  if (reach.ipv6 > PUBLIC_REACH_BOUND.ipv6) out.push('IPv6');
  return out;
}

/** A human-readable share of the public space, e.g. "100% of public IPv4". */
export function describeReach(cidrs: readonly string[]): string {
  const reach = publicReach(cidrs);
  const parts: string[] = [];
  const public4 = 2n ** 32n - total(mergeCidr([...NON_PUBLIC_IPV4]));
  const global6 = size(PUBLIC_IPV6) - total([...NON_PUBLIC_IPV6_IN_GLOBAL]);
  if (reach.ipv4 > 0n) parts.push(`${percent(reach.ipv4, public4)} of public IPv4`);
  if (reach.ipv6 > 0n) parts.push(`${percent(reach.ipv6, global6)} of global IPv6`);
  return parts.length === 0 ? 'no public addresses' : parts.join(' and ');
}

function percent(part: bigint, whole: bigint): string {
  const tenths = Number((part * 1000n) / whole) / 10;
  return `${tenths < 0.1 && part > 0n ? '<0.1' : tenths}%`;
}
