import { Testing, TerraformStack, Token } from 'cdktf';
import {
  cidrContains,
  cidrPrefix,
  cidrSize,
  cidrSubnet,
  cidrsOverlap,
  isValidCidr,
  parseCidr,
} from '../../../modules/core/cidr';
import {
  bucketNameProblems,
  isAzInRegion,
  isValidDynamoTableName,
  isValidEmail,
  isValidInstanceType,
  isValidLogRetention,
  isValidPort,
  isValidRegion,
  nearestLogRetention,
} from '../../../modules/core/aws-rules';
import { ValidationError, Validator, formatValue, isUnresolved } from '../../../modules/core/validation';
import { withName } from '../../../modules/core/tags';

describe('cidr', () => {
  it.each(['10.0.0.0/16', '0.0.0.0/0', '192.168.1.128/25', '255.255.255.255/32', '172.16.0.0/12'])(
    'accepts %s',
    (c) => {
      expect(isValidCidr(c)).toBe(true);
    },
  );
  it.each([
    '10.0.0.0',
    '10.0.0/16',
    '256.0.0.0/8',
    '10.0.0.0/33',
    '10.0.0.1/16',
    '010.0.0.0/8',
    ' 10.0.0.0/8',
    '',
    'a.b.c.d/8',
  ])('rejects %j', (c) => {
    expect(isValidCidr(c)).toBe(false);
    expect(parseCidr(c)).toBeUndefined();
  });
  it('computes subnets like terraform cidrsubnet()', () => {
    expect(cidrSubnet('10.0.0.0/16', 4, 0)).toBe('10.0.0.0/20');
    expect(cidrSubnet('10.0.0.0/16', 4, 1)).toBe('10.0.16.0/20');
    expect(cidrSubnet('10.0.0.0/16', 4, 8)).toBe('10.0.128.0/20');
    expect(cidrSubnet('10.0.0.0/16', 4, 15)).toBe('10.0.240.0/20');
    expect(cidrSubnet('10.0.0.0/24', 4, 9)).toBe('10.0.0.144/28');
    expect(cidrSubnet('128.0.0.0/1', 1, 1)).toBe('192.0.0.0/2');
    expect(cidrSubnet('10.0.0.0/16', 0, 0)).toBe('10.0.0.0/16');
  });
  it.each([
    ['bad base', 'x', 4, 0, 'is not an IPv4 CIDR block'],
    ['too many bits', '10.0.0.0/30', 3, 0, 'cannot add 3 bits to /30'],
    ['negative bits', '10.0.0.0/16', -1, 0, 'cannot add -1 bits'],
    ['netnum too large', '10.0.0.0/16', 4, 16, 'has no subnet number 16 at /20'],
    ['negative netnum', '10.0.0.0/16', 4, -1, 'has no subnet number -1'],
  ])('cidrSubnet fails on %s', (_c, base, bits, num, msg) => {
    expect(() => cidrSubnet(base as string, bits as number, num as number)).toThrow(msg as string);
  });
  it('containment', () => {
    expect(cidrContains('10.0.0.0/16', '10.0.16.0/20')).toBe(true);
    expect(cidrContains('10.0.0.0/16', '10.0.0.0/16')).toBe(true);
    expect(cidrContains('10.0.0.0/16', '10.1.0.0/20')).toBe(false);
    expect(cidrContains('10.0.0.0/16', '10.0.0.0/8')).toBe(false);
    expect(cidrContains('10.0.0.0/16', '10.0.255.240/28')).toBe(true);
    expect(cidrContains('bad', '10.0.0.0/8')).toBe(false);
    expect(cidrContains('10.0.0.0/8', 'bad')).toBe(false);
  });
  it('overlap', () => {
    expect(cidrsOverlap('10.0.0.0/16', '10.0.128.0/17')).toBe(true);
    expect(cidrsOverlap('10.0.128.0/17', '10.0.0.0/16')).toBe(true);
    expect(cidrsOverlap('10.0.0.0/17', '10.0.128.0/17')).toBe(false);
    expect(cidrsOverlap('10.0.128.0/17', '10.0.0.0/17')).toBe(false);
    expect(cidrsOverlap('bad', '10.0.0.0/8')).toBe(false);
    expect(cidrsOverlap('10.0.0.0/8', 'bad')).toBe(false);
  });
  it('size and prefix', () => {
    expect(cidrSize('10.0.0.0/16')).toBe(65536);
    expect(cidrSize('0.0.0.0/0')).toBe(2 ** 32);
    expect(cidrSize('bad')).toBe(0);
    expect(cidrPrefix('10.0.0.0/20')).toBe(20);
    expect(cidrPrefix('bad')).toBeUndefined();
  });
});

describe('aws rules', () => {
  it('log retention', () => {
    expect(isValidLogRetention(14)).toBe(true);
    expect(isValidLogRetention(0)).toBe(true);
    expect(isValidLogRetention(10)).toBe(false);
    expect(nearestLogRetention(10)).toBe(14);
    expect(nearestLogRetention(14)).toBe(14);
    expect(nearestLogRetention(0)).toBe(1);
    expect(nearestLogRetention(99999)).toBe(3653);
  });
  it.each(['us-east-1', 'eu-central-2', 'ap-southeast-4', 'us-gov-west-1', 'cn-north-1', 'il-central-1'])(
    'region %s',
    (r) => {
      expect(isValidRegion(r)).toBe(true);
    },
  );
  it.each(['us-east', 'US-EAST-1', 'us-middle-1', 'useast1', 'us-east-1a'])('not a region: %s', (r) => {
    expect(isValidRegion(r)).toBe(false);
  });
  it('az in region', () => {
    expect(isAzInRegion('us-east-1a', 'us-east-1')).toBe(true);
    expect(isAzInRegion('us-east-1', 'us-east-1')).toBe(false);
    expect(isAzInRegion('us-east-1ab', 'us-east-1')).toBe(false);
    expect(isAzInRegion('us-east-11', 'us-east-1')).toBe(false);
    expect(isAzInRegion('us-west-2a', 'us-east-1')).toBe(false);
  });
  it.each([
    ['a@example.com', true],
    ['first.last+tag@sub.example.co.uk', true],
    ['no-at.example.com', false],
    ['a@b', false],
    ['a..b@example.com', false],
    ['a@-example.com', false],
    ['a b@example.com', false],
    [`${'a'.repeat(250)}@example.com`, false],
  ])('email %s -> %s', (email, ok) => {
    expect(isValidEmail(email)).toBe(ok);
  });
  it.each([
    ['t3.medium', true],
    ['m7g.2xlarge', true],
    ['c6in.metal', true],
    ['u-6tb1.metal', true],
    ['t3.medium ', false],
    ['t3-medium', false],
    ['T3.medium', false],
    ['t3.huge', false],
  ])('instance type %s -> %s', (t, ok) => {
    expect(isValidInstanceType(t)).toBe(ok);
  });
  it.each([
    ['mlmon-dev-us-east-1', []],
    ['ab', ['must be 3 to 63 characters long']],
    ['a'.repeat(64), ['must be 3 to 63 characters long']],
    ['aBc', ['may contain only lowercase letters, digits, dots and hyphens']],
    ['-abc', ['must begin and end with a letter or digit']],
    ['abc-', ['must begin and end with a letter or digit']],
    ['a..b', ['must not contain two adjacent dots']],
    ['192.168.1.1', ['must not be formatted as an IP address']],
    ['xn--abc', ['must not start with "xn--", "sthree-" or "amzn-s3-demo-"']],
    ['abc-s3alias', ['must not end with a reserved suffix']],
  ])('bucket name %s', (name, problems) => {
    expect(bucketNameProblems(name)).toEqual(problems);
  });
  it('ports and table names', () => {
    expect(isValidPort(1)).toBe(true);
    expect(isValidPort(65535)).toBe(true);
    expect(isValidPort(0)).toBe(false);
    expect(isValidPort(65536)).toBe(false);
    expect(isValidPort(80.5)).toBe(false);
    expect(isValidDynamoTableName('mlmon-terraform-locks')).toBe(true);
    expect(isValidDynamoTableName('ab')).toBe(false);
    expect(isValidDynamoTableName('a b c')).toBe(false);
  });
});

describe('Validator', () => {
  it('checkLiteral refuses an unresolved value, shown as "<token>", and a literal that fails', () => {
    const v = new Validator('p');
    v.checkLiteral(true, 'a', Token.asString({ Ref: 'x' }), 'must be literal', 'pass a string');
    v.checkLiteral(false, 'b', 'bad', 'is bad', 'pass a good one');
    v.checkLiteral(true, 'c', 'good', 'is bad', 'pass a good one');
    expect(() => v.throwIfInvalid()).toThrow(
      'Invalid input for p (2 problems):\n' +
        '  - a = "<token>": must be literal. Fix: pass a string\n' +
        '  - b = "bad": is bad. Fix: pass a good one',
    );
  });

  it('collects every problem and throws once with path, field, value and fix', () => {
    const v = new Validator('stack/vpc');
    v.check(false, 'cidrBlock', 'x', 'is not a CIDR', 'use "10.0.0.0/16"');
    v.add('azs', [], 'is empty', 'list zones');
    expect(v.hasProblems).toBe(true);
    expect(v.list()).toHaveLength(2);
    expect(() => v.throwIfInvalid()).toThrow(ValidationError);
    try {
      v.throwIfInvalid();
    } catch (e) {
      const err = e as ValidationError;
      expect(err.path).toBe('stack/vpc');
      expect(err.message).toBe(
        'Invalid input for stack/vpc (2 problems):\n' +
          '  - cidrBlock = "x": is not a CIDR. Fix: use "10.0.0.0/16"\n' +
          '  - azs = []: is empty. Fix: list zones',
      );
    }
  });
  it('does nothing when there is no problem', () => {
    const v = new Validator('p');
    v.check(true, 'f', 1, 'x', 'y');
    expect(v.hasProblems).toBe(false);
    expect(() => v.throwIfInvalid()).not.toThrow();
  });
  it('uses the construct path of a scope', () => {
    const stack = new TerraformStack(Testing.app(), 'my-stack');
    expect(new Validator(stack).path).toBe('my-stack');
  });
  it('skips unresolved tokens', () => {
    const lazy = Token.asString({ resolve: () => 'x' });
    const v = new Validator('p');
    v.check(false, 'f', lazy, 'bad', 'fix');
    v.checkIntRange(Token.asNumber({ resolve: () => 1 }), 1, 2, 'n');
    v.checkOptional(lazy, () => false, 'g', 'bad', 'fix');
    expect(v.hasProblems).toBe(false);
    expect(isUnresolved(lazy)).toBe(true);
    expect(isUnresolved([lazy])).toBe(true);
    expect(isUnresolved('plain')).toBe(false);
    expect(isUnresolved(undefined)).toBe(false);
    expect(isUnresolved(['a', 'b'])).toBe(false);
  });
  it('ranges', () => {
    const v = new Validator('p');
    v.checkIntRange(5, 1, 10, 'a');
    v.checkIntRange(undefined, 1, 10, 'b');
    v.checkIntRange(1.5, 1, 10, 'c');
    v.checkIntRange(11, 1, 10, 'd', 'custom fix');
    v.checkRange(0.5, 0, 1, 'e');
    v.checkRange(1.5, 0, 1, 'f');
    v.checkRange(Number.NaN, 0, 1, 'g');
    v.checkOptional(3, (x) => x > 5, 'h', 'too small', 'raise it');
    v.checkOptional(undefined, () => false, 'i', 'x', 'y');
    expect(v.list().map((p) => [p.field, p.fix])).toEqual([
      ['c', 'set c to a whole number from 1 to 10'],
      ['d', 'custom fix'],
      ['f', 'set f to a number from 0 to 1'],
      ['g', 'set g to a number from 0 to 1'],
      ['h', 'raise it'],
    ]);
  });
  it('merges problems from another validator', () => {
    const a = new Validator('a').add('x', 1, 'p', 'f');
    const b = new Validator('b').merge(a);
    expect(b.list()).toEqual(a.list());
  });
  it('formats values', () => {
    expect(formatValue(undefined)).toBe('undefined');
    expect(formatValue('s')).toBe('"s"');
    expect(formatValue(3)).toBe('3');
    expect(formatValue(['a'])).toBe('["a"]');
    expect(formatValue('x'.repeat(300))).toBe(JSON.stringify('x'.repeat(300)));
    expect(formatValue({ a: 'x'.repeat(300) })).toHaveLength(200);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(formatValue(circular)).toBe('[object Object]');
  });
  it('singular noun for one problem', () => {
    expect(new ValidationError('p', [{ field: 'f', value: 1, problem: 'x', fix: 'y' }]).message).toMatch(
      /^Invalid input for p \(1 problem\):/,
    );
  });
});

describe('tags', () => {
  it('adds Name over module tags', () => {
    expect(withName('n', { a: 'b', Name: 'old' })).toEqual({ a: 'b', Name: 'n' });
    expect(withName('n', undefined)).toEqual({ Name: 'n' });
  });
});
