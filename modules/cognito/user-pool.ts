import { Construct } from 'constructs';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import { CognitoUserPoolDomain } from '@cdktf/provider-aws/lib/cognito-user-pool-domain';
import { Validator, isUnresolved, requireProps } from '../core/validation';
import { Tags, withName } from '../core/tags';
import { UserPoolClient, UserPoolClientOptions } from './user-pool-client';

/**
 * Multi-factor authentication of the pool's users (TOTP authenticator apps; SMS and e-mail
 * factors need SNS or SES set-up and are not offered).
 *
 * | mode       | what users do                                              | policy rule MLM-COG-001 |
 * |------------|------------------------------------------------------------|-------------------------|
 * | `required` | register an authenticator app at first sign-in; every sign-in asks for a code | compliant |
 * | `optional` | each user may register one; those who do are asked for a code | compliant (weaker: a phished password alone still works for the rest) |
 * | `off`      | password only                                              | error, suppress with a reason |
 */
export type UserPoolMfa = 'required' | 'optional' | 'off';

/**
 * Threat protection (formerly "advanced security"): compromised-credential checks and adaptive
 * authentication. `enforced` blocks risky sign-ins, `audit` only logs the risk, `off` does
 * neither. Needs the Plus feature plan (USD 0.02 per monthly active user, no free tier).
 */
export type ThreatProtectionMode = 'enforced' | 'audit' | 'off';

/** Cognito feature plans (`user_pool_tier`). */
export type UserPoolFeaturePlan = 'LITE' | 'ESSENTIALS' | 'PLUS';

/** Props of {@link UserPool}. */
export interface UserPoolProps {
  /** Pool name, 1-128 characters of letters, digits, spaces and `+=,.@_-`, e.g. `mlnews-prod-users`. */
  readonly userPoolName: string;
  /**
   * What users sign in with: their e-mail address (verified automatically, case-insensitive) or a
   * user name chosen by the administrator.
   * @default 'email'
   */
  readonly signInWith?: 'email' | 'username';
  /**
   * Let anyone create an account from the sign-up page or API. Off, only administrators create
   * users (`aws cognito-idp admin-create-user`), which suits internal tools: an open pool admits
   * any e-mail address on the internet to every route that only checks for a valid token.
   * @default false
   */
  readonly selfSignUp?: boolean;
  /** Multi-factor authentication; see {@link UserPoolMfa}. @default 'required' */
  readonly mfa?: UserPoolMfa;
  /**
   * Shortest password, 8-99 characters (Cognito's own default is 8). Lower-case, upper-case,
   * digits and symbols are all required.
   * @default 12
   */
  readonly passwordMinimumLength?: number;
  /** Days an administrator-set temporary password stays valid, 1-365. @default 3 */
  readonly temporaryPasswordValidityInDays?: number;
  /**
   * Threat protection; see {@link ThreatProtectionMode}. `enforced` and `audit` need the Plus
   * feature plan (chosen automatically unless {@link featurePlan} says otherwise). `off` leaves
   * leaked-password and credential-stuffing detection to you (policy rule MLM-COG-002 warns).
   * @default 'enforced'
   */
  readonly threatProtection?: ThreatProtectionMode;
  /**
   * Feature plan. `PLUS` (USD 0.02 per MAU) is needed for threat protection; `ESSENTIALS` has
   * 10,000 MAU free a month, then USD 0.015; `LITE` has 10,000 free, then USD 0.0055.
   * @default - 'PLUS' with threat protection, 'ESSENTIALS' without
   */
  readonly featurePlan?: UserPoolFeaturePlan;
  /**
   * Refuse to delete the pool (and with it every user and their MFA registrations) until the
   * protection is turned off by an apply. Off: `terraform destroy` deletes all accounts.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Prefix of the Cognito-hosted domain `<prefix>.auth.<region>.amazoncognito.com`, which serves
   * the OAuth 2.0 endpoints and the managed login pages that clients with `oauth` use. 1-63
   * lower-case letters, digits and hyphens, not starting or ending with a hyphen, without
   * `aws`, `amazon` or `cognito`; unique in the region.
   * @default - no domain (clients sign in through the API with SRP)
   */
  readonly domainPrefix?: string;
  /** Tags for the pool; `Name` is set to the pool name. @default - none */
  readonly tags?: Tags;
}

const POOL_NAME_RE = /^[\w\s+=,.@-]{1,128}$/;
const DOMAIN_PREFIX_RE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Problems with {@link UserPoolProps}, collected into `v`. */
export function validateUserPoolProps(v: Validator, props: UserPoolProps): Validator {
  v.check(
    typeof props.userPoolName === 'string' && POOL_NAME_RE.test(props.userPoolName),
    'userPoolName',
    props.userPoolName,
    'must be 1-128 letters, digits, spaces and "+=,.@_-"',
    'use a name such as "mlnews-prod-users"',
  );
  v.check(
    props.signInWith === undefined || props.signInWith === 'email' || props.signInWith === 'username',
    'signInWith',
    props.signInWith,
    'must be "email" or "username"',
    'use "email" (default) or "username"',
  );
  v.check(
    props.mfa === undefined || ['required', 'optional', 'off'].includes(props.mfa),
    'mfa',
    props.mfa,
    'must be "required", "optional" or "off"',
    'use "required" (default) or "optional"',
  );
  v.checkIntRange(
    props.passwordMinimumLength,
    8,
    99,
    'passwordMinimumLength',
    'use 12 or more (8 is the least allowed)',
  );
  v.checkIntRange(props.temporaryPasswordValidityInDays, 1, 365, 'temporaryPasswordValidityInDays');
  v.check(
    props.threatProtection === undefined || ['enforced', 'audit', 'off'].includes(props.threatProtection),
    'threatProtection',
    props.threatProtection,
    'must be "enforced", "audit" or "off"',
    'use "enforced" (default)',
  );
  v.check(
    props.featurePlan === undefined || ['LITE', 'ESSENTIALS', 'PLUS'].includes(props.featurePlan),
    'featurePlan',
    props.featurePlan,
    'must be "LITE", "ESSENTIALS" or "PLUS"',
    'use "PLUS" for threat protection, or "ESSENTIALS"',
  );
  const threat = props.threatProtection ?? 'enforced';
  v.check(
    threat === 'off' || props.featurePlan === undefined || props.featurePlan === 'PLUS',
    'featurePlan',
    props.featurePlan,
    `cannot have threat protection "${threat}", which only the Plus plan includes`,
    'use featurePlan "PLUS", or set threatProtection: "off" (and accept the MLM-COG-002 warning)',
  );
  if (props.domainPrefix !== undefined && !isUnresolved(props.domainPrefix)) {
    v.check(
      DOMAIN_PREFIX_RE.test(props.domainPrefix),
      'domainPrefix',
      props.domainPrefix,
      'must be 1-63 lower-case letters, digits and hyphens, not starting or ending with a hyphen',
      'use a prefix such as "mlnews-prod"',
    );
    v.check(
      !/aws|amazon|cognito/.test(props.domainPrefix),
      'domainPrefix',
      props.domainPrefix,
      'contains "aws", "amazon" or "cognito", which Cognito reserves',
      'choose a prefix without those words',
    );
  }
  return v;
}

/**
 * A Cognito user pool that issues the JWTs an API checks (e.g. `HttpApi` with a JWT authorizer:
 * issuer {@link issuerUrl}, audience the client id), with secure defaults:
 *
 * - administrators create users (no self sign-up), e-mail sign-in, case-insensitive;
 * - MFA required (authenticator apps), passwords of 12+ characters of every class;
 * - threat protection enforced (Plus plan), account recovery by verified e-mail only;
 * - deletion protection on.
 *
 * Clients ({@link addClient}) never have a client secret: Cognito returns the secret as an
 * attribute that Terraform keeps in state. Machine callers use IAM (SigV4) instead.
 *
 * ```ts
 * const users = new UserPool(this, 'users', { userPoolName: 'mlnews-prod-users' });
 * const web = users.addClient('web', { clientName: 'mlnews-prod-web' });
 * new HttpApi(this, 'api', { jwt: { issuer: users.issuerUrl, audience: [web.clientId] }, ... });
 * ```
 */
export class UserPool extends Construct {
  public readonly userPool: CognitoUserPool;
  public readonly userPoolId: string;
  public readonly userPoolArn: string;
  /** `cognito-idp.<region>.amazonaws.com/<pool id>`. */
  public readonly userPoolEndpoint: string;
  /** The tokens' `iss` claim, `https://cognito-idp.<region>.amazonaws.com/<pool id>`. */
  public readonly issuerUrl: string;
  /** The hosted domain resource (with `domainPrefix`). */
  public readonly domain?: CognitoUserPoolDomain;
  /** The domain prefix (with `domainPrefix`). */
  public readonly domainPrefix?: string;
  public readonly mfa: UserPoolMfa;
  public readonly threatProtection: ThreatProtectionMode;
  public readonly featurePlan: UserPoolFeaturePlan;

  private readonly clientNames = new Set<string>();

  constructor(scope: Construct, id: string, props: UserPoolProps) {
    super(scope, id);
    requireProps(this, props, { userPoolName: 'string', 'tags?': 'object' });
    validateUserPoolProps(new Validator(this), props).throwIfInvalid();
    this.mfa = props.mfa ?? 'required';
    this.threatProtection = props.threatProtection ?? 'enforced';
    this.featurePlan = props.featurePlan ?? (this.threatProtection === 'off' ? 'ESSENTIALS' : 'PLUS');
    const byEmail = (props.signInWith ?? 'email') === 'email';

    this.userPool = new CognitoUserPool(this, 'pool', {
      name: props.userPoolName,
      userPoolTier: this.featurePlan,
      deletionProtection: (props.deletionProtection ?? true) ? 'ACTIVE' : 'INACTIVE',
      usernameAttributes: byEmail ? ['email'] : undefined,
      autoVerifiedAttributes: byEmail ? ['email'] : undefined,
      usernameConfiguration: { caseSensitive: false },
      adminCreateUserConfig: { allowAdminCreateUserOnly: !(props.selfSignUp ?? false) },
      mfaConfiguration: { required: 'ON', optional: 'OPTIONAL', off: 'OFF' }[this.mfa],
      softwareTokenMfaConfiguration: this.mfa === 'off' ? undefined : { enabled: true },
      passwordPolicy: {
        minimumLength: props.passwordMinimumLength ?? 12,
        requireLowercase: true,
        requireUppercase: true,
        requireNumbers: true,
        requireSymbols: true,
        temporaryPasswordValidityDays: props.temporaryPasswordValidityInDays ?? 3,
      },
      // Recovery by e-mail only: SMS recovery makes the phone number (SIM swapping) a second way in.
      accountRecoverySetting: { recoveryMechanism: [{ name: 'verified_email', priority: 1 }] },
      userPoolAddOns:
        this.threatProtection === 'off'
          ? undefined
          : { advancedSecurityMode: this.threatProtection === 'enforced' ? 'ENFORCED' : 'AUDIT' },
      tags: withName(props.userPoolName, props.tags),
    });
    this.userPoolId = this.userPool.id;
    this.userPoolArn = this.userPool.arn;
    this.userPoolEndpoint = this.userPool.endpoint;
    this.issuerUrl = `https://${this.userPool.endpoint}`;
    if (props.domainPrefix !== undefined) {
      this.domainPrefix = props.domainPrefix;
      this.domain = new CognitoUserPoolDomain(this, 'domain', {
        domain: props.domainPrefix,
        userPoolId: this.userPool.id,
      });
    }
  }

  /** Adds an app client (no secret); see {@link UserPoolClientOptions}. */
  public addClient(id: string, options: UserPoolClientOptions): UserPoolClient {
    const v = new Validator(`${this.node.path} (addClient ${id})`);
    v.check(
      !this.clientNames.has(options.clientName),
      'clientName',
      options.clientName,
      'is already the name of a client of this pool',
      'give each client its own name',
    );
    v.check(
      options.oauth === undefined || this.domain !== undefined,
      'oauth',
      options.oauth,
      'needs the pool to have a domain (the OAuth endpoints live there)',
      'set domainPrefix on the user pool, or leave oauth out and sign in with SRP',
    );
    v.throwIfInvalid();
    this.clientNames.add(options.clientName);
    return new UserPoolClient(this, id, { ...options, userPoolId: this.userPoolId });
  }
}
