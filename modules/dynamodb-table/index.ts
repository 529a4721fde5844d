/**
 * DynamoDB tables: on demand or provisioned with auto scaling, point-in-time recovery, KMS
 * encryption, deletion protection, indexes, streams, and grants. Import from
 * `@ml-platform/cdktf-aws/dynamodb-table`.
 * @packageDocumentation
 */
export { Table } from './table';
export type {
  AttributeType,
  GlobalSecondaryIndex,
  ITable,
  IndexProjection,
  LocalSecondaryIndex,
  ProvisionedCapacity,
  TableAttribute,
  TableAutoScaling,
  TableBillingMode,
  TableClass,
  TableProps,
  TableStreamView,
} from './table';
export { MAX_PROJECTED_ATTRIBUTES } from './validation';
