import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ModelMonitoringBucket } from '../../../stacks/mlmon/storage/model-monitoring-bucket';
import { ContainerLogGroups } from '../../../stacks/mlmon/monitoring/container-log-groups';
import { Monitoring } from '../../../stacks/mlmon/monitoring/monitoring';
import { FullStack } from '../../support/full-stack';

/**
 * The mlmon bucket and alarm set with every feature on (SSE-KMS, created log bucket, cross-region
 * replication with KMS, container log groups, instance and Auto Scaling group monitoring). The
 * random suffix is left out: the provider mirror carries no hashicorp/random.
 */
function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'mlmon');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const replica = new AwsProvider(stack, 'aws-replica', { alias: 'replica', region: 'eu-west-1' });
  new ModelMonitoringBucket(stack, 'storage', {
    bucketName: 'mlmon-test-us-east-1',
    kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    accessLogging: { createLogBucket: true },
    replication: {
      destinationRegion: 'eu-west-1',
      provider: replica,
      destinationKmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/9999abcd-12ab-34cd-56ef-1234567890ab',
      replicationTimeControl: true,
    },
  });
  const logGroups = new ContainerLogGroups(stack, 'logs', { prefix: '/mlmon/test' });
  new Monitoring(stack, 'instance', {
    name: 'mlmon-test',
    region: 'us-east-1',
    alarmEmails: ['oncall@example.com'],
    target: { instanceId: 'i-0123456789abcdef0' },
    logGroups,
  });
  new Monitoring(stack, 'group', {
    name: 'mlmon-test-asg',
    region: 'us-east-1',
    alarmEmails: [],
    target: { autoScalingGroupName: 'mlmon-test-app' },
  });

  return stack;
}

export const fullStack: FullStack = {
  name: 'mlmon',
  description: 'mlmon bucket (KMS, log bucket, replication) and alarm set for an instance and a group',
  build,
  expectations: {
    'keeps the day-0 Intelligent-Tiering transition': (plan) => {
      const lifecycle = plan
        .afterOf('aws_s3_bucket_lifecycle_configuration')
        .find((c) => JSON.stringify(c).includes('data-intelligent-tiering'));
      const rules = (lifecycle as { rule: { id: string; transition: unknown[] }[] }).rule;
      expect(rules.find((r) => r.id === 'data-intelligent-tiering')?.transition).toEqual([
        expect.objectContaining({ days: 0, storage_class: 'INTELLIGENT_TIERING' }),
      ]);
    },
    'plans the replica bucket with the eu-west-1 provider alias': (plan) => {
      const replica = plan
        .ofType('aws_s3_bucket')
        .find((c) => (c.change.after as { bucket?: string }).bucket === 'mlmon-test-us-east-1-replica');
      expect(plan.providerOf(replica?.address ?? '(no replica bucket)')).toEqual({
        key: 'aws.replica',
        region: 'eu-west-1',
      });
    },
    'plans thirteen alarms across the two deployments': (plan) => {
      expect(plan.ofType('aws_cloudwatch_metric_alarm')).toHaveLength(13);
    },
  },
};
