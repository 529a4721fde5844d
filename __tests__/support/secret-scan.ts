/**
 * Secret material in a synthesized stack, wherever it hides: every string of the JSON, and what
 * base64 strings decode to (gunzipped when they are gzip, as compressed user data is), line by
 * line. Used by the stack tests to show that generated secrets never reach Terraform.
 */
import { gunzipSync } from 'node:zlib';
import { environmentSecretReason, secretValueReason } from '../../modules/core/secret-detection';

/** One string the scan read, and where it came from. */
export interface ScannedText {
  /** JSON path, e.g. `resource.aws_launch_template.app.user_data`, with ` (base64, gzip)` when decoded. */
  readonly where: string;
  readonly text: string;
}

const BASE64_RE = /^[A-Za-z0-9+/]+={0,2}$/;

/** The text a base64 string decodes to (gunzipped if gzip), or undefined when it is not base64 text. */
export function decodeBase64Text(value: string): { text: string; gzip: boolean } | undefined {
  if (value.length < 16 || value.length % 4 !== 0 || !BASE64_RE.test(value)) return undefined;
  let bytes = Buffer.from(value, 'base64');
  const gzip = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (gzip) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      return undefined;
    }
  }
  const text = bytes.toString('utf8');
  // Only printable text counts (a key or a hash decodes to bytes, not to text worth scanning).
  return /^[\t\n\r\x20-\x7e\u00a0-\uffff]*$/.test(text) ? { text, gzip } : undefined;
}

const EMBEDDED_RE = /base64decode\("([A-Za-z0-9+/=]+)"\)/g;

/**
 * Every string in `value`, and the decoded text of every base64 string and of every
 * `base64decode("...")` literal inside a Terraform expression (how compose-host user data keeps its
 * text next to references, for `base64gzip` at apply), recursively.
 */
export function scannedTexts(value: unknown, where = ''): ScannedText[] {
  if (typeof value === 'string') {
    const out: ScannedText[] = [{ where, text: value }];
    const decoded = decodeBase64Text(value);
    if (decoded) out.push(...scannedTexts(decoded.text, `${where} (base64${decoded.gzip ? ', gzip' : ''})`));
    for (const m of value.matchAll(EMBEDDED_RE)) {
      const literal = decodeBase64Text(m[1]);
      if (literal) out.push(...scannedTexts(literal.text, `${where} (base64decode literal)`));
    }
    return out;
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => scannedTexts(v, `${where}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => scannedTexts(v, where ? `${where}.${k}` : k));
  }
  return [];
}

/** A line that holds secret material, and why. */
export interface SecretFinding {
  readonly where: string;
  readonly line: string;
  readonly why: string;
}

/**
 * Lines assigning `name` a literal (`NAME=value`, `NAME: value`): anything but a shell or
 * Terraform expansion (`"$value"`, `${...}`) or nothing.
 */
export function literalAssignments(texts: readonly ScannedText[], name: string): SecretFinding[] {
  const re = new RegExp(`${name}['"]?\\s*[=:]\\s*['"]?([^\\s'"]+)`, 'i');
  const found: SecretFinding[] = [];
  for (const t of texts) {
    for (const line of t.text.split('\n')) {
      const m = re.exec(line);
      if (m && !m[1].startsWith('$'))
        found.push({ where: t.where, line: line.trim(), why: `${name} = ${m[1]}` });
    }
  }
  return found;
}

/** Lines that look like credentials (AWS keys, private keys, JWTs, tokens, passwords in URLs). */
export function credentialLines(texts: readonly ScannedText[]): SecretFinding[] {
  const found: SecretFinding[] = [];
  for (const t of texts) {
    for (const line of t.text.split('\n')) {
      const why = secretValueReason(line);
      if (why) found.push({ where: t.where, line: line.trim().slice(0, 120), why });
    }
  }
  return found;
}

/**
 * `KEY=value` lines of env files and `environment` maps whose key names a secret and whose value
 * is a literal (not an expansion, not empty).
 */
export function secretEnvironmentLines(texts: readonly ScannedText[]): SecretFinding[] {
  const found: SecretFinding[] = [];
  for (const t of texts) {
    for (const line of t.text.split('\n')) {
      const m = /^\s*(?:-\s*|export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*[=:]\s*['"]?([^'"\s#]+)/.exec(line);
      if (!m || m[2].startsWith('$')) continue;
      const why = environmentSecretReason(m[1], m[2]);
      if (why) found.push({ where: t.where, line: line.trim().slice(0, 120), why });
    }
  }
  return found;
}
