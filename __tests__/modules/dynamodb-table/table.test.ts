import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { Table, TableProps, attributeDefinitions } from '../../../modules/dynamodb-table';
import { Role } from '../../../modules/iam';
import { applyPolicyPack } from '../../../modules/policy';
import { block, idsOf, statements, synthJson } from '../../support/synth-json';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const BASE: TableProps = { tableName: 'feedback', partitionKey: { name: 'prediction_id', type: 'S' } };
const TABLE_ARN = /^\$\{aws_dynamodb_table\.feedback_table_[0-9A-F]{8}\.arn\}$/;

function build(props: Partial<TableProps> = {}, after?: (stack: TerraformStack, t: Table) => void) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const table = new Table(stack, 'feedback', { ...BASE, ...props });
  after?.(stack, table);
  return { stack, table };
}

function synth(props: Partial<TableProps> = {}, after?: (stack: TerraformStack, t: Table) => void) {
  const { stack, table } = build(props, after);
  return { stack, table, ...synthJson(stack) };
}

describe('Table defaults', () => {
  const { text, json, table } = synth();
  const t = block(json.resource, 'aws_dynamodb_table', 'feedback_table');

  it('is on demand, with PITR, KMS encryption (aws/dynamodb) and deletion protection', () => {
    expect(text).toHaveResourceWithProperties(DynamodbTable, {
      name: 'feedback',
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'prediction_id',
      attribute: [{ name: 'prediction_id', type: 'S' }],
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
      deletion_protection_enabled: true,
      tags: { Name: 'feedback' },
    });
  });

  it('sets no capacity, sort key, indexes, TTL, stream, table class or lifecycle', () => {
    for (const unset of [
      'read_capacity',
      'write_capacity',
      'range_key',
      'global_secondary_index',
      'local_secondary_index',
      'ttl',
      'stream_enabled',
      'table_class',
      'lifecycle',
      'on_demand_throughput',
    ]) {
      expect(t[unset]).toBeUndefined();
    }
    expect((t.server_side_encryption as Record<string, unknown>).kms_key_arn).toBeUndefined();
    expect(table.tableStreamArn).toBeUndefined();
    expect(table.indexNames).toEqual([]);
    expect(idsOf(json.resource, 'aws_appautoscaling_target')).toEqual([]);
  });

  it('passes the policy pack without errors (warning: no customer-managed key)', () => {
    const { stack } = build();
    const log: string[] = [];
    applyPolicyPack(stack, { log: (m) => log.push(m) });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const ids = [...log.join('\n').matchAll(/MLM-[A-Z0-9]+-\d{3}/g)].map((m) => m[0]);
    expect([...new Set(ids)]).toEqual(['MLM-DDB-003']);
  });
});

describe('Table keys and indexes', () => {
  const props: Partial<TableProps> = {
    sortKey: { name: 'created_at', type: 'S' },
    globalSecondaryIndexes: [
      {
        indexName: 'by-model',
        partitionKey: { name: 'model_version', type: 'S' },
        sortKey: { name: 'created_at', type: 'S' },
      },
      { indexName: 'by-label', partitionKey: { name: 'label', type: 'S' }, projection: 'keysOnly' },
    ],
    localSecondaryIndexes: [
      {
        indexName: 'by-score',
        sortKey: { name: 'score', type: 'N' },
        projection: { include: ['label', 'comment'] },
      },
    ],
  };
  const { json, table } = synth(props);
  const t = block(json.resource, 'aws_dynamodb_table', 'feedback_table');

  it('derives each attribute definition once from the keys of the table and its indexes', () => {
    expect(t.attribute).toEqual([
      { name: 'prediction_id', type: 'S' },
      { name: 'created_at', type: 'S' },
      { name: 'model_version', type: 'S' },
      { name: 'label', type: 'S' },
      { name: 'score', type: 'N' },
    ]);
    expect(attributeDefinitions({ ...BASE, ...props } as TableProps)).toHaveLength(5);
  });

  it('creates the indexes with their projections', () => {
    expect(t.range_key).toBe('created_at');
    expect(t.global_secondary_index).toEqual([
      { name: 'by-model', hash_key: 'model_version', range_key: 'created_at', projection_type: 'ALL' },
      { name: 'by-label', hash_key: 'label', projection_type: 'KEYS_ONLY' },
    ]);
    expect(t.local_secondary_index).toEqual([
      {
        name: 'by-score',
        range_key: 'score',
        projection_type: 'INCLUDE',
        non_key_attributes: ['label', 'comment'],
      },
    ]);
    expect(table.indexNames).toEqual(['by-model', 'by-label', 'by-score']);
  });
});

describe('Table options', () => {
  it('uses a customer-managed key, TTL, a stream, a table class, prevent_destroy and a recovery period', () => {
    const { text, table } = synth({
      kmsKeyArn: KEY,
      timeToLiveAttribute: 'expires_at',
      stream: 'NEW_AND_OLD_IMAGES',
      tableClass: 'STANDARD_INFREQUENT_ACCESS',
      preventDestroy: true,
      pointInTimeRecoveryPeriodInDays: 7,
    });
    expect(text).toHaveResourceWithProperties(DynamodbTable, {
      server_side_encryption: { enabled: true, kms_key_arn: KEY },
      ttl: { enabled: true, attribute_name: 'expires_at' },
      stream_enabled: true,
      stream_view_type: 'NEW_AND_OLD_IMAGES',
      table_class: 'STANDARD_INFREQUENT_ACCESS',
      lifecycle: { prevent_destroy: true },
      point_in_time_recovery: { enabled: true, recovery_period_in_days: 7 },
    });
    expect(table.tableStreamArn).toBeDefined();
  });

  it('turns off PITR and deletion protection when asked (both are policy findings)', () => {
    const { text } = synth({ pointInTimeRecovery: false, deletionProtection: false });
    expect(text).toHaveResourceWithProperties(DynamodbTable, {
      point_in_time_recovery: { enabled: false },
      deletion_protection_enabled: false,
    });
  });

  it('caps on-demand throughput', () => {
    const { text } = synth({ maxReadRequestUnits: 100, maxWriteRequestUnits: 50 });
    expect(text).toHaveResourceWithProperties(DynamodbTable, {
      on_demand_throughput: { max_read_request_units: 100, max_write_request_units: 50 },
    });
  });

  it('provisions capacity with target-tracking auto scaling, which owns the capacity afterwards', () => {
    const { text, json } = synth({
      billingMode: 'provisioned',
      provisioned: {
        readCapacity: 5,
        writeCapacity: 2,
        autoScaling: { maxReadCapacity: 50, maxWriteCapacity: 20 },
      },
      globalSecondaryIndexes: [
        { indexName: 'by-label', partitionKey: { name: 'label', type: 'S' }, readCapacity: 3 },
      ],
    });
    expect(text).toHaveResourceWithProperties(DynamodbTable, {
      billing_mode: 'PROVISIONED',
      read_capacity: 5,
      write_capacity: 2,
      lifecycle: { ignore_changes: ['read_capacity', 'write_capacity'] },
      global_secondary_index: [
        { name: 'by-label', hash_key: 'label', projection_type: 'ALL', read_capacity: 3, write_capacity: 2 },
      ],
    });
    expect(text).toHaveResourceWithProperties(AppautoscalingTarget, {
      service_namespace: 'dynamodb',
      scalable_dimension: 'dynamodb:table:ReadCapacityUnits',
      min_capacity: 5,
      max_capacity: 50,
    });
    expect(text).toHaveResourceWithProperties(AppautoscalingTarget, {
      scalable_dimension: 'dynamodb:table:WriteCapacityUnits',
      min_capacity: 2,
      max_capacity: 20,
    });
    expect(text).toHaveResourceWithProperties(AppautoscalingPolicy, {
      name: 'feedback-read-capacity',
      policy_type: 'TargetTrackingScaling',
      target_tracking_scaling_policy_configuration: {
        target_value: 70,
        predefined_metric_specification: { predefined_metric_type: 'DynamoDBReadCapacityUtilization' },
      },
    });
    expect(idsOf(json.resource, 'aws_appautoscaling_policy')).toHaveLength(2);
  });

  it('provisions fixed capacity without auto scaling', () => {
    const { json } = synth({
      billingMode: 'provisioned',
      provisioned: { readCapacity: 1, writeCapacity: 1 },
    });
    expect(block(json.resource, 'aws_dynamodb_table', 'feedback_table').lifecycle).toBeUndefined();
    expect(idsOf(json.resource, 'aws_appautoscaling_target')).toEqual([]);
  });
});

describe('Table grants', () => {
  const grant = (props: Partial<TableProps>, fn: (t: Table, r: Role) => void) =>
    synth(props, (stack, t) =>
      fn(t, new Role(stack, 'app', { name: 'app', assumedBy: ['lambda.amazonaws.com'] })),
    ).json;

  it('grants reads on the table only (no indexes)', () => {
    expect(
      statements(
        grant({}, (t, r) => t.grantReadData(r)),
        'app_policy-document',
      ),
    ).toEqual([
      {
        sid: 'FeedbackReadData',
        effect: 'Allow',
        actions: [
          'dynamodb:BatchGetItem',
          'dynamodb:ConditionCheckItem',
          'dynamodb:DescribeTable',
          'dynamodb:GetItem',
          'dynamodb:Query',
          'dynamodb:Scan',
        ],
        resources: [expect.stringMatching(TABLE_ARN)],
      },
    ]);
  });

  it('grants writes on the table and its indexes, with the customer key through DynamoDB', () => {
    const json = grant(
      {
        kmsKeyArn: KEY,
        globalSecondaryIndexes: [{ indexName: 'by-label', partitionKey: { name: 'label', type: 'S' } }],
      },
      (t, r) => t.grantWriteData(r),
    );
    expect(statements(json, 'app_policy-document')).toEqual([
      {
        sid: 'FeedbackWriteData',
        effect: 'Allow',
        actions: [
          'dynamodb:BatchWriteItem',
          'dynamodb:ConditionCheckItem',
          'dynamodb:DeleteItem',
          'dynamodb:DescribeTable',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
        ],
        resources: [
          expect.stringMatching(TABLE_ARN),
          expect.stringMatching(/^\$\{aws_dynamodb_table\.feedback_table_[0-9A-F]{8}\.arn\}\/index\/\*$/),
        ],
      },
      {
        sid: 'FeedbackWriteKey',
        effect: 'Allow',
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
        resources: [KEY],
        condition: [{ test: 'StringLike', variable: 'kms:ViaService', values: ['dynamodb.*.amazonaws.com'] }],
      },
    ]);
  });

  it('grants read and write as one statement with every data action once', () => {
    const [s] = statements(
      grant({}, (t, r) => t.grantReadWriteData(r)),
      'app_policy-document',
    );
    expect(s.actions).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:DescribeTable',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:Scan',
      'dynamodb:UpdateItem',
    ]);
  });

  it('grants stream reads on the stream ARN (ListStreams on "*", which supports nothing narrower)', () => {
    const json = grant({ stream: 'NEW_IMAGE' }, (t, r) => t.grantStreamRead(r));
    expect(statements(json, 'app_policy-document')).toEqual([
      { sid: 'FeedbackListStreams', effect: 'Allow', actions: ['dynamodb:ListStreams'], resources: ['*'] },
      {
        sid: 'FeedbackStreamRead',
        effect: 'Allow',
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [
          expect.stringMatching(/^\$\{aws_dynamodb_table\.feedback_table_[0-9A-F]{8}\.stream_arn\}$/),
        ],
      },
    ]);
  });

  it('refuses a stream grant on a table without a stream', () => {
    expect(() => grant({}, (t, r) => t.grantStreamRead(r))).toThrow(
      /test\/feedback \(grantStreamRead\)[^]*stream = undefined: is not set, so the table has no stream to read\. Fix: set stream/,
    );
  });
});

describe('Table validation', () => {
  const gsi = (indexName: string, pk = 'label') => ({
    indexName,
    partitionKey: { name: pk, type: 'S' as const },
  });
  it.each<[string, Partial<TableProps>, string, string]>([
    ['tableName', { tableName: 'ab' }, 'must be 3-255 letters', 'mlnews-dev-feedback'],
    ['tableName', { tableName: 'has space' }, 'must be 3-255 letters', 'mlnews-dev-feedback'],
    [
      'partitionKey.type',
      { partitionKey: { name: 'id', type: 'X' as 'S' } },
      'must be "S" (string)',
      '"S", "N" or "B"',
    ],
    ['partitionKey.name', { partitionKey: { name: '', type: 'S' } }, 'must be 1-255 characters', '"pk"'],
    [
      'sortKey.name',
      { sortKey: { name: 'prediction_id', type: 'S' } },
      'is the partition key too',
      'different attribute',
    ],
    [
      'globalSecondaryIndexes',
      { globalSecondaryIndexes: Array.from({ length: 21 }, (_, i) => gsi(`index-${i}`)) },
      'more than 20',
      'remove indexes',
    ],
    [
      'localSecondaryIndexes',
      { localSecondaryIndexes: [{ indexName: 'by-score', sortKey: { name: 'score', type: 'N' } }] },
      'need a table sort key',
      'set sortKey',
    ],
    [
      'localSecondaryIndexes',
      {
        sortKey: { name: 'ts', type: 'S' },
        localSecondaryIndexes: Array.from({ length: 6 }, (_, i) => ({
          indexName: `lsi-${i}`,
          sortKey: { name: `a${i}`, type: 'S' as const },
        })),
      },
      'more than 5',
      'remove indexes',
    ],
    [
      'localSecondaryIndexes[0].sortKey.name',
      {
        sortKey: { name: 'ts', type: 'S' },
        localSecondaryIndexes: [{ indexName: 'by-ts', sortKey: { name: 'ts', type: 'S' } }],
      },
      "is the table's sort key",
      'another attribute',
    ],
    ['indexName', { globalSecondaryIndexes: [gsi('ix')] }, 'must be 3-255', 'by-created-at'],
    [
      'indexName',
      { globalSecondaryIndexes: [gsi('by-label'), gsi('by-label', 'other')] },
      'is used by more than one index',
      'its own name',
    ],
    [
      'globalSecondaryIndexes[0].partitionKey.type',
      {
        globalSecondaryIndexes: [{ indexName: 'by-id', partitionKey: { name: 'prediction_id', type: 'N' } }],
      },
      'conflicts with partitionKey, which declares "prediction_id" as "S"',
      'one type per attribute name',
    ],
    [
      'globalSecondaryIndexes[0].projection.include',
      { globalSecondaryIndexes: [{ ...gsi('by-label'), projection: { include: [] } }] },
      'is empty',
      '"keysOnly"',
    ],
    [
      'globalSecondaryIndexes[0].projection.include',
      { globalSecondaryIndexes: [{ ...gsi('by-label'), projection: { include: ['label'] } }] },
      'lists key attributes',
      'non-key attributes',
    ],
    [
      'projection.include',
      {
        globalSecondaryIndexes: [
          { ...gsi('by-label'), projection: { include: Array.from({ length: 101 }, (_, i) => `a${i}`) } },
        ],
      },
      'projects 101 non-key attributes',
      'project fewer',
    ],
    [
      'globalSecondaryIndexes[0].readCapacity',
      { globalSecondaryIndexes: [{ ...gsi('by-label'), readCapacity: 5 }] },
      'applies to provisioned tables only',
      'billingMode: "provisioned"',
    ],
    [
      'provisioned',
      { billingMode: 'provisioned' },
      'is required in provisioned mode',
      '{ readCapacity, writeCapacity }',
    ],
    [
      'provisioned',
      { provisioned: { readCapacity: 1, writeCapacity: 1 } },
      'applies to provisioned tables only',
      'billingMode: "provisioned"',
    ],
    [
      'provisioned.readCapacity',
      { billingMode: 'provisioned', provisioned: { readCapacity: 0, writeCapacity: 1 } },
      'from 1 to 40000',
      'set',
    ],
    [
      'provisioned.autoScaling.maxReadCapacity',
      {
        billingMode: 'provisioned',
        provisioned: {
          readCapacity: 10,
          writeCapacity: 1,
          autoScaling: { maxReadCapacity: 9, maxWriteCapacity: 5 },
        },
      },
      'from 10 to 40000',
      'from readCapacity (10)',
    ],
    [
      'provisioned.autoScaling.targetUtilizationPercent',
      {
        billingMode: 'provisioned',
        provisioned: {
          readCapacity: 1,
          writeCapacity: 1,
          autoScaling: { maxReadCapacity: 9, maxWriteCapacity: 5, targetUtilizationPercent: 95 },
        },
      },
      'from 20 to 90',
      'set',
    ],
    [
      'maxReadRequestUnits',
      {
        billingMode: 'provisioned',
        provisioned: { readCapacity: 1, writeCapacity: 1 },
        maxReadRequestUnits: 5,
      },
      'applies to on-demand tables only',
      'remove it',
    ],
    ['maxWriteRequestUnits', { maxWriteRequestUnits: 0 }, 'from 1 to 40000000', 'set'],
    [
      'billingMode',
      { billingMode: 'PAY_PER_REQUEST' as 'onDemand' },
      'must be "onDemand" or "provisioned"',
      'use "onDemand"',
    ],
    ['pointInTimeRecoveryPeriodInDays', { pointInTimeRecoveryPeriodInDays: 36 }, 'from 1 to 35', 'set'],
    [
      'pointInTimeRecoveryPeriodInDays',
      { pointInTimeRecovery: false, pointInTimeRecoveryPeriodInDays: 7 },
      'applies only with point-in-time recovery on',
      'remove it',
    ],
    [
      'kmsKeyArn',
      { kmsKeyArn: 'alias/aws/dynamodb' },
      'is not a KMS key ARN',
      'omit it for the AWS managed aws/dynamodb key',
    ],
    [
      'timeToLiveAttribute',
      { timeToLiveAttribute: 'prediction_id' },
      'is a key attribute of type "S"',
      'number attribute',
    ],
    ['stream', { stream: 'ALL' as 'NEW_IMAGE' }, 'is not a stream view type', 'NEW_AND_OLD_IMAGES'],
    [
      'tableClass',
      { tableClass: 'GLACIER' as 'STANDARD' },
      'is not a table class',
      'STANDARD_INFREQUENT_ACCESS',
    ],
    [
      'deletionProtection',
      { preventDestroy: true, deletionProtection: false },
      'any other client can still delete',
      'leave deletionProtection',
    ],
  ])('refuses %s (%j)', (field, props, problem, fix) => {
    expect(() => build(props)).toThrow(
      new RegExp(
        `Invalid input for test/feedback[^]*  - ${esc(field)} = .*${esc(problem)}.*Fix: .*${esc(fix)}`,
      ),
    );
  });

  it.each<[string, Partial<TableProps>]>([
    [
      '20 global indexes',
      { globalSecondaryIndexes: Array.from({ length: 20 }, (_, i) => gsi(`index-${i}`)) },
    ],
    [
      '5 local indexes',
      {
        sortKey: { name: 'ts', type: 'S' },
        localSecondaryIndexes: Array.from({ length: 5 }, (_, i) => ({
          indexName: `lsi-${i}`,
          sortKey: { name: `a${i}`, type: 'S' as const },
        })),
      },
    ],
    [
      '100 projected attributes',
      {
        globalSecondaryIndexes: [
          { ...gsi('by-label'), projection: { include: Array.from({ length: 100 }, (_, i) => `a${i}`) } },
        ],
      },
    ],
    [
      'a shared key attribute of one type',
      {
        sortKey: { name: 'ts', type: 'S' },
        globalSecondaryIndexes: [{ indexName: 'by-ts', partitionKey: { name: 'ts', type: 'S' } }],
      },
    ],
    [
      'a number key as TTL attribute',
      { sortKey: { name: 'expires', type: 'N' }, timeToLiveAttribute: 'expires' },
    ],
    ['the recovery period bounds', { pointInTimeRecoveryPeriodInDays: 35 }],
    [
      'capacity at its bounds',
      {
        billingMode: 'provisioned',
        provisioned: {
          readCapacity: 1,
          writeCapacity: 40000,
          autoScaling: { maxReadCapacity: 1, maxWriteCapacity: 40000, targetUtilizationPercent: 20 },
        },
      },
    ],
    ['a 255-character table name', { tableName: 't'.repeat(255) }],
  ])('accepts %s', (_case, props) => {
    expect(() => build(props)).not.toThrow();
  });
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
