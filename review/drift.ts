/**
 * Drift detection: the scheduled workflow (`.github/workflows/drift.yml`) plans every deployed stack
 * from `main` with the read-only plan role and `-detailed-exitcode`, and keeps one GitHub issue per
 * stack while it differs from its configuration.
 *
 * A stack has drifted when Terraform would change something (exit code 2: someone changed a
 * resource by hand, or a change on main was never applied) or when refresh found resources changed
 * outside Terraform (`resource_drift`, also when the configuration ignores the change). This module
 * turns plan results into `drift.json`, which says per stack: open or update its issue (drift),
 * close it (clean), or leave it alone (the plan failed; the workflow fails and says so). The
 * workflow's script only makes the API calls.
 */
import { code, cut } from './plan-markdown';
import { renderStackSection } from './plan-render';
import { StackPlanSummary } from './plan-summarize';
import { StackPlanMeta } from './plan-run';

/** Label of every drift issue. */
export const DRIFT_LABEL = 'drift';

/** Title of a stack's drift issue: the workflow finds the open issue by it. */
export function driftIssueTitle(stack: string): string {
  return `Drift: ${stack}`;
}

/** Hidden marker at the top of a drift issue. */
export function driftMarker(stack: string): string {
  return `<!-- mlmon-drift:stack=${stack.replace(/-->/g, '')} -->`;
}

/** A stack's drift check. */
export type DriftState = 'drift' | 'clean' | 'failed';

/** One stack's entry in `drift.json`. */
export interface DriftEntry {
  readonly stack: string;
  readonly state: DriftState;
  /** Issue title. */
  readonly title: string;
  /** Issue body (drift), or the closing comment (clean), or the failure (failed). */
  readonly body: string;
  /** One line for the job summary. */
  readonly line: string;
}

/** What `drift.json` holds. */
export interface DriftReport {
  readonly version: 1;
  readonly label: string;
  readonly labelDescription: string;
  readonly entries: readonly DriftEntry[];
}

/** GitHub's limit on an issue body is 65,536 characters. */
const BODY_BUDGET = 60_000;

/** Whether a stack's plan shows drift. */
export function driftState(meta: StackPlanMeta, summary: StackPlanSummary): DriftState {
  if (meta.error || summary.status === 'failed') return 'failed';
  if (meta.planExitCode === 2) return 'drift';
  if (summary.status === 'changes' || summary.status === 'destructive' || summary.drift.length > 0) {
    return 'drift';
  }
  return 'clean';
}

/** Options of {@link driftReport}. */
export interface DriftReportOptions {
  /** Link to the workflow run. @default - none */
  readonly runUrl?: string;
  /** @default - now */
  readonly checkedAt?: Date;
}

/** `drift.json` from the results of the drift plans. */
export function driftReport(
  results: ReadonlyArray<{ readonly meta: StackPlanMeta; readonly summary: StackPlanSummary }>,
  options: DriftReportOptions = {},
): DriftReport {
  const when = (options.checkedAt ?? new Date()).toISOString();
  const run = options.runUrl ? ` ([workflow run](${options.runUrl}))` : '';
  const entries = results.map(({ meta, summary }): DriftEntry => {
    const stack = summary.stack;
    const state = driftState(meta, summary);
    const title = driftIssueTitle(stack);
    if (state === 'clean') {
      return {
        stack,
        state,
        title,
        body: `✅ No drift on ${when}${run}: ${code(stack)} matches its configuration on main again. Closing.`,
        line: `✅ ${stack}: no drift`,
      };
    }
    if (state === 'failed') {
      return {
        stack,
        state,
        title,
        body: `The drift check of ${stack} failed on ${when}${run}:\n\n${meta.error ?? 'no plan result'}`,
        line: `❌ ${stack}: the drift check failed (see the plan job)`,
      };
    }
    const what = [
      summary.counts.create + summary.counts.update + summary.counts.replace + summary.counts.delete > 0
        ? `a plan from main would change it (${summary.terraformLine})`
        : '',
      summary.drift.length > 0 ? `${summary.drift.length} resource(s) were changed outside Terraform` : '',
    ]
      .filter(Boolean)
      .join('; ');
    const head = [
      driftMarker(stack),
      `## ⚠️ ${code(stack)} differs from its configuration on main`,
      '',
      `Last checked ${when}${run}: ${what || 'Terraform reports changes'}.`,
      '',
      'What to do:',
      '',
      '- a change made by hand that should stay: put it into the configuration (a pull request), so the next apply keeps it;',
      '- a change made by hand that should go: run the deploy workflow on main (Actions → deploy → Run workflow): it plans, and the environment approval applies the plan that puts it back;',
      '- a change merged to main but never applied (its deploy failed or was not approved): run the deploy workflow again.',
      '',
      `This issue is updated by every drift check (\`.github/workflows/drift.yml\`) and closed when the stack matches again.`,
      '',
    ].join('\n');
    const section = renderStackSection(summary, { diffBudget: BODY_BUDGET / 3, listLimit: 50 });
    return {
      stack,
      state,
      title,
      body: cut(`${head}\n${section}\n`, BODY_BUDGET).text,
      line: `⚠️ ${stack}: drift (${what || summary.terraformLine})`,
    };
  });
  return {
    version: 1,
    label: DRIFT_LABEL,
    labelDescription: 'A deployed stack differs from its configuration on main (drift.yml)',
    entries,
  };
}
