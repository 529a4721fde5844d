import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { githubOutputLines, writeGithubOutput, writeStepSummary } from '../../review/github-output';
import { StackPlanMeta } from '../../review/plan-run';
import { PLAN_COMMENT_MARKER } from '../../review/plan-summary';
import { FIXTURE_DIR } from './fixtures';

/**
 * The commands the workflows run (`npm run plan -- <command>`), as the workflows run them: a
 * process with `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY` pointing at files.
 */

const ROOT = resolve(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'mlmon-plan-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let runs = 0;
function runPlanCli(args: string[]) {
  const id = runs++;
  const output = join(work, `output-${id}`);
  const summary = join(work, `summary-${id}`);
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const r = spawnSync(process.execPath, ['-r', './scripts/transpile.js', 'review/plan.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary },
    timeout: 120_000,
  });
  return { ...r, output: readFileSync(output, 'utf8'), summary: readFileSync(summary, 'utf8') };
}

/** Results as download-artifact lays them out: `<dir>/<artifact>/{meta.json,plan.json}`. */
function results(
  dir: string,
  stacks: Record<string, { fixture?: string; meta?: Partial<StackPlanMeta> }>,
): void {
  Object.entries(stacks).forEach(([stack, r], order) => {
    const d = join(dir, `plan-${stack}`);
    mkdirSync(d, { recursive: true });
    const meta: StackPlanMeta = {
      stack,
      order,
      mode: 'online',
      providerVersions: {},
      timings: { total: 1 },
      ...r.meta,
    };
    writeFileSync(join(d, 'meta.json'), JSON.stringify(meta));
    if (r.fixture) cpSync(join(FIXTURE_DIR, `${r.fixture}.json`), join(d, 'plan.json'));
  });
}

/** A synthesized app with these stacks (name -> backend type and marker value). */
function synthDir(name: string, stacks: Record<string, { backend: string; value: string }>): string {
  const dir = join(work, name);
  const manifest: Record<string, unknown> = {};
  for (const [stack, s] of Object.entries(stacks)) {
    mkdirSync(join(dir, 'stacks', stack), { recursive: true });
    writeFileSync(
      join(dir, 'stacks', stack, 'cdk.tf.json'),
      JSON.stringify({
        '//': { metadata: { version: name } },
        terraform: { backend: { [s.backend]: {} } },
        resource: { terraform_data: { m: { input: s.value } } },
      }),
    );
    manifest[stack] = { name: stack, workingDirectory: `stacks/${stack}`, dependencies: [] };
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ stacks: manifest }));
  return dir;
}

describe('GitHub outputs', () => {
  it('writes strings as they are and everything else as one-line JSON', () => {
    expect(githubOutputLines({ any: 'true', stacks: ['a', 'b'], matrix: { include: [] } })).toBe(
      'any=true\nstacks=["a","b"]\nmatrix={"include":[]}\n',
    );
    expect(() => githubOutputLines({ text: 'two\nlines' })).toThrow(
      'GitHub output text has a line break; pass it as JSON',
    );
  });

  it('does nothing outside GitHub Actions', () => {
    expect(writeGithubOutput({ a: 1 }, {})).toBe(false);
    expect(writeStepSummary('# x', {})).toBe(false);
  });
});

describe('npm run plan -- summarize (the PR comment)', () => {
  it('lists unchanged and removed stacks, reports a changed stack without results as failed, says the cost was skipped', () => {
    const dir = join(work, 'summarize');
    results(dir, { 'mlmon-dev': { fixture: 'update' } });
    const changes = join(work, 'changes.json');
    writeFileSync(
      changes,
      JSON.stringify({
        version: 1,
        changed: ['mlmon-dev', 'mlmon-prod'],
        unchanged: ['mlmon-staging', 'mlmon-bootstrap'],
        removed: ['mlmon-qa'],
        stacks: [],
      }),
    );
    const r = runPlanCli(['summarize', '--dir', dir, '--changes', changes, '--cost', 'false']);
    expect(r.status).toBe(1);
    const md = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(md.startsWith(PLAN_COMMENT_MARKER)).toBe(true);
    expect(md).toContain(
      '**Configuration unchanged** (2, not planned): `mlmon-staging`, `mlmon-bootstrap`. Their synthesized Terraform is the same as on the base branch.',
    );
    expect(md).toContain('**Removed from the app:** `mlmon-qa`.');
    expect(md).toContain('No plan result: the plan job of this stack failed before it planned');
    expect(md).toContain('| `mlmon-prod` | ❌ Plan failed |');
    expect(md).toContain('💰 Cost estimate skipped: the repository has no INFRACOST_API_KEY secret.');
  });

  it('says that nothing was planned when no stack changed', () => {
    const dir = join(work, 'summarize-none');
    mkdirSync(dir);
    const changes = join(dir, 'changes.json');
    writeFileSync(
      changes,
      JSON.stringify({ version: 1, changed: [], unchanged: ['mlmon-dev'], removed: [], stacks: [] }),
    );
    const r = runPlanCli(['summarize', '--dir', dir, '--changes', changes]);
    expect(r.status).toBe(0);
    const md = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(md).toContain('**No stack was planned.**');
    expect(md).toContain('**Configuration unchanged** (1, not planned): `mlmon-dev`.');
  });

  it('refuses a cost flag that is not true or false', () => {
    const r = runPlanCli(['summarize', '--dir', work, '--cost', 'yes']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--cost yes: use true or false.');
  });
});

describe('npm run plan -- changed (which stacks a pull request plans)', () => {
  it('compares two synth outputs and gives the matrix the changed stacks', () => {
    const base = synthDir('base', { a: { backend: 's3', value: '1' }, b: { backend: 's3', value: '1' } });
    const head = synthDir('head', { a: { backend: 's3', value: '1' }, b: { backend: 's3', value: '2' } });
    const out = join(work, 'changed.json');
    const r = runPlanCli([
      'changed',
      '--base-out',
      base,
      '--head-out',
      head,
      '--out',
      out,
      '--github-output',
    ]);
    expect(r.status).toBe(0);
    expect(r.output).toBe('stacks=["b"]\nany=true\n');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({
      changed: ['b'],
      unchanged: ['a'],
      removed: [],
    });
  });
});

describe('npm run plan -- stacks (the matrices of the deploy and drift workflows)', () => {
  it('lists the stacks with remote state, from the manifest', () => {
    const dir = synthDir('app', {
      'mlmon-bootstrap': { backend: 'local', value: 'x' },
      'mlmon-dev': { backend: 's3', value: 'x' },
      'mlmon-prod': { backend: 's3', value: 'x' },
    });
    const r = runPlanCli(['stacks', '--no-synth', '--out', dir, '--remote-state', '--github-output']);
    expect(r.status).toBe(0);
    expect(r.output).toBe(
      'stacks=["mlmon-dev","mlmon-prod"]\nall=["mlmon-bootstrap","mlmon-dev","mlmon-prod"]\nany=true\n',
    );
  });
});

describe('npm run plan -- schedule (what the deploy does)', () => {
  it('writes the matrix of systems to deploy and the schedule to the job summary', () => {
    const dir = join(work, 'schedule');
    results(dir, {
      'mlmon-dev': { fixture: 'update' },
      'mlmon-staging': { fixture: 'no-change' },
      'mlmon-bootstrap': { fixture: 'no-change' },
    });
    const r = runPlanCli([
      'schedule',
      '--dir',
      dir,
      '--stacks',
      '["mlmon-bootstrap","mlmon-dev","mlmon-prod","mlmon-staging"]',
      '--github-output',
    ]);
    expect(r.status).toBe(0);
    const lines = r.output.trim().split('\n');
    expect(lines[1]).toBe('any=true');
    const matrix = JSON.parse(lines[0].slice('matrix='.length)) as {
      include: Array<{
        system: string;
        stages: Array<{ stack: string; environment: string; action: string }>;
      }>;
    };
    expect(
      matrix.include.map((e) => [e.system, e.stages.map((s) => `${s.stack}@${s.environment}:${s.action}`)]),
    ).toEqual([['mlmon', ['mlmon-dev@dev:apply', 'mlmon-staging@staging:skip', 'mlmon-prod@prod:failed']]]);
    expect(r.summary).toContain('## Deploy schedule');
    expect(r.summary).toContain('| `mlmon-bootstrap` | no changes |');
  });
});

describe('npm run plan -- drift-report', () => {
  it('writes drift.json and the job summary', () => {
    const dir = join(work, 'drift');
    results(dir, {
      'mlmon-dev': { fixture: 'no-change', meta: { planExitCode: 0 } },
      'mlmon-prod': { fixture: 'update', meta: { planExitCode: 2 } },
    });
    const r = runPlanCli(['drift-report', '--dir', dir, '--run-url', 'https://example.com/run/1']);
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'drift.json'), 'utf8')) as {
      label: string;
      entries: Array<{ stack: string; state: string; title: string }>;
    };
    expect(report.label).toBe('drift');
    expect(report.entries.map((e) => [e.stack, e.state, e.title])).toEqual([
      ['mlmon-dev', 'clean', 'Drift: mlmon-dev'],
      ['mlmon-prod', 'drift', 'Drift: mlmon-prod'],
    ]);
    expect(r.summary).toContain('- ✅ mlmon-dev: no drift');
  });

  it('fails when there are no results', () => {
    const empty = join(work, 'drift-empty');
    mkdirSync(empty);
    const r = runPlanCli(['drift-report', '--dir', empty]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('No plan results (meta.json) under');
  });
});
