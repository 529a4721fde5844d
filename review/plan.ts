/**
 * `npm run plan`: synthesize the app and run a real `terraform plan` for every stack; plus the
 * commands the workflows run around plans (each a thin wrapper around a tested module).
 *
 * ```
 * npm run plan                          # offline: no AWS account, mock credentials, local state
 * npm run plan -- mlmon-dev             # only some stacks
 * npm run plan -- --online              # real credentials and the real S3 backend (or MLMON_PLAN_MODE=online)
 * npm run plan -- --online --bundle s   # keep what `npm run apply` needs (deploy workflow)
 * npm run plan -- summarize [--dir d]   # rebuild plans/summary.md from saved results (CI comment job)
 * npm run plan -- changed --base <dir>  # stacks whose synthesized configuration differs from the base
 * npm run plan -- stacks                # the app's stacks: CI plans, deploy targets, admin stacks
 * npm run plan -- schedule --dir d      # what the deploy does per stack, from its plans
 * npm run plan -- drift-report --dir d  # drift.json for the drift issues
 * ```
 *
 * Results go to `plans/` (see review/plan-run.ts for the layout); the exit code is 1 when a
 * stack failed to plan.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ChangeReport, compareSynthOutputs, everyStackChanged, parseChangeReport } from './changed-stacks';
import { classifyStacks, deployMatrix, deploySchedule, PlanOutcome, renderSchedule } from './deploy-order';
import { driftReport } from './drift';
import { writeGithubOutput, writeStepSummary } from './github-output';
import { renderCombinedComment, StackPlanSummary, summarizePlan } from './plan-summary';
import {
  consoleTable,
  loadStackResults,
  PLAN_MODE_ENV,
  readManifest,
  resolveMode,
  runPlan,
  synthesize,
} from './plan-run';
import { PROVIDER_MIRROR_ENV, REPO_ROOT } from './terraform';
import { SYSTEMS } from '../stacks/systems';

const USAGE = `Usage: npm run plan -- [options] [stack ...]
       npm run plan -- summarize [--dir plans] [--title text] [--subtitle text] [--changes file] [--cost true|false]
       npm run plan -- changed (--base <base checkout> | --base-out <dir> --head-out <dir>) [--out changes.json] [--github-output]
       npm run plan -- stacks [--remote-state] [--no-synth] [--github-output]
       npm run plan -- schedule --dir <plans> [--stacks <json list>] [--github-output]
       npm run plan -- drift-report --dir <plans> [--out drift.json] [--run-url url]

Plans every stack (or the stacks named) and writes plans/<stack>/{tfplan,plan.json,summary.md}
and plans/summary.md.

Options:
  --offline            Mock credentials, local empty state, -refresh=false (default; no AWS account needed)
  --online             Real credentials and the stacks' real backend (${PLAN_MODE_ENV}=online does the same)
  --no-lock            Online: plan with -lock=false (never waits for or blocks a deploy; PR and drift plans)
  --lock-timeout <d>   Online: how long to wait for the state lock (default: 120s)
  --detailed-exitcode  Record terraform plan's detailed exit code (2: changes) in meta.json (drift checks)
  --bundle             Online: keep the stack directory, lock file and checksums for \`npm run apply\`
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

function booleanFlag(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new Error(`${name} ${value}: use true or false.`);
}

async function summarizeCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      dir: { type: 'string', default: 'plans' },
      title: { type: 'string' },
      subtitle: { type: 'string' },
      changes: { type: 'string' },
      cost: { type: 'string' },
    },
  });
  const dir = resolve(values.dir as string);
  const costEnabled = booleanFlag(values.cost, '--cost');
  const changes: ChangeReport | undefined = values.changes
    ? parseChangeReport(readFileSync(values.changes, 'utf8'), values.changes)
    : undefined;
  const summaries: StackPlanSummary[] = loadStackResults(dir, { costEnabled }).map((r) => r.summary);
  // A changed stack without results: its plan job failed before it could plan.
  for (const stack of changes?.changed ?? []) {
    if (summaries.some((s) => s.stack === stack)) continue;
    summaries.push(
      summarizePlan({
        stack,
        error: 'No plan result: the plan job of this stack failed before it planned (see the workflow run).',
      }),
    );
  }
  if (summaries.length === 0 && !changes) {
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
      unchanged: changes?.unchanged,
      removed: changes?.removed,
    }),
  );
  log(`Wrote ${file} (${summaries.length} stack(s))`);
  return summaries.some((s) => s.status === 'failed') ? 1 : 0;
}

async function changedCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      base: { type: 'string' },
      'base-out': { type: 'string' },
      'head-out': { type: 'string' },
      out: { type: 'string', default: 'changes.json' },
      'github-output': { type: 'boolean' },
    },
  });
  const headOut = resolve(values['head-out'] ?? join(REPO_ROOT, 'cdktf.out'));
  let report: ChangeReport;
  if (values.base) {
    const baseRoot = resolve(values.base);
    const baseOut = resolve(values['base-out'] ?? join(baseRoot, 'cdktf.out'));
    log(`Synthesizing the head (${REPO_ROOT}) and the base (${baseRoot}) ...`);
    await synthesize({ repoRoot: REPO_ROOT, synthDir: headOut });
    try {
      await synthesize({ repoRoot: baseRoot, synthDir: baseOut });
      report = compareSynthOutputs(baseOut, headOut);
    } catch (err) {
      // The head must synthesize (its tests fail otherwise); a base that does not is compared with nothing.
      report = everyStackChanged(headOut, (err as Error).message);
      log(`The base could not be synthesized, so every stack counts as changed:\n${report.baseError}`);
    }
  } else if (values['base-out']) {
    report = compareSynthOutputs(resolve(values['base-out']), headOut);
  } else {
    throw new Error('changed: give --base <base checkout> (synthesized here) or --base-out <synth dir>.');
  }
  writeFileSync(resolve(values.out as string), JSON.stringify(report, null, 2) + '\n');
  for (const s of report.stacks)
    log(`${s.change.padEnd(9)} ${s.stack}${s.files.length ? ` (${s.files.join(', ')})` : ''}`);
  if (values['github-output']) {
    writeGithubOutput({ stacks: report.changed, any: String(report.changed.length > 0) });
  }
  return 0;
}

/** The backend type of a synthesized stack (`s3`, `local`, ...), undefined when it has none. */
function backendOf(synthDir: string, workingDirectory: string): string | undefined {
  const file = join(synthDir, workingDirectory, 'cdk.tf.json');
  if (!existsSync(file)) return undefined;
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { terraform?: { backend?: Record<string, unknown> } };
  return Object.keys(doc.terraform?.backend ?? {})[0];
}

async function stacksCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'remote-state': { type: 'boolean' },
      'no-synth': { type: 'boolean' },
      out: { type: 'string', default: 'cdktf.out' },
      'github-output': { type: 'boolean' },
    },
  });
  const synthDir = resolve(REPO_ROOT, values.out as string);
  if (!values['no-synth']) await synthesize({ repoRoot: REPO_ROOT, synthDir });
  const manifest = readManifest(synthDir);
  const all = manifest.map((s) => s.name);
  // Stacks with local state (the bootstrap stack before its state moves into the bucket) have no
  // state CI can read: planning them would compare with nothing.
  const remote = manifest
    .filter((s) => {
      const backend = backendOf(synthDir, s.workingDirectory);
      return backend !== undefined && backend !== 'local';
    })
    .map((s) => s.name);
  const classes = classifyStacks(all, SYSTEMS);
  const stacks = values['remote-state'] ? remote : all;
  log(
    JSON.stringify(
      { stacks, all, remoteState: remote, deploy: classes.deploy, admin: classes.admin },
      null,
      2,
    ),
  );
  if (values['github-output']) writeGithubOutput({ stacks, all, any: String(stacks.length > 0) });
  return 0;
}

async function scheduleCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      dir: { type: 'string', default: 'plans' },
      stacks: { type: 'string' },
      'github-output': { type: 'boolean' },
    },
  });
  const results = loadStackResults(resolve(values.dir as string));
  const outcomes = new Map<string, PlanOutcome>(
    results.map((r) => [
      r.summary.stack,
      { status: r.summary.status, drift: r.summary.drift.length, terraformLine: r.summary.terraformLine },
    ]),
  );
  // The app's stacks (the deploy workflow passes the manifest's list); without it, every
  // environment stack of every system and whatever was planned.
  const names = values.stacks
    ? (JSON.parse(values.stacks) as string[])
    : [
        ...new Set([
          ...SYSTEMS.flatMap((s) => s.environments().map((e) => `${s.name}-${e.name}`)),
          ...results.map((r) => r.summary.stack),
        ]),
      ];
  const schedule = deploySchedule(classifyStacks(names, SYSTEMS), outcomes);
  const markdown = renderSchedule(schedule);
  log(markdown);
  writeStepSummary(markdown);
  const matrix = deployMatrix(schedule);
  if (values['github-output']) writeGithubOutput({ matrix, any: String(matrix.include.length > 0) });
  return 0;
}

async function driftReportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      dir: { type: 'string', default: 'plans' },
      out: { type: 'string' },
      'run-url': { type: 'string' },
    },
  });
  const dir = resolve(values.dir as string);
  const results = loadStackResults(dir);
  if (results.length === 0) {
    process.stderr.write(`No plan results (meta.json) under ${dir}.\n`);
    return 1;
  }
  const report = driftReport(results, { runUrl: values['run-url'] });
  const file = resolve(values.out ?? join(dir, 'drift.json'));
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  const lines = ['## Drift check', '', ...report.entries.map((e) => `- ${e.line}`), ''];
  log(lines.join('\n'));
  writeStepSummary(lines.join('\n'));
  log(`Wrote ${file}`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const commands: Record<string, (args: string[]) => Promise<number>> = {
    summarize: summarizeCommand,
    changed: changedCommand,
    stacks: stacksCommand,
    schedule: scheduleCommand,
    'drift-report': driftReportCommand,
  };
  if (argv[0] !== undefined && commands[argv[0]]) return commands[argv[0]](argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      online: { type: 'boolean' },
      offline: { type: 'boolean' },
      'no-synth': { type: 'boolean' },
      'no-lock': { type: 'boolean' },
      'lock-timeout': { type: 'string' },
      'detailed-exitcode': { type: 'boolean' },
      bundle: { type: 'boolean' },
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
    lock: !values['no-lock'],
    lockTimeout: values['lock-timeout'],
    detailedExitCode: values['detailed-exitcode'],
    bundle: values.bundle,
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
