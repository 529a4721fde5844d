import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { CW_AGENT_NAMESPACE, MODELS_PREFIX } from './constants';
import { AppHostLogGroups, AppHostMode } from './render/config';
import { EcrRegistry } from './render/images';

/** AWS partition of a region: `aws`, `aws-cn` or `aws-us-gov`. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** IAM actions the host's boot and runtime use, by purpose (one table, shared by the statements and the docs). */
export const APP_HOST_ACTIONS = {
  readModels: ['s3:GetObject'],
  listModels: ['s3:ListBucket'],
  grafanaPassword: ['ssm:GetParameter', 'ssm:PutParameter'],
  grafanaPasswordKms: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
  containerLogs: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
  agentMetrics: ['cloudwatch:PutMetricData'],
  agentAutoScalingDimension: ['ec2:DescribeTags'],
  claimElasticIp: ['ec2:AssociateAddress'],
  ecrAuth: ['ecr:GetAuthorizationToken'],
  ecrPull: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
} as const;

/** Managed policy for Session Manager access and the SSM agent (attach it to the host role). */
export function ssmManagedInstanceCorePolicyArn(partition: string): string {
  return `arn:${partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`;
}

/** What {@link appHostIamStatements} needs to scope each statement. */
export interface AppHostIamInput {
  readonly region: string;
  /** Account id for ARNs; `*` when not known at synth. */
  readonly accountId: string;
  readonly mode: AppHostMode;
  readonly bucketName: string;
  readonly logGroups: AppHostLogGroups;
  readonly grafanaAdminPasswordParameter: string;
  readonly grafanaAdminPasswordKmsKeyArn?: string;
  /** Auto Scaling mode with an Elastic IP: the allocation id the host claims. */
  readonly elasticIpAllocationId?: string;
  readonly ecrRegistries: readonly EcrRegistry[];
}

/**
 * The least-privilege statements the host's instance role needs for what the user data does.
 * Add them to the role (e.g. `InstanceRole.addStatements(...host.iamStatements)`).
 */
export function appHostIamStatements(input: AppHostIamInput): DataAwsIamPolicyDocumentStatement[] {
  const p = partitionOf(input.region);
  const acct = input.accountId;
  const bucketArn = `arn:${p}:s3:::${input.bucketName}`;
  const groups = [input.logGroups.api, input.logGroups.prometheus, input.logGroups.grafana];
  const out: DataAwsIamPolicyDocumentStatement[] = [
    {
      sid: 'ListModels',
      effect: 'Allow',
      actions: [...APP_HOST_ACTIONS.listModels],
      resources: [bucketArn],
      condition: [
        { test: 'StringLike', variable: 's3:prefix', values: [MODELS_PREFIX, `${MODELS_PREFIX}*`] },
      ],
    },
    {
      sid: 'ReadModels',
      effect: 'Allow',
      actions: [...APP_HOST_ACTIONS.readModels],
      resources: [`${bucketArn}/${MODELS_PREFIX}*`],
    },
    {
      sid: 'GrafanaAdminPassword',
      effect: 'Allow',
      actions: [...APP_HOST_ACTIONS.grafanaPassword],
      resources: [`arn:${p}:ssm:${input.region}:${acct}:parameter${input.grafanaAdminPasswordParameter}`],
    },
    {
      sid: 'ContainerLogs',
      effect: 'Allow',
      actions: [...APP_HOST_ACTIONS.containerLogs],
      resources: [...new Set(groups)].map((g) => `arn:${p}:logs:${input.region}:${acct}:log-group:${g}:*`),
    },
    {
      sid: 'AgentMetrics',
      effect: 'Allow',
      actions: [...APP_HOST_ACTIONS.agentMetrics],
      resources: ['*'],
      condition: [{ test: 'StringEquals', variable: 'cloudwatch:namespace', values: [CW_AGENT_NAMESPACE] }],
    },
  ];
  if (input.grafanaAdminPasswordKmsKeyArn) {
    out.push({
      sid: 'GrafanaAdminPasswordKey',
      effect: 'Allow',
      actions: [...APP_HOST_ACTIONS.grafanaPasswordKms],
      resources: [input.grafanaAdminPasswordKmsKeyArn],
    });
  }
  if (input.mode === 'autoScaling') {
    // The agent resolves ${aws:AutoScalingGroupName} with DescribeTags, which has no resource scoping.
    out.push({
      sid: 'AgentAutoScalingDimension',
      effect: 'Allow',
      actions: [...APP_HOST_ACTIONS.agentAutoScalingDimension],
      resources: ['*'],
    });
  }
  if (input.elasticIpAllocationId) {
    out.push({
      sid: 'ClaimElasticIp',
      effect: 'Allow',
      actions: [...APP_HOST_ACTIONS.claimElasticIp],
      resources: [
        `arn:${p}:ec2:${input.region}:${acct}:elastic-ip/${input.elasticIpAllocationId}`,
        `arn:${p}:ec2:${input.region}:${acct}:instance/*`,
        `arn:${p}:ec2:${input.region}:${acct}:network-interface/*`,
      ],
    });
  }
  if (input.ecrRegistries.length > 0) {
    out.push({ sid: 'EcrAuth', effect: 'Allow', actions: [...APP_HOST_ACTIONS.ecrAuth], resources: ['*'] });
    out.push({
      sid: 'EcrPull',
      effect: 'Allow',
      actions: [...APP_HOST_ACTIONS.ecrPull],
      resources: input.ecrRegistries.flatMap((r) =>
        r.repositories.map(
          (repo) => `arn:${partitionOf(r.region)}:ecr:${r.region}:${r.accountId}:repository/${repo}`,
        ),
      ),
    });
  }
  return out;
}
