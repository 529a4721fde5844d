import { TerraformStack, Testing } from 'cdktf';

/** A synthesized stack as JSON: blocks by type, then by logical id. */
export interface SynthJson {
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly data: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, Record<string, unknown>>;
}

/** Synthesizes a stack (`Testing.synth`) and parses it. */
export function synthJson(stack: TerraformStack): { text: string; json: SynthJson } {
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text) as SynthJson };
}

/**
 * The block of `type` whose logical id starts with `prefix` (the construct path below the stack,
 * '/' replaced by '_', e.g. `fn_role_policy-document`); throws when there is not exactly one.
 */
export function block(
  blocks: Record<string, Record<string, Record<string, unknown>>> | undefined,
  type: string,
  prefix: string,
): Record<string, unknown> {
  const all = Object.entries(blocks?.[type] ?? {});
  const found = all.filter(([id]) => id === prefix || id.startsWith(`${prefix}_`));
  if (found.length !== 1) {
    throw new Error(
      `expected one ${type} "${prefix}", found ${found.length} among ${all.map(([id]) => id).join(', ')}`,
    );
  }
  return found[0][1];
}

/** The `statement` list of the policy document whose logical id starts with `prefix`. */
export function statements(json: SynthJson, prefix: string): Record<string, unknown>[] {
  return block(json.data, 'aws_iam_policy_document', prefix).statement as Record<string, unknown>[];
}

/** The logical ids of the blocks of `type`. */
export function idsOf(
  blocks: Record<string, Record<string, Record<string, unknown>>> | undefined,
  type: string,
): string[] {
  return Object.keys(blocks?.[type] ?? {});
}
