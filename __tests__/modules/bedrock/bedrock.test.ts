import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { BedrockModelInvocationLoggingConfiguration } from '@cdktf/provider-aws/lib/bedrock-model-invocation-logging-configuration';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import {
  ModelInvocationLogging,
  ModelInvocationLoggingProps,
  foundationModelArn,
  grantInvokeModel,
  parseModelArn,
} from '../../../modules/bedrock';
import { Role } from '../../../modules/iam';
import { SecureBucket } from '../../../modules/s3/secure-bucket';
import { applyPolicyPack } from '../../../modules/policy';
import { block, idsOf, statements, synthJson } from '../../support/synth-json';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const HAIKU_ARN = `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`;
const PROFILE_ARN = `arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.${HAIKU}`;
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function withRole(fn: (stack: TerraformStack, role: Role) => void) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const role = new Role(stack, 'app', { name: 'app', assumedBy: ['lambda.amazonaws.com'] });
  fn(stack, role);
  return { stack, role, ...synthJson(stack) };
}

describe('grantInvokeModel', () => {
  it('allows InvokeModel and its stream variant on the listed foundation models only', () => {
    const { json } = withRole((_s, role) =>
      grantInvokeModel(role, [HAIKU_ARN, foundationModelArn('us-east-1', 'amazon.titan-embed-text-v2:0')]),
    );
    expect(statements(json, 'app_policy-document')).toEqual([
      {
        sid: 'BedrockInvokeModel',
        effect: 'Allow',
        actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        resources: [HAIKU_ARN, 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0'],
      },
    ]);
  });

  it("adds the profile's model in every region, only when called through that cross-region profile", () => {
    const { json } = withRole((_s, role) => grantInvokeModel(role, [PROFILE_ARN]));
    expect(statements(json, 'app_policy-document')).toEqual([
      expect.objectContaining({ sid: 'BedrockInvokeModel', resources: [PROFILE_ARN] }),
      {
        sid: 'BedrockInvokeModelThroughProfile',
        effect: 'Allow',
        actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        resources: [`arn:aws:bedrock:*::foundation-model/${HAIKU}`],
        condition: [{ test: 'StringEquals', variable: 'bedrock:InferenceProfileArn', values: [PROFILE_ARN] }],
      },
    ]);
  });

  it('parses every kind of model ARN', () => {
    expect(parseModelArn(HAIKU_ARN)).toEqual({
      kind: 'foundation-model',
      partition: 'aws',
      region: 'us-east-1',
      account: '',
      modelId: HAIKU,
    });
    expect(parseModelArn(`arn:aws:bedrock:eu-central-1:111122223333:inference-profile/eu.${HAIKU}`)).toEqual(
      expect.objectContaining({ kind: 'inference-profile', geography: 'eu', modelId: HAIKU }),
    );
    expect(
      parseModelArn(`arn:aws:bedrock:us-east-1:111122223333:inference-profile/global.${HAIKU}`)?.geography,
    ).toBe('global');
    expect(
      parseModelArn('arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abcdef123456')
        ?.kind,
    ).toBe('application-inference-profile');
    expect(parseModelArn('arn:aws:bedrock:us-east-1:111122223333:provisioned-model/abcdef123456')?.kind).toBe(
      'provisioned-model',
    );
    expect(parseModelArn('arn:aws:bedrock:us-east-1::foundation-model/*')).toBeUndefined();
  });

  it.each<[string, string[], string]>([
    ['an empty list', [], 'modelArns = []: is empty'],
    ['a wildcard', ['arn:aws:bedrock:us-east-1::foundation-model/*'], 'wildcards are refused'],
    ['"*"', ['*'], 'are not Bedrock model ARNs'],
    ['a model id instead of an ARN', [HAIKU], 'are not Bedrock model ARNs'],
    [
      'a foundation model with an account',
      [`arn:aws:bedrock:us-east-1:111122223333:foundation-model/${HAIKU}`],
      'are not Bedrock model ARNs',
    ],
    [
      'an unknown profile geography',
      [`arn:aws:bedrock:us-east-1:111122223333:inference-profile/mars.${HAIKU}`],
      'are not Bedrock model ARNs',
    ],
    ['a duplicate', [HAIKU_ARN, HAIKU_ARN], 'lists a model more than once'],
  ])('refuses %s', (_case, arns, message) => {
    expect(() => withRole((_s, role) => grantInvokeModel(role, arns))).toThrow(
      new RegExp(`test/app \\(grantInvokeModel\\)[^]*${esc(message)}.*Fix: `),
    );
  });
});

const ACCOUNT = '111122223333';
function logging(props: Partial<ModelInvocationLoggingProps> = {}, withBucket = false) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const bucket = withBucket
    ? new SecureBucket(stack, 'logs', { bucketName: 'bedrock-logs-111122223333' })
    : undefined;
  const construct = new ModelInvocationLogging(stack, 'bedrock-logging', {
    accountId: ACCOUNT,
    region: 'us-east-1',
    ...(bucket ? { s3: { bucket } } : {}),
    ...props,
  });
  return { stack, construct, ...synthJson(stack) };
}

describe('ModelInvocationLogging to CloudWatch Logs', () => {
  const { json, text } = logging({ cloudWatch: {} });

  it('logs text prompts and completions (not images, embeddings, video) to its log group', () => {
    const config = block(
      json.resource,
      'aws_bedrock_model_invocation_logging_configuration',
      'bedrock-logging_configuration',
    );
    expect(config.logging_config).toEqual({
      text_data_delivery_enabled: true,
      image_data_delivery_enabled: false,
      embedding_data_delivery_enabled: false,
      video_data_delivery_enabled: false,
      cloudwatch_config: {
        log_group_name: expect.stringMatching(
          /aws_cloudwatch_log_group\.bedrock-logging_log-group_[0-9A-F]{8}\.name/,
        ),
        role_arn: expect.stringMatching(/aws_iam_role\.bedrock-logging_role_[0-9A-F]{8}\.arn/),
      },
    });
    expect(config.depends_on).toEqual([
      expect.stringMatching(/^aws_iam_role_policy\.bedrock-logging_role_policy_/),
    ]);
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/aws/bedrock/model-invocations',
      retention_in_days: 30,
    });
  });

  it("writes with a role only this account's Bedrock can assume, allowed only its group's streams", () => {
    expect(statements(json, 'bedrock-logging_role_trust-policy')).toEqual([
      expect.objectContaining({
        principals: [{ type: 'Service', identifiers: ['bedrock.amazonaws.com'] }],
        condition: [
          { test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] },
          {
            test: 'ArnLike',
            variable: 'aws:SourceArn',
            values: ['arn:aws:bedrock:us-east-1:111122223333:*'],
          },
        ],
      }),
    ]);
    expect(statements(json, 'bedrock-logging_role_policy-document')).toEqual([
      {
        sid: 'WriteInvocationLogs',
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [
          expect.stringMatching(
            /^\$\{aws_cloudwatch_log_group\.bedrock-logging_log-group_[0-9A-F]{8}\.arn\}:log-stream:\*$/,
          ),
        ],
      },
    ]);
  });

  it('passes the policy pack without errors', () => {
    const { stack } = logging({ cloudWatch: {} });
    applyPolicyPack(stack, { log: () => undefined });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe('ModelInvocationLogging options', () => {
  it("delivers to S3 through a bucket-policy statement scoped to this account's Bedrock and its prefix", () => {
    const { json } = logging({}, true);
    expect(idsOf(json.resource, 'aws_iam_role')).toEqual([]);
    const config = block(
      json.resource,
      'aws_bedrock_model_invocation_logging_configuration',
      'bedrock-logging_configuration',
    );
    expect((config.logging_config as Record<string, unknown>).s3_config).toEqual({
      bucket_name: expect.stringMatching(/aws_s3_bucket\.logs_bucket_[0-9A-F]{8}\.bucket/),
      key_prefix: 'bedrock-invocation-logs',
    });
    expect(config.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\.logs_policy_/)]);
    expect(statements(json, 'logs_policy-document')[1]).toEqual({
      sid: 'AllowBedrockInvocationLogs',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['bedrock.amazonaws.com'] }],
      actions: ['s3:PutObject'],
      resources: [
        expect.stringMatching(
          /^\$\{aws_s3_bucket\.logs_bucket_[0-9A-F]{8}\.arn\}\/bedrock-invocation-logs\/AWSLogs\/111122223333\/BedrockModelInvocationLogs\/\*$/,
        ),
      ],
      condition: [
        { test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] },
        { test: 'ArnLike', variable: 'aws:SourceArn', values: ['arn:aws:bedrock:us-east-1:111122223333:*'] },
      ],
    });
  });

  it('sends large bodies to a bucket the role may put into, with every data type and a KMS key', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const large = new SecureBucket(stack, 'large', { bucketName: 'bedrock-large-111122223333' });
    new ModelInvocationLogging(stack, 'bedrock-logging', {
      accountId: ACCOUNT,
      region: 'us-east-1',
      cloudWatch: {
        largeDataBucket: large,
        logGroupName: '/bedrock/invocations',
        retentionInDays: 365,
        kmsKeyArn: KEY,
      },
      imageDataDelivery: true,
      embeddingDataDelivery: true,
      videoDataDelivery: true,
      roleName: 'bedrock-logs',
    });
    const { json, text } = synthJson(stack);
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/bedrock/invocations',
      retention_in_days: 365,
      kms_key_id: KEY,
    });
    const config = block(
      json.resource,
      'aws_bedrock_model_invocation_logging_configuration',
      'bedrock-logging_configuration',
    );
    expect(config.logging_config).toEqual(
      expect.objectContaining({
        image_data_delivery_enabled: true,
        embedding_data_delivery_enabled: true,
        video_data_delivery_enabled: true,
        cloudwatch_config: expect.objectContaining({
          large_data_delivery_s3_config: {
            bucket_name: expect.stringMatching(/aws_s3_bucket\.large_bucket/),
            key_prefix: 'bedrock-large-data',
          },
        }),
      }),
    );
    const sids = statements(json, 'bedrock-logging_role_policy-document').map((s) => s.sid);
    expect(sids).toEqual(['WriteInvocationLogs', 'LargeObjects']);
    expect(text).toHaveResourceWithProperties(BedrockModelInvocationLoggingConfiguration, {});
  });

  it.each<[string, Partial<ModelInvocationLoggingProps>, string, string]>([
    ['accountId', { accountId: '1234', cloudWatch: {} }, 'is not a 12-digit account id', '111122223333'],
    ['region', { region: 'mars-1', cloudWatch: {} }, 'is not an AWS region', 'us-east-1'],
    ['cloudWatch', {}, 'invocation logs would go nowhere', 'set cloudWatch, s3, or both'],
    [
      'cloudWatch.logGroupName',
      { cloudWatch: { logGroupName: 'bad name' } },
      'is not a log group name',
      '/aws/bedrock/model-invocations',
    ],
    ['cloudWatch.retentionInDays', { cloudWatch: { retentionInDays: 0 } }, 'never expire', 'use e.g.'],
    [
      'cloudWatch.kmsKeyArn',
      { cloudWatch: { kmsKeyArn: 'alias/logs' } },
      'is not a KMS key ARN',
      'key/<key-id>',
    ],
    [
      'cloudWatch.largeDataKeyPrefix',
      { cloudWatch: { largeDataKeyPrefix: 'large/' } },
      'is set without largeDataBucket',
      'set largeDataBucket',
    ],
    [
      'cloudWatch.largeDataKeyPrefix',
      { cloudWatch: { largeDataKeyPrefix: 'large' } },
      'do not end with "/"',
      'folder-style prefixes',
    ],
  ])('refuses %s', (field, props, problem, fix) => {
    expect(() => logging(props)).toThrow(
      new RegExp(
        `Invalid input for test/bedrock-logging[^]*  - ${esc(field)} = .*${esc(problem)}.*Fix: .*${esc(fix)}`,
      ),
    );
  });

  it('refuses an S3 key prefix that is not folder-style, and accepts one that is', () => {
    expect(() => logging({ s3: undefined, cloudWatch: {} })).not.toThrow();
    const stack = new TerraformStack(Testing.app(), 'test');
    const bucket = new SecureBucket(stack, 'logs', { bucketName: 'bedrock-logs-111122223333' });
    const make = (keyPrefix: string) =>
      new ModelInvocationLogging(stack, `l-${keyPrefix.length}`, {
        accountId: ACCOUNT,
        region: 'us-east-1',
        s3: { bucket, keyPrefix },
      });
    expect(() => make('/logs')).toThrow('s3.keyPrefix');
    expect(() => make('bedrock/')).not.toThrow();
  });
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
