import { Construct } from 'constructs';
import {
  DataAwsIamPolicyDocument,
  DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrRepositoryPolicy } from '@cdktf/provider-aws/lib/ecr-repository-policy';
import { Validator, requireProps } from '../core/validation';
import { isKmsKeyArn } from '../core/aws-rules';
import { PARTITIONS, isAccountId, isPartition } from '../core/arn';
import { Partition } from '../core/regions';
import { Tags, withName } from '../core/tags';
import { IGrantable } from '../iam/grants';
import { ECR_ACTIONS } from '../iam/actions/ecr';
import { renderLifecyclePolicy } from './lifecycle-policy';
import { isRepositoryName } from './repository-name';

/** Whether an image tag, once pushed, may be pushed again to point at another image. */
export type TagMutability = 'IMMUTABLE' | 'MUTABLE';

/**
 * Encryption at rest of the repository's images.
 *
 * | value    | key                                                | cost                 |
 * |----------|----------------------------------------------------|----------------------|
 * | `KMS`    | `kmsKeyArn`, or the AWS managed `aws/ecr` key       | KMS requests; a CMK is $1/month |
 * | `AES256` | S3-managed keys (no KMS audit trail, no key policy) | none                 |
 */
export type RepositoryEncryption = 'KMS' | 'AES256';

/** Props of {@link Repository}. */
export interface RepositoryProps {
  /**
   * Repository name: 2-256 characters, lowercase letters, digits and `._-` separators, with `/`
   * namespaces, e.g. `team/model-api`.
   */
  readonly repositoryName: string;
  /**
   * Tag mutability. `IMMUTABLE` makes a tag (`1.4.2`) always mean the image first pushed with it,
   * so what a deployment pinned is what runs. `MUTABLE` lets a push move a tag (`latest`), which
   * also lets anyone with push rights replace a deployed image.
   * @default 'IMMUTABLE'
   */
  readonly imageTagMutability?: TagMutability;
  /**
   * Basic scanning (OS package CVEs) of every pushed image, free. Enhanced scanning (Amazon
   * Inspector, language packages, continuous) is a registry-wide setting: see `RegistryScanning`;
   * once it is on, this flag is ignored.
   * @default true
   */
  readonly scanOnPush?: boolean;
  /**
   * Encryption at rest; see {@link RepositoryEncryption}. It can't change after creation (a change
   * replaces the repository and deletes its images).
   * @default 'KMS'
   */
  readonly encryption?: RepositoryEncryption;
  /**
   * Customer managed KMS key ARN (with `encryption: 'KMS'`). ECR creates a grant on it when the
   * repository is created, so pullers and pushers need no KMS permissions of their own.
   * @default - the AWS managed key `aws/ecr`
   */
  readonly kmsKeyArn?: string;
  /**
   * Attach a lifecycle policy that expires old images (rules in `lifecyclePolicyRules`). Without
   * one, every image pushed stays and is billed ($0.10 per GB-month).
   * @default true
   */
  readonly lifecyclePolicy?: boolean;
  /** Tagged images kept (per prefix, when `tagPrefixes` is set); older ones expire. 1-10,000. @default 30 */
  readonly maxTaggedImages?: number;
  /**
   * Tag prefixes, one lifecycle rule each (e.g. `['v', 'release-']`): each keeps `maxTaggedImages`
   * images whose tag starts with it; tagged images matching no prefix are kept.
   * @default - one rule over every tagged image
   */
  readonly tagPrefixes?: string[];
  /**
   * Days after push before an untagged image expires, 1-3,650. Untagged images are what a push
   * leaves behind when a mutable tag moves, and interrupted pushes.
   * @default 7
   */
  readonly untaggedImageExpirationInDays?: number;
  /**
   * Other accounts (12-digit ids) whose principals may pull, through a repository policy naming
   * each account root: each account still decides, with its own IAM policies, who in it may pull.
   * @default - no repository policy
   */
  readonly pullAccountIds?: string[];
  /**
   * Extra repository policy statements (e.g. a service principal with an `aws:SourceAccount`
   * condition). A statement allowing `*` without a condition is refused (it would make the
   * repository public).
   * @default - none
   */
  readonly policyStatements?: DataAwsIamPolicyDocumentStatement[];
  /**
   * Let `terraform destroy` delete the repository with its images. Off, destroy fails while
   * images exist, which protects what deployments run.
   * @default false
   */
  readonly forceDelete?: boolean;
  /** Partition of the account-root ARNs in the repository policy. @default 'aws' */
  readonly partition?: Partition;
  /** Tags of the repository; `Name` is set to the repository name. @default - none */
  readonly tags?: Tags;
}

/** Image tag alphabet; a prefix may end anywhere. */
const TAG_PREFIX_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** A statement-id prefix from a construct id: `model-image` becomes `ModelImage`. */
function sidPrefixFor(id: string): string {
  const words = id.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const sid = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return sid === '' ? 'Repository' : sid;
}

/** True when the statement allows everyone (`*`) with no condition to narrow it. */
function isPublicStatement(s: DataAwsIamPolicyDocumentStatement): boolean {
  if (s.effect === 'Deny') return false;
  const principals = Array.isArray(s.principals) ? s.principals : [];
  const everyone = principals.some(
    (p) =>
      (p.type === '*' || p.type === 'AWS') && Array.isArray(p.identifiers) && p.identifiers.includes('*'),
  );
  const conditions = Array.isArray(s.condition) ? s.condition : [];
  return everyone && conditions.length === 0;
}

/**
 * A private Amazon ECR repository with the settings image supply chains expect: immutable tags,
 * scan on push, KMS encryption, a lifecycle policy, no force delete, and grants for the roles that
 * pull and push.
 *
 * ```ts
 * const repo = new Repository(this, 'api-image', { repositoryName: 'team/model-api' });
 * repo.grantPull(taskExecutionRole);
 * repo.grantPush(ciRole);
 * ```
 */
export class Repository extends Construct {
  /** The repository resource. */
  public readonly repository: EcrRepository;
  /** Repository name. */
  public readonly repositoryName: string;
  /** Repository ARN. */
  public readonly repositoryArn: string;
  /** `<registry>.dkr.ecr.<region>.amazonaws.com/<name>`, what `docker push` and task definitions use. */
  public readonly repositoryUrl: string;
  /** The registry (account) id. */
  public readonly registryId: string;
  /** The lifecycle policy JSON, when one is attached. */
  public readonly lifecyclePolicyJson?: string;
  /** The repository policy JSON, when one is attached. */
  public readonly repositoryPolicyJson?: string;

  private readonly sidPrefix: string;

  constructor(scope: Construct, id: string, props: RepositoryProps) {
    super(scope, id);
    requireProps(this, props, { repositoryName: 'string' });
    validate(this, props);
    this.sidPrefix = sidPrefixFor(id);
    const encryption = props.encryption ?? 'KMS';

    this.repository = new EcrRepository(this, 'repository', {
      name: props.repositoryName,
      imageTagMutability: props.imageTagMutability ?? 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: props.scanOnPush ?? true },
      encryptionConfiguration: [
        encryption === 'KMS'
          ? { encryptionType: 'KMS', kmsKey: props.kmsKeyArn }
          : { encryptionType: 'AES256' },
      ],
      forceDelete: props.forceDelete ?? false,
      tags: withName(props.repositoryName, props.tags),
    });
    this.repositoryName = this.repository.name;
    this.repositoryArn = this.repository.arn;
    this.repositoryUrl = this.repository.repositoryUrl;
    this.registryId = this.repository.registryId;

    if (props.lifecyclePolicy ?? true) {
      this.lifecyclePolicyJson = renderLifecyclePolicy({
        maxTaggedImages: props.maxTaggedImages ?? 30,
        tagPrefixes: props.tagPrefixes ?? [],
        untaggedImageExpirationInDays: props.untaggedImageExpirationInDays ?? 7,
      });
      new EcrLifecyclePolicy(this, 'lifecycle-policy', {
        repository: this.repository.name,
        policy: this.lifecyclePolicyJson,
      });
    }

    const partition = props.partition ?? 'aws';
    const statements: DataAwsIamPolicyDocumentStatement[] = [];
    if (props.pullAccountIds && props.pullAccountIds.length > 0) {
      statements.push({
        sid: 'CrossAccountPull',
        effect: 'Allow',
        principals: [
          { type: 'AWS', identifiers: props.pullAccountIds.map((a) => `arn:${partition}:iam::${a}:root`) },
        ],
        actions: [...ECR_ACTIONS.pull],
      });
    }
    statements.push(...(props.policyStatements ?? []));
    if (statements.length > 0) {
      // A repository policy has no Resource element: it applies to the repository it is attached to.
      const document = new DataAwsIamPolicyDocument(this, 'policy-document', { statement: statements });
      this.repositoryPolicyJson = document.json;
      new EcrRepositoryPolicy(this, 'policy', { repository: this.repository.name, policy: document.json });
    }
  }

  /**
   * Lets the grantee pull images from this repository (and get the registry login token, which
   * IAM can't scope to a repository).
   */
  public grantPull(grantee: IGrantable): void {
    grantee.addStatements(this.repositoryStatement('Pull', ECR_ACTIONS.pull), authTokenStatement());
  }

  /** Lets the grantee push images to this repository (no delete: the lifecycle policy expires images). */
  public grantPush(grantee: IGrantable): void {
    grantee.addStatements(this.repositoryStatement('Push', ECR_ACTIONS.push), authTokenStatement());
  }

  /** Pull and push (see {@link grantPull} and {@link grantPush}). */
  public grantPullPush(grantee: IGrantable): void {
    grantee.addStatements(
      this.repositoryStatement('PullPush', [...new Set([...ECR_ACTIONS.pull, ...ECR_ACTIONS.push])]),
      authTokenStatement(),
    );
  }

  private repositoryStatement(kind: string, actions: readonly string[]): DataAwsIamPolicyDocumentStatement {
    return {
      sid: `${this.sidPrefix}${kind}`,
      effect: 'Allow',
      actions: [...actions],
      resources: [this.repositoryArn],
    };
  }
}

function authTokenStatement(): DataAwsIamPolicyDocumentStatement {
  // ecr:GetAuthorizationToken supports no resource-level permissions: Resource must be "*".
  return {
    sid: 'EcrAuthToken',
    effect: 'Allow',
    actions: [...ECR_ACTIONS.authorizationToken],
    resources: ['*'],
  };
}

function validate(scope: Construct, props: RepositoryProps): void {
  const v = new Validator(scope);
  v.checkOptional(
    props.repositoryName,
    (n) => isRepositoryName(n),
    'repositoryName',
    "is not an ECR repository name (2-256 lowercase letters and digits, separated by one of '.', '_', '-', with '/' between namespaces)",
    'use a name such as "team/model-api"',
  );
  v.check(
    props.imageTagMutability === undefined || ['IMMUTABLE', 'MUTABLE'].includes(props.imageTagMutability),
    'imageTagMutability',
    props.imageTagMutability,
    'is not "IMMUTABLE" or "MUTABLE"',
    'use "IMMUTABLE" (default)',
  );
  v.check(
    props.encryption === undefined || ['KMS', 'AES256'].includes(props.encryption),
    'encryption',
    props.encryption,
    'is not "KMS" or "AES256"',
    'use "KMS" (default)',
  );
  v.checkOptional(
    props.kmsKeyArn,
    (a) => isKmsKeyArn(a),
    'kmsKeyArn',
    'is not a KMS key ARN',
    'pass "arn:aws:kms:<region>:<account>:key/<key-id>", or leave it unset for the AWS managed key',
  );
  v.check(
    !(props.kmsKeyArn !== undefined && props.encryption === 'AES256'),
    'kmsKeyArn',
    props.kmsKeyArn,
    'is not used with encryption "AES256"',
    'remove kmsKeyArn, or use encryption "KMS"',
  );
  const lifecycle = props.lifecyclePolicy ?? true;
  v.checkIntRange(props.maxTaggedImages, 1, 10000, 'maxTaggedImages');
  v.checkIntRange(props.untaggedImageExpirationInDays, 1, 3650, 'untaggedImageExpirationInDays');
  const prefixes = props.tagPrefixes ?? [];
  prefixes.forEach((p, i) =>
    v.checkOptional(
      p,
      (x) => TAG_PREFIX_RE.test(x),
      `tagPrefixes[${i}]`,
      "is not an image tag prefix (1-128 of letters, digits, '_', '.', '-'; not starting with '.' or '-')",
      'use a prefix such as "v" or "release-"',
    ),
  );
  const dupes = prefixes.filter((p, i) => prefixes.indexOf(p) !== i);
  v.check(dupes.length === 0, 'tagPrefixes', dupes, 'lists a prefix more than once', 'list each prefix once');
  v.check(
    props.tagPrefixes === undefined || prefixes.length > 0,
    'tagPrefixes',
    props.tagPrefixes,
    'is empty',
    'list at least one prefix, or leave it unset to keep the newest images of any tag',
  );
  if (!lifecycle) {
    for (const [field, value] of [
      ['maxTaggedImages', props.maxTaggedImages],
      ['tagPrefixes', props.tagPrefixes],
      ['untaggedImageExpirationInDays', props.untaggedImageExpirationInDays],
    ] as const) {
      v.check(
        value === undefined,
        field,
        value,
        'has no effect with lifecyclePolicy: false',
        `remove ${field}, or turn lifecyclePolicy on`,
      );
    }
  }
  const accounts = props.pullAccountIds ?? [];
  accounts.forEach((a, i) =>
    v.checkOptional(
      a,
      (x) => isAccountId(x),
      `pullAccountIds[${i}]`,
      'is not a 12-digit AWS account id',
      'pass account ids such as "123456789012"',
    ),
  );
  const dupAccounts = accounts.filter((a, i) => accounts.indexOf(a) !== i);
  v.check(
    dupAccounts.length === 0,
    'pullAccountIds',
    dupAccounts,
    'lists an account more than once',
    'list each account once',
  );
  (props.policyStatements ?? []).forEach((s, i) =>
    v.check(
      !isPublicStatement(s),
      `policyStatements[${i}]`,
      s.sid ?? i,
      'allows every principal ("*") with no condition: the repository would be public',
      'name the accounts or services allowed, or add a condition such as aws:PrincipalOrgID',
    ),
  );
  v.check(
    props.partition === undefined || isPartition(props.partition),
    'partition',
    props.partition,
    `is not an AWS partition (${PARTITIONS.join(', ')})`,
    'use "aws", "aws-cn" or "aws-us-gov"',
  );
  v.throwIfInvalid();
}
