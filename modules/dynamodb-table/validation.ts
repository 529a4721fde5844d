import { Validator, isUnresolved } from '../core/validation';
import { isValidDynamoTableName, isKmsKeyArn } from '../core/aws-rules';
import type { IndexProjection, TableAttribute, TableProps } from './table';

const INDEX_NAME_RE = /^[a-zA-Z0-9_.-]{3,255}$/;
const ATTRIBUTE_TYPES = ['S', 'N', 'B'];
/** DynamoDB's limit on projected non-key attributes over all indexes of a table. */
export const MAX_PROJECTED_ATTRIBUTES = 100;

function checkAttribute(
  v: Validator,
  field: string,
  attr: TableAttribute | undefined,
  required = false,
): void {
  if (attr === undefined || attr === null) {
    if (required) v.add(field, attr, 'is required', 'pass the key as { name: "pk", type: "S" }');
    return;
  }
  v.check(
    typeof attr.name === 'string' && attr.name.length >= 1 && attr.name.length <= 255,
    `${field}.name`,
    attr.name,
    'must be 1-255 characters',
    'use an attribute name such as "pk"',
  );
  v.check(
    ATTRIBUTE_TYPES.includes(attr.type),
    `${field}.type`,
    attr.type,
    'must be "S" (string), "N" (number) or "B" (binary)',
    'use "S", "N" or "B"',
  );
}

function checkProjection(
  v: Validator,
  field: string,
  p: IndexProjection | undefined,
  keyNames: Set<string>,
): number {
  if (p === undefined || p === 'all' || p === 'keysOnly') return 0;
  if (p === null || typeof p !== 'object' || !Array.isArray(p.include)) {
    v.add(field, p, 'must be "all", "keysOnly" or { include: [...] }', 'use one of the three forms');
    return 0;
  }
  v.check(
    p.include.length > 0,
    `${field}.include`,
    p.include,
    'is empty',
    'list the attributes to copy, or use "keysOnly"',
  );
  const keys = p.include.filter((a) => keyNames.has(a));
  v.check(
    keys.length === 0,
    `${field}.include`,
    keys,
    'lists key attributes, which every index projects anyway',
    'list only non-key attributes',
  );
  const dupes = p.include.filter((a, i) => p.include.indexOf(a) !== i);
  v.check(
    dupes.length === 0,
    `${field}.include`,
    dupes,
    'lists an attribute more than once',
    'list each once',
  );
  return p.include.length;
}

/** Problems with {@link TableProps}, collected into `v`. */
export function validateTableProps(v: Validator, props: TableProps): Validator {
  v.check(
    typeof props.tableName === 'string' &&
      (isUnresolved(props.tableName) || isValidDynamoTableName(props.tableName)),
    'tableName',
    props.tableName,
    'must be 3-255 letters, digits, "_", "-" or "."',
    'use a name such as "mlnews-dev-feedback"',
  );
  checkAttribute(v, 'partitionKey', props.partitionKey);
  checkAttribute(v, 'sortKey', props.sortKey);
  v.check(
    props.sortKey === undefined || props.sortKey.name !== props.partitionKey?.name,
    'sortKey.name',
    props.sortKey?.name,
    'is the partition key too',
    'use a different attribute as sort key',
  );

  const gsis = props.globalSecondaryIndexes ?? [];
  const lsis = props.localSecondaryIndexes ?? [];
  v.check(
    gsis.length <= 20,
    'globalSecondaryIndexes',
    gsis.length,
    'has more than 20 indexes (the DynamoDB limit)',
    'remove indexes',
  );
  v.check(
    lsis.length <= 5,
    'localSecondaryIndexes',
    lsis.length,
    'has more than 5 indexes (the DynamoDB limit)',
    'remove indexes',
  );
  v.check(
    lsis.length === 0 || props.sortKey !== undefined,
    'localSecondaryIndexes',
    lsis.map((l) => l.indexName),
    'need a table sort key (a local index is the partition key with another sort key)',
    'set sortKey, or use global secondary indexes',
  );

  const names = [...gsis.map((g) => g.indexName), ...lsis.map((l) => l.indexName)];
  const badNames = names.filter((n) => typeof n !== 'string' || !INDEX_NAME_RE.test(n));
  v.check(
    badNames.length === 0,
    'indexName',
    badNames,
    'must be 3-255 letters, digits, "_", "-" or "."',
    'use names such as "by-created-at"',
  );
  const dupes = names.filter((n, i) => names.indexOf(n) !== i);
  v.check(
    dupes.length === 0,
    'indexName',
    dupes,
    'is used by more than one index',
    'give every index its own name',
  );

  // Attribute definitions are derived from the keys: one name must have one type everywhere.
  const types = new Map<string, { type: string; field: string }>();
  const tableKeys = new Set([props.partitionKey?.name, props.sortKey?.name].filter((n): n is string => !!n));
  const record = (field: string, attr: TableAttribute | undefined) => {
    if (!attr) return;
    const seen = types.get(attr.name);
    if (seen && seen.type !== attr.type) {
      v.add(
        `${field}.type`,
        attr.type,
        `conflicts with ${seen.field}, which declares "${attr.name}" as "${seen.type}"`,
        'use one type per attribute name across the table and its indexes',
      );
    } else if (!seen) types.set(attr.name, { type: attr.type, field });
  };
  record('partitionKey', props.partitionKey);
  record('sortKey', props.sortKey);
  let projected = 0;
  gsis.forEach((g, i) => {
    const f = `globalSecondaryIndexes[${i}]`;
    checkAttribute(v, `${f}.partitionKey`, g.partitionKey, true);
    checkAttribute(v, `${f}.sortKey`, g.sortKey);
    record(`${f}.partitionKey`, g.partitionKey);
    record(`${f}.sortKey`, g.sortKey);
    const keyNames = new Set(
      [...tableKeys, g.partitionKey?.name, g.sortKey?.name].filter((n): n is string => !!n),
    );
    projected += checkProjection(v, `${f}.projection`, g.projection, keyNames);
    if (props.billingMode !== 'provisioned') {
      v.check(
        g.readCapacity === undefined && g.writeCapacity === undefined,
        `${f}.readCapacity`,
        g.readCapacity ?? g.writeCapacity,
        'applies to provisioned tables only',
        'remove readCapacity/writeCapacity, or set billingMode: "provisioned"',
      );
    }
    v.checkIntRange(g.readCapacity, 1, 40000, `${f}.readCapacity`);
    v.checkIntRange(g.writeCapacity, 1, 40000, `${f}.writeCapacity`);
  });
  lsis.forEach((l, i) => {
    const f = `localSecondaryIndexes[${i}]`;
    checkAttribute(v, `${f}.sortKey`, l.sortKey, true);
    record(`${f}.sortKey`, l.sortKey);
    v.check(
      l.sortKey?.name !== props.sortKey?.name,
      `${f}.sortKey.name`,
      l.sortKey?.name,
      "is the table's sort key, so the index would duplicate the table",
      'use another attribute',
    );
    const keyNames = new Set([...tableKeys, l.sortKey?.name].filter((n): n is string => !!n));
    projected += checkProjection(v, `${f}.projection`, l.projection, keyNames);
  });
  v.check(
    projected <= MAX_PROJECTED_ATTRIBUTES,
    'projection.include',
    projected,
    `projects ${projected} non-key attributes over all indexes; DynamoDB allows ${MAX_PROJECTED_ATTRIBUTES}`,
    'project fewer attributes, or use "all"',
  );

  validateBilling(v, props);
  v.checkIntRange(props.pointInTimeRecoveryPeriodInDays, 1, 35, 'pointInTimeRecoveryPeriodInDays');
  v.check(
    props.pointInTimeRecovery !== false || props.pointInTimeRecoveryPeriodInDays === undefined,
    'pointInTimeRecoveryPeriodInDays',
    props.pointInTimeRecoveryPeriodInDays,
    'applies only with point-in-time recovery on',
    'remove it, or leave pointInTimeRecovery at its default (true)',
  );
  v.checkOptional(
    props.kmsKeyArn,
    (a) => isKmsKeyArn(a),
    'kmsKeyArn',
    'is not a KMS key ARN',
    'pass "arn:aws:kms:<region>:<account>:key/<key-id>", or omit it for the AWS managed aws/dynamodb key',
  );
  const ttl = props.timeToLiveAttribute;
  v.checkOptional(
    ttl,
    (t) => t.length >= 1 && t.length <= 255,
    'timeToLiveAttribute',
    'must be 1-255 characters',
    'use an attribute name such as "expires_at"',
  );
  if (ttl !== undefined && types.has(ttl)) {
    v.check(
      types.get(ttl)?.type === 'N',
      'timeToLiveAttribute',
      ttl,
      `is a key attribute of type "${types.get(ttl)?.type}"; TTL reads epoch seconds from a number`,
      'use a number attribute, or a separate attribute such as "expires_at"',
    );
  }
  v.check(
    props.stream === undefined ||
      ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'].includes(props.stream),
    'stream',
    props.stream,
    'is not a stream view type',
    'use NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES or KEYS_ONLY',
  );
  v.check(
    props.tableClass === undefined || ['STANDARD', 'STANDARD_INFREQUENT_ACCESS'].includes(props.tableClass),
    'tableClass',
    props.tableClass,
    'is not a table class',
    'use STANDARD or STANDARD_INFREQUENT_ACCESS',
  );
  v.check(
    !(props.preventDestroy === true && props.deletionProtection === false),
    'deletionProtection',
    props.deletionProtection,
    'is off while preventDestroy is on: Terraform refuses the delete, but any other client can still delete the table',
    'leave deletionProtection at its default (true)',
  );
  return v;
}

function validateBilling(v: Validator, props: TableProps): void {
  const mode = props.billingMode ?? 'onDemand';
  v.check(
    mode === 'onDemand' || mode === 'provisioned',
    'billingMode',
    props.billingMode,
    'must be "onDemand" or "provisioned"',
    'use "onDemand" (the default) or "provisioned"',
  );
  if (mode === 'provisioned') {
    const p = props.provisioned;
    v.check(
      p !== undefined,
      'provisioned',
      p,
      'is required in provisioned mode',
      'set { readCapacity, writeCapacity }',
    );
    v.checkIntRange(p?.readCapacity, 1, 40000, 'provisioned.readCapacity');
    v.checkIntRange(p?.writeCapacity, 1, 40000, 'provisioned.writeCapacity');
    const s = p?.autoScaling;
    if (p && s) {
      v.checkIntRange(
        s.maxReadCapacity,
        p.readCapacity,
        40000,
        'provisioned.autoScaling.maxReadCapacity',
        `set it from readCapacity (${p.readCapacity}) to 40000`,
      );
      v.checkIntRange(
        s.maxWriteCapacity,
        p.writeCapacity,
        40000,
        'provisioned.autoScaling.maxWriteCapacity',
        `set it from writeCapacity (${p.writeCapacity}) to 40000`,
      );
      v.checkIntRange(s.targetUtilizationPercent, 20, 90, 'provisioned.autoScaling.targetUtilizationPercent');
    }
    for (const field of ['maxReadRequestUnits', 'maxWriteRequestUnits'] as const) {
      v.check(
        props[field] === undefined,
        field,
        props[field],
        'applies to on-demand tables only',
        'remove it (provisioned capacity already caps throughput)',
      );
    }
  } else {
    v.check(
      props.provisioned === undefined,
      'provisioned',
      props.provisioned,
      'applies to provisioned tables only',
      'set billingMode: "provisioned", or remove provisioned',
    );
    v.checkIntRange(props.maxReadRequestUnits, 1, 40000000, 'maxReadRequestUnits');
    v.checkIntRange(props.maxWriteRequestUnits, 1, 40000000, 'maxWriteRequestUnits');
  }
}
