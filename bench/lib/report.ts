/**
 * The results of `npm run bench` (`bench/results.json`) and their Markdown rendering
 * (`bench/results.md`). Rendering is pure: tested in `__tests__/bench/`.
 */
import type { LinearFit, Summary } from './stats';

/** The machine and toolchain a run was measured on. */
export interface MachineInfo {
  readonly cores: number;
  readonly cpuModel: string;
  readonly totalMemoryGb: number;
  readonly platform: string;
  readonly node: string;
  readonly terraform?: string;
  readonly cdktf?: string;
  readonly cdktfCli?: string;
  readonly providerAws?: string;
  /** `os.loadavg()` before and after the run: other work on the machine inflates the times. */
  readonly loadAverageStart: readonly number[];
  readonly loadAverageEnd: readonly number[];
  /** Peak RSS of Terraform came from GNU time. */
  readonly gnuTime: boolean;
}

/** How the app is run. */
export type Runner = 'loader' | 'js' | 'ts-node';

/** One way of synthesizing, measured `runs` times. */
export interface SynthVariant {
  readonly id: string;
  /** `app`: the cdktf.json app command alone; `cli`: `npx cdktf synth`. */
  readonly kind: 'app' | 'cli';
  /** The cdktf.json app command (a transpile-only loader), precompiled JavaScript, or ts-node with type-checking. */
  readonly runner: Runner;
  /** Provider classes from deep paths, or the package root on top. */
  readonly imports: 'deep' | 'root';
  /** Stacks built: `all`, or the MLMON_ENVIRONMENTS value. */
  readonly selection: string;
  /** How the CLI was started: `npx cdktf`, or `node_modules/.bin/cdktf` directly. */
  readonly launcher?: 'npx' | 'direct';
  readonly command: string;
  readonly status: 'ok' | 'failed' | 'skipped';
  readonly error?: string;
  readonly wallMs?: Summary;
  /** User + system CPU time of every process of the command, ms: what a busy machine does not inflate. */
  readonly cpuMs?: Summary;
  /** Peak RSS per process (MiB): the app, the cdktf CLI, the npx launcher, and the sum of all. */
  readonly rssMb?: Partial<Record<'app' | 'cli' | 'npx' | 'tree', Summary>>;
  /** The synthesized stacks equal those of the reference run byte for byte. */
  readonly sameOutput?: boolean;
}

/** Terraform timings of one synthesized stack. */
export interface TerraformStack {
  readonly name: string;
  readonly resources: number;
  readonly status: 'ok' | 'failed';
  readonly error?: string;
  /** `terraform init -backend=false` with the plugin cache warm. */
  readonly initMs?: Summary;
  /** The first init of the run (a cold plugin cache pays for unpacking the provider once). */
  readonly firstInitMs?: number;
  readonly validateMs?: Summary;
  /** CPU time of `terraform validate` and its provider plugin, ms. */
  readonly validateCpuMs?: Summary;
  /** Peak RSS of `terraform validate` (Terraform or its provider plugin, the larger), MiB. */
  readonly validateRssMb?: Summary;
}

/** One step of `npm test`, or the whole. */
export interface TestStep {
  readonly id: string;
  readonly label: string;
  readonly command: string;
  readonly status: 'ok' | 'failed';
  readonly wallMs: Summary;
  readonly note?: string;
}

/** One point of a scaling curve. */
export interface ScalePoint {
  readonly label: string;
  readonly environments: number;
  readonly azCount?: number;
  readonly selected?: string;
  readonly stacks: number;
  readonly resources: number;
  readonly bytes: number;
  readonly wallMs: Summary;
  readonly rssMb: Summary;
  /** CPU time of the synth process, ms. */
  readonly cpuMs: Summary;
  /** CPU time of building the construct tree and synthesizing it (no start-up, no module load), ms. */
  readonly workCpuMs: Summary;
  /** Medians of the in-process phases. */
  readonly phasesMs: {
    readonly startup: number;
    readonly load: number;
    readonly construct: number;
    readonly synth: number;
  };
}

/** The synth phases of the real app, medians over runs. */
export interface AppPhases {
  readonly startupMs: Summary;
  readonly loadMs: Summary;
  readonly constructMs: Summary;
  readonly synthMs: Summary;
}

/** Module-load profile (instrumented, one run). */
export interface LoadProfile {
  readonly modules: number;
  readonly totalMs: number;
  readonly groups: ReadonlyArray<{
    readonly group: string;
    readonly modules: number;
    readonly selfMs: number;
  }>;
  readonly top: ReadonlyArray<{ readonly module: string; readonly selfMs: number }>;
}

/** A target of the issue, and whether this run meets it. */
export interface TargetCheck {
  readonly name: string;
  readonly target: string;
  readonly measured: string;
  readonly met: boolean | undefined;
}

/** Everything one run of `npm run bench` measured. */
export interface BenchResults {
  readonly schema: 1;
  readonly date: string;
  /** The cdktf.json app command measured as "after". */
  readonly appCommand: string;
  readonly flags: {
    readonly runs: number;
    readonly slowRuns: number;
    readonly quick: boolean;
    readonly scale: boolean;
    readonly tests: boolean;
  };
  readonly machine: MachineInfo;
  readonly stacks: ReadonlyArray<{
    readonly name: string;
    readonly resources: number;
    readonly dataSources: number;
    readonly bytes: number;
    readonly dependencies: readonly string[];
  }>;
  readonly synth: readonly SynthVariant[];
  /** What `npx cdktf synth` adds to the app's own synth (medians of the after variants), ms. */
  readonly cliOverheadMs?: { readonly wall: number; readonly cpu: number };
  /** The one-off cost of the precompiled variant: a cold `tsc -p tsconfig.app.json`. */
  readonly compileAhead?: { readonly command: string; readonly wallMs: number; readonly status: number };
  readonly phases?: AppPhases;
  readonly profile?: LoadProfile;
  readonly terraform: {
    readonly status: 'ok' | 'skipped' | 'failed';
    readonly reason?: string;
    readonly stacks: readonly TerraformStack[];
    /** `terraform validate` of all stacks started at once (parallel CI jobs on this machine). */
    readonly validateConcurrentMs?: Summary;
  };
  readonly tests: {
    readonly status: 'ok' | 'skipped';
    readonly reason?: string;
    readonly steps: readonly TestStep[];
    /** Test files that start Terraform (left out of the jest-unit step). */
    readonly terraformTestFiles?: readonly string[];
    readonly slowestFiles?: ReadonlyArray<{ readonly file: string; readonly ms: number }>;
  };
  readonly ratios: Readonly<Record<string, number | undefined>>;
  readonly targets: readonly TargetCheck[];
  readonly scale?: {
    /** The shipped systems added one at a time (3 environment stacks each), then one stack selected. */
    readonly systems?: readonly ScalePoint[];
    readonly environments: readonly ScalePoint[];
    readonly zones: readonly ScalePoint[];
    readonly selected?: ScalePoint;
    readonly fits: Readonly<Record<string, LinearFit | undefined>>;
  };
}

/** Seconds with two decimals: `1234.5` ms -> `1.23 s`. */
export function formatSeconds(ms: number | undefined): string {
  return ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(2)} s`;
}

/** Whole MiB: `287.4` -> `287 MB`. */
export function formatMb(mb: number | undefined): string {
  return mb === undefined ? 'n/a' : `${Math.round(mb)} MB`;
}

/** A ratio with two decimals and a multiplication sign: `0.1234` -> `0.12×`. */
export function formatRatio(r: number | undefined): string {
  return r === undefined ? 'n/a' : `${r.toFixed(2)}×`;
}

/** `median (min–max)` of a summary, formatted with `fmt`; just the median for one run. */
export function formatSummary(s: Summary | undefined, fmt: (v: number) => string): string {
  if (!s) return 'n/a';
  if (s.runs.length < 2) return fmt(s.median);
  return `${fmt(s.median)} (${fmt(s.min).replace(/ \w+$/, '')}–${fmt(s.max)})`;
}

/** A GitHub-flavoured Markdown table; `align` per column (`l` default, `r` for numbers). */
export function markdownTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  align: ReadonlyArray<'l' | 'r'> = [],
): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  for (const [i, row] of rows.entries()) {
    if (row.length !== header.length)
      throw new Error(`markdownTable: row ${i} has ${row.length} cells, header has ${header.length}`);
  }
  const lines = [
    `| ${header.map(cell).join(' | ')} |`,
    `|${header.map((_, i) => (align[i] === 'r' ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
  return lines.join('\n');
}

const RUNNER_LABEL: Record<Runner, string> = {
  loader: 'the cdktf.json app command (transpile-only loader)',
  js: 'precompiled JavaScript (`tsc`, then `node`)',
  'ts-node': 'ts-node with type-checking (`npx ts-node main.ts`)',
};

function variant(results: BenchResults, id: string): SynthVariant | undefined {
  return results.synth.find((v) => v.id === id);
}

function synthRows(results: BenchResults, kind: 'app' | 'cli'): string[][] {
  return results.synth
    .filter((v) => v.kind === kind)
    .map((v) => {
      const rss = kind === 'app' ? v.rssMb?.app : v.rssMb?.cli;
      const cells = [
        RUNNER_LABEL[v.runner] + (v.launcher === 'direct' ? '; CLI started without npx' : ''),
        v.imports === 'deep' ? 'deep' : 'root + deep',
        v.selection,
        v.status === 'ok'
          ? formatSummary(v.wallMs, formatSeconds)
          : `${v.status}${v.error ? `: ${v.error.split('\n')[0].slice(0, 80)}` : ''}`,
        v.status === 'ok' ? formatSummary(v.cpuMs, formatSeconds) : '',
        formatSummary(rss, formatMb),
      ];
      if (kind === 'cli')
        cells.push(formatSummary(v.rssMb?.app, formatMb), formatSummary(v.rssMb?.tree, formatMb));
      cells.push(
        String(v.wallMs?.runs.length ?? 0),
        v.sameOutput === undefined ? '' : v.sameOutput ? 'yes' : 'NO',
      );
      return cells;
    });
}

/** The Markdown report: machine, targets, before/after, Terraform, tests, scaling. */
export function renderMarkdown(results: BenchResults): string {
  const m = results.machine;
  const out: string[] = [];
  const load = (l: readonly number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  out.push('# Benchmark results', '');
  out.push(`App command (cdktf.json): \`${results.appCommand}\`.`, '');
  out.push(
    `Measured ${results.date} on ${m.cores} cores (${m.cpuModel}), ${m.totalMemoryGb} GB, ${m.platform}; ` +
      `Node ${m.node}, Terraform ${m.terraform ?? 'not installed'}, cdktf ${m.cdktf ?? '?'}, cdktf-cli ${m.cdktfCli ?? '?'}, ` +
      `@cdktf/provider-aws ${m.providerAws ?? '?'}. Load average (1/5/15 min) ${load(m.loadAverageStart)} at start, ` +
      `${load(m.loadAverageEnd)} at end. Medians of ${results.flags.runs} runs (${results.flags.slowRuns} for the slow parts), ` +
      '(min–max) in brackets. MB = MiB.',
    '',
  );

  const deps = results.stacks.filter((s) => s.dependencies.length > 0);
  out.push(
    `Stacks: ${results.stacks.map((s) => `${s.name} (${s.resources} resources)`).join(', ')}. ` +
      (deps.length === 0
        ? 'No stack depends on another: each one inits, plans and deploys on its own.'
        : `Cross-stack dependencies: ${deps.map((s) => `${s.name} -> ${s.dependencies.join(', ')}`).join('; ')}.`),
    '',
  );

  out.push('## Targets', '');
  out.push(
    markdownTable(
      ['target', 'measured', 'met'],
      results.targets.map((t) => [
        `${t.name} ${t.target}`,
        t.measured,
        t.met === undefined ? 'not measured' : t.met ? 'yes' : 'no',
      ]),
    ),
    '',
  );

  out.push('## Ratios (same run)', '');
  const ratioLabels: Record<string, string> = {
    appOverValidate: 'app synth ÷ `terraform validate` of the same stacks (sum over stacks)',
    cliOverValidate: 'CLI synth ÷ `terraform validate` of the same stacks (sum over stacks)',
    appOverValidateCpu: 'the same in CPU time: app synth ÷ `terraform validate`',
    cliOverValidateCpu: 'the same in CPU time: CLI synth ÷ `terraform validate`',
    cliOverApp: 'CLI synth ÷ app synth',
    cliJsOverValidate: 'CLI synth with the precompiled app ÷ `terraform validate`',
    cliJsOverValidateCpu: 'the same in CPU time',
    beforeCliOverValidate: 'before (ts-node + root import) CLI synth ÷ `terraform validate`',
    beforeOverAfterCli: 'CLI synth before ÷ after',
    beforeOverAfterApp: 'app synth before ÷ after',
    devOnlyOverAll: 'app synth of one environment (MLMON_ENVIRONMENTS=dev) ÷ all',
  };
  out.push(
    markdownTable(
      ['ratio', 'value'],
      Object.entries(results.ratios).map(([k, v]) => [ratioLabels[k] ?? k, formatRatio(v)]),
      ['l', 'r'],
    ),
    '',
  );

  out.push('## Synth of the app alone (the cdktf.json app command)', '');
  out.push(
    markdownTable(
      ['runner', 'provider imports', 'stacks', 'wall', 'CPU', 'peak RSS', 'runs', 'same output'],
      synthRows(results, 'app'),
      ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'l'],
    ),
    '',
  );
  if (results.compileAhead) {
    out.push(
      `The precompiled variant needs \`${results.compileAhead.command}\` first: ${formatSeconds(results.compileAhead.wallMs)} cold` +
        (results.compileAhead.status === 0
          ? ''
          : ` (exit ${results.compileAhead.status}: type errors, JavaScript still emitted)`) +
        '.',
      '',
    );
  }
  out.push('## Synth through the CLI (`npx cdktf synth`)', '');
  out.push(
    markdownTable(
      [
        'app runner',
        'provider imports',
        'stacks',
        'wall',
        'CPU (all processes)',
        'CLI peak RSS',
        'app peak RSS',
        'all processes',
        'runs',
        'same output',
      ],
      synthRows(results, 'cli'),
      ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
    ),
    '',
  );
  out.push(
    '"all processes" adds the peak RSS of every Node.js process of the command (npx, the CLI, the app): an upper bound of what they hold at once.',
    '',
  );
  if (results.cliOverheadMs) {
    out.push(
      `The CLI's own cost (npx + cdktf CLI: CLI synth − app synth, medians): ${formatSeconds(results.cliOverheadMs.wall)} wall, ` +
        `${formatSeconds(results.cliOverheadMs.cpu)} CPU.`,
      '',
    );
  }

  if (results.phases) {
    const p = results.phases;
    out.push('## Where the app synth time goes', '');
    out.push(
      markdownTable(
        ['phase', 'time'],
        [
          ['Node.js start, TypeScript loader', formatSummary(p.startupMs, formatSeconds)],
          [
            'loading main.ts (cdktf, provider classes, project modules)',
            formatSummary(p.loadMs, formatSeconds),
          ],
          ['building the construct tree (buildApp)', formatSummary(p.constructMs, formatSeconds)],
          ['app.synth() (resolve, render, write JSON)', formatSummary(p.synthMs, formatSeconds)],
        ],
        ['l', 'r'],
      ),
      '',
    );
  }
  if (results.profile) {
    const pr = results.profile;
    out.push(
      `Module load, instrumented run: ${pr.modules} modules, ${formatSeconds(pr.totalMs)} in total` + '.',
      '',
    );
    out.push(
      markdownTable(
        ['package or directory', 'modules', 'self time'],
        pr.groups.slice(0, 12).map((g) => [g.group, String(g.modules), formatSeconds(g.selfMs)]),
        ['l', 'r', 'r'],
      ),
      '',
    );
  }

  out.push('## Terraform, per stack', '');
  if (results.terraform.status === 'skipped') {
    out.push(`Skipped: ${results.terraform.reason ?? ''}`, '');
  } else {
    const rows = results.terraform.stacks.map((s) => [
      s.name,
      String(s.resources),
      s.status === 'ok'
        ? formatSummary(s.initMs, formatSeconds)
        : `failed: ${(s.error ?? '').split('\n')[0].slice(0, 80)}`,
      formatSeconds(s.firstInitMs),
      formatSummary(s.validateMs, formatSeconds),
      formatSummary(s.validateCpuMs, formatSeconds),
      formatSummary(s.validateRssMb, formatMb),
    ]);
    const ok = results.terraform.stacks.filter((s) => s.validateMs);
    rows.push([
      '**sum**',
      String(results.terraform.stacks.reduce((n, s) => n + s.resources, 0)),
      formatSeconds(ok.reduce((n, s) => n + (s.initMs?.median ?? 0), 0)),
      '',
      formatSeconds(ok.reduce((n, s) => n + (s.validateMs?.median ?? 0), 0)),
      ok.every((s) => s.validateCpuMs)
        ? formatSeconds(ok.reduce((n, s) => n + (s.validateCpuMs?.median ?? 0), 0))
        : '',
      '',
    ]);
    if (results.terraform.validateConcurrentMs) {
      rows.push([
        '**all at once** (parallel jobs)',
        '',
        '',
        '',
        formatSummary(results.terraform.validateConcurrentMs, formatSeconds),
        '',
        '',
      ]);
    }
    out.push(
      markdownTable(
        [
          'stack',
          'resources',
          'init (warm cache)',
          'first init',
          'validate',
          'validate CPU',
          'validate peak RSS',
        ],
        rows,
        ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
      '',
    );
  }

  out.push('## Tests', '');
  if (results.tests.status === 'skipped') {
    out.push(`Skipped: ${results.tests.reason ?? ''}`, '');
  } else {
    out.push(
      markdownTable(
        ['step', 'command', 'wall', 'exit'],
        results.tests.steps.map((s) => [
          s.label,
          `\`${s.command}\``,
          formatSummary(s.wallMs, formatSeconds),
          s.status === 'ok' ? '0' : 'non-zero' + (s.note ? ` (${s.note})` : ''),
        ]),
        ['l', 'l', 'r', 'l'],
      ),
      '',
    );
    if (results.tests.terraformTestFiles && results.tests.terraformTestFiles.length > 0) {
      out.push(
        `Test files that start Terraform: ${results.tests.terraformTestFiles.map((f) => `\`${f}\``).join(', ')}.`,
        '',
      );
    }
    if (results.tests.slowestFiles && results.tests.slowestFiles.length > 0) {
      out.push('Slowest test files (jest, median):', '');
      out.push(
        markdownTable(
          ['file', 'time'],
          results.tests.slowestFiles.map((f) => [`\`${f.file}\``, formatSeconds(f.ms)]),
          ['l', 'r'],
        ),
        '',
      );
    }
  }

  if (results.scale) {
    const s = results.scale;
    const pointRows = (points: readonly ScalePoint[]) =>
      points.map((p) => [
        p.label,
        String(p.stacks),
        String(p.resources),
        formatSummary(p.wallMs, formatSeconds),
        formatSummary(p.cpuMs, formatSeconds),
        formatSummary(p.workCpuMs, formatSeconds),
        formatSummary(p.rssMb, formatMb),
        `${(p.bytes / 1024).toFixed(0)} KiB`,
      ]);
    const header = [
      'input',
      'stacks',
      'resources',
      'wall (process)',
      'CPU',
      'construct + synth CPU',
      'peak RSS',
      'JSON written',
    ];
    const align: Array<'l' | 'r'> = ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'];
    if (s.systems && s.systems.length > 0) {
      out.push('## Scaling with the number of blueprints', '');
      out.push(
        'The shipped systems selected with `MLMON_SYSTEMS`, one more per row (three environment stacks each, plus the bootstrap and account stacks), then one stack of the whole app selected with `MLMON_STACKS`; one fresh process per run.',
        '',
      );
      out.push(markdownTable(header, pointRows(s.systems), align), '');
    }
    out.push('## Scaling with the number of environments', '');
    out.push(
      'Generated environments shaped like `dev`, plus the bootstrap stack; one fresh process per run.',
      '',
    );
    out.push(
      markdownTable(header, pointRows(s.selected ? [...s.environments, s.selected] : s.environments), align),
      '',
    );
    out.push('## Scaling with the number of resources in one stack', '');
    out.push(
      'One environment like `dev` spread over 1..6 availability zones with a NAT gateway per zone, plus the bootstrap stack.',
      '',
    );
    out.push(markdownTable(header, pointRows(s.zones), align), '');
    const fitRows = Object.entries(s.fits)
      .filter((e): e is [string, LinearFit] => e[1] !== undefined)
      .map(([k, f]) => [k, f.slope.toFixed(2), f.intercept.toFixed(0), f.r2.toFixed(3)]);
    if (fitRows.length > 0) {
      out.push('Least-squares lines through the points (y = fixed + slope × x):', '');
      out.push(markdownTable(['fit', 'slope', 'fixed', 'R²'], fitRows, ['l', 'r', 'r', 'r']), '');
    }
  }
  const after = variant(results, 'cli:loader:deep:all');
  if (after?.status === 'ok') {
    out.push(
      `Reference: \`npx cdktf synth\` of all stacks, ${formatSummary(after.wallMs, formatSeconds)}.`,
      '',
    );
  }
  return out.join('\n');
}
