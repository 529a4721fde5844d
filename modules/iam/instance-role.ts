import { Construct } from 'constructs';
import {
  DataAwsIamPolicyDocument,
  DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { Validator, requireProps } from '../core/validation';
import { isValidRegion } from '../core/aws-rules';
import { Tags, withName } from '../core/tags';
import {
  BucketRef,
  IGrantable,
  checkS3Prefixes,
  grantBucketRead,
  grantBucketWrite,
  grantCloudWatchAgentDescribe,
  grantKmsKeys,
  grantLogsWrite,
  grantPutMetricData,
  grantSsmParameters,
} from './grants';
import { SSM_ACTIONS } from './actions/ssm';
import { SSMMESSAGES_ACTIONS } from './actions/ssmmessages';
import { EC2MESSAGES_ACTIONS } from './actions/ec2messages';

/**
 * How the SSM agent on the host gets its permissions (Session Manager, Run Command, Patch
 * Manager, inventory).
 *
 * | value         | policy                                           | note |
 * |---------------|--------------------------------------------------|------|
 * | `scoped`      | the actions of AmazonSSMManagedInstanceCore, as an inline statement, minus `ssm:GetParameter(s)` | the host reads only its own parameter path |
 * | `awsManaged`  | AWS managed AmazonSSMManagedInstanceCore          | AWS keeps it current, but it allows `ssm:GetParameter(s)` on `*`: the host can read every parameter in the account, including other environments' SecureStrings encrypted with `aws/ssm` |
 * | `none`        | nothing                                          | no Session Manager: the host has no admin path without SSH |
 */
export type SsmAgentPolicy = 'scoped' | 'awsManaged' | 'none';

/** Props of {@link InstanceRole}. */
export interface InstanceRoleProps {
  /**
   * Prefix of the role (`<name>-role`), instance profile (`<name>-profile`) and inline policy,
   * e.g. `mlmon-dev-app`. At most 59 characters of `[A-Za-z0-9+=,.@_-]` (IAM role names are
   * limited to 64).
   */
  readonly name: string;
  /** The app bucket. */
  readonly bucket: BucketRef;
  /** Key prefixes the host may list and read, each ending in '/'. `[]` grants none. @default ['models/', 'data/'] */
  readonly readPrefixes?: string[];
  /** Key prefixes the host may list and write (no delete), each ending in '/'. `[]` grants none. @default ['monitoring/', 'logs/'] */
  readonly writePrefixes?: string[];
  /**
   * Log groups the host writes to (CloudWatch agent, Docker `awslogs` driver). The groups must
   * exist: the role cannot create groups, so `awslogs-create-group` must stay off.
   */
  readonly logGroupArns: string[];
  /**
   * SSM parameter path the host may read and write, starting and ending with '/', e.g.
   * `/mlmon/dev/`. The Grafana admin password is generated on the host and stored there as a
   * SecureString (with the `aws/ssm` key, which needs no extra KMS permission).
   */
  readonly ssmParameterPrefix: string;
  /**
   * Custom metric namespaces the host may publish to (`cloudwatch:PutMetricData` is limited to
   * them by condition). The application must publish under one of these.
   * @default ['MLMon']
   */
  readonly metricNamespaces?: string[];
  /**
   * Grant what the CloudWatch agent needs: PutMetricData in its `CWAgent` namespace and
   * `ec2:DescribeTags/DescribeVolumes/DescribeInstances` (resource `*`, read-only metadata). This
   * replaces the AWS managed CloudWatchAgentServerPolicy, which allows writing to every log
   * group in the account.
   * @default true
   */
  readonly cloudWatchAgent?: boolean;
  /** KMS keys the host may use through S3 and SSM (e.g. the bucket's SSE-KMS key). @default [] */
  readonly kmsKeyArns?: string[];
  /** SSM agent permissions; see {@link SsmAgentPolicy}. @default 'scoped' */
  readonly ssmAgentPolicy?: SsmAgentPolicy;
  /** Account id for SSM parameter ARNs; narrows them from `*`. @default '*' */
  readonly accountId?: string;
  /** Region for SSM parameter ARNs; narrows them from `*`. @default '*' */
  readonly region?: string;
  /** ARN partition. @default 'aws' */
  readonly partition?: 'aws' | 'aws-cn' | 'aws-us-gov';
  /** Permissions boundary for the role. @default - none */
  readonly permissionsBoundaryArn?: string;
  /** Tags for the role and instance profile; each also gets a `Name` tag. @default - none */
  readonly tags?: Tags;
}

/** `<name>-role` must fit IAM's 64-character role-name limit. */
export const MAX_ROLE_NAME_PREFIX_LENGTH = 64 - '-role'.length;
const ROLE_NAME_RE = /^[\w+=,.@-]+$/;
const ACCOUNT_RE = /^\d{12}$/;
const POLICY_ARN_RE = /^arn:aws(-cn|-us-gov)?:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/;

/**
 * What the SSM agent calls (Session Manager, Run Command, inventory): the actions of
 * AmazonSSMManagedInstanceCore minus `ssm:GetParameter(s)`, from the `ssm`, `ssmmessages` and
 * `ec2messages` action tables. None supports resource-level permissions.
 */
export const SSM_AGENT_ACTIONS: readonly string[] = [
  ...SSM_ACTIONS.agent,
  ...SSMMESSAGES_ACTIONS.sessionChannels,
  ...EC2MESSAGES_ACTIONS.agent,
];

/**
 * The IAM role and instance profile of the model-monitoring host: read models and reference
 * data, write monitoring reports and logs (never delete), write to its own log groups, publish
 * metrics to its own namespaces, keep secrets under its own SSM path, and be reachable through
 * Session Manager. Every statement is scoped to named resources except the few AWS does not
 * allow scoping, each documented where it is granted.
 *
 * All statements go into one inline policy built by `aws_iam_policy_document` (computed locally
 * by Terraform); it is never empty, since the SSM parameter grant is unconditional. Inline role
 * policies are limited to 10,240 characters; the default statements use about a quarter of that.
 */
export class InstanceRole extends Construct implements IGrantable {
  public readonly roleName: string;
  public readonly roleArn: string;
  public readonly instanceProfileName: string;
  public readonly instanceProfileArn: string;
  /** The rendered inline policy JSON. */
  public readonly policyJson: string;

  private readonly statements: DataAwsIamPolicyDocumentStatement[] = [];
  private readonly sids = new Set<string>();
  private readonly document: DataAwsIamPolicyDocument;

  constructor(scope: Construct, id: string, props: InstanceRoleProps) {
    super(scope, id);
    requireProps(this, props, {
      name: 'string',
      bucket: 'object',
      logGroupArns: 'list',
      ssmParameterPrefix: 'string',
    });
    const readPrefixes = props.readPrefixes ?? ['models/', 'data/'];
    const writePrefixes = props.writePrefixes ?? ['monitoring/', 'logs/'];
    const partition = props.partition ?? 'aws';
    const ssmAgent = props.ssmAgentPolicy ?? 'scoped';
    validate(this, props, readPrefixes, writePrefixes);

    const trust = new DataAwsIamPolicyDocument(this, 'trust-policy', {
      statement: [
        {
          sid: 'Ec2AssumeRole',
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }],
        },
      ],
    });
    const role = new IamRole(this, 'role', {
      name: `${props.name}-role`,
      description: `Instance role of ${props.name}`,
      assumeRolePolicy: trust.json,
      permissionsBoundary: props.permissionsBoundaryArn,
      forceDetachPolicies: true,
      tags: withName(`${props.name}-role`, props.tags),
    });
    this.roleName = role.name;
    this.roleArn = role.arn;

    this.document = new DataAwsIamPolicyDocument(this, 'policy-document', { statement: [] });
    this.policyJson = this.document.json;
    new IamRolePolicy(this, 'policy', {
      name: `${props.name}-access`,
      role: role.id,
      policy: this.document.json,
    });
    if (ssmAgent === 'awsManaged') {
      new IamRolePolicyAttachment(this, 'ssm-core', {
        role: role.name,
        policyArn: `arn:${partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
      });
    } else if (ssmAgent === 'scoped') {
      // Agent-to-service APIs that support no resource-level permissions.
      this.addStatements({
        sid: 'SsmAgent',
        effect: 'Allow',
        actions: [...SSM_AGENT_ACTIONS],
        resources: ['*'],
      });
    }

    if (readPrefixes.length > 0) grantBucketRead(this, props.bucket, readPrefixes);
    if (writePrefixes.length > 0) grantBucketWrite(this, props.bucket, writePrefixes);
    grantLogsWrite(this, props.logGroupArns);
    grantSsmParameters(this, props.ssmParameterPrefix, 'readWrite', {
      partition,
      region: props.region,
      account: props.accountId,
    });
    const cwAgent = props.cloudWatchAgent ?? true;
    grantPutMetricData(this, [...(cwAgent ? ['CWAgent'] : []), ...(props.metricNamespaces ?? ['MLMon'])]);
    if (cwAgent) grantCloudWatchAgentDescribe(this);
    grantKmsKeys(this, props.kmsKeyArns ?? []);

    const profile = new IamInstanceProfile(this, 'profile', {
      name: `${props.name}-profile`,
      role: role.name,
      tags: withName(`${props.name}-profile`, props.tags),
    });
    this.instanceProfileName = profile.name;
    this.instanceProfileArn = profile.arn;
  }

  /**
   * Adds statements to the role's inline policy. Call before synthesis. A statement whose `sid`
   * is already taken gets a numeric suffix (IAM requires unique sids).
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
    this.document.putStatement(this.statements);
  }
}

function validate(
  scope: Construct,
  props: InstanceRoleProps,
  readPrefixes: string[],
  writePrefixes: string[],
): void {
  const v = new Validator(scope);
  v.check(
    typeof props.name === 'string' &&
      ROLE_NAME_RE.test(props.name) &&
      props.name.length <= MAX_ROLE_NAME_PREFIX_LENGTH,
    'name',
    props.name,
    `must be 1-${MAX_ROLE_NAME_PREFIX_LENGTH} characters of A-Z, a-z, 0-9 and +=,.@_- ` +
      '(the role is named "<name>-role", and IAM role names are limited to 64 characters)',
    'use a short prefix such as "mlmon-dev-app"',
  );
  checkS3Prefixes(v, 'readPrefixes', readPrefixes);
  checkS3Prefixes(v, 'writePrefixes', writePrefixes);
  v.check(
    !(props.ssmParameterPrefix === '/'),
    'ssmParameterPrefix',
    props.ssmParameterPrefix,
    'covers every parameter in the account',
    'use the environment\'s own path, e.g. "/mlmon/dev/"',
  );
  v.checkOptional(
    props.ssmParameterPrefix,
    (p) => p.startsWith('/') && p.endsWith('/'),
    'ssmParameterPrefix',
    'must start and end with "/"',
    'use a path such as "/mlmon/dev/"',
  );
  v.checkOptional(
    props.accountId,
    (a) => ACCOUNT_RE.test(a),
    'accountId',
    'is not a 12-digit AWS account id',
    'use the account id, e.g. "123456789012", or leave it unset for "*"',
  );
  v.checkOptional(
    props.region,
    (r) => isValidRegion(r),
    'region',
    'is not an AWS region name',
    'use a region such as "us-east-1", or leave it unset for "*"',
  );
  v.checkOptional(
    props.permissionsBoundaryArn,
    (a) => POLICY_ARN_RE.test(a),
    'permissionsBoundaryArn',
    'is not an IAM policy ARN',
    'use "arn:aws:iam::<account>:policy/<name>"',
  );
  v.check(
    props.ssmAgentPolicy === undefined || ['scoped', 'awsManaged', 'none'].includes(props.ssmAgentPolicy),
    'ssmAgentPolicy',
    props.ssmAgentPolicy,
    'must be "scoped", "awsManaged" or "none"',
    'use "scoped" (default)',
  );
  v.throwIfInvalid();
}
