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
  ])('%s', (name, problems) => {
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
