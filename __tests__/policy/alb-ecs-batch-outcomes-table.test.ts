/**
 * Whole outcomes (status and detail) of the Application Load Balancer HTTPS rules — an HTTPS
 * listener with a permanent redirect from HTTP (MLM-ALB-006) and HTTP listeners that do nothing but
 * redirect, rules on them included (MLM-ALB-005) — of ECS Exec encryption (MLM-ECS-007), and the
 * values returned by the AWS Batch job definition readers (container properties, Fargate, the
 * detail for unreadable container properties).
 */
import { containerProperties, isFargate, unreadable } from '../../modules/policy/batch';
import { albHttpsRedirect } from '../../modules/policy/rules/alb-https-redirect';
import { albListenerHttps } from '../../modules/policy/rules/alb-listener-https';
import { ecsExecEncryption } from '../../modules/policy/rules/ecs-exec-encryption';
import { JsonObject } from '../../modules/policy/types';
import { Outcome, outcome } from './rule-outcome';

/** A redirect action to HTTPS with the given status code (none when undefined). */
const redirect = (statusCode?: string | null): JsonObject => ({
  type: 'redirect',
  redirect: [
    statusCode === undefined
      ? { protocol: 'HTTPS', port: '443' }
      : { protocol: 'HTTPS', port: '443', status_code: statusCode },
  ],
});
const FORWARD: JsonObject = { type: 'forward', target_group_arn: '${aws_lb_target_group.tg.arn}' };
const FIXED: JsonObject = {
  type: 'fixed-response',
  fixed_response: [{ content_type: 'text/plain', status_code: '404' }],
};
const TO_HTTP: JsonObject = { type: 'redirect', redirect: [{ protocol: 'HTTP', port: '8080' }] };

describe('MLM-ALB-006 HTTPS listener and permanent redirect', () => {
  const LB_ARN = '${aws_lb.r.arn}';
  /** A listener of load balancer `r` with the protocol and default actions. */
  const listener = (protocol: string | undefined, ...actions: JsonObject[]): JsonObject => ({
    load_balancer_arn: LB_ARN,
    port: protocol === 'HTTPS' ? 443 : 80,
    ...(protocol === undefined ? {} : { protocol }),
    ...(actions.length === 0 ? {} : { default_action: actions }),
  });
  const HTTPS = listener('HTTPS', FORWARD);
  const lb = (resource: JsonObject, config: JsonObject = {}) =>
    outcome(albHttpsRedirect, 'aws_lb', config, { resource });
  const OK: Outcome = ['compliant', 'HTTPS listener; HTTP redirects permanently'];
  const NO_HTTPS = 'it has no HTTPS listener';

  it.each<[string, JsonObject, Outcome]>([
    [
      'a network load balancer',
      { load_balancer_type: 'network' },
      ['not-applicable', 'a network load balancer'],
    ],
    [
      'a gateway load balancer',
      { load_balancer_type: 'gateway' },
      ['not-applicable', 'a gateway load balancer'],
    ],
    ['an explicit application load balancer', { load_balancer_type: 'application' }, OK],
    ['no load_balancer_type (application)', {}, OK],
  ])('%s', (_name, config, expected) => {
    expect(lb({ aws_lb_listener: { https: HTTPS } }, config)).toEqual(expected);
  });

  it.each<[string, JsonObject, Outcome]>([
    ['no listener at all', {}, ['not-applicable', 'no listener of this stack is attached']],
    [
      'only a listener of another load balancer',
      { aws_lb_listener: { https: { ...HTTPS, load_balancer_arn: '${aws_lb.other.arn}' } } },
      ['not-applicable', 'no listener of this stack is attached'],
    ],
    ['only an HTTPS listener', { aws_lb_listener: { https: HTTPS } }, OK],
    ['only an HTTPS listener of the aws_alb_listener type', { aws_alb_listener: { https: HTTPS } }, OK],
    ['a lower-case https listener', { aws_lb_listener: { https: listener('https', FORWARD) } }, OK],
    [
      'HTTPS and an HTTP listener redirecting with HTTP_301',
      { aws_lb_listener: { https: HTTPS, http: listener('HTTP', redirect('HTTP_301')) } },
      OK,
    ],
    [
      'HTTPS and an HTTP listener without protocol redirecting with HTTP_301',
      { aws_lb_listener: { https: HTTPS, http: listener(undefined, redirect('HTTP_301')) } },
      OK,
    ],
    [
      'HTTPS and an HTTP listener with two HTTP_301 redirects',
      {
        aws_lb_listener: { https: HTTPS, http: listener('HTTP', redirect('HTTP_301'), redirect('HTTP_301')) },
      },
      OK,
    ],
    [
      'only an HTTP listener redirecting with HTTP_301',
      { aws_lb_listener: { http: listener('HTTP', redirect('HTTP_301')) } },
      ['non-compliant', NO_HTTPS],
    ],
    [
      'only a TCP listener',
      { aws_lb_listener: { tcp: listener('TCP', FORWARD) } },
      ['non-compliant', NO_HTTPS],
    ],
    [
      'HTTPS and an HTTP listener that forwards',
      { aws_lb_listener: { https: HTTPS, http: listener('HTTP', FORWARD) } },
      ['non-compliant', 'HTTP listener aws_lb_listener.http does not redirect to HTTPS'],
    ],
    [
      'HTTPS and a forwarding HTTP listener with a construct path',
      {
        aws_lb_listener: {
          https: HTTPS,
          http: { ...listener('HTTP', FORWARD), '//': { metadata: { path: 'test/web/http' } } },
        },
      },
      ['non-compliant', 'HTTP listener test/web/http does not redirect to HTTPS'],
    ],
    [
      'HTTPS and an HTTP listener without default action',
      { aws_lb_listener: { https: HTTPS, http: listener('HTTP') } },
      ['non-compliant', 'HTTP listener aws_lb_listener.http does not redirect to HTTPS'],
    ],
    [
      'HTTPS and an HTTP listener redirecting to HTTP',
      { aws_lb_listener: { https: HTTPS, http: listener('HTTP', TO_HTTP) } },
      ['non-compliant', 'HTTP listener aws_lb_listener.http does not redirect to HTTPS'],
    ],
    [
      'HTTPS and an HTTP listener with an HTTP_302 redirect and a forward',
      { aws_lb_listener: { https: HTTPS, http: listener('HTTP', redirect('HTTP_302'), FORWARD) } },
      ['non-compliant', 'HTTP listener aws_lb_listener.http does not redirect to HTTPS'],
    ],
    [
      'HTTPS and an aws_alb_listener that forwards',
      { aws_lb_listener: { https: HTTPS }, aws_alb_listener: { http: listener('HTTP', FORWARD) } },
      ['non-compliant', 'HTTP listener aws_alb_listener.http does not redirect to HTTPS'],
    ],
    [
      'HTTPS and an HTTP listener redirecting with HTTP_302',
      { aws_lb_listener: { https: HTTPS, http: listener('HTTP', redirect('HTTP_302')) } },
      ['non-compliant', 'HTTP listener aws_lb_listener.http redirects with HTTP_302, not HTTP_301'],
    ],
    [
      'HTTPS and an HTTP listener redirecting without status_code',
      { aws_lb_listener: { https: HTTPS, http: listener('HTTP', redirect()) } },
      ['non-compliant', 'HTTP listener aws_lb_listener.http redirects with unset, not HTTP_301'],
    ],
    [
      'HTTPS and an HTTP listener redirecting with status_code null',
      { aws_lb_listener: { https: HTTPS, http: listener('HTTP', redirect(null)) } },
      ['non-compliant', 'HTTP listener aws_lb_listener.http redirects with unset, not HTTP_301'],
    ],
    [
      'HTTPS and an HTTP listener with HTTP_301 and HTTP_302 redirects',
      {
        aws_lb_listener: { https: HTTPS, http: listener('HTTP', redirect('HTTP_301'), redirect('HTTP_302')) },
      },
      ['non-compliant', 'HTTP listener aws_lb_listener.http redirects with HTTP_301, HTTP_302, not HTTP_301'],
    ],
    [
      'HTTPS and an HTTP listener with one action of two redirect blocks',
      {
        aws_lb_listener: {
          https: HTTPS,
          http: listener('HTTP', {
            type: 'redirect',
            redirect: [
              { protocol: 'HTTPS', status_code: 'HTTP_302' },
              { protocol: 'HTTPS', status_code: 'HTTP_301' },
            ],
          }),
        },
      },
      ['non-compliant', 'HTTP listener aws_lb_listener.http redirects with HTTP_302, HTTP_301, not HTTP_301'],
    ],
    [
      'no HTTPS, one HTTP listener forwarding and one redirecting with HTTP_302',
      {
        aws_lb_listener: {
          a: listener(undefined, FORWARD),
          b: listener('HTTP', redirect('HTTP_302')),
          c: listener('HTTP', redirect('HTTP_301')),
        },
      },
      [
        'non-compliant',
        'it has no HTTPS listener; HTTP listener aws_lb_listener.a does not redirect to HTTPS; ' +
          'HTTP listener aws_lb_listener.b redirects with HTTP_302, not HTTP_301',
      ],
    ],
    [
      'a forwarding HTTP listener of another load balancer beside HTTPS',
      {
        aws_lb_listener: {
          https: HTTPS,
          other: { ...listener('HTTP', FORWARD), load_balancer_arn: '${aws_lb.other.arn}' },
        },
      },
      OK,
    ],
  ])('%s', (_name, resource, expected) => {
    expect(lb(resource)).toEqual(expected);
  });
});

describe('MLM-ALB-005 HTTP listeners only redirect', () => {
  const http = (config: JsonObject, resource: JsonObject = {}) =>
    outcome(albListenerHttps, 'aws_lb_listener', config, { resource });
  const serving = (what: string): Outcome => [
    'non-compliant',
    `the HTTP listener's default action is ${what}, not a redirect to HTTPS`,
  ];
  const REDIRECTS: Outcome = ['compliant', 'redirects to HTTPS'];

  it.each<[string, JsonObject, Outcome]>([
    ['an HTTPS listener', { protocol: 'HTTPS', default_action: [FORWARD] }, ['compliant', 'HTTPS listener']],
    [
      'a lower-case https listener',
      { protocol: 'https', default_action: [FORWARD] },
      ['compliant', 'HTTPS listener'],
    ],
    [
      'a TCP listener',
      { protocol: 'TCP', default_action: [FORWARD] },
      ['not-applicable', 'a TCP listener (network or gateway load balancer)'],
    ],
    [
      'a TLS listener',
      { protocol: 'TLS', default_action: [FORWARD] },
      ['not-applicable', 'a TLS listener (network or gateway load balancer)'],
    ],
    [
      'a lower-case udp listener',
      { protocol: 'udp', default_action: [FORWARD] },
      ['not-applicable', 'a UDP listener (network or gateway load balancer)'],
    ],
    ['an HTTP listener that forwards', { protocol: 'HTTP', default_action: [FORWARD] }, serving('forward')],
    ['a listener without protocol that forwards', { default_action: [FORWARD] }, serving('forward')],
    ['an HTTP listener without default action', { protocol: 'HTTP' }, serving('missing')],
    [
      'an HTTP listener with an empty default action list',
      { protocol: 'HTTP', default_action: [] },
      serving('missing'),
    ],
    [
      'an HTTP listener with a default action object that forwards',
      { protocol: 'HTTP', default_action: FORWARD },
      serving('forward'),
    ],
    [
      'an HTTP listener with a redirect to HTTPS and a forward',
      { protocol: 'HTTP', default_action: [redirect('HTTP_301'), FORWARD] },
      serving('forward'),
    ],
    [
      'an HTTP listener with a forward and a fixed response',
      { protocol: 'HTTP', default_action: [FORWARD, FIXED] },
      serving('forward, fixed-response'),
    ],
    [
      'an HTTP listener redirecting to HTTP',
      { protocol: 'HTTP', default_action: [TO_HTTP] },
      serving('redirect'),
    ],
    [
      'an HTTP listener with a redirect action without redirect block',
      { protocol: 'HTTP', default_action: [{ type: 'redirect' }] },
      serving('redirect'),
    ],
    [
      'an HTTP listener with an action without type',
      { protocol: 'HTTP', default_action: [{ redirect: [{ protocol: 'HTTPS' }] }] },
      serving('undefined'),
    ],
    [
      'an HTTP listener redirecting to HTTPS',
      { protocol: 'HTTP', default_action: [redirect('HTTP_301')] },
      REDIRECTS,
    ],
    [
      'an HTTP listener redirecting to lower-case https with HTTP_302',
      {
        protocol: 'HTTP',
        default_action: [{ type: 'redirect', redirect: { protocol: 'https', status_code: 'HTTP_302' } }],
      },
      REDIRECTS,
    ],
    ['a listener without protocol redirecting to HTTPS', { default_action: [redirect()] }, REDIRECTS],
  ])('%s', (_name, config, expected) => {
    expect(http(config)).toEqual(expected);
  });

  const ARN = '${aws_lb_listener.r.arn}';
  const rule = (...action: JsonObject[]): JsonObject => ({ listener_arn: ARN, priority: 10, action });
  const REDIRECTING: JsonObject = { protocol: 'HTTP', default_action: [redirect('HTTP_301')] };

  it.each<[string, JsonObject, Outcome]>([
    [
      'a rule that redirects to HTTPS',
      { aws_lb_listener_rule: { r1: rule(redirect('HTTP_301')) } },
      REDIRECTS,
    ],
    [
      'a rule that forwards',
      { aws_lb_listener_rule: { r1: rule(FORWARD) } },
      ['non-compliant', 'rules on the HTTP listener serve content: aws_lb_listener_rule.r1'],
    ],
    [
      'a rule with a redirect to HTTPS and a forward',
      { aws_lb_listener_rule: { r1: rule(redirect('HTTP_301'), FORWARD) } },
      ['non-compliant', 'rules on the HTTP listener serve content: aws_lb_listener_rule.r1'],
    ],
    [
      'a rule redirecting to HTTP',
      { aws_lb_listener_rule: { r1: rule(TO_HTTP) } },
      ['non-compliant', 'rules on the HTTP listener serve content: aws_lb_listener_rule.r1'],
    ],
    [
      'an aws_alb_listener_rule with a fixed response',
      { aws_alb_listener_rule: { r1: rule(FIXED) } },
      ['non-compliant', 'rules on the HTTP listener serve content: aws_alb_listener_rule.r1'],
    ],
    [
      'a forwarding rule with a construct path',
      {
        aws_lb_listener_rule: { r1: { ...rule(FORWARD), '//': { metadata: { path: 'test/web/api-rule' } } } },
      },
      ['non-compliant', 'rules on the HTTP listener serve content: test/web/api-rule'],
    ],
    [
      'a rule without action',
      { aws_lb_listener_rule: { r1: { listener_arn: ARN, priority: 10 } } },
      REDIRECTS,
    ],
    [
      'three rules of both types, one of them redirecting',
      {
        aws_lb_listener_rule: { r1: rule(FORWARD), r2: rule(redirect('HTTP_301')) },
        aws_alb_listener_rule: { r3: rule(FIXED) },
      },
      [
        'non-compliant',
        'rules on the HTTP listener serve content: aws_lb_listener_rule.r1, aws_alb_listener_rule.r3',
      ],
    ],
    [
      'a forwarding rule of another listener',
      { aws_lb_listener_rule: { r1: { ...rule(FORWARD), listener_arn: '${aws_lb_listener.other.arn}' } } },
      REDIRECTS,
    ],
  ])('%s', (_name, resource, expected) => {
    expect(http(REDIRECTING, resource)).toEqual(expected);
  });

  it('reports the default action before the rules', () => {
    expect(
      http({ protocol: 'HTTP', default_action: [FORWARD] }, { aws_lb_listener_rule: { r1: rule(FORWARD) } }),
    ).toEqual(serving('forward'));
  });
});

describe('MLM-ECS-007 ECS Exec encryption', () => {
  const cluster = (config: JsonObject) => outcome(ecsExecEncryption, 'aws_ecs_cluster', config);
  /** A cluster whose execute_command_configuration is `block`. */
  const exec = (block: JsonObject): JsonObject => ({
    configuration: [{ execute_command_configuration: [block] }],
  });
  const KMS = '${aws_kms_key.exec.arn}';
  const NO_KMS = 'execute_command_configuration.kms_key_id is not set';
  const CW = 'cloud_watch_encryption_enabled is not true';
  const S3 = 's3_bucket_encryption_enabled is not true';
  const OK: Outcome = ['compliant', undefined];
  const NONE: Outcome = ['not-applicable', 'ECS Exec logging is NONE (see MLM-ECS-006)'];

  it.each<[string, JsonObject, Outcome]>([
    ['no configuration block', {}, ['non-compliant', NO_KMS]],
    ['an empty configuration list', { configuration: [] }, ['non-compliant', NO_KMS]],
    [
      'a configuration without execute_command_configuration',
      { configuration: [{}] },
      ['non-compliant', NO_KMS],
    ],
    [
      'a configuration object with a kms_key_id',
      { configuration: { execute_command_configuration: { kms_key_id: KMS } } },
      OK,
    ],
    ['an empty execute_command_configuration', exec({}), ['non-compliant', NO_KMS]],
    ['logging NONE without key', exec({ logging: 'NONE' }), NONE],
    [
      'logging NONE with a key and unencrypted logs',
      exec({ logging: 'NONE', kms_key_id: KMS, log_configuration: [{ cloud_watch_log_group_name: 'g' }] }),
      NONE,
    ],
    ['logging none in lower case', exec({ logging: 'none' }), ['non-compliant', NO_KMS]],
    ['logging DEFAULT without key', exec({ logging: 'DEFAULT' }), ['non-compliant', NO_KMS]],
    ['logging DEFAULT with a key', exec({ logging: 'DEFAULT', kms_key_id: KMS }), OK],
    ['a key without log_configuration', exec({ logging: 'OVERRIDE', kms_key_id: KMS }), OK],
    ['an empty kms_key_id', exec({ kms_key_id: '' }), ['non-compliant', NO_KMS]],
    ['a blank kms_key_id', exec({ kms_key_id: '   ' }), ['non-compliant', NO_KMS]],
    ['kms_key_id null', exec({ kms_key_id: null }), ['non-compliant', NO_KMS]],
    ['a key and an empty log_configuration list', exec({ kms_key_id: KMS, log_configuration: [] }), OK],
    ['a key and an empty log_configuration', exec({ kms_key_id: KMS, log_configuration: [{}] }), OK],
    [
      'a CloudWatch log group without encryption',
      exec({ kms_key_id: KMS, log_configuration: [{ cloud_watch_log_group_name: 'g' }] }),
      ['non-compliant', CW],
    ],
    [
      'a CloudWatch log group with encryption false',
      exec({
        kms_key_id: KMS,
        log_configuration: [{ cloud_watch_log_group_name: 'g', cloud_watch_encryption_enabled: false }],
      }),
      ['non-compliant', CW],
    ],
    [
      'a CloudWatch log group with encryption "false"',
      exec({
        kms_key_id: KMS,
        log_configuration: [{ cloud_watch_log_group_name: 'g', cloud_watch_encryption_enabled: 'false' }],
      }),
      ['non-compliant', CW],
    ],
    [
      'a CloudWatch log group with encryption true',
      exec({
        kms_key_id: KMS,
        log_configuration: [{ cloud_watch_log_group_name: 'g', cloud_watch_encryption_enabled: true }],
      }),
      OK,
    ],
    [
      'a CloudWatch log group with encryption "true" in a log_configuration object',
      exec({
        kms_key_id: KMS,
        log_configuration: { cloud_watch_log_group_name: 'g', cloud_watch_encryption_enabled: 'true' },
      }),
      OK,
    ],
    [
      'a blank CloudWatch log group name without encryption',
      exec({ kms_key_id: KMS, log_configuration: [{ cloud_watch_log_group_name: ' ' }] }),
      OK,
    ],
    [
      'CloudWatch encryption without a log group',
      exec({ kms_key_id: KMS, log_configuration: [{ cloud_watch_encryption_enabled: true }] }),
      OK,
    ],
    [
      'an S3 bucket without encryption',
      exec({ kms_key_id: KMS, log_configuration: [{ s3_bucket_name: 'logs' }] }),
      ['non-compliant', S3],
    ],
    [
      'an S3 bucket with encryption false',
      exec({
        kms_key_id: KMS,
        log_configuration: [{ s3_bucket_name: 'logs', s3_bucket_encryption_enabled: false }],
      }),
      ['non-compliant', S3],
    ],
    [
      'an S3 bucket with encryption true',
      exec({
        kms_key_id: KMS,
        log_configuration: [{ s3_bucket_name: 'logs', s3_bucket_encryption_enabled: true }],
      }),
      OK,
    ],
    [
      'an S3 bucket with encryption "true"',
      exec({
        kms_key_id: KMS,
        log_configuration: [{ s3_bucket_name: 'logs', s3_bucket_encryption_enabled: 'true' }],
      }),
      OK,
    ],
    [
      'an empty S3 bucket name without encryption',
      exec({ kms_key_id: KMS, log_configuration: [{ s3_bucket_name: '' }] }),
      OK,
    ],
    [
      'S3 encryption without a bucket',
      exec({ kms_key_id: KMS, log_configuration: [{ s3_bucket_encryption_enabled: true }] }),
      OK,
    ],
    [
      'both destinations encrypted',
      exec({
        kms_key_id: KMS,
        log_configuration: [
          {
            cloud_watch_log_group_name: 'g',
            cloud_watch_encryption_enabled: true,
            s3_bucket_name: 'logs',
            s3_bucket_encryption_enabled: true,
          },
        ],
      }),
      OK,
    ],
    [
      'no key and both destinations unencrypted',
      exec({ log_configuration: [{ cloud_watch_log_group_name: 'g', s3_bucket_name: 'logs' }] }),
      ['non-compliant', `${NO_KMS}; ${CW}; ${S3}`],
    ],
    [
      'an encrypted S3 bucket beside an unencrypted CloudWatch log group',
      exec({
        kms_key_id: KMS,
        log_configuration: [
          {
            cloud_watch_log_group_name: 'g',
            s3_bucket_encryption_enabled: true,
            s3_bucket_name: 'logs',
            cloud_watch_encryption_enabled: false,
          },
        ],
      }),
      ['non-compliant', CW],
    ],
    [
      'only the first log_configuration counts',
      exec({ kms_key_id: KMS, log_configuration: [{}, { s3_bucket_name: 'logs' }] }),
      OK,
    ],
  ])('%s', (_name, config, expected) => {
    expect(cluster(config)).toEqual(expected);
  });
});

describe('Batch job definition readers', () => {
  it.each<[string, JsonObject, JsonObject | undefined]>([
    ['no container_properties', {}, undefined],
    ['container_properties null', { container_properties: null }, undefined],
    ['container_properties a number', { container_properties: 5 }, undefined],
    ['container_properties an object', { container_properties: { image: 'busybox' } }, undefined],
    ['a list holding a JSON object string', { container_properties: ['{"image":"busybox"}'] }, undefined],
    ['invalid JSON', { container_properties: '{"image": busybox}' }, undefined],
    ['a jsonencode expression', { container_properties: '${jsonencode({ image = "busybox" })}' }, undefined],
    ['a JSON list', { container_properties: '[{"image":"busybox"}]' }, undefined],
    ['a JSON number', { container_properties: '42' }, undefined],
    ['a JSON string', { container_properties: '"busybox"' }, undefined],
    ['JSON null', { container_properties: 'null' }, undefined],
    ['an empty JSON object', { container_properties: '{}' }, {}],
    [
      'a JSON object',
      { container_properties: '{"image":"busybox","command":["echo","hi"],"vcpus":1}' },
      { image: 'busybox', command: ['echo', 'hi'], vcpus: 1 },
    ],
    [
      'a JSON object with a reference inside a string',
      { container_properties: '{"image":"${aws_ecr_repository.r.repository_url}:1"}' },
      { image: '${aws_ecr_repository.r.repository_url}:1' },
    ],
  ])('containerProperties: %s', (_name, jobDefinition, expected) => {
    expect(containerProperties(jobDefinition)).toEqual(expected);
  });

  it.each<[string, JsonObject, boolean]>([
    ['no platform_capabilities', {}, false],
    ['platform_capabilities null', { platform_capabilities: null }, false],
    ['the string FARGATE', { platform_capabilities: 'FARGATE' }, false],
    ['an object holding FARGATE', { platform_capabilities: { FARGATE: 'FARGATE' } }, false],
    ['an empty list', { platform_capabilities: [] }, false],
    ['EC2', { platform_capabilities: ['EC2'] }, false],
    ['fargate in lower case', { platform_capabilities: ['fargate'] }, false],
    ['FARGATE_SPOT', { platform_capabilities: ['FARGATE_SPOT'] }, false],
    ['FARGATE', { platform_capabilities: ['FARGATE'] }, true],
    ['EC2 and FARGATE', { platform_capabilities: ['EC2', 'FARGATE'] }, true],
  ])('isFargate: %s', (_name, jobDefinition, expected) => {
    expect(isFargate(jobDefinition)).toBe(expected);
  });

  const NOT_LITERAL = 'container_properties is not literal JSON';
  const NONE = 'no container_properties (EKS or multi-node job)';
  it.each<[string, JsonObject, string]>([
    ['a jsonencode expression', { container_properties: '${jsonencode(local.props)}' }, NOT_LITERAL],
    ['an empty string', { container_properties: '' }, NOT_LITERAL],
    ['no container_properties', {}, NONE],
    ['container_properties null', { container_properties: null }, NONE],
    ['container_properties an object', { container_properties: { image: 'busybox' } }, NONE],
    ['a list holding a JSON string', { container_properties: ['{}'] }, NONE],
    ['an EKS job', { eks_properties: [{ pod_properties: [{ containers: [{ image: 'busybox' }] }] }] }, NONE],
  ])('unreadable: %s', (_name, jobDefinition, expected) => {
    expect(unreadable(jobDefinition)).toBe(expected);
  });
});
