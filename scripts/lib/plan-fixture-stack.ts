/**
 * The stack behind the update, replace, destroy and no-change plan fixtures
 * (`scripts/gen-plan-fixtures.ts`): applied once against local S3 and DynamoDB emulators, then
 * planned in each variant.
 *
 * Resources are chosen for what the emulators implement: s3rver serves bucket create/delete and
 * the CORS and website subresources, but not tagging, versioning, encryption, public-access
 * blocks, ownership controls, lifecycle or policies, so the project's SecureBucket can't be applied
 * to it; dynalite serves tables and their tags. Hence a plain bucket with a CORS configuration and a
 * tagged table, both stateful resources the summary must flag when destroyed or replaced.
 */
import { Construct } from 'constructs';
import { LocalBackend, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketCorsConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import { withName } from '../../modules/core/tags';

/** The variants planned against the applied `baseline`. */
export type FixtureVariant = 'baseline' | 'update' | 'replace' | 'destroy';

/** Props of {@link PlanFixtureStack}. */
export interface PlanFixtureStackProps {
  readonly variant: FixtureVariant;
  readonly s3Endpoint: string;
  readonly dynamodbEndpoint: string;
  /** Credentials the emulators accept. */
  readonly accessKey: string;
  readonly secretKey: string;
}

/** Names of the fixture's physical resources. */
export const FIXTURE_NAMES = { bucket: 'mlmon-fixture-reports', table: 'mlmon-fixture-models' } as const;

/**
 * | variant    | change against the baseline                                            |
 * |------------|------------------------------------------------------------------------|
 * | `baseline` | none (applied first; planned again, it gives the no-change fixture)     |
 * | `update`   | a table tag and a CORS origin change in place; the sensitive token changes |
 * | `replace`  | the table gets a range key, which DynamoDB can only set on creation    |
 * | `destroy`  | bucket, CORS configuration and table are removed from the configuration |
 */
export class PlanFixtureStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: PlanFixtureStackProps) {
    super(scope, id);
    const v = props.variant;
    new LocalBackend(this, { path: 'terraform.tfstate' });
    new AwsProvider(this, 'aws', {
      region: 'us-east-1',
      accessKey: props.accessKey,
      secretKey: props.secretKey,
      s3UsePathStyle: true,
      skipCredentialsValidation: true,
      skipRequestingAccountId: true,
      skipMetadataApiCheck: 'true',
      skipRegionValidation: true,
      endpoints: [{ s3: props.s3Endpoint, dynamodb: props.dynamodbEndpoint }],
    });
    // A sensitive input that reaches a resource attribute and an output: the summary must mask both.
    const token = new TerraformVariable(this, 'ingest_token', {
      type: 'string',
      sensitive: true,
      default: v === 'update' ? 'fixture-token-rotated-0002' : 'fixture-token-original-0001',
      description: 'Token of the ingestion service (sensitive)',
    });

    if (v !== 'destroy') {
      const bucket = new S3Bucket(this, 'reports', { bucket: FIXTURE_NAMES.bucket, forceDestroy: true });
      new S3BucketCorsConfiguration(this, 'reports-cors', {
        bucket: bucket.id,
        corsRule: [
          {
            allowedMethods: ['GET'],
            allowedOrigins: [
              v === 'update' ? 'https://grafana.example.com' : 'https://monitoring.example.com',
            ],
            maxAgeSeconds: 300,
          },
        ],
      });
      const table = new DynamodbTable(this, 'models', {
        name: FIXTURE_NAMES.table,
        billingMode: 'PAY_PER_REQUEST',
        hashKey: 'model_id',
        rangeKey: v === 'replace' ? 'version' : undefined,
        attribute: [
          { name: 'model_id', type: 'S' },
          ...(v === 'replace' ? [{ name: 'version', type: 'N' }] : []),
        ],
        tags: {
          ...withName(FIXTURE_NAMES.table, { Owner: v === 'update' ? 'ml-platform' : 'data-team' }),
          IngestToken: token.stringValue,
        },
      });
      new TerraformOutput(this, 'table_arn', { value: table.arn, description: 'ARN of the models table' });
      new TerraformOutput(this, 'bucket_name', { value: bucket.bucket, description: 'Reports bucket' });
    }
    new TerraformOutput(this, 'service_token', {
      value: token.stringValue,
      sensitive: true,
      description: 'Ingestion token',
    });
  }
}
