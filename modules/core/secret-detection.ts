import { Token } from 'cdktf';

/**
 * Detection of secrets in environment variables (ECS containers, and any other place that takes
 * plain key/value settings). Environment values are stored in clear text in the task definition
 * (readable by anyone with `ecs:DescribeTaskDefinition`), in Terraform state and in the
 * synthesized JSON; secrets belong in a `secrets` block that passes only an ARN. Shared by the
 * ecs-fargate module (which refuses them at synth) and policy rules MLM-ECS-009 (values) and
 * MLM-ECS-010 (names), so both flag the same things.
 *
 * Two checks, both deliberately simple so a reader can predict them:
 *
 * | Check | Refused when                                                                                               |
 * |-------|------------------------------------------------------------------------------------------------------------|
 * | key   | a word of the key (split on `_`, `-`, `.` and camelCase) is a secret word, or two adjacent words form one    |
 * | value | the value holds an AWS access key id, a private key, credentials in a URL, a JWT or a well-known token prefix |
 *
 * Secret words: PASSWORD, PASSWD, PASS, PWD, PASSPHRASE, SECRET, TOKEN, APIKEY, CREDENTIAL(S),
 * PRIVATEKEY, and the pairs API KEY, PRIVATE KEY, ACCESS KEY, SECRET KEY, AUTH KEY, SIGNING KEY,
 * ENCRYPTION KEY, CLIENT SECRET, CONNECTION STRING. A key whose last word names a reference or a
 * setting rather than the secret itself is not refused by the key check: `..._ARN`, `_NAME`,
 * `_PATH`, `_FILE`, `_ID` (but not `ACCESS_KEY_ID`), `_PARAMETER`, `_PARAM`, `_TTL`, `_SECONDS`,
 * `_MINUTES`, `_HOURS`, `_DAYS`, `_LENGTH`, `_ENABLED`, `_DISABLED`, `_HEADER`, `_TYPE`,
 * `_ENDPOINT`, `_HOST`, `_PORT`, `_URL`, `_URI` (URLs are still value-checked for embedded
 * credentials). A name that trips the check but is not a secret can be listed in an ECS
 * container's `notSecrets` or a Lambda function's `nonSecretEnvironmentKeys` (the value check
 * still applies).
 */

const SECRET_WORDS = new Set([
  'PASSWORD',
  'PASSWD',
  'PASS',
  'PWD',
  'PASSPHRASE',
  'SECRET',
  'TOKEN',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'PRIVATEKEY',
]);
const SECRET_PAIRS = new Set([
  'API KEY',
  'PRIVATE KEY',
  'ACCESS KEY',
  'SECRET KEY',
  'AUTH KEY',
  'SIGNING KEY',
  'ENCRYPTION KEY',
  'CLIENT SECRET',
  'CONNECTION STRING',
]);
const REFERENCE_SUFFIXES = new Set([
  'ARN',
  'NAME',
  'PATH',
  'FILE',
  'ID',
  'PARAMETER',
  'PARAM',
  'TTL',
  'SECONDS',
  'MINUTES',
  'HOURS',
  'DAYS',
  'LENGTH',
  'ENABLED',
  'DISABLED',
  'HEADER',
  'TYPE',
  'URL',
  'URI',
  'ENDPOINT',
  'HOST',
  'PORT',
]);

const VALUE_PATTERNS: readonly { readonly what: string; readonly re: RegExp }[] = [
  { what: 'an AWS access key id', re: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/ },
  { what: 'an AWS secret access key assignment', re: /aws_secret_access_key\s*[=:]\s*\S/i },
  { what: 'a private key', re: /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/ },
  { what: 'credentials in a URL (user:password@)', re: /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i },
  { what: 'a JSON Web Token', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/ },
  { what: 'a GitHub token', re: /\b(ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{20,}/ },
  { what: 'a Slack token', re: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  { what: 'a Stripe secret key', re: /\b(sk|rk)_(live|test)_[A-Za-z0-9]{16,}/ },
  { what: 'an API secret key (sk-...)', re: /\bsk-(ant-|proj-)?[A-Za-z0-9_-]{20,}/ },
  { what: 'a Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
];

/** The upper-case words of an environment variable name: `dbPassword_v2` gives DB, PASSWORD, V2. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[_\-.]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toUpperCase());
}

/** Why the key looks like it names a secret, or undefined. */
export function secretKeyReason(key: string): string | undefined {
  const words = keyWords(key);
  if (words.length === 0) return undefined;
  const last = words[words.length - 1];
  const accessKeyId = words.length >= 3 && words.slice(-3).join(' ') === 'ACCESS KEY ID';
  if (REFERENCE_SUFFIXES.has(last) && !accessKeyId) return undefined;
  const word = words.find((w) => SECRET_WORDS.has(w));
  if (word) return `its name contains "${word}"`;
  for (let i = 0; i + 1 < words.length; i++) {
    const pair = `${words[i]} ${words[i + 1]}`;
    if (SECRET_PAIRS.has(pair)) return `its name contains "${pair.replace(' ', '_')}"`;
  }
  return undefined;
}

/**
 * Why the value looks like a secret, or undefined. Unresolved tokens inside the value are read
 * as placeholders, so `postgres://app:${password}@db` is still caught.
 */
export function secretValueReason(value: string): string | undefined {
  const text = Token.isUnresolved(value) ? value.replace(/\$\{[^}]*\}/g, 'TOKEN') : value;
  return VALUE_PATTERNS.find((p) => p.re.test(text))?.what;
}

/** Why `key=value` must not be an environment variable, or undefined when it may be. */
export function environmentSecretReason(key: string, value: string): string | undefined {
  const byValue = typeof value === 'string' ? secretValueReason(value) : undefined;
  if (byValue) return `its value looks like ${byValue}`;
  return secretKeyReason(key);
}
