import { Construct } from 'constructs';
import {
  DataAwsIamPolicyDocument,
  DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Validator } from '../modules/core/validation';
import { isValidRegion } from '../modules/core/aws-rules';
import { Tags, withName } from '../modules/core/tags';
import { PolicySuppressions } from '../modules/policy/suppressions';

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
   * Branches whose workflow runs may assume the plan role (token subject
   * `repo:<repository>:ref:refs/heads/<branch>`): the merge-time plans and the drift check run
   * on them. Exact names, no wildcards.
   * @default ['main']
   */
  readonly planBranches?: readonly string[];
  /**
   * Branches whose workflow runs may assume the deploy role without a GitHub environment (token
   * subject `repo:<repository>:ref:refs/heads/<branch>`). The shipped workflows apply only in
   * environment-bound jobs, so none is needed; adding one lets any job on that branch deploy
   * without an approval. Exact names: wildcards would let anyone who can push a matching branch
   * deploy.
   * @default []
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
   * Prefixes of the physical names the environment stacks create, one per system: `mlcicd` lets
   * the deploy role manage `mlcicd-dev-*` roles, log groups, repositories, clusters, databases,
   * ... and `/mlcicd/...` parameters. 2-32 lowercase letters, digits and hyphens each.
   * @default [projectPrefix]
   */
  readonly namePrefixes?: readonly string[];
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
/**
 * The deploy policy groups that allow writes on Resource "*" without a tag condition (policy rule
 * MLM-IAM-003), and why. The suppression is added to these groups only; `data` scopes its writes
 * by tag or name. A group that starts or stops needing it shows at synth: an error finding, or an
 * unused suppression in the report.
 */
const DEPLOY_WILDCARD_GROUPS: readonly string[] = ['compute', 'network', 'platform'];
export const DEPLOY_WILDCARD_REASON =
  'The deploy role creates the resources of the environment stacks. Instances, subnets, ' +
  'distributions, APIs, certificates and log deliveries get IDs that AWS generates at creation, so no ' +
  'ARN can name them beforehand. The role is assumable only from this repository (its protected ' +
  'GitHub environments by default), and its explicit denies keep it off the state backend.';

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
 * | `<prefix>-github-deploy` | jobs in the deploy environments; runs on the deploy branches; never pull requests | the plan role's reads; write the state; manage the services the environment stacks use (managed policies `<prefix>-github-deploy-{network,compute,data,platform}`, see {@link deployPolicyGroups}), limited to the systems' name prefixes (`namePrefixes`) and `regions` wherever IAM allows |
 *
 * Both trust policies also require `aud` = `sts.amazonaws.com`. Subjects are compared exactly, so
 * another repository, a fork, a feature branch, or an environment not listed cannot assume them.
 *
 * Neither role can change the state bucket's configuration, the lock table, the OIDC provider, the
 * two roles or their managed policies: those belong to this (bootstrap) stack, which an
 * administrator applies. The deploy role can create roles named `<name prefix>-*` and pass them to
 * the services in {@link PASSABLE_SERVICES}, so whoever can run the deploy job can act with any
 * permission such a role is given: protect the environments with required reviewers.
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
    const planBranches = props.planBranches ?? ['main'];
    const deployBranches = props.deployBranches ?? [];
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
      ...planBranches.map((b) => githubSubjects.branch(repo, b)),
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
      namePrefixes: props.namePrefixes ?? [props.projectPrefix],
      stateBucketArn: props.stateBucketArn,
      lockTableArn: props.lockTableArn,
      stateKeyPrefix: props.stateKeyPrefix ?? '',
      stateKmsKeyArn: props.stateKmsKeyArn,
      bucketNamePatterns: props.bucketNamePatterns ?? [`${props.projectPrefix}-*`],
      regions: props.regions,
      protectedRoleNames: [planRoleName, deployRoleName],
      protectedPolicyPrefix: `${props.projectPrefix}-github-`,
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
        statements: [...stateDeployStatements(scope_), ...protectBootstrapStatements(scope_)],
        maxSessionDuration,
        tags: props.tags,
      },
    );
    // The service permissions, one managed policy per group (an inline policy would outgrow the
    // 10,240 characters IAM allows per role); the explicit denies above still cover them.
    for (const [group, statements] of Object.entries(deployPolicyGroups(scope_))) {
      const document = new DataAwsIamPolicyDocument(this, `deploy-${group}-policy-document`, {
        statement: statements,
      });
      const policy = new IamPolicy(this, `deploy-${group}-policy`, {
        name: `${deployRoleName}-${group}`,
        description: `Terraform deploys from GitHub Actions: ${group} services of the environment stacks`,
        policy: document.json,
        tags: withName(`${deployRoleName}-${group}`, props.tags),
      });
      new IamRolePolicyAttachment(this, `deploy-${group}-attachment`, {
        role: deploy.role.name,
        policyArn: policy.arn,
      });
      if (DEPLOY_WILDCARD_GROUPS.includes(group)) {
        PolicySuppressions.add(policy, [{ id: 'MLM-IAM-003', reason: DEPLOY_WILDCARD_REASON }]);
      }
    }
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
  /** Prefixes of the physical names the stacks create (one per system). */
  readonly namePrefixes: readonly string[];
  readonly stateBucketArn: string;
  readonly lockTableArn: string;
  readonly stateKeyPrefix: string;
  readonly stateKmsKeyArn?: string;
  readonly bucketNamePatterns: readonly string[];
  readonly regions?: readonly string[];
  /** Roles neither role may change (the OIDC roles themselves). */
  readonly protectedRoleNames: readonly string[];
  /** Prefix of the managed policies of the CI roles, which neither role may change. */
  readonly protectedPolicyPrefix: string;
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
      resources: [
        ...s.protectedRoleNames.map((n) => iam('role', n)),
        iam('policy', `${s.protectedPolicyPrefix}*`),
        iam('oidc-provider', GITHUB_OIDC_HOST),
      ],
    },
  ];
}

function regional(s: PolicyScope): Pick<DataAwsIamPolicyDocumentStatement, 'condition'> {
  return s.regions && s.regions.length > 0
    ? { condition: [{ test: 'StringEquals', variable: 'aws:RequestedRegion', values: [...s.regions] }] }
    : {};
}

/** Regions CloudFront's side of a stack lives in (certificates, web ACLs, alarms, log delivery). */
const EDGE_REGION = 'us-east-1';

function edgeRegional(s: PolicyScope): Pick<DataAwsIamPolicyDocumentStatement, 'condition'> {
  if (!s.regions || s.regions.length === 0) return {};
  const regions = s.partition === 'aws' ? [...new Set([...s.regions, EDGE_REGION])] : [...s.regions];
  return { condition: [{ test: 'StringEquals', variable: 'aws:RequestedRegion', values: regions }] };
}

/** Services whose roles the deploy role may pass (`iam:PassedToService`). */
export const PASSABLE_SERVICES = [
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
] as const;

/** Services whose service-linked roles a first deploy may have to create. */
export const SERVICE_LINKED_ROLE_SERVICES = [
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
] as const;

/**
 * The deploy role's service permissions, in groups that become one customer managed policy each
 * (`<projectPrefix>-github-deploy-<group>`): an inline role policy holds at most 10,240
 * characters in total, a managed policy 6,144, and with one name prefix per system the statements
 * outgrow one policy.
 *
 * Scoping, per service (`<p>` is each name prefix, `regions` the `aws:RequestedRegion` list):
 *
 * | group    | service (statement)                 | resources                                                     | why not narrower |
 * |----------|-------------------------------------|---------------------------------------------------------------|------------------|
 * | network  | EC2, Auto Scaling                   | `*`, regions                                                  | most EC2 actions take no name scoping |
 * | network  | Elastic Load Balancing              | `<type>/<p>-*` (load balancers, target groups, listeners, rules), regions | — |
 * | network  | ACM, CloudFront                     | `*`, regions + us-east-1 / global                             | generated ids, create takes `*` |
 * | network  | Route 53 records                    | `hostedzone/*`, `change/*`                                     | zone ids are configuration of each system |
 * | network  | WAFv2                               | web ACLs, IP sets, rule groups `<p>-*`; managed rule sets; `<p>-*` load balancers | — |
 * | compute  | ECS                                 | clusters, services, task definitions `<p>-*`; register/deregister `*` | RegisterTaskDefinition takes `*` |
 * | compute  | ECR                                 | `repository/<p>-*`; `GetAuthorizationToken` `*`               | the token takes `*` |
 * | compute  | Batch, Lambda, EventBridge, Scheduler | `<p>-*` names                                               | — |
 * | compute  | API Gateway, Application Auto Scaling, event source mappings | `*`, regions             | generated ids |
 * | data     | S3                                  | the bucket patterns                                           | — |
 * | data     | RDS, DynamoDB, SQS, ElastiCache, OpenSearch, Backup vaults | `<p>-*` names, regions                   | — |
 * | data     | Secrets Manager                     | `<p>-*`, `<p>/*`, `rds!*` (RDS-managed), regions              | — |
 * | data     | KMS, SSM parameters, Backup plans   | keys `*` (aliases `<p>-*`), `parameter/<p>/*`, plans `*`      | key and plan ids are generated |
 * | platform | IAM roles, policies, profiles       | `<p>-*`; pass only to the listed services                     | — |
 * | platform | CloudWatch Logs, alarms, dashboards, SNS | `<p>` log groups, alarms, topics; log delivery `*`, regions | vended-log APIs take `*` |
 * | platform | CloudTrail                          | `trail/<p>-*`, regions                                        | — |
 * | platform | Cognito, Bedrock logging            | `*`, regions                                                  | pool ids generated; the logging configuration is account-wide |
 */
export function deployPolicyGroups(s: PolicyScope): Record<string, DataAwsIamPolicyDocumentStatement[]> {
  const ps = s.namePrefixes;
  const arn = (service: string, resource: string, region = '*', account = '*'): string =>
    `arn:${s.partition}:${service}:${region}:${account}:${resource}`;
  const each = (f: (p: string) => string[]): string[] => ps.flatMap(f);
  const iam = (resource: string): string => `arn:${s.partition}:iam::*:${resource}`;
  const allow = (
    sid: string,
    actions: string[],
    resources: string[],
    scope: Pick<DataAwsIamPolicyDocumentStatement, 'condition'> = {},
  ): DataAwsIamPolicyDocumentStatement => ({ sid, effect: 'Allow', actions, resources, ...scope });

  const network = [
    // EC2 (VPC, subnets, routes, NAT, endpoints, security groups, flow logs, launch templates,
    // instances, Elastic IPs) and Auto Scaling: most actions take no name scoping.
    allow('ComputeAndNetwork', ['ec2:*', 'autoscaling:*'], ['*'], regional(s)),
    allow(
      'LoadBalancers',
      ['elasticloadbalancing:*'],
      each((p) => [arn('elasticloadbalancing', `*/${p}-*`)]),
      regional(s),
    ),
    // Describe* supports no resource-level scoping.
    allow('LoadBalancerDiscovery', ['elasticloadbalancing:Describe*'], ['*']),
    allow(
      'Certificates',
      [
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
      ['*'],
      edgeRegional(s),
    ),
    allow(
      'DnsRecords',
      [
        'route53:ChangeResourceRecordSets',
        'route53:GetChange',
        'route53:GetHostedZone',
        'route53:ListResourceRecordSets',
        'route53:ListTagsForResource',
      ],
      [`arn:${s.partition}:route53:::hostedzone/*`, `arn:${s.partition}:route53:::change/*`],
    ),
    // Distributions, origin access controls and policies have generated ids; CloudFront is global.
    allow('Cdn', ['cloudfront:*'], ['*']),
    allow(
      'WebAcls',
      ['wafv2:*'],
      [
        ...each((p) => [
          arn('wafv2', `*/webacl/${p}-*/*`),
          arn('wafv2', `*/ipset/${p}-*/*`),
          arn('wafv2', `*/rulegroup/${p}-*/*`),
          arn('elasticloadbalancing', `loadbalancer/app/${p}-*/*`),
        ]),
        arn('wafv2', '*/managedruleset/*/*'),
      ],
      edgeRegional(s),
    ),
  ];

  const compute = [
    allow(
      'Containers',
      ['ecs:*'],
      each((p) => [arn('ecs', `*/${p}-*`)]),
      regional(s),
    ),
    // Cloud Map namespaces and services are addressed by generated ids, not names: scoped by
    // region. A private DNS namespace is a private hosted zone associated with the VPC.
    allow('ServiceDiscovery', ['servicediscovery:*'], ['*'], regional(s)),
    allow(
      'ServiceDiscoveryZones',
      [
        'route53:AssociateVPCWithHostedZone',
        'route53:CreateHostedZone',
        'route53:DeleteHostedZone',
        'route53:DisassociateVPCFromHostedZone',
        'route53:GetHostedZone',
        'route53:UpdateHostedZoneComment',
      ],
      [`arn:${s.partition}:route53:::hostedzone/*`],
    ),

    allow(
      'ContainerTaskDefinitions',
      [
        'ecs:DeregisterTaskDefinition',
        'ecs:DescribeTaskDefinition',
        'ecs:ListTaskDefinitions',
        'ecs:RegisterTaskDefinition',
      ],
      ['*'],
      regional(s),
    ),
    allow(
      'Images',
      ['ecr:*'],
      // `<p>-<env>/<image>` (blueprints) and `<p>/<image>` (the account stack's shared repositories).
      each((p) => [arn('ecr', `repository/${p}-*`), arn('ecr', `repository/${p}/*`)]),
      regional(s),
    ),
    allow('ImageRegistryLogin', ['ecr:GetAuthorizationToken'], ['*'], regional(s)),
    allow(
      'BatchQueues',
      ['batch:*'],
      each((p) => [arn('batch', `*/${p}-*`)]),
      regional(s),
    ),
    allow(
      'FunctionsRulesSchedules',
      ['lambda:*', 'events:*', 'scheduler:*'],
      each((p) => [
        arn('lambda', `*:${p}-*`),
        arn('events', `rule/${p}-*`),
        arn('scheduler', `schedule/*/${p}-*`),
        arn('scheduler', `schedule-group/${p}-*`),
      ]),
      regional(s),
    ),
    // API ids, scalable targets and event source mappings are generated.
    allow(
      'GeneratedIdServices',
      [
        'apigateway:*',
        'application-autoscaling:*',
        'lambda:CreateEventSourceMapping',
        'lambda:DeleteEventSourceMapping',
        'lambda:GetEventSourceMapping',
        'lambda:UpdateEventSourceMapping',
      ],
      ['*'],
      regional(s),
    ),
  ];

  const data = [
    allow(
      'ProjectBuckets',
      ['s3:*'],
      s.bucketNamePatterns.flatMap((b) => [`arn:${s.partition}:s3:::${b}`, `arn:${s.partition}:s3:::${b}/*`]),
    ),
    allow(
      'DataStores',
      ['rds:*', 'dynamodb:*', 'sqs:*', 'elasticache:*', 'es:*', 'backup:*'],
      each((p) => [
        arn('rds', `*:${p}-*`),
        arn('dynamodb', `table/${p}-*`),
        arn('sqs', `${p}-*`),
        arn('elasticache', `*:${p}-*`),
        arn('es', `domain/${p}-*`),
        arn('backup', `backup-vault:${p}-*`),
      ]),
      regional(s),
    ),
    // Plan ids are generated; creating a vault mounts its storage, which takes no scoping.
    allow(
      'BackupPlans',
      [
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
      [arn('backup', 'backup-plan:*')],
      regional(s),
    ),
    allow('BackupVaultStorage', ['backup-storage:MountCapsule'], ['*'], regional(s)),
    allow(
      'Secrets',
      ['secretsmanager:*'],
      [
        ...each((p) => [arn('secretsmanager', `secret:${p}-*`), arn('secretsmanager', `secret:${p}/*`)]),
        arn('secretsmanager', 'secret:rds!*'),
      ],
      regional(s),
    ),
    allow('GeneratedPasswords', ['secretsmanager:GetRandomPassword'], ['*'], regional(s)),
    {
      // Key creation supports no resource scoping; aliases do. Keys are usable only as their key
      // policies allow.
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
      resources: [arn('kms', 'key/*'), ...each((p) => [arn('kms', `alias/${p}-*`)])],
      ...edgeRegional(s),
    },
    // AWS services (AWS Backup, RDS, ECR) use customer managed keys through grants they create.
    allow('KeyGrantsForAwsServices', ['kms:CreateGrant'], [arn('kms', 'key/*')], {
      condition: [{ test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] }],
    }),
    allow(
      'ProjectParameters',
      [
        'ssm:AddTagsToResource',
        'ssm:DeleteParameter',
        'ssm:GetParameter',
        'ssm:GetParameters',
        'ssm:ListTagsForResource',
        'ssm:PutParameter',
        'ssm:RemoveTagsFromResource',
      ],
      each((p) => [arn('ssm', `parameter/${p}/*`)]),
      regional(s),
    ),
    // Launch templates name their image as `resolve:ssm:/aws/service/...`; EC2 resolves it with
    // the caller's permissions.
    allow(
      'PublicImageParameters',
      ['ssm:GetParameter', 'ssm:GetParameters'],
      [arn('ssm', 'parameter/aws/service/*', '*', '')],
    ),
  ];

  const platform = [
    allow(
      'ProjectRoles',
      [
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
      each((p) => [iam(`role/${p}-*`), iam(`instance-profile/${p}-*`), iam(`policy/${p}-*`)]),
    ),
    allow(
      'PassProjectRoles',
      ['iam:PassRole'],
      each((p) => [iam(`role/${p}-*`)]),
      {
        condition: [
          { test: 'StringEquals', variable: 'iam:PassedToService', values: [...PASSABLE_SERVICES] },
        ],
      },
    ),
    allow('ServiceLinkedRoles', ['iam:CreateServiceLinkedRole'], [iam('role/aws-service-role/*')], {
      condition: [
        { test: 'StringEquals', variable: 'iam:AWSServiceName', values: [...SERVICE_LINKED_ROLE_SERVICES] },
      ],
    }),
    // `*` spans "/": `*/<p>-*` covers /ecs/<p>-..., /aws/lambda/<p>-..., /aws/rds/instance/<p>-...
    allow(
      'ProjectLogGroups',
      ['logs:*'],
      [
        ...each((p) => [
          arn('logs', `log-group:/${p}/*`),
          arn('logs', `log-group:*/${p}-*`),
          arn('logs', `log-group:aws-waf-logs-${p}-*`),
          arn('logs', `delivery-source:${p}-*`),
          arn('logs', `delivery-destination:${p}-*`),
        ]),
        // The Bedrock invocation log group has a fixed default name.
        arn('logs', 'log-group:/aws/bedrock/*'),
      ],
      edgeRegional(s),
    ),
    // Vended log deliveries (CloudFront logging v2) and log resource policies (WAF, OpenSearch)
    // take no resource scoping.
    allow(
      'LogDeliveries',
      [
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
      ['*'],
      edgeRegional(s),
    ),
    allow(
      'ProjectAlarmsTopicsDashboards',
      [
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
      each((p) => [
        arn('cloudwatch', `alarm:${p}-*`),
        arn('cloudwatch', `dashboard/${p}-*`, '', '*'),
        arn('sns', `${p}-*`),
      ]),
      edgeRegional(s),
    ),
    // The account stack's audit trail.
    allow(
      'ProjectTrails',
      ['cloudtrail:*'],
      each((p) => [arn('cloudtrail', `trail/${p}-*`)]),
      regional(s),
    ),
    allow(
      'IdentityAndModelLogging',
      [
        'bedrock:DeleteModelInvocationLoggingConfiguration',
        'bedrock:GetModelInvocationLoggingConfiguration',
        'bedrock:PutModelInvocationLoggingConfiguration',
        'cognito-idp:*',
      ],
      ['*'],
      regional(s),
    ),
  ];
  return { network, compute, data, platform };
}

/** Every service statement of the deploy role (all groups), e.g. for reviews and tests. */
export function deployStatements(s: PolicyScope): DataAwsIamPolicyDocumentStatement[] {
  return Object.values(deployPolicyGroups(s)).flat();
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
  (props.namePrefixes ?? []).forEach((n, i) =>
    v.check(
      PREFIX_RE.test(n),
      `namePrefixes[${i}]`,
      n,
      'must be 3-32 lowercase letters, digits and hyphens, starting with a letter (no wildcards)',
      'use the system names, e.g. ["mlmon", "mlcicd", "modelreg"]',
    ),
  );
  v.check(
    props.namePrefixes === undefined || props.namePrefixes.length > 0,
    'namePrefixes',
    props.namePrefixes,
    'is empty, so the deploy role could manage no resource',
    'list the system names, or leave it unset for [projectPrefix]',
  );
  const branches = [
    ...(props.planBranches ?? ['main']).map((b, i) => [`planBranches[${i}]`, b] as const),
    ...(props.deployBranches ?? []).map((b, i) => [`deployBranches[${i}]`, b] as const),
  ];
  branches.forEach(([field, b]) =>
    v.check(
      BRANCH_RE.test(b),
      field,
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
  const deployBranches = props.deployBranches ?? [];
  v.check(
    deployBranches.length + environments.length > 0,
    'deployBranches',
    deployBranches,
    'and deployEnvironments are both empty, so nothing could assume the deploy role',
    'list at least one environment (e.g. "prod") or branch',
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

/** Props of {@link GithubActionsRole}. */
export interface GithubActionsRoleProps {
  /** Role name, 1-64 characters of `A-Za-z0-9+=,.@_-`, e.g. `modelreg-prod-app-deploy`. */
  readonly roleName: string;
  /**
   * The GitHub repository whose workflows may assume the role, `owner/name`, spelled exactly as
   * GitHub does (the `sub` claim is compared case-sensitively).
   */
  readonly repository: string;
  /**
   * Branches whose workflow runs (jobs without a GitHub environment) may assume the role: subject
   * `repo:<repository>:ref:refs/heads/<branch>`. Exact names, no wildcards.
   * @default []
   */
  readonly branches?: readonly string[];
  /**
   * GitHub environments whose jobs may assume the role: subject
   * `repo:<repository>:environment:<name>`. Protect each with required reviewers and a
   * deployment-branch rule.
   * @default []
   */
  readonly environments?: readonly string[];
  /** ARN of the account's GitHub Actions OIDC provider (see {@link GithubOidcRoles}). */
  readonly oidcProviderArn: string;
  /** Role description. @default - "GitHub Actions role of <repository>" */
  readonly description?: string;
  /** Maximum session length, 3600 to 43200 seconds. @default 3600 */
  readonly maxSessionDurationInSeconds?: number;
  /** Tags of the role; `Name` is set to the role name. @default - none */
  readonly tags?: Tags;
}

const ROLE_NAME_RE = /^[\w+=,.@-]{1,64}$/;
const OIDC_PROVIDER_ARN_RE =
  /^arn:aws(-cn|-us-gov)?:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/;

/**
 * A role a GitHub Actions workflow of one repository assumes through the account's OIDC provider,
 * for an application's own pipeline (push images, roll a service, publish a site): the trust
 * policy requires `aud = sts.amazonaws.com` and a `sub` that is exactly one of the listed branches
 * or environments (never pull requests), and the permissions come only from grants
 * (`repository.grantPush(role)`, `service.grantDeploy(role)`, `site.grantDeploy(role)`), collected
 * in one inline policy. No managed policy is attached.
 *
 * This is the application's deploy role, unlike {@link GithubOidcRoles}, whose roles apply
 * Terraform for the infrastructure repository.
 */
export class GithubActionsRole extends Construct {
  public readonly role: IamRole;
  public readonly roleArn: string;
  public readonly roleName: string;
  /** The rendered trust policy. */
  public readonly trustPolicyJson: string;
  /** The token subjects the trust policy admits. */
  public readonly subjects: readonly string[];

  private readonly statements: DataAwsIamPolicyDocumentStatement[] = [];
  private readonly sids = new Set<string>();
  private readonly policyName: string;
  private document?: DataAwsIamPolicyDocument;

  constructor(scope: Construct, id: string, props: GithubActionsRoleProps) {
    super(scope, id);
    const branches = props.branches ?? [];
    const environments = props.environments ?? [];
    const v = new Validator(this);
    v.check(
      ROLE_NAME_RE.test(props.roleName),
      'roleName',
      props.roleName,
      'must be 1-64 characters of A-Z, a-z, 0-9 and +=,.@_-',
      'use a name such as "modelreg-prod-app-deploy"',
    );
    v.check(
      REPOSITORY_RE.test(props.repository) && !/\/\.{1,2}$/.test(props.repository),
      'repository',
      props.repository,
      'is not a GitHub repository in the form owner/name (no wildcards)',
      'use the repository as GitHub spells it, e.g. "example/model-registry"',
    );
    branches.forEach((b, i) =>
      v.check(
        BRANCH_RE.test(b),
        `branches[${i}]`,
        b,
        'is not an exact git branch name (wildcards such as * and ? are not allowed)',
        'list each branch by its full name, e.g. "main"',
      ),
    );
    environments.forEach((e, i) =>
      v.check(
        ENVIRONMENT_RE.test(e),
        `environments[${i}]`,
        e,
        'is not an exact GitHub environment name (no wildcards, colons, commas or quotes)',
        'list each environment by its name, e.g. "prod"',
      ),
    );
    v.check(
      branches.length + environments.length > 0,
      'branches',
      branches,
      'and environments are both empty, so no workflow could assume the role',
      'list at least one branch or GitHub environment',
    );
    v.checkOptional(
      props.oidcProviderArn,
      (a) => OIDC_PROVIDER_ARN_RE.test(a),
      'oidcProviderArn',
      'is not the ARN of a GitHub Actions OIDC provider',
      `use arn:aws:iam::<account>:oidc-provider/${GITHUB_OIDC_HOST}`,
    );
    v.checkIntRange(props.maxSessionDurationInSeconds, 3600, 43200, 'maxSessionDurationInSeconds');
    v.throwIfInvalid();

    this.policyName = `${props.roleName}-access`;
    this.subjects = [
      ...environments.map((e) => githubSubjects.environment(props.repository, e)),
      ...branches.map((b) => githubSubjects.branch(props.repository, b)),
    ];
    const trust = new DataAwsIamPolicyDocument(this, 'trust-policy', {
      statement: [
        {
          sid: 'GithubActionsOidc',
          effect: 'Allow',
          actions: ['sts:AssumeRoleWithWebIdentity'],
          principals: [{ type: 'Federated', identifiers: [props.oidcProviderArn] }],
          condition: [
            { test: 'StringEquals', variable: `${GITHUB_OIDC_HOST}:aud`, values: [GITHUB_OIDC_AUDIENCE] },
            { test: 'StringEquals', variable: `${GITHUB_OIDC_HOST}:sub`, values: [...this.subjects] },
          ],
        },
      ],
    });
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: props.description ?? `GitHub Actions role of ${props.repository}`,
      assumeRolePolicy: trust.json,
      maxSessionDuration: props.maxSessionDurationInSeconds ?? 3600,
      forceDetachPolicies: true,
      tags: withName(props.roleName, props.tags),
    });
    this.roleArn = this.role.arn;
    this.roleName = this.role.name;
    this.trustPolicyJson = trust.json;
  }

  /**
   * Adds statements to the role's inline policy (grants call this). A repeated `sid` gets a
   * numeric suffix.
   */
  public addStatements(...statements: DataAwsIamPolicyDocumentStatement[]): void {
    for (const s of statements) {
      let sid = s.sid;
      if (sid !== undefined) {
        const base = sid.replace(/[^A-Za-z0-9]/g, '') || 'Statement';
        sid = base;
        for (let n = 2; this.sids.has(sid); n++) sid = `${base}${n}`;
        this.sids.add(sid);
      }
      this.statements.push({ ...s, sid });
    }
    if (this.statements.length === 0) return;
    if (!this.document) {
      this.document = new DataAwsIamPolicyDocument(this, 'policy-document');
      new IamRolePolicy(this, 'policy', {
        name: this.policyName,
        role: this.role.id,
        policy: this.document.json,
      });
    }
    this.document.putStatement(this.statements);
  }

  /** The statements granted so far (a copy). */
  public get policyStatements(): readonly DataAwsIamPolicyDocumentStatement[] {
    return [...this.statements];
  }
}
