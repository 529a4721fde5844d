/**
 * Runs rules over a synthesized stack and applies suppressions. Pure: no CDKTF constructs, no I/O,
 * so it can be tested on plain Terraform JSON.
 */
import { createStackView } from './stack-view';
import { JsonObject, PolicyRule, RuleEvaluation, RuleOutcome, StackView } from './types';

/** A suppression as attached to a construct path (it covers that construct and everything below). */
export interface ScopedSuppression {
  /** Construct path the suppression was added to, e.g. `orders-dev/storage/logs`. */
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

/** A non-compliant evaluation and the suppression that silences it, if any. */
export interface PolicyViolation extends RuleEvaluation {
  readonly status: 'non-compliant';
  readonly suppression?: ScopedSuppression;
}

export interface PolicyReport {
  readonly stackName: string;
  /** Every rule outcome on every resource it applies to. */
  readonly evaluations: readonly RuleEvaluation[];
  /** Non-compliant and not suppressed: errors fail synthesis, warnings are printed. */
  readonly violations: readonly PolicyViolation[];
  /** Non-compliant but suppressed, with the suppression applied. */
  readonly suppressed: readonly PolicyViolation[];
  /** Suppressions that matched no violation (stale, or on the wrong construct). */
  readonly unusedSuppressions: readonly ScopedSuppression[];
  /** Failures of the pack itself (unknown rule id in a suppression, a rule that threw): errors. */
  readonly problems: readonly string[];
}

export interface PolicyRunOptions {
  readonly stackName: string;
  readonly rules: readonly PolicyRule[];
  readonly suppressions?: readonly ScopedSuppression[];
  /**
   * Rule ids a suppression may name besides those of `rules` (the built-in catalogue), so that a
   * suppression of a rule left out of this run is "unused", not "unknown".
   * @default - only the ids of `rules`
   */
  readonly knownRuleIds?: readonly string[];
}

const STATUSES: readonly string[] = ['compliant', 'non-compliant', 'not-applicable'];

/** A rule's outcome as status + detail; throws (reported as a pack problem) for anything else. */
function normalise(outcome: RuleOutcome): { status: RuleEvaluation['status']; detail?: string } {
  const result = typeof outcome === 'string' ? { status: outcome } : outcome;
  if (typeof result !== 'object' || result === null || !STATUSES.includes(result.status)) {
    throw new Error(`check returned ${JSON.stringify(outcome)}, not one of ${STATUSES.join(', ')}`);
  }
  return result;
}

/** Every rule on every resource of a type it applies to. */
export function evaluateRules(
  stack: StackView,
  rules: readonly PolicyRule[],
): { evaluations: RuleEvaluation[]; problems: string[] } {
  const evaluations: RuleEvaluation[] = [];
  const problems: string[] = [];
  for (const rule of rules) {
    for (const type of rule.appliesTo) {
      for (const resource of stack.resources(type)) {
        try {
          const { status, detail } = normalise(rule.check({ resource, stack }));
          evaluations.push({ rule, resource, status, detail });
        } catch (e) {
          problems.push(
            `${rule.id} could not evaluate ${resource.address} (${resource.path}): ${e instanceof Error ? e.message : String(e)}`,
          );
        }
      }
    }
  }
  return { evaluations, problems };
}

function covers(suppression: ScopedSuppression, path: string): boolean {
  return path === suppression.path || path.startsWith(`${suppression.path}/`);
}

/** Edit distance, for "did you mean" hints on mistyped rule ids. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** The known id closest to `id`, when it is close enough to be a typo. */
export function closestRuleId(id: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(id.toUpperCase(), k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return bestDistance <= 3 ? best : undefined;
}

/** Runs the rules over a synthesized stack (`TerraformStack.toTerraform()`) and applies suppressions. */
export function runPolicyPack(terraform: JsonObject, options: PolicyRunOptions): PolicyReport {
  const stack = createStackView(options.stackName, terraform);
  const { evaluations, problems } = evaluateRules(stack, options.rules);
  const suppressions = options.suppressions ?? [];
  const known = new Set([...options.rules.map((r) => r.id), ...(options.knownRuleIds ?? [])]);

  for (const s of suppressions) {
    if (known.has(s.id)) continue;
    const hint = closestRuleId(s.id, [...known]);
    problems.push(
      `Suppression at ${s.path} names unknown rule "${s.id}"${hint ? ` (did you mean "${hint}"?)` : ''}. ` +
        'Rule ids are listed in RULES.md.',
    );
  }

  const used = new Set<ScopedSuppression>();
  const violations: PolicyViolation[] = [];
  const suppressed: PolicyViolation[] = [];
  for (const e of evaluations) {
    if (e.status !== 'non-compliant') continue;
    // The nearest suppression (longest path) wins, so the listing shows the most specific reason.
    const match = suppressions
      .filter((s) => s.id === e.rule.id && covers(s, e.resource.path))
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (match) {
      used.add(match);
      suppressed.push({ ...e, status: 'non-compliant', suppression: match });
    } else {
      violations.push({ ...e, status: 'non-compliant' });
    }
  }
  const unusedSuppressions = suppressions.filter((s) => known.has(s.id) && !used.has(s));
  // Group findings by resource (rule order within one resource), as a reviewer reads them.
  const byPath = (a: PolicyViolation, b: PolicyViolation): number =>
    a.resource.path < b.resource.path ? -1 : a.resource.path > b.resource.path ? 1 : 0;
  violations.sort(byPath);
  suppressed.sort(byPath);
  return { stackName: options.stackName, evaluations, violations, suppressed, unusedSuppressions, problems };
}
