/**
 * Reads EC2 user data as it appears in synthesized Terraform JSON, so rules can look inside it:
 *
 * | form in `user_data`                                             | read as                          |
 * |-----------------------------------------------------------------|----------------------------------|
 * | plain text (`#!/bin/bash`, `#cloud-config`)                     | itself                           |
 * | base64 (in lines or not), optionally of gzip                    | decoded (and gunzipped)          |
 * | `${base64gzip(base64decode("…"))}` / `${base64encode(…)}`       | the decoded literal              |
 * | `${base64gzip(join("", [base64decode("…"), <reference>, …]))}`  | literals joined, each reference shown as `${<reference>}` |
 *
 * The last two are what modules/compose-host synthesizes. A reference stays visible as the
 * Terraform expression it is (e.g. `${aws_sns_topic.alerts.arn}`), which keeps YAML and JSON
 * around it parseable.
 */
import { gunzipSync } from 'node:zlib';
import YAML from 'yaml';
import { isObject } from './json';
import { Json } from './types';

const BASE64_RE = /^[A-Za-z0-9+/]+={0,2}$/;
const LITERAL_RE = /^base64decode\("([A-Za-z0-9+/=]*)"\)$/;

/** Decodes base64 (and gzip inside it); undefined when the value is not base64. */
function decodeBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (compact.length < 4 || compact.length % 4 !== 0 || !BASE64_RE.test(compact)) return undefined;
  const bytes = Buffer.from(compact, 'base64');
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return gunzipSync(bytes).toString('utf8');
    } catch {
      return undefined;
    }
  }
  return bytes.toString('utf8');
}

/** Splits a list body (`a, b(c, d), "e"`) at top-level commas. */
function splitTopLevel(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"' && body[i - 1] !== '\\') quoted = !quoted;
    if (quoted) continue;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = body.slice(start).trim();
  if (last !== '') out.push(last);
  return out;
}

/** The text of one element of a `join("", [...])` list, or of a single argument. */
function elementText(element: string): string {
  const literal = LITERAL_RE.exec(element);
  if (literal) return Buffer.from(literal[1], 'base64').toString('utf8');
  return `\${${element}}`;
}

/**
 * The readable text of a `user_data` value (see the table above); undefined when it is none of
 * those forms (e.g. a reference to a file or another resource's attribute).
 */
export function userDataText(value: Json | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const expression = /^\$\{(base64gzip|base64encode)\((.*)\)\}$/s.exec(value);
  if (expression) {
    const inner = expression[2].trim();
    const join = /^join\(""\s*,\s*\[(.*)\]\)$/s.exec(inner);
    if (join) return splitTopLevel(join[1]).map(elementText).join('');
    const literal = LITERAL_RE.exec(inner);
    return literal ? Buffer.from(literal[1], 'base64').toString('utf8') : undefined;
  }
  if (value.startsWith('#')) return value;
  // Base64 may be wrapped in lines (`base64` writes 76 columns); other text of several lines is
  // a script or document as it is.
  return decodeBase64(value) ?? (value.includes('\n') ? value : undefined);
}

/** One file a `#cloud-config` document writes. */
export interface CloudConfigFile {
  readonly path: string;
  readonly content: string;
}

/** The `write_files` of a `#cloud-config` document; empty for any other user data. */
export function cloudConfigFiles(text: string | undefined): CloudConfigFile[] {
  if (text === undefined || !text.startsWith('#cloud-config')) return [];
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch {
    return [];
  }
  if (!isObject(doc as Json) || !Array.isArray((doc as { write_files?: unknown }).write_files)) return [];
  const files: CloudConfigFile[] = [];
  for (const f of (doc as { write_files: unknown[] }).write_files) {
    if (!isObject(f as Json)) continue;
    const { path, content, encoding } = f as { path?: unknown; content?: unknown; encoding?: unknown };
    if (typeof path !== 'string' || typeof content !== 'string') continue;
    let text: string | undefined = content;
    if (encoding === 'b64' || encoding === 'base64') text = Buffer.from(content, 'base64').toString('utf8');
    else if (encoding === 'gz+b64' || encoding === 'gzip+base64') text = decodeBase64(content);
    if (text !== undefined) files.push({ path, content: text });
  }
  return files;
}
