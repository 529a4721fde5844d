import { Annotations, Aspects, IAspect, TerraformStack } from 'cdktf';
import { IConstruct, IValidation } from 'constructs';
import { checkSingleCdktf } from '../core/cdktf-copies';
import { PolicyReport, runPolicyPack } from './engine';
import { errorMessages, formatReport, formatViolation } from './report';
import { ALL_RULES } from './rules';
import { PolicySuppressions } from './suppressions';
import { JsonObject, PolicyRule } from './types';

/** Options of {@link applyPolicyPack} and {@link PolicyPackAspect}. */
export interface PolicyPackOptions {
  /**
   * Rules to run. Pass `[...ALL_RULES, myRule]` to add one, or a filtered `ALL_RULES` to leave one
   * out for a whole stack (prefer a suppression with a reason on the stack construct: it is listed).
   * @default ALL_RULES
   */
  readonly rules?: readonly PolicyRule[];
  /**
   * Also receives the report of each stack as text (warnings, applied and unused suppressions),
   * for runs outside the cdktf CLI, e.g. `log: (m) => console.warn(m)` in a script that calls
   * `app.synth()` itself.
   *
   * Findings always go to construct annotations: `cdktf synth` prints each warning once, as a
   * `WARN` line with its construct path. Do not pass `console.warn` under the CLI: it shows an
   * app's stderr as `[ERROR]` lines, so every warning would appear twice, once as an error.
   * @default - annotations only
   */
  readonly log?: (message: string) => void;
}

const RULE_ID_RE = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;

/** Checks a rule set once, when the pack is applied: ids unique and well formed, metadata present. */
function checkRules(rules: readonly PolicyRule[]): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const r of rules) {
    if (!RULE_ID_RE.test(r.id)) problems.push(`rule id ${JSON.stringify(r.id)} is not like "MLM-S3-001"`);
    if (seen.has(r.id)) problems.push(`rule id ${r.id} is used twice`);
    seen.add(r.id);
    if (r.level !== 'error' && r.level !== 'warning')
      problems.push(`${r.id}: level must be 'error' or 'warning'`);
    if (r.appliesTo.length === 0) problems.push(`${r.id}: appliesTo lists no resource type`);
    for (const field of ['title', 'rationale', 'fix'] as const) {
      if (!r[field] || !r[field].trim()) problems.push(`${r.id}: ${field} is empty`);
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `Invalid policy rules (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

/**
 * The validation added to a stack: synthesizes the stack (tokens resolved), runs the rules, returns
 * error-level findings as validation errors (which make `app.synth()` throw) and prints the rest.
 */
class PolicyPackValidation implements IValidation {
  private readonly annotated = new Set<string>();
  private lastPrinted = '';

  constructor(
    private readonly stack: TerraformStack,
    private readonly rules: readonly PolicyRule[],
    private readonly log: ((message: string) => void) | undefined,
  ) {}

  public validate(): string[] {
    const report = runPolicyPack(this.stack.toTerraform() as JsonObject, {
      stackName: this.stack.node.id,
      rules: this.rules,
      suppressions: PolicySuppressions.collect(this.stack),
      knownRuleIds: ALL_RULES.map((r) => r.id),
    });
    this.publish(report);
    return errorMessages(report);
  }

  /**
   * Annotations, which the cdktf CLI prints (warnings as `WARN [<construct path>]`), and the text
   * report for `log` when one is given. Both once per distinct content: validations may run more
   * than once per process.
   */
  private publish(report: PolicyReport): void {
    const byPath = new Map(this.stack.node.findAll().map((c) => [c.node.path, c] as const));
    for (const w of report.violations.filter((v) => v.rule.level === 'warning')) {
      this.annotateOnce(byPath.get(w.resource.path) ?? this.stack, 'warning', formatViolation(w));
    }
    if (report.suppressed.length > 0) {
      const lines = report.suppressed.map(
        (s) => `${s.rule.id} ${s.resource.path} (${s.resource.address}): ${s.suppression?.reason}`,
      );
      this.annotateOnce(this.stack, 'info', `Suppressed policy findings:\n${lines.join('\n')}`);
    }
    for (const u of report.unusedSuppressions) {
      this.annotateOnce(
        byPath.get(u.path) ?? this.stack,
        'warning',
        `Unused policy suppression ${u.id}: remove it`,
      );
    }
    if (this.log === undefined) return;
    const text = formatReport(report);
    if (text && text !== this.lastPrinted) {
      this.log(text);
      this.lastPrinted = text;
    }
  }

  private annotateOnce(scope: IConstruct, level: 'warning' | 'info', message: string): void {
    const key = `${scope.node.path}\n${level}\n${message}`;
    if (this.annotated.has(key)) return;
    this.annotated.add(key);
    if (level === 'warning') Annotations.of(scope).addWarning(message);
    else Annotations.of(scope).addInfo(message);
  }
}

/**
 * Aspect that adds the policy validation to every {@link TerraformStack} it visits (once per stack).
 * CDKTF runs aspects of a stack and its children only, so add it to each stack, not to the App;
 * {@link applyPolicyPack} does that.
 */
export class PolicyPackAspect implements IAspect {
  private readonly rules: readonly PolicyRule[];
  private readonly log?: (message: string) => void;
  private readonly registered = new WeakSet<TerraformStack>();

  constructor(options: PolicyPackOptions = {}) {
    this.rules = options.rules ?? ALL_RULES;
    checkRules(this.rules);
    this.log = options.log;
  }

  public visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node) || this.registered.has(node)) return;
    this.registered.add(node);
    node.node.addValidation(new PolicyPackValidation(node, this.rules, this.log));
  }
}

const applied = new WeakSet<TerraformStack>();

/**
 * Runs the policy pack on `stack` when it is synthesized: error-level findings make `app.synth()`
 * throw with rule id, construct path and fix; warnings and suppressions become annotations (and go
 * to `log`, when given).
 *
 * ```ts
 * const stack = new OrdersStack(app, 'orders-dev', config);
 * applyPolicyPack(stack);
 * ```
 */
export function applyPolicyPack(stack: TerraformStack, options: PolicyPackOptions = {}): void {
  // A stack of another cdktf copy would never run this copy's aspect: fail instead of checking nothing.
  checkSingleCdktf(stack);
  if (applied.has(stack)) {
    throw new Error(`applyPolicyPack: the policy pack is already applied to stack ${stack.node.path}`);
  }
  const aspect = new PolicyPackAspect(options);
  applied.add(stack);
  Aspects.of(stack).add(aspect);
}
