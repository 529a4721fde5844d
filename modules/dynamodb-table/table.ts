import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Validator, requireProps } from '../core/validation';
import { Tags, withName } from '../core/tags';
import { IGrantable } from '../iam/grants';
import { DYNAMODB_ACTIONS } from '../iam/actions/dynamodb';
import { KMS_ACTIONS } from '../iam/actions/kms';
import { validateTableProps } from './validation';

/** DynamoDB scalar types of key attributes: string, number, binary. */
export type AttributeType = 'S' | 'N' | 'B';

/** A key attribute: name and type. */
export interface TableAttribute {
  /** Attribute name (1-255 characters). */
  readonly name: string;
  readonly type: AttributeType;
}

/**
 * What an index copies from the table: `all` attributes, `keysOnly` (table and index keys), or the
 * keys plus `{ include: [...] }` (at most 100 such attributes over all indexes).
 */
export type IndexProjection = 'all' | 'keysOnly' | { readonly include: string[] };

/** A global secondary index: another partition (and sort) key over the same items. */
export interface GlobalSecondaryIndex {
  /** Index name: 3-255 letters, digits, '_', '-', '.'. */
  readonly indexName: string;
  readonly partitionKey: TableAttribute;
  /** @default - none */
  readonly sortKey?: TableAttribute;
  /** @default 'all' */
  readonly projection?: IndexProjection;
  /** Provisioned mode only. @default - the table's read capacity */
  readonly readCapacity?: number;
  /** Provisioned mode only. @default - the table's write capacity */
  readonly writeCapacity?: number;
}

/** A local secondary index: the table's partition key with another sort key (created with the table only). */
export interface LocalSecondaryIndex {
  /** Index name: 3-255 letters, digits, '_', '-', '.'. */
  readonly indexName: string;
  readonly sortKey: TableAttribute;
  /** @default 'all' */
  readonly projection?: IndexProjection;
}

/** `onDemand` bills per request; `provisioned` bills per hour for capacity. */
export type TableBillingMode = 'onDemand' | 'provisioned';

/** Target-tracking auto scaling of a provisioned table's capacity. */
export interface TableAutoScaling {
  /** Upper bound of read capacity units (the lower bound is `readCapacity`). */
  readonly maxReadCapacity: number;
  /** Upper bound of write capacity units (the lower bound is `writeCapacity`). */
  readonly maxWriteCapacity: number;
  /** Consumed/provisioned percentage to keep (20-90). @default 70 */
  readonly targetUtilizationPercent?: number;
}

/** Capacity of a provisioned table. */
export interface ProvisionedCapacity {
  /** Read capacity units (at least 1). */
  readonly readCapacity: number;
  /** Write capacity units (at least 1). */
  readonly writeCapacity: number;
  /**
   * Scale the table's capacity between the values above and these maxima. Global secondary
   * indexes keep their fixed capacity (on-demand suits tables with indexes better).
   * @default - fixed capacity
   */
  readonly autoScaling?: TableAutoScaling;
}

/** What a stream record carries. */
export type TableStreamView = 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';

/** `STANDARD_INFREQUENT_ACCESS` stores for 60% less and charges 25% more per request. */
export type TableClass = 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS';

/** Props of {@link Table}. */
export interface TableProps {
  /** Table name: 3-255 letters, digits, '_', '-', '.'. */
  readonly tableName: string;
  /** The partition (hash) key. */
  readonly partitionKey: TableAttribute;
  /** The sort (range) key. @default - none */
  readonly sortKey?: TableAttribute;
  /**
   * Billing mode. On demand: $1.25 per million writes, $0.25 per million reads (us-east-1), nothing
   * while idle. Provisioned suits steady, predictable traffic.
   * @default 'onDemand'
   */
  readonly billingMode?: TableBillingMode;
  /** Capacity, required in provisioned mode. @default - none (on demand) */
  readonly provisioned?: ProvisionedCapacity;
  /**
   * On-demand ceiling of read request units per second: a cost guard against runaway readers.
   * @default - no ceiling
   */
  readonly maxReadRequestUnits?: number;
  /** On-demand ceiling of write request units per second. @default - no ceiling */
  readonly maxWriteRequestUnits?: number;
  /** Global secondary indexes (at most 20). @default [] */
  readonly globalSecondaryIndexes?: GlobalSecondaryIndex[];
  /** Local secondary indexes (at most 5; need a sort key; fixed at creation). @default [] */
  readonly localSecondaryIndexes?: LocalSecondaryIndex[];
  /**
   * Point-in-time recovery: restore to any second of the recovery period. Costs $0.20 per
   * GB-month of table size. Turning it off leaves no way back from a bad write.
   * @default true
   */
  readonly pointInTimeRecovery?: boolean;
  /** Recovery period (1-35 days). @default 35 (AWS's default) */
  readonly pointInTimeRecoveryPeriodInDays?: number;
  /**
   * Customer managed KMS key ARN. Without it the table uses the AWS managed key `aws/dynamodb`,
   * whose use CloudTrail records but whose policy you can't change; a customer key adds a key
   * policy of your own and $1/month.
   * @default - the AWS managed key aws/dynamodb (never the invisible AWS owned key)
   */
  readonly kmsKeyArn?: string;
  /**
   * Deletion protection: DeleteTable fails until it is turned off (by any API, not only Terraform).
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Terraform `prevent_destroy`: any plan that would delete (or replace) the table fails.
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * Attribute holding an expiry time (epoch seconds, type N); DynamoDB deletes expired items at no
   * cost within a few days.
   * @default - no TTL
   */
  readonly timeToLiveAttribute?: string;
  /** Stream of item changes (for Lambda triggers or replication). @default - no stream */
  readonly stream?: TableStreamView;
  /** Storage class. @default 'STANDARD' */
  readonly tableClass?: TableClass;
  /** Tags; `Name` is set to the table name. @default - none */
  readonly tags?: Tags;
}

/** A table as grants need it. */
export interface ITable {
  readonly tableName: string;
  readonly tableArn: string;
  /** @default - no stream */
  readonly tableStreamArn?: string;
  /** Customer managed key, when one encrypts the table. @default - aws/dynamodb */
  readonly kmsKeyArn?: string;
}

const PROJECTION_TYPE = { all: 'ALL', keysOnly: 'KEYS_ONLY' } as const;

/** Terraform's projection fields for an {@link IndexProjection}. */
function projection(p: IndexProjection | undefined): { projectionType: string; nonKeyAttributes?: string[] } {
  if (p === undefined || p === 'all' || p === 'keysOnly')
    return { projectionType: PROJECTION_TYPE[p ?? 'all'] };
  return { projectionType: 'INCLUDE', nonKeyAttributes: [...p.include] };
}

/**
 * A DynamoDB table that is safe to keep data in: on demand, point-in-time recovery on, KMS
 * encryption (AWS managed `aws/dynamodb` key or a customer key, never the AWS owned default),
 * deletion protection on. Attribute definitions are derived from the keys of the table and its
 * indexes, so they can't disagree.
 *
 * | Setting                 | Default              | AWS default     |
 * | ----------------------- | -------------------- | --------------- |
 * | billing                 | on demand            | provisioned     |
 * | point-in-time recovery  | on (35 days)         | off             |
 * | encryption key          | aws/dynamodb (KMS)   | AWS owned key   |
 * | deletion protection     | on                   | off             |
 *
 * Grants follow AWS CDK: `grantReadData`, `grantWriteData`, `grantReadWriteData`,
 * `grantStreamRead`, each on the table and its indexes only.
 */
export class Table extends Construct implements ITable {
  public readonly table: DynamodbTable;
  public readonly kmsKeyArn?: string;
  /** Names of the global and local secondary indexes. */
  public readonly indexNames: readonly string[];

  private readonly hasStream: boolean;

  constructor(scope: Construct, id: string, props: TableProps) {
    super(scope, id);
    requireProps(this, props, {
      tableName: 'string',
      partitionKey: 'object',
      'partitionKey.name': 'string',
      'partitionKey.type': 'string',
    });
    validateTableProps(new Validator(this), props).throwIfInvalid();

    const provisioned = props.billingMode === 'provisioned' ? props.provisioned : undefined;
    const gsis = props.globalSecondaryIndexes ?? [];
    const lsis = props.localSecondaryIndexes ?? [];
    this.kmsKeyArn = props.kmsKeyArn;
    this.indexNames = [...gsis.map((i) => i.indexName), ...lsis.map((i) => i.indexName)];

    const onDemandCaps =
      provisioned === undefined &&
      (props.maxReadRequestUnits !== undefined || props.maxWriteRequestUnits !== undefined)
        ? { maxReadRequestUnits: props.maxReadRequestUnits, maxWriteRequestUnits: props.maxWriteRequestUnits }
        : undefined;
    const ignoreCapacity = provisioned?.autoScaling !== undefined;

    this.table = new DynamodbTable(this, 'table', {
      name: props.tableName,
      billingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
      readCapacity: provisioned?.readCapacity,
      writeCapacity: provisioned?.writeCapacity,
      onDemandThroughput: onDemandCaps,
      hashKey: props.partitionKey.name,
      rangeKey: props.sortKey?.name,
      attribute: attributeDefinitions(props),
      globalSecondaryIndex:
        gsis.length > 0
          ? gsis.map((g) => ({
              name: g.indexName,
              hashKey: g.partitionKey.name,
              rangeKey: g.sortKey?.name,
              ...projection(g.projection),
              readCapacity: provisioned ? (g.readCapacity ?? provisioned.readCapacity) : undefined,
              writeCapacity: provisioned ? (g.writeCapacity ?? provisioned.writeCapacity) : undefined,
            }))
          : undefined,
      localSecondaryIndex:
        lsis.length > 0
          ? lsis.map((l) => ({ name: l.indexName, rangeKey: l.sortKey.name, ...projection(l.projection) }))
          : undefined,
      pointInTimeRecovery: {
        enabled: props.pointInTimeRecovery ?? true,
        recoveryPeriodInDays:
          props.pointInTimeRecovery === false ? undefined : props.pointInTimeRecoveryPeriodInDays,
      },
      serverSideEncryption: { enabled: true, kmsKeyArn: props.kmsKeyArn },
      deletionProtectionEnabled: props.deletionProtection ?? true,
      ttl: props.timeToLiveAttribute
        ? { enabled: true, attributeName: props.timeToLiveAttribute }
        : undefined,
      streamEnabled: props.stream ? true : undefined,
      streamViewType: props.stream,
      tableClass: props.tableClass,
      tags: withName(props.tableName, props.tags),
      lifecycle:
        props.preventDestroy || ignoreCapacity
          ? {
              preventDestroy: props.preventDestroy ? true : undefined,
              // Auto scaling owns the capacity; Terraform would reset it on every apply.
              ignoreChanges: ignoreCapacity ? ['read_capacity', 'write_capacity'] : undefined,
            }
          : undefined,
    });
    this.hasStream = props.stream !== undefined;

    if (provisioned?.autoScaling) {
      const scaling = provisioned.autoScaling;
      const target = scaling.targetUtilizationPercent ?? 70;
      for (const [kind, min, max] of [
        ['Read', provisioned.readCapacity, scaling.maxReadCapacity],
        ['Write', provisioned.writeCapacity, scaling.maxWriteCapacity],
      ] as const) {
        const scalable = new AppautoscalingTarget(this, `${kind.toLowerCase()}-scaling-target`, {
          serviceNamespace: 'dynamodb',
          resourceId: `table/${props.tableName}`,
          scalableDimension: `dynamodb:table:${kind}CapacityUnits`,
          minCapacity: min,
          maxCapacity: max,
        });
        new AppautoscalingPolicy(this, `${kind.toLowerCase()}-scaling-policy`, {
          name: `${props.tableName}-${kind.toLowerCase()}-capacity`,
          policyType: 'TargetTrackingScaling',
          serviceNamespace: scalable.serviceNamespace,
          resourceId: scalable.resourceId,
          scalableDimension: scalable.scalableDimension,
          targetTrackingScalingPolicyConfiguration: {
            targetValue: target,
            predefinedMetricSpecification: { predefinedMetricType: `DynamoDB${kind}CapacityUtilization` },
          },
        });
      }
    }
  }

  // Attributes are read lazily, so that `table.table.overrideLogicalId(...)` still works right after
  // construction (adopting a table created outside this construct without a replacement).
  /** Table name. */
  public get tableName(): string {
    return this.table.name;
  }

  /** Table ARN. */
  public get tableArn(): string {
    return this.table.arn;
  }

  /** Stream ARN, when `stream` is set. */
  public get tableStreamArn(): string | undefined {
    return this.hasStream ? this.table.streamArn : undefined;
  }

  /** Lets the grantee read items (Get, BatchGet, Query, Scan) from the table and its indexes. */
  public grantReadData(grantee: IGrantable): void {
    grantee.addStatements(...this.dataStatements('Read', DYNAMODB_ACTIONS.readData, KMS_ACTIONS.decrypt));
  }

  /** Lets the grantee put, update and delete items (no table-level changes). */
  public grantWriteData(grantee: IGrantable): void {
    grantee.addStatements(...this.dataStatements('Write', DYNAMODB_ACTIONS.writeData, KMS_ACTIONS.encrypt));
  }

  /** Read and write (see {@link grantReadData} and {@link grantWriteData}). */
  public grantReadWriteData(grantee: IGrantable): void {
    const actions = [...new Set([...DYNAMODB_ACTIONS.readData, ...DYNAMODB_ACTIONS.writeData])].sort();
    grantee.addStatements(...this.dataStatements('ReadWrite', actions, KMS_ACTIONS.encrypt));
  }

  /** Lets the grantee read the table's stream (what a Lambda event source mapping needs). */
  public grantStreamRead(grantee: IGrantable): void {
    const v = new Validator(`${this.node.path} (grantStreamRead)`);
    v.check(
      this.tableStreamArn !== undefined,
      'stream',
      undefined,
      'is not set, so the table has no stream to read',
      'set stream (e.g. "NEW_AND_OLD_IMAGES") on the table',
    );
    v.throwIfInvalid();
    const sid = sidPrefix(this.node.id);
    const statements: DataAwsIamPolicyDocumentStatement[] = [
      {
        sid: `${sid}ListStreams`,
        effect: 'Allow',
        actions: [...DYNAMODB_ACTIONS.listStreams],
        // ListStreams supports no resource-level permission (and only lists stream ARNs).
        resources: ['*'],
      },
      {
        sid: `${sid}StreamRead`,
        effect: 'Allow',
        actions: [...DYNAMODB_ACTIONS.streamRead],
        resources: [this.tableStreamArn as string],
      },
    ];
    if (this.kmsKeyArn) {
      statements.push({
        sid: `${sid}StreamKeyDecrypt`,
        effect: 'Allow',
        actions: [...KMS_ACTIONS.decrypt],
        resources: [this.kmsKeyArn],
      });
    }
    grantee.addStatements(...statements);
  }

  private dataStatements(
    kind: string,
    actions: readonly string[],
    keyActions: readonly string[],
  ): DataAwsIamPolicyDocumentStatement[] {
    const sid = sidPrefix(this.node.id);
    const statements: DataAwsIamPolicyDocumentStatement[] = [
      {
        sid: `${sid}${kind}Data`,
        effect: 'Allow',
        actions: [...actions],
        resources: this.indexNames.length > 0 ? [this.tableArn, `${this.tableArn}/index/*`] : [this.tableArn],
      },
    ];
    // The AWS managed aws/dynamodb key needs no grant: its policy admits the account's principals
    // through DynamoDB. A customer managed key does.
    if (this.kmsKeyArn) {
      statements.push({
        sid: `${sid}${kind}Key`,
        effect: 'Allow',
        actions: [...keyActions],
        resources: [this.kmsKeyArn],
        condition: [{ test: 'StringLike', variable: 'kms:ViaService', values: ['dynamodb.*.amazonaws.com'] }],
      });
    }
    return statements;
  }
}

/** Attribute definitions: every key attribute of the table and its indexes, once, in order. */
export function attributeDefinitions(props: TableProps): { name: string; type: string }[] {
  const seen = new Map<string, string>();
  const keys: (TableAttribute | undefined)[] = [
    props.partitionKey,
    props.sortKey,
    ...(props.globalSecondaryIndexes ?? []).flatMap((g) => [g.partitionKey, g.sortKey]),
    ...(props.localSecondaryIndexes ?? []).map((l) => l.sortKey),
  ];
  for (const key of keys) {
    if (key && !seen.has(key.name)) seen.set(key.name, key.type);
  }
  return [...seen].map(([name, type]) => ({ name, type }));
}

function sidPrefix(id: string): string {
  const sid = id
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
  return sid === '' || Token.isUnresolved(sid) ? 'Table' : sid;
}
