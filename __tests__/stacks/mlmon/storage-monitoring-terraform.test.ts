import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ModelMonitoringBucket } from '../../../stacks/mlmon/storage/model-monitoring-bucket';
import { ContainerLogGroups } from '../../../stacks/mlmon/monitoring/container-log-groups';
import { Monitoring } from '../../../stacks/mlmon/monitoring/monitoring';
import { runTerraform } from '../../../review/terraform';
import { OFFLINE_OVERRIDE_FILE, offlineEnv, offlineOverride } from '../../../review/plan-workdir';
import { PlanResourceChange, TerraformPlanJson } from '../../../review/plan-json';
import { describeWithTerraform } from '../../support/terraform-gate';

/** The parts of `terraform show -json`'s `configuration` read here. */
interface PlanConfiguration {
  readonly provider_config?: Record<string, { expressions?: { region?: { constant_value?: string } } }>;
  readonly root_module?: { resources?: { address: string; provider_config_key?: string }[] };
}

/**
 * Both modules with every feature on (SSE-KMS, created log bucket, cross-region replication with
 * KMS, container log groups, instance and Auto Scaling group monitoring) pass the real AWS
 * provider's `terraform validate` and an offline `terraform plan` (mock credentials, no refresh).
 * The random suffix is left out: the provider mirror carries no hashicorp/random.
 */
describeWithTerraform('mlmon bucket and alarm set against the AWS provider', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-modules-'));
  const stack = new TerraformStack(Testing.app(), 'modules');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const replica = new AwsProvider(stack, 'aws-replica', { alias: 'replica', region: 'eu-west-1' });
  new ModelMonitoringBucket(stack, 'storage', {
    bucketName: 'mlmon-test-us-east-1',
    kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    accessLogging: { createLogBucket: true },
    replication: {
      destinationRegion: 'eu-west-1',
      provider: replica,
      destinationKmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/9999abcd-12ab-34cd-56ef-1234567890ab',
      replicationTimeControl: true,
    },
  });
  const logGroups = new ContainerLogGroups(stack, 'logs', { prefix: '/mlmon/test' });
  new Monitoring(stack, 'instance', {
    name: 'mlmon-test',
    region: 'us-east-1',
    alarmEmails: ['oncall@example.com'],
    target: { instanceId: 'i-0123456789abcdef0' },
    logGroups,
  });
  new Monitoring(stack, 'group', {
    name: 'mlmon-test-asg',
    region: 'us-east-1',
    alarmEmails: [],
    target: { autoScalingGroupName: 'mlmon-test-app' },
  });
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

  it('init and validate succeed', () => {
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
    let configuration: PlanConfiguration = {};
    beforeAll(() => {
      const plan = runTerraform(
        ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=plan.bin'],
        dir,
        env,
      );
      if (plan.status !== 0) throw new Error(`terraform plan failed:\n${plan.stderr || plan.stdout}`);
      const show = runTerraform(['show', '-json', 'plan.bin'], dir, env);
      const json = JSON.parse(show.stdout) as TerraformPlanJson & { configuration?: PlanConfiguration };
      // Data sources whose inputs are unknown until apply are read then; only resources count here.
      changes = (json.resource_changes ?? []).filter((c) => c.mode === 'managed');
      configuration = json.configuration ?? {};
    });
    const ofType = (type: string) => changes.filter((c) => c.type === type);

    it('creates every synthesized resource and nothing else', () => {
      expect(changes.map((c) => c.address).sort()).toEqual(expectedAddresses);
      expect(changes.every((c) => c.change.actions.join() === 'create')).toBe(true);
    });

    it('keeps the day-0 Intelligent-Tiering transition', () => {
      const lifecycle = ofType('aws_s3_bucket_lifecycle_configuration').find((c) =>
        JSON.stringify(c.change.after).includes('data-intelligent-tiering'),
      ) as PlanResourceChange;
      const rules = (lifecycle.change.after as { rule: { id: string; transition: unknown[] }[] }).rule;
      expect(rules.find((r) => r.id === 'data-intelligent-tiering')?.transition).toEqual([
        expect.objectContaining({ days: 0, storage_class: 'INTELLIGENT_TIERING' }),
      ]);
    });

    it('plans the replica bucket with the eu-west-1 provider alias', () => {
      const replicaBucket = ofType('aws_s3_bucket').find(
        (c) => (c.change.after as { bucket?: string }).bucket === 'mlmon-test-us-east-1-replica',
      ) as PlanResourceChange;
      const resource = configuration.root_module?.resources?.find((r) => r.address === replicaBucket.address);
      expect(resource?.provider_config_key).toBe('aws.replica');
      expect(configuration.provider_config?.['aws.replica']?.expressions?.region?.constant_value).toBe(
        'eu-west-1',
      );
    });

    it('plans thirteen alarms across the two deployments', () => {
      expect(ofType('aws_cloudwatch_metric_alarm')).toHaveLength(13);
    });
  });
});
