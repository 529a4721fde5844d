import { Token } from 'cdktf';
import {
  environmentSecretReason,
  keyWords,
  secretKeyReason,
  secretValueReason,
} from '../../../modules/core/secret-detection';

// Fake credentials of the documented example shapes, split so secret scanners don't flag this file.
const ACCESS_KEY_ID = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
const JWT = [
  'eyJhbGciOiJIUzI1NiJ9',
  'eyJzdWIiOiIxMjM0NTY3ODkwIn0',
  'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
].join('.');
const GITHUB = ['ghp', '_', 'A'.repeat(36)].join('');
const PEM = ['-----BEGIN RSA ', 'PRIVATE KEY-----'].join('');

describe('secret detection', () => {
  it('splits names into words on separators and camelCase', () => {
    expect(keyWords('dbPassword_v2')).toEqual(['DB', 'PASSWORD', 'V2']);
    expect(keyWords('api-key.primary')).toEqual(['API', 'KEY', 'PRIMARY']);
  });

  it.each([
    ['DB_PASSWORD', '"PASSWORD"'],
    ['dbPassword', '"PASSWORD"'],
    ['REDIS_PASS', '"PASS"'],
    ['JWT_SECRET', '"SECRET"'],
    ['GITHUB_TOKEN', '"TOKEN"'],
    ['STRIPE_API_KEY', '"API_KEY"'],
    ['OPENAI_APIKEY', '"APIKEY"'],
    ['AWS_SECRET_ACCESS_KEY', '"SECRET"'],
    ['AWS_ACCESS_KEY_ID', '"ACCESS_KEY"'],
    ['GOOGLE_CREDENTIALS', '"CREDENTIALS"'],
    ['OAUTH_CLIENT_SECRET', '"SECRET"'],
    ['TLS_PRIVATE_KEY', '"PRIVATE_KEY"'],
    ['SESSION_SIGNING_KEY', '"SIGNING_KEY"'],
    ['GPG_PASSPHRASE', '"PASSPHRASE"'],
    ['DB_CONNECTION_STRING', '"CONNECTION_STRING"'],
  ])('flags the name %s (%s)', (key, word) => {
    expect(secretKeyReason(key)).toBe(`its name contains ${word}`);
  });

  it.each([
    'DB_PASSWORD_ARN',
    'JWT_SECRET_NAME',
    'API_TOKEN_PATH',
    'GOOGLE_CREDENTIALS_FILE',
    'TOKEN_TTL',
    'PASSWORD_MIN_LENGTH',
    'SECRET_ID',
    'TOKEN_URL',
    'AUTH_TOKEN_HEADER',
    'KMS_KEY_ID',
    'S3_BUCKET_NAME',
    'API_TOKEN_PARAMETER',
    'DB_PASSWORD_PARAM',
    'OIDC_TOKEN_URI',
    'DATABASE_URL',
    'LOG_LEVEL',
    'BYPASS_CACHE',
  ])('does not flag the name %s', (key) => {
    expect(secretKeyReason(key)).toBeUndefined();
  });

  it.each([
    [`${ACCESS_KEY_ID}`, 'an AWS access key id'],
    [`${PEM}\nMIIE...`, 'a private key'],
    ['postgresql://app:s3cr3t@db.internal:5432/registry', 'credentials in a URL (user:password@)'],
    [JWT, 'a JSON Web Token'],
    [GITHUB, 'a GitHub token'],
    [['xoxb', '-1234567890-abcdefghij'].join(''), 'a Slack token'],
    [['sk', '_live_', 'a'.repeat(24)].join(''), 'a Stripe secret key'],
    [['rk', '_test_', 'a'.repeat(24)].join(''), 'a Stripe secret key'],
    [['sk-', 'ant-', 'a'.repeat(32)].join(''), 'an API secret key (sk-...)'],
    [['AIza', 'B'.repeat(35)].join(''), 'a Google API key'],
    [['aws_secret_access_key', ' = ', 'x'.repeat(40)].join(''), 'an AWS secret access key assignment'],
  ])('flags the value %s as %s', (value, what) => {
    expect(secretValueReason(value)).toBe(what);
  });

  it.each([
    'postgresql://db.internal:5432/registry',
    'https://api.example.com/v1',
    'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf',
    'info',
    '8000',
  ])('does not flag the value %s', (value) => {
    expect(secretValueReason(value)).toBeUndefined();
  });

  it('reads unresolved tokens inside a value as placeholders', () => {
    const password = Token.asString({ ref: 'aws_db_instance.db.password' });
    expect(secretValueReason(`postgresql://app:${password}@db:5432/app`)).toBe(
      'credentials in a URL (user:password@)',
    );
    expect(secretValueReason(password)).toBeUndefined();
  });

  it('combines both checks, the value first', () => {
    expect(environmentSecretReason('DATABASE_URL', 'postgres://u:p@h/d')).toBe(
      'its value looks like credentials in a URL (user:password@)',
    );
    expect(environmentSecretReason('DB_PASSWORD', 'x')).toBe('its name contains "PASSWORD"');
    expect(environmentSecretReason('LOG_LEVEL', 'info')).toBeUndefined();
  });
});
