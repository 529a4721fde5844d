import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { Table, TableProps } from '../../../modules/dynamodb-table';
import { attributeDefinitions } from '../../../modules/dynamodb-table/table';
import { Role } from '../../../modules/iam';
import { applyPolicyPack } from '../../../modules/policy';
import { ValidationError } from '../../../modules/core/validation';
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

/** The problems of the ValidationError `fn` throws, as plain objects. */
function problemsOf(fn: () => unknown): object[] {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return e.problems.map((p) => ({ ...p }));
  }
  throw new Error('expected a ValidationError');
}

const S = (name: string) => ({ name, type: 'S' as const });
const N = (name: string) => ({ name, type: 'N' as const });
const TYPE_PROBLEM = 'must be "S" (string), "N" (number) or "B" (binary)';
const TYPE_FIX = 'use "S", "N" or "B"';
const NAME_PROBLEM = 'must be 1-255 characters';
const NAME_FIX = 'use an attribute name such as "pk"';
const INDEX_NAME_PROBLEM = 'must be 3-255 letters, digits, "_", "-" or "."';
const INDEX_NAME_FIX = 'use names such as "by-created-at"';
const CONFLICT_FIX = 'use one type per attribute name across the table and its indexes';
const PROJECTION_FORMS = 'must be "all", "keysOnly" or { include: [...] }';

describe('Table problems, in full', () => {
  const cases: [string, Partial<TableProps>, object[]][] = [
    [
      'no table name and no partition key',
      { tableName: undefined, partitionKey: undefined },
      [
        { field: 'tableName', value: undefined, problem: 'is required', fix: 'pass tableName, a string' },
        {
          field: 'partitionKey',
          value: undefined,
          problem: 'is required',
          fix: 'pass partitionKey, an object',
        },
      ],
    ],
    [
      'a partition key with a number as name and no type',
      { partitionKey: { name: 7 } as never },
      [
        {
          field: 'partitionKey.name',
          value: 7,
          problem: 'must be a string, not a number',
          fix: 'pass partitionKey.name as a string',
        },
        {
          field: 'partitionKey.type',
          value: undefined,
          problem: 'is required',
          fix: 'pass partitionKey.type, a string',
        },
      ],
    ],
    [
      'a 256-character partition key name',
      { partitionKey: S('k'.repeat(256)) },
      [{ field: 'partitionKey.name', value: 'k'.repeat(256), problem: NAME_PROBLEM, fix: NAME_FIX }],
    ],
    [
      'a sort key whose name is a list',
      { sortKey: { name: ['ts'], type: 'S' } as never },
      [{ field: 'sortKey.name', value: ['ts'], problem: NAME_PROBLEM, fix: NAME_FIX }],
    ],
    [
      'a sort key of an unknown type',
      { sortKey: { name: 'ts', type: 'X' as 'S' } },
      [{ field: 'sortKey.type', value: 'X', problem: TYPE_PROBLEM, fix: TYPE_FIX }],
    ],
    [
      'a table name with a space',
      { tableName: 'has space' },
      [
        {
          field: 'tableName',
          value: 'has space',
          problem: 'must be 3-255 letters, digits, "_", "-" or "."',
          fix: 'use a name such as "mlnews-dev-feedback"',
        },
      ],
    ],
    [
      'index names with junk before or after a valid name, a number, and 256 characters',
      {
        globalSecondaryIndexes: [
          { indexName: 'by label', partitionKey: S('label') },
          { indexName: 'label!', partitionKey: S('label') },
          { indexName: 12345 as never, partitionKey: S('label') },
          { indexName: 'i'.repeat(256), partitionKey: S('label') },
        ],
      },
      [
        {
          field: 'indexName',
          value: ['by label', 'label!', 12345, 'i'.repeat(256)],
          problem: INDEX_NAME_PROBLEM,
          fix: INDEX_NAME_FIX,
        },
      ],
    ],
    [
      'a local index without a table sort key',
      { localSecondaryIndexes: [{ indexName: 'by-score', sortKey: N('score') }] },
      [
        {
          field: 'localSecondaryIndexes',
          value: ['by-score'],
          problem: 'need a table sort key (a local index is the partition key with another sort key)',
          fix: 'set sortKey, or use global secondary indexes',
        },
      ],
    ],
    [
      'index keys of unknown types',
      {
        sortKey: S('ts'),
        globalSecondaryIndexes: [
          {
            indexName: 'by-label',
            partitionKey: { name: 'label', type: 'X' as 'S' },
            sortKey: { name: 'at', type: 'Y' as 'S' },
          },
        ],
        localSecondaryIndexes: [{ indexName: 'by-score', sortKey: { name: 'score', type: 'Z' as 'S' } }],
      },
      [
        {
          field: 'globalSecondaryIndexes[0].partitionKey.type',
          value: 'X',
          problem: TYPE_PROBLEM,
          fix: TYPE_FIX,
        },
        { field: 'globalSecondaryIndexes[0].sortKey.type', value: 'Y', problem: TYPE_PROBLEM, fix: TYPE_FIX },
        { field: 'localSecondaryIndexes[0].sortKey.type', value: 'Z', problem: TYPE_PROBLEM, fix: TYPE_FIX },
      ],
    ],
    [
      'a key type that differs from the first declaration, not from a later one of the same type',
      {
        globalSecondaryIndexes: [
          { indexName: 'by-id', partitionKey: S('prediction_id') },
          { indexName: 'by-id-n', partitionKey: N('prediction_id') },
        ],
      },
      [
        {
          field: 'globalSecondaryIndexes[1].partitionKey.type',
          value: 'N',
          problem: 'conflicts with partitionKey, which declares "prediction_id" as "S"',
          fix: CONFLICT_FIX,
        },
      ],
    ],
    [
      "an index key that retypes the table's sort key",
      { sortKey: S('ts'), globalSecondaryIndexes: [{ indexName: 'by-ts', partitionKey: N('ts') }] },
      [
        {
          field: 'globalSecondaryIndexes[0].partitionKey.type',
          value: 'N',
          problem: 'conflicts with sortKey, which declares "ts" as "S"',
          fix: CONFLICT_FIX,
        },
      ],
    ],
    [
      "a local index sort key that retypes a global index's sort key",
      {
        sortKey: S('ts'),
        globalSecondaryIndexes: [{ indexName: 'by-label', partitionKey: S('label'), sortKey: S('at') }],
        localSecondaryIndexes: [{ indexName: 'by-at', sortKey: N('at') }],
      },
      [
        {
          field: 'localSecondaryIndexes[0].sortKey.type',
          value: 'N',
          problem: 'conflicts with globalSecondaryIndexes[0].sortKey, which declares "at" as "S"',
          fix: CONFLICT_FIX,
        },
      ],
    ],
    [
      'two local indexes that type one sort key differently',
      {
        sortKey: S('ts'),
        localSecondaryIndexes: [
          { indexName: 'by-at', sortKey: S('at') },
          { indexName: 'by-at-n', sortKey: N('at') },
        ],
      },
      [
        {
          field: 'localSecondaryIndexes[1].sortKey.type',
          value: 'N',
          problem: 'conflicts with localSecondaryIndexes[0].sortKey, which declares "at" as "S"',
          fix: CONFLICT_FIX,
        },
      ],
    ],
    [
      'projections that are neither "all", "keysOnly" nor an include list',
      {
        sortKey: S('ts'),
        globalSecondaryIndexes: [
          { indexName: 'by-label', partitionKey: S('label'), projection: 'ALL' as 'all' },
        ],
        localSecondaryIndexes: [{ indexName: 'by-at', sortKey: S('at'), projection: {} as never }],
      },
      [
        {
          field: 'globalSecondaryIndexes[0].projection',
          value: 'ALL',
          problem: PROJECTION_FORMS,
          fix: 'use one of the three forms',
        },
        {
          field: 'localSecondaryIndexes[0].projection',
          value: {},
          problem: PROJECTION_FORMS,
          fix: 'use one of the three forms',
        },
      ],
    ],
    [
      'an include list with an attribute twice',
      {
        globalSecondaryIndexes: [
          {
            indexName: 'by-label',
            partitionKey: S('label'),
            projection: { include: ['comment', 'score', 'comment'] },
          },
        ],
      },
      [
        {
          field: 'globalSecondaryIndexes[0].projection.include',
          value: ['comment'],
          problem: 'lists an attribute more than once',
          fix: 'list each once',
        },
      ],
    ],
    [
      "include lists with the table's keys and the index's own key",
      {
        sortKey: S('ts'),
        globalSecondaryIndexes: [
          {
            indexName: 'by-label',
            partitionKey: S('label'),
            sortKey: S('at'),
            projection: { include: ['prediction_id', 'comment', 'ts', 'at'] },
          },
        ],
        localSecondaryIndexes: [
          {
            indexName: 'by-score',
            sortKey: N('score'),
            projection: { include: ['ts', 'score', 'prediction_id', 'comment'] },
          },
        ],
      },
      [
        {
          field: 'globalSecondaryIndexes[0].projection.include',
          value: ['prediction_id', 'ts', 'at'],
          problem: 'lists key attributes, which every index projects anyway',
          fix: 'list only non-key attributes',
        },
        {
          field: 'localSecondaryIndexes[0].projection.include',
          value: ['ts', 'score', 'prediction_id'],
          problem: 'lists key attributes, which every index projects anyway',
          fix: 'list only non-key attributes',
        },
      ],
    ],
    [
      'an empty include list on a local index',
      {
        sortKey: S('ts'),
        localSecondaryIndexes: [{ indexName: 'by-at', sortKey: S('at'), projection: { include: [] } }],
      },
      [
        {
          field: 'localSecondaryIndexes[0].projection.include',
          value: [],
          problem: 'is empty',
          fix: 'list the attributes to copy, or use "keysOnly"',
        },
      ],
    ],
    [
      '101 projected attributes over a global and a local index',
      {
        sortKey: S('ts'),
        globalSecondaryIndexes: [
          {
            indexName: 'by-label',
            partitionKey: S('label'),
            projection: { include: Array.from({ length: 100 }, (_, i) => `a${i}`) },
          },
        ],
        localSecondaryIndexes: [
          { indexName: 'by-at', sortKey: S('at'), projection: { include: ['comment'] } },
        ],
      },
      [
        {
          field: 'projection.include',
          value: 101,
          problem: 'projects 101 non-key attributes over all indexes; DynamoDB allows 100',
          fix: 'project fewer attributes, or use "all"',
        },
      ],
    ],
    [
      'index capacity on an on-demand table (read only, then write only)',
      {
        globalSecondaryIndexes: [
          { indexName: 'by-label', partitionKey: S('label'), readCapacity: 5 },
          { indexName: 'by-model', partitionKey: S('model'), writeCapacity: 7 },
        ],
      },
      [
        {
          field: 'globalSecondaryIndexes[0].readCapacity',
          value: 5,
          problem: 'applies to provisioned tables only',
          fix: 'remove readCapacity/writeCapacity, or set billingMode: "provisioned"',
        },
        {
          field: 'globalSecondaryIndexes[1].readCapacity',
          value: 7,
          problem: 'applies to provisioned tables only',
          fix: 'remove readCapacity/writeCapacity, or set billingMode: "provisioned"',
        },
      ],
    ],
    [
      'index capacity out of range on a provisioned table',
      {
        billingMode: 'provisioned',
        provisioned: { readCapacity: 1, writeCapacity: 1 },
        globalSecondaryIndexes: [
          { indexName: 'by-label', partitionKey: S('label'), readCapacity: 0, writeCapacity: 40001 },
        ],
      },
      [
        {
          field: 'globalSecondaryIndexes[0].readCapacity',
          value: 0,
          problem: 'must be a whole number from 1 to 40000',
          fix: 'set globalSecondaryIndexes[0].readCapacity to a whole number from 1 to 40000',
        },
        {
          field: 'globalSecondaryIndexes[0].writeCapacity',
          value: 40001,
          problem: 'must be a whole number from 1 to 40000',
          fix: 'set globalSecondaryIndexes[0].writeCapacity to a whole number from 1 to 40000',
        },
      ],
    ],
    [
      'table capacity out of range, and a write maximum below the write capacity',
      {
        billingMode: 'provisioned',
        provisioned: {
          readCapacity: 40001,
          writeCapacity: 5,
          autoScaling: { maxReadCapacity: 40000, maxWriteCapacity: 4 },
        },
      },
      [
        {
          field: 'provisioned.readCapacity',
          value: 40001,
          problem: 'must be a whole number from 1 to 40000',
          fix: 'set provisioned.readCapacity to a whole number from 1 to 40000',
        },
        {
          field: 'provisioned.autoScaling.maxReadCapacity',
          value: 40000,
          problem: 'must be a whole number from 40001 to 40000',
          fix: 'set it from readCapacity (40001) to 40000',
        },
        {
          field: 'provisioned.autoScaling.maxWriteCapacity',
          value: 4,
          problem: 'must be a whole number from 5 to 40000',
          fix: 'set it from writeCapacity (5) to 40000',
        },
      ],
    ],
    [
      'a write capacity of 0 and a target utilization below 20',
      {
        billingMode: 'provisioned',
        provisioned: {
          readCapacity: 1,
          writeCapacity: 0,
          autoScaling: { maxReadCapacity: 2, maxWriteCapacity: 2, targetUtilizationPercent: 19 },
        },
      },
      [
        {
          field: 'provisioned.writeCapacity',
          value: 0,
          problem: 'must be a whole number from 1 to 40000',
          fix: 'set provisioned.writeCapacity to a whole number from 1 to 40000',
        },
        {
          field: 'provisioned.autoScaling.targetUtilizationPercent',
          value: 19,
          problem: 'must be a whole number from 20 to 90',
          fix: 'set provisioned.autoScaling.targetUtilizationPercent to a whole number from 20 to 90',
        },
      ],
    ],
    [
      'on-demand ceilings on a provisioned table',
      {
        billingMode: 'provisioned',
        provisioned: { readCapacity: 1, writeCapacity: 1 },
        maxReadRequestUnits: 10,
        maxWriteRequestUnits: 20,
      },
      [
        {
          field: 'maxReadRequestUnits',
          value: 10,
          problem: 'applies to on-demand tables only',
          fix: 'remove it (provisioned capacity already caps throughput)',
        },
        {
          field: 'maxWriteRequestUnits',
          value: 20,
          problem: 'applies to on-demand tables only',
          fix: 'remove it (provisioned capacity already caps throughput)',
        },
      ],
    ],
    [
      'on-demand ceilings out of range',
      { maxReadRequestUnits: 0, maxWriteRequestUnits: 40000001 },
      [
        {
          field: 'maxReadRequestUnits',
          value: 0,
          problem: 'must be a whole number from 1 to 40000000',
          fix: 'set maxReadRequestUnits to a whole number from 1 to 40000000',
        },
        {
          field: 'maxWriteRequestUnits',
          value: 40000001,
          problem: 'must be a whole number from 1 to 40000000',
          fix: 'set maxWriteRequestUnits to a whole number from 1 to 40000000',
        },
      ],
    ],
    [
      'a recovery period of 0 days',
      { pointInTimeRecoveryPeriodInDays: 0 },
      [
        {
          field: 'pointInTimeRecoveryPeriodInDays',
          value: 0,
          problem: 'must be a whole number from 1 to 35',
          fix: 'set pointInTimeRecoveryPeriodInDays to a whole number from 1 to 35',
        },
      ],
    ],
    ...(['', 'x'.repeat(256)] as const).map((ttl): [string, Partial<TableProps>, object[]] => [
      `a TTL attribute of ${ttl.length} characters`,
      { timeToLiveAttribute: ttl },
      [
        {
          field: 'timeToLiveAttribute',
          value: ttl,
          problem: 'must be 1-255 characters',
          fix: 'use an attribute name such as "expires_at"',
        },
      ],
    ]),
    [
      'a binary key as TTL attribute',
      { sortKey: { name: 'blob', type: 'B' }, timeToLiveAttribute: 'blob' },
      [
        {
          field: 'timeToLiveAttribute',
          value: 'blob',
          problem: 'is a key attribute of type "B"; TTL reads epoch seconds from a number',
          fix: 'use a number attribute, or a separate attribute such as "expires_at"',
        },
      ],
    ],
    [
      'a lower-case stream view type and table class',
      { stream: 'new_image' as 'NEW_IMAGE', tableClass: 'standard' as 'STANDARD' },
      [
        {
          field: 'stream',
          value: 'new_image',
          problem: 'is not a stream view type',
          fix: 'use NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES or KEYS_ONLY',
        },
        {
          field: 'tableClass',
          value: 'standard',
          problem: 'is not a table class',
          fix: 'use STANDARD or STANDARD_INFREQUENT_ACCESS',
        },
      ],
    ],
  ];
  it.each(cases)('refuses %s', (_name, props, problems) => {
    expect(problemsOf(() => build(props))).toEqual(problems);
  });

  it('lists every problem in one message, naming the construct path', () => {
    expect(() => build({ tableName: 'ab', sortKey: S('prediction_id') })).toThrow(
      'Invalid input for test/feedback (2 problems):\n' +
        '  - tableName = "ab": must be 3-255 letters, digits, "_", "-" or ".". Fix: use a name such as "mlnews-dev-feedback"\n' +
        '  - sortKey.name = "prediction_id": is the partition key too. Fix: use a different attribute as sort key',
    );
  });

  it.each<[string, Partial<TableProps>]>([
    ['a 1-character key name', { partitionKey: S('k') }],
    ['a 255-character key name', { partitionKey: S('k'.repeat(255)) }],
    ['a binary key', { partitionKey: { name: 'digest', type: 'B' } }],
    [
      'index names of 3 and 255 characters',
      {
        globalSecondaryIndexes: [
          { indexName: 'a.b', partitionKey: S('label') },
          { indexName: 'i'.repeat(255), partitionKey: S('label') },
        ],
      },
    ],
    ['a 1-character TTL attribute', { timeToLiveAttribute: 'e' }],
    ['a 255-character TTL attribute', { timeToLiveAttribute: 'e'.repeat(255) }],
    ['on-demand ceilings at their bounds', { maxReadRequestUnits: 1, maxWriteRequestUnits: 40000000 }],
    ['a recovery period of 1 day', { pointInTimeRecoveryPeriodInDays: 1 }],
  ])('accepts %s', (_case, props) => {
    expect(() => build(props)).not.toThrow();
  });
});

describe('Table synthesis details', () => {
  const tableOf = (props: Partial<TableProps>) =>
    block(synth(props).json.resource, 'aws_dynamodb_table', 'feedback_table');

  it('projects all attributes when an index asks for "all" explicitly', () => {
    const t = tableOf({
      sortKey: S('ts'),
      globalSecondaryIndexes: [{ indexName: 'by-label', partitionKey: S('label'), projection: 'all' }],
      localSecondaryIndexes: [{ indexName: 'by-at', sortKey: S('at'), projection: 'all' }],
    });
    expect([t.global_secondary_index, t.local_secondary_index]).toEqual([
      [{ name: 'by-label', hash_key: 'label', projection_type: 'ALL' }],
      [{ name: 'by-at', range_key: 'at', projection_type: 'ALL' }],
    ]);
  });

  it.each<[Partial<TableProps>, object]>([
    [{ maxReadRequestUnits: 100 }, { max_read_request_units: 100 }],
    [{ maxWriteRequestUnits: 40 }, { max_write_request_units: 40 }],
  ])('caps one direction of on-demand throughput only (%j)', (props, caps) => {
    expect(tableOf(props).on_demand_throughput).toEqual(caps);
  });

  it('keeps the recovery period when point-in-time recovery is on explicitly', () => {
    expect(
      tableOf({ pointInTimeRecovery: true, pointInTimeRecoveryPeriodInDays: 7 }).point_in_time_recovery,
    ).toEqual({
      enabled: true,
      recovery_period_in_days: 7,
    });
  });

  it.each(['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'] as const)('streams %s', (stream) => {
    const t = tableOf({ stream });
    expect([t.stream_enabled, t.stream_view_type]).toEqual([true, stream]);
  });

  it('sets the STANDARD table class when asked', () => {
    expect(tableOf({ tableClass: 'STANDARD' }).table_class).toBe('STANDARD');
  });

  it('declares binary key attributes', () => {
    expect(tableOf({ sortKey: { name: 'digest', type: 'B' } }).attribute).toEqual([
      { name: 'prediction_id', type: 'S' },
      { name: 'digest', type: 'B' },
    ]);
  });

  it('leaves out on-demand ceilings of a provisioned table, and the recovery period with recovery off, even when known only at apply time', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const num = (id: string) => new TerraformVariable(stack, id, { type: 'number' }).numberValue;
    new Table(stack, 'feedback', {
      ...BASE,
      billingMode: 'provisioned',
      provisioned: { readCapacity: 1, writeCapacity: 1 },
      maxReadRequestUnits: num('max_read'),
      pointInTimeRecovery: false,
      pointInTimeRecoveryPeriodInDays: num('days'),
    });
    const t = block(synthJson(stack).json.resource, 'aws_dynamodb_table', 'feedback_table');
    expect([t.on_demand_throughput, t.point_in_time_recovery]).toEqual([undefined, { enabled: false }]);
  });

  it('scales read and write capacity of the table, each with a target and a policy', () => {
    const { json } = synth({
      billingMode: 'provisioned',
      provisioned: {
        readCapacity: 5,
        writeCapacity: 2,
        autoScaling: { maxReadCapacity: 50, maxWriteCapacity: 20, targetUtilizationPercent: 60 },
      },
    });
    const ids = (type: string) => idsOf(json.resource, type).map((id) => id.replace(/_[0-9A-F]{8}$/, ''));
    expect(ids('aws_appautoscaling_target')).toEqual([
      'feedback_read-scaling-target',
      'feedback_write-scaling-target',
    ]);
    expect(ids('aws_appautoscaling_policy')).toEqual([
      'feedback_read-scaling-policy',
      'feedback_write-scaling-policy',
    ]);
    expect(block(json.resource, 'aws_appautoscaling_target', 'feedback_write-scaling-target')).toEqual({
      service_namespace: 'dynamodb',
      resource_id: 'table/feedback',
      scalable_dimension: 'dynamodb:table:WriteCapacityUnits',
      min_capacity: 2,
      max_capacity: 20,
    });
    const policy = block(json.resource, 'aws_appautoscaling_policy', 'feedback_write-scaling-policy');
    expect(policy).toEqual({
      name: 'feedback-write-capacity',
      policy_type: 'TargetTrackingScaling',
      service_namespace: expect.stringMatching(
        /^\$\{aws_appautoscaling_target\.feedback_write-scaling-target_[0-9A-F]{8}\.service_namespace\}$/,
      ),
      resource_id: expect.stringMatching(
        /^\$\{aws_appautoscaling_target\.feedback_write-scaling-target_[0-9A-F]{8}\.resource_id\}$/,
      ),
      scalable_dimension: expect.stringMatching(
        /^\$\{aws_appautoscaling_target\.feedback_write-scaling-target_[0-9A-F]{8}\.scalable_dimension\}$/,
      ),
      target_tracking_scaling_policy_configuration: {
        target_value: 60,
        predefined_metric_specification: { predefined_metric_type: 'DynamoDBWriteCapacityUtilization' },
      },
    });
  });

  it('reads the table name from the table resource', () => {
    const { json } = synth({}, (stack, t) => new TerraformOutput(stack, 'name', { value: t.tableName }));
    expect((json as unknown as { output: Record<string, { value: string }> }).output.name.value).toMatch(
      /^\$\{aws_dynamodb_table\.feedback_table_[0-9A-F]{8}\.name\}$/,
    );
  });
});

describe('Table grants with a customer key', () => {
  const policyOf = (id: string, props: Partial<TableProps>, fn: (t: Table, r: Role) => void) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const table = new Table(stack, id, { ...BASE, ...props });
    fn(table, new Role(stack, 'app', { name: 'app', assumedBy: ['lambda.amazonaws.com'] }));
    return statements(synthJson(stack).json, 'app_policy-document');
  };
  const KEY_CONDITION = [
    { test: 'StringLike', variable: 'kms:ViaService', values: ['dynamodb.*.amazonaws.com'] },
  ];

  it('grants read and write on the table, and the key through DynamoDB', () => {
    expect(policyOf('feedback', { kmsKeyArn: KEY }, (t, r) => t.grantReadWriteData(r))).toEqual([
      {
        sid: 'FeedbackReadWriteData',
        effect: 'Allow',
        actions: [
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
        ],
        resources: [expect.stringMatching(TABLE_ARN)],
      },
      {
        sid: 'FeedbackReadWriteKey',
        effect: 'Allow',
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
        resources: [KEY],
        condition: KEY_CONDITION,
      },
    ]);
  });

  it('grants stream reads with decryption by the customer key', () => {
    expect(
      policyOf('feedback', { kmsKeyArn: KEY, stream: 'KEYS_ONLY' }, (t, r) => t.grantStreamRead(r)),
    ).toEqual([
      { sid: 'FeedbackListStreams', effect: 'Allow', actions: ['dynamodb:ListStreams'], resources: ['*'] },
      {
        sid: 'FeedbackStreamRead',
        effect: 'Allow',
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [
          expect.stringMatching(/^\$\{aws_dynamodb_table\.feedback_table_[0-9A-F]{8}\.stream_arn\}$/),
        ],
      },
      { sid: 'FeedbackStreamKeyDecrypt', effect: 'Allow', actions: ['kms:Decrypt'], resources: [KEY] },
    ]);
  });

  it.each([
    ['user-events.v2', 'UserEventsV2'],
    ['-feedback_', 'Feedback'],
    ['a__b', 'AB'],
    ['---', 'Table'],
  ])('names the statements of construct %j with the prefix %j', (id, prefix) => {
    expect(policyOf(id, {}, (t, r) => t.grantReadData(r)).map((s) => s.sid)).toEqual([`${prefix}ReadData`]);
  });
});

describe('Table indexes from untyped callers', () => {
  it.each([
    [
      'a global index without a partition key',
      { globalSecondaryIndexes: [{ indexName: 'by_user' } as never] },
      'globalSecondaryIndexes[0].partitionKey',
    ],
    [
      'a local index without a sort key',
      {
        sortKey: { name: 'created_at', type: 'N' as const },
        localSecondaryIndexes: [{ indexName: 'by_score' } as never],
      },
      'localSecondaryIndexes[0].sortKey',
    ],
  ])('refuses %s with the project error', (_name, props, field) => {
    expect(problemsOf(() => build(props))).toEqual([
      { field, value: undefined, problem: 'is required', fix: 'pass the key as { name: "pk", type: "S" }' },
    ]);
  });
  it('refuses a null projection as one of the three forms', () => {
    expect(
      problemsOf(() =>
        build({
          globalSecondaryIndexes: [
            { indexName: 'by_user', partitionKey: { name: 'user_id', type: 'S' }, projection: null as never },
          ],
        }),
      ),
    ).toEqual([
      {
        field: 'globalSecondaryIndexes[0].projection',
        value: null,
        problem: 'must be "all", "keysOnly" or { include: [...] }',
        fix: 'use one of the three forms',
      },
    ]);
  });
});
