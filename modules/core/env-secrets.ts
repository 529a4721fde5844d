import { Token } from 'cdktf';

/**
 * Detection of secrets in environment variables (Lambda, containers): values are stored in plain
 * text in Terraform state, in the synthesized JSON and in the function configuration that anyone
 * with `lambda:GetFunctionConfiguration` can read. Secrets belong in Secrets Manager or SSM
 * Parameter Store, passed by ARN or name and read at runtime.
 */

/** One variable that looks like it carries a secret. */
export interface EnvironmentSecretFinding {
  readonly key: string;
  /** Why, e.g. 'its name contains "PASSWORD"' or 'its value contains an AWS access key id'. */
  readonly reason: string;
}

/** Values that are secrets whatever the variable is called. */
export const SECRET_VALUE_PATTERNS: readonly { readonly name: string; readonly re: RegExp }[] = [
  { name: 'an AWS access key id', re: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/ },
  { name: 'an AWS secret access key assignment', re: /aws_secret_access_key\s*[=:]\s*\S/i },
  { name: 'a private key', re: /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----/ },
  { name: 'a password in a URL', re: /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i },
  { name: 'a JSON web token', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/ },
  { name: 'a GitHub token', re: /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
  { name: 'a Slack token', re: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  { name: 'a Stripe secret key', re: /\b[sr]k_(live|test)_[A-Za-z0-9]{16,}/ },
  { name: 'an API secret key ("sk-...")', re: /\bsk-(ant-|proj-)?[A-Za-z0-9_-]{20,}/ },
  { name: 'a Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
];

/** Name words (after splitting on `_`, `-`, `.` and case changes) that mark a secret. */
const SECRET_WORDS = new Set([
  'PASSWORD',
  'PASSWD',
  'PWD',
  'PASSPHRASE',
  'SECRET',
  'SECRETS',
  'TOKEN',
  'TOKENS',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'PRIVATEKEY',
  'SECRETKEY',
  'ACCESSKEY',
]);

/** Adjacent name words that mark a secret (`API_KEY`, `PRIVATE_KEY`, `CONNECTION_STRING` ...). */
const SECRET_PAIRS: readonly (readonly [string, string])[] = [
  ['API', 'KEY'],
  ['PRIVATE', 'KEY'],
  ['ACCESS', 'KEY'],
  ['SECRET', 'KEY'],
  ['SIGNING', 'KEY'],
  ['ENCRYPTION', 'KEY'],
  ['AUTH', 'KEY'],
  ['CONNECTION', 'STRING'],
];

/**
 * Last name words that make the variable a reference to a secret, not the secret itself:
 * `DB_SECRET_ARN`, `API_TOKEN_PARAMETER`, `TOKEN_URL`, `SECRET_NAME`.
 */
export const SECRET_REFERENCE_SUFFIXES: readonly string[] = [
  'ARN',
  'NAME',
  'ID',
  'PARAMETER',
  'PARAM',
  'PATH',
  'ENDPOINT',
  'URL',
  'URI',
  'TTL',
  'HEADER',
  'FILE',
  'REGION',
  'ENABLED',
];

/** The words of a variable name, upper case: `dbPassword` and `DB_PASSWORD` give DB, PASSWORD. */
export function nameWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toUpperCase());
}

/** Why a variable name looks like it holds a secret, or undefined. */
export function secretLikeName(key: string): string | undefined {
  const words = nameWords(key);
  if (words.length === 0) return undefined;
  if (SECRET_REFERENCE_SUFFIXES.includes(words[words.length - 1])) return undefined;
  const word = words.find((w) => SECRET_WORDS.has(w));
  if (word) return `its name contains "${word}"`;
  for (let i = 0; i + 1 < words.length; i++) {
    const pair = SECRET_PAIRS.find(([a, b]) => words[i] === a && words[i + 1] === b);
    if (pair) return `its name contains "${pair.join('_')}"`;
  }
  return undefined;
}

/** Why a value looks like a secret, or undefined. Unresolved tokens are references, not secrets. */
export function secretLikeValue(value: string): string | undefined {
  if (Token.isUnresolved(value)) return undefined;
  const hit = SECRET_VALUE_PATTERNS.find((p) => p.re.test(value));
  return hit ? `its value contains ${hit.name}` : undefined;
}

/**
 * Variables that look like secrets, by name (unless listed in `nonSecretKeys`) or by value
 * (always: a value pattern is never a false positive worth keeping in plain text).
 */
export function environmentSecretFindings(
  variables: Readonly<Record<string, string>>,
  nonSecretKeys: readonly string[] = [],
): EnvironmentSecretFinding[] {
  const findings: EnvironmentSecretFinding[] = [];
  for (const [key, value] of Object.entries(variables)) {
    const byValue = typeof value === 'string' ? secretLikeValue(value) : undefined;
    const byName = nonSecretKeys.includes(key) ? undefined : secretLikeName(key);
    const reason = byValue ?? byName;
    if (reason) findings.push({ key, reason });
  }
  return findings;
}
