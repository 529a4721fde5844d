import { Construct } from 'constructs';
import { IResolvable, TerraformElement, TerraformProvider, Token, ref } from 'cdktf';

/** Arguments of the `aws_secretsmanager_random_password` ephemeral resource (snake_case, as Terraform takes them). */
export interface EphemeralRandomPasswordConfig {
  /** 1-4096; may be a Terraform expression. */
  readonly passwordLength: number | string;
  readonly excludeCharacters?: string;
  readonly excludeLowercase?: boolean;
  readonly excludeUppercase?: boolean;
  readonly excludeNumbers?: boolean;
  readonly excludePunctuation?: boolean;
  readonly includeSpace?: boolean;
  readonly requireEachIncludedType?: boolean;
  /** Provider to open it with. @default - the stack's default AWS provider */
  readonly provider?: TerraformProvider;
}

/**
 * An `ephemeral "aws_secretsmanager_random_password"` block (Terraform >= 1.10, AWS provider >= 5.83):
 * Secrets Manager's `GetRandomPassword`, whose result exists only while Terraform runs. It is never
 * written to the state or the plan, so it may only feed write-only arguments such as
 * `aws_secretsmanager_secret_version.secret_string_wo`.
 *
 * CDKTF 0.21 has no ephemeral-resource bindings, so this element renders the block itself (JSON
 * output only: CDKTF's HCL renderer would drop the block, so {@link toHclTerraform} refuses).
 */
export class EphemeralRandomPassword extends TerraformElement {
  /** The generated password, as a reference usable only in write-only arguments. */
  public readonly randomPassword: string;

  private readonly config: EphemeralRandomPasswordConfig;

  constructor(scope: Construct, id: string, config: EphemeralRandomPasswordConfig) {
    super(scope, id, 'ephemeral.aws_secretsmanager_random_password');
    this.config = config;
    this.randomPassword = Token.asString(this.reference('random_password'));
  }

  /** A reference to one attribute, e.g. `random_password`. */
  public reference(attribute: string): IResolvable {
    return ref(
      `ephemeral.aws_secretsmanager_random_password.${this.friendlyUniqueId}.${attribute}`,
      this.cdktfStack,
    );
  }

  public override toTerraform(): Record<string, unknown> {
    const c = this.config;
    const body: Record<string, unknown> = {
      password_length: c.passwordLength,
      exclude_characters: c.excludeCharacters === undefined ? undefined : escapeTemplate(c.excludeCharacters),
      exclude_lowercase: c.excludeLowercase,
      exclude_uppercase: c.excludeUppercase,
      exclude_numbers: c.excludeNumbers,
      exclude_punctuation: c.excludePunctuation,
      include_space: c.includeSpace,
      require_each_included_type: c.requireEachIncludedType,
      provider: c.provider?.fqn,
    };
    for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
    return {
      ephemeral: { aws_secretsmanager_random_password: { [this.friendlyUniqueId]: body } },
    };
  }

  public override toHclTerraform(): Record<string, unknown> {
    throw new Error(
      `${this.node.path}: generated secret values need an ephemeral resource, which CDKTF's HCL output ` +
        'cannot render; synthesize JSON (the default) instead of setting hclOutput',
    );
  }
}

/**
 * Every string in Terraform's JSON syntax is a template: `${` and `%{` start an interpolation or a
 * directive. Doubling the first character makes them literal.
 */
export function escapeTemplate(text: string): string {
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}
