/** "Is this the whole internet" tests for security-group sources (parsing lives in modules/core/ip). */
import { ANY_IPV4, ANY_IPV6, isValidIpv4Cidr, isValidIpv6Cidr } from '../core/ip';

export { ANY_IPV4, ANY_IPV6, isValidIpv6Cidr };

/** True for an IPv4 block covering the whole internet. */
export function isAnyIpv4(cidr: string): boolean {
  return isValidIpv4Cidr(cidr) && cidr.endsWith('/0');
}

/** True for an IPv6 block covering the whole internet. */
export function isAnyIpv6(cidr: string): boolean {
  return isValidIpv6Cidr(cidr) && cidr.endsWith('/0');
}
