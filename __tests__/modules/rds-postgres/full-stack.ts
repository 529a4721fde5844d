import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { PostgresInstance } from '../../../modules/rds-postgres';
import { RdsInstanceAlarms } from '../../../modules/monitoring';
import { SecurityGroup } from '../../../modules/security-group';
import { Role } from '../../../modules/iam';
import { FullStack } from '../../support/full-stack';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const VPC = 'vpc-0123456789abcdef0';

/**
 * PostgresInstance with every feature on (customer managed keys everywhere, Multi-AZ, provisioned
 * gp3, a cron rotation window, every log export, extra parameters, a client security group, IAM
 * grants) and its alarms: no data source or argument needs AWS before apply.
 */
export function buildRdsFullStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'rds-postgres');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const db = new PostgresInstance(stack, 'db', {
    identifier: 'modelreg-prod',
    vpcId: VPC,
    subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1', 'subnet-0123456789abcdef2'],
    availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    engineVersion: '17',
    instanceClass: 'db.m7g.large',
    allocatedStorageInGiB: 400,
    maxAllocatedStorageInGiB: 1000,
    storageIops: 12000,
    storageThroughputInMiBps: 500,
    storageKmsKeyArn: KEY,
    masterUserSecretKmsKeyArn: KEY,
    masterPasswordRotation: { scheduleExpression: 'cron(0 3 ? * SUN *)', windowInHours: 2 },
    databaseName: 'model_registry',
    multiAz: true,
    backupRetentionInDays: 14,
    performanceInsightsRetentionInDays: 465 + 31 - (465 % 31),
    databaseInsightsMode: 'advanced',
    enhancedMonitoringIntervalInSeconds: 15,
    logExports: ['postgresql', 'upgrade', 'iam-db-auth-error'],
    logRetentionInDays: 90,
    logKmsKeyArn: KEY,
    logMinDurationStatementInMs: 500,
    parameters: { work_mem: '65536', ssl_min_protocol_version: 'TLSv1.3' },
    tags: { Service: 'model-registry' },
  });
  const api = new SecurityGroup(stack, 'api-sg', { name: 'modelreg-prod-api', vpcId: VPC });
  db.allowFrom(api);
  const task = new Role(stack, 'task', {
    name: 'modelreg-prod-task',
    assumedBy: ['ecs-tasks.amazonaws.com'],
  });
  db.grantConnect(task, 'registry_app');
  db.grantMasterSecretRead(task);
  new RdsInstanceAlarms(stack, 'db-alarms', {
    instance: db,
    topicArn: 'arn:aws:sns:us-east-1:111122223333:modelreg-prod-alarms',
    thresholds: { readLatencyInMs: 20, writeLatencyInMs: 50 },
  });

  return stack;
}

export const fullStack: FullStack = {
  name: 'rds-postgres',
  description: 'Multi-AZ PostgreSQL with customer keys, gp3 IOPS, rotation, log exports, grants, alarms',
  build: buildRdsFullStack,
  expectations: {
    'plans the instance with a managed password and no password attribute': (plan) => {
      expect(plan.afterOf('aws_db_instance')).toEqual([
        expect.objectContaining({
          manage_master_user_password: true,
          password: null,
          publicly_accessible: false,
          storage_encrypted: true,
          multi_az: true,
          iops: 12000,
        }),
      ]);
    },
  },
};
