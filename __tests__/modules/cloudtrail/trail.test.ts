import { Testing } from 'cdktf';
import { Trail, TrailProps, trailNameProblems } from '../../../modules/cloudtrail';
import { applyPolicyPack } from '../../../modules/policy';
import {
  ExpectedProblem,
  newStack,
  onlyResource,
  policyDocument,
  policyFindings,
  problemLike,
  resourcesOf,
  synthJson,
  validationProblems,
} from '../../support/construct-test';

const ACCOUNT = '111122223333';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/audit`;
const BASE: TrailProps = { trailName: 'audit', accountId: ACCOUNT, region: 'us-east-1' };

function build(props: Partial<TrailProps> = {}) {
  const stack = newStack();
  const trail = new Trail(stack, 'trail', { ...BASE, ...props });
  return { stack, trail, ...synthJson(stack) };
}

/** Builds without synthesizing (validation runs in the constructor). */
const make = (props: Partial<TrailProps> = {}) => new Trail(newStack(), 'trail', { ...BASE, ...props });

const bucketNamed = (json: ReturnType<typeof build>['json'], name: string) =>
  resourcesOf(json, 'aws_s3_bucket').find((b) => b.bucket === name);

describe('Trail with default props', () => {
  const { stack, trail, json } = build();
  const ct = onlyResource(json, 'aws_cloudtrail');

  it('records every region and global services, validates log files and logs now', () => {
    expect(ct).toEqual(
      expect.objectContaining({
        name: 'audit',
        is_multi_region_trail: true,
        include_global_service_events: true,
        enable_log_file_validation: true,
        enable_logging: true,
        tags: { Name: 'audit' },
      }),
    );
    expect(ct.event_selector).toBeUndefined();
    expect(ct.insight_selector).toBeUndefined();
    expect(ct.s3_key_prefix).toBeUndefined();
    expect(ct.sns_topic_name).toBeUndefined();
  });

  it('encrypts with a created key (rotation on, 30-day deletion window, alias/audit)', () => {
    expect(onlyResource(json, 'aws_kms_key')).toEqual(
      expect.objectContaining({
        enable_key_rotation: true,
        deletion_window_in_days: 30,
        description: 'Encrypts the log files of CloudTrail trail audit',
      }),
    );
    expect(onlyResource(json, 'aws_kms_alias').name).toBe('alias/audit');
    expect(ct.kms_key_id).toMatch(/^\$\{aws_kms_key\.trail_key_[0-9A-F]+\.arn\}$/);
    expect(trail.key).toBeDefined();
  });

  it('lets CloudTrail use the key only for this trail, and CloudWatch Logs only for its log group', () => {
    const statements = policyDocument(json, 'key-policy').statement;
    expect(statements).toEqual([
      {
        sid: 'EnableIamPolicies',
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${ACCOUNT}:root`] }],
        actions: ['kms:*'],
        resources: ['*'],
      },
      {
        sid: 'CloudTrailEncryptLogs',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
        actions: ['kms:GenerateDataKey*'],
        resources: ['*'],
        condition: [
          { test: 'StringEquals', variable: 'aws:SourceArn', values: [TRAIL_ARN] },
          {
            test: 'StringLike',
            variable: 'kms:EncryptionContext:aws:cloudtrail:arn',
            values: [`arn:aws:cloudtrail:*:${ACCOUNT}:trail/audit`],
          },
        ],
      },
      {
        sid: 'CloudTrailDescribeKey',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceArn', values: [TRAIL_ARN] }],
      },
      {
        sid: 'CloudWatchLogsEncryptLogGroup',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['logs.us-east-1.amazonaws.com'] }],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        condition: [
          {
            test: 'ArnEquals',
            variable: 'kms:EncryptionContext:aws:logs:arn',
            values: [`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/cloudtrail/audit`],
          },
        ],
      },
    ]);
  });

  it('writes to its own protected bucket <trailName>-<accountId>, which CloudTrail may write only for this trail', () => {
    expect(bucketNamed(json, `audit-${ACCOUNT}`)).toEqual(
      expect.objectContaining({ force_destroy: false, lifecycle: { prevent_destroy: true } }),
    );
    const statements = policyDocument(json, 'trail_bucket_policy-document').statement;
    expect(statements.map((s) => s.sid)).toEqual([
      'DenyInsecureTransport',
      'CloudTrailAclCheck',
      'CloudTrailWrite',
    ]);
    expect(statements[1]).toEqual({
      sid: 'CloudTrailAclCheck',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
      actions: ['s3:GetBucketAcl'],
      resources: [`arn:aws:s3:::audit-${ACCOUNT}`],
      condition: [{ test: 'StringEquals', variable: 'aws:SourceArn', values: [TRAIL_ARN] }],
    });
    expect(statements[2]).toEqual({
      sid: 'CloudTrailWrite',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
      actions: ['s3:PutObject'],
      resources: [`arn:aws:s3:::audit-${ACCOUNT}/AWSLogs/${ACCOUNT}/*`],
      condition: [
        { test: 'StringEquals', variable: 's3:x-amz-acl', values: ['bucket-owner-full-control'] },
        { test: 'StringEquals', variable: 'aws:SourceArn', values: [TRAIL_ARN] },
      ],
    });
  });

  it('expires log files after 365 days and noncurrent versions after 90, with no Glacier transition', () => {
    const lifecycles = resourcesOf(json, 'aws_s3_bucket_lifecycle_configuration');
    const rules = lifecycles.flatMap((l) => l.rule as Record<string, unknown>[]);
    expect(rules).toContainEqual({
      id: 'trail-log-retention',
      status: 'Enabled',
      filter: [{}],
      expiration: [{ days: 365 }],
    });
    expect(rules).toContainEqual(
      expect.objectContaining({
        id: 'expire-noncurrent-versions',
        noncurrent_version_expiration: [{ noncurrent_days: 90 }],
      }),
    );
  });

  it('logs the bucket to a created <bucket>-access-logs bucket (also protected, logs kept 365 days)', () => {
    expect(bucketNamed(json, `audit-${ACCOUNT}-access-logs`)).toEqual(
      expect.objectContaining({ lifecycle: { prevent_destroy: true } }),
    );
    expect(onlyResource(json, 'aws_s3_bucket_logging')).toEqual(
      expect.objectContaining({ target_prefix: `audit-${ACCOUNT}/` }),
    );
    const delivery = policyDocument(json, 'access-logs_policy-document').statement[1];
    expect(delivery.condition).toEqual([
      { test: 'ArnLike', variable: 'aws:SourceArn', values: [`arn:aws:s3:::audit-${ACCOUNT}`] },
      { test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] },
    ]);
    const rules = resourcesOf(json, 'aws_s3_bucket_lifecycle_configuration').flatMap(
      (l) => l.rule as Record<string, unknown>[],
    );
    expect(rules).toContainEqual(
      expect.objectContaining({ id: 'expire-access-logs', expiration: [{ days: 365 }] }),
    );
    expect(trail.accessLogBucket).toBeDefined();
  });

  it('delivers to an encrypted log group kept 90 days, through a role scoped to that group', () => {
    const group = onlyResource(json, 'aws_cloudwatch_log_group');
    expect(group).toEqual(
      expect.objectContaining({
        name: '/aws/cloudtrail/audit',
        retention_in_days: 90,
        tags: { Name: '/aws/cloudtrail/audit' },
      }),
    );
    expect(group.kms_key_id).toBe(ct.kms_key_id);
    expect(ct.cloud_watch_logs_group_arn).toMatch(/^\$\{aws_cloudwatch_log_group\.[\w-]+\.arn\}:\*$/);
    expect(ct.cloud_watch_logs_role_arn).toMatch(/^\$\{aws_iam_role\.[\w-]+\.arn\}$/);
    expect(onlyResource(json, 'aws_iam_role').name).toBe('audit-logs');
    expect(policyDocument(json, 'trust-policy').statement[0].condition).toEqual([
      { test: 'StringEquals', variable: 'aws:SourceArn', values: [TRAIL_ARN] },
      { test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] },
    ]);
    expect(policyDocument(json, 'logs-role_policy-document').statement).toEqual([
      {
        sid: 'CloudTrailLogDelivery',
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/cloudtrail/audit:log-stream:*`],
      },
    ]);
  });

  it('creates the trail after the bucket policy, key, log group and role policy it needs', () => {
    const deps = ct.depends_on as string[];
    expect(deps).toHaveLength(4);
    for (const prefix of [
      'aws_kms_key.trail_key_',
      'aws_s3_bucket_policy.trail_bucket_policy_',
      'aws_cloudwatch_log_group.trail_log-group_',
      'aws_iam_role_policy.trail_logs-role_policy_',
    ]) {
      expect(deps.some((d) => d.startsWith(prefix))).toBe(true);
    }
  });

  it('passes the policy pack with no finding at all', () => {
    expect(policyFindings(stack)).toEqual([]);
    const packed = newStack();
    new Trail(packed, 'trail', BASE);
    applyPolicyPack(packed, { log: () => undefined });
    expect(() => Testing.synth(packed, true)).not.toThrow();
  });
});

describe('Trail opt-outs and options', () => {
  it('uses a given key: no key, alias or key policy is created', () => {
    const { json } = build({ kmsKeyArn: KEY });
    expect(json.resource.aws_kms_key).toBeUndefined();
    expect(json.resource.aws_kms_alias).toBeUndefined();
    expect(onlyResource(json, 'aws_cloudtrail').kms_key_id).toBe(KEY);
    expect(onlyResource(json, 'aws_cloudwatch_log_group').kms_key_id).toBe(KEY);
  });

  it('without CloudWatch Logs creates no log group or role, and the key policy has no logs statement', () => {
    const { json, trail } = build({ cloudWatchLogs: false });
    expect(json.resource.aws_cloudwatch_log_group).toBeUndefined();
    expect(json.resource.aws_iam_role).toBeUndefined();
    const ct = onlyResource(json, 'aws_cloudtrail');
    expect(ct.cloud_watch_logs_group_arn).toBeUndefined();
    expect(ct.cloud_watch_logs_role_arn).toBeUndefined();
    expect(policyDocument(json, 'key-policy').statement.map((s) => s.sid)).toEqual([
      'EnableIamPolicies',
      'CloudTrailEncryptLogs',
      'CloudTrailDescribeKey',
    ]);
    expect(trail.logGroupName).toBeUndefined();
  });

  it('logs to an existing access-log bucket and creates only the trail bucket', () => {
    const { json } = build({ accessLogging: { targetBucketName: 'org-access-logs', targetPrefix: 'ct/' } });
    expect(resourcesOf(json, 'aws_s3_bucket').map((b) => b.bucket)).toEqual([`audit-${ACCOUNT}`]);
    expect(onlyResource(json, 'aws_s3_bucket_logging')).toEqual(
      expect.objectContaining({ target_bucket: 'org-access-logs', target_prefix: 'ct/' }),
    );
  });

  it('names a created log bucket and its expiry when asked', () => {
    const { json } = build({
      accessLogging: { createLogBucket: true, bucketName: 'ct-logs-x', expirationInDays: 30 },
    });
    expect(bucketNamed(json, 'ct-logs-x')).toBeDefined();
    const rules = resourcesOf(json, 'aws_s3_bucket_lifecycle_configuration').flatMap(
      (l) => l.rule as Record<string, unknown>[],
    );
    expect(rules).toContainEqual(
      expect.objectContaining({ id: 'expire-access-logs', expiration: [{ days: 30 }] }),
    );
  });

  it('drops prevent_destroy from both buckets when preventDestroy is false', () => {
    const { json } = build({ preventDestroy: false });
    for (const b of resourcesOf(json, 'aws_s3_bucket')) expect(b.lifecycle).toBeUndefined();
  });

  it('records one region without global events when both are turned off', () => {
    const { json } = build({ multiRegion: false, includeGlobalServiceEvents: false });
    expect(onlyResource(json, 'aws_cloudtrail')).toEqual(
      expect.objectContaining({ is_multi_region_trail: false, include_global_service_events: false }),
    );
  });

  it('records S3 data events of the given buckets, with management events', () => {
    const { json } = build({
      s3DataEventBucketArns: ['arn:aws:s3:::models', 'arn:aws:s3:::data'],
      s3DataEventReadWriteType: 'WriteOnly',
    });
    expect(onlyResource(json, 'aws_cloudtrail').event_selector).toEqual([
      {
        read_write_type: 'WriteOnly',
        include_management_events: true,
        data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::models/', 'arn:aws:s3:::data/'] }],
      },
    ]);
  });

  it('defaults the data-event read/write type to All', () => {
    const { json } = build({ s3DataEventBucketArns: ['arn:aws:s3:::models'] });
    const selector = (onlyResource(json, 'aws_cloudtrail').event_selector as Record<string, unknown>[])[0];
    expect(selector.read_write_type).toBe('All');
  });

  it('adds insight selectors, a key prefix, a Glacier transition, an SNS topic and custom names', () => {
    const { json } = build({
      insightTypes: ['ApiErrorRateInsight'],
      s3KeyPrefix: 'org/ct',
      glacierTransitionAfterDays: 90,
      logExpirationInDays: 730,
      noncurrentVersionExpirationInDays: 7,
      snsTopicName: 'trail-deliveries',
      bucketName: 'custom-trail-bucket',
      logGroupName: '/audit/trail',
      cloudWatchLogsRetentionInDays: 365,
      keyDeletionWindowInDays: 7,
      tags: { Team: 'security' },
    });
    const ct = onlyResource(json, 'aws_cloudtrail');
    expect(ct).toEqual(
      expect.objectContaining({
        insight_selector: [{ insight_type: 'ApiErrorRateInsight' }],
        s3_key_prefix: 'org/ct',
        sns_topic_name: 'trail-deliveries',
        tags: { Team: 'security', Name: 'audit' },
      }),
    );
    expect(policyDocument(json, 'trail_bucket_policy-document').statement[2].resources).toEqual([
      `arn:aws:s3:::custom-trail-bucket/org/ct/AWSLogs/${ACCOUNT}/*`,
    ]);
    const rules = resourcesOf(json, 'aws_s3_bucket_lifecycle_configuration').flatMap(
      (l) => l.rule as Record<string, unknown>[],
    );
    expect(rules).toContainEqual({
      id: 'trail-log-retention',
      status: 'Enabled',
      filter: [{}],
      expiration: [{ days: 730 }],
      transition: [{ days: 90, storage_class: 'GLACIER' }],
    });
    expect(rules).toContainEqual(
      expect.objectContaining({ noncurrent_version_expiration: [{ noncurrent_days: 7 }] }),
    );
    expect(onlyResource(json, 'aws_cloudwatch_log_group')).toEqual(
      expect.objectContaining({ name: '/audit/trail', retention_in_days: 365 }),
    );
    expect(onlyResource(json, 'aws_kms_key').deletion_window_in_days).toBe(7);
  });

  it('derives the partition from a China region (ARNs and the logs principal)', () => {
    const { json } = build({ region: 'cn-north-1' });
    const statements = policyDocument(json, 'key-policy').statement;
    expect(statements[0].principals).toEqual([
      { type: 'AWS', identifiers: [`arn:aws-cn:iam::${ACCOUNT}:root`] },
    ]);
    expect(statements[3].principals).toEqual([
      { type: 'Service', identifiers: ['logs.cn-north-1.amazonaws.com.cn'] },
    ]);
    expect((statements[1].condition as { values: string[] }[])[0].values).toEqual([
      `arn:aws-cn:cloudtrail:cn-north-1:${ACCOUNT}:trail/audit`,
    ]);
  });

  it('turns dots of the trail name into dashes in the key alias', () => {
    const { json } = build({ trailName: 'org.audit', bucketName: 'org-audit-trail' });
    expect(onlyResource(json, 'aws_kms_alias').name).toBe('alias/org-audit');
  });
});

describe('Trail validation', () => {
  const cases: [string, Partial<TrailProps>, ExpectedProblem][] = [
    [
      'a trail name with a space',
      { trailName: 'my trail', bucketName: 'my-trail-b' },
      { field: 'trailName', value: 'my trail', problem: /is not a valid trail name/, fix: /org-audit-trail/ },
    ],
    [
      'a trail name with "--"',
      { trailName: 'my--trail', bucketName: 'my-trail-b' },
      {
        field: 'trailName',
        value: 'my--trail',
        problem: /two of '\.', '_', '-' in a row/,
        fix: /org-audit-trail/,
      },
    ],
    [
      'a two-character trail name',
      { trailName: 'ab' },
      { field: 'trailName', value: 'ab', problem: /3-128/, fix: /org-audit-trail/ },
    ],
    [
      'a trail name too long for the delivery role',
      { trailName: 'a'.repeat(60), bucketName: 'trail-b' },
      {
        field: 'trailName',
        value: 'a'.repeat(60),
        problem: /delivery role name/,
        fix: /at most 59 characters/,
      },
    ],
    [
      'an 11-digit account id',
      { accountId: '11112222333' },
      { field: 'accountId', value: '11112222333', problem: /12-digit/, fix: /123456789012/ },
    ],
    [
      'a bad region',
      { region: 'us-east' },
      { field: 'region', value: 'us-east', problem: /not an AWS region/, fix: /us-east-1/ },
    ],
    [
      'a partition that does not match the region',
      { partition: 'aws-cn' },
      { field: 'partition', value: 'aws-cn', problem: /does not match region us-east-1/, fix: /unset/ },
    ],
    [
      'an unknown partition',
      { partition: 'aws-x' as never },
      { field: 'partition', value: 'aws-x', problem: /not an AWS partition/, fix: /unset/ },
    ],
    [
      'a key alias instead of a key ARN',
      { kmsKeyArn: 'alias/trail' },
      {
        field: 'kmsKeyArn',
        value: 'alias/trail',
        problem: /not a KMS key ARN/,
        fix: /aliases are not accepted/,
      },
    ],
    [
      'a deletion window of 6 days',
      { keyDeletionWindowInDays: 6 },
      { field: 'keyDeletionWindowInDays', value: 6, problem: /from 7 to 30/, fix: /7 to 30/ },
    ],
    [
      'a deletion window with a given key',
      { keyDeletionWindowInDays: 7, kmsKeyArn: KEY },
      { field: 'keyDeletionWindowInDays', value: 7, problem: /no effect with kmsKeyArn/, fix: /remove/ },
    ],
    [
      'an upper-case derived bucket name',
      { trailName: 'Audit' },
      {
        field: 'bucketName',
        value: `Audit-${ACCOUNT}`,
        problem: /derived from trailName and accountId/,
        fix: /set bucketName/,
      },
    ],
    [
      'a key prefix with a trailing slash',
      { s3KeyPrefix: 'logs/' },
      { field: 's3KeyPrefix', value: 'logs/', problem: /leading or trailing/, fix: /cloudtrail/ },
    ],
    [
      'zero-day log expiry',
      { logExpirationInDays: 0 },
      { field: 'logExpirationInDays', value: 0, problem: /from 1 to 36500/, fix: /1 to 36500/ },
    ],
    [
      'a Glacier transition 89 days before expiry',
      { glacierTransitionAfterDays: 276 },
      {
        field: 'glacierTransitionAfterDays',
        value: 276,
        problem: /less than the 90-day minimum storage duration in Glacier .*logExpirationInDays 365/,
        fix: /after at most 275 days/,
      },
    ],
    [
      'a Glacier transition with a retention under 90 days',
      { glacierTransitionAfterDays: 10, logExpirationInDays: 60 },
      {
        field: 'glacierTransitionAfterDays',
        value: 10,
        problem: /90-day minimum/,
        fix: /keep log files at least 100 days, or remove glacierTransitionAfterDays/,
      },
    ],
    [
      'a derived access-log bucket name over 63 characters',
      { bucketName: 'b'.repeat(55) },
      {
        field: 'accessLogging.bucketName',
        value: `${'b'.repeat(55)}-access-logs`,
        problem: /3 to 63 characters/,
        fix: /shorten bucketName to at most 51/,
      },
    ],
    [
      'logging the trail bucket into itself',
      { accessLogging: { targetBucketName: `audit-${ACCOUNT}` } },
      {
        field: 'accessLogging.targetBucketName',
        value: `audit-${ACCOUNT}`,
        problem: /trail bucket itself/,
        fix: /separate log bucket/,
      },
    ],
    [
      'createLogBucket: false',
      { accessLogging: { createLogBucket: false as true } },
      {
        field: 'accessLogging.createLogBucket',
        value: false,
        problem: /must be true/,
        fix: /targetBucketName/,
      },
    ],
    [
      'log retention of 0 (never expire)',
      { cloudWatchLogsRetentionInDays: 0 },
      { field: 'cloudWatchLogsRetentionInDays', value: 0, problem: /0, never expire, is refused/, fix: /90/ },
    ],
    [
      'log retention of 100 days',
      { cloudWatchLogsRetentionInDays: 100 },
      {
        field: 'cloudWatchLogsRetentionInDays',
        value: 100,
        problem: /not a retention/,
        fix: /listed values/,
      },
    ],
    [
      'a log group name with a space',
      { logGroupName: '/aws/cloud trail' },
      {
        field: 'logGroupName',
        value: '/aws/cloud trail',
        problem: /not a log group name/,
        fix: /\/aws\/cloudtrail/,
      },
    ],
    [
      'log settings with CloudWatch Logs off',
      { cloudWatchLogs: false, logGroupName: '/x' },
      {
        field: 'logGroupName',
        value: '/x',
        problem: /no effect with cloudWatchLogs: false/,
        fix: /remove logGroupName/,
      },
    ],
    [
      'a data-event object ARN',
      { s3DataEventBucketArns: ['arn:aws:s3:::models/key'] },
      {
        field: 's3DataEventBucketArns[0]',
        value: 'arn:aws:s3:::models/key',
        problem: /not an S3 bucket ARN/,
        fix: /no key part/,
      },
    ],
    [
      'data events of the trail bucket',
      { s3DataEventBucketArns: [`arn:aws:s3:::audit-${ACCOUNT}`] },
      {
        field: 's3DataEventBucketArns[0]',
        value: `arn:aws:s3:::audit-${ACCOUNT}`,
        problem: /is the trail bucket/,
        fix: /leave the trail bucket out/,
      },
    ],
    [
      'a data-event bucket listed twice',
      { s3DataEventBucketArns: ['arn:aws:s3:::m1', 'arn:aws:s3:::m1'] },
      { field: 's3DataEventBucketArns', value: ['arn:aws:s3:::m1'], problem: /more than once/, fix: /once/ },
    ],
    [
      'a read/write type without data events',
      { s3DataEventReadWriteType: 'ReadOnly' },
      {
        field: 's3DataEventReadWriteType',
        value: 'ReadOnly',
        problem: /no effect without s3DataEventBucketArns/,
        fix: /list buckets/,
      },
    ],
    [
      'an unknown insight type',
      { insightTypes: ['ApiCallRate' as never] },
      {
        field: 'insightTypes',
        value: ['ApiCallRate'],
        problem: /distinct values/,
        fix: /ApiCallRateInsight/,
      },
    ],
    [
      'an SNS topic name with a slash',
      { snsTopicName: 'a/b' },
      {
        field: 'snsTopicName',
        value: 'a/b',
        problem: /neither an SNS topic name nor a topic ARN/,
        fix: /topic name/,
      },
    ],
  ];

  it.each(cases)('refuses %s', (_name, props, expected) => {
    expect(validationProblems(() => make(props))).toContainEqual(problemLike(expected));
  });

  it('reports every problem at once, naming the construct path', () => {
    expect(() => make({ accountId: 'x', region: 'nowhere', logExpirationInDays: -1 })).toThrow(
      /^Invalid input for test\/trail \(3 problems\):/,
    );
  });

  it.each<[string, Partial<TrailProps>]>([
    ['a 3-character trail name', { trailName: 'a.b', bucketName: 'a-b-trail' }],
    ['a 59-character trail name with CloudWatch Logs', { trailName: 'a'.repeat(59), bucketName: 'trail-b' }],
    [
      'a 128-character trail name without CloudWatch Logs',
      { trailName: 'a'.repeat(128), bucketName: 'trail-b', cloudWatchLogs: false },
    ],
    ['a 7-day deletion window', { keyDeletionWindowInDays: 7 }],
    ['a 30-day deletion window', { keyDeletionWindowInDays: 30 }],
    ['a Glacier transition exactly 90 days before expiry', { glacierTransitionAfterDays: 275 }],
    ['a bucket name whose access-log bucket is exactly 63 characters', { bucketName: 'b'.repeat(51) }],
    ['log retention of 1 day', { cloudWatchLogsRetentionInDays: 1 }],
    ['log retention of 3653 days', { cloudWatchLogsRetentionInDays: 3653 }],
    ['a 200-character key prefix', { s3KeyPrefix: 'p'.repeat(200) }],
    ['an SNS topic ARN', { snsTopicName: `arn:aws:sns:us-east-1:${ACCOUNT}:deliveries` }],
    ['the matching partition', { partition: 'aws' }],
  ])('accepts %s', (_name, props) => {
    expect(validationProblems(() => make(props))).toEqual([]);
  });
});

describe('trailNameProblems', () => {
  it.each([
    ['audit', []],
    ['10.0.0.1', ['must not be formatted as an IP address']],
    [
      '-audit',
      ["must be 3-128 ASCII letters, digits, '.', '_' or '-', starting and ending with a letter or digit"],
    ],
    ['a_-b', ["must not have two of '.', '_', '-' in a row"]],
  ])('%s', (name, problems) => {
    expect(trailNameProblems(name)).toEqual(problems);
  });
});
