import { TerraformStack, Testing } from 'cdktf';
import { SecureBucket, SecureBucketProps } from '../../../modules/s3';
import { errorOf, invalidMessage } from '../../support/synth-json';

const KMS = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const NAME_FIX =
  'use 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit';

function build(props: Partial<SecureBucketProps>) {
  const stack = new TerraformStack(Testing.app(), 'test');
  return new SecureBucket(stack, 'b', { bucketName: 'example-bucket', ...props });
}
/** The message of a ValidationError for `test/b` with one problem. */
const oneProblem = (line: string) => invalidMessage('test/b', line);

describe('SecureBucket props validation messages', () => {
  it.each<[string, Partial<SecureBucketProps>, string]>([
    [
      'an upper-case bucket name',
      { bucketName: 'example-Bucket' },
      oneProblem(
        `bucketName = "example-Bucket": is not a valid S3 bucket name (may contain only lowercase letters, digits, dots and hyphens). Fix: ${NAME_FIX}`,
      ),
    ],
    [
      'a bucket name with several faults',
      { bucketName: '_A' },
      oneProblem(
        'bucketName = "_A": is not a valid S3 bucket name (must be 3 to 63 characters long; ' +
          'may contain only lowercase letters, digits, dots and hyphens; must begin and end with a letter or digit). ' +
          `Fix: ${NAME_FIX}`,
      ),
    ],
    [
      'a bucket name of 64 characters',
      { bucketName: 'a'.repeat(64) },
      oneProblem(
        `bucketName = "${'a'.repeat(64)}": is not a valid S3 bucket name (must be 3 to 63 characters long). Fix: ${NAME_FIX}`,
      ),
    ],
    [
      'noncurrentVersionExpirationInDays = 0',
      { noncurrentVersionExpirationInDays: 0 },
      oneProblem(
        'noncurrentVersionExpirationInDays = 0: must be a whole number from 1 to 36500. ' +
          'Fix: set noncurrentVersionExpirationInDays to a whole number from 1 to 36500',
      ),
    ],
    [
      'noncurrentVersionExpirationInDays = 36501',
      { noncurrentVersionExpirationInDays: 36501 },
      oneProblem(
        'noncurrentVersionExpirationInDays = 36501: must be a whole number from 1 to 36500. ' +
          'Fix: set noncurrentVersionExpirationInDays to a whole number from 1 to 36500',
      ),
    ],
    [
      'a noncurrent expiry on an unversioned bucket',
      { versioned: false, noncurrentVersionExpirationInDays: 30 },
      oneProblem(
        'noncurrentVersionExpirationInDays = 30: has no effect on an unversioned bucket. ' +
          'Fix: remove it, or leave `versioned` at its default (true)',
      ),
    ],
    [
      'SSE-KMS on a bucket that receives server access logs',
      { kmsKeyArn: KMS, serverAccessLogsDelivery: { sourceBucketArns: ['arn:aws:s3:::acme-data'] } },
      oneProblem(
        `kmsKeyArn = "${KMS}": is not supported on a bucket that receives S3 server access logs (log delivery needs SSE-S3). ` +
          'Fix: remove kmsKeyArn from the log bucket (it is encrypted with SSE-S3)',
      ),
    ],
    [
      'forceDestroy with preventDestroy',
      { preventDestroy: true, forceDestroy: true },
      oneProblem('forceDestroy = true: conflicts with preventDestroy: true. Fix: set only one of them'),
    ],
    [
      'the id of the built-in multipart-upload rule',
      { lifecycleRules: [{ id: 'abort-incomplete-multipart-uploads', status: 'Enabled', filter: [{}] }] },
      oneProblem(
        'lifecycleRules[0].id = "abort-incomplete-multipart-uploads": is the id of a rule the bucket adds itself. ' +
          'Fix: give every rule its own id',
      ),
    ],
    [
      'a log bucket name with several faults',
      { accessLogging: { createLogBucket: true, logBucketName: 'X' } },
      oneProblem(
        'accessLogging.logBucketName = "X": is not a valid S3 bucket name (must be 3 to 63 characters long; ' +
          `may contain only lowercase letters, digits, dots and hyphens; must begin and end with a letter or digit). Fix: ${NAME_FIX}`,
      ),
    ],
    [
      'the bucket itself as its companion log bucket',
      { accessLogging: { createLogBucket: true, logBucketName: 'example-bucket' } },
      oneProblem(
        'accessLogging.logBucketName = "example-bucket": is the bucket itself: a bucket that logs into itself logs its own ' +
          'log deliveries, without end. Fix: leave logBucketName unset for "<bucket name>-access-logs", or name another bucket',
      ),
    ],
    [
      'the bucket itself as the log target',
      { accessLogging: { targetBucket: 'example-bucket' } },
      oneProblem(
        'accessLogging.targetBucket = "example-bucket": is the bucket itself: a bucket that logs into itself logs its own ' +
          'log deliveries, without end. Fix: send the logs to a separate bucket, e.g. { createLogBucket: true }',
      ),
    ],
  ])('refuses %s', (_name, props, message) => {
    expect(errorOf(() => build(props))).toBe(message);
  });

  it('lists every problem at once', () => {
    expect(
      errorOf(() =>
        build({
          bucketName: 'ab',
          noncurrentVersionExpirationInDays: 0,
          preventDestroy: true,
          forceDestroy: true,
        }),
      ),
    ).toBe(
      'Invalid input for test/b (3 problems):\n' +
        `  - bucketName = "ab": is not a valid S3 bucket name (must be 3 to 63 characters long). Fix: ${NAME_FIX}\n` +
        '  - noncurrentVersionExpirationInDays = 0: must be a whole number from 1 to 36500. ' +
        'Fix: set noncurrentVersionExpirationInDays to a whole number from 1 to 36500\n' +
        '  - forceDestroy = true: conflicts with preventDestroy: true. Fix: set only one of them',
    );
  });

  it('names a missing bucket name (untyped callers)', () => {
    expect(errorOf(() => build({ bucketName: undefined }))).toBe(
      oneProblem('bucketName = undefined: is required. Fix: pass bucketName, a string'),
    );
  });

  it.each<[string, Partial<SecureBucketProps>]>([
    ['an unversioned bucket without a noncurrent expiry', { versioned: false }],
    ['a bucket name of 3 characters', { bucketName: 'abc' }],
    ['a bucket name of 63 characters', { bucketName: 'a'.repeat(63) }],
    ['preventDestroy without forceDestroy', { preventDestroy: true, forceDestroy: false }],
    ['forceDestroy without preventDestroy', { preventDestroy: false, forceDestroy: true }],
    [
      'a companion log bucket with its own name',
      { accessLogging: { createLogBucket: true, logBucketName: 'other-logs' } },
    ],
    ['a log target that is another bucket', { accessLogging: { targetBucket: 'other-logs' } }],
  ])('accepts %s', (_name, props) => {
    expect(() => build(props)).not.toThrow();
  });
});
