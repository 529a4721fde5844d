/**
 * Address-range checks for security-group rules: IPv6 CIDR parsing (the IPv4 side lives in
 * `modules/core/cidr.ts`) and "is this the whole internet" tests.
 */
import { parseCidr } from '../core/cidr';

/** The IPv4 and IPv6 "any address" blocks. */
export const ANY_IPV4 = '0.0.0.0/0';
export const ANY_IPV6 = '::/0';

/** Parses an IPv6 address (no embedded IPv4, no zone) into a 128-bit integer. */
function parseIpv6(address: string): bigint | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(address)) return undefined;
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : halves[0].split(':');
  const tail = halves.length === 2 ? (halves[1] === '' ? [] : halves[1].split(':')) : [];
  const groups =
    halves.length === 2
      ? [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail]
      : head;
  if (halves.length === 2 && head.length + tail.length > 7) return undefined;
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
}

/** True for an IPv6 CIDR block such as `2001:db8::/32` whose host bits are zero. */
export function isValidIpv6Cidr(cidr: string): boolean {
  const m = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(cidr);
  if (!m) return false;
  const prefix = Number(m[2]);
  const address = parseIpv6(m[1]);
  if (address === undefined || prefix > 128) return false;
  const hostBits = 128n - BigInt(prefix);
  return (address & ((1n << hostBits) - 1n)) === 0n;
}

/** True for an IPv4 block covering the whole internet. */
export function isAnyIpv4(cidr: string): boolean {
  return parseCidr(cidr)?.prefix === 0;
}

/** True for an IPv6 block covering the whole internet. */
export function isAnyIpv6(cidr: string): boolean {
  return isValidIpv6Cidr(cidr) && cidr.endsWith('/0');
}
