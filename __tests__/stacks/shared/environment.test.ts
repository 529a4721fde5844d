import { Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Validator } from '../../../modules/core/validation';
import { BaseEnvironmentConfig, checkBaseEnvironment } from '../../../stacks/shared/environment';
import { SystemStack } from '../../../stacks/shared/system-stack';
import { PROJECT } from '../../../stacks/shared/project';
import { DEFAULT_STATE_BACKEND } from '../../../backend/settings';

const DEV: BaseEnvironmentConfig = {
  name: 'dev',
  region: 'us-east-1',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  vpcCidr: '10.40.0.0/16',
  alarmEmails: ['oncall@example.com'],
  logRetentionInDays: 14,
  tags: { Owner: 'ml-platform', CostCenter: 'ml-research' },
};

function problems(cfg: unknown, minAzs?: number): string[] {
  const v = new Validator('environments.dev');
  checkBaseEnvironment(v, cfg as BaseEnvironmentConfig, minAzs);
  return v.list().map((p) => `${p.field}: ${p.problem}`);
}

describe('checkBaseEnvironment', () => {
  it('accepts a complete environment', () => {
    expect(problems(DEV)).toEqual([]);
    expect(problems({ ...DEV, vpcCidr: undefined })).toEqual([]);
  });

  it.each<[string, Partial<Record<keyof BaseEnvironmentConfig, unknown>>, string]>([
    ['name', { name: 'Dev' }, 'name: must be 2-16 lowercase letters or digits, starting with a letter'],
    [
      'region',
      { region: 'us-east-9' },
      "region: is not an AWS region (checked against AWS's published region list)",
    ],
    [
      'zone outside the region',
      { availabilityZones: ['us-east-1a', 'us-west-2a'] },
      'availabilityZones[1]: is not an availability zone of region us-east-1',
    ],
    [
      'duplicate zone',
      { availabilityZones: ['us-east-1a', 'us-east-1a'] },
      'availabilityZones[1]: is listed twice',
    ],
    [
      'public VPC block',
      { vpcCidr: '52.0.0.0/16' },
      'vpcCidr: is not in a private (RFC 1918) or shared (RFC 6598) range',
    ],
    ['VPC block too small', { vpcCidr: '10.40.0.0/26' }, 'vpcCidr: has prefix /26; use /16 to /24'],
    [
      'no alarm recipient',
      { alarmEmails: [] },
      'alarmEmails: must list at least one address: alarms must reach someone',
    ],
    ['bad e-mail', { alarmEmails: ['oncall'] }, 'alarmEmails[0]: is not an e-mail address'],
    [
      'retention',
      { logRetentionInDays: 10 },
      'logRetentionInDays: is not a retention CloudWatch Logs accepts (or is 0, which keeps logs forever)',
    ],
    ['missing tag', { tags: { Owner: 'x' } }, 'tags.CostCenter: is a required tag and is missing'],
  ])('reports a bad %s', (_name, override, problem) => {
    expect(problems({ ...DEV, ...override })).toEqual([problem]);
  });

  it('needs two zones where the system says so', () => {
    expect(problems({ ...DEV, availabilityZones: ['us-east-1a'] }, 2)).toEqual([
      'availabilityZones: must list 2 to 6 availability zones',
    ]);
  });

  it('reports missing fields of an untyped caller instead of throwing a TypeError', () => {
    expect(problems({ name: 'dev' })).toEqual([
      "region: is not an AWS region (checked against AWS's published region list)",
      'availabilityZones: must list 1 to 6 availability zones',
      'alarmEmails: must list at least one address: alarms must reach someone',
      'logRetentionInDays: is not a retention CloudWatch Logs accepts (or is 0, which keeps logs forever)',
      'tags.Owner: is a required tag and is missing',
      'tags.CostCenter: is a required tag and is missing',
    ]);
  });
});

describe('SystemStack', () => {
  const stack = new SystemStack(
    Testing.app(),
    'demo-dev',
    { project: PROJECT, stateBackend: DEFAULT_STATE_BACKEND, environment: DEV },
    'demo',
  );
  stack.regionalProvider('us-east-1', 'us-east-1');
  const json = JSON.parse(Testing.synth(stack));

  it('keeps its state under its own key in the shared backend', () => {
    expect(json.terraform.backend.s3).toEqual({
      bucket: 'mlmon-terraform-state',
      key: 'demo-dev/terraform.tfstate',
      region: 'us-east-1',
      encrypt: true,
      dynamodb_table: 'mlmon-terraform-locks',
    });
  });

  it('tags everything with the project, environment and system tags, in every provider', () => {
    const tags = {
      Project: 'mlmon',
      ManagedBy: 'cdktf',
      Repository: 'mlmon-infra',
      Owner: 'ml-platform',
      CostCenter: 'ml-research',
      Environment: 'dev',
      System: 'demo',
    };
    expect(json.provider.aws).toEqual([
      { region: 'us-east-1', default_tags: [{ tags }] },
      { alias: 'us-east-1', region: 'us-east-1', default_tags: [{ tags }] },
    ]);
    expect(Testing.synth(stack)).toHaveProvider(AwsProvider);
    expect(stack.regionalProvider('us-east-1', 'us-east-1')).toBe(
      stack.regionalProvider('us-east-1', 'us-east-1'),
    );
  });
});
