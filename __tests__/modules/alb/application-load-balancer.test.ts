import { TerraformOutput, Testing } from 'cdktf';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { ApplicationLoadBalancer, ApplicationLoadBalancerProps } from '../../../modules/alb';
import { SecureBucket } from '../../../modules/s3';
import { SecurityGroup } from '../../../modules/security-group';
import { BASE, Block, CERT, CERT2, Synth, VPC, WAF, newStack, ofType, synth } from './helpers';
import { lazy } from '../../support/lazy';

function build(
  props: Partial<ApplicationLoadBalancerProps> = {},
  after?: (alb: ApplicationLoadBalancer) => void,
) {
  const stack = newStack();
  const alb = new ApplicationLoadBalancer(stack, 'alb', { ...BASE, ...props });
  after?.(alb);
  return { alb, json: synth(stack), stack };
}

function statements(json: Synth): Block[] {
  const doc = Object.values(json.data?.aws_iam_policy_document ?? {})[0] as { statement: Block[] };
  return doc.statement;
}

function ingress(json: Synth): string[] {
  return ofType(json, 'aws_vpc_security_group_ingress_rule')
    .map((r) => `${r.from_port} ${r.cidr_ipv4 ?? r.cidr_ipv6 ?? r.referenced_security_group_id}`)
    .sort();
}

describe('ApplicationLoadBalancer defaults', () => {
  const built = lazy(() => {
    const { json, alb } = build();
    return { json, alb };
  });

  it('is an internet-facing application load balancer with the hardening attributes on', () => {
    const { json } = built();
    const [lb] = ofType(json, 'aws_lb');
    expect(lb).toEqual({
      name: 'web',
      load_balancer_type: 'application',
      internal: false,
      ip_address_type: 'ipv4',
      subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      security_groups: [expect.stringMatching(/^\$\{aws_security_group\..+\.id\}$/)],
      drop_invalid_header_fields: true,
      desync_mitigation_mode: 'defensive',
      enable_deletion_protection: true,
      idle_timeout: 60,
      client_keep_alive: 3600,
      enable_http2: true,
      preserve_host_header: false,
      xff_header_processing_mode: 'append',
      access_logs: {
        bucket: expect.stringMatching(/^\$\{aws_s3_bucket\..+\.bucket\}$/),
        prefix: 'web',
        enabled: true,
      },
      depends_on: [expect.stringMatching(/^aws_s3_bucket_policy\./)],
      tags: { Name: 'web' },
    });
  });

  it('serves HTTPS with the TLS 1.3/1.2 policy and a fixed 404 by default', () => {
    const { json } = built();
    const https = ofType(json, 'aws_lb_listener').find((l) => l.port === 443);
    expect(https).toMatchObject({
      protocol: 'HTTPS',
      ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      certificate_arn: CERT,
      default_action: [
        {
          type: 'fixed-response',
          fixed_response: { content_type: 'text/plain', status_code: '404', message_body: 'Not Found' },
        },
      ],
    });
  });

  it('redirects port 80 permanently to HTTPS', () => {
    const { json } = built();
    const http = ofType(json, 'aws_lb_listener').find((l) => l.port === 80);
    expect(http).toMatchObject({
      protocol: 'HTTP',
      default_action: [
        { type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } },
      ],
    });
    expect(ofType(json, 'aws_lb_listener')).toHaveLength(2);
  });

  it('admits 80 and 443 from all of IPv4 and IPv6, and has no egress until connectTo', () => {
    const { json } = built();
    expect(ingress(json)).toEqual(['443 0.0.0.0/0', '443 ::/0', '80 0.0.0.0/0', '80 ::/0']);
    expect(json.resource.aws_vpc_security_group_egress_rule).toBeUndefined();
    expect(ofType(json, 'aws_security_group')).toEqual([
      { name: 'web-alb', description: 'Load balancer web', vpc_id: VPC, tags: { Name: 'web-alb' } },
    ]);
  });

  it('creates an SSE-S3 log bucket named after the load balancer, expiring logs after 365 days', () => {
    const { json } = built();
    expect(ofType(json, 'aws_s3_bucket')).toEqual([
      { bucket: 'web-alb-logs-us-east-1', force_destroy: false, tags: { Name: 'web-alb-logs-us-east-1' } },
    ]);
    const sse = ofType(json, 'aws_s3_bucket_server_side_encryption_configuration')[0];
    expect(sse.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
    const lifecycle = ofType(json, 'aws_s3_bucket_lifecycle_configuration')[0] as { rule: Block[] };
    expect(lifecycle.rule).toContainEqual({
      id: 'expire-load-balancer-logs',
      status: 'Enabled',
      filter: [{}],
      expiration: [{ days: 365 }],
    });
  });

  it('lets the us-east-1 ELB account write under <prefix>/AWSLogs/<account>/ only', () => {
    const { json } = built();
    const grant = statements(json).find((s) => s.sid === 'AllowElbLogDeliveryweb');
    expect(grant).toEqual({
      sid: 'AllowElbLogDeliveryweb',
      effect: 'Allow',
      principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::127311923021:root'] }],
      actions: ['s3:PutObject'],
      resources: [
        expect.stringMatching(
          /^\$\{aws_s3_bucket\.[^}]+\.arn\}\/web\/AWSLogs\/\$\{element\(split\(":", aws_security_group\.[^}]+\.arn\), 4\)\}\/\*$/,
        ),
      ],
    });
  });

  it('creates no WAF association, listener certificate or rule', () => {
    const { json } = built();
    for (const t of [
      'aws_wafv2_web_acl_association',
      'aws_lb_listener_certificate',
      'aws_lb_listener_rule',
    ]) {
      expect(json.resource[t]).toBeUndefined();
    }
  });

  it('exposes literal and reference attributes', () => {
    const { alb } = built();
    expect(alb.loadBalancerName).toBe('web');
    expect(alb.internal).toBe(false);
    expect(alb.ipAddressType).toBe('ipv4');
    expect(alb.accessLogsPrefix).toBe('web');
    expect(alb.logBucket).toBeInstanceOf(SecureBucket);
    expect(alb.listener).toBe(alb.httpsListener);
    expect(alb.targetGroups).toEqual([]);
    expect(alb.rules).toEqual([]);
    expect(alb.securityGroup).toBeInstanceOf(SecurityGroup);
  });

  it('synthesizes an aws_lb', () => {
    expect(Testing.synthScope((s) => new ApplicationLoadBalancer(s, 'alb', BASE))).toHaveResource(Lb);
  });
});

describe('ApplicationLoadBalancer attribute tokens', () => {
  const built = lazy(() => {
    const stack = newStack();
    const alb = new ApplicationLoadBalancer(stack, 'alb', BASE);
    new TerraformOutput(stack, 'out', {
      value: {
        arn: alb.loadBalancerArn,
        dns: alb.loadBalancerDnsName,
        zone: alb.loadBalancerZoneId,
        suffix: alb.arnSuffix,
        listener: alb.listenerArn,
      },
    });
    const out = (JSON.parse(Testing.synth(stack)) as { output: { out: { value: Record<string, string> } } })
      .output.out.value;
    return { out };
  });

  it('point at the aws_lb attributes Route 53 and CloudWatch need', () => {
    const { out } = built();
    expect(out.arn).toMatch(/^\$\{aws_lb\.[^}]+\.arn\}$/);
    expect(out.dns).toMatch(/^\$\{aws_lb\.[^}]+\.dns_name\}$/);
    expect(out.zone).toMatch(/^\$\{aws_lb\.[^}]+\.zone_id\}$/);
    expect(out.suffix).toMatch(/^\$\{aws_lb\.[^}]+\.arn_suffix\}$/);
    expect(out.listener).toMatch(/^\$\{aws_lb_listener\.alb_https_[^}]+\.arn\}$/);
  });
});

describe('ApplicationLoadBalancer options', () => {
  it('internal, dual-stack, with explicit sources', () => {
    const { json } = build({
      internal: true,
      ipAddressType: 'dualstack',
      ingress: { cidrs: ['10.0.0.0/16'] },
    });
    expect(ofType(json, 'aws_lb')[0]).toMatchObject({ internal: true, ip_address_type: 'dualstack' });
    expect(ingress(json)).toEqual(['443 10.0.0.0/16', '80 10.0.0.0/16']);
  });

  it('plain HTTP only (allowPlainHttp): one port-80 listener serving the default action', () => {
    const { json, alb } = build({
      certificateArn: undefined,
      allowPlainHttp: true,
      internal: true,
      ingress: { cidrs: ['10.0.0.0/16'] },
    });
    const listeners = ofType(json, 'aws_lb_listener');
    expect(listeners).toHaveLength(1);
    expect(listeners[0]).toMatchObject({
      port: 80,
      protocol: 'HTTP',
      default_action: [{ type: 'fixed-response' }],
    });
    expect(listeners[0].ssl_policy).toBeUndefined();
    expect(alb.httpsListener).toBeUndefined();
    expect(alb.listener).toBe(alb.httpListener);
    expect(ingress(json)).toEqual(['80 10.0.0.0/16']);
  });

  it('httpRedirect: false closes port 80', () => {
    const { json, alb } = build({ httpRedirect: false });
    expect(ofType(json, 'aws_lb_listener').map((l) => l.port)).toEqual([443]);
    expect(ingress(json)).toEqual(['443 0.0.0.0/0', '443 ::/0']);
    expect(alb.httpListener).toBeUndefined();
  });

  it('a chosen TLS policy, extra certificates, a web ACL and tuned attributes', () => {
    const { json } = build({
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      additionalCertificateArns: [CERT2],
      webAclArn: WAF,
      deletionProtection: false,
      idleTimeoutInSeconds: 4000,
      clientKeepAliveInSeconds: 60,
      http2: false,
      dropInvalidHeaderFields: false,
      desyncMitigationMode: 'strictest',
      preserveHostHeader: true,
      xffHeaderProcessingMode: 'remove',
      tags: { Team: 'ml' },
    });
    expect(ofType(json, 'aws_lb_listener').find((l) => l.port === 443)?.ssl_policy).toBe(
      'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    );
    expect(ofType(json, 'aws_lb_listener_certificate')).toEqual([
      { listener_arn: expect.stringMatching(/aws_lb_listener\.alb_https/), certificate_arn: CERT2 },
    ]);
    expect(ofType(json, 'aws_wafv2_web_acl_association')).toEqual([
      { resource_arn: expect.stringMatching(/^\$\{aws_lb\./), web_acl_arn: WAF },
    ]);
    expect(ofType(json, 'aws_lb')[0]).toMatchObject({
      enable_deletion_protection: false,
      idle_timeout: 4000,
      client_keep_alive: 60,
      enable_http2: false,
      drop_invalid_header_fields: false,
      desync_mitigation_mode: 'strictest',
      preserve_host_header: true,
      xff_header_processing_mode: 'remove',
      tags: { Team: 'ml', Name: 'web' },
    });
  });

  it('a default target group replaces the 404', () => {
    const stack = newStack();
    const lb = new ApplicationLoadBalancer(stack, 'alb', BASE);
    const tg = lb.addTargetGroup('app', { name: 'web-app', port: 8000 });
    const withDefault = new ApplicationLoadBalancer(stack, 'alb2', {
      ...BASE,
      name: 'web2',
      defaultTargetGroup: tg,
    });
    const out = synth(stack);
    const https = ofType(out, 'aws_lb_listener').filter((l) => l.port === 443);
    expect(https.map((l) => (l.default_action as Block[])[0].type).sort()).toEqual([
      'fixed-response',
      'forward',
    ]);
    expect(withDefault.targetGroups).toEqual([tg]);
    expect(lb.targetGroups).toEqual([]);
  });
});

describe('ApplicationLoadBalancer access logs', () => {
  it('accessLogs: false turns them off and creates no bucket', () => {
    const { json, alb } = build({ accessLogs: false });
    expect(ofType(json, 'aws_lb')[0].access_logs).toBeUndefined();
    expect(json.resource.aws_s3_bucket).toBeUndefined();
    expect(alb.accessLogsBucketName).toBeUndefined();
  });

  it('an existing bucket by name: no bucket, no policy managed here', () => {
    const { json, alb } = build({ accessLogs: { bucketName: 'central-elb-logs', prefix: 'alb/web' } });
    expect(ofType(json, 'aws_lb')[0].access_logs).toEqual({
      bucket: 'central-elb-logs',
      prefix: 'alb/web',
      enabled: true,
    });
    expect(ofType(json, 'aws_lb')[0].depends_on).toBeUndefined();
    expect(json.resource.aws_s3_bucket).toBeUndefined();
    expect(alb.accessLogsBucketName).toBe('central-elb-logs');
  });

  it('a SecureBucket of the stack gets the delivery grant for access and connection logs', () => {
    const stack = newStack();
    // A bucket that receives load-balancer logs needs no access logs of its own (MLM-S3-005 exempts it).
    const bucket = new SecureBucket(stack, 'shared', { bucketName: 'shared-elb-logs', accessLogging: false });
    const alb = new ApplicationLoadBalancer(stack, 'alb', {
      ...BASE,
      accessLogs: { bucket, connectionLogs: true },
    });
    const json = synth(stack);
    expect(alb.logBucket).toBeUndefined();
    expect(ofType(json, 'aws_s3_bucket')).toHaveLength(1);
    const lb = ofType(json, 'aws_lb')[0];
    expect(lb.connection_logs).toEqual({
      bucket: expect.stringMatching(/aws_s3_bucket\.shared/),
      prefix: 'web-connections',
      enabled: true,
    });
    const grant = statements(json).find((s) => s.sid === 'AllowElbLogDeliveryweb') as { resources: string[] };
    expect(
      grant.resources.map((r) => r.replace(/^\$\{[^}]+\}/, 'ARN').replace(/\$\{element.*\}/, 'ACCOUNT')),
    ).toEqual(['ARN/web/AWSLogs/ACCOUNT/*', 'ARN/web-connections/AWSLogs/ACCOUNT/*']);
  });

  it('a created bucket with its own name, retention and server access logging', () => {
    const { json } = build({
      accessLogs: {
        createBucket: {
          bucketName: 'acme-web-lb-logs',
          expirationInDays: 30,
          forceDestroy: true,
          accessLogging: { targetBucket: 'acme-s3-access-logs' },
        },
      },
    });
    expect(ofType(json, 'aws_s3_bucket')[0]).toMatchObject({
      bucket: 'acme-web-lb-logs',
      force_destroy: true,
    });
    expect(ofType(json, 'aws_s3_bucket_logging')[0]).toMatchObject({ target_bucket: 'acme-s3-access-logs' });
    const lifecycle = ofType(json, 'aws_s3_bucket_lifecycle_configuration')[0] as { rule: Block[] };
    expect(lifecycle.rule.find((r) => r.id === 'expire-load-balancer-logs')?.expiration).toEqual([
      { days: 30 },
    ]);
  });

  it.each([
    ['eu-west-1 (older region)', 'eu-west-1', 'AWS', 'arn:aws:iam::156460612806:root'],
    ['us-gov-west-1 (GovCloud partition)', 'us-gov-west-1', 'AWS', 'arn:aws-us-gov:iam::048591011584:root'],
    ['cn-north-1 (China partition)', 'cn-north-1', 'AWS', 'arn:aws-cn:iam::638102146993:root'],
    [
      'ap-southeast-4 (opened after August 2022)',
      'ap-southeast-4',
      'Service',
      'logdelivery.elasticloadbalancing.amazonaws.com',
    ],
    [
      'eu-central-2 (opened after August 2022)',
      'eu-central-2',
      'Service',
      'logdelivery.elasticloadbalancing.amazonaws.com',
    ],
  ])('log delivery principal in %s', (_name, region, type, identifier) => {
    const { json } = build({ region, certificateArn: CERT.replace('us-east-1', region) });
    const grant = statements(json).find((s) => s.sid === 'AllowElbLogDeliveryweb');
    expect(grant?.principals).toEqual([{ type, identifiers: [identifier] }]);
    expect(ofType(json, 'aws_s3_bucket')[0].bucket).toBe(`web-alb-logs-${region}`);
  });
});
