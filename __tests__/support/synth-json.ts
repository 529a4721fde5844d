import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ALL_RULES, runPolicyPack } from '../../modules/policy';
import { JsonObject } from '../../modules/policy/types';

/** One resource or data block of a synthesized stack. */
export type Block = Record<string, unknown>;

/**
 * A synthesized stack, parsed. `resource` and `data` are typed as present (tests of stacks that
 * have them read them directly); a stack without data sources has no `data`.
 */
export interface SynthJson {
  readonly resource: Record<string, Record<string, Block>>;
  readonly data: Record<string, Record<string, Block>>;
  readonly output?: Record<string, Block>;
}

/** A stack named `test` with an AWS provider in us-east-1. */
export function testStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}

/** Synthesizes the stack and parses the JSON. */
export function synthJson(stack: TerraformStack): { text: string; json: SynthJson } {
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text) as SynthJson };
}

/** The blocks of one resource type, by logical name. */
export function resources(json: SynthJson, type: string): Record<string, Block> {
  return json.resource?.[type] ?? {};
}

/** The blocks of one resource type, without names. */
export function blocksOf(json: SynthJson, type: string): Block[] {
  return Object.values(resources(json, type));
}

/** Resource counts by type. */
export function resourceCounts(json: SynthJson): Record<string, number> {
  return Object.fromEntries(
    Object.entries(json.resource ?? {}).map(([t, byId]) => [t, Object.keys(byId).length]),
  );
}

/** The only block of a type (fails if there are 0 or several). */
export function only(json: SynthJson, type: string): { id: string; config: Block } {
  const entries = Object.entries(resources(json, type));
  if (entries.length !== 1) throw new Error(`expected one ${type}, found ${entries.length}`);
  return { id: entries[0][0], config: entries[0][1] };
}

/** `${type.id.attribute}` */
export function ref(type: string, id: string, attribute = 'id'): string {
  return `\${${type}.${id}.${attribute}}`;
}

/**
 * The whole message of a ValidationError for the construct at `path` listing these problems
 * (`field = value: problem. Fix: fix`), written out as users read it.
 */
export function invalidMessage(path: string, ...problems: string[]): string {
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return `Invalid input for ${path} (${problems.length} ${noun}):\n${problems.map((p) => `  - ${p}`).join('\n')}`;
}

/** "accepted" when `fn` returns, else the message of the error it throws. */
export function outcomeOf(fn: () => unknown): string {
  try {
    fn();
    return 'accepted';
  } catch (e) {
    return (e as Error).message;
  }
}

/** The message of the error `fn` throws. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

/**
 * Policy-pack findings (rule id and construct path, sorted) on the stack, by level, as the pack
 * sees them at synth; pack problems throw.
 */
export function policyFindings(stack: TerraformStack): { errors: string[]; warnings: string[] } {
  const report = runPolicyPack(stack.toTerraform() as JsonObject, {
    stackName: stack.node.id,
    rules: ALL_RULES,
  });
  if (report.problems.length > 0) throw new Error(report.problems.join('\n'));
  const list = (level: 'error' | 'warning') =>
    report.violations
      .filter((v) => v.rule.level === level)
      .map((v) => `${v.rule.id} ${v.resource.path}`)
      .sort();
  return { errors: list('error'), warnings: list('warning') };
}

/** The statements with `sid` in any `aws_iam_policy_document` of the synthesized stack. */
export function statementsWithSid(json: SynthJson, sid: string): Block[] {
  return Object.values(json.data?.aws_iam_policy_document ?? {}).flatMap((doc) =>
    ((doc.statement as Block[] | undefined) ?? []).filter((st) => st.sid === sid),
  );
}

/**
 * The block of `type` whose logical id is `prefix` or starts with `prefix_` (the construct path
 * below the stack, '/' replaced by '_', e.g. `fn_role_policy-document`); throws unless exactly one.
 */
export function block(
  blocks: Record<string, Record<string, Block>> | undefined,
  type: string,
  prefix: string,
): Block {
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
export function statements(json: SynthJson, prefix: string): Block[] {
  return block(json.data, 'aws_iam_policy_document', prefix).statement as Block[];
}

/** The logical ids of the blocks of `type`. */
export function idsOf(blocks: Record<string, Record<string, Block>> | undefined, type: string): string[] {
  return Object.keys(blocks?.[type] ?? {});
}

/** The alarms that carry plan-time checks, as `[alarm_name, lifecycle]` pairs in resource order. */
export function alarmPlanChecks(alarms: Record<string, Block>): Array<[unknown, unknown]> {
  return Object.values(alarms)
    .filter((b) => b.lifecycle !== undefined)
    .map((b) => [b.alarm_name, b.lifecycle]);
}
