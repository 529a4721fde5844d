import { Lazy, TerraformStack } from 'cdktf';
import {
  ApplicationLoadBalancer,
  ApplicationLoadBalancerProps,
  AlbSslPolicy,
  DesyncMitigationMode,
  ELB_ACCOUNT_IDS,
  XffHeaderProcessingMode,
  elbLogDeliveryPrincipal,
  elbLogDeliveryStatement,
} from '../../../modules/alb';
import { ValidationProblem } from '../../../modules/core/validation';
import { SecurityGroup } from '../../../modules/security-group';
import { BASE, Block, CERT, CERT2, Synth, VPC, WAF, newStack, ofType, problemsOf, synth } from './helpers';
import { lazy } from '../../support/lazy';

const SUBNET_A = 'subnet-0123456789abcdef0';
const SUBNET_B = 'subnet-0123456789abcdef1';
const SUBNET_C = 'subnet-0123456789abcdef2';
const UUID = '11111111-2222-3333-4444-555555555555';
const IAM_CERT = 'arn:aws:iam::123456789012:server-certificate/prod/web_2024';
const GOV_CERT = `arn:aws-us-gov:acm:us-gov-west-1:123456789012:certificate/${UUID}`;
const GOV_WAF = `arn:aws-us-gov:wafv2:us-gov-west-1:123456789012:regional/webacl/web/${UUID}`;

const NAME_PROBLEM =
  'is not a valid load balancer name (1-32 letters, digits and hyphens, not starting or ending with a hyphen or with "internal-")';
const NAME_FIX = 'use a name such as "orders-prod"';
const SUBNET_COUNT_FIX =
  'pass one subnet in each of two or more availability zones (e.g. the public subnets of the Vpc construct)';
const CERT_PROBLEM = 'is not an ACM (or IAM server) certificate ARN';
const CERT_FIX = 'use an ARN such as "arn:aws:acm:us-east-1:123456789012:certificate/<uuid>"';
const WAF_PROBLEM = 'is not a regional WAFv2 web ACL ARN';
const WAF_FIX =
  'use an ARN such as "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/<name>/<id>" (CloudFront ACLs are global and cannot be used)';
const PREFIX_PROBLEM =
  "is not a valid log prefix (no leading or trailing '/', no 'AWSLogs', S3-safe characters)";
const PREFIX_FIX = 'use a prefix such as "alb/orders-prod"';
const POLICY_FIX =
  'use ELBSecurityPolicy-TLS13-1-2-2021-06 (TLS 1.3 + 1.2) or another policy in TLS12_SSL_POLICIES';

/** A value known only at apply time. */
function token(value: string): string {
  return Lazy.stringValue({ produce: () => value });
}

function make(props: Partial<ApplicationLoadBalancerProps>): ApplicationLoadBalancer {
  return new ApplicationLoadBalancer(newStack(), 'alb', { ...BASE, ...props });
}

function build(
  props: Partial<ApplicationLoadBalancerProps> = {},
  after?: (alb: ApplicationLoadBalancer, stack: TerraformStack) => void,
) {
  const stack = newStack();
  const alb = new ApplicationLoadBalancer(stack, 'alb', { ...BASE, ...props });
  after?.(alb, stack);
  return { alb, json: synth(stack), stack };
}

/** Resources of one type keyed by construct path (`alb_https`), without the hash and metadata. */
function byId(json: Synth, type: string): Record<string, Block> {
  return Object.fromEntries(
    Object.entries(json.resource[type] ?? {}).map(([key, b]) => [
      key.replace(/_[0-9A-F]{8}$/, ''),
      Object.fromEntries(Object.entries(b).filter(([k]) => k !== '//')),
    ]),
  );
}

/** The message of the error `fn` throws. */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

function problem(field: string, value: unknown, text: string, fix: string): ValidationProblem {
  return { field, value, problem: text, fix };
}

describe('ApplicationLoadBalancer validation, every problem in full', () => {
  const cases: [string, () => Partial<ApplicationLoadBalancerProps>, ValidationProblem[]][] = [
    [
      'a name starting with a hyphen',
      () => ({ name: '-web' }),
      [problem('name', '-web', NAME_PROBLEM, NAME_FIX)],
    ],
    [
      'a name ending with a hyphen',
      () => ({ name: 'web-' }),
      [problem('name', 'web-', NAME_PROBLEM, NAME_FIX)],
    ],
    [
      'a name with an underscore',
      () => ({ name: 'we_b' }),
      [problem('name', 'we_b', NAME_PROBLEM, NAME_FIX)],
    ],
    [
      'a 33-character name',
      () => ({ name: 'a'.repeat(33) }),
      [problem('name', 'a'.repeat(33), NAME_PROBLEM, NAME_FIX)],
    ],
    [
      'a name starting with internal-',
      () => ({ name: 'internal-web' }),
      [problem('name', 'internal-web', NAME_PROBLEM, NAME_FIX)],
    ],
    [
      'an unknown region (zones are then not compared with it)',
      () => ({ region: 'mars-north-1', availabilityZones: ['us-east-1a', 'us-east-1b'] }),
      [
        problem(
          'region',
          'mars-north-1',
          'is not an AWS region',
          'use the region of the stack, e.g. "us-east-1"',
        ),
      ],
    ],
    [
      'an empty VPC id',
      () => ({ vpcId: '' }),
      [problem('vpcId', '', 'is required', "pass the Vpc construct's vpcId")],
    ],
    [
      'no VPC id',
      () => ({ vpcId: undefined }),
      [problem('vpcId', undefined, 'is required', "pass the Vpc construct's vpcId")],
    ],
    [
      'no subnet list',
      () => ({ subnetIds: undefined }),
      [
        problem(
          'subnetIds',
          [],
          'has 0 subnets; an Application Load Balancer needs subnets in at least two availability zones',
          SUBNET_COUNT_FIX,
        ),
      ],
    ],
    [
      'a subnet id with text before it',
      () => ({ subnetIds: [`x${SUBNET_A}`, SUBNET_B] }),
      [
        problem(
          'subnetIds',
          [`x${SUBNET_A}`],
          'has entries that are not subnet ids',
          'use ids such as "subnet-0123456789abcdef0"',
        ),
      ],
    ],
    [
      'a subnet id with text after it',
      () => ({ subnetIds: [SUBNET_A, `${SUBNET_B}x`] }),
      [
        problem(
          'subnetIds',
          [`${SUBNET_B}x`],
          'has entries that are not subnet ids',
          'use ids such as "subnet-0123456789abcdef0"',
        ),
      ],
    ],
    [
      'a subnet id of 10 hex digits (neither 8 nor 17)',
      () => ({ subnetIds: [SUBNET_A, 'subnet-0123456789'] }),
      [
        problem(
          'subnetIds',
          ['subnet-0123456789'],
          'has entries that are not subnet ids',
          'use ids such as "subnet-0123456789abcdef0"',
        ),
      ],
    ],
    [
      'a malformed subnet id next to one known only at apply time',
      () => ({ subnetIds: [token(SUBNET_A), 'subnet-xyz'] }),
      [
        problem(
          'subnetIds',
          ['subnet-xyz'],
          'has entries that are not subnet ids',
          'use ids such as "subnet-0123456789abcdef0"',
        ),
      ],
    ],
    [
      'an empty zone list',
      () => ({ availabilityZones: [] }),
      [
        problem(
          'availabilityZones',
          [],
          'has 0 entries for 2 subnets',
          'give the zone of each subnet, in the same order as subnetIds',
        ),
        problem(
          'availabilityZones',
          [],
          'names 0 distinct zones; an Application Load Balancer needs at least two',
          'use subnets in two or more availability zones',
        ),
      ],
    ],
    [
      'two subnets in one zone',
      () => ({ availabilityZones: ['us-east-1a', 'us-east-1a'] }),
      [
        problem(
          'availabilityZones',
          ['us-east-1a', 'us-east-1a'],
          'names 1 distinct zone; an Application Load Balancer needs at least two',
          'use subnets in two or more availability zones',
        ),
        problem(
          'availabilityZones',
          ['us-east-1a'],
          'names a zone more than once (a load balancer uses one subnet per zone)',
          'pass one subnet per availability zone',
        ),
      ],
    ],
    [
      'three subnets in two zones',
      () => ({
        subnetIds: [SUBNET_A, SUBNET_B, SUBNET_C],
        availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1a'],
      }),
      [
        problem(
          'availabilityZones',
          ['us-east-1a'],
          'names a zone more than once (a load balancer uses one subnet per zone)',
          'pass one subnet per availability zone',
        ),
      ],
    ],
    [
      'a zone of another region next to one known only at apply time',
      () => ({ availabilityZones: [token('us-east-1a'), 'eu-west-1b'] }),
      [
        problem(
          'availabilityZones',
          ['eu-west-1b'],
          'has zones that are not in us-east-1',
          'use zones such as "us-east-1a"',
        ),
      ],
    ],
    [
      'a certificate ARN with text before it',
      () => ({ certificateArn: `x${CERT}` }),
      [problem('certificateArn', `x${CERT}`, CERT_PROBLEM, CERT_FIX)],
    ],
    [
      'a certificate ARN with text after it',
      () => ({ certificateArn: `${CERT}x` }),
      [problem('certificateArn', `${CERT}x`, CERT_PROBLEM, CERT_FIX)],
    ],
    [
      'an IAM server certificate ARN without a name',
      () => ({ certificateArn: 'arn:aws:iam::123456789012:server-certificate/' }),
      [problem('certificateArn', 'arn:aws:iam::123456789012:server-certificate/', CERT_PROBLEM, CERT_FIX)],
    ],
    [
      'an IAM server certificate ARN with a 5-digit account',
      () => ({ certificateArn: 'arn:aws:iam::12345:server-certificate/web' }),
      [problem('certificateArn', 'arn:aws:iam::12345:server-certificate/web', CERT_PROBLEM, CERT_FIX)],
    ],
    [
      'a malformed additional certificate',
      () => ({ additionalCertificateArns: [CERT2, 'arn:aws:acm:us-east-1:123:cert'] }),
      [problem('additionalCertificateArns[1]', 'arn:aws:acm:us-east-1:123:cert', CERT_PROBLEM, CERT_FIX)],
    ],
    [
      'an additional certificate of another region',
      () => ({ additionalCertificateArns: [CERT2.replace('us-east-1', 'eu-west-1')] }),
      [
        problem(
          'additionalCertificateArns[0]',
          CERT2.replace('us-east-1', 'eu-west-1'),
          'is in another region than the load balancer (us-east-1)',
          'request the certificate in us-east-1 (CloudFront certificates live in us-east-1)',
        ),
      ],
    ],
    [
      'an additional certificate listed twice',
      () => ({ additionalCertificateArns: [CERT2, CERT2] }),
      [problem('additionalCertificateArns', [CERT2], 'repeats a certificate', 'list each certificate once')],
    ],
    [
      'a repeated certificate next to the main one known only at apply time',
      () => {
        const main = token(CERT);
        return { certificateArn: main, additionalCertificateArns: [main, CERT2, CERT2] };
      },
      [problem('additionalCertificateArns', [CERT2], 'repeats a certificate', 'list each certificate once')],
    ],
    [
      'additional certificates without HTTPS',
      () => ({
        certificateArn: undefined,
        allowPlainHttp: true,
        internal: true,
        ingress: { cidrs: ['10.0.0.0/16'] },
        additionalCertificateArns: [CERT2],
      }),
      [
        problem(
          'additionalCertificateArns',
          [CERT2],
          'is set, but there is no HTTPS listener',
          'pass certificateArn, or remove additionalCertificateArns',
        ),
      ],
    ],
    [
      'an unknown TLS policy',
      () => ({ sslPolicy: 'ELBSecurityPolicy-Made-Up' as AlbSslPolicy }),
      [
        problem(
          'sslPolicy',
          'ELBSecurityPolicy-Made-Up',
          'is not a known TLS 1.2+ Elastic Load Balancing security policy',
          POLICY_FIX,
        ),
      ],
    ],
    [
      'a web ACL ARN with text before it',
      () => ({ webAclArn: `x${WAF}` }),
      [problem('webAclArn', `x${WAF}`, WAF_PROBLEM, WAF_FIX)],
    ],
    [
      'a web ACL ARN with text after it',
      () => ({ webAclArn: `${WAF}0` }),
      [problem('webAclArn', `${WAF}0`, WAF_PROBLEM, WAF_FIX)],
    ],
    [
      'an IPv6-only address type',
      () => ({ ipAddressType: 'ipv6' as 'ipv4' }),
      [
        problem(
          'ipAddressType',
          'ipv6',
          'must be "ipv4", "dualstack" or "dualstack-without-public-ipv4"',
          'leave it unset for IPv4',
        ),
      ],
    ],
    [
      'an unknown desync mitigation mode',
      () => ({ desyncMitigationMode: 'off' as DesyncMitigationMode }),
      [
        problem(
          'desyncMitigationMode',
          'off',
          'must be "monitor", "defensive" or "strictest"',
          'leave it unset (defensive) or use "strictest"',
        ),
      ],
    ],
    [
      'an unknown X-Forwarded-For mode',
      () => ({ xffHeaderProcessingMode: 'drop' as XffHeaderProcessingMode }),
      [
        problem(
          'xffHeaderProcessingMode',
          'drop',
          'must be "append", "preserve" or "remove"',
          'leave it unset (append)',
        ),
      ],
    ],
    [
      'a log prefix with a leading /',
      () => ({ accessLogs: { prefix: '/alb' } }),
      [problem('accessLogs.prefix', '/alb', PREFIX_PROBLEM, PREFIX_FIX)],
    ],
    [
      'a log prefix with an empty segment',
      () => ({ accessLogs: { prefix: 'alb//web' } }),
      [problem('accessLogs.prefix', 'alb//web', PREFIX_PROBLEM, PREFIX_FIX)],
    ],
    [
      'a log prefix of 201 characters',
      () => ({ accessLogs: { prefix: 'a'.repeat(201) } }),
      [problem('accessLogs.prefix', 'a'.repeat(201), PREFIX_PROBLEM, PREFIX_FIX)],
    ],
    [
      'a name that is a number and a subnet list that is a string',
      () => ({ name: 42 as unknown as string, subnetIds: SUBNET_A as unknown as string[] }),
      [
        problem('name', 42, 'must be a string, not a number', 'pass name as a string'),
        problem('subnetIds', SUBNET_A, 'must be a list, not a string', 'pass subnetIds as a list'),
      ],
    ],
  ];

  it.each(cases)('refuses %s', (_name, props, expected) => {
    expect(problemsOf(() => make(props()))).toEqual(expected);
  });

  it.each([
    'ELBSecurityPolicy-2016-08',
    'ELBSecurityPolicy-2015-05',
    'ELBSecurityPolicy-TLS-1-0-2015-04',
    'ELBSecurityPolicy-TLS-1-1-2017-01',
    'ELBSecurityPolicy-FS-2018-06',
    'ELBSecurityPolicy-FS-1-1-2019-08',
    'ELBSecurityPolicy-TLS13-1-0-2021-06',
    'ELBSecurityPolicy-TLS13-1-1-2021-06',
    'ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04',
    'ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04',
    'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09',
    'ELBSecurityPolicy-TLS13-1-1-PQ-2025-09',
    'ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09',
    'ELBSecurityPolicy-TLS13-1-1-FIPS-PQ-2025-09',
  ])('refuses the legacy TLS policy %s, saying it still accepts TLS 1.0 or 1.1', (policy) => {
    expect(problemsOf(() => make({ sslPolicy: policy as AlbSslPolicy }))).toEqual([
      problem(
        'sslPolicy',
        policy,
        'still accepts TLS 1.0 or 1.1, which are deprecated (RFC 8996) and fail PCI DSS',
        POLICY_FIX,
      ),
    ]);
  });

  it('names the construct path and every problem in the message', () => {
    expect(messageOf(() => make({ vpcId: '', ipAddressType: 'ipv6' as 'ipv4' }))).toBe(
      [
        'Invalid input for test/alb (2 problems):',
        `  - vpcId = "": is required. Fix: pass the Vpc construct's vpcId`,
        '  - ipAddressType = "ipv6": must be "ipv4", "dualstack" or "dualstack-without-public-ipv4". Fix: leave it unset for IPv4',
      ].join('\n'),
    );
  });
});

describe('ApplicationLoadBalancer validation, values at the edge that are accepted', () => {
  const accepted: [string, Partial<ApplicationLoadBalancerProps>][] = [
    ['a one-character name', { name: 'a' }],
    ['a two-character name', { name: 'a1' }],
    ['short (8 hex digit) subnet ids', { subnetIds: ['subnet-01234567', 'subnet-89abcdef'] }],
    ['an IAM server certificate with a path', { certificateArn: IAM_CERT }],
    ['an IAM server certificate as additional certificate', { additionalCertificateArns: [IAM_CERT] }],
    ['a GovCloud certificate in its region', { region: 'us-gov-west-1', certificateArn: GOV_CERT }],
    ['a GovCloud web ACL', { region: 'us-gov-west-1', certificateArn: GOV_CERT, webAclArn: GOV_WAF }],
    ['a one-segment log prefix', { accessLogs: { prefix: 'logs' } }],
    ['a three-segment log prefix', { accessLogs: { prefix: 'alb/prod/web' } }],
    ["a log prefix with S3-safe punctuation !-_.*'()", { accessLogs: { prefix: "a!-_.*'()b/c" } }],
    ['a log prefix of 200 characters', { accessLogs: { prefix: 'a'.repeat(200) } }],
    [
      'zones of which one is known only at apply time',
      { availabilityZones: [token('us-east-1a'), 'us-east-1b'] },
    ],
  ];

  it.each(accepted)('accepts %s', (_name, props) => {
    expect(() => make(props)).not.toThrow();
  });

  it.each(['monitor', 'defensive', 'strictest'] as const)('sets desync mitigation mode %s', (mode) => {
    const { json } = build({ desyncMitigationMode: mode, accessLogs: false });
    expect(ofType(json, 'aws_lb')[0].desync_mitigation_mode).toBe(mode);
  });

  it.each(['append', 'preserve', 'remove'] as const)('sets X-Forwarded-For processing %s', (mode) => {
    const { json } = build({ xffHeaderProcessingMode: mode, accessLogs: false });
    expect(ofType(json, 'aws_lb')[0].xff_header_processing_mode).toBe(mode);
  });
});

describe('ApplicationLoadBalancer security group and listeners', () => {
  const tagged = lazy(() => build({ tags: { Team: 'ml' }, accessLogs: false }).json);

  it('admits HTTPS and the HTTP redirect from clients under stable rule ids', () => {
    const rules = byId(tagged(), 'aws_vpc_security_group_ingress_rule');
    expect(Object.fromEntries(Object.entries(rules).map(([id, r]) => [id, [r.description, r.tags]]))).toEqual(
      {
        'alb_security-group_in-https-v4-any': [
          'HTTPS from clients (tcp 443) from 0.0.0.0/0',
          { Name: 'web-alb-https', Team: 'ml' },
        ],
        'alb_security-group_in-https-v6-any': [
          'HTTPS from clients (tcp 443) from ::/0',
          { Name: 'web-alb-https', Team: 'ml' },
        ],
        'alb_security-group_in-http-v4-any': [
          'HTTP redirect to HTTPS from clients (tcp 80) from 0.0.0.0/0',
          { Name: 'web-alb-http', Team: 'ml' },
        ],
        'alb_security-group_in-http-v6-any': [
          'HTTP redirect to HTTPS from clients (tcp 80) from ::/0',
          { Name: 'web-alb-http', Team: 'ml' },
        ],
      },
    );
  });

  it('names each listener after the load balancer and tags it', () => {
    const listeners = byId(tagged(), 'aws_lb_listener');
    expect(Object.keys(listeners).sort()).toEqual(['alb_http', 'alb_https']);
    expect(listeners.alb_https.tags).toEqual({ Name: 'web-https', Team: 'ml' });
    expect(listeners.alb_http.tags).toEqual({ Name: 'web-http', Team: 'ml' });
  });

  it('labels plain-HTTP ingress "HTTP from clients"', () => {
    const { json } = build({
      certificateArn: undefined,
      allowPlainHttp: true,
      internal: true,
      ingress: { cidrs: ['10.0.0.0/16'] },
      accessLogs: false,
    });
    const rules = byId(json, 'aws_vpc_security_group_ingress_rule');
    expect(Object.entries(rules).map(([id, r]) => [id, r.description])).toEqual([
      ['alb_security-group_in-http-v4-10-0-0-0-16', 'HTTP from clients (tcp 80) from 10.0.0.0/16'],
    ]);
    expect(byId(json, 'aws_lb_listener').alb_http.tags).toEqual({ Name: 'web-http' });
  });

  it('names additional-certificate resources after the certificate id, or its position for a token', () => {
    const { json } = build({
      accessLogs: false,
      additionalCertificateArns: [
        CERT2,
        IAM_CERT,
        token(`arn:aws:acm:us-east-1:123456789012:certificate/${UUID}`),
      ],
    });
    const certs = byId(json, 'aws_lb_listener_certificate');
    expect(Object.fromEntries(Object.entries(certs).map(([id, c]) => [id, c.certificate_arn]))).toEqual({
      'alb_certificate-66666666-7777-8888-9999-000000000000': CERT2,
      'alb_certificate-web-2024': IAM_CERT,
      'alb_certificate-2': `arn:aws:acm:us-east-1:123456789012:certificate/${UUID}`,
    });
  });
});

describe('ApplicationLoadBalancer log delivery grant', () => {
  it('names the statement after the load balancer without its hyphens', () => {
    const { json } = build({ name: 'orders-prod-2' });
    const doc = Object.values(json.data?.aws_iam_policy_document ?? {})[0] as { statement: Block[] };
    expect(doc.statement.map((s) => s.sid)).toContain('AllowElbLogDeliveryordersprod2');
    expect(ofType(json, 'aws_s3_bucket')[0].bucket).toBe('orders-prod-2-alb-logs-us-east-1');
  });

  it.each([
    ['us-east-2', '033677994240'],
    ['us-west-1', '027434742980'],
    ['us-west-2', '797873946194'],
    ['af-south-1', '098369216593'],
    ['ap-east-1', '754344448648'],
    ['ap-south-1', '718504428378'],
    ['ap-northeast-1', '582318560864'],
    ['ap-northeast-2', '600734575887'],
    ['ap-northeast-3', '383597477331'],
    ['ap-southeast-1', '114774131450'],
    ['ap-southeast-2', '783225319266'],
    ['ap-southeast-3', '589379963580'],
    ['ca-central-1', '985666609251'],
    ['eu-central-1', '054676820928'],
    ['eu-west-1', '156460612806'],
    ['eu-west-2', '652711504416'],
    ['eu-west-3', '009996457667'],
    ['eu-south-1', '635631232127'],
    ['eu-north-1', '897822967062'],
    ['me-south-1', '076674570225'],
    ['sa-east-1', '507241528517'],
  ])('lets the ELB account of %s write the logs', (region, account) => {
    expect(ELB_ACCOUNT_IDS[region]).toBe(account);
    expect(elbLogDeliveryPrincipal(region)).toEqual({
      type: 'AWS',
      identifier: `arn:aws:iam::${account}:root`,
    });
  });

  it.each([
    ['us-gov-east-1', 'arn:aws-us-gov:iam::190560391635:root'],
    ['cn-northwest-1', 'arn:aws-cn:iam::037604701340:root'],
  ])('names the ELB account of %s in its partition', (region, identifier) => {
    expect(elbLogDeliveryPrincipal(region)).toEqual({ type: 'AWS', identifier });
  });

  it('builds a statement for the bucket root and a prefix, with the default statement id', () => {
    expect(
      elbLogDeliveryStatement({
        bucketArn: 'arn:aws:s3:::central-logs',
        region: 'eu-west-2',
        accountId: '123456789012',
        prefixes: ['', 'alb/web'],
      }),
    ).toEqual({
      sid: 'AllowElbLogDelivery',
      effect: 'Allow',
      principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::652711504416:root'] }],
      actions: ['s3:PutObject'],
      resources: [
        'arn:aws:s3:::central-logs/AWSLogs/123456789012/*',
        'arn:aws:s3:::central-logs/alb/web/AWSLogs/123456789012/*',
      ],
    });
  });
});

describe('ApplicationLoadBalancer target group and rule tags', () => {
  it('gives target groups and rules the load balancer tags unless they bring their own', () => {
    const { json } = build({ tags: { Team: 'ml' }, accessLogs: false }, (alb) => {
      const inherited = alb.addTargetGroup('api', { name: 'web-api', port: 8000 });
      const own = alb.addTargetGroup('ui', { name: 'web-ui', port: 3000, tags: { Team: 'ui' } });
      alb.addRule('api', { priority: 10, pathPatterns: ['/api/*'], targetGroup: inherited });
      alb.addRule('ui', { priority: 20, pathPatterns: ['/ui/*'], targetGroup: own, tags: { Team: 'ui' } });
    });
    const groups = byId(json, 'aws_lb_target_group');
    expect(Object.fromEntries(Object.entries(groups).map(([id, g]) => [id, g.tags]))).toEqual({
      'alb_api_target-group': { Name: 'web-api', Team: 'ml' },
      'alb_ui_target-group': { Name: 'web-ui', Team: 'ui' },
    });
    const rules = byId(json, 'aws_lb_listener_rule');
    expect(Object.fromEntries(Object.entries(rules).map(([id, r]) => [id, r.tags]))).toEqual({
      'alb_rule-api_rule': { Name: 'rule-api', Team: 'ml' },
      'alb_rule-ui_rule': { Name: 'rule-ui', Team: 'ui' },
    });
  });
});

describe('ApplicationLoadBalancer.addRule and connectTo error messages', () => {
  function fresh() {
    const stack = newStack();
    const alb = new ApplicationLoadBalancer(stack, 'alb', { ...BASE, accessLogs: false });
    const tg = alb.addTargetGroup('api', { name: 'web-api', port: 8000 });
    return { stack, alb, tg };
  }

  it('names the rule in the message of a clashing priority', () => {
    const { alb, tg } = fresh();
    alb.addRule('a', { priority: 10, pathPatterns: ['/a/*'], targetGroup: tg });
    expect(messageOf(() => alb.addRule('b', { priority: 10, pathPatterns: ['/b/*'], targetGroup: tg }))).toBe(
      [
        'Invalid input for test/alb (addRule b) (1 problem):',
        '  - priority = 10: is already used by rule "rule-a". Fix: give each rule its own priority',
      ].join('\n'),
    );
  });

  it('explains how to get past the rule quota', () => {
    const { alb, tg } = fresh();
    for (let i = 1; i <= 100; i++)
      alb.addRule(`r${i}`, { priority: i, pathPatterns: [`/p${i}`], targetGroup: tg });
    expect(
      problemsOf(() => alb.addRule('r101', { priority: 101, pathPatterns: ['/x'], targetGroup: tg })),
    ).toEqual([
      problem(
        'rules',
        101,
        'exceeds the 100 rules a load balancer takes by default',
        'merge rules (a condition takes 3 values), use another load balancer, or raise the quota and build the rule with ListenerRule',
      ),
    ]);
  });

  it('reports a bad port and key of connectTo together, with the path', () => {
    const { alb } = fresh();
    expect(
      messageOf(() => alb.connectTo({ securityGroupId: 'sg-0123456789abcdef0' }, 0, { key: 'a_b' })),
    ).toBe(
      [
        'Invalid input for test/alb (connectTo) (2 problems):',
        '  - port = 0: must be a whole number from 1 to 65535. Fix: use the target port, e.g. 8000',
        '  - key = "a_b": must be 1-30 letters, digits or hyphens. Fix: use a key such as "api"',
      ].join('\n'),
    );
  });
});

describe('ApplicationLoadBalancer.connectTo rule keys', () => {
  /** Connects a SecurityGroup with construct id `id` on port 8000; the ALB's egress rule ids and descriptions. */
  function egressFor(id: string, name = 'web'): Record<string, unknown> {
    const { json } = build({ name, accessLogs: false }, (alb, stack) => {
      const hosts = new SecurityGroup(stack, id, { name: 'hosts', vpcId: VPC });
      alb.connectTo(hosts, 8000);
    });
    return Object.fromEntries(
      Object.entries(byId(json, 'aws_vpc_security_group_egress_rule')).map(([k, r]) => [k, r.description]),
    );
  }

  it.each([
    ['hosts', 'hosts'],
    ['--web_hosts.v2--', 'web-hosts-v2'],
    ['a'.repeat(35), 'a'.repeat(30)],
    [`${'b'.repeat(29)}_x`, 'b'.repeat(29)],
  ])('turns the target construct id %s into the key %s', (id, key) => {
    expect(egressFor(id)).toEqual({
      [`alb_security-group_out-${key}-8000-sg-0`]: `To targets ${key} (tcp 8000) to security group`,
    });
  });

  it('falls back to target-<n> for a construct id with no usable character', () => {
    expect(egressFor('___')).toEqual({
      'alb_security-group_out-target-0-8000-sg-0': 'To targets target-0 (tcp 8000) to security group',
    });
  });

  it('keys bare security-group ids target-0, target-1, ... and opens them with tcp ingress from the ALB', () => {
    const { json } = build({ tags: { Team: 'ml' }, accessLogs: false }, (alb) => {
      alb.connectTo({ securityGroupId: 'sg-0123456789abcdef0' }, 9000);
      alb.connectTo({ securityGroupId: 'sg-0fedcba9876543210' }, 9001, {
        description: 'From the "web" ALB, 100% äöü',
      });
    });
    const ingress = byId(json, 'aws_vpc_security_group_ingress_rule');
    expect(ingress['alb_target-in-target-0-9000']).toEqual({
      security_group_id: 'sg-0123456789abcdef0',
      referenced_security_group_id: expect.stringMatching(/^\$\{aws_security_group\.alb_security-group_sg_/),
      ip_protocol: 'tcp',
      from_port: 9000,
      to_port: 9000,
      description: 'Traffic from load balancer web (tcp 9000)',
      tags: { Name: 'web-to-target-0', Team: 'ml' },
    });
    expect(ingress['alb_target-in-target-1-9001']).toMatchObject({
      security_group_id: 'sg-0fedcba9876543210',
      ip_protocol: 'tcp',
      description: 'From the web ALB, 100  (tcp 9001)',
      tags: { Name: 'web-to-target-1', Team: 'ml' },
    });
  });

  it.each([
    ['web', 8000, 'alb-web-8000'],
    ['a'.repeat(32), 8000, `alb-${'a'.repeat(31)}-8000`],
    ['a'.repeat(32), 65535, `alb-${'a'.repeat(30)}-65535`],
    ['a'.repeat(32), 80, `alb-${'a'.repeat(32)}-80`],
  ])('keys the ingress on a target SecurityGroup from ALB %s, port %s, as %s', (name, port, key) => {
    const { json } = build({ name, accessLogs: false }, (alb, stack) => {
      const hosts = new SecurityGroup(stack, 'hosts', { name: 'hosts', vpcId: VPC });
      alb.connectTo(hosts, port);
    });
    const ingress = byId(json, 'aws_vpc_security_group_ingress_rule');
    expect(ingress[`hosts_in-${key}-sg-0`]).toMatchObject({
      from_port: port,
      description: `Traffic from load balancer ${name} (tcp ${port}) from security group`,
      tags: { Name: `hosts-${key}` },
    });
  });
});
