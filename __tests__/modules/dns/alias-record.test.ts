import { TerraformOutput, TerraformVariable, Testing } from 'cdktf';
import {
  AliasRecord,
  AliasRecordProps,
  CLOUDFRONT_HOSTED_ZONE_ID,
  cloudFrontAliasTarget,
  isInZone,
  loadBalancerAliasTarget,
} from '../../../modules/dns';
import { domainNameProblems } from '../../../modules/dns/domain-names';
import { ApplicationLoadBalancer } from '../../../modules/alb';
import { BASE as ALB, newStack, ofType, problemsOf, synth } from '../alb/helpers';

const ZONE = 'Z0123456789ABCDEFGHIJ';
const LB_TARGET = {
  dnsName: 'web-123.us-east-1.elb.amazonaws.com',
  hostedZoneId: 'Z35SXDOTRQ7X7K',
  ipv6: false,
};
const BASE: AliasRecordProps = { zoneId: ZONE, recordName: 'app.example.com', target: LB_TARGET };

function build(props: Partial<AliasRecordProps> = {}) {
  const stack = newStack();
  const record = new AliasRecord(stack, 'dns', { ...BASE, ...props });
  return { record, json: synth(stack) };
}

describe('AliasRecord to an IPv4 load balancer', () => {
  const { json, record } = build();
  it('creates an A alias that evaluates target health', () => {
    expect(ofType(json, 'aws_route53_record')).toEqual([
      {
        zone_id: ZONE,
        name: 'app.example.com',
        type: 'A',
        alias: { name: LB_TARGET.dnsName, zone_id: 'Z35SXDOTRQ7X7K', evaluate_target_health: true },
      },
    ]);
    expect(record.recordName).toBe('app.example.com');
    expect(Object.keys(record.records)).toEqual(['A']);
  });
});

describe('AliasRecord to a CloudFront distribution', () => {
  const { json } = build({
    recordName: 'example.com',
    target: cloudFrontAliasTarget('d111111abcdef8.cloudfront.net'),
  });
  it('creates A and AAAA aliases to Z2FDTNDATAQYW2 without health evaluation', () => {
    expect(ofType(json, 'aws_route53_record').map((r) => [r.type, r.alias])).toEqual([
      [
        'A',
        { name: 'd111111abcdef8.cloudfront.net', zone_id: 'Z2FDTNDATAQYW2', evaluate_target_health: false },
      ],
      [
        'AAAA',
        { name: 'd111111abcdef8.cloudfront.net', zone_id: 'Z2FDTNDATAQYW2', evaluate_target_health: false },
      ],
    ]);
    expect(CLOUDFRONT_HOSTED_ZONE_ID).toBe('Z2FDTNDATAQYW2');
  });
});

describe('AliasRecord from an ApplicationLoadBalancer', () => {
  const stack = newStack();
  const v4 = new ApplicationLoadBalancer(stack, 'v4', ALB);
  const dual = new ApplicationLoadBalancer(stack, 'dual', {
    ...ALB,
    name: 'dual',
    ipAddressType: 'dualstack',
  });
  new AliasRecord(stack, 'a', {
    zoneId: ZONE,
    recordName: 'a.example.com',
    target: loadBalancerAliasTarget(v4),
  });
  new AliasRecord(stack, 'b', {
    zoneId: ZONE,
    recordName: 'b.example.com',
    target: loadBalancerAliasTarget(dual),
  });
  const records = ofType(synth(stack), 'aws_route53_record');
  it('points at the load balancer DNS name and zone, AAAA only for dual-stack', () => {
    expect(records.map((r) => `${r.name} ${r.type}`)).toEqual([
      'a.example.com A',
      'b.example.com A',
      'b.example.com AAAA',
    ]);
    expect(records[0].alias).toEqual({
      name: expect.stringMatching(/^\$\{aws_lb\.v4_[^}]+\.dns_name\}$/),
      zone_id: expect.stringMatching(/^\$\{aws_lb\.v4_[^}]+\.zone_id\}$/),
      evaluate_target_health: true,
    });
  });
});

describe('AliasRecord options and validation', () => {
  it('evaluateTargetHealth: false and explicit record types', () => {
    const { json } = build({
      evaluateTargetHealth: false,
      recordTypes: ['A'],
      target: { ...LB_TARGET, ipv6: true },
    });
    expect(
      ofType(json, 'aws_route53_record').map((r) => [
        r.type,
        (r.alias as { evaluate_target_health: boolean }).evaluate_target_health,
      ]),
    ).toEqual([['A', false]]);
  });

  const cases: [string, Partial<AliasRecordProps>, string, unknown, string, string][] = [
    [
      'a zone id with its prefix',
      { zoneId: `/hostedzone/${ZONE}` },
      'zoneId',
      `/hostedzone/${ZONE}`,
      'is not a Route 53 hosted zone id',
      'without "/hostedzone/"',
    ],
    [
      "CloudFront's zone as your zone",
      { zoneId: CLOUDFRONT_HOSTED_ZONE_ID },
      'zoneId',
      CLOUDFRONT_HOSTED_ZONE_ID,
      "is CloudFront's alias zone",
      'cloudFrontAliasTarget',
    ],
    [
      'a record name in upper case',
      { recordName: 'App.example.com' },
      'recordName',
      'App.example.com',
      'has upper-case letters',
      'app.example.com',
    ],
    [
      'a record outside the zone',
      { zoneName: 'example.org' },
      'recordName',
      'app.example.com',
      'is not in the zone example.org',
      '".example.org"',
    ],
    [
      'health evaluation on CloudFront',
      { target: cloudFrontAliasTarget('d1.cloudfront.net'), evaluateTargetHealth: true },
      'evaluateTargetHealth',
      true,
      'which Route 53 does not support',
      'leave evaluateTargetHealth unset',
    ],
    [
      'AAAA for an IPv4-only target',
      { recordTypes: ['A', 'AAAA'] },
      'recordTypes',
      ['A', 'AAAA'],
      'the target has no IPv6 address',
      'drop "AAAA"',
    ],
    [
      'no record type',
      { recordTypes: [] },
      'recordTypes',
      [],
      'must list "A" and/or "AAAA", each once',
      '["A"]',
    ],
    ['a type twice', { recordTypes: ['A', 'A'] }, 'recordTypes', ['A', 'A'], 'each once', '["A"]'],
    [
      'a target without a DNS name',
      { target: { dnsName: '', hostedZoneId: 'Z35SXDOTRQ7X7K' } },
      'target.dnsName',
      '',
      'is required',
      'loadBalancerAliasTarget',
    ],
    [
      'a target zone that is not a zone id',
      { target: { ...LB_TARGET, hostedZoneId: 'elb' } },
      'target.hostedZoneId',
      'elb',
      'is not a hosted zone id',
      'CLOUDFRONT_HOSTED_ZONE_ID',
    ],
  ];
  it.each(cases)('refuses %s', (_name, props, field, value, problem, fix) => {
    expect(problemsOf(() => build(props))).toContainEqual({
      field,
      value,
      problem: expect.stringContaining(problem),
      fix: expect.stringContaining(fix),
    });
  });

  const accepted: [string, Partial<AliasRecordProps>][] = [
    ['the zone apex', { recordName: 'example.com', zoneName: 'example.com' }],
    ['a wildcard record', { recordName: '*.example.com', zoneName: 'example.com' }],
    ['AAAA for a dual-stack target', { recordTypes: ['AAAA'], target: { ...LB_TARGET, ipv6: true } }],
    ['CloudFront without health evaluation', { target: cloudFrontAliasTarget('d1.cloudfront.net', false) }],
  ];
  it.each(accepted)('accepts %s', (_name, props) => {
    expect(() => build(props)).not.toThrow();
  });
});

describe('domain name helpers', () => {
  it.each([
    ['example.com', []],
    ['*.example.com', ['is a wildcard name, which is not allowed here']],
    [
      'a..example.com',
      ['has invalid labels "" (1-63 letters, digits and hyphens, not starting or ending with a hyphen)'],
    ],
    [
      `${'a'.repeat(64)}.com`,
      [
        `has invalid labels "${'a'.repeat(64)}" (1-63 letters, digits and hyphens, not starting or ending with a hyphen)`,
      ],
    ],
    ['', ['is empty']],
  ])('%j', (name, problems) => {
    expect(domainNameProblems(name)).toEqual(problems);
  });
  it('knows what is in a zone', () => {
    expect([
      isInZone('a.example.com', 'example.com'),
      isInZone('example.com', 'example.com.'),
      isInZone('badexample.com', 'example.com'),
    ]).toEqual([true, true, false]);
  });
});

describe('AliasRecord problems, in full', () => {
  const LB_FIX = 'use the id only, such as "Z0123456789ABCDEFGHIJ" (without "/hostedzone/")';
  const LABEL_RULE = '(1-63 letters, digits and hyphens, not starting or ending with a hyphen)';
  const cases: [string, Partial<AliasRecordProps>, object[]][] = [
    [
      'an empty zone id',
      { zoneId: '' },
      [
        { field: 'zoneId', value: '', problem: 'is required', fix: 'pass the id of your hosted zone' },
        { field: 'zoneId', value: '', problem: 'is not a Route 53 hosted zone id', fix: LB_FIX },
      ],
    ],
    [
      'a zone id with a trailing character',
      { zoneId: `${ZONE}/` },
      [{ field: 'zoneId', value: `${ZONE}/`, problem: 'is not a Route 53 hosted zone id', fix: LB_FIX }],
    ],
    [
      'no target',
      { target: undefined },
      [{ field: 'target', value: undefined, problem: 'is required', fix: 'pass target, an object' }],
    ],
    [
      'a record name with an empty label, in a zone',
      { recordName: 'app..example.com', zoneName: 'example.com' },
      [
        {
          field: 'recordName',
          value: 'app..example.com',
          problem: `is not a valid record name (has invalid labels "" ${LABEL_RULE})`,
          fix: 'use a fully qualified lower-case name such as "app.example.com"',
        },
      ],
    ],
    [
      'a zone name with a trailing dot and capitals',
      { zoneName: 'Example.com.' },
      [
        {
          field: 'zoneName',
          value: 'Example.com.',
          problem: 'is not a domain name',
          fix: 'use the zone name without a trailing dot, e.g. "example.com"',
        },
      ],
    ],
    [
      'a wildcard record outside the zone',
      { recordName: '*.example.com', zoneName: 'example.org' },
      [
        {
          field: 'recordName',
          value: '*.example.com',
          problem: 'is not in the zone example.org',
          fix: 'use a name ending in ".example.org", or the zone apex',
        },
      ],
    ],
    [
      'a CNAME next to an A record',
      { recordTypes: ['A', 'CNAME' as never] },
      [
        {
          field: 'recordTypes',
          value: ['A', 'CNAME'],
          problem: 'must list "A" and/or "AAAA", each once',
          fix: 'use ["A"] or ["A", "AAAA"]',
        },
      ],
    ],
    [
      'AAAA for an IPv4-only target',
      { recordTypes: ['AAAA'] },
      [
        {
          field: 'recordTypes',
          value: ['AAAA'],
          problem:
            'has AAAA, but the target has no IPv6 address (the name would resolve to nothing over IPv6)',
          fix: 'drop "AAAA", or make the target dual-stack (ALB ipAddressType "dualstack")',
        },
      ],
    ],
    [
      "CloudFront's zone as the record's zone",
      { zoneId: CLOUDFRONT_HOSTED_ZONE_ID },
      [
        {
          field: 'zoneId',
          value: 'Z2FDTNDATAQYW2',
          problem: "is CloudFront's alias zone, not a zone you own",
          fix: 'pass your hosted zone as zoneId, and the distribution as target (cloudFrontAliasTarget)',
        },
      ],
    ],
    [
      'health evaluation on CloudFront',
      { target: cloudFrontAliasTarget('d1.cloudfront.net'), evaluateTargetHealth: true },
      [
        {
          field: 'evaluateTargetHealth',
          value: true,
          problem: 'is true for a CloudFront target, which Route 53 does not support',
          fix: 'leave evaluateTargetHealth unset (false) for CloudFront',
        },
      ],
    ],
    [
      'a target without a DNS name',
      { target: { dnsName: '', hostedZoneId: 'Z35SXDOTRQ7X7K', ipv6: false } },
      [
        {
          field: 'target.dnsName',
          value: '',
          problem: 'is required',
          fix: 'use loadBalancerAliasTarget(alb) or cloudFrontAliasTarget(distribution.domainName)',
        },
      ],
    ],
    [
      'a target zone that is not a zone id',
      { target: { ...LB_TARGET, hostedZoneId: 'elb' } },
      [
        {
          field: 'target.hostedZoneId',
          value: 'elb',
          problem: 'is not a hosted zone id',
          fix: "pass the target's canonical zone id (an ALB's zoneId, or CLOUDFRONT_HOSTED_ZONE_ID)",
        },
      ],
    ],
  ];
  it.each(cases)('refuses %s', (_name, props, problems) => {
    expect(problemsOf(() => build(props))).toEqual(problems);
  });

  it('leaves a record name it cannot read (a token) to Route 53', () => {
    const stack = newStack();
    const name = new TerraformVariable(stack, 'name', { type: 'string' });
    new AliasRecord(stack, 'dns', { ...BASE, recordName: name.stringValue, zoneName: 'example.com' });
    expect(ofType(synth(stack), 'aws_route53_record').map((r) => r.name)).toEqual(['${var.name}']);
  });
});

describe('AliasRecord attributes', () => {
  function fqdnOf(props: Partial<AliasRecordProps>): unknown {
    const stack = newStack();
    const record = new AliasRecord(stack, 'dns', { ...BASE, ...props });
    new TerraformOutput(stack, 'fqdn', { value: record.fqdn });
    return (JSON.parse(Testing.synth(stack)) as { output: { fqdn: { value: unknown } } }).output.fqdn.value;
  }
  it.each([
    [
      'A and AAAA: the A record',
      { target: { ...LB_TARGET, ipv6: true } },
      /^\$\{aws_route53_record\.dns_a_[0-9A-F]{8}\.fqdn\}$/,
    ],
    [
      'AAAA only: the AAAA record',
      { recordTypes: ['AAAA' as const], target: { ...LB_TARGET, ipv6: true } },
      /^\$\{aws_route53_record\.dns_aaaa_[0-9A-F]{8}\.fqdn\}$/,
    ],
  ])('fqdn of %s', (_name, props, expected) => {
    expect(fqdnOf(props)).toMatch(expected);
  });
  it.each([
    [undefined, false],
    ['ipv4', false],
    ['dualstack', true],
    ['dualstack-without-public-ipv4', true],
  ])('a load balancer with ipAddressType %j has IPv6: %j', (ipAddressType, ipv6) => {
    expect(
      loadBalancerAliasTarget({
        loadBalancerDnsName: 'lb',
        loadBalancerZoneId: 'Z35SXDOTRQ7X7K',
        ipAddressType,
      }),
    ).toEqual({ dnsName: 'lb', hostedZoneId: 'Z35SXDOTRQ7X7K', ipv6 });
  });
});

describe('domainNameProblems, every rule', () => {
  const LABEL_RULE = '(1-63 letters, digits and hyphens, not starting or ending with a hyphen)';
  it.each([
    ['', {}, ['is empty']],
    [`${'a.'.repeat(126)}com`, {}, ['is longer than 253 characters']],
    [`${'a.'.repeat(125)}com`, {}, []],
    ['abc.example.com', { maxLength: 14 }, ['is longer than 14 characters']],
    ['abc.example.com', { maxLength: 15 }, []],
    ['example.com.', {}, ['ends with a dot']],
    ['com', {}, ['needs at least two labels (e.g. "example.com")']],
    ['*.com', { wildcard: true }, ['needs at least two labels (e.g. "example.com")']],
    ['*.example.com', { wildcard: true }, []],
    ['a.*.example.com', { wildcard: true }, ['has "*" other than as the whole leftmost label']],
    ['a*.example.com', { wildcard: true }, ['has "*" other than as the whole leftmost label']],
    [
      'A.example.com',
      {},
      ['has upper-case letters (DNS names are case-insensitive; write them in lower case)'],
    ],
    ['-a.b-.example.com', {}, [`has invalid labels "-a", "b-" ${LABEL_RULE}`]],
    ['a-b.example.com', {}, []],
  ])('%j with %j', (name, rules, problems) => {
    expect(domainNameProblems(name, rules)).toEqual(problems);
  });
  it.each([
    ['a.example.com.', 'Example.COM', true],
    ['example.com', 'example.com', true],
    ['example.com', 'a.example.com', false],
  ])('isInZone(%j, %j) is %j', (name, zone, inZone) => {
    expect(isInZone(name, zone)).toBe(inZone);
  });
});
