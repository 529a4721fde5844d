import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ValidationError, ValidationProblem } from '../../modules/core/validation';
import { ALL_RULES, runPolicyPack } from '../../modules/policy';
import { JsonObject } from '../../modules/policy/types';

/** A synthesized stack's JSON, as the tests read it. */
export interface StackJson {
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
}

/** A fresh stack with an AWS provider in us-east-1. */
export function newStack(id = 'test'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), id);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}

/** Synthesizes a stack once and returns its text and parsed JSON. */
export function synthJson(stack: TerraformStack): { text: string; json: StackJson } {
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text) as StackJson };
}

/** The blocks of one resource type (in synthesis order), without their `//` metadata. */
export function resourcesOf(json: StackJson, type: string): Record<string, unknown>[] {
  return Object.values(json.resource[type] ?? {}).map((b) =>
    Object.fromEntries(Object.entries(b).filter(([k]) => k !== '//')),
  );
}

/** The single block of a type; fails the test when there are none or several. */
export function onlyResource(json: StackJson, type: string): Record<string, unknown> {
  const all = resourcesOf(json, type);
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** The `aws_iam_policy_document` data source whose logical name contains `fragment`. */
export function policyDocument(json: StackJson, fragment: string): { statement: Record<string, unknown>[] } {
  const docs = json.data?.aws_iam_policy_document ?? {};
  const key = Object.keys(docs).find((k) => k.includes(fragment));
  if (!key)
    throw new Error(`no aws_iam_policy_document named like ${fragment}: ${Object.keys(docs).join(', ')}`);
  return docs[key] as { statement: Record<string, unknown>[] };
}

/** The problems a ValidationError thrown by `fn` lists; [] when `fn` does not throw. */
export function validationProblems(fn: () => unknown): ValidationProblem[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return [...e.problems];
    throw e;
  }
  return [];
}

/** What a table-driven validation case expects of one problem. */
export interface ExpectedProblem {
  readonly field: string;
  readonly value: unknown;
  readonly problem: RegExp;
  readonly fix: RegExp;
}

/** Matcher for one expected problem inside `validationProblems(...)`. */
export function problemLike(p: ExpectedProblem): ValidationProblem {
  return {
    field: p.field,
    value: p.value,
    problem: expect.stringMatching(p.problem) as unknown as string,
    fix: expect.stringMatching(p.fix) as unknown as string,
  };
}

/** Every policy-pack finding (errors and warnings, not suppressed) on a stack: `<rule id> <path>`. */
export function policyFindings(stack: TerraformStack): string[] {
  const report = runPolicyPack(stack.toTerraform() as JsonObject, {
    stackName: stack.node.id,
    rules: ALL_RULES,
  });
  if (report.problems.length > 0) throw new Error(report.problems.join('\n'));
  return report.violations.filter((v) => !v.suppression).map((v) => `${v.rule.id} ${v.resource.path}`);
}
