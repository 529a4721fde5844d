/**
 * DynamoDB actions behind every table grant (`Table.grantReadData` ...). Resources are the table
 * ARN and `<table ARN>/index/*`; stream actions take the stream ARN.
 */
export const DYNAMODB_ACTIONS = {
  /** Item and query reads, plus DescribeTable (SDK document clients call it). */
  readData: [
    'dynamodb:BatchGetItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DescribeTable',
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:Scan',
  ],
  /** Item writes and deletes; no table-level changes (no UpdateTable, DeleteTable). */
  writeData: [
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DeleteItem',
    'dynamodb:DescribeTable',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
  ],
  /** Reading a table's stream (what a Lambda event source mapping needs), on the stream ARN. */
  streamRead: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
  /** Listing streams supports no resource-level permission: IAM only accepts `*` (read-only). */
  listStreams: ['dynamodb:ListStreams'],
} as const;
