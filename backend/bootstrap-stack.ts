import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecureBucket } from '../modules/s3/secure-bucket';
import { Table } from '../modules/dynamodb-table/table';
import { Validator } from '../modules/core/validation';
import { Tags } from '../modules/core/tags';
import { StateBackendSettings } from './settings';
import { configureBootstrapStateBackend } from './state-backend';
import { awsProviderEndpointOverrides } from './endpoints';
import { GithubOidcRoles } from './github-oidc';

/** Props of {@link StateBackendBootstrapStack}. */
export interface StateBackendBootstrapStackProps {
  /** Bucket, table and region to create (the same settings every other stack's backend uses). */
  readonly settings: StateBackendSettings;
  /** Tags applied to every resource through the provider's `default_tags`. */
  readonly tags: Tags;
  /**
   * Days to keep noncurrent state versions: each `terraform apply` writes a new version, and an
   * old one is the way back from a corrupted state.
   * @default 90
   */
  readonly noncurrentVersionExpirationInDays?: number;
  /**
   * KMS key ARN for the state bucket and the lock table.
   * @default - SSE-S3 for the bucket; the AWS managed key aws/dynamodb for the table
   */
  readonly kmsKeyArn?: string;
  /**
   * Path of the local state file this stack starts on, relative to the stack's directory under
   * `cdktf.out/stacks/`. See the README section "Bootstrap the state backend" to migrate it into the
   * bucket it creates.
   * @default '../../../terraform.mlmon-bootstrap.tfstate' (repository root, outside cdktf.out)
   */
  readonly localStatePath?: string;
  /**
   * Days to keep the state bucket's server access logs (in `<state bucket>-access-logs`).
   * @default 365
   */
  readonly accessLogExpirationInDays?: number;
  /**
   * GitHub repository (`owner/name`) whose workflows plan and deploy. Creates the GitHub OIDC
   * provider and two roles: a read-only plan role and a scoped deploy role.
   * @default - no CI roles
   */
  readonly githubRepository?: string;
  /** An existing GitHub OIDC provider ARN (there is one per account). @default - create one */
  readonly githubOidcProviderArn?: string;
  /** Prefix of the resource names the deploy role may manage. @default 'mlmon' */
  readonly projectPrefix?: string;
  /**
   * Prefixes of the physical names the environment stacks create (one per system); the deploy
   * role may manage only names under them. @default [projectPrefix]
   */
  readonly namePrefixes?: string[];
  /** Bucket-name patterns of the app buckets the deploy role may manage. @default ['<projectPrefix>-*'] */
  readonly bucketNamePatterns?: string[];
  /** Regions the deploy role may act in. @default - any */
  readonly regions?: string[];
}

/**
 * Creates the Terraform state backend every other stack uses: the S3 state bucket and the DynamoDB
 * lock table. Both carry `prevent_destroy`, so no plan can delete them.
 *
 * This stack starts on local state (it can't keep its state in a bucket that doesn't exist yet).
 */
export class StateBackendBootstrapStack extends TerraformStack {
  public readonly stateBucket: SecureBucket;
  public readonly lockTable: Table;
  /** Bucket that receives the state bucket's server access logs. */
  public readonly accessLogBucket: SecureBucket;
  /** The CI roles, when `githubRepository` is set. */
  public readonly ciRoles?: GithubOidcRoles;

  constructor(scope: Construct, id: string, props: StateBackendBootstrapStackProps) {
    super(scope, id);
    const v = new Validator(this);
    v.checkIntRange(props.noncurrentVersionExpirationInDays, 1, 36500, 'noncurrentVersionExpirationInDays');
    v.checkIntRange(props.accessLogExpirationInDays, 1, 36500, 'accessLogExpirationInDays');
    v.throwIfInvalid();

    // Local state until the bucket exists; `stateBootstrapBackend: "s3"` moves it into the bucket.
    configureBootstrapStateBackend(
      this,
      props.settings,
      props.localStatePath ?? `../../../terraform.${id}.tfstate`,
    );
    new AwsProvider(this, 'aws', {
      region: props.settings.region,
      // Custom S3/DynamoDB endpoints (MinIO, Ceph, LocalStack) when the backend settings name them.
      ...awsProviderEndpointOverrides(props.settings),
      defaultTags: [{ tags: { ...props.tags, Purpose: 'terraform-state' } }],
    });

    const accessLogBucketName = accessLogBucketNameFor(props.settings.bucket);
    this.stateBucket = new SecureBucket(this, 'state-bucket', {
      bucketName: props.settings.bucket,
      kmsKeyArn: props.kmsKeyArn ?? props.settings.kmsKeyId,
      noncurrentVersionExpirationInDays: props.noncurrentVersionExpirationInDays ?? 90,
      preventDestroy: true,
      accessLogging: { targetBucket: accessLogBucketName, targetPrefix: 'state-bucket/' },
    });

    // Server access logs of the state bucket: who read or wrote which state object, and when.
    // SSE-S3 only: S3 cannot deliver access logs to an SSE-KMS bucket.
    this.accessLogBucket = new SecureBucket(this, 'access-log-bucket', {
      bucketName: accessLogBucketName,
      noncurrentVersionExpirationInDays: 30,
      preventDestroy: true,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          status: 'Enabled',
          filter: [{}],
          expiration: [{ days: props.accessLogExpirationInDays ?? 365 }],
        },
      ],
      serverAccessLogsDelivery: {
        sourceBucketArns: [`arn:aws:s3:::${props.settings.bucket}`],
        targetPrefix: 'state-bucket/',
      },
    });

    // Table's defaults are what a lock table needs: on demand (a few requests per plan), PITR, KMS
    // encryption, deletion protection. LockID (string) is the key the S3 backend writes.
    this.lockTable = new Table(this, 'lock-table', {
      tableName: props.settings.lockTable,
      partitionKey: { name: 'LockID', type: 'S' },
      kmsKeyArn: props.kmsKeyArn,
      preventDestroy: true,
    });
    // Keep the Terraform address the table had before it was built with Table
    // (aws_dynamodb_table.lock-table): a new address would plan to replace the lock table.
    this.lockTable.table.overrideLogicalId('lock-table');

    new TerraformOutput(this, 'state_bucket', {
      value: this.stateBucket.bucketName,
      description: "S3 bucket that holds every stack's Terraform state",
    });
    new TerraformOutput(this, 'state_bucket_arn', {
      value: this.stateBucket.bucketArn,
      description: 'ARN of the state bucket',
    });
    new TerraformOutput(this, 'lock_table', {
      value: this.lockTable.tableName,
      description: 'DynamoDB table that holds Terraform state locks',
    });
    new TerraformOutput(this, 'region', {
      value: props.settings.region,
      description: 'Region of the state backend',
    });

    if (props.githubRepository) {
      this.ciRoles = new GithubOidcRoles(this, 'github', {
        repository: props.githubRepository,
        projectPrefix: props.projectPrefix ?? 'mlmon',
        namePrefixes: props.namePrefixes,
        stateBucketArn: this.stateBucket.bucketArn,
        lockTableArn: this.lockTable.tableArn,
        stateKeyPrefix: props.settings.keyPrefix,
        stateKmsKeyArn: props.kmsKeyArn,
        bucketNamePatterns: props.bucketNamePatterns,
        regions: props.regions,
        createOidcProvider: props.githubOidcProviderArn === undefined,
        oidcProviderArn: props.githubOidcProviderArn,
      });
      new TerraformOutput(this, 'github_plan_role_arn', {
        value: this.ciRoles.planRoleArn,
        description: 'Role for pull-request plans: repository variable AWS_PLAN_ROLE_ARN',
      });
      new TerraformOutput(this, 'github_deploy_role_arn', {
        value: this.ciRoles.deployRoleArn,
        description: 'Role for deploys from main: repository variable AWS_DEPLOY_ROLE_ARN',
      });
    }
  }
}

/** Name of the bucket that receives the state bucket's access logs (kept within the 63-character limit). */
export function accessLogBucketNameFor(stateBucket: string): string {
  const suffix = '-access-logs';
  return `${stateBucket.slice(0, 63 - suffix.length).replace(/[.-]+$/, '')}${suffix}`;
}
