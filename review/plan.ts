/**
 * `npm run plan`: synthesize the app and run a real `terraform plan` for every stack.
 *
 * ```
 * npm run plan                          # offline: no AWS account, mock credentials, local state
 * npm run plan -- mlmon-dev             # only some stacks
 * npm run plan -- --online              # real credentials and the real S3 backend (or MLMON_PLAN_MODE=online)
 * npm run plan -- summarize [--dir d]   # rebuild plans/summary.md from saved results (CI comment job)
 * ```
 *
 * Results go to `plans/` (see review/plan-run.ts for the layout); the exit code is 1 when a
 * stack failed to plan.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderCombinedComment } from './plan-summary';
import { consoleTable, loadResults, PLAN_MODE_ENV, resolveMode, runPlan } from './plan-run';
import { PROVIDER_MIRROR_ENV, REPO_ROOT } from './terraform';

const USAGE = `Usage: npm run plan -- [options] [stack ...]
       npm run plan -- summarize [--dir plans] [--title text] [--subtitle text]

Plans every stack (or the stacks named) and writes plans/<stack>/{tfplan,plan.json,summary.md}
and plans/summary.md.

Options:
  --offline            Mock credentials, local empty state, -refresh=false (default; no AWS account needed)
  --online             Real credentials and the stacks' real backend (${PLAN_MODE_ENV}=online does the same)
  --no-synth           Use the existing cdktf.out instead of synthesizing
  --out <dir>          Results directory (default: plans)
  --concurrency <n>    Stacks planned at the same time (default: 2)
  --title <text>       Heading of plans/summary.md (default: "Terraform plan")
  -h, --help           Show this help

Environment:
  ${PROVIDER_MIRROR_ENV}  Provider filesystem mirror for terraform init (default: the public registry)
  ${PLAN_MODE_ENV}           offline | online
`;

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function summarizeCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      dir: { type: 'string', default: 'plans' },
      title: { type: 'string' },
      subtitle: { type: 'string' },
    },
  });
  const dir = resolve(values.dir as string);
  const summaries = loadResults(dir);
  if (summaries.length === 0) {
    process.stderr.write(`No plan results (meta.json) under ${dir}.\n`);
    return 1;
  }
  const file = join(dir, 'summary.md');
  writeFileSync(
    file,
    renderCombinedComment(summaries, {
      title: values.title,
      subtitle: values.subtitle,
      artifactHint: (stack) => `plan-${stack}`,
    }),
  );
  log(`Wrote ${file} (${summaries.length} stack(s))`);
  return summaries.some((s) => s.status === 'failed') ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'summarize') return summarizeCommand(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      online: { type: 'boolean' },
      offline: { type: 'boolean' },
      'no-synth': { type: 'boolean' },
      out: { type: 'string' },
      concurrency: { type: 'string' },
      title: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    log(USAGE);
    return 0;
  }
  if (values.online && values.offline) throw new Error('Choose one of --online and --offline.');
  const mode = resolveMode(values.online ? 'online' : values.offline ? 'offline' : undefined);
  const concurrency = values.concurrency === undefined ? 2 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(`--concurrency ${values.concurrency}: use a whole number of at least 1.`);
  }
  log(
    mode === 'offline'
      ? 'Offline plan: mock credentials, empty local state, -refresh=false. No AWS account is used.'
      : "Online plan: your AWS credentials and the stacks' real state backend.",
  );
  const run = await runPlan({
    repoRoot: REPO_ROOT,
    mode,
    outRoot: values.out,
    stacks: positionals,
    synth: !values['no-synth'],
    concurrency,
    title: values.title,
    log,
  });
  log('');
  log(consoleTable(run.results));
  log('');
  for (const r of run.results) {
    if (r.meta.error)
      log(
        `--- ${r.meta.stack} failed ---\n${r.meta.error}\n(full output: ${join(r.outDir, 'terraform.log')})\n`,
      );
  }
  log(`Summary: ${run.combinedFile}`);
  log(`Done in ${(run.totalMs / 1000).toFixed(1)} s`);
  return run.results.some((r) => r.meta.error) ? 1 : 0;
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
