import { Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Vpc as AwsVpc } from '@cdktf/provider-aws/lib/vpc';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { MlmonStack } from '../../../stacks/mlmon/mlmon-stack';
import { ENVIRONMENTS, PROJECT } from '../../../stacks/mlmon/environments';
import { DEFAULT_STATE_BACKEND, StateBackendSettings } from '../../../backend/settings';
import { EnvironmentConfig } from '../../../stacks/mlmon/config';
import { AccountStack } from '../../../stacks/account/account-stack';
import { ACCOUNT } from '../../../stacks/account/config';
import { applyPolicyPack } from '../../../modules/policy';

type Resources = Record<string, Record<string, Record<string, unknown>>>;
interface StackJson {
  terraform: { backend: Record<string, Record<string, unknown>> };
  provider: { aws: Array<Record<string, unknown>> };
  resource: Resources;
  output: Record<string, unknown>;
}

/**
 * Builds the stack as main.ts does, with the policy pack applied, and synthesizes it with
 * validations on: an error-level finding throws here. The pack's printed report is captured.
 */
function synthEnv(cfg: EnvironmentConfig, stateBackend: StateBackendSettings = DEFAULT_STATE_BACKEND) {
  const stack = new MlmonStack(Testing.app(), `mlmon-${cfg.name}`, {
    project: PROJECT,
    environment: cfg,
    stateBackend,
  });
  const policyReport: string[] = [];
  applyPolicyPack(stack, { log: (message) => policyReport.push(message) });
  const out = Testing.synth(stack, true);
  return { out, json: JSON.parse(out) as StackJson, policyReport: policyReport.join('\n') };
}

const count = (json: StackJson, type: string) => Object.keys(json.resource[type] ?? {}).length;

// The account stack's AWS Backup selections, by name: what each environment's volumes must match.
const accountSelections: Record<string, { resources: unknown; condition: unknown }> = (() => {
  const account = new AccountStack(Testing.app(), 'mlmon-account', {
    project: PROJECT,
    account: ACCOUNT,
    stateBackend: DEFAULT_STATE_BACKEND,
  });
  const json = JSON.parse(Testing.synth(account)) as StackJson;
  return Object.fromEntries(
    Object.values(json.resource.aws_backup_selection ?? {}).map((sel) => [
      sel.name as string,
      { resources: sel.resources, condition: sel.condition },
    ]),
  );
})();

// What differs between the shipped environments, as the README's table states it.
// Ingress rules as `<port> <source>`: dev's public host; behind the front door, the load
// balancer's 80/443 from anywhere and the host's 80/3000 from the load balancer's group only.
const PUBLIC_HOST_INGRESS = [
  '80 ::/0',
  '80 0.0.0.0/0',
  '3000 203.0.113.0/24',
  '8000 203.0.113.0/24',
  '9090 203.0.113.0/24',
];
const FRONT_DOOR_INGRESS = ['80 ::/0', '80 0.0.0.0/0', '80 alb', '443 ::/0', '443 0.0.0.0/0', '3000 alb'];

const expected: Record<
  string,
  {
    azs: number;
    nat: number;
    instances: number;
    asgs: number;
    eips: number;
    replica: boolean;
    loadBalancers: number;
    ingress: string[];
    // Literals, not read from environments.ts: changing an environment must change this table.
    region: string;
    vpcCidr: string;
    instanceType: string;
    rootVolumeSizeInGiB: number;
    logRetentionInDays: number;
    alarmEmails: string[];
    /** The alarm set's alarms: `<suffix> <operator> <threshold>`. */
    alarms: string[];
  }
> = {
  dev: {
    azs: 1,
    nat: 0,
    instances: 0,
    asgs: 1,
    eips: 0,
    replica: false,
    loadBalancers: 0,
    ingress: PUBLIC_HOST_INGRESS,
    region: 'us-east-1',
    vpcCidr: '10.10.0.0/16',
    instanceType: 't3.medium',
    rootVolumeSizeInGiB: 30,
    logRetentionInDays: 14,
    alarmEmails: ['ml-dev-alerts@example.com'],
    alarms: [
      'api-5xx-rate > 10',
      'cpu-high > 90',
      'disk-high > 90',
      'drift-high > 0.5',
      'memory-high > 90',
      'status-check-failed >= 1',
    ],
  },
  staging: {
    azs: 2,
    nat: 1,
    instances: 0,
    asgs: 1,
    eips: 1,
    replica: false,
    loadBalancers: 1,
    ingress: FRONT_DOOR_INGRESS,
    region: 'us-east-1',
    vpcCidr: '10.20.0.0/16',
    instanceType: 't3.medium',
    rootVolumeSizeInGiB: 30,
    logRetentionInDays: 30,
    alarmEmails: ['ml-staging-alerts@example.com'],
    alarms: [
      'api-5xx-rate > 5',
      'cpu-high > 85',
      'disk-high > 85',
      'drift-high > 0.4',
      'memory-high > 85',
      'status-check-failed >= 1',
    ],
  },
  prod: {
    azs: 2,
    nat: 2,
    instances: 0,
    asgs: 1,
    eips: 2,
    replica: true,
    loadBalancers: 1,
    ingress: FRONT_DOOR_INGRESS,
    region: 'us-east-1',
    vpcCidr: '10.30.0.0/16',
    instanceType: 't3.large',
    rootVolumeSizeInGiB: 50,
    logRetentionInDays: 90,
    alarmEmails: ['ml-oncall@example.com', 'ml-platform@example.com'],
    alarms: [
      'api-5xx-rate > 2',
      'cpu-high > 80',
      'disk-high > 80',
      'drift-high > 0.3',
      'memory-high > 85',
      'status-check-failed >= 1',
    ],
  },
};

const OPERATORS: Record<string, string> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '>=',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

describe.each(ENVIRONMENTS.map((e) => [e.name, e] as const))('environment stack %s', (name, cfg) => {
  const { out, json, policyReport } = synthEnv(cfg);
  const want = expected[name];

  it('passes the policy pack as main.ts applies it: no error-level finding, every suppression with its reason', () => {
    // Synthesis with validations would have thrown on an error; the printed report says so too.
    expect(policyReport).toMatch(new RegExp(`^Policy pack mlmon-${name}: 0 error\\(s\\)`));
    expect(policyReport).not.toMatch(/Unused suppressions/);
  });

  it('keeps its state in the S3 backend under its own key, encrypted, locked by DynamoDB', () => {
    expect(json.terraform.backend).toEqual({
      s3: {
        bucket: 'mlmon-terraform-state',
        key: `mlmon-${name}/terraform.tfstate`,
        region: 'us-east-1',
        encrypt: true,
        dynamodb_table: 'mlmon-terraform-locks',
      },
    });
  });

  it('configures the provider region and the mandatory default tags', () => {
    expect(out).toHaveProviderWithProperties(AwsProvider, {
      region: want.region,
      default_tags: [
        {
          tags: expect.objectContaining({
            Project: 'mlmon',
            Environment: name,
            ManagedBy: 'cdktf',
            Owner: 'ml-platform',
            CostCenter: 'ml-research',
          }),
        },
      ],
    });
  });

  it('builds the network: VPC, a public and a private subnet per AZ, NAT per the environment, flow logs', () => {
    expect(out).toHaveResourceWithProperties(AwsVpc, {
      cidr_block: want.vpcCidr,
      enable_dns_hostnames: true,
    });
    expect(count(json, 'aws_subnet')).toBe(want.azs * 2);
    expect(count(json, 'aws_nat_gateway')).toBe(want.nat);
    expect(out).toHaveResource(FlowLog);
    expect(count(json, 'aws_vpc_endpoint')).toBe(2);
    const cidrs = Object.values(json.resource.aws_subnet).map((s) => s.cidr_block);
    expect(cidrs.every((c) => typeof c === 'string' && /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(c as string))).toBe(
      true,
    );
  });

  it('opens only the web ports to the internet, the admin ports to the admin range or the load balancer, no SSH', () => {
    expect(out).toHaveResource(SecurityGroup);
    const ingress = Object.values(json.resource.aws_vpc_security_group_ingress_rule ?? {});
    const rules = ingress
      .map(
        (r) =>
          `${r.from_port} ${r.cidr_ipv4 ?? r.cidr_ipv6 ?? (String(r.referenced_security_group_id).includes('front-door_alb') ? 'alb' : r.referenced_security_group_id)}`,
      )
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    expect(rules).toEqual(want.ingress);
    expect(count(json, 'aws_lb')).toBe(want.loadBalancers);
  });

  it('gives the host its own role and instance profile', () => {
    expect(out).toHaveResourceWithProperties(IamRole, { name: `mlmon-${name}-app-role` });
    expect(out).toHaveResourceWithProperties(IamInstanceProfile, { name: `mlmon-${name}-app-profile` });
  });

  it('runs the host from a launch template with IMDSv2, an encrypted gp3 root volume and detailed monitoring', () => {
    expect(out).toHaveResourceWithProperties(LaunchTemplate, {
      instance_type: want.instanceType,
      metadata_options: expect.objectContaining({ http_tokens: 'required', http_put_response_hop_limit: 1 }),
      monitoring: { enabled: true },
      block_device_mappings: [
        expect.objectContaining({
          ebs: expect.objectContaining({
            encrypted: 'true',
            volume_type: 'gp3',
            volume_size: want.rootVolumeSizeInGiB,
          }),
        }),
      ],
    });
    expect(count(json, 'aws_instance')).toBe(want.instances);
    expect(count(json, 'aws_autoscaling_group')).toBe(want.asgs);
    expect(count(json, 'aws_eip')).toBe(want.eips);
  });

  it("tags the host's root volume, and only it, for the account's daily snapshots of this environment", () => {
    const lt = Object.values(json.resource.aws_launch_template)[0] as {
      tag_specifications: { resource_type: string; tags: Record<string, string> }[];
    };
    const tagsOf = (type: string) => lt.tag_specifications.find((t) => t.resource_type === type)?.tags ?? {};
    expect(tagsOf('volume').Backup).toBe(`mlmon-${name}`);
    expect(tagsOf('instance').Backup).toBeUndefined();
    expect(tagsOf('network-interface').Backup).toBeUndefined();
    // The account stack's plan for this environment selects exactly that tag, in this region.
    expect(accountSelections[`mlmon-${name}-volumes`]).toEqual({
      resources: [`arn:aws:ec2:${want.region}:111122223333:volume/*`],
      condition: [{ string_equals: [{ key: 'aws:ResourceTag/Backup', value: `mlmon-${name}` }] }],
    });
  });

  it('creates the app bucket with the seed layout, and a replica only where configured', () => {
    expect(out).toHaveResourceWithProperties(S3Bucket, { bucket: `mlmon-${name}-${want.region}` });
    expect(count(json, 'aws_s3_bucket_replication_configuration')).toBe(want.replica ? 1 : 0);
  });

  it('alerts by e-mail through an encrypted topic, with alarms, a dashboard and container log groups', () => {
    expect(out).toHaveResourceWithProperties(SnsTopic, { kms_master_key_id: expect.any(String) });
    const subscriptions = Object.values(json.resource.aws_sns_topic_subscription ?? {});
    expect(subscriptions.map((s) => s.endpoint).sort()).toEqual(want.alarmEmails);
    expect(count(json, 'aws_cloudwatch_metric_alarm')).toBeGreaterThanOrEqual(6);
    for (const alarm of Object.values(json.resource.aws_cloudwatch_metric_alarm)) {
      expect(alarm.alarm_actions).toEqual(
        expect.arrayContaining([expect.stringContaining('aws_sns_topic.')]),
      );
    }
    expect(out).toHaveResource(CloudwatchDashboard);
    for (const container of ['api', 'prometheus', 'grafana']) {
      expect(out).toHaveResourceWithProperties(CloudwatchLogGroup, {
        name: `/mlmon/${name}/${container}`,
        retention_in_days: want.logRetentionInDays,
      });
    }
  });

  it("alarms at the environment's thresholds", () => {
    const prefix = `mlmon-${name}-`;
    const alarmSet = Object.values(json.resource.aws_cloudwatch_metric_alarm)
      .filter((a) => !String(a.alarm_name).startsWith(`${prefix}alb-`))
      .map(
        (a) =>
          `${String(a.alarm_name).slice(prefix.length)} ${OPERATORS[a.comparison_operator as string]} ${a.threshold}`,
      )
      .sort();
    expect(alarmSet).toEqual(want.alarms);
  });

  it('keeps secrets out of the configuration', () => {
    expect(out).not.toMatch(/password"\s*:\s*"[^$]/i);
    expect(out).not.toMatch(/AKIA[0-9A-Z]{16}/);
  });

  it('declares described outputs', () => {
    expect(Object.keys(json.output)).toEqual(
      expect.arrayContaining([
        'vpc_id',
        'bucket_name',
        'alarm_topic_arn',
        'grafana_admin_password_parameter',
      ]),
    );
  });

  it('matches the snapshot', () => {
    expect(out).toMatchSnapshot();
  });
});

describe('environment stack backend options', () => {
  const dev = ENVIRONMENTS[0];
  it('uses the S3-native lock alone', () => {
    const { json } = synthEnv(dev, { ...DEFAULT_STATE_BACKEND, locking: 'lockfile' });
    expect(json.terraform.backend.s3.use_lockfile).toBe(true);
    expect(json.terraform.backend.s3.dynamodb_table).toBeUndefined();
  });
  it('takes both locks during a migration, under a key prefix', () => {
    const { json } = synthEnv(dev, { ...DEFAULT_STATE_BACKEND, locking: 'both', keyPrefix: 'teams/ml/' });
    expect(json.terraform.backend.s3).toEqual(
      expect.objectContaining({
        use_lockfile: true,
        dynamodb_table: 'mlmon-terraform-locks',
        key: 'teams/ml/mlmon-dev/terraform.tfstate',
      }),
    );
  });
  it('fails on a bad environment config with the config path', () => {
    expect(() => synthEnv({ ...dev, availabilityZones: ['eu-west-1a'] })).toThrow(
      /environments\.dev[\s\S]*availabilityZones\[0\] = "eu-west-1a": is not an availability zone of region us-east-1/,
    );
  });
});

describe('environment stack host options', () => {
  const dev = ENVIRONMENTS[0];

  it('runs a single instance when compute is "instance": instance outputs and EC2 auto-recovery', () => {
    const { json } = synthEnv({ ...dev, compute: 'instance' });
    expect(count(json, 'aws_instance')).toBe(1);
    expect(count(json, 'aws_autoscaling_group')).toBe(0);
    expect(Object.keys(json.output)).toContain('instance_id');
    expect(Object.keys(json.output)).not.toContain('autoscaling_group_name');
    const alarms = Object.values(json.resource.aws_cloudwatch_metric_alarm).map((a) => a.alarm_name);
    expect(alarms).toContain('mlmon-dev-auto-recover');
  });

  it('tags the root volume for the account backup plan when asked', () => {
    const { json } = synthEnv({ ...dev, rootVolumeTags: { 'backup-plan': 'daily' } });
    const lt = Object.values(json.resource.aws_launch_template)[0] as {
      tag_specifications: { resource_type: string; tags: Record<string, string> }[];
    };
    const volume = lt.tag_specifications.find((t) => t.resource_type === 'volume');
    const instance = lt.tag_specifications.find((t) => t.resource_type === 'instance');
    expect(volume?.tags['backup-plan']).toBe('daily');
    expect(instance?.tags['backup-plan']).toBeUndefined();
  });
});
