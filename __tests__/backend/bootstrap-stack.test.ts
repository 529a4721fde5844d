import { Testing } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { StateBackendBootstrapStack, accessLogBucketNameFor } from '../../backend/bootstrap-stack';
import { DEFAULT_STATE_BACKEND } from '../../backend/settings';
import { lazy } from '../support/lazy';

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

function synth(props: Partial<ConstructorParameters<typeof StateBackendBootstrapStack>[2]> = {}) {
  const stack = new StateBackendBootstrapStack(Testing.app(), 'mlmon-bootstrap', {
    settings: DEFAULT_STATE_BACKEND,
    tags: { Project: 'mlmon', Owner: 'ml-platform' },
    ...props,
  });
  const out = Testing.synth(stack);
  return { stack, out, json: JSON.parse(out) as Json };
}

describe('state backend bootstrap stack', () => {
  const built = lazy(() => {
    const { out, json } = synth();
    return { out, json };
  });

  it('starts on local state, outside cdktf.out', () => {
    const { json } = built();
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform.mlmon-bootstrap.tfstate' } });
  });

  it('configures the provider region and default tags, marking the state resources', () => {
    const { out } = built();
    expect(out).toHaveProviderWithProperties(AwsProvider, {
      region: 'us-east-1',
      default_tags: [{ tags: { Project: 'mlmon', Owner: 'ml-platform', Purpose: 'terraform-state' } }],
    });
  });

  it('creates the state bucket with prevent_destroy and without force_destroy', () => {
    const { out } = built();
    expect(out).toHaveResourceWithProperties(S3Bucket, {
      bucket: 'mlmon-terraform-state',
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  it('versions, encrypts and blocks all public access to the bucket', () => {
    const { out } = built();
    expect(out).toHaveResourceWithProperties(S3BucketVersioningA, {
      versioning_configuration: { status: 'Enabled' },
    });
    expect(out).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
    });
    expect(out).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(out).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
  });

  it('expires noncurrent state versions after 90 days and aborts stale uploads', () => {
    const { out } = built();
    expect(out).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [
        expect.objectContaining({
          id: 'abort-incomplete-multipart-uploads',
          abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        }),
        expect.objectContaining({
          id: 'expire-noncurrent-versions',
          noncurrent_version_expiration: [{ noncurrent_days: 90 }],
        }),
      ],
    });
  });

  it('denies every request that is not over TLS', () => {
    const { out, json } = built();
    expect(out).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        expect.objectContaining({
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          actions: ['s3:*'],
          principals: [{ type: '*', identifiers: ['*'] }],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        }),
      ],
    });
    const policies = Object.values(json.resource.aws_s3_bucket_policy);
    expect(policies).toHaveLength(2); // the state bucket and its access-log bucket
    expect(policies[1].depends_on).toEqual([expect.stringContaining('aws_s3_bucket_public_access_block.')]);
    expect(out).toHaveResource(S3BucketPolicy);
  });

  it('creates the lock table: LockID string key, on demand, PITR, SSE, deletion protection, prevent_destroy', () => {
    const { out, json } = built();
    expect(out).toHaveResourceWithProperties(DynamodbTable, {
      name: 'mlmon-terraform-locks',
      hash_key: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
      billing_mode: 'PAY_PER_REQUEST',
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
      deletion_protection_enabled: true,
      lifecycle: { prevent_destroy: true },
    });
    // Built with the Table construct, at the address it always had (no replacement on upgrade).
    expect(Object.keys(json.resource.aws_dynamodb_table)).toEqual(['lock-table']);
  });

  it('logs every access to the state bucket into a protected, expiring log bucket', () => {
    const { out, json } = built();
    const logging = Object.values(json.resource.aws_s3_bucket_logging);
    // The state bucket logs into its companion log bucket (SecureBucket accessLogging.createLogBucket).
    expect(logging).toEqual([
      {
        bucket: '${aws_s3_bucket.state-bucket_828F7150.id}',
        target_bucket: '${aws_s3_bucket.state-bucket_access-logs_bucket_D1E025C9.bucket}',
        target_prefix: 'state-bucket/',
      },
    ]);
    expect(out).toHaveResourceWithProperties(S3Bucket, {
      bucket: 'mlmon-terraform-state-access-logs',
      lifecycle: { prevent_destroy: true },
    });
    expect(out).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: expect.arrayContaining([
        expect.objectContaining({ id: 'expire-access-logs', expiration: [{ days: 365 }] }),
      ]),
    });
    expect(accessLogBucketNameFor('a'.repeat(63))).toBe(`${'a'.repeat(51)}-access-logs`);
    expect(accessLogBucketNameFor(`${'a'.repeat(50)}-b`)).toBe(`${'a'.repeat(50)}-access-logs`);
  });

  it('moves the log bucket of earlier versions (a sibling construct) into the companion, resource by resource', () => {
    const { json } = built();
    expect((json as unknown as { moved: { from: string; to: string }[] }).moved).toEqual([
      {
        from: 'aws_s3_bucket.access-log-bucket_B377A41D',
        to: 'aws_s3_bucket.state-bucket_access-logs_bucket_D1E025C9',
      },
      {
        from: 'aws_s3_bucket_ownership_controls.access-log-bucket_ownership_9ACB6AEC',
        to: expect.stringMatching(
          /^aws_s3_bucket_ownership_controls\.state-bucket_access-logs_ownership_[0-9A-F]{8}$/,
        ),
      },
      {
        from: 'aws_s3_bucket_public_access_block.access-log-bucket_public-access-block_04899B6C',
        to: expect.stringMatching(
          /^aws_s3_bucket_public_access_block\.state-bucket_access-logs_public-access-block_[0-9A-F]{8}$/,
        ),
      },
      {
        from: 'aws_s3_bucket_versioning.access-log-bucket_versioning_139F6E50',
        to: expect.stringMatching(
          /^aws_s3_bucket_versioning\.state-bucket_access-logs_versioning_[0-9A-F]{8}$/,
        ),
      },
      {
        from: 'aws_s3_bucket_server_side_encryption_configuration.access-log-bucket_encryption_5E94D5B1',
        to: expect.stringMatching(
          /^aws_s3_bucket_server_side_encryption_configuration\.state-bucket_access-logs_encryption_[0-9A-F]{8}$/,
        ),
      },
      {
        from: 'aws_s3_bucket_lifecycle_configuration.access-log-bucket_lifecycle_C88200B8',
        to: expect.stringMatching(
          /^aws_s3_bucket_lifecycle_configuration\.state-bucket_access-logs_lifecycle_[0-9A-F]{8}$/,
        ),
      },
      {
        from: 'aws_s3_bucket_policy.access-log-bucket_policy_46041197',
        to: expect.stringMatching(/^aws_s3_bucket_policy\.state-bucket_access-logs_policy_[0-9A-F]{8}$/),
      },
    ]);
  });

  it('outputs the backend coordinates', () => {
    const { json } = built();
    expect(Object.keys(json.output).sort()).toEqual([
      'lock_table',
      'region',
      'state_bucket',
      'state_bucket_arn',
    ]);
  });

  it('matches the snapshot', () => {
    const { out } = built();
    expect(out).toMatchSnapshot();
  });
});

describe('state backend bootstrap stack options', () => {
  it('uses SSE-KMS with a bucket key and the same key for the table when a key is given', () => {
    const key = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { out } = synth({ kmsKeyArn: key });
    expect(out).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [
        {
          apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: key },
          bucket_key_enabled: true,
        },
      ],
    });
    expect(out).toHaveResourceWithProperties(DynamodbTable, {
      server_side_encryption: { enabled: true, kms_key_arn: key },
    });
  });

  it('honours the noncurrent-version expiry and the local state path', () => {
    const { out, json } = synth({
      noncurrentVersionExpirationInDays: 30,
      localStatePath: 'state/bootstrap.tfstate',
    });
    expect(out).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: expect.arrayContaining([
        expect.objectContaining({ noncurrent_version_expiration: [{ noncurrent_days: 30 }] }),
      ]),
    });
    expect(json.terraform.backend).toEqual({ local: { path: 'state/bootstrap.tfstate' } });
  });

  it.each([0, 36501, 1.5])('fails on noncurrentVersionExpirationInDays = %p', (days) => {
    expect(() => synth({ noncurrentVersionExpirationInDays: days })).toThrow(
      new RegExp(
        `mlmon-bootstrap.*\\n.*noncurrentVersionExpirationInDays = ${String(days).replace('.', '\\.')}: .*Fix: `,
      ),
    );
  });

  it('fails on an invalid bucket name with the construct path', () => {
    expect(() => synth({ settings: { ...DEFAULT_STATE_BACKEND, bucket: 'Bad_Bucket' } })).toThrow(
      /mlmon-bootstrap\/state-bucket.*\n.*bucketName = "Bad_Bucket": is not a valid S3 bucket name.*Fix: /,
    );
  });
});

describe('GitHub OIDC CI roles in the bootstrap stack', () => {
  it('need a project prefix (the deploy role manages only names under it)', () => {
    expect(() => synth({ githubRepository: 'acme/orders-infra' })).toThrow(
      'Invalid input for mlmon-bootstrap (1 problem):\n  - projectPrefix = undefined: is required with ' +
        'githubRepository: the deploy role may manage only names under it. Fix: set projectPrefix to the ' +
        'prefix of every resource name your stacks create, e.g. "orders"',
    );
  });

  it('accept the boundary: a repository with a prefix', () => {
    const { json } = synth({ githubRepository: 'acme/orders-infra', projectPrefix: 'orders' });
    expect(Object.keys(json.resource.aws_iam_role)).toHaveLength(2);
  });

  const bootstrapJson = (env: Record<string, string>) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildApp } = require('../../main') as typeof import('../../main');
    const app = buildApp({ env: { MLMON_STACKS: 'mlmon-bootstrap', ...env }, outdir: '/nonexistent' });
    const stack = app.node.findChild('mlmon-bootstrap') as StateBackendBootstrapStack;
    return JSON.parse(Testing.synth(stack)) as Json;
  };

  it('are absent until a repository is configured', () => {
    const json = bootstrapJson({});
    expect(json.resource.aws_iam_openid_connect_provider).toBeUndefined();
    expect(json.resource.aws_iam_role).toBeUndefined();
  });

  it('are created for the configured repository, with plan and deploy role outputs', () => {
    const json = bootstrapJson({ MLMON_GITHUB_REPOSITORY: 'acme/mlmon-infra' });
    expect(Object.keys(json.resource.aws_iam_openid_connect_provider)).toHaveLength(1);
    expect(Object.keys(json.resource.aws_iam_role)).toHaveLength(2);
    expect(Object.keys(json.output)).toEqual(
      expect.arrayContaining(['github_plan_role_arn', 'github_deploy_role_arn']),
    );
    expect(JSON.stringify(json)).toContain('repo:acme/mlmon-infra:');
  });

  it('reuse an existing OIDC provider when its ARN is given', () => {
    const json = bootstrapJson({
      MLMON_GITHUB_REPOSITORY: 'acme/mlmon-infra',
      MLMON_GITHUB_OIDC_PROVIDER_ARN:
        'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
    });
    expect(json.resource.aws_iam_openid_connect_provider).toBeUndefined();
    expect(JSON.stringify(json)).toContain(
      'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
    );
  });
});
