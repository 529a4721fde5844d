/**
 * Readers for values in synthesized Terraform JSON. Provider bindings render a block either as an
 * object (single-nested) or as a list (repeatable), booleans of some resources as strings
 * (`"true"`), and unset optional arguments as `null`; these helpers hide those differences.
 */
import { Json, JsonObject } from './types';

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The blocks in a value: an object gives one block, a list gives its objects, anything else none. */
export function blocks(value: Json | undefined): readonly JsonObject[] {
  if (isObject(value)) return [value];
  if (Array.isArray(value)) return value.filter(isObject);
  return [];
}

/** The first block in a value (see {@link blocks}). */
export function firstBlock(value: Json | undefined): JsonObject | undefined {
  return blocks(value)[0];
}

/** `true` or `"true"` (launch templates and a few other resources take booleans as strings). */
export function isTrue(value: Json | undefined): boolean {
  return value === true || value === 'true';
}

/** `false` or `"false"`. */
export function isFalse(value: Json | undefined): boolean {
  return value === false || value === 'false';
}

/** A string value, or undefined for anything else (including `null`). */
export function str(value: Json | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A non-empty string that is not only whitespace. */
export function isNonBlank(value: Json | undefined): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** A number, or a string holding a whole decimal number (`"22"`); undefined otherwise. */
export function num(value: Json | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

/** The strings in a value: a string gives itself, a list gives its strings, anything else none. */
export function strings(value: Json | undefined): readonly string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** A value shortened for a one-line message. */
export function show(value: Json | undefined): string {
  if (value === undefined) return 'unset';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
