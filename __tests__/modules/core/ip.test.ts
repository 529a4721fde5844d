import {
  PUBLIC_REACH_BOUND,
  describeReach,
  exceedsPublicReach,
  isAnyAddress,
  isValidIpv4Cidr,
  isValidIpv6Cidr,
  publicReach,
} from '../../../modules/core/ip';

describe('CIDR validation', () => {
  it.each(['10.0.0.0/8', '0.0.0.0/0', '203.0.113.7/32', '192.168.0.0/16'])('accepts IPv4 %s', (c) => {
    expect(isValidIpv4Cidr(c)).toBe(true);
  });
  it.each(['10.0.0.1/8', '010.0.0.0/8', '10.0.0/8', '10.0.0.0/33', '10.0.0.0', '::/0', '10.0.0.0/08', ''])(
    'refuses IPv4 %j',
    (c) => {
      expect(isValidIpv4Cidr(c)).toBe(false);
    },
  );
  it.each(['2001:db8::/32', '::/0', '2600:1f18:abcd::/48', 'fe80::/10'])('accepts IPv6 %s', (c) => {
    expect(isValidIpv6Cidr(c)).toBe(true);
  });
  it.each(['2001:db8::1/32', '::ffff:1.2.3.4/128', '2001:db8::/129', 'fe80::1%eth0/64', '10.0.0.0/8'])(
    'refuses IPv6 %j',
    (c) => {
      expect(isValidIpv6Cidr(c)).toBe(false);
    },
  );
  it('recognises the any-address blocks', () => {
    expect([isAnyAddress('0.0.0.0/0'), isAnyAddress('::/0'), isAnyAddress('0.0.0.0/1')]).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe('public reach', () => {
  it('counts the union of the blocks, without the special-purpose ranges', () => {
    expect(publicReach(['0.0.0.0/1', '128.0.0.0/1'])).toEqual(publicReach(['0.0.0.0/0']));
    expect(publicReach(['10.0.0.0/8', '192.168.0.0/16', '203.0.113.0/24'])).toEqual({ ipv4: 0n, ipv6: 0n });
    expect(publicReach(['52.0.0.0/8', '52.0.0.0/9'])).toEqual({ ipv4: 2n ** 24n, ipv6: 0n });
    expect(publicReach(['2001:db8::/32'])).toEqual({ ipv4: 0n, ipv6: 0n });
    expect(publicReach(['fc00::/7'])).toEqual({ ipv4: 0n, ipv6: 0n });
    expect(publicReach(['2600::/32'])).toEqual({ ipv4: 0n, ipv6: 2n ** 96n });
  });

  it('names the families over the bound: one /8 of IPv4, one /32 of IPv6', () => {
    expect(PUBLIC_REACH_BOUND).toEqual({ ipv4: 16777216n, ipv6: 2n ** 96n });
    expect(exceedsPublicReach(['0.0.0.0/1', '128.0.0.0/1'])).toEqual(['IPv4']);
    expect(exceedsPublicReach(['::/1', '8000::/1'])).toEqual(['IPv6']);
    expect(exceedsPublicReach(['0.0.0.0/0', '::/0'])).toEqual(['IPv4', 'IPv6']);
    expect(exceedsPublicReach(['52.0.0.0/8'])).toEqual([]);
    expect(exceedsPublicReach(['52.0.0.0/8', '54.0.0.0/24'])).toEqual(['IPv4']);
    expect(exceedsPublicReach(['2600::/32'])).toEqual([]);
    expect(exceedsPublicReach(['2600::/31'])).toEqual(['IPv6']);
    expect(exceedsPublicReach(['not a cidr'])).toEqual([]);
  });

  it('describes the share of public space', () => {
    expect(describeReach(['0.0.0.0/0', '::/0'])).toBe('100% of public IPv4 and 100% of global IPv6');
    expect(describeReach(['52.0.0.0/8'])).toBe('0.4% of public IPv4');
    expect(describeReach(['203.0.113.7/32'])).toBe('no public addresses');
    expect(describeReach(['52.0.0.0/24'])).toBe('<0.1% of public IPv4');
  });
});
