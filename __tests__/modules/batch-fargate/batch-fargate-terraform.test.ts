import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { FargateJobQueue } from '../../../modules/batch-fargate';
import { Role } from '../../../modules/iam';
import { AlarmTopic, BatchJobAlarms } from '../../../modules/monitoring';
import { describeWithTerraform } from '../../support/terraform-gate';
import { terraformValidate } from '../../support/terraform-validate';

/**
 * A Fargate Spot queue with every option on (secrets, environment, extra egress, custom retry
 * conditions, KMS-encrypted logs, failure notifications with the topic policy they need, grants)
 * and its alarms passes the real AWS provider's `terraform validate`.
 */
describeWithTerraform('batch-fargate module against the AWS provider', () => {
  const stack = new TerraformStack(Testing.app(), 'batch');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const failures = new SnsTopic(stack, 'failures', { name: 'grader-failures' });
  const queue = new FargateJobQueue(stack, 'grader', {
    name: 'grader',
    vpcId: 'vpc-0123456789abcdef0',
    subnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
    spot: true,
    maxVcpus: 16,
    egress: [
      { port: 443, description: 'HTTPS', destination: { cidrs: ['0.0.0.0/0'] } },
      { port: 5432, description: 'Postgres', destination: { cidrs: ['10.0.0.0/16'] } },
    ],
    job: {
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/grader:1.4.2',
      command: ['python', '-m', 'grader'],
      environment: { MODE: 'batch' },
      secrets: {
        DB_PASSWORD: {
          secretsManagerArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
          jsonKey: 'password',
        },
      },
      vcpu: 2,
      memoryInMiB: 4096,
      writablePaths: ['/tmp', '/app/cache'],
      ephemeralStorageInGiB: 30,
    },
    timeoutInSeconds: 900,
    retryAttempts: 3,
    retryConditions: [
      { action: 'RETRY', onStatusReason: 'Your Spot Task was interrupted*' },
      { action: 'EXIT', onExitCode: '*' },
    ],
    logRetentionInDays: 90,
    logKmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    failureTopicArn: failures.arn,
    permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/boundary',
    tags: { Team: 'ml' },
  });
  const topicPolicy = new DataAwsIamPolicyDocument(stack, 'failures-policy', {
    statement: [queue.topicPolicyStatement()],
  });
  new SnsTopicPolicy(stack, 'failures-topic-policy', { arn: failures.arn, policy: topicPolicy.json });
  const api = new Role(stack, 'api', { name: 'grader-api', assumedBy: ['ecs-tasks.amazonaws.com'] });
  queue.grantSubmitJob(api);
  queue.grantReadJobs(api);
  const alarms = new AlarmTopic(stack, 'alarm-topic', {
    topicName: 'grader-alarms',
    emails: ['oncall@example.com'],
  });
  new BatchJobAlarms(stack, 'alarms', {
    name: 'grader',
    failureRuleName: queue.failureRule?.name ?? '',
    topicArn: alarms.topicArn,
    failedJobsThreshold: 5,
  });

  it('init and validate succeed without warnings', () => {
    expect(terraformValidate(stack, 'batch-fargate')).toEqual({
      init: { status: 0, output: '' },
      valid: true,
      warnings: 0,
      diagnostics: [],
    });
  });
});
