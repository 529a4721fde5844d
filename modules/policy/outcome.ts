/** Shorthands for rule outcomes with a detail sentence. */
import { RuleResult } from './types';

export function compliant(detail?: string): RuleResult {
  return { status: 'compliant', detail };
}

export function nonCompliant(detail: string): RuleResult {
  return { status: 'non-compliant', detail };
}

export function notApplicable(detail?: string): RuleResult {
  return { status: 'not-applicable', detail };
}

/** Non-compliant listing every problem, or compliant when there is none. */
export function fromProblems(problems: readonly string[], compliantDetail?: string): RuleResult {
  return problems.length > 0 ? nonCompliant(problems.join('; ')) : compliant(compliantDetail);
}
