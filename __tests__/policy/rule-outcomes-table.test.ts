/**
 * Whole outcomes (status and detail) of rules that read one resource's arguments: CloudFront's
 * minimum TLS policy (MLM-CF-002), the OpenSearch master quorum (MLM-OS-011) and OpenSearch access
 * policies (MLM-OS-013).
 */
import { cloudfrontMinimumTls } from '../../modules/policy/rules/cloudfront-minimum-tls';
import { opensearchAccessPolicy } from '../../modules/policy/rules/opensearch-access-policy';
import { opensearchMasterQuorum } from '../../modules/policy/rules/opensearch-master-quorum';
import { createStackView } from '../../modules/policy/stack-view';
import { JsonObject, PolicyRule } from '../../modules/policy/types';

type Outcome = [status: string, detail: string | undefined];

function outcome(rule: PolicyRule, type: string, config: JsonObject): Outcome {
  const resource = {
    mode: 'resource' as const,
    type,
    name: 'r',
    address: `${type}.r`,
    path: 'test/r',
    config,
  };
  const result = rule.check({ resource, stack: createStackView('test', {}) });
  return typeof result === 'string' ? [result, undefined] : [result.status, result.detail];
}

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
