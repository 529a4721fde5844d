import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { UserPool, UserPoolClientOptions, UserPoolProps } from '../../../modules/cognito';
import { ValidationError, ValidationProblem } from '../../../modules/core/validation';
import { ALL_RULES, JsonObject, applyPolicyPack, runPolicyPack } from '../../../modules/policy';

function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}

type Loose = ReturnType<typeof JSON.parse>;

function build(props: Partial<UserPoolProps> = {}, client?: Partial<UserPoolClientOptions>) {
  const stack = newStack();
  const pool = new UserPool(stack, 'users', { userPoolName: 'mlnews-prod-users', ...props });
  const web = client ? pool.addClient('web', { clientName: 'mlnews-prod-web', ...client }) : undefined;
  const json = JSON.parse(Testing.synth(stack)) as Loose;
  const only = (type: string) => {
    const all = Object.values(json.resource[type] ?? {});
    if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
    return all[0] as Loose;
  };
  return { stack, pool, web, json, only };
}

function problemsOf(fn: () => unknown): readonly ValidationProblem[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.problems;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('UserPool defaults', () => {
  const { only, pool, web } = build({}, {});
  const p = only('aws_cognito_user_pool');
  const c = only('aws_cognito_user_pool_client');

  it('lets only administrators create users, who sign in with their e-mail (case-insensitive)', () => {
    expect(p).toMatchObject({
      name: 'mlnews-prod-users',
      admin_create_user_config: { allow_admin_create_user_only: true },
      username_attributes: ['email'],
      auto_verified_attributes: ['email'],
      username_configuration: { case_sensitive: false },
      tags: { Name: 'mlnews-prod-users' },
    });
  });

  it('requires MFA with authenticator apps', () => {
    expect(p.mfa_configuration).toBe('ON');
    expect(p.software_token_mfa_configuration).toEqual({ enabled: true });
    expect(pool.mfa).toBe('required');
  });

  it('requires 12-character passwords of every class; temporary passwords last 3 days', () => {
    expect(p.password_policy).toEqual({
      minimum_length: 12,
      require_lowercase: true,
      require_uppercase: true,
      require_numbers: true,
      require_symbols: true,
      temporary_password_validity_days: 3,
    });
  });

  it('enforces threat protection on the Plus plan', () => {
    expect(p.user_pool_tier).toBe('PLUS');
    expect(p.user_pool_add_ons).toEqual({ advanced_security_mode: 'ENFORCED' });
    expect(pool.featurePlan).toBe('PLUS');
  });

  it('recovers accounts by verified e-mail only and refuses deletion', () => {
    expect(p.account_recovery_setting).toEqual({
      recovery_mechanism: [{ name: 'verified_email', priority: 1 }],
    });
    expect(p.deletion_protection).toBe('ACTIVE');
  });

  it('has no hosted domain', () => {
    expect(pool.domain).toBeUndefined();
    expect(pool.domainPrefix).toBeUndefined();
  });

  it('gives clients SRP and refresh tokens, no secret, hidden user existence, revocable tokens', () => {
    expect(c).toMatchObject({
      name: 'mlnews-prod-web',
      generate_secret: false,
      explicit_auth_flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      prevent_user_existence_errors: 'ENABLED',
      enable_token_revocation: true,
      access_token_validity: 60,
      id_token_validity: 60,
      refresh_token_validity: 30,
      token_validity_units: [{ access_token: 'minutes', id_token: 'minutes', refresh_token: 'days' }],
      allowed_oauth_flows_user_pool_client: false,
    });
    expect(c.allowed_oauth_flows).toBeUndefined();
    expect(c.callback_urls).toBeUndefined();
    expect(web?.clientName).toBe('mlnews-prod-web');
  });

  it('exposes the issuer URL an API checks tokens against', () => {
    expect(pool.issuerUrl).toMatch(/^https:\/\/\$\{TfToken\[TOKEN\.\d+\]\}$/);
  });

  it('passes the policy pack with no finding at all', () => {
    const { stack } = build({}, {});
    const report = runPolicyPack(stack.toTerraform() as JsonObject, { stackName: 'test', rules: ALL_RULES });
    expect(report.problems).toEqual([]);
    expect(report.violations.map((v) => `${v.rule.id} ${v.rule.level}`)).toEqual([]);
    const evaluated = new Set(report.evaluations.map((e) => e.rule.id));
    for (const id of [
      'MLM-COG-001',
      'MLM-COG-002',
      'MLM-COG-003',
      'MLM-COG-005',
      'MLM-COG-006',
      'MLM-COG-007',
    ]) {
      expect(evaluated).toContain(id);
    }
  });

  it('synthesizes under applyPolicyPack', () => {
    const { stack } = build({}, {});
    applyPolicyPack(stack, { log: () => undefined });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe('UserPool options', () => {
  it('lets users sign up themselves with selfSignUp, and sign in with a user name', () => {
    const p = build({ selfSignUp: true, signInWith: 'username' }).only('aws_cognito_user_pool');
    expect(p.admin_create_user_config).toEqual({ allow_admin_create_user_only: false });
    expect(p.username_attributes).toBeUndefined();
    expect(p.auto_verified_attributes).toBeUndefined();
  });

  it.each([
    ['optional', 'OPTIONAL', { enabled: true }],
    ['off', 'OFF', undefined],
  ] as const)('sets MFA %s', (mfa, expected, software) => {
    const p = build({ mfa }).only('aws_cognito_user_pool');
    expect(p.mfa_configuration).toBe(expected);
    expect(p.software_token_mfa_configuration).toEqual(software);
  });

  it('audits instead of blocking with threatProtection audit', () => {
    const p = build({ threatProtection: 'audit' }).only('aws_cognito_user_pool');
    expect(p.user_pool_add_ons).toEqual({ advanced_security_mode: 'AUDIT' });
    expect(p.user_pool_tier).toBe('PLUS');
  });

  it('drops the add-on and moves to Essentials with threatProtection off', () => {
    const p = build({ threatProtection: 'off' }).only('aws_cognito_user_pool');
    expect(p.user_pool_add_ons).toBeUndefined();
    expect(p.user_pool_tier).toBe('ESSENTIALS');
  });

  it('takes the feature plan, password length, temporary validity and deletion protection', () => {
    const p = build({
      threatProtection: 'off',
      featurePlan: 'LITE',
      passwordMinimumLength: 16,
      temporaryPasswordValidityInDays: 1,
      deletionProtection: false,
    }).only('aws_cognito_user_pool');
    expect(p.user_pool_tier).toBe('LITE');
    expect(p.password_policy).toMatchObject({ minimum_length: 16, temporary_password_validity_days: 1 });
    expect(p.deletion_protection).toBe('INACTIVE');
  });

  it('creates the hosted domain and an OAuth code-flow client on it', () => {
    const { only, pool } = build(
      { domainPrefix: 'mlnews-prod' },
      {
        oauth: {
          callbackUrls: ['https://news.example.com/callback'],
          logoutUrls: ['https://news.example.com/'],
        },
        allowPasswordAuth: true,
        accessTokenValidityInMinutes: 15,
        idTokenValidityInMinutes: 30,
        refreshTokenValidityInDays: 7,
      },
    );
    expect(only('aws_cognito_user_pool_domain')).toMatchObject({ domain: 'mlnews-prod' });
    expect(pool.domainPrefix).toBe('mlnews-prod');
    expect(only('aws_cognito_user_pool_client')).toMatchObject({
      allowed_oauth_flows_user_pool_client: true,
      allowed_oauth_flows: ['code'],
      allowed_oauth_scopes: ['openid', 'email', 'profile'],
      callback_urls: ['https://news.example.com/callback'],
      logout_urls: ['https://news.example.com/'],
      supported_identity_providers: ['COGNITO'],
      explicit_auth_flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH'],
      access_token_validity: 15,
      id_token_validity: 30,
      refresh_token_validity: 7,
    });
  });

  it('takes OAuth scopes, standard and custom', () => {
    const c = build(
      { domainPrefix: 'mlnews-prod' },
      { oauth: { callbackUrls: ['http://localhost:3000/cb'], scopes: ['openid', 'mlnews/admin'] } },
    ).only('aws_cognito_user_pool_client');
    expect(c.allowed_oauth_scopes).toEqual(['openid', 'mlnews/admin']);
    expect(c.logout_urls).toBeUndefined();
  });
});

describe('UserPool validation', () => {
  const pool = (props: Partial<UserPoolProps>) => () =>
    new UserPool(newStack(), 'users', { userPoolName: 'app-users', ...props });

  it.each<[string, Partial<UserPoolProps>, string, unknown, RegExp, RegExp]>([
    [
      'a name with a slash',
      { userPoolName: 'app/users' },
      'userPoolName',
      'app/users',
      /1-128 letters/,
      /mlnews-prod-users/,
    ],
    [
      'an unknown sign-in',
      { signInWith: 'phone' as 'email' },
      'signInWith',
      'phone',
      /"email" or "username"/,
      /"email"/,
    ],
    [
      'an unknown MFA mode',
      { mfa: 'sms' as 'off' },
      'mfa',
      'sms',
      /"required", "optional" or "off"/,
      /"required"/,
    ],
    [
      'a 7-character password',
      { passwordMinimumLength: 7 },
      'passwordMinimumLength',
      7,
      /8 to 99/,
      /12 or more/,
    ],
    [
      'a 100-character password',
      { passwordMinimumLength: 100 },
      'passwordMinimumLength',
      100,
      /8 to 99/,
      /12 or more/,
    ],
    [
      '0 days for temporary passwords',
      { temporaryPasswordValidityInDays: 0 },
      'temporaryPasswordValidityInDays',
      0,
      /1 to 365/,
      /1 to 365/,
    ],
    [
      'an unknown threat mode',
      { threatProtection: 'block' as 'off' },
      'threatProtection',
      'block',
      /"enforced", "audit" or "off"/,
      /"enforced"/,
    ],
    [
      'an unknown plan',
      { featurePlan: 'GOLD' as 'LITE' },
      'featurePlan',
      'GOLD',
      /"LITE", "ESSENTIALS" or "PLUS"/,
      /"PLUS"/,
    ],
    [
      'threat protection on Essentials',
      { featurePlan: 'ESSENTIALS' },
      'featurePlan',
      'ESSENTIALS',
      /threat protection "enforced"/,
      /"PLUS"/,
    ],
    [
      'a domain prefix with upper case',
      { domainPrefix: 'MLnews' },
      'domainPrefix',
      'MLnews',
      /lower-case/,
      /"mlnews-prod"/,
    ],
    [
      'a reserved word in the prefix',
      { domainPrefix: 'mlnews-cognito' },
      'domainPrefix',
      'mlnews-cognito',
      /reserves/,
      /without those words/,
    ],
  ])('refuses %s', (_label, props, field, value, problem, fix) => {
    const problems = problemsOf(pool(props));
    expect(problems).toContainEqual({
      field,
      value,
      problem: expect.stringMatching(problem),
      fix: expect.stringMatching(fix),
    });
  });

  it.each<[string, Partial<UserPoolProps>]>([
    ['an 8-character password', { passwordMinimumLength: 8 }],
    ['a 99-character password', { passwordMinimumLength: 99 }],
    ['365 days for temporary passwords', { temporaryPasswordValidityInDays: 365 }],
    ['threat protection off on Essentials', { featurePlan: 'ESSENTIALS', threatProtection: 'off' }],
    ['a 63-character prefix', { domainPrefix: 'a'.repeat(63) }],
  ])('accepts %s', (_label, props) => {
    expect(pool(props)).not.toThrow();
  });
});

describe('UserPool.addClient validation', () => {
  const client =
    (options: Partial<UserPoolClientOptions>, poolProps: Partial<UserPoolProps> = {}) =>
    () => {
      const p = new UserPool(newStack(), 'users', { userPoolName: 'app-users', ...poolProps });
      p.addClient('web', { clientName: 'app-web', ...options });
    };
  const withDomain = { domainPrefix: 'app-users' };

  it.each<[string, Partial<UserPoolClientOptions>, Partial<UserPoolProps>, string, unknown, RegExp, RegExp]>([
    [
      'a name with a slash',
      { clientName: 'app/web' },
      {},
      'clientName',
      'app/web',
      /1-128 letters/,
      /mlnews-prod-web/,
    ],
    [
      'a 4-minute access token',
      { accessTokenValidityInMinutes: 4 },
      {},
      'accessTokenValidityInMinutes',
      4,
      /5 to 1440/,
      /5 to 1440/,
    ],
    [
      'a 1441-minute ID token',
      { idTokenValidityInMinutes: 1441 },
      {},
      'idTokenValidityInMinutes',
      1441,
      /5 to 1440/,
      /5 to 1440/,
    ],
    [
      'a refresh token of 0 days',
      { refreshTokenValidityInDays: 0 },
      {},
      'refreshTokenValidityInDays',
      0,
      /1 to 3650/,
      /1 to 3650/,
    ],
    [
      'OAuth without a domain',
      { oauth: { callbackUrls: ['https://app.example.com/cb'] } },
      {},
      'oauth',
      { callbackUrls: ['https://app.example.com/cb'] },
      /needs the pool to have a domain/,
      /domainPrefix/,
    ],
    [
      'no callback URL',
      { oauth: { callbackUrls: [] } },
      withDomain,
      'oauth.callbackUrls',
      [],
      /1 to 100/,
      /callback/,
    ],
    [
      'a plain-http callback',
      { oauth: { callbackUrls: ['http://app.example.com/cb'] } },
      withDomain,
      'oauth.callbackUrls[0]',
      'http://app.example.com/cb',
      /not https/,
      /https:\/\/app.example.com/,
    ],
    [
      'a callback with a fragment',
      { oauth: { callbackUrls: ['https://app.example.com/cb#x'] } },
      withDomain,
      'oauth.callbackUrls[0]',
      'https://app.example.com/cb#x',
      /fragment/,
      /https:/,
    ],
    [
      'a logout URL that is not a URL',
      { oauth: { callbackUrls: ['https://app.example.com/cb'], logoutUrls: ['app'] } },
      withDomain,
      'oauth.logoutUrls[0]',
      'app',
      /is not a URL/,
      /https:/,
    ],
    [
      'an unknown scope',
      { oauth: { callbackUrls: ['https://app.example.com/cb'], scopes: ['admin'] } },
      withDomain,
      'oauth.scopes[0]',
      'admin',
      /neither a standard scope/,
      /<identifier>\/<name>/,
    ],
  ])('refuses %s', (_label, options, poolProps, field, value, problem, fix) => {
    expect(problemsOf(client(options, poolProps))).toContainEqual({
      field,
      value,
      problem: expect.stringMatching(problem),
      fix: expect.stringMatching(fix),
    });
  });

  it('refuses a second client with the same name', () => {
    const p = new UserPool(newStack(), 'users', { userPoolName: 'app-users' });
    p.addClient('web', { clientName: 'app-web' });
    expect(problemsOf(() => p.addClient('web2', { clientName: 'app-web' }))).toContainEqual({
      field: 'clientName',
      value: 'app-web',
      problem: 'is already the name of a client of this pool',
      fix: 'give each client its own name',
    });
  });

  it.each<[string, Partial<UserPoolClientOptions>]>([
    ['5-minute tokens', { accessTokenValidityInMinutes: 5, idTokenValidityInMinutes: 5 }],
    ['day-long tokens', { accessTokenValidityInMinutes: 1440, idTokenValidityInMinutes: 1440 }],
    ['ten-year refresh tokens', { refreshTokenValidityInDays: 3650 }],
    ['an http://localhost callback', { oauth: { callbackUrls: ['http://localhost:5173/cb'] } }],
    ['a 127.0.0.1 callback', { oauth: { callbackUrls: ['http://127.0.0.1/cb'] } }],
    [
      '100 callbacks',
      { oauth: { callbackUrls: Array.from({ length: 100 }, (_, i) => `https://a.example.com/${i}`) } },
    ],
  ])('accepts %s', (_label, options) => {
    expect(client(options, withDomain)).not.toThrow();
  });
});
