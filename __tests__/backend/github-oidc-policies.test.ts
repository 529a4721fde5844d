import { TerraformStack, Testing } from 'cdktf';
import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import {
  DEPLOY_WILDCARD_REASON,
  deployPolicyGroups,
  deployStatements,
  GithubOidcRoles,
  GithubOidcRolesProps,
  PolicyScope,
  protectBootstrapStatements,
  stateDeployStatements,
  statePlanStatements,
} from '../../backend/github-oidc';
import { lazy } from '../support/lazy';

// Every statement of the CI roles compared whole, so that a changed action, resource, sid or
// condition anywhere in them shows as a failing row.

const BUCKET_ARN = 'arn:aws:s3:::mlmon-terraform-state';
const TABLE_ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/mlmon-terraform-locks';
const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

const SCOPE: PolicyScope = {
  partition: 'aws',
  projectPrefix: 'mlmon',
  namePrefixes: ['mlmon', 'mlcicd'],
  stateBucketArn: BUCKET_ARN,
  lockTableArn: TABLE_ARN,
  stateKeyPrefix: '',
  bucketNamePatterns: ['mlmon-*'],
  regions: ['eu-west-1'],
  protectedRoleNames: ['mlmon-github-plan', 'mlmon-github-deploy'],
  protectedPolicyPrefix: 'mlmon-github-',
};

type Condition = Pick<DataAwsIamPolicyDocumentStatement, 'condition'>;
const inRegions = (...values: string[]): Condition => ({
  condition: [{ test: 'StringEquals', variable: 'aws:RequestedRegion', values }],
});

/**
 * The deploy role's service statements for the name prefixes `mlmon` and `mlcicd` and the bucket
 * pattern `mlmon-*`, in partition `p`; `regional` and `edge` are the region conditions of the
 * regional services and of those with a CloudFront side.
 */
function expectedGroups(p: string, regional: Condition, edge: Condition) {
  return {
    network: [
      {
        sid: 'ComputeAndNetwork',
        effect: 'Allow',
        actions: ['ec2:*', 'autoscaling:*'],
        resources: ['*'],
        ...regional,
      },
      {
        sid: 'LoadBalancers',
        effect: 'Allow',
        actions: ['elasticloadbalancing:*'],
        resources: [
          `arn:${p}:elasticloadbalancing:*:*:*/mlmon-*`,
          `arn:${p}:elasticloadbalancing:*:*:*/mlcicd-*`,
        ],
        ...regional,
      },
      {
        sid: 'LoadBalancerDiscovery',
        effect: 'Allow',
        actions: ['elasticloadbalancing:Describe*'],
        resources: ['*'],
      },
      {
        sid: 'Certificates',
        effect: 'Allow',
        actions: [
          'acm:AddTagsToCertificate',
          'acm:DeleteCertificate',
          'acm:DescribeCertificate',
          'acm:GetCertificate',
          'acm:ListCertificates',
          'acm:ListTagsForCertificate',
          'acm:RemoveTagsFromCertificate',
          'acm:RequestCertificate',
          'acm:UpdateCertificateOptions',
        ],
        resources: ['*'],
        ...edge,
      },
      {
        sid: 'DnsRecords',
        effect: 'Allow',
        actions: [
          'route53:ChangeResourceRecordSets',
          'route53:GetChange',
          'route53:GetHostedZone',
          'route53:ListResourceRecordSets',
          'route53:ListTagsForResource',
        ],
        resources: [`arn:${p}:route53:::hostedzone/*`, `arn:${p}:route53:::change/*`],
      },
      { sid: 'Cdn', effect: 'Allow', actions: ['cloudfront:*'], resources: ['*'] },
      {
        sid: 'WebAcls',
        effect: 'Allow',
        actions: ['wafv2:*'],
        resources: [
          `arn:${p}:wafv2:*:*:*/webacl/mlmon-*/*`,
          `arn:${p}:wafv2:*:*:*/ipset/mlmon-*/*`,
          `arn:${p}:wafv2:*:*:*/rulegroup/mlmon-*/*`,
          `arn:${p}:elasticloadbalancing:*:*:loadbalancer/app/mlmon-*/*`,
          `arn:${p}:wafv2:*:*:*/webacl/mlcicd-*/*`,
          `arn:${p}:wafv2:*:*:*/ipset/mlcicd-*/*`,
          `arn:${p}:wafv2:*:*:*/rulegroup/mlcicd-*/*`,
          `arn:${p}:elasticloadbalancing:*:*:loadbalancer/app/mlcicd-*/*`,
          `arn:${p}:wafv2:*:*:*/managedruleset/*/*`,
        ],
        ...edge,
      },
    ],
    compute: [
      {
        sid: 'Containers',
        effect: 'Allow',
        actions: ['ecs:*'],
        resources: [`arn:${p}:ecs:*:*:*/mlmon-*`, `arn:${p}:ecs:*:*:*/mlcicd-*`],
        ...regional,
      },
      {
        sid: 'ServiceDiscovery',
        effect: 'Allow',
        actions: ['servicediscovery:*'],
        resources: ['*'],
        ...regional,
      },
      {
        sid: 'ServiceDiscoveryZones',
        effect: 'Allow',
        actions: [
          'route53:AssociateVPCWithHostedZone',
          'route53:CreateHostedZone',
          'route53:DeleteHostedZone',
          'route53:DisassociateVPCFromHostedZone',
          'route53:GetHostedZone',
          'route53:UpdateHostedZoneComment',
        ],
        resources: [`arn:${p}:route53:::hostedzone/*`],
      },
      {
        sid: 'ContainerTaskDefinitions',
        effect: 'Allow',
        actions: [
          'ecs:DeregisterTaskDefinition',
          'ecs:DescribeTaskDefinition',
          'ecs:ListTaskDefinitions',
          'ecs:RegisterTaskDefinition',
        ],
        resources: ['*'],
        ...regional,
      },
      {
        sid: 'Images',
        effect: 'Allow',
        actions: ['ecr:*'],
        resources: [
          `arn:${p}:ecr:*:*:repository/mlmon-*`,
          `arn:${p}:ecr:*:*:repository/mlmon/*`,
          `arn:${p}:ecr:*:*:repository/mlcicd-*`,
          `arn:${p}:ecr:*:*:repository/mlcicd/*`,
        ],
        ...regional,
      },
      {
        sid: 'ImageRegistryLogin',
        effect: 'Allow',
        actions: ['ecr:GetAuthorizationToken'],
        resources: ['*'],
        ...regional,
      },
      {
        sid: 'BatchQueues',
        effect: 'Allow',
        actions: ['batch:*'],
        resources: [`arn:${p}:batch:*:*:*/mlmon-*`, `arn:${p}:batch:*:*:*/mlcicd-*`],
        ...regional,
      },
      {
        sid: 'FunctionsRulesSchedules',
        effect: 'Allow',
        actions: ['lambda:*', 'events:*', 'scheduler:*'],
        resources: [
          `arn:${p}:lambda:*:*:*:mlmon-*`,
          `arn:${p}:events:*:*:rule/mlmon-*`,
          `arn:${p}:scheduler:*:*:schedule/*/mlmon-*`,
          `arn:${p}:scheduler:*:*:schedule-group/mlmon-*`,
          `arn:${p}:lambda:*:*:*:mlcicd-*`,
          `arn:${p}:events:*:*:rule/mlcicd-*`,
          `arn:${p}:scheduler:*:*:schedule/*/mlcicd-*`,
          `arn:${p}:scheduler:*:*:schedule-group/mlcicd-*`,
        ],
        ...regional,
      },
      {
        sid: 'GeneratedIdServices',
        effect: 'Allow',
        actions: [
          'apigateway:*',
          'application-autoscaling:*',
          'lambda:CreateEventSourceMapping',
          'lambda:DeleteEventSourceMapping',
          'lambda:GetEventSourceMapping',
          'lambda:UpdateEventSourceMapping',
        ],
        resources: ['*'],
        ...regional,
      },
    ],
    data: [
      {
        sid: 'ProjectBuckets',
        effect: 'Allow',
        actions: ['s3:*'],
        resources: [`arn:${p}:s3:::mlmon-*`, `arn:${p}:s3:::mlmon-*/*`],
      },
      {
        sid: 'DataStores',
        effect: 'Allow',
        actions: ['rds:*', 'dynamodb:*', 'sqs:*', 'elasticache:*', 'es:*', 'backup:*'],
        resources: [
          `arn:${p}:rds:*:*:*:mlmon-*`,
          `arn:${p}:dynamodb:*:*:table/mlmon-*`,
          `arn:${p}:sqs:*:*:mlmon-*`,
          `arn:${p}:elasticache:*:*:*:mlmon-*`,
          `arn:${p}:es:*:*:domain/mlmon-*`,
          `arn:${p}:backup:*:*:backup-vault:mlmon-*`,
          `arn:${p}:rds:*:*:*:mlcicd-*`,
          `arn:${p}:dynamodb:*:*:table/mlcicd-*`,
          `arn:${p}:sqs:*:*:mlcicd-*`,
          `arn:${p}:elasticache:*:*:*:mlcicd-*`,
          `arn:${p}:es:*:*:domain/mlcicd-*`,
          `arn:${p}:backup:*:*:backup-vault:mlcicd-*`,
        ],
        ...regional,
      },
      {
        sid: 'BackupPlans',
        effect: 'Allow',
        actions: [
          'backup:CreateBackupPlan',
          'backup:CreateBackupSelection',
          'backup:DeleteBackupPlan',
          'backup:DeleteBackupSelection',
          'backup:GetBackupPlan',
          'backup:GetBackupSelection',
          'backup:ListTags',
          'backup:TagResource',
          'backup:UntagResource',
          'backup:UpdateBackupPlan',
        ],
        resources: [`arn:${p}:backup:*:*:backup-plan:*`],
        ...regional,
      },
      {
        sid: 'BackupVaultStorage',
        effect: 'Allow',
        actions: ['backup-storage:MountCapsule'],
        resources: ['*'],
        ...regional,
      },
      {
        sid: 'Secrets',
        effect: 'Allow',
        actions: ['secretsmanager:*'],
        resources: [
          `arn:${p}:secretsmanager:*:*:secret:mlmon-*`,
          `arn:${p}:secretsmanager:*:*:secret:mlmon/*`,
          `arn:${p}:secretsmanager:*:*:secret:mlcicd-*`,
          `arn:${p}:secretsmanager:*:*:secret:mlcicd/*`,
          `arn:${p}:secretsmanager:*:*:secret:rds!*`,
        ],
        ...regional,
      },
      {
        sid: 'GeneratedPasswords',
        effect: 'Allow',
        actions: ['secretsmanager:GetRandomPassword'],
        resources: ['*'],
        ...regional,
      },
      {
        sid: 'Keys',
        effect: 'Allow',
        actions: [
          'kms:CreateAlias',
          'kms:CreateKey',
          'kms:DeleteAlias',
          'kms:DescribeKey',
          'kms:EnableKeyRotation',
          'kms:GetKeyPolicy',
          'kms:GetKeyRotationStatus',
          'kms:ListResourceTags',
          'kms:PutKeyPolicy',
          'kms:ScheduleKeyDeletion',
          'kms:TagResource',
          'kms:UntagResource',
          'kms:UpdateAlias',
          'kms:UpdateKeyDescription',
        ],
        resources: [
          `arn:${p}:kms:*:*:key/*`,
          `arn:${p}:kms:*:*:alias/mlmon-*`,
          `arn:${p}:kms:*:*:alias/mlcicd-*`,
        ],
        ...edge,
      },
      {
        sid: 'KeyGrantsForAwsServices',
        effect: 'Allow',
        actions: ['kms:CreateGrant'],
        resources: [`arn:${p}:kms:*:*:key/*`],
        condition: [{ test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] }],
      },
      {
        sid: 'ProjectParameters',
        effect: 'Allow',
        actions: [
          'ssm:AddTagsToResource',
          'ssm:DeleteParameter',
          'ssm:GetParameter',
          'ssm:GetParameters',
          'ssm:ListTagsForResource',
          'ssm:PutParameter',
          'ssm:RemoveTagsFromResource',
        ],
        resources: [`arn:${p}:ssm:*:*:parameter/mlmon/*`, `arn:${p}:ssm:*:*:parameter/mlcicd/*`],
        ...regional,
      },
      {
        sid: 'PublicImageParameters',
        effect: 'Allow',
        actions: ['ssm:GetParameter', 'ssm:GetParameters'],
        resources: [`arn:${p}:ssm:*::parameter/aws/service/*`],
      },
    ],
    platform: [
      {
        sid: 'ProjectRoles',
        effect: 'Allow',
        actions: [
          'iam:AddRoleToInstanceProfile',
          'iam:AttachRolePolicy',
          'iam:CreateInstanceProfile',
          'iam:CreatePolicy',
          'iam:CreatePolicyVersion',
          'iam:CreateRole',
          'iam:DeleteInstanceProfile',
          'iam:DeletePolicy',
          'iam:DeletePolicyVersion',
          'iam:DeleteRole',
          'iam:DeleteRolePolicy',
          'iam:DetachRolePolicy',
          'iam:PutRolePolicy',
          'iam:RemoveRoleFromInstanceProfile',
          'iam:TagInstanceProfile',
          'iam:TagPolicy',
          'iam:TagRole',
          'iam:UntagInstanceProfile',
          'iam:UntagPolicy',
          'iam:UntagRole',
          'iam:UpdateAssumeRolePolicy',
          'iam:UpdateRole',
          'iam:UpdateRoleDescription',
        ],
        resources: [
          `arn:${p}:iam::*:role/mlmon-*`,
          `arn:${p}:iam::*:instance-profile/mlmon-*`,
          `arn:${p}:iam::*:policy/mlmon-*`,
          `arn:${p}:iam::*:role/mlcicd-*`,
          `arn:${p}:iam::*:instance-profile/mlcicd-*`,
          `arn:${p}:iam::*:policy/mlcicd-*`,
        ],
      },
      {
        sid: 'PassProjectRoles',
        effect: 'Allow',
        actions: ['iam:PassRole'],
        resources: [`arn:${p}:iam::*:role/mlmon-*`, `arn:${p}:iam::*:role/mlcicd-*`],
        condition: [
          {
            test: 'StringEquals',
            variable: 'iam:PassedToService',
            values: [
              'ec2.amazonaws.com',
              'vpc-flow-logs.amazonaws.com',
              's3.amazonaws.com',
              'cloudtrail.amazonaws.com',
              'ecs-tasks.amazonaws.com',
              'batch.amazonaws.com',
              'lambda.amazonaws.com',
              'scheduler.amazonaws.com',
              'events.amazonaws.com',
              'monitoring.rds.amazonaws.com',
              'backup.amazonaws.com',
              'apigateway.amazonaws.com',
              'sagemaker.amazonaws.com',
              'bedrock.amazonaws.com',
            ],
          },
        ],
      },
      {
        sid: 'ServiceLinkedRoles',
        effect: 'Allow',
        actions: ['iam:CreateServiceLinkedRole'],
        resources: [`arn:${p}:iam::*:role/aws-service-role/*`],
        condition: [
          {
            test: 'StringEquals',
            variable: 'iam:AWSServiceName',
            values: [
              'autoscaling.amazonaws.com',
              'ecs.amazonaws.com',
              'ecs.application-autoscaling.amazonaws.com',
              'dynamodb.application-autoscaling.amazonaws.com',
              'elasticloadbalancing.amazonaws.com',
              'rds.amazonaws.com',
              'batch.amazonaws.com',
              'elasticache.amazonaws.com',
              'opensearchservice.amazonaws.com',
              'backup.amazonaws.com',
            ],
          },
        ],
      },
      {
        sid: 'ProjectLogGroups',
        effect: 'Allow',
        actions: ['logs:*'],
        resources: [
          `arn:${p}:logs:*:*:log-group:/mlmon/*`,
          `arn:${p}:logs:*:*:log-group:*/mlmon-*`,
          `arn:${p}:logs:*:*:log-group:aws-waf-logs-mlmon-*`,
          `arn:${p}:logs:*:*:delivery-source:mlmon-*`,
          `arn:${p}:logs:*:*:delivery-destination:mlmon-*`,
          `arn:${p}:logs:*:*:log-group:/mlcicd/*`,
          `arn:${p}:logs:*:*:log-group:*/mlcicd-*`,
          `arn:${p}:logs:*:*:log-group:aws-waf-logs-mlcicd-*`,
          `arn:${p}:logs:*:*:delivery-source:mlcicd-*`,
          `arn:${p}:logs:*:*:delivery-destination:mlcicd-*`,
          `arn:${p}:logs:*:*:log-group:/aws/bedrock/*`,
        ],
        ...edge,
      },
      {
        sid: 'LogDeliveries',
        effect: 'Allow',
        actions: [
          'logs:CreateDelivery',
          'logs:CreateLogDelivery',
          'logs:DeleteDelivery',
          'logs:DeleteLogDelivery',
          'logs:DeleteResourcePolicy',
          'logs:DescribeLogGroups',
          'logs:DescribeResourcePolicies',
          'logs:GetDelivery',
          'logs:GetLogDelivery',
          'logs:ListLogDeliveries',
          'logs:ListTagsForResource',
          'logs:PutResourcePolicy',
          'logs:UpdateLogDelivery',
        ],
        resources: ['*'],
        ...edge,
      },
      {
        sid: 'ProjectAlarmsTopicsDashboards',
        effect: 'Allow',
        actions: [
          'cloudwatch:DeleteAlarms',
          'cloudwatch:DeleteDashboards',
          'cloudwatch:DescribeAlarms',
          'cloudwatch:GetDashboard',
          'cloudwatch:ListTagsForResource',
          'cloudwatch:PutDashboard',
          'cloudwatch:PutMetricAlarm',
          'cloudwatch:TagResource',
          'cloudwatch:UntagResource',
          'sns:*',
        ],
        resources: [
          `arn:${p}:cloudwatch:*:*:alarm:mlmon-*`,
          `arn:${p}:cloudwatch::*:dashboard/mlmon-*`,
          `arn:${p}:sns:*:*:mlmon-*`,
          `arn:${p}:cloudwatch:*:*:alarm:mlcicd-*`,
          `arn:${p}:cloudwatch::*:dashboard/mlcicd-*`,
          `arn:${p}:sns:*:*:mlcicd-*`,
        ],
        ...edge,
      },
      {
        sid: 'ProjectTrails',
        effect: 'Allow',
        actions: ['cloudtrail:*'],
        resources: [`arn:${p}:cloudtrail:*:*:trail/mlmon-*`, `arn:${p}:cloudtrail:*:*:trail/mlcicd-*`],
        ...regional,
      },
      {
        sid: 'IdentityAndModelLogging',
        effect: 'Allow',
        actions: [
          'bedrock:DeleteModelInvocationLoggingConfiguration',
          'bedrock:GetModelInvocationLoggingConfiguration',
          'bedrock:PutModelInvocationLoggingConfiguration',
          'cognito-idp:*',
        ],
        resources: ['*'],
        ...regional,
      },
    ],
  };
}

describe('deployPolicyGroups: every statement, whole', () => {
  it('scopes each service to the name prefixes and the regions (plus us-east-1 for the CloudFront side)', () => {
    expect(deployPolicyGroups(SCOPE)).toEqual(
      expectedGroups('aws', inRegions('eu-west-1'), inRegions('eu-west-1', 'us-east-1')),
    );
  });

  it.each([
    ['unset', undefined],
    ['empty', []],
  ])('adds no region condition when regions is %s', (_what, regions) => {
    expect(deployPolicyGroups({ ...SCOPE, regions })).toEqual(expectedGroups('aws', {}, {}));
  });

  it('lists us-east-1 once when the regions include it', () => {
    expect(deployPolicyGroups({ ...SCOPE, regions: ['us-east-1', 'eu-west-1'] })).toEqual(
      expectedGroups('aws', inRegions('us-east-1', 'eu-west-1'), inRegions('us-east-1', 'eu-west-1')),
    );
  });

  it.each(['aws-us-gov', 'aws-cn'])(
    'uses the %s partition in every ARN and adds no us-east-1 outside the aws partition',
    (partition) => {
      expect(deployPolicyGroups({ ...SCOPE, partition, regions: ['eu-west-1'] })).toEqual(
        expectedGroups(partition, inRegions('eu-west-1'), inRegions('eu-west-1')),
      );
    },
  );

  it('deployStatements is every group in order: network, compute, data, platform', () => {
    const groups = expectedGroups('aws', {}, {});
    expect(deployStatements({ ...SCOPE, regions: undefined })).toEqual([
      ...groups.network,
      ...groups.compute,
      ...groups.data,
      ...groups.platform,
    ]);
  });
});

const PROTECT = [
  {
    sid: 'ProtectStateBucket',
    effect: 'Deny',
    actions: [
      's3:DeleteBucket',
      's3:DeleteBucketPolicy',
      's3:DeleteObjectVersion',
      's3:PutBucketAcl',
      's3:PutBucketOwnershipControls',
      's3:PutBucketPolicy',
      's3:PutBucketPublicAccessBlock',
      's3:PutBucketVersioning',
      's3:PutEncryptionConfiguration',
      's3:PutLifecycleConfiguration',
      's3:PutReplicationConfiguration',
      's3:PutBucketObjectLockConfiguration',
    ],
    resources: [BUCKET_ARN, `${BUCKET_ARN}/*`],
  },
  {
    sid: 'ProtectLockTable',
    effect: 'Deny',
    actions: [
      'dynamodb:DeleteTable',
      'dynamodb:UpdateTable',
      'dynamodb:UpdateContinuousBackups',
      'dynamodb:DeleteBackup',
    ],
    resources: [TABLE_ARN],
  },
  {
    sid: 'ProtectCiIdentities',
    effect: 'Deny',
    notActions: ['iam:Get*', 'iam:List*'],
    resources: [
      'arn:aws:iam::*:role/mlmon-github-plan',
      'arn:aws:iam::*:role/mlmon-github-deploy',
      'arn:aws:iam::*:policy/mlmon-github-*',
      'arn:aws:iam::*:oidc-provider/token.actions.githubusercontent.com',
    ],
  },
];

const LOCK_TABLE = {
  sid: 'StateLockTable',
  effect: 'Allow',
  actions: ['dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
  resources: [TABLE_ARN],
};
const LIST = { sid: 'StateList', effect: 'Allow', actions: ['s3:ListBucket'], resources: [BUCKET_ARN] };

const PLAN_STATE = [
  LIST,
  { sid: 'StateRead', effect: 'Allow', actions: ['s3:GetObject'], resources: [`${BUCKET_ARN}/*`] },
  {
    sid: 'StateLockFile',
    effect: 'Allow',
    actions: ['s3:PutObject', 's3:DeleteObject'],
    resources: [`${BUCKET_ARN}/*.tflock`],
  },
  LOCK_TABLE,
];
const DEPLOY_STATE = [
  LIST,
  {
    sid: 'StateReadWrite',
    effect: 'Allow',
    actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
    resources: [`${BUCKET_ARN}/*`],
  },
  LOCK_TABLE,
];

describe('state statements, whole', () => {
  it('plan role: list, read, the lock file and the lock table, no key without a state key', () => {
    expect(statePlanStatements(SCOPE)).toEqual(PLAN_STATE);
  });

  it('plan role under a key prefix with a state key: decrypt and describe only', () => {
    expect(statePlanStatements({ ...SCOPE, stateKeyPrefix: 'teams/ml/', stateKmsKeyArn: KEY_ARN })).toEqual([
      LIST,
      {
        sid: 'StateRead',
        effect: 'Allow',
        actions: ['s3:GetObject'],
        resources: [`${BUCKET_ARN}/teams/ml/*`],
      },
      {
        sid: 'StateLockFile',
        effect: 'Allow',
        actions: ['s3:PutObject', 's3:DeleteObject'],
        resources: [`${BUCKET_ARN}/teams/ml/*.tflock`],
      },
      LOCK_TABLE,
      { sid: 'StateKey', effect: 'Allow', actions: ['kms:Decrypt', 'kms:DescribeKey'], resources: [KEY_ARN] },
    ]);
  });

  it('deploy role: list, read and write, the lock table, no key without a state key', () => {
    expect(stateDeployStatements(SCOPE)).toEqual(DEPLOY_STATE);
  });

  it('deploy role under a key prefix with a state key: encrypt and decrypt', () => {
    expect(stateDeployStatements({ ...SCOPE, stateKeyPrefix: 'teams/ml/', stateKmsKeyArn: KEY_ARN })).toEqual(
      [
        LIST,
        {
          sid: 'StateReadWrite',
          effect: 'Allow',
          actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          resources: [`${BUCKET_ARN}/teams/ml/*`],
        },
        LOCK_TABLE,
        {
          sid: 'StateKey',
          effect: 'Allow',
          actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
          resources: [KEY_ARN],
        },
      ],
    );
  });

  it('denies changes to the state bucket, the lock table and the CI identities', () => {
    expect(protectBootstrapStatements(SCOPE)).toEqual(PROTECT);
  });
});

const REPO = 'acme/mlmon-infra';
const BASE: GithubOidcRolesProps = {
  repository: REPO,
  stateBucketArn: BUCKET_ARN,
  lockTableArn: TABLE_ARN,
  projectPrefix: 'mlmon',
};

interface Synth {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data: { aws_iam_policy_document: Record<string, { statement: Record<string, unknown>[] }> };
}

function synth(props: Partial<GithubOidcRolesProps> = {}): Synth {
  const stack = new TerraformStack(Testing.app(), 'bootstrap');
  new GithubOidcRoles(stack, 'github', { ...BASE, ...props });
  return JSON.parse(Testing.synth(stack)) as Synth;
}

/** The resources of one type, keyed by their `name` argument, with Terraform's logical ids cut to the construct id. */
function byName(s: Synth, type: string): Record<string, Record<string, unknown>> {
  const cut = (v: unknown): unknown =>
    typeof v === 'string' ? v.replace(/(github_[\w-]+?)_[0-9A-F]{8}\b/g, '$1') : v;
  return Object.fromEntries(
    Object.values(s.resource[type] ?? {}).map((r) => [
      String(r.name),
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, cut(v)])),
    ]),
  );
}

function document(s: Synth, id: string): Record<string, unknown>[] {
  const key = Object.keys(s.data.aws_iam_policy_document).find((k) => k.startsWith(`github_${id}_`));
  if (!key) throw new Error(`no policy document ${id}`);
  return s.data.aws_iam_policy_document[key].statement;
}

/** The trust statement of a role, as synthesized, for the given token subjects. */
const trust = (provider: string, subjects: string[]) => [
  {
    sid: 'GithubActionsOidc',
    effect: 'Allow',
    actions: ['sts:AssumeRoleWithWebIdentity'],
    principals: [{ type: 'Federated', identifiers: [provider] }],
    condition: [
      {
        test: 'StringEquals',
        variable: 'token.actions.githubusercontent.com:aud',
        values: ['sts.amazonaws.com'],
      },
      { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:sub', values: subjects },
    ],
  },
];
const CREATED_PROVIDER = '${aws_iam_openid_connect_provider.github_provider_BE3EB914.arn}';

describe('GithubOidcRoles: synthesized roles and policies, whole', () => {
  const tagged = lazy(() => synth({ tags: { Team: 'ml' } }));

  it('creates the two roles with their descriptions, session length, forced detach and tags', () => {
    expect(byName(tagged(), 'aws_iam_role')).toEqual({
      'mlmon-github-plan': {
        name: 'mlmon-github-plan',
        description: 'Terraform plans from GitHub Actions (read-only)',
        assume_role_policy: '${data.aws_iam_policy_document.github_plan-trust-policy.json}',
        max_session_duration: 3600,
        force_detach_policies: true,
        tags: { Name: 'mlmon-github-plan', Team: 'ml' },
      },
      'mlmon-github-deploy': {
        name: 'mlmon-github-deploy',
        description: 'Terraform deploys from GitHub Actions',
        assume_role_policy: '${data.aws_iam_policy_document.github_deploy-trust-policy.json}',
        max_session_duration: 3600,
        force_detach_policies: true,
        tags: { Name: 'mlmon-github-deploy', Team: 'ml' },
      },
    });
  });

  it('gives each role one inline policy named <role>-access', () => {
    expect(byName(tagged(), 'aws_iam_role_policy')).toEqual({
      'mlmon-github-plan-access': {
        name: 'mlmon-github-plan-access',
        role: '${aws_iam_role.github_plan-role.id}',
        policy: '${data.aws_iam_policy_document.github_plan-policy-document.json}',
      },
      'mlmon-github-deploy-access': {
        name: 'mlmon-github-deploy-access',
        role: '${aws_iam_role.github_deploy-role.id}',
        policy: '${data.aws_iam_policy_document.github_deploy-policy-document.json}',
      },
    });
  });

  it('creates one managed policy per service group, described and tagged with its name', () => {
    const expected = (group: string) => ({
      name: `mlmon-github-deploy-${group}`,
      description: `Terraform deploys from GitHub Actions: ${group} services of the environment stacks`,
      policy: `\${data.aws_iam_policy_document.github_deploy-${group}-policy-document.json}`,
      tags: { Name: `mlmon-github-deploy-${group}`, Team: 'ml' },
    });
    expect(byName(tagged(), 'aws_iam_policy')).toEqual({
      'mlmon-github-deploy-network': expected('network'),
      'mlmon-github-deploy-compute': expected('compute'),
      'mlmon-github-deploy-data': expected('data'),
      'mlmon-github-deploy-platform': expected('platform'),
    });
  });

  it('renders the inline policies: the state statements and the denies', () => {
    const s = tagged();
    const snake = (st: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(st).map(([k, v]) => [k === 'notActions' ? 'not_actions' : k, v]));
    expect(document(s, 'plan-policy-document')).toEqual([...PLAN_STATE, ...PROTECT].map(snake));
    expect(document(s, 'deploy-policy-document')).toEqual([...DEPLOY_STATE, ...PROTECT].map(snake));
  });

  it('creates the OIDC provider, tagged only when tags are given', () => {
    const provider = (s: Synth) => Object.values(s.resource.aws_iam_openid_connect_provider);
    expect(provider(tagged())).toEqual([
      {
        url: 'https://token.actions.githubusercontent.com',
        client_id_list: ['sts.amazonaws.com'],
        tags: { Team: 'ml' },
      },
    ]);
    expect(provider(synth())).toEqual([
      { url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] },
    ]);
  });

  it.each<[string, Partial<GithubOidcRolesProps>, string[], string[]]>([
    [
      'the defaults',
      {},
      [`repo:${REPO}:pull_request`, `repo:${REPO}:ref:refs/heads/main`],
      [`repo:${REPO}:environment:dev`, `repo:${REPO}:environment:staging`, `repo:${REPO}:environment:prod`],
    ],
    [
      'no pull requests, two plan branches, one environment and a deploy branch',
      {
        planFromPullRequests: false,
        planBranches: ['main', 'release'],
        deployEnvironments: ['prod'],
        deployBranches: ['release'],
      },
      [`repo:${REPO}:ref:refs/heads/main`, `repo:${REPO}:ref:refs/heads/release`],
      [`repo:${REPO}:environment:prod`, `repo:${REPO}:ref:refs/heads/release`],
    ],
    [
      'deploy branches only',
      { deployEnvironments: [], deployBranches: ['main'] },
      [`repo:${REPO}:pull_request`, `repo:${REPO}:ref:refs/heads/main`],
      [`repo:${REPO}:ref:refs/heads/main`],
    ],
  ])('trusts exactly these subjects with %s', (_what, props, plan, deploy) => {
    const s = synth(props);
    expect(document(s, 'plan-trust-policy')).toEqual(trust(CREATED_PROVIDER, plan));
    expect(document(s, 'deploy-trust-policy')).toEqual(trust(CREATED_PROVIDER, deploy));
  });

  it('trusts an existing provider by its ARN', () => {
    const arn = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    const s = synth({ createOidcProvider: false, oidcProviderArn: arn });
    expect(s.resource.aws_iam_openid_connect_provider).toBeUndefined();
    expect(document(s, 'deploy-trust-policy')).toEqual(
      trust(arn, [
        `repo:${REPO}:environment:dev`,
        `repo:${REPO}:environment:staging`,
        `repo:${REPO}:environment:prod`,
      ]),
    );
  });
});

describe('the reason on the deploy policies that write on "*"', () => {
  it('says why no ARN can name the resources and what still bounds the role', () => {
    expect(DEPLOY_WILDCARD_REASON).toBe(
      'The deploy role creates the resources of the environment stacks. Instances, subnets, ' +
        'distributions, APIs, certificates and log deliveries get IDs that AWS generates at creation, so no ' +
        'ARN can name them beforehand. The role is assumable only from this repository (its protected ' +
        'GitHub environments by default), and its explicit denies keep it off the state backend.',
    );
  });
});
