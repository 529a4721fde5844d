import { Construct } from 'constructs';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Validator, isUnresolved } from '../core/validation';
import { Tags, withName } from '../core/tags';
import { secretKeyReason, secretValueReason } from '../core/secret-detection';
import { IGrantable } from '../iam/grants';
import { SSM_ACTIONS } from '../iam/actions/ssm';

/** Parameter tier: Standard (4 KB values, free) or Advanced (8 KB, $0.05 per parameter-month). */
export type ParameterTier = 'Standard' | 'Advanced';

/** Props of {@link StringParameter}. */
export interface StringParameterProps {
  /**
   * Fully qualified name: starts with `/`, at most 15 levels, letters, digits and `_ . - /`, at
   * most 1,011 characters; not under `/aws` or `/ssm` (reserved), e.g. `/mlcicd/dev/mlflow/artifact-root`.
   */
  readonly name: string;
  /**
   * The value, in clear text: it is stored in Terraform state and in the synthesized JSON, so a
   * literal that looks like a credential (AWS key id, private key, `user:password@` URL, JWT,
   * well-known token) is refused at synth. Tokens (e.g. a database endpoint) are accepted.
   * Secrets belong in Secrets Manager (`modules/secrets`), passed to consumers by ARN.
   */
  readonly value: string;
  /** What the parameter holds and who reads it (at most 1,024 characters). @default - none */
  readonly description?: string;
  /**
   * `Standard` holds values up to 4 KB at no charge; `Advanced` up to 8 KB for $0.05 per
   * parameter-month.
   * @default 'Standard'
   */
  readonly tier?: ParameterTier;
  /**
   * A regular expression the value must match (SSM checks it on every write, including writes
   * outside Terraform). @default - none
   */
  readonly allowedPattern?: string;
  /** Tags; `Name` is set to the parameter name. @default - none */
  readonly tags?: Tags;
}

const NAME_RE = /^(\/[A-Za-z0-9_.-]+)+$/;
const STANDARD_MAX_BYTES = 4096;
const ADVANCED_MAX_BYTES = 8192;

/**
 * A non-secret SSM Parameter Store value of type `String`: configuration that programs and
 * pipelines read by name (endpoints, bucket URIs, ARNs of secrets).
 *
 * Why no `SecureString`: a value Terraform writes is kept in its state and plan in clear text,
 * whatever the parameter type; encrypting it in SSM would only look safe. Secrets go to Secrets
 * Manager, with values generated or rotated there (`modules/secrets`, RDS-managed passwords), and
 * a parameter may hold the secret's ARN.
 *
 * | check at synth                  | why                                                        |
 * |---------------------------------|------------------------------------------------------------|
 * | name shape, 15 levels, 1,011 chars, not `/aws`, `/ssm` | what SSM accepts                     |
 * | name words like PASSWORD, TOKEN, SECRET | a String parameter is the wrong home for them      |
 * | literal values that look like credentials | same, for the value                              |
 * | value size (4 KB / 8 KB by tier) | `PutParameter` would fail at apply                        |
 */
export class StringParameter extends Construct {
  public readonly parameter: SsmParameter;
  /** The parameter name (literal). */
  public readonly parameterName: string;
  /** The parameter ARN (known after apply). */
  public readonly parameterArn: string;

  constructor(scope: Construct, id: string, props: StringParameterProps) {
    super(scope, id);
    validate(new Validator(this), props).throwIfInvalid();
    this.parameter = new SsmParameter(this, 'parameter', {
      name: props.name,
      type: 'String',
      value: props.value,
      description: props.description,
      tier: props.tier ?? 'Standard',
      allowedPattern: props.allowedPattern,
      tags: withName(props.name, props.tags),
    });
    this.parameterName = props.name;
    this.parameterArn = this.parameter.arn;
  }

  /** Lets the grantee read this parameter (`ssm:GetParameter`, `ssm:GetParameters` on its ARN). */
  public grantRead(grantee: IGrantable): void {
    grantee.addStatements({
      sid: `ReadParameter${this.node.id.replace(/[^A-Za-z0-9]/g, '')}`,
      effect: 'Allow',
      actions: [...SSM_ACTIONS.readParameter],
      resources: [this.parameterArn],
    });
  }
}

function validate(v: Validator, props: StringParameterProps): Validator {
  const name = props.name;
  if (!isUnresolved(name)) {
    const levels = typeof name === 'string' ? name.split('/').length - 1 : 0;
    v.check(
      typeof name === 'string' && NAME_RE.test(name) && name.length <= 1011 && levels <= 15,
      'name',
      name,
      'is not a fully qualified parameter name (starts with "/", at most 15 levels and 1,011 characters of letters, digits, "_", ".", "-")',
      'use a name such as "/mlcicd/dev/mlflow/artifact-root"',
    );
    v.check(
      typeof name !== 'string' || !/^\/(aws|ssm)(\/|$)/i.test(name),
      'name',
      name,
      'is under a prefix AWS reserves (/aws, /ssm)',
      'start the name with your system, e.g. "/mlcicd/dev/..."',
    );
    const word =
      typeof name === 'string'
        ? name
            .split('/')
            .map(secretKeyReason)
            .find((r) => r)
        : undefined;
    v.check(
      word === undefined,
      'name',
      name,
      `names a secret (${word}); a String parameter is stored in clear text in SSM and in Terraform state`,
      'keep the secret in Secrets Manager and store its ARN here (e.g. "/app/dev/db-secret-arn")',
    );
  }
  if (typeof props.value === 'string') {
    // Checked even when tokens are embedded (`postgresql://u:${pw}@host` is still caught); the
    // value is never echoed: it might be the credential.
    const reason = secretValueReason(props.value);
    if (reason !== undefined) {
      v.add(
        'value',
        '(not shown)',
        `looks like a credential (${reason}); it would be stored in clear text in SSM and in Terraform state`,
        'put the credential in Secrets Manager and store its ARN here',
      );
    }
  }
  if (typeof props.value === 'string' && !isUnresolved(props.value)) {
    const max = (props.tier ?? 'Standard') === 'Advanced' ? ADVANCED_MAX_BYTES : STANDARD_MAX_BYTES;
    const bytes = Buffer.byteLength(props.value, 'utf8');
    v.check(
      bytes > 0 && bytes <= max,
      'value',
      `(${bytes} bytes)`,
      `must be 1 to ${max} bytes for the ${props.tier ?? 'Standard'} tier`,
      bytes > max && max === STANDARD_MAX_BYTES
        ? 'use tier "Advanced" (up to 8 KB) or store the data in S3 and its URI here'
        : 'store a non-empty value (or the data in S3 and its URI here)',
    );
  } else {
    v.check(
      typeof props.value === 'string',
      'value',
      props.value,
      'must be a string',
      'pass the value as a string',
    );
  }
  v.checkOptional(
    props.description,
    (d) => d.length <= 1024,
    'description',
    'is longer than 1,024 characters',
    'shorten it',
  );
  v.checkOptional(
    props.tier,
    (t) => t === 'Standard' || t === 'Advanced',
    'tier',
    'is not a tier this construct offers',
    'use "Standard" or "Advanced" ("Intelligent-Tiering" makes the tier change behind Terraform\'s back)',
  );
  v.checkOptional(
    props.allowedPattern,
    (p) => {
      try {
        new RegExp(p);
        return p.length <= 1024;
      } catch {
        return false;
      }
    },
    'allowedPattern',
    'is not a regular expression of at most 1,024 characters',
    'use a pattern such as "^s3://.+"',
  );
  return v;
}
