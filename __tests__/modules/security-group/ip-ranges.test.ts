import { isAnyIpv4, isAnyIpv6 } from '../../../modules/security-group/ip-ranges';
import { isValidIpv6Cidr } from '../../../modules/core/ip';

describe('isValidIpv6Cidr', () => {
  it.each([
    '::/0',
    '2001:db8::/32',
    '2001:db8::7/128',
    'fe80::/10',
    '2001:0db8:0000:0000:0000:0000:0000:0000/32',
    '::1/128',
    'FD00::/8',
  ])('accepts %s', (cidr) => {
    expect(isValidIpv6Cidr(cidr)).toBe(true);
  });

  it.each([
    ['2001:db8::1/32', 'host bits set'],
    ['2001:db8::/129', 'prefix too long'],
    ['2001:db8::', 'no prefix'],
    ['2001:db8:::/32', 'triple colon'],
    ['2001::db8::/32', 'two ::'],
    ['1:2:3:4:5:6:7:8:9/128', 'nine groups'],
    ['1:2:3:4:5:6:7/112', 'seven groups without ::'],
    ['1:2:3:4::5:6:7:8/128', ':: with eight groups'],
    ['2001:db8g::/32', 'not hex'],
    ['12345::/16', 'group too long'],
    ['10.0.0.0/8', 'IPv4'],
    ['::ffff:10.0.0.0/104', 'embedded IPv4'],
  ])('rejects %s (%s)', (cidr) => {
    expect(isValidIpv6Cidr(cidr)).toBe(false);
  });
});

describe('internet-wide ranges', () => {
  it('recognizes only /0 as the whole internet', () => {
    expect(isAnyIpv4('0.0.0.0/0')).toBe(true);
    expect(isAnyIpv4('0.0.0.0/1')).toBe(false);
    expect(isAnyIpv4('10.0.0.0/8')).toBe(false);
    expect(isAnyIpv6('::/0')).toBe(true);
    expect(isAnyIpv6('0::/0')).toBe(true);
    expect(isAnyIpv6('2001:db8::/32')).toBe(false);
  });
});
