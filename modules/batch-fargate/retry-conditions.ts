/**
 * Retry conditions (`retry_strategy.evaluate_on_exit`) of AWS Batch job definitions.
 *
 * Batch checks the entries in order; the first whose patterns all match decides. When entries
 * are given and none matches, Batch retries, so the list must end with a catch-all `EXIT`.
 */

/** One `evaluate_on_exit` entry. Patterns are globs that may only end in `*`. */
export interface JobRetryCondition {
  /** What to do when every given pattern matches. */
  readonly action: 'RETRY' | 'EXIT';
  /** Pattern on the container's exit code: digits, optionally ending in `*`. @default - not matched on */
  readonly onExitCode?: string;
  /**
   * Pattern on the container's `reason` (e.g. `CannotPullContainerError: ...`): letters, digits,
   * `.`, `:` and white space, optionally ending in `*`.
   * @default - not matched on
   */
  readonly onReason?: string;
  /** Pattern on the job's `statusReason`, same alphabet as `onReason`. @default - not matched on */
  readonly onStatusReason?: string;
}

/**
 * Retry what the platform broke, fail fast on what the application did:
 *
 * | # | Matches                                         | Cause                                      | Action |
 * |---|-------------------------------------------------|--------------------------------------------|--------|
 * | 1 | statusReason `Task failed to start*`            | Fargate could not place or start the task  | RETRY  |
 * | 2 | statusReason `Your Spot Task was interrupted*`  | Fargate Spot reclaimed the capacity        | RETRY  |
 * | 3 | reason `CannotPullContainerError*`              | registry throttling or a network blip      | RETRY  |
 * | 4 | reason `ResourceInitializationError*`           | ENI, secrets or log setup failed           | RETRY  |
 * | 5 | reason `*` (anything else)                      | the job's own exit code, OOM, timeout      | EXIT   |
 *
 * A job that exits non-zero fails on its first attempt: running the same input again rarely
 * fixes an application error and burns vCPU minutes. Host-side failures are retried up to the
 * job definition's attempts (3 by default).
 */
export const DEFAULT_RETRY_CONDITIONS: readonly JobRetryCondition[] = [
  { action: 'RETRY', onStatusReason: 'Task failed to start*' },
  { action: 'RETRY', onStatusReason: 'Your Spot Task was interrupted*' },
  { action: 'RETRY', onReason: 'CannotPullContainerError*' },
  { action: 'RETRY', onReason: 'ResourceInitializationError*' },
  { action: 'EXIT', onReason: '*' },
];

const REASON_RE = /^[A-Za-z0-9.: \t]*\*?$/;
const EXIT_CODE_RE = /^[0-9]*\*?$/;

/**
 * Problems with a list of retry conditions (each a sentence naming the entry); empty when the
 * list is valid.
 */
export function retryConditionProblems(conditions: readonly JobRetryCondition[]): string[] {
  const problems: string[] = [];
  if (conditions.length > 5) problems.push(`has ${conditions.length} entries; Batch accepts at most 5`);
  conditions.forEach((c, i) => {
    const at = `entry ${i}`;
    if (c.action !== 'RETRY' && c.action !== 'EXIT') problems.push(`${at}: action must be "RETRY" or "EXIT"`);
    if (c.onExitCode === undefined && c.onReason === undefined && c.onStatusReason === undefined) {
      problems.push(`${at}: matches nothing (set onExitCode, onReason or onStatusReason)`);
    }
    for (const key of ['onReason', 'onStatusReason'] as const) {
      const p = c[key];
      if (p !== undefined && (p.length === 0 || p.length > 512 || !REASON_RE.test(p))) {
        problems.push(
          `${at}: ${key} ${JSON.stringify(p)} may hold only letters, digits, ".", ":" and white space, ending in an optional "*" (1-512 characters)`,
        );
      }
    }
    const code = c.onExitCode;
    if (code !== undefined && (code.length === 0 || code.length > 512 || !EXIT_CODE_RE.test(code))) {
      problems.push(
        `${at}: onExitCode ${JSON.stringify(code)} may hold only digits, ending in an optional "*"`,
      );
    }
  });
  const last = conditions[conditions.length - 1];
  if (conditions.length > 0 && !(last.action === 'EXIT' && isCatchAll(last))) {
    problems.push(
      'does not end with a catch-all EXIT ({ action: "EXIT", onReason: "*" }): Batch retries jobs that match no entry',
    );
  }
  return problems;
}

function isCatchAll(c: JobRetryCondition): boolean {
  const patterns = [c.onExitCode, c.onReason, c.onStatusReason].filter((p) => p !== undefined);
  return patterns.length > 0 && patterns.every((p) => p === '*');
}
