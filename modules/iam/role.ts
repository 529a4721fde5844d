import { Construct } from 'constructs';
import {
  DataAwsIamPolicyDocument,
  DataAwsIamPolicyDocumentStatement,
  DataAwsIamPolicyDocumentStatementCondition,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Validator } from '../core/validation';
import { Tags, withName } from '../core/tags';
import { IGrantable } from './grants';

/** Role names: 1-64 characters of IAM's name alphabet. */
export const ROLE_NAME_RE = /^[\w+=,.@-]{1,64}$/;
const SERVICE_PRINCIPAL_RE = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/;
const MANAGED_POLICY_ARN_RE = /^arn:aws(-cn|-us-gov)?:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/;
const ROLE_PATH_RE = /^\/([\x21-\x7e]{1,510}\/)?$/;

/** Props of {@link Role}. */
export interface RoleProps {
  /** Role name, 1-64 characters of `A-Za-z0-9+=,.@_-`, e.g. `mlcicd-dev-task`. */
  readonly name: string;
  /**
   * Service principals that may assume the role, e.g. `['ecs-tasks.amazonaws.com']`,
   * `['lambda.amazonaws.com']`.
   */
  readonly assumedBy: string[];
  /**
   * Conditions on the trust statement, e.g. `aws:SourceAccount` against the confused-deputy
   * problem. @default - none
   */
  readonly trustConditions?: DataAwsIamPolicyDocumentStatementCondition[];
  /** Role description. @default - "<name> (assumed by <services>)" */
  readonly description?: string;
  /** AWS or customer managed policies to attach, by ARN. Prefer grants. @default [] */
  readonly managedPolicyArns?: string[];
  /** Permissions boundary policy ARN. @default - none */
  readonly permissionsBoundaryArn?: string;
  /** IAM path. @default '/' */
  readonly path?: string;
  /** Maximum session duration, 3,600 to 43,200 seconds. @default 3600 */
  readonly maxSessionDurationInSeconds?: number;
  /** Tags for the role; `Name` is set to `name`. @default - none */
  readonly tags?: Tags;
}

/**
 * An IAM role assumed by AWS services, whose permissions come from grants.
 *
 * Statements added with {@link addStatements} (directly or through a construct's `grant*`
 * method) go into one inline policy, built by `aws_iam_policy_document` (computed locally by
 * Terraform, no AWS call). The policy is created with the first statement, so a role without
 * grants has no empty policy. Inline role policies are limited to 10,240 characters.
 */
export class Role extends Construct implements IGrantable {
  public readonly role: IamRole;
  public readonly roleName: string;
  public readonly roleArn: string;
  /** Role id (the name), for resources that take `role`. */
  public readonly roleId: string;

  private readonly statements: DataAwsIamPolicyDocumentStatement[] = [];
  private readonly sids = new Set<string>();
  private readonly policyName: string;
  private readonly tags?: Tags;
  private document?: DataAwsIamPolicyDocument;
  private readonly attached = new Set<string>();

  constructor(scope: Construct, id: string, props: RoleProps) {
    super(scope, id);
    validateRoleProps(new Validator(this), props).throwIfInvalid();
    this.tags = props.tags;
    // At most 71 characters (names are at most 64), within IAM's 128 for policy names.
    this.policyName = `${props.name}-access`;

    const trust = new DataAwsIamPolicyDocument(this, 'trust-policy', {
      statement: [
        {
          sid: 'AssumeRole',
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: [...props.assumedBy] }],
          condition: props.trustConditions,
        },
      ],
    });
    this.role = new IamRole(this, 'role', {
      name: props.name,
      path: props.path,
      description: props.description ?? `${props.name} (assumed by ${props.assumedBy.join(', ')})`,
      assumeRolePolicy: trust.json,
      permissionsBoundary: props.permissionsBoundaryArn,
      maxSessionDuration: props.maxSessionDurationInSeconds,
      forceDetachPolicies: true,
      tags: withName(props.name, props.tags),
    });
    this.roleName = this.role.name;
    this.roleArn = this.role.arn;
    this.roleId = this.role.id;
    for (const arn of props.managedPolicyArns ?? []) this.addManagedPolicy(arn);
  }

  /**
   * Adds statements to the role's inline policy. A statement whose `sid` is already taken gets a
   * numeric suffix (IAM requires unique sids).
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

  /** Attaches a managed policy by ARN (once; a second call with the same ARN does nothing). */
  public addManagedPolicy(policyArn: string): void {
    const v = new Validator(this);
    v.checkOptional(
      policyArn,
      (a) => MANAGED_POLICY_ARN_RE.test(a),
      'managedPolicyArns',
      'is not an IAM managed policy ARN',
      'use "arn:aws:iam::aws:policy/<name>" or "arn:aws:iam::<account>:policy/<name>"',
    );
    v.throwIfInvalid();
    if (this.attached.has(policyArn)) return;
    this.attached.add(policyArn);
    new IamRolePolicyAttachment(this, `managed-${this.attached.size}`, {
      role: this.role.name,
      policyArn,
    });
  }

  /** The statements added so far (a copy). */
  public get policyStatements(): readonly DataAwsIamPolicyDocumentStatement[] {
    return [...this.statements];
  }

  /** The rendered inline policy JSON, once a statement exists. */
  public get policyJson(): string | undefined {
    return this.document?.json;
  }

  /** Tags the role was created with (for resources a grant adds beside it). */
  public get resourceTags(): Tags | undefined {
    return this.tags;
  }
}

/** Problems with {@link RoleProps}, collected into `v`. */
export function validateRoleProps(v: Validator, props: RoleProps): Validator {
  v.check(
    typeof props.name === 'string' && ROLE_NAME_RE.test(props.name),
    'name',
    props.name,
    'must be 1-64 characters of A-Z, a-z, 0-9 and +=,.@_-',
    'use a name such as "mlcicd-dev-task"',
  );
  const services = Array.isArray(props.assumedBy) ? props.assumedBy : [];
  v.check(
    Array.isArray(props.assumedBy) && services.length > 0,
    'assumedBy',
    props.assumedBy,
    'must list at least one service principal',
    'pass e.g. ["ecs-tasks.amazonaws.com"]',
  );
  const bad = services.filter((s) => typeof s !== 'string' || !SERVICE_PRINCIPAL_RE.test(s));
  v.check(
    bad.length === 0,
    'assumedBy',
    bad,
    'has entries that are not service principals',
    'use principals such as "lambda.amazonaws.com"',
  );
  v.checkOptional(
    props.permissionsBoundaryArn,
    (a) => MANAGED_POLICY_ARN_RE.test(a),
    'permissionsBoundaryArn',
    'is not an IAM policy ARN',
    'use "arn:aws:iam::<account>:policy/<name>"',
  );
  v.checkOptional(
    props.path,
    (p) => ROLE_PATH_RE.test(p),
    'path',
    'is not an IAM path (it must start and end with "/")',
    'use "/" or a path such as "/service-roles/"',
  );
  v.checkIntRange(props.maxSessionDurationInSeconds, 3600, 43200, 'maxSessionDurationInSeconds');
  return v;
}
