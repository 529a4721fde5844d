import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { DataAwsIamPolicyDocumentStatementCondition } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Validator, requireProps } from '../core/validation';
import { Tags } from '../core/tags';
import { ACCOUNT_ID_RE } from '../core/arn';
import { partitionOfRegion } from '../core/regions';
import { isValidRegion } from '../core/aws-rules';
import { checkS3Prefixes, IGrantable } from '../iam/grants';
import { Role } from '../iam/role';
import { CLOUDWATCH_ACTIONS } from '../iam/actions/cloudwatch';
import { ECR_ACTIONS } from '../iam/actions/ecr';
import { IAM_ROLE_ACTIONS } from '../iam/actions/iam';
import { LOGS_ACTIONS } from '../iam/actions/logs';
import { SAGEMAKER_ACTIONS } from '../iam/actions/sagemaker';

/** The model bucket as the role needs it (a `SecureBucket` fits). */
export interface TrainingBucket {
  /** Lets a role list and read objects under prefixes. */
  grantRead(grantee: IGrantable, ...prefixes: string[]): void;
  /** Lets a role put objects under prefixes (no delete). */
  grantPut(grantee: IGrantable, ...prefixes: string[]): void;
}

/** Props of {@link TrainingRole}. */
export interface TrainingRoleProps {
  /** Role name (1-64 characters of `A-Za-z0-9+=,.@_-`). */
  readonly roleName: string;
  /** The bucket receiving model artifacts (and holding training data, unless dataBucket is given). */
  readonly modelBucket: TrainingBucket;
  /**
   * A separate bucket of training data, when data and models are kept apart (their own
   * lifecycle, access and replication). The role reads `dataPrefixes` in it.
   * @default - the modelBucket
   */
  readonly dataBucket?: TrainingBucket;
  /** Prefixes training jobs read (ending in '/') in the data bucket. @default ['data/'] */
  readonly dataPrefixes?: string[];
  /** Prefixes training jobs write model artifacts and checkpoints to (ending in '/'). @default ['models/'] */
  readonly modelPrefixes?: string[];
  /** ECR repositories of the training images, by ARN. @default [] (SageMaker's own images need none) */
  readonly ecrRepositoryArns?: string[];
  /**
   * Account id: the trust policy then admits SageMaker only on behalf of this account
   * (`aws:SourceAccount`, `aws:SourceArn`), and ARNs in grants name it.
   * @default - no confused-deputy condition; ARNs use `*` for the account
   */
  readonly accountId?: string;
  /** Region of the training jobs, for log, metric and job ARNs. @default - `*` (any region) */
  readonly region?: string;
  /** Permissions boundary. @default - none */
  readonly permissionsBoundaryArn?: string;
  /** Tags. @default - none */
  readonly tags?: Tags;
}

const ECR_REPO_ARN_RE =
  /^arn:aws(-cn|-us-gov)?:ecr:[a-z0-9-]+:\d{12}:repository\/[a-z0-9]+([._/-][a-z0-9]+)*$/;
/** SageMaker lower-cases job names in ARNs, so prefixes are matched lower case. */
const JOB_PREFIX_RE = /^[a-z0-9](-*[a-z0-9])*-?$/;
/** Where SageMaker training jobs log, and the namespace of their metrics. */
export const TRAINING_JOB_LOG_GROUP = '/aws/sagemaker/TrainingJobs';

/**
 * The execution role of SageMaker training jobs, with only what a job needs: read its data
 * prefixes, write model artifacts under its model prefixes (no delete), pull its images, write its
 * logs to `/aws/sagemaker/TrainingJobs` and publish metrics there. Never AmazonSageMakerFullAccess.
 *
 * Whoever starts jobs needs `iam:PassRole` on this role (only towards SageMaker) and the
 * training-job actions: {@link grantPassRole} and {@link grantCreateTrainingJob}, e.g. for a Lambda
 * function: `trainingRole.grantCreateTrainingJob(fn, 'mlnews-')`.
 *
 * Training in a VPC (for network isolation) needs EC2 interface permissions not granted here.
 */
export class TrainingRole extends Role {
  private readonly partition: string;
  private readonly regionPart: string;
  private readonly accountPart: string;

  constructor(scope: Construct, id: string, props: TrainingRoleProps) {
    requireProps(`${scope.node.path}/${id}`, props, { roleName: 'string', modelBucket: 'object' });
    const v = new Validator(`${scope.node.path}/${id}`);
    validate(v, props);
    v.throwIfInvalid();
    const partition = (props.region && partitionOfRegion(props.region)) || 'aws';
    const region = props.region ?? '*';
    const trustConditions: DataAwsIamPolicyDocumentStatementCondition[] | undefined = props.accountId
      ? [
          { test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.accountId] },
          {
            test: 'ArnLike',
            variable: 'aws:SourceArn',
            values: [`arn:${partition}:sagemaker:${region}:${props.accountId}:*`],
          },
        ]
      : undefined;
    super(scope, id, {
      name: props.roleName,
      assumedBy: ['sagemaker.amazonaws.com'],
      trustConditions,
      description: 'Execution role of SageMaker training jobs',
      permissionsBoundaryArn: props.permissionsBoundaryArn,
      tags: props.tags,
    });
    this.partition = partition;
    this.regionPart = region;
    this.accountPart = props.accountId ?? '*';

    (props.dataBucket ?? props.modelBucket).grantRead(this, ...(props.dataPrefixes ?? ['data/']));
    props.modelBucket.grantPut(this, ...(props.modelPrefixes ?? ['models/']));

    const group = `arn:${partition}:logs:${region}:${this.accountPart}:log-group:${TRAINING_JOB_LOG_GROUP}`;
    this.addStatements(
      {
        sid: 'TrainingJobLogGroup',
        effect: 'Allow',
        // SageMaker creates the group on the first job of the account and region.
        actions: [...LOGS_ACTIONS.createGroup, ...LOGS_ACTIONS.describeStreams],
        resources: [group],
      },
      {
        sid: 'TrainingJobLogs',
        effect: 'Allow',
        actions: [...LOGS_ACTIONS.write],
        resources: [`${group}:log-stream:*`],
      },
      {
        sid: 'TrainingJobMetrics',
        effect: 'Allow',
        actions: [...CLOUDWATCH_ACTIONS.putMetricData],
        // PutMetricData has no resource-level permissions; the namespace condition scopes it.
        resources: ['*'],
        condition: [
          { test: 'StringEquals', variable: 'cloudwatch:namespace', values: [TRAINING_JOB_LOG_GROUP] },
        ],
      },
    );
    const repos = props.ecrRepositoryArns ?? [];
    if (repos.length > 0) {
      this.addStatements(
        { sid: 'PullTrainingImages', effect: 'Allow', actions: [...ECR_ACTIONS.pull], resources: [...repos] },
        {
          sid: 'EcrLogin',
          effect: 'Allow',
          actions: [...ECR_ACTIONS.authorizationToken],
          // GetAuthorizationToken supports no resource-level permission (it is a registry login).
          resources: ['*'],
        },
      );
    }
  }

  /** Lets the grantee pass this role, to SageMaker only (`iam:PassedToService`). */
  public grantPassRole(grantee: IGrantable): void {
    grantee.addStatements({
      sid: 'PassTrainingRole',
      effect: 'Allow',
      actions: [...IAM_ROLE_ACTIONS.passRole],
      resources: [this.roleArn],
      condition: [
        { test: 'StringEquals', variable: 'iam:PassedToService', values: ['sagemaker.amazonaws.com'] },
      ],
    });
  }

  /**
   * Lets the grantee start, describe and stop training jobs whose names start with `jobNamePrefix`
   * (lower case: SageMaker lower-cases names in ARNs), and pass this role to them.
   */
  public grantCreateTrainingJob(grantee: IGrantable, jobNamePrefix: string): void {
    const v = new Validator(`${this.node.path} (grantCreateTrainingJob)`);
    v.checkOptional(
      jobNamePrefix,
      (p) => JOB_PREFIX_RE.test(p) && p.length <= 50,
      'jobNamePrefix',
      'is not a training-job name prefix (1-50 lower-case letters, digits and "-", starting with a letter or digit)',
      'use e.g. "mlnews-train-" (jobs are then named "mlnews-train-<timestamp>")',
    );
    v.throwIfInvalid();
    grantee.addStatements({
      sid: 'TrainingJobs',
      effect: 'Allow',
      actions: [...SAGEMAKER_ACTIONS.trainingJob],
      resources: [
        `arn:${this.partition}:sagemaker:${this.regionPart}:${this.accountPart}:training-job/${jobNamePrefix}*`,
      ],
    });
    this.grantPassRole(grantee);
  }
}

function validate(v: Validator, props: TrainingRoleProps): void {
  v.checkOptional(
    props.accountId,
    (a) => ACCOUNT_ID_RE.test(a),
    'accountId',
    'is not a 12-digit account id',
    'pass e.g. "111122223333"',
  );
  v.checkOptional(
    props.region,
    (r) => isValidRegion(r),
    'region',
    'is not an AWS region',
    'pass e.g. "us-east-1"',
  );
  for (const field of ['dataPrefixes', 'modelPrefixes'] as const) {
    const prefixes = props[field];
    if (prefixes === undefined) continue;
    checkS3Prefixes(v, field, prefixes);
    v.check(
      prefixes.length > 0,
      field,
      prefixes,
      'is empty',
      'list at least one prefix, or omit it for the default',
    );
  }
  const repos = props.ecrRepositoryArns ?? [];
  const bad = repos.filter((r) => !Token.isUnresolved(r) && !ECR_REPO_ARN_RE.test(r));
  v.check(
    bad.length === 0,
    'ecrRepositoryArns',
    bad,
    'has entries that are not ECR repository ARNs (wildcards are refused)',
    'use "arn:aws:ecr:<region>:<account>:repository/<name>"',
  );
}
