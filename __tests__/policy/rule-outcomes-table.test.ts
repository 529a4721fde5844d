/**
 * Whole outcomes (status and detail) of rules that read one resource's arguments: CloudFront's
 * minimum TLS policy (MLM-CF-002), the OpenSearch master quorum (MLM-OS-011), OpenSearch access
 * policies (MLM-OS-013), target group health checks (MLM-ALB-009) and RDS TLS enforcement through
 * parameter groups (MLM-RDS-005).
 */
import { albTargetGroupHealthCheck } from '../../modules/policy/rules/alb-target-group-health-check';
import { cloudfrontMinimumTls } from '../../modules/policy/rules/cloudfront-minimum-tls';
import { opensearchAccessPolicy } from '../../modules/policy/rules/opensearch-access-policy';
import { opensearchMasterQuorum } from '../../modules/policy/rules/opensearch-master-quorum';
import { rdsForceSsl } from '../../modules/policy/rules/rds-force-ssl';
import { JsonObject } from '../../modules/policy/types';
import { Outcome, outcome } from './rule-outcome';

const ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';

describe('MLM-CF-002 minimum TLS policy', () => {
  const cf = (viewerCertificate?: JsonObject) =>
    outcome(
      cloudfrontMinimumTls,
      'aws_cloudfront_distribution',
      viewerCertificate === undefined ? {} : { viewer_certificate: [viewerCertificate] },
    );
  const DEFAULT: Outcome = [
    'not-applicable',
    "default certificate: TLS is at CloudFront's default (TLSv1) and can't be raised",
  ];

  it.each<[string, JsonObject | undefined, Outcome]>([
    ['no viewer certificate', undefined, DEFAULT],
    ['the default certificate', { cloudfront_default_certificate: true }, DEFAULT],
    [
      'TLSv1.2_2021',
      { acm_certificate_arn: ARN, minimum_protocol_version: 'TLSv1.2_2021' },
      ['compliant', 'TLSv1.2_2021'],
    ],
    [
      'TLSv1.3_2025',
      { acm_certificate_arn: ARN, minimum_protocol_version: 'TLSv1.3_2025' },
      ['compliant', 'TLSv1.3_2025'],
    ],
    [
      'TLSv1.2_2030',
      { acm_certificate_arn: ARN, minimum_protocol_version: 'TLSv1.2_2030' },
      ['compliant', 'TLSv1.2_2030'],
    ],
    [
      'TLSv1.2_2019',
      { acm_certificate_arn: ARN, minimum_protocol_version: 'TLSv1.2_2019' },
      ['non-compliant', 'minimum_protocol_version is TLSv1.2_2019'],
    ],
    [
      'TLSv1.1_2021',
      { iam_certificate_id: 'ASCA1', minimum_protocol_version: 'TLSv1.1_2021' },
      ['non-compliant', 'minimum_protocol_version is TLSv1.1_2021'],
    ],
    [
      'a version with text before it',
      { acm_certificate_arn: ARN, minimum_protocol_version: 'xTLSv1.2_2021' },
      ['non-compliant', 'minimum_protocol_version is xTLSv1.2_2021'],
    ],
    [
      'a version with text after it',
      { acm_certificate_arn: ARN, minimum_protocol_version: 'TLSv1.2_2021x' },
      ['non-compliant', 'minimum_protocol_version is TLSv1.2_2021x'],
    ],
    [
      'a year ending in a letter',
      { acm_certificate_arn: ARN, minimum_protocol_version: 'TLSv1.2_203x' },
      ['non-compliant', 'minimum_protocol_version is TLSv1.2_203x'],
    ],
    [
      'no version',
      { acm_certificate_arn: ARN },
      ['non-compliant', 'minimum_protocol_version is unset (TLSv1)'],
    ],
  ])('%s', (_name, viewerCertificate, expected) => {
    expect(cf(viewerCertificate)).toEqual(expected);
  });
});

describe('MLM-OS-011 master quorum', () => {
  it.each<[string, JsonObject, Outcome]>([
    ['no cluster_config', {}, ['not-applicable', 'no dedicated masters (see MLM-OS-010)']],
    [
      'dedicated masters off',
      { cluster_config: [{ dedicated_master_enabled: false, dedicated_master_count: 1 }] },
      ['not-applicable', 'no dedicated masters (see MLM-OS-010)'],
    ],
    [
      'three masters',
      { cluster_config: [{ dedicated_master_enabled: true, dedicated_master_count: 3 }] },
      ['compliant', '3 masters'],
    ],
    [
      'five masters as a string',
      { cluster_config: [{ dedicated_master_enabled: 'true', dedicated_master_count: '5' }] },
      ['compliant', '5 masters'],
    ],
    [
      'two masters',
      { cluster_config: [{ dedicated_master_enabled: true, dedicated_master_count: 2 }] },
      ['non-compliant', 'dedicated_master_count is 2'],
    ],
    [
      'no count',
      { cluster_config: [{ dedicated_master_enabled: true }] },
      ['non-compliant', 'dedicated_master_count is unset'],
    ],
    [
      'a count from a variable',
      { cluster_config: [{ dedicated_master_enabled: true, dedicated_master_count: '${var.masters}' }] },
      ['non-compliant', 'dedicated_master_count is "${var.masters}"'],
    ],
  ])('%s', (_name, config, expected) => {
    expect(outcome(opensearchMasterQuorum, 'aws_opensearch_domain', config)).toEqual(expected);
  });
});

describe('MLM-OS-013 access policy principals', () => {
  const policy = (...statements: JsonObject[]) =>
    JSON.stringify({ Version: '2012-10-17', Statement: statements });
  const ROLE = 'arn:aws:iam::123456789012:role/app';

  it.each<[string, JsonObject, Outcome]>([
    ['no access policy', {}, ['not-applicable', 'no access policy on this resource']],
    [
      'a null access policy',
      { access_policies: null },
      ['not-applicable', 'no access policy on this resource'],
    ],
    [
      'a named role',
      {
        access_policies: policy({
          Effect: 'Allow',
          Principal: { AWS: ROLE },
          Action: 'es:ESHttp*',
          Resource: '*',
        }),
      },
      ['compliant', '1 statement(s), principals named'],
    ],
    [
      'AWS principal "*" next to a service principal',
      {
        access_policies: policy({
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com', AWS: '*' },
          Action: 'es:ESHttp*',
          Resource: '*',
        }),
      },
      ['non-compliant', 'statement #1 allows Principal "*" without a condition'],
    ],
    [
      'Principal "*" with a condition',
      {
        access_policies: policy({
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'es:ESHttp*',
          Resource: '*',
          Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        }),
      },
      ['compliant', '1 statement(s), principals named'],
    ],
    [
      'a Deny for Principal "*"',
      {
        access_policies: policy(
          { Effect: 'Deny', Principal: '*', Action: 'es:*', Resource: '*' },
          { Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'es:ESHttp*', Resource: '*' },
        ),
      },
      ['compliant', '2 statement(s), principals named'],
    ],
  ])('%s', (_name, config, expected) => {
    expect(outcome(opensearchAccessPolicy, 'aws_opensearch_domain', config)).toEqual(expected);
  });
});

describe('MLM-ALB-009 target group health checks', () => {
  const tg = (config: JsonObject) => outcome(albTargetGroupHealthCheck, 'aws_lb_target_group', config);
  it.each<[string, JsonObject, Outcome]>([
    [
      'a lambda target group',
      { target_type: 'lambda', protocol: 'HTTP' },
      ['not-applicable', 'lambda target group'],
    ],
    ['a TCP target group', { protocol: 'TCP', port: 5432 }, ['not-applicable', 'a TCP target group']],
    ['a GENEVE target group', { protocol: 'GENEVE' }, ['not-applicable', 'a GENEVE target group']],
    [
      'a target group without a protocol',
      { target_type: 'alb' },
      ['not-applicable', 'a non-HTTP target group'],
    ],
    [
      'an HTTP target group without health_check',
      { protocol: 'HTTP' },
      ['non-compliant', 'no health_check block'],
    ],
    [
      'an HTTPS target group with health checks disabled',
      { protocol: 'HTTPS', health_check: [{ enabled: false, path: '/health' }] },
      ['non-compliant', 'health_check.enabled is false'],
    ],
    [
      'a lower-case http target group with a blank path',
      { protocol: 'http', health_check: { path: ' ' } },
      ['non-compliant', 'health_check sets no path'],
    ],
    [
      'an instance target group with an HTTP health check',
      {
        target_type: 'instance',
        protocol: 'HTTP',
        health_check: { enabled: true, path: '/health', matcher: '200' },
      },
      ['compliant', 'health check on /health'],
    ],
  ])('%s', (_name, config, expected) => {
    expect(tg(config)).toEqual(expected);
  });
});

describe('MLM-RDS-005 TLS through parameter groups', () => {
  /** Parameter groups `pg` (rds.force_ssl = 1), `my` (require_secure_transport = ON), `off` (0) and `none`. */
  const GROUPS: JsonObject = {
    resource: {
      aws_db_parameter_group: {
        pg: { name: 'pg-tls', family: 'postgres16', parameter: [{ name: 'rds.force_ssl', value: '1' }] },
        my: {
          name: 'my-tls',
          family: 'mysql8.0',
          parameter: [{ name: 'require_secure_transport', value: 'ON' }],
        },
        off: {
          name: 'off',
          family: 'postgres16',
          parameter: [
            { name: 'log_connections', value: '1' },
            { name: 'rds.force_ssl', value: '0' },
          ],
        },
        none: { name: 'none', family: 'mysql8.0', parameter: [{ name: 'max_connections', value: '100' }] },
      },
    },
  };
  const db = (config: JsonObject) => outcome(rdsForceSsl, 'aws_db_instance', config, GROUPS);
  it.each<[string, JsonObject, Outcome]>([
    [
      'a replica without an engine',
      { replicate_source_db: 'db-1' },
      ['not-applicable', 'engine is inherited (replica)'],
    ],
    ['SQL Server', { engine: 'sqlserver-ex' }, ['not-applicable', 'engine sqlserver-ex']],
    [
      'PostgreSQL 15 with the default group',
      { engine: 'postgres', engine_version: '15.7' },
      ['compliant', 'the default parameter group of PostgreSQL 15 sets rds.force_ssl = 1'],
    ],
    [
      'PostgreSQL 14 with the default group',
      { engine: 'postgres', engine_version: '14' },
      ['non-compliant', 'no parameter_group_name: the default parameter group does not set rds.force_ssl'],
    ],
    [
      'PostgreSQL without a version, parameter_group_name null',
      { engine: 'postgres', parameter_group_name: null },
      ['non-compliant', 'no parameter_group_name: the default parameter group does not set rds.force_ssl'],
    ],
    [
      'MySQL 8.4 with the default group',
      { engine: 'mysql', engine_version: '8.4' },
      [
        'non-compliant',
        'no parameter_group_name: the default parameter group does not set require_secure_transport',
      ],
    ],
    [
      'MariaDB 16 (no PostgreSQL default applies)',
      { engine: 'mariadb', engine_version: '16' },
      [
        'non-compliant',
        'no parameter_group_name: the default parameter group does not set require_secure_transport',
      ],
    ],
    [
      'PostgreSQL with a group setting rds.force_ssl = 1, by reference',
      { engine: 'postgres', parameter_group_name: '${aws_db_parameter_group.pg.name}' },
      ['compliant', 'rds.force_ssl = 1 in aws_db_parameter_group.pg'],
    ],
    [
      'MySQL with a group setting require_secure_transport = ON, by literal name',
      { engine: 'mysql', parameter_group_name: 'my-tls' },
      ['compliant', 'require_secure_transport = ON in aws_db_parameter_group.my'],
    ],
    [
      'PostgreSQL with a group setting rds.force_ssl = 0',
      { engine: 'postgres', parameter_group_name: 'off' },
      ['non-compliant', 'rds.force_ssl is 0 in aws_db_parameter_group.off'],
    ],
    [
      'MySQL with a group that does not set it',
      { engine: 'mysql', parameter_group_name: 'none' },
      ['non-compliant', 'aws_db_parameter_group.none does not set require_secure_transport'],
    ],
    [
      'PostgreSQL with a MySQL group',
      { engine: 'postgres', engine_version: '16', parameter_group_name: 'my-tls' },
      ['non-compliant', 'aws_db_parameter_group.my does not set rds.force_ssl'],
    ],
    [
      'a group outside the stack',
      { engine: 'postgres', parameter_group_name: 'default.postgres16' },
      ['not-applicable', 'parameter group "default.postgres16" is not defined in this stack'],
    ],
  ])('%s', (_name, config, expected) => {
    expect(db(config)).toEqual(expected);
  });
});
