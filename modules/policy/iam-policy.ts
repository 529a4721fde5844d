/**
 * IAM policy documents read from synthesized configuration: JSON strings (`JSON.stringify(...)`,
 * references embedded as `${...}` strings) and `data.aws_iam_policy_document` data sources, both
 * normalised to one statement shape.
 */
import { blocks, isObject, strings } from './json';
import { fromProblems, notApplicable } from './outcome';
import { Json, JsonObject, RuleContext, RuleResult, StackView, TfBlock } from './types';

export interface PolicyCondition {
  /** Condition operator, e.g. `Bool`, `StringEquals`. */
  readonly test: string;
  /** Condition key, e.g. `aws:SecureTransport`. */
  readonly variable: string;
  readonly values: readonly string[];
}

export interface PolicyPrincipal {
  /** `*`, `AWS`, `Service`, `Federated` or `CanonicalUser`. */
  readonly type: string;
  readonly identifiers: readonly string[];
}

export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly principals: readonly PolicyPrincipal[];
  readonly conditions: readonly PolicyCondition[];
}

/** A readable document, or why it could not be read. */
export type PolicyDocument =
  | { readonly ok: true; readonly statements: readonly PolicyStatement[] }
  | { readonly ok: false; readonly reason: string };

function statementFromJson(s: JsonObject): PolicyStatement {
  const principals: PolicyPrincipal[] = [];
  const p = s.Principal;
  if (p === '*') principals.push({ type: '*', identifiers: ['*'] });
  else if (isObject(p)) {
    for (const [type, ids] of Object.entries(p)) principals.push({ type, identifiers: strings(ids) });
  }
  const conditions: PolicyCondition[] = [];
  if (isObject(s.Condition)) {
    for (const [test, byKey] of Object.entries(s.Condition)) {
      if (!isObject(byKey)) continue;
      for (const [variable, values] of Object.entries(byKey)) {
        conditions.push({ test, variable, values: strings(values).concat(booleans(values)) });
      }
    }
  }
  return {
    sid: typeof s.Sid === 'string' ? s.Sid : undefined,
    effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
    actions: strings(s.Action),
    notActions: strings(s.NotAction),
    resources: strings(s.Resource),
    notResources: strings(s.NotResource),
    principals,
    conditions,
  };
}

/** JSON policies may write condition values as booleans (`"aws:SecureTransport": false`). */
function booleans(value: Json | undefined): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is boolean => typeof v === 'boolean').map(String);
}

function statementFromDataSource(s: JsonObject): PolicyStatement {
  return {
    sid: typeof s.sid === 'string' ? s.sid : undefined,
    effect: s.effect === 'Deny' ? 'Deny' : 'Allow',
    actions: strings(s.actions),
    notActions: strings(s.not_actions),
    resources: strings(s.resources),
    notResources: strings(s.not_resources),
    principals: blocks(s.principals).map((b) => ({
      type: typeof b.type === 'string' ? b.type : '',
      identifiers: strings(b.identifiers),
    })),
    conditions: blocks(s.condition).map((b) => ({
      test: typeof b.test === 'string' ? b.test : '',
      variable: typeof b.variable === 'string' ? b.variable : '',
      values: strings(b.values),
    })),
  };
}

function fromDataSource(block: TfBlock, stack: StackView, seen: Set<string>): PolicyDocument {
  const statements: PolicyStatement[] = [];
  for (const source of strings(block.config.source_policy_documents)) {
    const doc = readPolicyDocument(source, stack, seen);
    if (!doc.ok) return { ok: false, reason: `${block.address} source_policy_documents: ${doc.reason}` };
    statements.push(...doc.statements);
  }
  statements.push(...blocks(block.config.statement).map(statementFromDataSource));
  for (const override of strings(block.config.override_policy_documents)) {
    const doc = readPolicyDocument(override, stack, seen);
    if (!doc.ok) return { ok: false, reason: `${block.address} override_policy_documents: ${doc.reason}` };
    for (const st of doc.statements) {
      const i = st.sid === undefined ? -1 : statements.findIndex((x) => x.sid === st.sid);
      if (i >= 0) statements[i] = st;
      else statements.push(st);
    }
  }
  return { ok: true, statements };
}

/**
 * Reads a policy argument (`policy`, `inline_policy.policy`, a bucket policy ...). Returns
 * `ok: false` with a reason for anything the pack can't see through: a Terraform expression such as
 * `${jsonencode(...)}`, invalid JSON, or a reference to something other than a policy document.
 */
export function readPolicyDocument(
  value: Json | undefined,
  stack: StackView,
  seen: Set<string> = new Set(),
): PolicyDocument {
  if (value === undefined || value === null) return { ok: false, reason: 'no policy document' };
  if (isObject(value)) return fromParsedJson(value);
  if (typeof value !== 'string')
    return { ok: false, reason: `policy is a ${typeof value}, not a JSON document` };
  const target = stack.resolve(value);
  if (target) {
    if (target.mode !== 'data' || target.type !== 'aws_iam_policy_document') {
      return {
        ok: false,
        reason: `policy refers to ${target.address}, which is not a data.aws_iam_policy_document`,
      };
    }
    if (seen.has(target.address)) return { ok: false, reason: `${target.address} includes itself` };
    return fromDataSource(target, stack, new Set([...seen, target.address]));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return {
      ok: false,
      reason: value.includes('${')
        ? `policy is a Terraform expression (${value.length > 60 ? `${value.slice(0, 57)}...` : value})`
        : 'policy is not valid JSON',
    };
  }
  if (!isObject(parsed as Json)) return { ok: false, reason: 'policy JSON is not an object' };
  return fromParsedJson(parsed as JsonObject);
}

function fromParsedJson(doc: JsonObject): PolicyDocument {
  return { ok: true, statements: blocks(doc.Statement).map(statementFromJson) };
}

/** The identity policies a resource carries, each with a label for messages. */
export function identityPolicies(resource: TfBlock): { label: string; value: Json | undefined }[] {
  if (resource.type === 'aws_iam_role') {
    return blocks(resource.config.inline_policy)
      .filter((p) => p.policy !== undefined && p.policy !== null)
      .map((p, i) => ({
        label: `inline_policy ${typeof p.name === 'string' ? `"${p.name}"` : `#${i + 1}`}`,
        value: p.policy,
      }));
  }
  return [{ label: 'policy', value: resource.config.policy }];
}

/** Resource types that carry identity policies (what IAM rules run on). */
export const IDENTITY_POLICY_TYPES: readonly string[] = [
  'aws_iam_policy',
  'aws_iam_role_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
  'aws_iam_role',
];

/** `Sid "ReadModels"` or `statement #2`, for messages. */
export function statementLabel(st: PolicyStatement, index: number): string {
  return st.sid ? `statement "${st.sid}"` : `statement #${index + 1}`;
}

/**
 * Runs `inspect` on every statement of every identity policy of the resource. The outcome lists each
 * problem with the policy it is in; a policy the pack can't read is a problem too (a guardrail that
 * can't see must not pass). Not applicable when the resource carries no identity policy.
 */
export function checkIdentityPolicies(
  ctx: RuleContext,
  inspect: (st: PolicyStatement, index: number) => string | undefined,
): RuleResult {
  const policies = identityPolicies(ctx.resource);
  if (policies.length === 0) return notApplicable('no identity policy');
  const problems: string[] = [];
  for (const p of policies) {
    const doc = readPolicyDocument(p.value, ctx.stack);
    if (!doc.ok) {
      problems.push(`${p.label} can't be checked: ${doc.reason}`);
      continue;
    }
    doc.statements.forEach((st, i) => {
      const problem = inspect(st, i);
      if (problem) problems.push(`${p.label} ${statementLabel(st, i)} ${problem}`);
    });
  }
  return fromProblems(problems);
}
