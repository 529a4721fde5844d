import { TerraformVariable } from 'cdktf';
import { ApplicationLoadBalancer, ApplicationLoadBalancerProps, AlbSslPolicy } from '../../../modules/alb';
import { SecureBucket } from '../../../modules/s3';
import { BASE, CERT, newStack, problemsOf } from './helpers';

const KMS = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const TWO_AZ = { availabilityZones: ['us-east-1a', 'us-east-1b'] };

function make(props: Partial<ApplicationLoadBalancerProps>): ApplicationLoadBalancer {
  return new ApplicationLoadBalancer(newStack(), 'alb', { ...BASE, ...props });
}

describe('ApplicationLoadBalancer validation', () => {
  // [case, props, field, value, problem (substring), fix (substring)]
  const cases: [string, Partial<ApplicationLoadBalancerProps>, string, unknown, string, string][] = [
    [
      'a 33-character name',
      { name: 'a'.repeat(33) },
      'name',
      'a'.repeat(33),
      'is not a valid load balancer name',
      'orders-prod',
    ],
    [
      'a name starting with internal-',
      { name: 'internal-web' },
      'name',
      'internal-web',
      'not starting or ending with a hyphen or with "internal-"',
      'orders-prod',
    ],
    [
      'a name ending with a hyphen',
      { name: 'web-' },
      'name',
      'web-',
      'is not a valid load balancer name',
      'orders-prod',
    ],
    [
      'an unknown region',
      { region: 'mars-north-1' },
      'region',
      'mars-north-1',
      'is not an AWS region',
      'e.g. "us-east-1"',
    ],
    [
      'a region that does not exist',
      { region: 'us-east-9' },
      'region',
      'us-east-9',
      'is not an AWS region',
      'use one of us-east-1, us-east-2',
    ],
    [
      'one subnet',
      { subnetIds: ['subnet-0123456789abcdef0'] },
      'subnetIds',
      ['subnet-0123456789abcdef0'],
      'has 1 subnet; an Application Load Balancer needs subnets in at least two availability zones',
      'two or more availability zones',
    ],
    ['no subnet', { subnetIds: [] }, 'subnetIds', [], 'has 0 subnets', 'two or more availability zones'],
    [
      'a malformed subnet id',
      { subnetIds: ['subnet-0123456789abcdef0', 'subnet-xyz'] },
      'subnetIds',
      ['subnet-xyz'],
      'not subnet ids',
      'subnet-0123456789abcdef0',
    ],
    [
      'a subnet listed twice',
      { subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef0'] },
      'subnetIds',
      ['subnet-0123456789abcdef0'],
      'lists a subnet more than once',
      'list each subnet once',
    ],
    [
      'two subnets in one zone',
      { availabilityZones: ['us-east-1a', 'us-east-1a'] },
      'availabilityZones',
      ['us-east-1a', 'us-east-1a'],
      'names 1 distinct zone; an Application Load Balancer needs at least two',
      'two or more availability zones',
    ],
    [
      'zones not matching the subnets',
      { availabilityZones: ['us-east-1a'] },
      'availabilityZones',
      ['us-east-1a'],
      'has 1 entries for 2 subnets',
      'same order as subnetIds',
    ],
    [
      'zones of another region',
      { availabilityZones: ['us-east-1a', 'eu-west-1b'] },
      'availabilityZones',
      ['eu-west-1b'],
      'not in us-east-1',
      'us-east-1a',
    ],
    [
      'no certificate and no opt-out',
      { certificateArn: undefined },
      'certificateArn',
      undefined,
      'is required for the HTTPS listener',
      'allowPlainHttp: true',
    ],
    [
      'allowPlainHttp with a certificate',
      { allowPlainHttp: true },
      'allowPlainHttp',
      true,
      'is set together with certificateArn',
      'redirects to HTTPS',
    ],
    [
      'no listener at all',
      { certificateArn: undefined, allowPlainHttp: true, httpRedirect: false },
      'httpRedirect',
      false,
      'would leave the load balancer with no listener',
      'pass certificateArn',
    ],
    [
      'a TLS policy without HTTPS',
      { certificateArn: undefined, allowPlainHttp: true, sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' },
      'sslPolicy',
      'ELBSecurityPolicy-TLS13-1-2-2021-06',
      'there is no HTTPS listener',
      'pass certificateArn',
    ],
    [
      'a TLS 1.0 policy',
      { sslPolicy: 'ELBSecurityPolicy-2016-08' as AlbSslPolicy },
      'sslPolicy',
      'ELBSecurityPolicy-2016-08',
      'still accepts TLS 1.0 or 1.1',
      'ELBSecurityPolicy-TLS13-1-2-2021-06',
    ],
    [
      'an unknown policy',
      { sslPolicy: 'ELBSecurityPolicy-Made-Up' as AlbSslPolicy },
      'sslPolicy',
      'ELBSecurityPolicy-Made-Up',
      'is not a known TLS 1.2+',
      'TLS12_SSL_POLICIES',
    ],
    [
      'a malformed certificate ARN',
      { certificateArn: 'arn:aws:acm:us-east-1:123:cert' },
      'certificateArn',
      'arn:aws:acm:us-east-1:123:cert',
      'is not an ACM (or IAM server) certificate ARN',
      'arn:aws:acm:',
    ],
    [
      'a certificate of another region',
      { certificateArn: CERT.replace('us-east-1', 'eu-west-1') },
      'certificateArn',
      CERT.replace('us-east-1', 'eu-west-1'),
      'is in another region than the load balancer (us-east-1)',
      'request the certificate in us-east-1',
    ],
    [
      'the main certificate again',
      { additionalCertificateArns: [CERT] },
      'additionalCertificateArns',
      [CERT],
      'repeats a certificate',
      'list each certificate once',
    ],
    [
      'an internal load balancer without sources',
      { internal: true },
      'ingress',
      undefined,
      'is required for an internal load balancer',
      '10.0.0.0/16',
    ],
    [
      'IPv6-only on an internal load balancer',
      { internal: true, ingress: { cidrs: ['10.0.0.0/16'] }, ipAddressType: 'dualstack-without-public-ipv4' },
      'ipAddressType',
      'dualstack-without-public-ipv4',
      'only available to internet-facing',
      'dualstack',
    ],
    [
      'idle timeout 0',
      { idleTimeoutInSeconds: 0 },
      'idleTimeoutInSeconds',
      0,
      'whole number from 1 to 4000',
      'from 1 to 4000',
    ],
    [
      'idle timeout 4001',
      { idleTimeoutInSeconds: 4001 },
      'idleTimeoutInSeconds',
      4001,
      'whole number from 1 to 4000',
      'from 1 to 4000',
    ],
    [
      'keep-alive 59 s',
      { clientKeepAliveInSeconds: 59 },
      'clientKeepAliveInSeconds',
      59,
      'from 60 to 604800',
      'from 60 to 604800',
    ],
    [
      'a CloudFront (global) web ACL',
      {
        webAclArn:
          'arn:aws:wafv2:us-east-1:123456789012:global/webacl/web/11111111-2222-3333-4444-555555555555',
      },
      'webAclArn',
      'arn:aws:wafv2:us-east-1:123456789012:global/webacl/web/11111111-2222-3333-4444-555555555555',
      'is not a regional WAFv2 web ACL ARN',
      'CloudFront ACLs are global',
    ],
    [
      'two log destinations',
      { accessLogs: { bucketName: 'logs', createBucket: {} } },
      'accessLogs',
      ['bucketName', 'createBucket'],
      'sets bucketName and createBucket; they are alternatives',
      'set one of',
    ],
    [
      'a log prefix with AWSLogs',
      { accessLogs: { prefix: 'x/AWSLogs' } },
      'accessLogs.prefix',
      'x/AWSLogs',
      "no 'AWSLogs'",
      'alb/orders-prod',
    ],
    [
      'a log prefix ending in /',
      { accessLogs: { prefix: 'alb/' } },
      'accessLogs.prefix',
      'alb/',
      'is not a valid log prefix',
      'alb/orders-prod',
    ],
    [
      'log expiry 0 days',
      { accessLogs: { createBucket: { expirationInDays: 0 } } },
      'accessLogs.createBucket.expirationInDays',
      0,
      'from 1 to 36500',
      'from 1 to 36500',
    ],
  ];

  it.each(cases)('refuses %s', (_name, props, field, value, problem, fix) => {
    const problems = problemsOf(() => make(props));
    expect(problems).toContainEqual({
      field,
      value,
      problem: expect.stringContaining(problem),
      fix: expect.stringContaining(fix),
    });
  });

  const accepted: [string, Partial<ApplicationLoadBalancerProps>][] = [
    ['a 32-character name', { name: 'a'.repeat(32) }],
    ['two zones', TWO_AZ],
    [
      'three subnets in three zones',
      {
        subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1', 'subnet-0123456789abcdef2'],
        availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      },
    ],
    ['plain HTTP with the opt-out', { certificateArn: undefined, allowPlainHttp: true }],
    ['idle timeouts 1 and 4000', { idleTimeoutInSeconds: 1 }],
    ['idle timeout 4000', { idleTimeoutInSeconds: 4000 }],
    ['keep-alive 60 s and 7 days', { clientKeepAliveInSeconds: 604800 }],
    ['a TLS 1.2-only FS policy', { sslPolicy: 'ELBSecurityPolicy-FS-1-2-Res-2020-10' }],
    ['IPv6-only internet-facing', { ipAddressType: 'dualstack-without-public-ipv4' }],
    [
      'an internal load balancer with sources',
      { internal: true, ingress: { securityGroupIds: ['sg-0123456789abcdef0'] } },
    ],
    ['a nested log prefix', { accessLogs: { prefix: 'alb/web' } }],
    ['log expiry of 1 day', { accessLogs: { createBucket: { expirationInDays: 1 } } }],
    [
      'a subnet list that is a token',
      { subnetIds: new TerraformVariable(newStack('v'), 'subnets', { type: 'list(string)' }).listValue },
    ],
  ];
  it.each(accepted)('accepts %s', (_name, props) => {
    expect(() => make(props)).not.toThrow();
  });

  it('reports every problem at once, with the construct path', () => {
    try {
      make({
        name: 'internal-x',
        region: 'nowhere',
        subnetIds: ['subnet-0123456789abcdef0'],
        idleTimeoutInSeconds: 0,
      });
      throw new Error('expected an error');
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toMatch(/^Invalid input for test\/alb \(4 problems\):/);
      for (const field of ['name', 'region', 'subnetIds', 'idleTimeoutInSeconds'])
        expect(message).toContain(`  - ${field} = `);
    }
  });

  it('refuses a KMS-encrypted SecureBucket for logs (ELB needs SSE-S3)', () => {
    const stack = newStack();
    const bucket = new SecureBucket(stack, 'kms', { bucketName: 'kms-logs', kmsKeyArn: KMS });
    expect(
      problemsOf(() => new ApplicationLoadBalancer(stack, 'alb', { ...BASE, accessLogs: { bucket } })),
    ).toEqual([
      {
        field: 'accessLogs.bucket',
        value: KMS,
        problem: 'uses SSE-KMS, but Elastic Load Balancing writes logs only to buckets encrypted with SSE-S3',
        fix: 'use a SecureBucket without kmsKeyArn for load balancer logs',
      },
    ]);
  });

  it('refuses ingress sources that are unresolved tokens (the security group reports it)', () => {
    const stack = newStack();
    const cidr = new TerraformVariable(stack, 'cidr', { type: 'string' }).stringValue;
    expect(
      problemsOf(() => new ApplicationLoadBalancer(stack, 'alb', { ...BASE, ingress: { cidrs: [cidr] } })),
    ).toContainEqual(
      expect.objectContaining({
        field: 'ingress[0].source.cidrs',
        problem: expect.stringContaining('holds an unresolved value'),
      }),
    );
  });
});
