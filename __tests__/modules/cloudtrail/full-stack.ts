import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Trail } from '../../../modules/cloudtrail';
import { FullStack } from '../../support/full-stack';

const ACCOUNT = '111122223333';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

/**
 * A trail with everything on (created key and bucket, Glacier transition and expiry, S3 data
 * events, Insights, CloudWatch Logs, SNS deliveries), and a variant with a given key, an existing
 * access-log bucket and no CloudWatch Logs.
 */
function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'cloudtrail');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new Trail(stack, 'trail', {
    trailName: 'audit',
    accountId: ACCOUNT,
    region: 'us-east-1',
    s3KeyPrefix: 'cloudtrail',
    glacierTransitionAfterDays: 90,
    logExpirationInDays: 400,
    s3DataEventBucketArns: ['arn:aws:s3:::models-bucket'],
    s3DataEventReadWriteType: 'WriteOnly',
    insightTypes: ['ApiCallRateInsight', 'ApiErrorRateInsight'],
    snsTopicName: 'cloudtrail-deliveries',
  });
  new Trail(stack, 'lean-trail', {
    trailName: 'lean',
    accountId: ACCOUNT,
    region: 'us-east-1',
    kmsKeyArn: KEY,
    cloudWatchLogs: false,
    multiRegion: false,
    preventDestroy: false,
    accessLogging: { targetBucketName: 'existing-access-logs', targetPrefix: 'lean/' },
  });
  return stack;
}

export const fullStack: FullStack = {
  name: 'cloudtrail',
  description: 'two trails: everything on, and a given key, an existing log bucket, no CloudWatch Logs',
  build,
  expectations: {
    'plans two trails, both validating log files with a KMS key': (plan) => {
      const trails = plan
        .afterOf('aws_cloudtrail')
        .sort((a, b) => String(a.name).localeCompare(String(b.name)));
      expect(trails).toEqual([
        expect.objectContaining({
          name: 'audit',
          enable_log_file_validation: true,
          is_multi_region_trail: true,
        }),
        expect.objectContaining({ name: 'lean', enable_log_file_validation: true, kms_key_id: KEY }),
      ]);
    },
  },
};
