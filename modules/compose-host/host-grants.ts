import { IGrantable, grantBucketRead, grantLogsWrite, grantPutMetricData } from '../iam/grants';
import { AUTOSCALING_ACTIONS } from '../iam/actions/autoscaling';
import { EC2_ACTIONS } from '../iam/actions/ec2';
import { ECR_ACTIONS } from '../iam/actions/ecr';
import { KMS_ACTIONS } from '../iam/actions/kms';
import { SSM_ACTIONS } from '../iam/actions/ssm';
import { SSMMESSAGES_ACTIONS } from '../iam/actions/ssmmessages';
import { EC2MESSAGES_ACTIONS } from '../iam/actions/ec2messages';
import { CW_AGENT_NAMESPACE } from './constants';
import { GeneratedSecret, HostLogGroup, S3Download } from './host-spec';
import { EcrRegistry } from './images';

/** AWS partition of a region: `aws`, `aws-cn` or `aws-us-gov`. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** What the host does, for {@link grantHostNeeds}. */
export interface HostNeeds {
  readonly name: string;
  readonly region: string;
  /** Account id for ARNs; `*` when not known at synth. */
  readonly accountId: string;
  readonly mode: 'instance' | 'autoScaling';
  readonly logGroups: readonly HostLogGroup[];
  readonly secrets: readonly GeneratedSecret[];
  readonly downloads: readonly S3Download[];
  readonly ecrRegistries: readonly EcrRegistry[];
  /** Auto Scaling mode with an Elastic IP: the allocation id the host claims. */
  readonly elasticIpAllocationId?: string;
  /** Auto Scaling mode: the host reports its own health to its group. */
  readonly reportsHealth: boolean;
}

/**
 * Adds to the role exactly what the host's boot and agents do, each statement scoped to the
 * host's own resources; `*` only where the action has no resource-level permissions.
 *
 * | Sid                        | For                                             | Resource                                |
 * |----------------------------|-------------------------------------------------|-----------------------------------------|
 * | `SsmAgent`                 | Session Manager, Run Command                    | `*` (no resource-level permissions)     |
 * | `PutMetricData`            | CloudWatch agent host metrics                   | `*`, namespace `CWAgent` by condition   |
 * | `AgentDescribeTags`        | `${aws:AutoScalingGroupName}` (Auto Scaling)    | `*` (Describe* cannot be scoped)        |
 * | `LogsWrite`                | `awslogs` driver, EMF through the agent         | the log groups                          |
 * | `GeneratedSecrets`         | read or create each secret                      | the parameter ARNs                      |
 * | `GeneratedSecretsKey`      | customer managed SecureString keys              | the key ARNs, via SSM only              |
 * | `BucketList`, `BucketRead` | downloads                                       | the bucket, `<prefix>*`                 |
 * | `EcrAuth`, `EcrPull`       | images from ECR                                 | `*`; the repositories                   |
 * | `ClaimElasticIp`           | Elastic IP in Auto Scaling mode                 | the address, `instance/*`, `network-interface/*` |
 * | `ReportOwnHealth`          | `set-instance-health` (Auto Scaling)            | the group                               |
 */
export function grantHostNeeds(role: IGrantable, needs: HostNeeds): void {
  const p = partitionOf(needs.region);
  const acct = needs.accountId;
  role.addStatements({
    sid: 'SsmAgent',
    effect: 'Allow',
    actions: [...SSM_ACTIONS.agent, ...SSMMESSAGES_ACTIONS.sessionChannels, ...EC2MESSAGES_ACTIONS.agent],
    resources: ['*'],
  });
  grantPutMetricData(role, [CW_AGENT_NAMESPACE]);
  if (needs.mode === 'autoScaling') {
    role.addStatements({
      sid: 'AgentDescribeTags',
      effect: 'Allow',
      actions: [...EC2_ACTIONS.describeTags],
      resources: ['*'],
    });
  }
  // Several services may share a group; list each once. No groups, no statement.
  grantLogsWrite(role, [...new Set(needs.logGroups.map((g) => g.arn))]);
  if (needs.secrets.length > 0) {
    role.addStatements({
      sid: 'GeneratedSecrets',
      effect: 'Allow',
      actions: [...SSM_ACTIONS.generatedSecret],
      resources: [
        ...new Set(
          needs.secrets.map((s) => `arn:${p}:ssm:${needs.region}:${acct}:parameter${s.parameterName}`),
        ),
      ],
    });
    const keys = [...new Set(needs.secrets.flatMap((s) => (s.kmsKeyArn ? [s.kmsKeyArn] : [])))];
    if (keys.length > 0) {
      role.addStatements({
        sid: 'GeneratedSecretsKey',
        effect: 'Allow',
        actions: [...KMS_ACTIONS.secureStringReadWrite],
        resources: keys,
        condition: [{ test: 'StringLike', variable: 'kms:ViaService', values: ['ssm.*.amazonaws.com'] }],
      });
    }
  }
  for (const d of needs.downloads) {
    grantBucketRead(role, { bucketName: d.bucketName, bucketArn: d.bucketArn }, [d.prefix]);
  }
  if (needs.ecrRegistries.length > 0) {
    role.addStatements(
      { sid: 'EcrAuth', effect: 'Allow', actions: [...ECR_ACTIONS.authorizationToken], resources: ['*'] },
      {
        sid: 'EcrPull',
        effect: 'Allow',
        actions: [...ECR_ACTIONS.pull],
        resources: needs.ecrRegistries.flatMap((r) =>
          r.repositories.map(
            (repo) => `arn:${partitionOf(r.region)}:ecr:${r.region}:${r.accountId}:repository/${repo}`,
          ),
        ),
      },
    );
  }
  if (needs.elasticIpAllocationId) {
    role.addStatements({
      sid: 'ClaimElasticIp',
      effect: 'Allow',
      actions: [...EC2_ACTIONS.associateAddress],
      resources: [
        `arn:${p}:ec2:${needs.region}:${acct}:elastic-ip/${needs.elasticIpAllocationId}`,
        `arn:${p}:ec2:${needs.region}:${acct}:instance/*`,
        `arn:${p}:ec2:${needs.region}:${acct}:network-interface/*`,
      ],
    });
  }
  if (needs.reportsHealth) {
    role.addStatements({
      sid: 'ReportOwnHealth',
      effect: 'Allow',
      actions: [...AUTOSCALING_ACTIONS.setInstanceHealth],
      resources: [
        `arn:${p}:autoscaling:${needs.region}:${acct}:autoScalingGroup:*:autoScalingGroupName/${needs.name}`,
      ],
    });
  }
}
