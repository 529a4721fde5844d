/**
 * Props given as Terraform variables skip synth-time validation; the constructs add the same rules
 * as preconditions, and an offline `terraform plan` (real Terraform, real AWS provider) stops on a
 * bad value with the construct path, the field and what is allowed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ComposeHost } from '../../../modules/compose-host';
import { EcsServiceAlarms } from '../../../modules/monitoring';
import { offlineEnv, prepareWorkDir } from '../../../review/plan-workdir';
import { runTerraform } from '../../../review/terraform';
import { describeWithTerraform } from '../../support/terraform-gate';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:alarms';

function stackWithVariables(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'plan-checks');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const instanceType = new TerraformVariable(stack, 'instance_type', { type: 'string' });
  const volume = new TerraformVariable(stack, 'root_volume_gib', { type: 'number' });
  const cpu = new TerraformVariable(stack, 'cpu_threshold', { type: 'number' });
  new ComposeHost(stack, 'host', {
    name: 'shop-dev-db',
    region: 'us-east-1',
    subnetIds: ['subnet-0123456789abcdef0'],
    securityGroupIds: ['sg-0123456789abcdef0'],
    instanceType: instanceType.stringValue,
    rootVolumeSizeInGiB: volume.numberValue,
    compose: { services: { cache: { image: 'redis:7.4.0', ports: ['127.0.0.1:6379:6379'] } } },
  });
  new EcsServiceAlarms(stack, 'alarms', {
    service: { clusterName: 'shop', serviceName: 'shop-api' },
    topicArn: TOPIC,
    cpuThresholdPercent: cpu.numberValue,
  });
  return stack;
}

describeWithTerraform('plan-time checks of values given as variables (real Terraform)', () => {
  const root = mkdtempSync(join(tmpdir(), 'plan-checks-'));
  const stackDir = join(root, 'stack');
  const workDir = join(root, 'work');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const env = offlineEnv({});
  const plan = (vars: Record<string, string>) => {
    const args = ['plan', '-input=false', '-no-color', '-lock=false', '-refresh=false'];
    for (const [k, v] of Object.entries(vars)) args.push('-var', `${k}=${v}`);
    const r = runTerraform(args, workDir, env);
    return { status: r.status, output: (r.stderr + r.stdout).replace(/\s+/g, ' ') };
  };
  const GOOD = { instance_type: 't3.medium', root_volume_gib: '30', cpu_threshold: '85' };

  beforeAll(() => {
    mkdirSync(stackDir, { recursive: true });
    writeFileSync(join(stackDir, 'cdk.tf.json'), Testing.synth(stackWithVariables()));
    prepareWorkDir(stackDir, workDir, true);
    const init = runTerraform(['init', '-input=false', '-no-color'], workDir, env);
    if (init.status !== 0) {
      throw new Error(
        `terraform init failed (set MLMON_TF_PROVIDER_MIRROR to a provider mirror when the registry is unreachable):\n${init.stderr}`,
      );
    }
  });

  it('plans with good values', () => {
    const r = plan(GOOD);
    expect({ status: r.status, error: r.status === 0 ? '' : r.output }).toEqual({ status: 0, error: '' });
  });

  it.each<[string, Record<string, string>, string]>([
    [
      'an instance type with a trailing space',
      { instance_type: 't3.medium ' },
      'Invalid instanceType of plan-checks/host: it must be an EC2 instance type such as "t3.medium".',
    ],
    [
      'a root volume of 4 GiB',
      { root_volume_gib: '4' },
      'Invalid rootVolumeSizeInGiB of plan-checks/host: it must be a whole number of GiB from 8 to 16384.',
    ],
    [
      'a root volume of 30.5 GiB',
      { root_volume_gib: '30.5' },
      'Invalid rootVolumeSizeInGiB of plan-checks/host: it must be a whole number of GiB from 8 to 16384.',
    ],
    [
      'a CPU threshold of 100 % (never exceeded)',
      { cpu_threshold: '100' },
      'Invalid cpuThresholdPercent of plan-checks/alarms: it must be a percentage above 0% and below 100%.',
    ],
  ])('stops the plan on %s', (_name, bad, message) => {
    const r = plan({ ...GOOD, ...bad });
    expect(r.status).toBe(1);
    expect(r.output).toContain('Resource precondition failed');
    expect(r.output).toContain(message);
  });
});
