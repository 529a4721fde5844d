import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Fn, Token } from 'cdktf';

/** Sizes of the user data, in bytes. */
export interface UserDataSize {
  /** The cloud-config text. */
  readonly rawBytes: number;
  /** Gzip-compressed: what EC2 stores and counts against its 16 KB limit. */
  readonly gzipBytes: number;
  /** Base64 of the gzip bytes: what the launch template carries. */
  readonly base64Bytes: number;
  /**
   * True when the text contains Terraform references (their values are only known at apply
   * time); each counts as `TOKEN_SIZE_ESTIMATE` (96) characters.
   */
  readonly estimated: boolean;
}

/** User data, encoded for the launch template. */
export interface EncodedUserData {
  /** `base64gzip(...)` over the text, for the launch template's `user_data`. */
  readonly value: string;
  /** The text with each Terraform reference shown as `${ref:<n>}`, for review and tests. */
  readonly text: string;
  readonly size: UserDataSize;
}

/** Characters a Terraform reference (bucket name, topic ARN, ...) is assumed to take when sizing. */
export const TOKEN_SIZE_ESTIMATE = 96;

/**
 * What a reference counts as when sizing: hex digits, which compress about as badly as the names
 * and ARNs they stand for (a run of one letter would compress to nothing and hide the cost).
 */
function standIn(index: number): string {
  return createHash('sha256').update(`ref${index}`).digest('hex').repeat(2).slice(0, TOKEN_SIZE_ESTIMATE);
}

/** A string-valued token as CDKTF encodes it inside a string (`${TfToken[TOKEN.42]}`). */
const STRING_TOKEN_RE = /\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;

/** The literal strings and tokens of a string, in order; tokens as `{ token }`. */
function fragments(text: string): (string | { readonly token: string })[] {
  const out: (string | { readonly token: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(STRING_TOKEN_RE)) {
    const index = m.index ?? 0;
    out.push(text.slice(last, index), { token: m[0] });
    last = index + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}

/**
 * Encodes the cloud-config text for the launch template as
 * `base64gzip(join("", [base64decode("<literal>"), <reference>, ...]))`. Terraform compresses the
 * text (cloud-init detects gzip and decompresses it), which leaves room under EC2's 16 KB limit.
 * Literal parts travel base64-encoded, so nothing in them needs escaping for Terraform and a
 * reviewer can read them with `base64 -d`; references (bucket names, topic ARNs) are joined in by
 * Terraform, which also orders the host after what they name.
 *
 * The gzip size is measured here with Node's zlib at level 6; Terraform's Go implementation
 * produces a few bytes more or less, which the size limit's margin absorbs.
 */
export function encodeUserData(text: string): EncodedUserData {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  const parts = fragments(text);
  const shown: string[] = [];
  const sized: string[] = [];
  const expression: string[] = [];
  let refs = 0;
  for (const part of parts) {
    if (typeof part === 'string') {
      shown.push(part);
      sized.push(part);
      if (part !== '') expression.push(Fn.base64decode(b64(part)));
    } else {
      shown.push(`\${ref:${refs}}`);
      sized.push(standIn(refs));
      expression.push(part.token);
      refs += 1;
    }
  }
  const plain = sized.join('');
  const gzipBytes = gzipSync(Buffer.from(plain, 'utf8'), { level: 6 }).length;
  const value =
    refs === 0
      ? Fn.base64gzip(Fn.base64decode(b64(plain)))
      : Fn.base64gzip(Token.asString(Fn.join('', expression)));
  return {
    value,
    text: shown.join(''),
    size: {
      rawBytes: Buffer.byteLength(plain),
      gzipBytes,
      base64Bytes: 4 * Math.ceil(gzipBytes / 3),
      estimated: refs > 0,
    },
  };
}
