/**
 * IPv4 CIDR arithmetic, done in TypeScript so that subnet ranges are plain strings in the
 * synthesized JSON and visible in `terraform plan` (rather than `cidrsubnet()` calls).
 */

/** A parsed IPv4 CIDR block. */
export interface Ipv4Cidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly network: number;
  readonly prefix: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns undefined for malformed input or host bits set. */
export function parseCidr(cidr: string): Ipv4Cidr | undefined {
  const m = CIDR_RE.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  if (m.slice(1, 5).some((o) => o.length > 1 && o.startsWith('0'))) return undefined;
  const ip = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  const mask = maskOf(prefix);
  if ((ip & mask) >>> 0 !== ip) return undefined; // host bits set, e.g. 10.0.0.1/16
  return { network: ip, prefix };
}

/** True for a well-formed IPv4 CIDR block whose host bits are zero. */
export function isValidCidr(cidr: string): boolean {
  return parseCidr(cidr) !== undefined;
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Formats a parsed block back to `a.b.c.d/n`. */
export function formatCidr(c: Ipv4Cidr): string {
  const n = c.network;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${c.prefix}`;
}

function size(c: Ipv4Cidr): number {
  return 2 ** (32 - c.prefix);
}

/** True when `inner` lies entirely inside `outer`. Malformed input gives false. */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  if (!o || !i) return false;
  return i.prefix >= o.prefix && i.network >= o.network && i.network + size(i) <= o.network + size(o);
}

/** True when two blocks share any address. Malformed input gives false. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (!x || !y) return false;
  return x.network < y.network + size(y) && y.network < x.network + size(x);
}

/**
 * Terraform's `cidrsubnet(prefix, newbits, netnum)`: the `netnum`-th block of `prefix + newbits`
 * bits inside `base`. Throws on malformed input or a block that does not fit.
 */
export function cidrSubnet(base: string, newbits: number, netnum: number): string {
  const b = parseCidr(base);
  if (!b) throw new Error(`cidrSubnet: ${JSON.stringify(base)} is not an IPv4 CIDR block`);
  const prefix = b.prefix + newbits;
  if (!Number.isInteger(newbits) || newbits < 0 || prefix > 32) {
    throw new Error(`cidrSubnet: cannot add ${newbits} bits to /${b.prefix}`);
  }
  if (!Number.isInteger(netnum) || netnum < 0 || netnum >= 2 ** newbits) {
    throw new Error(`cidrSubnet: ${base} has no subnet number ${netnum} at /${prefix}`);
  }
  return formatCidr({ network: b.network + netnum * 2 ** (32 - prefix), prefix });
}

/** Number of addresses in a block (0 for malformed input). */
export function cidrSize(cidr: string): number {
  const c = parseCidr(cidr);
  return c ? size(c) : 0;
}

/** Prefix length of a block (undefined for malformed input). */
export function cidrPrefix(cidr: string): number | undefined {
  return parseCidr(cidr)?.prefix;
}
