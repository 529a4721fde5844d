/**
 * Types of the policy pack: rules, the view of a synthesized stack that rules read, and results.
 */

/** A JSON value as it appears in a synthesized (token-resolved) Terraform configuration. */
export type Json = string | number | boolean | null | readonly Json[] | JsonObject;

/** A JSON object, e.g. one resource's configuration. */
export interface JsonObject {
  readonly [key: string]: Json;
}

/** `error` fails `app.synth()`; `warning` is printed and recorded, and synthesis continues. */
export type PolicyLevel = 'error' | 'warning';

/** Outcome of one rule on one resource. */
export type Compliance = 'compliant' | 'non-compliant' | 'not-applicable';

/** Outcome plus an optional sentence saying what was found (shown as "Found:" in reports). */
export interface RuleResult {
  readonly status: Compliance;
  readonly detail?: string;
}

/** What `PolicyRule.check` returns: a bare status, or a status with a detail. */
export type RuleOutcome = Compliance | RuleResult;

/** One `resource` or `data` block of the synthesized stack. */
export interface TfBlock {
  readonly mode: 'resource' | 'data';
  /** Terraform type, e.g. `aws_s3_bucket`. */
  readonly type: string;
  /** Logical name in the JSON, e.g. `storage_models_bucket_1A2B3C4D`. */
  readonly name: string;
  /** Terraform address: `aws_s3_bucket.<name>` or `data.aws_iam_policy_document.<name>`. */
  readonly address: string;
  /** Construct path (from the block's `//` metadata); the address when there is none. */
  readonly path: string;
  /** The block's arguments, without the `//` metadata. */
  readonly config: JsonObject;
}

/** Read-only view of the whole synthesized stack, for rules that look across resources. */
export interface StackView {
  /** The stack's construct id, e.g. `orders-dev`. */
  readonly stackName: string;
  /** Every `resource` block, or those of one type. */
  resources(type?: string): readonly TfBlock[];
  /** Every `data` block, or those of one type. */
  dataSources(type?: string): readonly TfBlock[];
  /**
   * The block a value refers to when the value is exactly one reference, e.g.
   * `${aws_s3_bucket.app_ABC.id}` or `${data.aws_iam_policy_document.p.json}`; otherwise undefined.
   */
  resolve(value: Json | undefined): TfBlock | undefined;
  /**
   * The literal value an exact reference stands for, when the stack knows it: `${var.x}` gives
   * the `default` of variable `x`, `${aws_vpc.main.cidr_block}` the `cidr_block` argument of
   * `aws_vpc.main` when that argument is written in the configuration. Undefined for anything else
   * (computed attributes, expressions, variables without a default, values that themselves hold
   * references).
   */
  literalValue(value: Json | undefined): Json | undefined;
  /** Every block of this stack named by a reference anywhere in the value (strings, lists, objects). */
  referencedIn(value: Json | undefined): readonly TfBlock[];
  /**
   * True when `value` designates `target`: it references `target`, or it is a literal equal to one of
   * the target's `literalAttributes` (e.g. a bucket given by name: `['bucket']`).
   */
  pointsAt(value: Json | undefined, target: TfBlock, literalAttributes?: readonly string[]): boolean;
  /** Resources of `type` whose `attribute` points at `target` (see {@link pointsAt}). */
  attachedTo(
    target: TfBlock,
    type: string,
    attribute: string,
    literalAttributes?: readonly string[],
  ): readonly TfBlock[];
  /** The resource's literal `tags` merged over the `default_tags` of the AWS provider it uses. */
  effectiveTags(block: TfBlock): Readonly<Record<string, string>>;
}

/** What a rule's `check` receives. */
export interface RuleContext {
  /** The resource being checked. */
  readonly resource: TfBlock;
  /** The stack it belongs to. */
  readonly stack: StackView;
}

/**
 * One policy rule: a pure function over the synthesized configuration plus the metadata that
 * reports and RULES.md show.
 */
export interface PolicyRule {
  /** Stable id, e.g. `MLM-S3-001`. Suppressions name it; never reuse or renumber one. */
  readonly id: string;
  /** The matching checkov check, e.g. `CKV_AWS_145`, where one exists. */
  readonly checkovId?: string;
  /** What it checks, phrased as the requirement, e.g. "S3 buckets block all public access". */
  readonly title: string;
  /** Why it matters. */
  readonly rationale: string;
  readonly level: PolicyLevel;
  /** How to comply (shown as "Fix:" in reports). */
  readonly fix: string;
  /** Terraform resource types it runs on. */
  readonly appliesTo: readonly string[];
  check(ctx: RuleContext): RuleOutcome;
}

/** One rule's outcome on one resource. */
export interface RuleEvaluation {
  readonly rule: PolicyRule;
  readonly resource: TfBlock;
  readonly status: Compliance;
  readonly detail?: string;
}
