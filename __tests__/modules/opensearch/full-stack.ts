import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { OpenSearchDomain } from '../../../modules/opensearch';
import { Role } from '../../../modules/iam';
import { AlarmTopic, OpenSearchAlarms } from '../../../modules/monitoring';
import { SecurityGroup } from '../../../modules/security-group';
import { Vpc } from '../../../modules/vpc';
import { FullStack } from '../../support/full-stack';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/**
 * Every feature on: a production domain (3 data nodes over 3 AZs, 3 dedicated masters, customer
 * key, gp3 with provisioned IOPS and throughput, Auto-Tune, all four log types encrypted, an extra
 * principal, the service-linked role, grants) and a development domain with defaults (T3, one
 * node), with their alarms. Validate accepting it shows provider 5.100 knows the TLS 1.2 PFS policy.
 */
function build(scope: App): TerraformStack {
  const stack = new TerraformStack(scope, 'opensearch');
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

  return stack;
}

export const fullStack: FullStack = {
  name: 'opensearch',
  description: 'production domain (dedicated masters, gp3, KMS, logs, grants) and a default domain, alarms',
  build,
  expectations: {
    'plans both domains with HTTPS-only TLS 1.2 PFS and no master password': (plan) => {
      const domains = plan.afterOf('aws_opensearch_domain') as Record<string, Record<string, unknown>[]>[];
      expect(domains).toHaveLength(2);
      for (const d of domains) {
        expect(d.domain_endpoint_options[0]).toMatchObject({
          enforce_https: true,
          tls_security_policy: 'Policy-Min-TLS-1-2-PFS-2023-10',
        });
        expect(JSON.stringify(d.advanced_security_options)).not.toMatch(/master_user_password":"/);
      }
    },
  },
};
