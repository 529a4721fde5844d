import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { OpenSearchDomain } from '../../../modules/opensearch';
import { Role } from '../../../modules/iam';
import { AlarmTopic, OpenSearchAlarms } from '../../../modules/monitoring';
import { SecurityGroup } from '../../../modules/security-group';
import { Vpc } from '../../../modules/vpc';
import { runTerraform } from '../../../review/terraform';
import { OFFLINE_OVERRIDE_FILE, offlineEnv, offlineOverride } from '../../../review/plan-workdir';
import { PlanResourceChange, TerraformPlanJson } from '../../../review/plan-json';
import { describeWithTerraform } from '../../support/terraform-gate';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/**
 * Every feature on: a production domain (3 data nodes over 3 AZs, 3 dedicated masters, customer
 * key, gp3 with provisioned IOPS and throughput, Auto-Tune, all four log types encrypted, an extra
 * principal, the service-linked role, grants) and a development domain with defaults (T3, one
 * node), with their alarms. The real AWS provider validates it and plans it offline.
 */
describeWithTerraform('OpenSearch domain against the AWS provider', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-opensearch-'));
  const stack = new TerraformStack(Testing.app(), 'opensearch');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const vpc = new Vpc(stack, 'net', {
    name: 'os-test',
    cidrBlock: '10.30.0.0/16',
    availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  });
  const app = new SecurityGroup(stack, 'app-sg', { name: 'os-test-app', vpcId: vpc.vpcId });
  const admin = new Role(stack, 'admin', { name: 'os-test-search-admin', assumedBy: ['ec2.amazonaws.com'] });
  const task = new Role(stack, 'task', { name: 'os-test-task', assumedBy: ['ecs-tasks.amazonaws.com'] });
  const reader = new Role(stack, 'reader', { name: 'os-test-reader', assumedBy: ['lambda.amazonaws.com'] });
  const topic = new AlarmTopic(stack, 'topic', {
    topicName: 'os-test-alarms',
    emails: ['oncall@example.com'],
  });
  const prod = new OpenSearchDomain(stack, 'prod', {
    domainName: 'os-test-prod',
    vpc,
    masterUserArn: admin.roleArn,
    accessPrincipalArns: [task.roleArn],
    allowFrom: [app],
    instanceType: 'r7g.large.search',
    instanceCount: 3,
    availabilityZoneCount: 3,
    dedicatedMasters: { count: 3, instanceType: 'm7g.large.search' },
    ebs: { volumeSizeInGiB: 200, iops: 6000, throughputInMiBps: 500 },
    kmsKeyArn: KEY,
    logs: { retentionInDays: 365, kmsKeyArn: KEY },
    offPeakWindowStartUtc: '02:00',
    createServiceLinkedRole: true,
  });
  prod.grantReadWrite(task);
  prod.grantRead(reader);
  const dev = new OpenSearchDomain(stack, 'dev', {
    domainName: 'os-test-dev',
    vpc,
    masterUserArn: admin.roleArn,
  });
  new OpenSearchAlarms(stack, 'prod-alarms', { domain: prod, topicArn: topic.topicArn });
  new OpenSearchAlarms(stack, 'dev-alarms', { domain: dev, topicArn: topic.topicArn });

  const synthesized = JSON.parse(Testing.synth(stack)) as {
    resource: Record<string, Record<string, unknown>>;
    provider: Record<string, Record<string, unknown>[]>;
  };
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(synthesized));
  writeFileSync(join(dir, OFFLINE_OVERRIDE_FILE), JSON.stringify(offlineOverride(synthesized)));
  const env = offlineEnv({});
  const expectedAddresses = Object.entries(synthesized.resource)
    .flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id}`))
    .sort();

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('init and validate succeed without warnings (the TLS 1.2 PFS policy is accepted by provider 5.100)', () => {
    const init = runTerraform(['init', '-input=false', '-no-color'], dir, env);
    expect({ status: init.status, output: init.status === 0 ? '' : init.stderr + init.stdout }).toEqual({
      status: 0,
      output: '',
    });
    const validate = runTerraform(['validate', '-json', '-no-color'], dir, env);
    const result = JSON.parse(validate.stdout) as {
      valid: boolean;
      warning_count: number;
      diagnostics: unknown[];
    };
    expect({ valid: result.valid, warnings: result.warning_count, diagnostics: result.diagnostics }).toEqual({
      valid: true,
      warnings: 0,
      diagnostics: [],
    });
  });

  describe('offline plan', () => {
    let changes: readonly PlanResourceChange[] = [];
    beforeAll(() => {
      const plan = runTerraform(
        ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=plan.bin'],
        dir,
        env,
      );
      if (plan.status !== 0) throw new Error(`terraform plan failed:\n${plan.stderr || plan.stdout}`);
      const show = runTerraform(['show', '-json', 'plan.bin'], dir, env);
      changes = ((JSON.parse(show.stdout) as TerraformPlanJson).resource_changes ?? []).filter(
        (c) => c.mode === 'managed',
      );
    });

    it('creates every synthesized resource and nothing else', () => {
      expect(changes.map((c) => c.address).sort()).toEqual(expectedAddresses);
      expect(changes.every((c) => c.change.actions.join() === 'create')).toBe(true);
    });

    it('plans both domains with HTTPS-only TLS 1.2 PFS and no master password', () => {
      const domains = changes
        .filter((c) => c.type === 'aws_opensearch_domain')
        .map((c) => c.change.after as Record<string, Record<string, unknown>[]>);
      expect(domains).toHaveLength(2);
      for (const d of domains) {
        expect(d.domain_endpoint_options[0]).toMatchObject({
          enforce_https: true,
          tls_security_policy: 'Policy-Min-TLS-1-2-PFS-2023-10',
        });
        expect(JSON.stringify(d.advanced_security_options)).not.toMatch(/master_user_password":"/);
      }
    });
  });
});
