import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { InstanceRole, InstanceRoleProps, SSM_AGENT_ACTIONS, grantBucketRead } from '../../../modules/iam';

type Block = Record<string, unknown>;
interface Statement {
  sid?: string;
  effect: string;
  actions: string[];
  resources: string[];
  principals?: { type: string; identifiers: string[] }[];
  condition?: { test: string; variable: string; values: string[] }[];
}
interface SynthJson {
  resource?: Record<string, Record<string, Block>>;
  data?: Record<string, Record<string, { statement: Statement[] }>>;
  output?: Record<string, { value: string }>;
}

const BUCKET = { bucketArn: 'arn:aws:s3:::mlmon-dev-bucket', bucketName: 'mlmon-dev-bucket' };
const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:/mlmon/dev/api';
const BASE: InstanceRoleProps = {
  name: 'mlmon-dev-app',
  bucket: BUCKET,
  logGroupArns: [LOG_GROUP],
  ssmParameterPrefix: '/mlmon/dev/',
};

function build(props: Partial<InstanceRoleProps> = {}, after?: (role: InstanceRole) => void) {
  const stack = new TerraformStack(Testing.app(), 'test');
  const role = new InstanceRole(stack, 'role', { ...BASE, ...props });
  after?.(role);
  const text = Testing.synth(stack);
  const json = JSON.parse(text) as SynthJson;
  return { role, text, json, statements: policy(json) };
}
/** Statements of the role's permissions policy, by sid. */
function policy(json: SynthJson): Record<string, Statement> {
  const docs = Object.entries(json.data?.aws_iam_policy_document ?? {}).filter(([k]) =>
    k.includes('policy-document'),
  );
  expect(docs).toHaveLength(1);
  return Object.fromEntries(docs[0][1].statement.map((s) => [s.sid as string, s]));
}
function count(json: SynthJson, type: string): number {
  return Object.keys(json.resource?.[type] ?? {}).length;
}

describe('InstanceRole with defaults', () => {
  const { text, json, statements } = build();

  it('creates a role only EC2 can assume', () => {
    expect(text).toHaveResourceWithProperties(IamRole, {
      name: 'mlmon-dev-app-role',
      force_detach_policies: true,
      tags: { Name: 'mlmon-dev-app-role' },
    });
    expect(text).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        {
          sid: 'Ec2AssumeRole',
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }],
        },
      ],
    });
  });

  it('creates the instance profile and one inline policy', () => {
    expect(text).toHaveResourceWithProperties(IamInstanceProfile, { name: 'mlmon-dev-app-profile' });
    expect(text).toHaveResourceWithProperties(IamRolePolicy, { name: 'mlmon-dev-app-access' });
    expect(count(json, 'aws_iam_role_policy')).toBe(1);
  });

  it('attaches no managed policy (SSM agent permissions are inline, without parameter reads)', () => {
    expect(count(json, 'aws_iam_role_policy_attachment')).toBe(0);
    expect(statements.SsmAgent.actions).toEqual([...SSM_AGENT_ACTIONS]);
    expect(statements.SsmAgent.actions).not.toContain('ssm:GetParameter');
    expect(statements.SsmAgent.actions).not.toContain('ssm:GetParameters');
  });

  it('reads models/ and data/ only', () => {
    expect(statements.BucketRead).toEqual({
      sid: 'BucketRead',
      effect: 'Allow',
      actions: ['s3:GetObject', 's3:GetObjectVersion'],
      resources: ['arn:aws:s3:::mlmon-dev-bucket/models/*', 'arn:aws:s3:::mlmon-dev-bucket/data/*'],
    });
    expect(statements.BucketList.resources).toEqual(['arn:aws:s3:::mlmon-dev-bucket']);
    expect(statements.BucketList.condition).toEqual([
      { test: 'StringLike', variable: 's3:prefix', values: ['models/', 'models/*', 'data/', 'data/*'] },
    ]);
  });

  it('writes monitoring/ and logs/ only, without delete', () => {
    expect(statements.BucketWrite.resources).toEqual([
      'arn:aws:s3:::mlmon-dev-bucket/monitoring/*',
      'arn:aws:s3:::mlmon-dev-bucket/logs/*',
    ]);
    expect(statements.BucketWrite.actions).toContain('s3:PutObject');
    expect(statements.BucketListForWrite.condition?.[0].values).toEqual([
      'monitoring/',
      'monitoring/*',
      'logs/',
      'logs/*',
    ]);
    for (const s of Object.values(statements)) {
      expect(s.actions.filter((a) => /Delete/.test(a) && a.startsWith('s3:'))).toEqual([]);
    }
  });

  it('writes to its own log groups, without creating groups', () => {
    expect(statements.LogsWrite).toEqual({
      sid: 'LogsWrite',
      effect: 'Allow',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      resources: [LOG_GROUP, `${LOG_GROUP}:*`],
    });
  });

  it('reads and writes SSM parameters under its own path (account and region wildcarded)', () => {
    expect(statements.SsmParametersReadWrite).toEqual({
      sid: 'SsmParametersReadWrite',
      effect: 'Allow',
      actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath', 'ssm:PutParameter'],
      resources: ['arn:aws:ssm:*:*:parameter/mlmon/dev', 'arn:aws:ssm:*:*:parameter/mlmon/dev/*'],
    });
  });

  it('publishes metrics to CWAgent and MLMon only', () => {
    expect(statements.PutMetricData.resources).toEqual(['*']);
    expect(statements.PutMetricData.condition).toEqual([
      { test: 'StringEquals', variable: 'cloudwatch:namespace', values: ['CWAgent', 'MLMon'] },
    ]);
  });

  it('uses "*" only where AWS allows no resource scoping', () => {
    const wildcard = Object.values(statements)
      .filter((s) => s.resources.includes('*'))
      .map((s) => s.sid)
      .sort();
    expect(wildcard).toEqual(['CloudWatchAgentDescribe', 'PutMetricData', 'SsmAgent']);
    expect(statements.CloudWatchAgentDescribe.actions).toEqual([
      'ec2:DescribeTags',
      'ec2:DescribeVolumes',
      'ec2:DescribeInstances',
    ]);
  });

  it('grants no KMS key by default', () => {
    expect(Object.values(statements).some((s) => s.actions.some((a) => a.startsWith('kms:')))).toBe(false);
  });

  it('exposes role and profile attributes', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const role = new InstanceRole(stack, 'role', BASE);
    new TerraformOutput(stack, 'name', { value: role.roleName });
    new TerraformOutput(stack, 'arn', { value: role.roleArn });
    new TerraformOutput(stack, 'profile', { value: role.instanceProfileName });
    new TerraformOutput(stack, 'profileArn', { value: role.instanceProfileArn });
    const out = (JSON.parse(Testing.synth(stack)) as SynthJson).output ?? {};
    expect(out.name.value).toMatch(/^\$\{aws_iam_role\.role_\w+\.name\}$/);
    expect(out.arn.value).toMatch(/^\$\{aws_iam_role\.role_\w+\.arn\}$/);
    expect(out.profile.value).toMatch(/^\$\{aws_iam_instance_profile\.role_profile_\w+\.name\}$/);
    expect(out.profileArn.value).toMatch(/^\$\{aws_iam_instance_profile\.role_profile_\w+\.arn\}$/);
  });
});

describe('InstanceRole SSM agent policy choices', () => {
  it('attaches AmazonSSMManagedInstanceCore with awsManaged', () => {
    const { text, statements } = build({ ssmAgentPolicy: 'awsManaged' });
    expect(text).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
    });
    expect(statements.SsmAgent).toBeUndefined();
  });

  it('uses the partition in the managed policy ARN', () => {
    const { text } = build({ ssmAgentPolicy: 'awsManaged', partition: 'aws-cn' });
    expect(text).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: 'arn:aws-cn:iam::aws:policy/AmazonSSMManagedInstanceCore',
    });
  });

  it('grants nothing for the agent with none', () => {
    const { json, statements } = build({ ssmAgentPolicy: 'none' });
    expect(count(json, 'aws_iam_role_policy_attachment')).toBe(0);
    expect(statements.SsmAgent).toBeUndefined();
  });
});

describe('InstanceRole with custom scope', () => {
  it('narrows SSM parameter ARNs with accountId, region and partition', () => {
    const { statements } = build({ accountId: '123456789012', region: 'eu-west-1', partition: 'aws' });
    expect(statements.SsmParametersReadWrite.resources).toEqual([
      'arn:aws:ssm:eu-west-1:123456789012:parameter/mlmon/dev',
      'arn:aws:ssm:eu-west-1:123456789012:parameter/mlmon/dev/*',
    ]);
  });

  it('takes custom prefixes and skips empty ones', () => {
    const { statements } = build({ readPrefixes: ['models/shill-bidding/'], writePrefixes: [] });
    expect(statements.BucketRead.resources).toEqual(['arn:aws:s3:::mlmon-dev-bucket/models/shill-bidding/*']);
    expect(statements.BucketWrite).toBeUndefined();
    expect(statements.BucketListForWrite).toBeUndefined();
  });

  it('grants no bucket access with both prefix lists empty', () => {
    const { statements } = build({ readPrefixes: [], writePrefixes: [] });
    expect(Object.values(statements).some((s) => s.actions.some((a) => a.startsWith('s3:')))).toBe(false);
  });

  it('publishes to custom namespaces, and drops the CloudWatch agent grants when turned off', () => {
    const { statements } = build({ metricNamespaces: ['MLMon/Dev', 'Drift'], cloudWatchAgent: false });
    expect(statements.PutMetricData.condition?.[0].values).toEqual(['MLMon/Dev', 'Drift']);
    expect(statements.CloudWatchAgentDescribe).toBeUndefined();
  });

  it('grants no metrics at all with no namespaces and no agent', () => {
    const { statements } = build({ metricNamespaces: [], cloudWatchAgent: false });
    expect(statements.PutMetricData).toBeUndefined();
  });

  it('uses KMS keys only through S3 and SSM', () => {
    const key = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { statements } = build({ kmsKeyArns: [key] });
    expect(statements.KmsUseViaS3AndSsm).toEqual({
      sid: 'KmsUseViaS3AndSsm',
      effect: 'Allow',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [key],
      condition: [
        {
          test: 'StringLike',
          variable: 'kms:ViaService',
          values: ['s3.*.amazonaws.com', 'ssm.*.amazonaws.com'],
        },
      ],
    });
  });

  it('adds the bucket key when the BucketRef has one', () => {
    const key = 'arn:aws:kms:us-east-1:123456789012:key/abcd';
    const { statements } = build({ bucket: { ...BUCKET, kmsKeyArn: key } });
    expect(statements.BucketKeyDecrypt.resources).toEqual([key]);
    expect(statements.BucketKeyEncrypt.actions).toEqual(['kms:GenerateDataKey', 'kms:Decrypt']);
  });

  it('strips a trailing :* from log group ARNs and passes tokens through', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const arn = new TerraformVariable(stack, 'group', { type: 'string' });
    new InstanceRole(stack, 'role', { ...BASE, logGroupArns: [`${LOG_GROUP}:*`, arn.stringValue] });
    const statements = policy(JSON.parse(Testing.synth(stack)) as SynthJson);
    expect(statements.LogsWrite.resources).toEqual([
      LOG_GROUP,
      `${LOG_GROUP}:*`,
      '${var.group}',
      '${var.group}:*',
    ]);
  });

  it('grants no logs with an empty list', () => {
    expect(build({ logGroupArns: [] }).statements.LogsWrite).toBeUndefined();
  });

  it('sets a permissions boundary and tags', () => {
    const boundary = 'arn:aws:iam::123456789012:policy/boundary';
    const { text } = build({ permissionsBoundaryArn: boundary, tags: { Team: 'ml' } });
    expect(text).toHaveResourceWithProperties(IamRole, {
      permissions_boundary: boundary,
      tags: { Team: 'ml', Name: 'mlmon-dev-app-role' },
    });
    expect(text).toHaveResourceWithProperties(IamInstanceProfile, {
      tags: { Team: 'ml', Name: 'mlmon-dev-app-profile' },
    });
  });
});

describe('InstanceRole.addStatements', () => {
  it('adds statements after construction into the same policy document', () => {
    const { statements } = build({}, (role) =>
      role.addStatements({
        sid: 'ReadQueue',
        effect: 'Allow',
        actions: ['sqs:ReceiveMessage'],
        resources: ['arn:aws:sqs:us-east-1:123456789012:q'],
      }),
    );
    expect(statements.ReadQueue.actions).toEqual(['sqs:ReceiveMessage']);
    expect(statements.SsmAgent).toBeDefined();
  });

  it('makes duplicate sids unique', () => {
    const other = { bucketArn: 'arn:aws:s3:::other-bucket', bucketName: 'other-bucket' };
    const { statements } = build({}, (role) => grantBucketRead(role, other, ['reports/']));
    expect(statements.BucketRead.resources).toEqual([
      'arn:aws:s3:::mlmon-dev-bucket/models/*',
      'arn:aws:s3:::mlmon-dev-bucket/data/*',
    ]);
    expect(statements.BucketRead2.resources).toEqual(['arn:aws:s3:::other-bucket/reports/*']);
    expect(statements.BucketList2.resources).toEqual(['arn:aws:s3:::other-bucket']);
  });

  it('strips characters IAM does not allow in sids', () => {
    const { statements } = build({}, (role) =>
      role.addStatements({
        sid: 'read-queue_1',
        effect: 'Allow',
        actions: ['sqs:ReceiveMessage'],
        resources: ['*'],
      }),
    );
    expect(statements.readqueue1).toBeDefined();
  });
});

function messageOf(props: Partial<InstanceRoleProps>): string {
  const stack = new TerraformStack(Testing.app(), 'test');
  try {
    new InstanceRole(stack, 'role', { ...BASE, ...props });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected InstanceRole to throw');
}

describe('InstanceRole validation', () => {
  const cases: [string, Partial<InstanceRoleProps>, string, string, string][] = [
    ['name with a space', { name: 'mlmon dev' }, 'name', '"mlmon dev"', '"mlmon-dev-app"'],
    ['name over 59 characters', { name: 'n'.repeat(60) }, 'name', 'n'.repeat(60), 'short prefix'],
    ['read prefix without slash', { readPrefixes: ['models'] }, 'readPrefixes', '["models"]', '"models/"'],
    [
      'read prefix with leading slash',
      { readPrefixes: ['/models/'] },
      'readPrefixes',
      '["/models/"]',
      'no leading "/"',
    ],
    ['write prefix with wildcard', { writePrefixes: ['logs/*/'] }, 'writePrefixes', '["logs/*/"]', 'no "*"'],
    [
      'duplicate prefix',
      { writePrefixes: ['logs/', 'logs/'] },
      'writePrefixes',
      '["logs/"]',
      'each prefix once',
    ],
    ['parameter prefix "/"', { ssmParameterPrefix: '/' }, 'ssmParameterPrefix', '"/"', '"/mlmon/dev/"'],
    [
      'parameter prefix without leading slash',
      { ssmParameterPrefix: 'mlmon/dev/' },
      'ssmParameterPrefix',
      '"mlmon/dev/"',
      '"/mlmon/dev/"',
    ],
    [
      'parameter prefix without trailing slash',
      { ssmParameterPrefix: '/mlmon/dev' },
      'ssmParameterPrefix',
      '"/mlmon/dev"',
      '"/mlmon/dev/"',
    ],
    ['account id too short', { accountId: '12345' }, 'accountId', '"12345"', '"123456789012"'],
    ['bad region', { region: 'useast1' }, 'region', '"useast1"', '"us-east-1"'],
    [
      'bad boundary',
      { permissionsBoundaryArn: 'boundary' },
      'permissionsBoundaryArn',
      '"boundary"',
      'arn:aws:iam::',
    ],
    ['unknown agent policy', { ssmAgentPolicy: 'full' as 'none' }, 'ssmAgentPolicy', '"full"', '"scoped"'],
  ];

  it.each(cases)('fails on %s, naming path, field, value and fix', (_case, props, field, value, fix) => {
    const message = messageOf(props);
    expect(message).toContain('Invalid input for test/role');
    expect(message).toContain(`${field} = `);
    expect(message).toContain(value);
    expect(message).toContain('Fix: ');
    expect(message).toContain(fix);
  });

  const grantCases: [string, Partial<InstanceRoleProps>, string, string, string][] = [
    [
      'bucket name as ARN',
      { bucket: { bucketArn: 'mlmon-dev-bucket', bucketName: 'mlmon-dev-bucket' } },
      'bucket.bucketArn',
      '"mlmon-dev-bucket"',
      'arn:aws:s3:::<bucket>',
    ],
    [
      'object ARN as bucket ARN',
      { bucket: { bucketArn: 'arn:aws:s3:::b-1/*', bucketName: 'b-1' } },
      'bucket.bucketArn',
      'b-1/*',
      'no key part',
    ],
    [
      'log group name as ARN',
      { logGroupArns: ['/mlmon/dev/api'] },
      'logGroupArns',
      '["/mlmon/dev/api"]',
      'log-group:<name>',
    ],
    ['KMS alias', { kmsKeyArns: ['alias/aws/s3'] }, 'kmsKeyArns', '["alias/aws/s3"]', 'aliases do not work'],
    ['reserved namespace', { metricNamespaces: ['AWS/EC2'] }, 'namespaces', '["AWS/EC2"]', '"MLMon"'],
  ];

  it.each(grantCases)(
    'fails on %s inside the built-in grants, naming the grant',
    (_case, props, field, value, fix) => {
      const message = messageOf(props);
      expect(message).toMatch(/Invalid input for test\/role \(grant\w+\)/);
      expect(message).toContain(`${field} = `);
      expect(message).toContain(value);
      expect(message).toContain(fix);
    },
  );

  it('reports every problem of the props at once', () => {
    expect(messageOf({ name: 'a b', readPrefixes: ['x'], accountId: '1' })).toContain('(3 problems)');
  });

  describe('accepts the boundaries', () => {
    const accepted: [string, Partial<InstanceRoleProps>][] = [
      ['a 59-character name', { name: 'n'.repeat(59) }],
      ['IAM punctuation in the name', { name: 'app+ml=1,x.y@z_w-v' }],
      ['a one-segment parameter path', { ssmParameterPrefix: '/mlmon/' }],
      [
        'nested prefixes',
        { readPrefixes: ['models/shill/v1/'], writePrefixes: ['monitoring/evidently-reports/'] },
      ],
      ['a log group ARN ending in :*', { logGroupArns: [`${LOG_GROUP}:*`] }],
      [
        'a GovCloud bucket',
        { bucket: { bucketArn: 'arn:aws-us-gov:s3:::b-1', bucketName: 'b-1' }, partition: 'aws-us-gov' },
      ],
    ];
    it.each(accepted)('%s', (_case, props) => {
      expect(() => build(props)).not.toThrow();
    });

    it('unresolved bucket, log group and parameter path', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      const v = (n: string) => new TerraformVariable(stack, n, { type: 'string' }).stringValue;
      expect(
        () =>
          new InstanceRole(stack, 'role', {
            name: 'x',
            bucket: { bucketArn: v('bucket'), bucketName: v('bucketName') },
            logGroupArns: [v('group')],
            ssmParameterPrefix: v('path'),
          }),
      ).not.toThrow();
    });
  });
});
