import { App, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { OpensearchDomain } from '@cdktf/provider-aws/lib/opensearch-domain';
import { OpenSearchDomain, OpenSearchDomainProps } from '../../../modules/opensearch';
import { applyPolicyPack } from '../../../modules/policy';
import { Role } from '../../../modules/iam';
import { SecurityGroup } from '../../../modules/security-group';
import { Vpc } from '../../../modules/vpc';
import {
  Block,
  SynthJson,
  blocksOf,
  errorOf,
  only,
  policyFindings,
  ref,
  resourceCounts,
  resources,
  statementsWithSid,
  synthJson,
  testStack,
} from '../../support/synth-json';

const VPC3 = {
  vpcId: 'vpc-0123456789abcdef0',
  privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb', 'subnet-0cccccccccccccccc'],
  availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
};
const ADMIN = 'arn:aws:iam::111122223333:role/search-admin';
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const BASE: OpenSearchDomainProps = { domainName: 'search', vpc: VPC3, masterUserArn: ADMIN };

function build(
  props: Partial<OpenSearchDomainProps> = {},
  after?: (domain: OpenSearchDomain, stack: TerraformStack) => void,
) {
  const stack = testStack();
  const domain = new OpenSearchDomain(stack, 'search', { ...BASE, ...props });
  after?.(domain, stack);
  return { domain, stack, ...synthJson(stack) };
}
const domainOf = (json: SynthJson) => only(json, 'aws_opensearch_domain').config;
const single = (value: unknown) => (Array.isArray(value) ? value[0] : value) as Block;

describe('OpenSearchDomain with defaults', () => {
  const { domain, json, text, stack } = build();
  const d = domainOf(json);
  const logGroups = resources(json, 'aws_cloudwatch_log_group');
  const groupId = (kind: string) =>
    Object.entries(logGroups).find(([, g]) => g.name === `/aws/opensearch/search/${kind}`)?.[0] ?? '?';

  it('creates a one-node t3.small.search OpenSearch 2.19 domain without zone awareness or masters', () => {
    expect(text).toHaveResourceWithProperties(OpensearchDomain, {
      domain_name: 'search',
      engine_version: 'OpenSearch_2.19',
      ip_address_type: 'ipv4',
    });
    expect(single(d.cluster_config)).toEqual({
      instance_type: 't3.small.search',
      instance_count: 1,
      zone_awareness_enabled: false,
      dedicated_master_enabled: false,
      multi_az_with_standby_enabled: false,
    });
  });

  it('stores data on a 10 GiB gp3 volume at baseline IOPS and throughput', () => {
    expect(single(d.ebs_options)).toEqual({
      ebs_enabled: true,
      volume_type: 'gp3',
      volume_size: 10,
      iops: 3000,
      throughput: 125,
    });
  });

  it('encrypts at rest (aws/es) and between nodes, and serves HTTPS only with the TLS 1.2 PFS policy', () => {
    expect(single(d.encrypt_at_rest)).toEqual({ enabled: true });
    expect(single(d.node_to_node_encryption)).toEqual({ enabled: true });
    expect(single(d.domain_endpoint_options)).toEqual({
      enforce_https: true,
      tls_security_policy: 'Policy-Min-TLS-1-2-PFS-2023-10',
    });
  });

  it('turns on fine-grained access control with the IAM master user and no internal users or anonymity', () => {
    expect(single(d.advanced_security_options)).toEqual({
      enabled: true,
      anonymous_auth_enabled: false,
      internal_user_database_enabled: false,
      master_user_options: { master_user_arn: ADMIN },
    });
    expect(text).not.toMatch(/master_user_password|master_user_name|password/);
  });

  it('sits in the first private subnet behind its own security group without rules', () => {
    const sg = only(json, 'aws_security_group');
    expect(sg.config).toMatchObject({ name: 'search-opensearch', vpc_id: VPC3.vpcId });
    expect(single(d.vpc_options)).toEqual({
      subnet_ids: ['subnet-0aaaaaaaaaaaaaaaa'],
      security_group_ids: [ref('aws_security_group', sg.id)],
    });
    expect(resources(json, 'aws_vpc_security_group_ingress_rule')).toEqual({});
    expect(resources(json, 'aws_vpc_security_group_egress_rule')).toEqual({});
  });

  it('publishes index slow, search slow, error and audit logs to groups kept 30 days', () => {
    expect(
      Object.values(logGroups)
        .map((g) => [g.name, g.retention_in_days])
        .sort(),
    ).toEqual([
      ['/aws/opensearch/search/application', 30],
      ['/aws/opensearch/search/audit', 30],
      ['/aws/opensearch/search/index-slow', 30],
      ['/aws/opensearch/search/search-slow', 30],
    ]);
    expect(d.log_publishing_options).toEqual([
      {
        log_type: 'INDEX_SLOW_LOGS',
        cloudwatch_log_group_arn: ref('aws_cloudwatch_log_group', groupId('index-slow'), 'arn'),
        enabled: true,
      },
      {
        log_type: 'SEARCH_SLOW_LOGS',
        cloudwatch_log_group_arn: ref('aws_cloudwatch_log_group', groupId('search-slow'), 'arn'),
        enabled: true,
      },
      {
        log_type: 'ES_APPLICATION_LOGS',
        cloudwatch_log_group_arn: ref('aws_cloudwatch_log_group', groupId('application'), 'arn'),
        enabled: true,
      },
      {
        log_type: 'AUDIT_LOGS',
        cloudwatch_log_group_arn: ref('aws_cloudwatch_log_group', groupId('audit'), 'arn'),
        enabled: true,
      },
    ]);
  });

  it('lets only es.amazonaws.com, for this domain in this account, write to those four groups', () => {
    const policy = only(json, 'aws_cloudwatch_log_resource_policy');
    expect(policy.config.policy_name).toBe('search-opensearch-logs');
    const [st] = statementsWithSid(json, 'OpenSearchLogDelivery');
    expect(st).toMatchObject({
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['es.amazonaws.com'] }],
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    });
    expect((st.resources as string[]).sort()).toEqual(
      ['index-slow', 'search-slow', 'application', 'audit']
        .map((k) => `${ref('aws_cloudwatch_log_group', groupId(k), 'arn')}:*`)
        .sort(),
    );
    const conditions = st.condition as Block[];
    expect(conditions.map((c) => [c.test, c.variable])).toEqual([
      ['StringEquals', 'aws:SourceAccount'],
      ['ArnLike', 'aws:SourceArn'],
    ]);
    expect((conditions[1].values as string[])[0]).toMatch(/^arn:\$\{element\(split.*:es:.*:domain\/search$/);
    expect(d.depends_on).toEqual([`aws_cloudwatch_log_resource_policy.${policy.id}`]);
  });

  it('admits only the master user in the access policy, on the domain paths', () => {
    const policy = only(json, 'aws_opensearch_domain_policy');
    expect(policy.config.domain_name).toBe(
      ref('aws_opensearch_domain', only(json, 'aws_opensearch_domain').id, 'domain_name'),
    );
    const [st] = statementsWithSid(json, 'NamedPrincipalsHttp');
    expect(st).toEqual({
      sid: 'NamedPrincipalsHttp',
      effect: 'Allow',
      principals: [{ type: 'AWS', identifiers: [ADMIN] }],
      actions: [
        'es:ESHttpGet',
        'es:ESHttpHead',
        'es:ESHttpPost',
        'es:ESHttpPut',
        'es:ESHttpPatch',
        'es:ESHttpDelete',
      ],
      resources: [`${ref('aws_opensearch_domain', only(json, 'aws_opensearch_domain').id, 'arn')}/*`],
    });
    expect(d.access_policies).toBeUndefined();
  });

  it('leaves Auto-Tune out on T3, opens a daily off-peak window at 22:00 UTC, updates software automatically', () => {
    expect(d.auto_tune_options).toBeUndefined();
    expect(single(d.off_peak_window_options)).toEqual({
      enabled: true,
      off_peak_window: { window_start_time: { hours: 22, minutes: 0 } },
    });
    expect(single(d.software_update_options)).toEqual({ auto_software_update_enabled: true });
    expect(domain.autoTuneEnabled).toBe(false);
  });

  it('exposes sizing for alarms', () => {
    expect([domain.domainName, domain.instanceType, domain.instanceCount]).toEqual([
      'search',
      't3.small.search',
      1,
    ]);
    expect([domain.availabilityZoneCount, domain.dedicatedMasterCount, domain.volumeSizeInGiB]).toEqual([
      1, 0, 10,
    ]);
    expect(Object.keys(domain.logGroupNames)).toEqual(['index-slow', 'search-slow', 'application', 'audit']);
    expect(domain.kmsKeyArn).toBeUndefined();
  });

  it('creates exactly these resources', () => {
    expect(resourceCounts(json)).toEqual({
      aws_security_group: 1,
      aws_cloudwatch_log_group: 4,
      aws_cloudwatch_log_resource_policy: 1,
      aws_opensearch_domain: 1,
      aws_opensearch_domain_policy: 1,
    });
  });

  it('passes the policy pack: no errors; warnings only for the opt-in hardening (CMK, masters, zones, log keys)', () => {
    expect(policyFindings(stack)).toEqual({
      errors: [],
      warnings: [
        'MLM-LOG-002 test/search/application-logs',
        'MLM-LOG-002 test/search/audit-logs',
        'MLM-LOG-002 test/search/index-slow-logs',
        'MLM-LOG-002 test/search/search-slow-logs',
        'MLM-OS-007 test/search/domain',
        'MLM-OS-010 test/search/domain',
        'MLM-OS-012 test/search/domain',
      ],
    });
  });

  it('synthesizes under applyPolicyPack inside a real Vpc, with a Role as master', () => {
    const app = Testing.app();
    const s = new TerraformStack(app, 'pack');
    new AwsProvider(s, 'aws', { region: 'us-east-1' });
    const vpc = new Vpc(s, 'net', {
      name: 'pack',
      cidrBlock: '10.0.0.0/16',
      availabilityZones: ['us-east-1a'],
    });
    const admin = new Role(s, 'admin', { name: 'search-admin', assumedBy: ['ec2.amazonaws.com'] });
    new OpenSearchDomain(s, 'search', { domainName: 'pack-search', vpc, masterUserArn: admin.roleArn });
    const log: string[] = [];
    applyPolicyPack(s, { log: (m) => log.push(m) });
    expect(() => app.synth()).not.toThrow();
    expect(log.join('\n')).not.toMatch(/MLM-OS-00[1234569]|MLM-OS-01[34]/);
  });
});

describe('OpenSearchDomain for production (3 AZs, masters, CMK, bigger gp3, Auto-Tune)', () => {
  const { domain, json, stack } = build({
    instanceType: 'r7g.large.search',
    instanceCount: 3,
    availabilityZoneCount: 3,
    dedicatedMasters: {},
    kmsKeyArn: KEY,
    ebs: { volumeSizeInGiB: 200, iops: 6000, throughputInMiBps: 500 },
    tlsSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07',
    engineVersion: 'OpenSearch_2.17',
    offPeakWindowStartUtc: '01:30',
    autoSoftwareUpdate: false,
    accessPrincipalArns: ['arn:aws:iam::111122223333:role/api-task'],
    logs: { retentionInDays: 365, kmsKeyArn: KEY },
    tags: { Team: 'search' },
  });
  const d = domainOf(json);

  it('spreads three data nodes over three AZs with three m7g.large masters', () => {
    expect(single(d.cluster_config)).toEqual({
      instance_type: 'r7g.large.search',
      instance_count: 3,
      zone_awareness_enabled: true,
      zone_awareness_config: { availability_zone_count: 3 },
      dedicated_master_enabled: true,
      dedicated_master_type: 'm7g.large.search',
      dedicated_master_count: 3,
      multi_az_with_standby_enabled: false,
    });
    expect(single(d.vpc_options).subnet_ids).toEqual(VPC3.privateSubnetIds);
    expect(domain.dedicatedMasterCount).toBe(3);
  });

  it('applies storage, key, TLS, version, window and update settings', () => {
    expect(single(d.ebs_options)).toMatchObject({ volume_size: 200, iops: 6000, throughput: 500 });
    expect(single(d.encrypt_at_rest)).toEqual({ enabled: true, kms_key_id: KEY });
    expect(single(d.domain_endpoint_options).tls_security_policy).toBe('Policy-Min-TLS-1-2-2019-07');
    expect(d.engine_version).toBe('OpenSearch_2.17');
    expect(single(single(d.off_peak_window_options).off_peak_window).window_start_time).toEqual({
      hours: 1,
      minutes: 30,
    });
    expect(single(d.software_update_options)).toEqual({ auto_software_update_enabled: false });
    expect(d.tags).toEqual({ Team: 'search', Name: 'search' });
  });

  it('turns Auto-Tune on (off-peak, no rollback) on a non-burstable type', () => {
    expect(single(d.auto_tune_options)).toEqual({
      desired_state: 'ENABLED',
      rollback_on_disable: 'NO_ROLLBACK',
      use_off_peak_window: true,
    });
    expect(domain.autoTuneEnabled).toBe(true);
  });

  it('admits the extra principal next to the master', () => {
    expect(statementsWithSid(json, 'NamedPrincipalsHttp')[0].principals).toEqual([
      { type: 'AWS', identifiers: [ADMIN, 'arn:aws:iam::111122223333:role/api-task'] },
    ]);
  });

  it('keeps logs a year, encrypted', () => {
    for (const g of blocksOf(json, 'aws_cloudwatch_log_group')) {
      expect(g).toMatchObject({ retention_in_days: 365, kms_key_id: KEY, tags: { Team: 'search' } });
    }
  });

  it('passes every OpenSearch rule, warnings included', () => {
    const { errors, warnings } = policyFindings(stack);
    expect(errors).toEqual([]);
    expect(warnings.filter((w) => w.startsWith('MLM-OS'))).toEqual([]);
  });
});

describe('OpenSearchDomain options', () => {
  it('uses two of three subnets for two AZs with four nodes', () => {
    const { json } = build({ instanceType: 'm7g.large.search', instanceCount: 4, availabilityZoneCount: 2 });
    expect(single(domainOf(json).cluster_config)).toMatchObject({
      instance_count: 4,
      zone_awareness_enabled: true,
      zone_awareness_config: { availability_zone_count: 2 },
    });
    expect(single(domainOf(json).vpc_options).subnet_ids).toEqual(VPC3.privateSubnetIds.slice(0, 2));
  });

  it('runs five masters of another type', () => {
    const { json } = build({ dedicatedMasters: { count: 5, instanceType: 'm6g.large.search' } });
    expect(single(domainOf(json).cluster_config)).toMatchObject({
      dedicated_master_count: 5,
      dedicated_master_type: 'm6g.large.search',
    });
  });

  it('switches Auto-Tune off explicitly on a type that has it', () => {
    const { json } = build({ instanceType: 'm7g.large.search', autoTune: false });
    expect(single(domainOf(json).auto_tune_options)).toEqual({
      desired_state: 'DISABLED',
      rollback_on_disable: 'NO_ROLLBACK',
      use_off_peak_window: true,
    });
  });

  it('publishes only the logs asked for, and none at all without a resource policy', () => {
    const some = build({ logs: { indexSlowLogs: false, searchSlowLogs: false } });
    expect((domainOf(some.json).log_publishing_options as Block[]).map((o) => o.log_type)).toEqual([
      'ES_APPLICATION_LOGS',
      'AUDIT_LOGS',
    ]);
    const none = build({
      logs: { indexSlowLogs: false, searchSlowLogs: false, applicationLogs: false, auditLogs: false },
    });
    expect(resources(none.json, 'aws_cloudwatch_log_group')).toEqual({});
    expect(resources(none.json, 'aws_cloudwatch_log_resource_policy')).toEqual({});
    expect(domainOf(none.json).log_publishing_options).toBeUndefined();
    expect(domainOf(none.json).depends_on).toBeUndefined();
    expect(policyFindings(none.stack).errors).toEqual([
      'MLM-OS-008 test/search/domain',
      'MLM-OS-009 test/search/domain',
    ]);
  });

  it('creates the service-linked role when asked, before the domain', () => {
    const { json } = build({ createServiceLinkedRole: true });
    const slr = only(json, 'aws_iam_service_linked_role');
    expect(slr.config.aws_service_name).toBe('opensearchservice.amazonaws.com');
    expect(domainOf(json).depends_on).toContain(`aws_iam_service_linked_role.${slr.id}`);
  });

  it('admits security groups on 443 only', () => {
    const { json } = build({ allowFrom: [{ securityGroupId: 'sg-0123456789abcdef0' }] }, (d, s) => {
      d.allowFrom(new SecurityGroup(s, 'api-sg', { name: 'api', vpcId: VPC3.vpcId }), 'Search API');
    });
    const rules = blocksOf(json, 'aws_vpc_security_group_ingress_rule');
    expect(rules.map((r) => [r.from_port, r.to_port, r.ip_protocol, r.description]).sort()).toEqual([
      [443, 443, 'tcp', 'OpenSearch HTTPS clients (tcp 443) from sg-0123456789abcdef0'],
      [443, 443, 'tcp', 'Search API (tcp 443) from security group'],
    ]);
  });
});

describe('OpenSearchDomain grants', () => {
  const { stack } = build({}, (d, s) => {
    const reader = new Role(s, 'reader', { name: 'reader', assumedBy: ['lambda.amazonaws.com'] });
    const writer = new Role(s, 'writer', { name: 'writer', assumedBy: ['ecs-tasks.amazonaws.com'] });
    d.grantRead(reader);
    d.grantReadWrite(writer);
  });
  const json = synthJson(stack).json;
  const arn = ref('aws_opensearch_domain', only(json, 'aws_opensearch_domain').id, 'arn');

  it('grantRead allows GET and HEAD on the domain and its paths', () => {
    expect(statementsWithSid(json, 'OpenSearchHttpRead')).toEqual([
      {
        sid: 'OpenSearchHttpRead',
        effect: 'Allow',
        actions: ['es:ESHttpGet', 'es:ESHttpHead'],
        resources: [arn, `${arn}/*`],
      },
    ]);
  });

  it('grantReadWrite allows every HTTP method, nothing else (no es:* control plane)', () => {
    expect(statementsWithSid(json, 'OpenSearchHttpReadWrite')).toEqual([
      {
        sid: 'OpenSearchHttpReadWrite',
        effect: 'Allow',
        actions: [
          'es:ESHttpGet',
          'es:ESHttpHead',
          'es:ESHttpPost',
          'es:ESHttpPut',
          'es:ESHttpPatch',
          'es:ESHttpDelete',
        ],
        resources: [arn, `${arn}/*`],
      },
    ]);
  });
});

function messageOf(props: Partial<OpenSearchDomainProps>): string {
  const app: App = Testing.app();
  return errorOf(
    () => new OpenSearchDomain(new TerraformStack(app, 'test'), 'search', { ...BASE, ...props }),
  );
}

describe('OpenSearchDomain validation', () => {
  const twoAz = {
    ...VPC3,
    privateSubnetIds: VPC3.privateSubnetIds.slice(0, 2),
    availabilityZones: VPC3.availabilityZones.slice(0, 2),
  };
  const cases: [string, Partial<OpenSearchDomainProps>, string, string, string, string][] = [
    [
      'upper-case name',
      { domainName: 'Search' },
      'domainName',
      '"Search"',
      '3-28 lowercase',
      '"sentiment-dev"',
    ],
    ['two-character name', { domainName: 'se' }, 'domainName', '"se"', '3-28 lowercase', '"sentiment-dev"'],
    [
      '29-character name',
      { domainName: 's'.repeat(29) },
      'domainName',
      's'.repeat(29),
      '3-28',
      '"sentiment-dev"',
    ],
    [
      'Elasticsearch version',
      { engineVersion: 'Elasticsearch_7.10' },
      'engineVersion',
      '"Elasticsearch_7.10"',
      'legacy Elasticsearch',
      '"OpenSearch_2.19"',
    ],
    [
      'EC2 instance type',
      { instanceType: 't3.small' },
      'instanceType',
      '"t3.small"',
      '<family>.<size>.search',
      '"m7g.large.search"',
    ],
    ['no data nodes', { instanceCount: 0 }, 'instanceCount', '0', 'from 1 to 80', 'instanceCount'],
    ['81 data nodes', { instanceCount: 81 }, 'instanceCount', '81', 'from 1 to 80', 'instanceCount'],
    [
      'four AZs',
      { availabilityZoneCount: 4 as 3 },
      'availabilityZoneCount',
      '4',
      'must be 1, 2 or 3',
      'no zone awareness',
    ],
    [
      'one node over two AZs',
      { availabilityZoneCount: 2 },
      'instanceCount',
      '1',
      'not a multiple of availabilityZoneCount 2',
      'use 2 data nodes',
    ],
    [
      'four nodes over three AZs',
      { instanceCount: 4, availabilityZoneCount: 3 },
      'instanceCount',
      '4',
      'not a multiple of availabilityZoneCount 3',
      'use 6 data nodes',
    ],
    [
      'three AZs in a two-AZ VPC',
      { instanceCount: 3, availabilityZoneCount: 3, vpc: twoAz },
      'vpc.privateSubnetIds',
      '2 subnet(s) in us-east-1a, us-east-1b',
      'in 3 different AZ(s)',
      'lower availabilityZoneCount',
    ],
    [
      'no private subnets',
      { vpc: { ...VPC3, privateSubnetIds: [] } },
      'vpc.privateSubnetIds',
      '0 subnet(s) in no AZ',
      'in 1 different AZ(s)',
      'createPrivateSubnets true',
    ],
    ['no VPC id', { vpc: { ...VPC3, vpcId: '' } }, 'vpc.vpcId', '""', 'is required', 'Vpc construct'],
    [
      'master as account root',
      { masterUserArn: 'arn:aws:iam::111122223333:root' },
      'masterUserArn',
      ':root',
      'not the ARN of an IAM role or user',
      'Role.roleArn',
    ],
    [
      'master as a name',
      { masterUserArn: 'admin' },
      'masterUserArn',
      '"admin"',
      'not the ARN of an IAM role or user',
      'Role.roleArn',
    ],
    [
      '"*" as principal',
      { accessPrincipalArns: ['*'] },
      'accessPrincipalArns',
      '["*"]',
      '"*", account roots and services are refused',
      'grantReadWrite',
    ],
    [
      'master listed again',
      { accessPrincipalArns: [ADMIN] },
      'accessPrincipalArns',
      'search-admin',
      'or the master user',
      'without the master user',
    ],
    [
      'duplicate principal',
      { accessPrincipalArns: ['arn:aws:iam::111122223333:role/a', 'arn:aws:iam::111122223333:role/a'] },
      'accessPrincipalArns',
      'role/a',
      'lists a principal twice',
      'list each principal once',
    ],
    [
      'two masters',
      { dedicatedMasters: { count: 2 as 3 } },
      'dedicatedMasters.count',
      '2',
      'must be 3 or 5',
      'use 3 (default) or 5',
    ],
    [
      'bad master type',
      { dedicatedMasters: { instanceType: 'm7g.large' } },
      'dedicatedMasters.instanceType',
      '"m7g.large"',
      '<family>.<size>.search',
      'm7g.large.search',
    ],
    [
      '9 GiB volume',
      { ebs: { volumeSizeInGiB: 9 } },
      'ebs.volumeSizeInGiB',
      '9',
      'from 10 to 24576',
      'gp3 minimum',
    ],
    ['2,999 IOPS', { ebs: { iops: 2999 } }, 'ebs.iops', '2999', 'from 3000 to 16000', 'ebs.iops'],
    [
      '1,001 MiB/s',
      { ebs: { throughputInMiBps: 1001, iops: 16000 } },
      'ebs.throughputInMiBps',
      '1001',
      'from 125 to 1000',
      'ebs.throughputInMiBps',
    ],
    [
      'throughput above IOPS / 4',
      { ebs: { throughputInMiBps: 1000 } },
      'ebs.throughputInMiBps',
      '1000',
      'exceeds IOPS / 4 (750 MiB/s for 3000 IOPS)',
      'at least 4000',
    ],
    [
      'KMS alias',
      { kmsKeyArn: 'alias/search' },
      'kmsKeyArn',
      '"alias/search"',
      'not a KMS key ARN',
      'not an alias',
    ],
    [
      'TLS 1.0 policy',
      { tlsSecurityPolicy: 'Policy-Min-TLS-1-0-2019-07' as 'Policy-Min-TLS-1-2-2019-07' },
      'tlsSecurityPolicy',
      'TLS-1-0',
      'not a TLS 1.2+ policy',
      'PFS-2023-10',
    ],
    [
      'Auto-Tune on T3',
      { autoTune: true },
      'autoTune',
      'true',
      'Auto-Tune does not support',
      'non-burstable',
    ],
    [
      'off-peak start 24:00',
      { offPeakWindowStartUtc: '24:00' },
      'offPeakWindowStartUtc',
      '"24:00"',
      'hh24:mi',
      '"22:00"',
    ],
    ['log retention 0', { logs: { retentionInDays: 0 } }, 'logs.retentionInDays', '0', 'MLM-LOG-001', '30'],
    [
      'log retention 45',
      { logs: { retentionInDays: 45 } },
      'logs.retentionInDays',
      '45',
      'not a retention period',
      'nearest: 60',
    ],
    [
      'log key alias',
      { logs: { kmsKeyArn: 'alias/logs' } },
      'logs.kmsKeyArn',
      '"alias/logs"',
      'not a KMS key ARN',
      'key/<key-id>',
    ],
  ];

  it.each(cases)(
    'fails on %s, naming path, field, value, problem and fix',
    (_case, props, field, value, problem, fix) => {
      const message = messageOf(props);
      expect(message).toContain('Invalid input for test/search');
      const line = message.split('\n').find((l) => l.includes(`  - ${field} = `) && l.includes(problem));
      expect(line).toBeDefined();
      expect(line).toContain(value);
      expect(line).toContain('Fix: ');
      expect(line).toContain(fix);
    },
  );

  it('reports every problem at once', () => {
    expect(
      messageOf({ domainName: 'X', instanceCount: 0, kmsKeyArn: 'k', offPeakWindowStartUtc: 'noon' }),
    ).toContain('(4 problems)');
  });

  it('refuses an unresolved subnet list', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const ids = new TerraformVariable(stack, 'ids', { type: 'list(string)' });
    expect(
      errorOf(
        () =>
          new OpenSearchDomain(stack, 'search', {
            ...BASE,
            vpc: { ...VPC3, privateSubnetIds: ids.listValue },
          }),
      ),
    ).toMatch(/vpc = "<token>": has an unresolved privateSubnetIds list/);
  });

  it('accepts references for the master, principals and key', () => {
    const stack = testStack();
    const role = new TerraformVariable(stack, 'role', { type: 'string' });
    expect(
      () =>
        new OpenSearchDomain(stack, 'search', {
          ...BASE,
          masterUserArn: role.stringValue,
          accessPrincipalArns: [new TerraformVariable(stack, 'p', { type: 'string' }).stringValue],
          kmsKeyArn: new TerraformVariable(stack, 'k', { type: 'string' }).stringValue,
        }),
    ).not.toThrow();
  });

  describe('accepts the boundaries', () => {
    const accepted: [string, Partial<OpenSearchDomainProps>][] = [
      ['a 3-character name', { domainName: 'abc' }],
      ['a 28-character name', { domainName: 's'.repeat(28) }],
      ['80 data nodes', { instanceType: 'r7g.large.search', instanceCount: 80, availabilityZoneCount: 2 }],
      ['two nodes over two AZs', { instanceCount: 2, availabilityZoneCount: 2 }],
      ['three nodes over three AZs', { instanceCount: 3, availabilityZoneCount: 3 }],
      [
        'a 10 GiB volume at 16,000 IOPS and 1,000 MiB/s',
        { ebs: { volumeSizeInGiB: 10, iops: 16000, throughputInMiBps: 1000 } },
      ],
      ['throughput exactly IOPS / 4', { ebs: { iops: 4000, throughputInMiBps: 1000 } }],
      ['an IAM user as master', { masterUserArn: 'arn:aws:iam::111122223333:user/ops' }],
      ['a GovCloud role as master', { masterUserArn: 'arn:aws-us-gov:iam::111122223333:role/path/admin' }],
      ['Auto-Tune off on T3', { autoTune: false }],
      ['off-peak start 00:00', { offPeakWindowStartUtc: '00:00' }],
      ['off-peak start 23:59', { offPeakWindowStartUtc: '23:59' }],
      ['log retention 1 day', { logs: { retentionInDays: 1 } }],
    ];
    it.each(accepted)('%s', (_case, props) => {
      expect(() => build(props)).not.toThrow();
    });
  });
});

describe('OpenSearchDomain domain name from a token', () => {
  it('refuses it: the name is part of the log group names made at synth', () => {
    const stack = testStack();
    const name = new TerraformVariable(stack, 'name', { type: 'string' });
    expect(
      errorOf(() => new OpenSearchDomain(stack, 'search', { ...BASE, domainName: name.stringValue })),
    ).toBe(
      'Invalid input for test/search (1 problem):\n' +
        '  - domainName = "<token>": must be 3-28 lowercase letters, digits and hyphens, starting with a letter ' +
        '(and literal: it names the log groups). Fix: use a name such as "sentiment-dev"',
    );
  });
});
