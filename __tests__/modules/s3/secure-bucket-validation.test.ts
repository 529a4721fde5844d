import { TerraformStack, Testing } from 'cdktf';
import { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { SecureBucket, SecureBucketProps } from '../../../modules/s3';
import { errorOf } from '../../support/synth-json';

function build(props: Partial<SecureBucketProps>) {
  const stack = new TerraformStack(Testing.app(), 'test');
  return new SecureBucket(stack, 'b', { bucketName: 'example-bucket', ...props });
}
const rule = (r: Partial<S3BucketLifecycleConfigurationRule>): S3BucketLifecycleConfigurationRule => ({
  id: 'r',
  status: 'Enabled',
  filter: [{}],
  ...r,
});

describe('SecureBucket kmsKeyArn', () => {
  it.each([
    ['garbage'],
    ['alias/my-key'],
    ['arn:aws:kms:us-east-1:123456789012:alias/my-key'],
    ['arn:aws:kms:us-east-1:12345:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
  ])('refuses %j', (arn) => {
    expect(errorOf(() => build({ kmsKeyArn: arn }))).toBe(
      'Invalid input for test/b (1 problem):\n' +
        `  - kmsKeyArn = ${JSON.stringify(arn)}: is not a KMS key ARN. Fix: pass "arn:aws:kms:<region>:<account>:key/<key-id>" ` +
        '(e.g. a KmsKey arn); aliases do not work in the grants',
    );
  });
  it.each([
    ['arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab'],
  ])('accepts %j', (arn) => {
    expect(() => build({ kmsKeyArn: arn })).not.toThrow();
  });
});

describe('SecureBucket lifecycleRules', () => {
  it.each<[string, S3BucketLifecycleConfigurationRule[], string]>([
    [
      'a negative expiration',
      [rule({ expiration: [{ days: -1 }] })],
      'lifecycleRules[0].expiration[0].days = -1: must be a whole number of days from 1 to 36500',
    ],
    [
      'a fractional transition',
      [rule({ transition: [{ days: 30.5, storageClass: 'GLACIER' }] })],
      'lifecycleRules[0].transition[0].days = 30.5: must be a whole number of days from 0 to 36500',
    ],
    [
      'a transition after the expiration',
      [rule({ transition: [{ days: 60, storageClass: 'GLACIER' }], expiration: [{ days: 30 }] })],
      'lifecycleRules[0].expiration[0].days = 30: expires objects before or when they are moved to GLACIER on day 60',
    ],
    [
      "an expiration inside GLACIER's 90-day minimum",
      [rule({ transition: [{ days: 30, storageClass: 'GLACIER' }], expiration: [{ days: 60 }] })],
      'lifecycleRules[0].expiration[0].days = 60: expires objects too soon after they are moved to GLACIER on day 30 (minimum storage duration 90 days). Fix: expire on day 120 or later',
    ],
    [
      'STANDARD_IA before day 30',
      [rule({ transition: [{ days: 7, storageClass: 'STANDARD_IA' }] })],
      'lifecycleRules[0].transition[0].days = 7: is earlier than S3 allows for STANDARD_IA (30 days after creation)',
    ],
    [
      'leaving STANDARD_IA within 30 days',
      [
        rule({
          transition: [
            { days: 30, storageClass: 'STANDARD_IA' },
            { days: 45, storageClass: 'GLACIER' },
          ],
        }),
      ],
      'lifecycleRules[0].transition[1].days = 45: leaves STANDARD_IA (entered on day 30) before its minimum storage duration of 30 days. Fix: transition on day 60 or later',
    ],
    [
      'an unknown storage class',
      [rule({ transition: [{ days: 30, storageClass: 'COLD' }] })],
      'lifecycleRules[0].transition[0].storageClass = "COLD": is not a storage class a lifecycle rule can transition to',
    ],
    [
      "a noncurrent expiration inside DEEP_ARCHIVE's minimum",
      [
        rule({
          noncurrentVersionTransition: [{ noncurrentDays: 1, storageClass: 'DEEP_ARCHIVE' }],
          noncurrentVersionExpiration: [{ noncurrentDays: 100 }],
        }),
      ],
      'lifecycleRules[0].noncurrentVersionExpiration[0].noncurrentDays = 100: expires objects too soon after they are moved to DEEP_ARCHIVE on day 1 (minimum storage duration 180 days)',
    ],
    [
      'two rules with one id',
      [rule({ id: 'x' }), rule({ id: 'x' })],
      'lifecycleRules[1].id = "x": is used by another rule',
    ],
    [
      'the id of a built-in rule',
      [rule({ id: 'expire-noncurrent-versions' })],
      'lifecycleRules[0].id = "expire-noncurrent-versions": is the id of a rule the bucket adds itself',
    ],
    [
      'a bad status',
      [rule({ status: 'On' })],
      'lifecycleRules[0].status = "On": must be "Enabled" or "Disabled"',
    ],
  ])('refuses %s', (_name, lifecycleRules, message) => {
    expect(errorOf(() => build({ lifecycleRules }))).toContain(message);
  });

  it.each<[string, S3BucketLifecycleConfigurationRule[]]>([
    [
      'IA on day 30, Glacier on day 60, expiry on day 150',
      [
        rule({
          transition: [
            { days: 30, storageClass: 'STANDARD_IA' },
            { days: 60, storageClass: 'GLACIER' },
          ],
          expiration: [{ days: 150 }],
        }),
      ],
    ],
    [
      'Glacier IR on day 0 and expiry on day 90',
      [rule({ transition: [{ days: 0, storageClass: 'GLACIER_IR' }], expiration: [{ days: 90 }] })],
    ],
    ['an expiry alone on day 1', [rule({ expiration: [{ days: 1 }] })]],
    [
      'Intelligent-Tiering then expiry the next day',
      [rule({ transition: [{ days: 0, storageClass: 'INTELLIGENT_TIERING' }], expiration: [{ days: 1 }] })],
    ],
  ])('accepts %s', (_name, lifecycleRules) => {
    expect(() => build({ lifecycleRules })).not.toThrow();
  });
});
