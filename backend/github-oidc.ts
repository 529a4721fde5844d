import { Construct } from 'constructs';
import {
  DataAwsIamPolicyDocument,
  DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Validator } from '../modules/core/validation';
import { isValidRegion } from '../modules/core/aws-rules';
import { Tags, withName } from '../modules/core/tags';

/** Host of GitHub Actions' OIDC issuer; also the prefix of its IAM condition keys. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
/** Audience that aws-actions/configure-aws-credentials requests. */
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';

/** Props of {@link GithubOidcRoles}. */
export interface GithubOidcRolesProps {
  /**
   * The GitHub repository whose workflows may assume the roles, `owner/name`, spelled exactly as
   * GitHub does (IAM compares the token's `sub` claim case-sensitively).
   */
  readonly repository: string;
  /**
   * Branches whose workflow runs may assume the deploy role (token subject
   * `repo:<repository>:ref:refs/heads/<branch>`, for jobs without a GitHub environment). Exact
   * names: wildcards would let anyone who can push a matching branch deploy.
   * @default ['main']
   */
  readonly deployBranches?: readonly string[];
  /**
   * GitHub environments whose jobs may assume the deploy role (subject
   * `repo:<repository>:environment:<name>`). Give each environment a deployment-branch rule
   * (`main` only) in the repository settings: a job that names an environment gets this subject on
   * any branch the environment admits, pull-request branches included.
   * @default ['dev', 'staging', 'prod']
   */
  readonly deployEnvironments?: readonly string[];
  /**
   * Let pull-request runs assume the plan role (subject `repo:<repository>:pull_request`). GitHub
   * gives no OIDC token to `pull_request` runs from forks, so this reaches branches of the
   * repository itself. The deploy role never trusts this subject.
   * @default true
   */
  readonly planFromPullRequests?: boolean;
  /** ARN of the Terraform state bucket. */
  readonly stateBucketArn: string;
  /** ARN of the DynamoDB lock table. */
  readonly lockTableArn: string;
  /**
   * Key prefix of the state objects (`<prefix><stack>/terraform.tfstate`), e.g. `teams/ml/`.
   * @default '' (the whole bucket)
   */
  readonly stateKeyPrefix?: string;
  /**
   * KMS key that encrypts the state objects; the plan role may decrypt with it, the deploy role
   * also encrypt. @default - SSE-S3, no key permissions
   */
  readonly stateKmsKeyArn?: string;
  /**
   * Prefix of every resource name the stacks create (`mlmon` -> `mlmon-dev-app-role`,
   * `/mlmon/dev/...` log groups). The deploy role may manage only names under it, and the two roles
   * are named `<prefix>-github-plan` and `<prefix>-github-deploy`.
   */
  readonly projectPrefix: string;
  /**
   * Bucket-name patterns (IAM wildcards) of the buckets the stacks manage. The state bucket is
   * always protected, even when a pattern matches it.
   * @default ['<projectPrefix>-*']
   */
  readonly bucketNamePatterns?: readonly string[];
  /**
   * Regions the deploy role may act in (`aws:RequestedRegion`), for the regional services.
   * @default - any region
   */
  readonly regions?: readonly string[];
  /**
   * Create the account's OIDC provider for GitHub. An account has at most one per issuer URL: if
   * it already has one, set this to false and pass `oidcProviderArn`.
   * @default true
   */
  readonly createOidcProvider?: boolean;
  /** ARN of an existing GitHub OIDC provider; required when `createOidcProvider` is false. @default - none */
  readonly oidcProviderArn?: string;
  /**
   * Managed policies attached to both roles, for reading every resource during refresh.
   * @default ['arn:<partition>:iam::aws:policy/ReadOnlyAccess']
   */
  readonly readOnlyPolicyArns?: readonly string[];
  /** Maximum session length of the roles, 3600 to 43200 seconds. @default 3600 */
  readonly maxSessionDurationInSeconds?: number;
  /** ARN partition. @default 'aws' */
  readonly partition?: 'aws' | 'aws-cn' | 'aws-us-gov';
  /** Tags for the provider and both roles; each role also gets a `Name` tag. @default - none */
  readonly tags?: Tags;
}

// owner: 1-39 of [A-Za-z0-9-], no leading/trailing hyphen; repository: 1-100 of [A-Za-z0-9._-].
const REPOSITORY_RE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?\/[A-Za-z0-9._-]{1,100}$/;
// A git branch name without IAM wildcards (`*`, `?`) or characters git forbids in refs.
const BRANCH_RE = /^(?!\/|.*\/\/|.*\/$|.*\.\.|.*@\{|.*\.lock$|.*\.$)[^\s~^:?*[\\\p{Cc}]{1,255}$/u;
const ENVIRONMENT_RE = /^[^\s*?:,'"]{1}[^*?:,'"]{0,254}$/;
const PREFIX_RE = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;
const BUCKET_PATTERN_RE = /^[a-z0-9*][a-z0-9.*-]{0,62}$/;
const ARN_RE = /^arn:aws(-cn|-us-gov)?:[a-z0-9-]+:[a-z0-9-]*:(\d{12}|aws)?:.+$/;
const STATE_PREFIX_RE = /^([A-Za-z0-9!_.*'()-]+\/)*$/;

/** Token subjects of the repository, as GitHub writes them into the `sub` claim. */
export const githubSubjects = {
  pullRequest: (repository: string): string => `repo:${repository}:pull_request`,
  branch: (repository: string, branch: string): string => `repo:${repository}:ref:refs/heads/${branch}`,
  environment: (repository: string, environment: string): string =>
    `repo:${repository}:environment:${environment}`,
} as const;

/**
 * The GitHub Actions OIDC provider and the two roles CI assumes with it:
 *
 * | role | who may assume it (`sub` claim, `StringEquals`) | what it may do |
 * |------|---------------------------------------------------|----------------|
 * | `<prefix>-github-plan` | pull requests of the repository; runs on the deploy branches | read everything (ReadOnlyAccess); read the state; take and release the state lock |
 * | `<prefix>-github-deploy` | jobs in the deploy environments; runs on the deploy branches; never pull requests | the plan role's reads; write the state; manage the services the environment stacks use, limited to `<prefix>` names where AWS allows it |
 *
 * Both trust policies also require `aud` = `sts.amazonaws.com`. Subjects are compared exactly, so
 * another repository, a fork, a feature branch, or an environment not listed cannot assume them.
 *
 * Neither role can change the state bucket's configuration, the lock table, the OIDC provider or
 * the two roles themselves: those belong to this (bootstrap) stack, which an administrator
 * applies. The deploy role can create roles named `<prefix>-*` and pass them to EC2, VPC Flow Logs
 * and S3, so whoever can run the deploy job can act with any permission such a role is given:
 * protect the environments with required reviewers.
 */
export class GithubOidcRoles extends Construct {
  /** ARN of the OIDC provider (created here or passed in). */
  public readonly oidcProviderArn: string;
  public readonly planRoleArn: string;
  public readonly planRoleName: string;
  public readonly deployRoleArn: string;
  public readonly deployRoleName: string;
  /** Rendered trust policy of the plan role. */
  public readonly planTrustPolicyJson: string;
  /** Rendered trust policy of the deploy role. */
  public readonly deployTrustPolicyJson: string;

  constructor(scope: Construct, id: string, props: GithubOidcRolesProps) {
    super(scope, id);
    validate(this, props);
    const partition = props.partition ?? 'aws';
    const repo = props.repository;
    const deployBranches = props.deployBranches ?? ['main'];
    const deployEnvironments = props.deployEnvironments ?? ['dev', 'staging', 'prod'];
    const readOnly = props.readOnlyPolicyArns ?? [`arn:${partition}:iam::aws:policy/ReadOnlyAccess`];
    const maxSessionDuration = props.maxSessionDurationInSeconds ?? 3600;

    if (props.createOidcProvider ?? true) {
      const provider = new IamOpenidConnectProvider(this, 'provider', {
        url: `https://${GITHUB_OIDC_HOST}`,
        clientIdList: [GITHUB_OIDC_AUDIENCE],
        // No thumbprint_list: IAM trusts GitHub's issuer through its own library of root CAs and
        // ignores thumbprints for it; provider 5.x leaves the argument optional and computed.
        tags: props.tags ? { ...props.tags } : undefined,
      });
      this.oidcProviderArn = provider.arn;
    } else {
      this.oidcProviderArn = props.oidcProviderArn as string;
    }

    const planSubjects = [
      ...((props.planFromPullRequests ?? true) ? [githubSubjects.pullRequest(repo)] : []),
      ...deployBranches.map((b) => githubSubjects.branch(repo, b)),
    ];
    const deploySubjects = [
      ...deployEnvironments.map((e) => githubSubjects.environment(repo, e)),
      ...deployBranches.map((b) => githubSubjects.branch(repo, b)),
    ];

    const planRoleName = `${props.projectPrefix}-github-plan`;
    const deployRoleName = `${props.projectPrefix}-github-deploy`;
    const scope_: PolicyScope = {
      partition,
      projectPrefix: props.projectPrefix,
      stateBucketArn: props.stateBucketArn,
      lockTableArn: props.lockTableArn,
      stateKeyPrefix: props.stateKeyPrefix ?? '',
      stateKmsKeyArn: props.stateKmsKeyArn,
      bucketNamePatterns: props.bucketNamePatterns ?? [`${props.projectPrefix}-*`],
      regions: props.regions,
      protectedRoleNames: [planRoleName, deployRoleName],
    };

    const plan = this.role(
      'plan',
      planRoleName,
      'Terraform plans from GitHub Actions (read-only)',
      planSubjects,
      {
        readOnly,
        statements: [...statePlanStatements(scope_), ...protectBootstrapStatements(scope_)],
        maxSessionDuration,
        tags: props.tags,
      },
    );
    this.planRoleArn = plan.role.arn;
    this.planRoleName = plan.role.name;
    this.planTrustPolicyJson = plan.trustJson;

    const deploy = this.role(
      'deploy',
      deployRoleName,
      'Terraform deploys from GitHub Actions',
      deploySubjects,
      {
        readOnly,
        statements: [
          ...stateDeployStatements(scope_),
          ...deployStatements(scope_),
          ...protectBootstrapStatements(scope_),
        ],
        maxSessionDuration,
        tags: props.tags,
      },
    );
    this.deployRoleArn = deploy.role.arn;
    this.deployRoleName = deploy.role.name;
    this.deployTrustPolicyJson = deploy.trustJson;
  }

  private role(
    id: string,
    name: string,
    description: string,
    subjects: readonly string[],
    o: {
      readOnly: readonly string[];
      statements: DataAwsIamPolicyDocumentStatement[];
      maxSessionDuration: number;
      tags?: Tags;
    },
  ): { role: IamRole; trustJson: string } {
    const trust = new DataAwsIamPolicyDocument(this, `${id}-trust-policy`, {
      statement: [
        {
          sid: 'GithubActionsOidc',
          effect: 'Allow',
          actions: ['sts:AssumeRoleWithWebIdentity'],
          principals: [{ type: 'Federated', identifiers: [this.oidcProviderArn] }],
          condition: [
            { test: 'StringEquals', variable: `${GITHUB_OIDC_HOST}:aud`, values: [GITHUB_OIDC_AUDIENCE] },
            { test: 'StringEquals', variable: `${GITHUB_OIDC_HOST}:sub`, values: [...subjects] },
          ],
        },
      ],
    });
    const role = new IamRole(this, `${id}-role`, {
      name,
      description,
      assumeRolePolicy: trust.json,
      maxSessionDuration: o.maxSessionDuration,
      forceDetachPolicies: true,
      tags: withName(name, o.tags),
    });
    o.readOnly.forEach((arn, i) => {
      new IamRolePolicyAttachment(this, `${id}-read-only-${i}`, { role: role.name, policyArn: arn });
    });
    const document = new DataAwsIamPolicyDocument(this, `${id}-policy-document`, { statement: o.statements });
    new IamRolePolicy(this, `${id}-policy`, { name: `${name}-access`, role: role.id, policy: document.json });
    return { role, trustJson: trust.json };
  }
}

/** What the policy statements are built from. */
export interface PolicyScope {
  readonly partition: string;
  readonly projectPrefix: string;
  readonly stateBucketArn: string;
  readonly lockTableArn: string;
  readonly stateKeyPrefix: string;
  readonly stateKmsKeyArn?: string;
  readonly bucketNamePatterns: readonly string[];
  readonly regions?: readonly string[];
  /** Roles neither role may change (the OIDC roles themselves). */
  readonly protectedRoleNames: readonly string[];
}

/** The lock actions on the DynamoDB table (the S3 backend also keeps a state digest there). */
export const LOCK_TABLE_ACTIONS = [
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:DeleteItem',
];

function stateKms(s: PolicyScope, actions: string[]): DataAwsIamPolicyDocumentStatement[] {
  return s.stateKmsKeyArn
    ? [{ sid: 'StateKey', effect: 'Allow', actions, resources: [s.stateKmsKeyArn] }]
    : [];
}

/** Plan role: read the state, take and release the lock (DynamoDB item, or the S3 `.tflock` object). */
export function statePlanStatements(s: PolicyScope): DataAwsIamPolicyDocumentStatement[] {
  const objects = `${s.stateBucketArn}/${s.stateKeyPrefix}*`;
  return [
    { sid: 'StateList', effect: 'Allow', actions: ['s3:ListBucket'], resources: [s.stateBucketArn] },
    { sid: 'StateRead', effect: 'Allow', actions: ['s3:GetObject'], resources: [objects] },
    {
      sid: 'StateLockFile',
      effect: 'Allow',
      actions: ['s3:PutObject', 's3:DeleteObject'],
      resources: [`${s.stateBucketArn}/${s.stateKeyPrefix}*.tflock`],
    },
    { sid: 'StateLockTable', effect: 'Allow', actions: [...LOCK_TABLE_ACTIONS], resources: [s.lockTableArn] },
    ...stateKms(s, ['kms:Decrypt', 'kms:DescribeKey']),
  ];
}

/** Deploy role: read and write the state, and lock it. */
export function stateDeployStatements(s: PolicyScope): DataAwsIamPolicyDocumentStatement[] {
  return [
    { sid: 'StateList', effect: 'Allow', actions: ['s3:ListBucket'], resources: [s.stateBucketArn] },
    {
      sid: 'StateReadWrite',
      effect: 'Allow',
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [`${s.stateBucketArn}/${s.stateKeyPrefix}*`],
    },
    { sid: 'StateLockTable', effect: 'Allow', actions: [...LOCK_TABLE_ACTIONS], resources: [s.lockTableArn] },
    ...stateKms(s, ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey']),
  ];
}

/**
 * Explicit denies on what the bootstrap stack owns: the state bucket's configuration (and deleting
 * old state versions), the lock table itself, the OIDC provider and the two CI roles. A deny wins
 * over any allow, including ReadOnlyAccess and the deploy grants.
 */
export function protectBootstrapStatements(s: PolicyScope): DataAwsIamPolicyDocumentStatement[] {
  const iam = (kind: string, name: string): string => `arn:${s.partition}:iam::*:${kind}/${name}`;
  return [
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
      resources: [s.stateBucketArn, `${s.stateBucketArn}/*`],
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
      resources: [s.lockTableArn],
    },
    {
      // Everything but reads: a plan of this stack still refreshes them.
      sid: 'ProtectCiIdentities',
      effect: 'Deny',
      notActions: ['iam:Get*', 'iam:List*'],
      resources: [...s.protectedRoleNames.map((n) => iam('role', n)), iam('oidc-provider', GITHUB_OIDC_HOST)],
    },
  ];
}

function regional(s: PolicyScope): Pick<DataAwsIamPolicyDocumentStatement, 'condition'> {
  return s.regions && s.regions.length > 0
    ? { condition: [{ test: 'StringEquals', variable: 'aws:RequestedRegion', values: [...s.regions] }] }
    : {};
}

/** Services the environment stacks manage, one statement each (see the class doc for the limits). */
export function deployStatements(s: PolicyScope): DataAwsIamPolicyDocumentStatement[] {
  const p = s.projectPrefix;
  const arn = (service: string, resource: string, region = '*', account = '*'): string =>
    `arn:${s.partition}:${service}:${region}:${account}:${resource}`;
  const iam = (resource: string): string => `arn:${s.partition}:iam::*:${resource}`;
  return [
    {
      // EC2 (VPC, subnets, routes, NAT, endpoints, security groups, flow logs, launch templates,
      // instances, Elastic IPs) and Auto Scaling: most of their actions support no resource-level
      // scoping by name, so these are limited by region only.
      sid: 'ComputeAndNetwork',
      effect: 'Allow',
      actions: ['ec2:*', 'autoscaling:*'],
      resources: ['*'],
      ...regional(s),
    },
    {
      sid: 'ProjectBuckets',
      effect: 'Allow',
      actions: ['s3:*'],
      resources: s.bucketNamePatterns.flatMap((b) => [
        `arn:${s.partition}:s3:::${b}`,
        `arn:${s.partition}:s3:::${b}/*`,
      ]),
    },
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
      resources: [iam(`role/${p}-*`), iam(`instance-profile/${p}-*`), iam(`policy/${p}-*`)],
    },
    {
      sid: 'PassProjectRoles',
      effect: 'Allow',
      actions: ['iam:PassRole'],
      resources: [iam(`role/${p}-*`)],
      condition: [
        {
          test: 'StringEquals',
          variable: 'iam:PassedToService',
          values: [
            'ec2.amazonaws.com',
            'vpc-flow-logs.amazonaws.com',
            's3.amazonaws.com',
            'cloudtrail.amazonaws.com',
            'backup.amazonaws.com',
          ],
        },
      ],
    },
    {
      sid: 'AutoScalingServiceRole',
      effect: 'Allow',
      actions: ['iam:CreateServiceLinkedRole'],
      resources: [iam('role/aws-service-role/autoscaling.amazonaws.com/*')],
      condition: [
        { test: 'StringEquals', variable: 'iam:AWSServiceName', values: ['autoscaling.amazonaws.com'] },
      ],
    },
    {
      sid: 'ProjectLogGroups',
      effect: 'Allow',
      actions: ['logs:*'],
      resources: [`/${p}/*`, `/aws/vpc-flow-logs/${p}-*`].flatMap((g) => [
        arn('logs', `log-group:${g}`),
        arn('logs', `log-group:${g}:*`),
      ]),
      ...regional(s),
    },
    {
      sid: 'LogGroupDiscovery',
      effect: 'Allow',
      actions: ['logs:DescribeLogGroups', 'logs:ListTagsForResource'],
      resources: ['*'],
    },
    {
      sid: 'ProjectAlarmsAndDashboards',
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
      ],
      resources: [arn('cloudwatch', `alarm:${p}-*`), arn('cloudwatch', `dashboard/${p}-*`, '', '*')],
      ...regional(s),
    },
    {
      sid: 'ProjectTopics',
      effect: 'Allow',
      actions: ['sns:*'],
      resources: [arn('sns', `${p}-*`)],
      ...regional(s),
    },
    {
      // The account stack: the audit trail, the image repositories, the backup vault and plans
      // (plan ARNs carry a generated id, not the name, so plans can't be scoped by name).
      sid: 'ProjectTrails',
      effect: 'Allow',
      actions: ['cloudtrail:*'],
      resources: [arn('cloudtrail', `trail/${p}-*`)],
      ...regional(s),
    },
    {
      sid: 'ProjectRepositories',
      effect: 'Allow',
      actions: ['ecr:*'],
      resources: [arn('ecr', `repository/${p}/*`), arn('ecr', `repository/${p}-*`)],
      ...regional(s),
    },
    {
      sid: 'ProjectBackups',
      effect: 'Allow',
      actions: ['backup:*'],
      resources: [arn('backup', `backup-vault:${p}-*`), arn('backup', 'backup-plan:*')],
      ...regional(s),
    },
    {
      // Creating a backup vault mounts its storage (no resource-level permissions) and lets AWS
      // Backup use the vault key through a grant for an AWS resource.
      sid: 'BackupVaultStorage',
      effect: 'Allow',
      actions: ['backup-storage:MountCapsule'],
      resources: ['*'],
      ...regional(s),
    },
    {
      sid: 'KeyGrantsForAwsServices',
      effect: 'Allow',
      actions: ['kms:CreateGrant'],
      resources: [arn('kms', 'key/*')],
      condition: [{ test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] }],
    },
    {
      // Key creation supports no resource scoping; aliases do. Keys are usable only as their key
      // policies allow.
      sid: 'Keys',
      effect: 'Allow',
      actions: [
        'kms:CreateKey',
        'kms:CreateAlias',
        'kms:DeleteAlias',
        'kms:UpdateAlias',
        'kms:DescribeKey',
        'kms:EnableKeyRotation',
        'kms:GetKeyPolicy',
        'kms:GetKeyRotationStatus',
        'kms:ListResourceTags',
        'kms:PutKeyPolicy',
        'kms:ScheduleKeyDeletion',
        'kms:TagResource',
        'kms:UntagResource',
        'kms:UpdateKeyDescription',
      ],
      resources: [arn('kms', 'key/*'), arn('kms', `alias/${p}-*`)],
      ...regional(s),
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
      resources: [arn('ssm', `parameter/${p}/*`)],
      ...regional(s),
    },
    {
      // Launch templates name their image as `resolve:ssm:/aws/service/...`; EC2 resolves it with
      // the caller's permissions.
      sid: 'PublicImageParameters',
      effect: 'Allow',
      actions: ['ssm:GetParameter', 'ssm:GetParameters'],
      resources: [arn('ssm', 'parameter/aws/service/*', '*', '')],
    },
  ];
}

function validate(scope: Construct, props: GithubOidcRolesProps): void {
  const v = new Validator(scope);
  v.check(
    REPOSITORY_RE.test(props.repository) && !/\/\.{1,2}$/.test(props.repository),
    'repository',
    props.repository,
    'is not a GitHub repository in the form owner/name (no wildcards)',
    'use the repository as GitHub spells it, e.g. "acme/mlmon-infra"',
  );
  v.check(
    PREFIX_RE.test(props.projectPrefix),
    'projectPrefix',
    props.projectPrefix,
    'must be 3-32 lowercase letters, digits and hyphens, starting with a letter',
    'use the project name, e.g. "mlmon"',
  );
  const branches = props.deployBranches ?? ['main'];
  branches.forEach((b, i) =>
    v.check(
      BRANCH_RE.test(b),
      `deployBranches[${i}]`,
      b,
      'is not an exact git branch name (wildcards such as * and ? are not allowed)',
      'list each branch by its full name, e.g. "main"',
    ),
  );
  const environments = props.deployEnvironments ?? ['dev', 'staging', 'prod'];
  environments.forEach((e, i) =>
    v.check(
      ENVIRONMENT_RE.test(e),
      `deployEnvironments[${i}]`,
      e,
      'is not an exact GitHub environment name (no wildcards, colons, commas or quotes)',
      'list each environment by its name, e.g. "prod"',
    ),
  );
  v.check(
    branches.length + environments.length > 0,
    'deployBranches',
    branches,
    'and deployEnvironments are both empty, so nothing could assume the deploy role',
    'list at least one branch (e.g. "main") or environment',
  );
  const create = props.createOidcProvider ?? true;
  v.check(
    !(create && props.oidcProviderArn !== undefined),
    'oidcProviderArn',
    props.oidcProviderArn,
    'is set while createOidcProvider is true',
    'set createOidcProvider: false to use an existing provider, or remove oidcProviderArn',
  );
  v.check(
    create || props.oidcProviderArn !== undefined,
    'oidcProviderArn',
    props.oidcProviderArn,
    'is required when createOidcProvider is false',
    `pass the ARN of the account's existing provider, arn:aws:iam::<account>:oidc-provider/${GITHUB_OIDC_HOST}`,
  );
  v.checkOptional(
    props.oidcProviderArn,
    (a) =>
      /^arn:aws(-cn|-us-gov)?:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/.test(a),
    'oidcProviderArn',
    'is not the ARN of a GitHub Actions OIDC provider',
    `use arn:aws:iam::<account>:oidc-provider/${GITHUB_OIDC_HOST}`,
  );
  v.check(
    ARN_RE.test(props.stateBucketArn),
    'stateBucketArn',
    props.stateBucketArn,
    'is not an ARN',
    'pass the state bucket ARN (e.g. SecureBucket.bucketArn)',
  );
  v.check(
    ARN_RE.test(props.lockTableArn),
    'lockTableArn',
    props.lockTableArn,
    'is not an ARN',
    'pass the lock table ARN (e.g. DynamodbTable.arn)',
  );
  v.checkOptional(
    props.stateKmsKeyArn,
    (a) => ARN_RE.test(a),
    'stateKmsKeyArn',
    'is not an ARN',
    'pass a KMS key ARN',
  );
  v.checkOptional(
    props.stateKeyPrefix,
    (p) => STATE_PREFIX_RE.test(p),
    'stateKeyPrefix',
    'must be empty or path segments each ending in "/"',
    'use a prefix such as "teams/ml/"',
  );
  (props.bucketNamePatterns ?? []).forEach((b, i) =>
    v.check(
      BUCKET_PATTERN_RE.test(b) && b !== '*',
      `bucketNamePatterns[${i}]`,
      b,
      'is not a bucket-name pattern narrower than "*"',
      'use a pattern such as "mlmon-*"',
    ),
  );
  v.check(
    props.bucketNamePatterns === undefined || props.bucketNamePatterns.length > 0,
    'bucketNamePatterns',
    props.bucketNamePatterns,
    'is empty',
    'list the bucket-name patterns of the stacks, or leave it unset for "<projectPrefix>-*"',
  );
  (props.regions ?? []).forEach((r, i) =>
    v.check(isValidRegion(r), `regions[${i}]`, r, 'is not an AWS region', 'use a region such as "us-east-1"'),
  );
  v.checkIntRange(props.maxSessionDurationInSeconds, 3600, 43200, 'maxSessionDurationInSeconds');
  v.throwIfInvalid();
}
