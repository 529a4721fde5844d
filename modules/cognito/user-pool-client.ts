import { Construct } from 'constructs';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client';
import { Validator, isUnresolved, requireProps } from '../core/validation';

/**
 * OAuth 2.0 authorization-code sign-in through the pool's hosted domain (managed login pages,
 * federation). The client is public (no secret), so browsers and apps must use PKCE.
 */
export interface UserPoolClientOAuth {
  /**
   * Where Cognito may send users back with the code: `https://` URLs (`http://localhost` for
   * local development), at most 100, without fragments.
   */
  readonly callbackUrls: string[];
  /** Where Cognito may send users after sign-out. Same rules as callbackUrls. @default [] */
  readonly logoutUrls?: string[];
  /**
   * Scopes the client may request: standard ones (`openid`, `email`, `profile`, `phone`,
   * `aws.cognito.signin.user.admin`) or a resource server's (`<identifier>/<scope>`).
   * @default ['openid', 'email', 'profile']
   */
  readonly scopes?: string[];
}

/** Options of {@link UserPool.addClient}. */
export interface UserPoolClientOptions {
  /** Client name, 1-128 characters of letters, digits, spaces and `+=,.@_-`, e.g. `mlnews-prod-web`. */
  readonly clientName: string;
  /**
   * Also allow `USER_PASSWORD_AUTH`, which sends the password itself to Cognito (over TLS) instead
   * of proving it with SRP. Only for clients that cannot do SRP (some CLIs, migrations); the
   * password then passes through every hop that terminates TLS.
   * @default false (SRP and refresh tokens only)
   */
  readonly allowPasswordAuth?: boolean;
  /** OAuth 2.0 code flow (needs the pool's `domainPrefix`). @default - no OAuth flows */
  readonly oauth?: UserPoolClientOAuth;
  /**
   * Lifetime of access tokens (what an API's JWT authorizer checks), 5-1,440 minutes. A revoked
   * user keeps access until the token expires.
   * @default 60
   */
  readonly accessTokenValidityInMinutes?: number;
  /** Lifetime of ID tokens, 5-1,440 minutes. @default 60 */
  readonly idTokenValidityInMinutes?: number;
  /** Lifetime of refresh tokens (how long a user stays signed in), 1-3,650 days. @default 30 */
  readonly refreshTokenValidityInDays?: number;
}

/** Props of {@link UserPoolClient}. */
export interface UserPoolClientProps extends UserPoolClientOptions {
  /** Id of the user pool. */
  readonly userPoolId: string;
}

const CLIENT_NAME_RE = /^[\w\s+=,.@-]{1,128}$/;
const STANDARD_SCOPES = ['openid', 'email', 'profile', 'phone', 'aws.cognito.signin.user.admin'];
const CUSTOM_SCOPE_RE = /^[\x21\x23-\x2e\x30-\x5b\x5d-\x7e]+\/[\x21\x23-\x2e\x30-\x5b\x5d-\x7e]+$/;

function urlProblem(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (u.hash !== '') return 'has a fragment (#...), which OAuth redirect URLs must not have';
  const local = u.hostname === 'localhost' || u.hostname === '127.0.0.1';
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && local)) {
    return 'is not https:// (plain http is only allowed for localhost)';
  }
  return undefined;
}

/** Problems with {@link UserPoolClientOptions}, collected into `v`. */
export function validateUserPoolClientOptions(v: Validator, o: UserPoolClientOptions): Validator {
  v.check(
    typeof o.clientName === 'string' && CLIENT_NAME_RE.test(o.clientName),
    'clientName',
    o.clientName,
    'must be 1-128 letters, digits, spaces and "+=,.@_-"',
    'use a name such as "mlnews-prod-web"',
  );
  v.checkIntRange(o.accessTokenValidityInMinutes, 5, 1440, 'accessTokenValidityInMinutes');
  v.checkIntRange(o.idTokenValidityInMinutes, 5, 1440, 'idTokenValidityInMinutes');
  v.checkIntRange(o.refreshTokenValidityInDays, 1, 3650, 'refreshTokenValidityInDays');
  if (o.oauth) {
    const callbacks = Array.isArray(o.oauth.callbackUrls) ? o.oauth.callbackUrls : [];
    v.check(
      callbacks.length >= 1 && callbacks.length <= 100,
      'oauth.callbackUrls',
      o.oauth.callbackUrls,
      'must list 1 to 100 URLs',
      'list the app\'s sign-in return URL, e.g. ["https://app.example.com/callback"]',
    );
    const check = (field: string, urls: readonly string[]) =>
      urls.forEach((url, i) => {
        if (isUnresolved(url)) return;
        const problem = urlProblem(url);
        if (problem)
          v.add(`${field}[${i}]`, url, problem, 'use a URL such as "https://app.example.com/callback"');
      });
    check('oauth.callbackUrls', callbacks);
    check('oauth.logoutUrls', o.oauth.logoutUrls ?? []);
    (o.oauth.scopes ?? []).forEach((s, i) =>
      v.check(
        STANDARD_SCOPES.includes(s) || CUSTOM_SCOPE_RE.test(s),
        `oauth.scopes[${i}]`,
        s,
        'is neither a standard scope nor a resource-server scope "<identifier>/<name>"',
        `use one of ${STANDARD_SCOPES.join(', ')}, or "<identifier>/<name>"`,
      ),
    );
  }
  return v;
}

/**
 * An app client of a user pool, always public (no client secret: Cognito would return it as an
 * attribute that Terraform stores in state). Sign-in with SRP and refresh tokens, optionally the
 * OAuth code flow; user-existence errors hidden; token revocation on.
 */
export class UserPoolClient extends Construct {
  public readonly client: CognitoUserPoolClient;
  /** The client id: the `client_id` claim of access tokens, the `aud` claim of ID tokens. */
  public readonly clientId: string;
  public readonly clientName: string;

  constructor(scope: Construct, id: string, props: UserPoolClientProps) {
    super(scope, id);
    requireProps(this, props, { userPoolId: 'string', clientName: 'string', 'oauth?': 'object' });
    validateUserPoolClientOptions(new Validator(this), props).throwIfInvalid();
    const oauth = props.oauth;
    this.client = new CognitoUserPoolClient(this, 'client', {
      name: props.clientName,
      userPoolId: props.userPoolId,
      generateSecret: false,
      explicitAuthFlows: [
        'ALLOW_USER_SRP_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
        ...(props.allowPasswordAuth ? ['ALLOW_USER_PASSWORD_AUTH'] : []),
      ],
      // "Incorrect user name or password" for unknown users too: no account enumeration.
      preventUserExistenceErrors: 'ENABLED',
      enableTokenRevocation: true,
      accessTokenValidity: props.accessTokenValidityInMinutes ?? 60,
      idTokenValidity: props.idTokenValidityInMinutes ?? 60,
      refreshTokenValidity: props.refreshTokenValidityInDays ?? 30,
      tokenValidityUnits: [{ accessToken: 'minutes', idToken: 'minutes', refreshToken: 'days' }],
      allowedOauthFlowsUserPoolClient: oauth !== undefined,
      allowedOauthFlows: oauth ? ['code'] : undefined,
      allowedOauthScopes: oauth ? (oauth.scopes ?? ['openid', 'email', 'profile']) : undefined,
      callbackUrls: oauth ? [...oauth.callbackUrls] : undefined,
      logoutUrls: oauth?.logoutUrls && oauth.logoutUrls.length > 0 ? [...oauth.logoutUrls] : undefined,
      supportedIdentityProviders: oauth ? ['COGNITO'] : undefined,
    });
    this.clientId = this.client.id;
    this.clientName = props.clientName;
  }
}
