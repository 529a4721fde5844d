/**
 * `npm run apply -- <stack> --plan <bundle>/tfplan`: applies a reviewed plan (review/apply.ts).
 *
 * Exit codes: 0 applied or skipped (no changes), 1 not applied (a check or Terraform failed),
 * 3 the plan is stale (plan again). With `GITHUB_STEP_SUMMARY` set (GitHub Actions), the plan
 * and the outcome are appended to the job summary.
 */
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { ApplyError, applyPlan, ApplyResult, StalePlanError } from './apply';
import { writeStepSummary } from './github-output';
import { readBundle, renderApproval } from './plan-bundle';
import { code, fenced, cut } from './plan-markdown';
import { readStackResult } from './plan-run';

const USAGE = `Usage: npm run apply -- <stack> --plan <dir>/tfplan [--stack-dir <dir>] [--lock-timeout 5m]

Applies the reviewed plan of one stack: checks it against the bundle's checksums (bundle.json next to
the plan), checks the Terraform version, skips it when it has no changes, then runs
\`terraform init -lockfile=readonly\` and \`terraform apply <plan>\` in the planned stack directory
(default: <dir>/stack). A stale plan is never re-planned: the command stops (exit 3).
`;

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The job-summary text for an outcome; the plan's own summary when the bundle can be read. */
function summaryFor(planFile: string, outcome: string): string {
  const dir = dirname(planFile);
  try {
    const bundle = readBundle(dir);
    const result = readStackResult(dir);
    return result ? renderApproval(bundle, result.summary, outcome) : outcome;
  } catch {
    return outcome;
  }
}

function outcomeOf(r: ApplyResult): string {
  return r.result === 'applied'
    ? `> [!NOTE]\n> ✅ **Applied** the reviewed plan ${code(r.bundle.planSha256)} in ${(r.ms / 1000).toFixed(1)} s.`
    : `> [!NOTE]\n> ⏭️ **Skipped**: ${r.reason}. Nothing was applied.`;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      plan: { type: 'string' },
      'stack-dir': { type: 'string' },
      'lock-timeout': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    log(USAGE);
    return 0;
  }
  if (positionals.length !== 1 || !values.plan) {
    process.stderr.write(`Name one stack and its plan file.\n\n${USAGE}`);
    return 1;
  }
  const stack = positionals[0];
  const planFile = values.plan;
  try {
    const result = await applyPlan({
      stack,
      planFile,
      stackDir: values['stack-dir'],
      lockTimeout: values['lock-timeout'],
      log,
    });
    if (result.result === 'applied') log(result.output);
    writeStepSummary(summaryFor(planFile, outcomeOf(result)));
    return 0;
  } catch (err) {
    if (!(err instanceof ApplyError)) throw err;
    const title =
      err instanceof StalePlanError ? '⚠️ **Stale plan: nothing was applied.**' : '❌ **Not applied.**';
    const detail = err.output ? `\n\n${fenced(cut(err.output, 20_000).text)}` : '';
    writeStepSummary(
      summaryFor(
        planFile,
        `> [!CAUTION]\n> ${title} ${err.message.replace(/\n/g, '\n> ')}${detail.replace(/\n/g, '\n> ')}`,
      ),
    );
    process.stderr.write(`${err.message}\n${err.output ? `\n${err.output}\n` : ''}`);
    return err instanceof StalePlanError ? 3 : 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 1;
  },
);
