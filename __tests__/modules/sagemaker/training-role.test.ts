import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { TrainingRole, TrainingRoleProps } from '../../../modules/sagemaker';
import { SecureBucket } from '../../../modules/s3/secure-bucket';
import { LambdaFunction } from '../../../modules/lambda';
import { applyPolicyPack } from '../../../modules/policy';
import { idsOf, statements, synthJson } from '../../support/synth-json';

const REPO = 'arn:aws:ecr:us-east-1:111122223333:repository/mlnews/trainer';

function build(
  props: Partial<TrainingRoleProps> = {},
  after?: (stack: TerraformStack, role: TrainingRole) => void,
) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const bucket = new SecureBucket(stack, 'models', {
    bucketName: 'mlnews-models',
    accessLogging: { targetBucket: 'mlnews-access-logs' },
  });
  const role = new TrainingRole(stack, 'training', {
    roleName: 'mlnews-training',
    modelBucket: bucket,
    ...props,
  });
  after?.(stack, role);
  return { stack, role };
}

function synth(
  props: Partial<TrainingRoleProps> = {},
  after?: (stack: TerraformStack, role: TrainingRole) => void,
) {
  const built = build(props, after);
  return { ...built, ...synthJson(built.stack) };
}

describe('TrainingRole defaults', () => {
  const { json, text } = synth();
  const policy = statements(json, 'training_policy-document');

  it('is assumed by SageMaker (no confused-deputy condition without an account id)', () => {
    expect(text).toHaveResourceWithProperties(IamRole, { name: 'mlnews-training' });
    expect(statements(json, 'training_trust-policy')).toEqual([
      {
        sid: 'AssumeRole',
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['sagemaker.amazonaws.com'] }],
      },
    ]);
    expect(idsOf(json.resource, 'aws_iam_role_policy_attachment')).toEqual([]);
  });

  it('reads data/ and puts (never deletes) under models/ of the model bucket', () => {
    const byId = Object.fromEntries(policy.map((s) => [s.sid, s]));
    expect(byId.ModelsList.condition).toEqual([
      { test: 'StringLike', variable: 's3:prefix', values: ['data/*'] },
    ]);
    expect(policy.filter((s) => String(s.sid).startsWith('ModelsObjects')).map((s) => s.actions)).toEqual([
      ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging'],
      ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
    ]);
    expect(JSON.stringify(policy)).not.toContain('s3:DeleteObject');
  });

  it('writes logs to /aws/sagemaker/TrainingJobs and metrics to its namespace only', () => {
    expect(policy.filter((s) => String(s.sid).startsWith('TrainingJob'))).toEqual([
      {
        sid: 'TrainingJobLogGroup',
        effect: 'Allow',
        actions: ['logs:CreateLogGroup', 'logs:DescribeLogStreams'],
        resources: ['arn:aws:logs:*:*:log-group:/aws/sagemaker/TrainingJobs'],
      },
      {
        sid: 'TrainingJobLogs',
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: ['arn:aws:logs:*:*:log-group:/aws/sagemaker/TrainingJobs:log-stream:*'],
      },
      {
        sid: 'TrainingJobMetrics',
        effect: 'Allow',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        condition: [
          { test: 'StringEquals', variable: 'cloudwatch:namespace', values: ['/aws/sagemaker/TrainingJobs'] },
        ],
      },
    ]);
    expect(policy.map((s) => s.sid)).not.toContain('PullTrainingImages');
  });

  it('passes the policy pack without errors', () => {
    const { stack } = build();
    applyPolicyPack(stack, { log: () => undefined });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe('TrainingRole options and grants', () => {
  it('scopes trust to the account, ARNs to the region, prefixes as given, and pulls its images', () => {
    const { json } = synth({
      accountId: '111122223333',
      region: 'eu-west-1',
      dataPrefixes: ['data/train/', 'data/test/'],
      modelPrefixes: ['models/candidates/'],
      ecrRepositoryArns: [REPO],
    });
    expect(statements(json, 'training_trust-policy')[0].condition).toEqual([
      { test: 'StringEquals', variable: 'aws:SourceAccount', values: ['111122223333'] },
      { test: 'ArnLike', variable: 'aws:SourceArn', values: ['arn:aws:sagemaker:eu-west-1:111122223333:*'] },
    ]);
    const policy = statements(json, 'training_policy-document');
    const byId = Object.fromEntries(policy.map((s) => [s.sid, s]));
    expect(byId.TrainingJobLogs.resources).toEqual([
      'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/sagemaker/TrainingJobs:log-stream:*',
    ]);
    expect(byId.PullTrainingImages).toEqual({
      sid: 'PullTrainingImages',
      effect: 'Allow',
      actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      resources: [REPO],
    });
    expect(byId.EcrLogin.resources).toEqual(['*']);
    expect(JSON.stringify(policy)).toContain('models/candidates/*');
    expect(JSON.stringify(policy)).toContain('data/test/*');
  });

  it('lets a Lambda function start jobs with a name prefix and pass the role, to SageMaker only', () => {
    const { json } = synth({ accountId: '111122223333', region: 'us-east-1' }, (stack, role) => {
      const fn = new LambdaFunction(stack, 'trainer', {
        functionName: 'trainer',
        code: { s3: { bucketName: 'artifacts', key: 'trainer.zip' } },
        runtime: 'python3.12',
        handler: 'app.handler',
      });
      role.grantCreateTrainingJob(fn, 'mlnews-train-');
    });
    const policy = statements(json, 'trainer_role_policy-document');
    expect(policy.slice(-2)).toEqual([
      {
        sid: 'TrainingJobs',
        effect: 'Allow',
        actions: [
          'sagemaker:AddTags',
          'sagemaker:CreateTrainingJob',
          'sagemaker:DescribeTrainingJob',
          'sagemaker:StopTrainingJob',
        ],
        resources: ['arn:aws:sagemaker:us-east-1:111122223333:training-job/mlnews-train-*'],
      },
      {
        sid: 'PassTrainingRole',
        effect: 'Allow',
        actions: ['iam:PassRole'],
        resources: [expect.stringMatching(/^\$\{aws_iam_role\.training_role_[0-9A-F]{8}\.arn\}$/)],
        condition: [
          { test: 'StringEquals', variable: 'iam:PassedToService', values: ['sagemaker.amazonaws.com'] },
        ],
      },
    ]);
  });

  it.each<[string, string]>([
    ['MLNews-', 'is not a training-job name prefix'],
    ['-train', 'is not a training-job name prefix'],
    ['a'.repeat(51), 'is not a training-job name prefix'],
  ])('grantCreateTrainingJob refuses the prefix %s', (prefix, problem) => {
    const { role, stack } = build();
    const grantee = new TrainingRole(stack, 'other', {
      roleName: 'other',
      modelBucket: new SecureBucket(stack, 'b', { bucketName: 'other-b' }),
    });
    expect(() => role.grantCreateTrainingJob(grantee, prefix)).toThrow(
      new RegExp(
        `test/training \\(grantCreateTrainingJob\\)[^]*jobNamePrefix = .*${problem}.*Fix: use e.g. "mlnews-train-"`,
      ),
    );
  });

  it('accepts a one-character and a 50-character prefix', () => {
    const { role, stack } = build();
    const other = new TrainingRole(stack, 'other', {
      roleName: 'other',
      modelBucket: new SecureBucket(stack, 'b', { bucketName: 'other-b' }),
    });
    expect(() => role.grantCreateTrainingJob(other, 'a')).not.toThrow();
    expect(() => role.grantCreateTrainingJob(other, 'a'.repeat(50))).not.toThrow();
  });

  it.each<[string, Partial<TrainingRoleProps>, string, string]>([
    ['accountId', { accountId: '1' }, 'is not a 12-digit account id', '111122223333'],
    ['region', { region: 'moon-1' }, 'is not an AWS region', 'us-east-1'],
    ['dataPrefixes', { dataPrefixes: [] }, 'is empty', 'at least one prefix'],
    ['dataPrefixes', { dataPrefixes: ['data'] }, 'do not end with "/"', 'folder-style'],
    ['modelPrefixes', { modelPrefixes: ['models/*'] }, 'contain wildcards', 'folder-style'],
    [
      'ecrRepositoryArns',
      { ecrRepositoryArns: ['arn:aws:ecr:us-east-1:111122223333:repository/*'] },
      'wildcards are refused',
      'repository/<name>',
    ],
    ['name', { roleName: 'bad role' }, 'must be 1-64 characters', 'mlcicd-dev-task'],
  ])('refuses %s', (field, props, problem, fix) => {
    expect(() => build(props)).toThrow(
      new RegExp(`test/training[^]*  - ${field} = .*${esc(problem)}.*Fix: .*${esc(fix)}`),
    );
  });
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
