/**
 * Step outputs and job summaries for GitHub Actions, written by the CLIs so that workflow steps stay
 * one command each.
 */
import { appendFileSync } from 'node:fs';

/**
 * `name=value` lines for `$GITHUB_OUTPUT`: strings as they are, anything else as one-line JSON.
 * Throws on a value with a newline, which this format cannot carry.
 */
export function githubOutputLines(values: Readonly<Record<string, unknown>>): string {
  return Object.entries(values)
    .map(([name, value]) => {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      if (/[\r\n]/.test(text)) throw new Error(`GitHub output ${name} has a line break; pass it as JSON`);
      return `${name}=${text}\n`;
    })
    .join('');
}

/** Appends step outputs to `$GITHUB_OUTPUT`; returns false when not running in GitHub Actions. */
export function writeGithubOutput(
  values: Readonly<Record<string, unknown>>,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (!env.GITHUB_OUTPUT) return false;
  appendFileSync(env.GITHUB_OUTPUT, githubOutputLines(values));
  return true;
}

/** Appends Markdown to the job summary (`$GITHUB_STEP_SUMMARY`); returns false outside GitHub Actions. */
export function writeStepSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!env.GITHUB_STEP_SUMMARY) return false;
  appendFileSync(env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
  return true;
}
