import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App, LocalBackend, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { DEFAULT_STATE_BACKEND } from '../../backend/settings';
import { configureStateBackend } from '../../backend/state-backend';
import {
  compareVersions,
  consoleTable,
  errorHint,
  loadResults,
  orderByDependencies,
  PLAN_MODE_ENV,
  readManifest,
  resolveMode,
  runPlan,
  RunPlanResult,
  StackPlanMeta,
  terraformProblem,
} from '../../review/plan-run';
import { PLAN_COMMENT_MARKER, stackMarker } from '../../review/plan-summary';
import { OFFLINE_OVERRIDE_FILE, prepareWorkDir } from '../../review/plan-workdir';
import { runTerraform } from '../../review/terraform';
import { describeWithTerraform } from '../support/terraform-gate';
import { FIXTURE_DIR } from './fixtures';

const ROOT = resolve(__dirname, '..', '..');
/** The TypeScript loader of the app command in cdktf.json (`node -r <loader> main.ts`), used for scripts too. */
const LOADER = (/-r\s+(\S+)/.exec(
  (JSON.parse(readFileSync(join(ROOT, 'cdktf.json'), 'utf8')) as { app: string }).app,
) ?? [])[1];

function runCli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(process.execPath, ['-r', LOADER, 'review/plan.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
}

describe('npm run plan without Terraform', () => {
  it('says that Terraform is missing and how to install it', () => {
    const r = runCli([], { PATH: '/nonexistent', HOME: process.env.HOME });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Terraform was not found on PATH.');
    expect(r.stderr).toContain('https://developer.hashicorp.com/terraform/install');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects Terraform older than 1.5', () => {
    expect(terraformProblem('1.4.7')).toContain('Terraform 1.4.7 is too old');
    expect(terraformProblem('1.5.0')).toBeUndefined();
    expect(terraformProblem('1.11.4')).toBeUndefined();
  });
});

describe('command line', () => {
  it('prints usage with --help', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: npm run plan -- [options] [stack ...]');
    expect(r.stdout).toContain('--online');
  });

  it('rejects an unknown mode in the environment', () => {
    expect(() => resolveMode(undefined, { [PLAN_MODE_ENV]: 'live' })).toThrow(
      'MLMON_PLAN_MODE=live: use "offline" (no AWS account needed) or "online" (real credentials and backend).',
    );
  });

  it('takes the flag over the environment, and defaults to offline', () => {
    expect(resolveMode(undefined, {})).toBe('offline');
    expect(resolveMode(undefined, { [PLAN_MODE_ENV]: 'online' })).toBe('online');
    expect(resolveMode('offline', { [PLAN_MODE_ENV]: 'online' })).toBe('offline');
  });
});

describe('hints', () => {
  it('explains a data source that calls AWS in an offline plan', () => {
    const hint = errorHint(
      'Error: reading STS Caller Identity\n\n  with data.aws_caller_identity.me,\n  dial tcp: lookup sts.us-east-1.amazonaws.com: no such host',
      'offline',
    );
    expect(hint).toContain('data.aws_caller_identity.me calls AWS while planning');
  });

  it('points online plans without credentials at offline mode', () => {
    expect(errorHint('Error: No valid credential sources found', 'online')).toContain(
      'run `npm run plan` in offline mode',
    );
    expect(errorHint('Error: No valid credential sources found', 'offline')).toBeUndefined();
  });

  it('suggests the provider mirror when the registry is unreachable', () => {
    expect(errorHint('Error: Failed to query available provider packages', 'offline')).toContain(
      'MLMON_TF_PROVIDER_MIRROR',
    );
  });
});

describe('versions and ordering', () => {
  it('compares versions numerically', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('1.5.0', '1.5')).toBe(0);
    expect(compareVersions('1.4.7', '1.5.0')).toBeLessThan(0);
  });

  it('orders stacks after the stacks they depend on, otherwise as listed', () => {
    const order = orderByDependencies([
      { name: 'app', workingDirectory: 'stacks/app', dependencies: ['net'] },
      { name: 'solo', workingDirectory: 'stacks/solo', dependencies: [] },
      { name: 'net', workingDirectory: 'stacks/net', dependencies: [] },
    ]).map((s) => s.name);
    expect(order).toEqual(['net', 'app', 'solo']);
  });

  it('fails clearly when the app was not synthesized', () => {
    expect(() => readManifest('/nonexistent/cdktf.out')).toThrow(
      '/nonexistent/cdktf.out/manifest.json does not exist',
    );
  });
});

describe('summarize: one comment from per-stack results (the CI comment job)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mlmon-summarize-'));
    // As download-artifact lays them out: one directory per artifact.
    const put = (artifact: string, meta: Partial<StackPlanMeta>, fixture?: string): void => {
      mkdirSync(join(dir, artifact));
      const full: StackPlanMeta = {
        stack: 'x',
        order: 0,
        mode: 'online',
        providerVersions: {},
        timings: { total: 1 },
        ...meta,
      };
      writeFileSync(join(dir, artifact, 'meta.json'), JSON.stringify(full));
      if (fixture) cpSync(join(FIXTURE_DIR, `${fixture}.json`), join(dir, artifact, 'plan.json'));
    };
    put('plan-mlmon-prod', { stack: 'mlmon-prod', order: 3 }, 'destroy');
    put('plan-mlmon-dev', { stack: 'mlmon-dev', order: 1 }, 'update');
    put('plan-mlmon-staging', {
      stack: 'mlmon-staging',
      order: 2,
      error: 'terraform plan failed:\nError: boom',
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads every stack in stack order', () => {
    expect(loadResults(dir).map((s) => [s.stack, s.status])).toEqual([
      ['mlmon-dev', 'changes'],
      ['mlmon-staging', 'failed'],
      ['mlmon-prod', 'destructive'],
    ]);
  });

  it('writes summary.md with the marker and exits 1 when a stack failed', () => {
    const r = runCli(['summarize', '--dir', dir, '--title', 'Plan for abc1234', '--subtitle', 'Run 42']);
    expect(r.stdout).toContain('(3 stack(s))');
    expect(r.status).toBe(1);
    const md = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(md.startsWith(`${PLAN_COMMENT_MARKER}\n## Plan for abc1234\n\nRun 42\n`)).toBe(true);
    expect(md.indexOf(stackMarker('mlmon-dev'))).toBeLessThan(md.indexOf(stackMarker('mlmon-prod')));
    expect(md).toContain('Error: boom');
  });

  it('fails when there is nothing to summarize', () => {
    const empty = mkdtempSync(join(tmpdir(), 'mlmon-summarize-empty-'));
    const r = runCli(['summarize', '--dir', empty]);
    rmSync(empty, { recursive: true, force: true });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('No plan results (meta.json) under');
  });
});

describeWithTerraform('offline plan with real Terraform', () => {
  // Two stacks like the real ones: an S3 backend with an aliased provider, and a local backend
  // whose state lives outside the stack directory.
  let dir: string;
  let synthDir: string;
  let run: RunPlanResult;
  const saved = { ...process.env };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mlmon-plan-run-'));
    synthDir = join(dir, 'cdktf.out');
    const app = new App({ outdir: synthDir });
    const env = new TerraformStack(app, 'demo-env');
    configureStateBackend(env, DEFAULT_STATE_BACKEND);
    new AwsProvider(env, 'aws', { region: 'us-east-1' });
    const replica = new AwsProvider(env, 'replica', { region: 'us-west-2', alias: 'replica' });
    new S3Bucket(env, 'primary', { bucket: 'mlmon-demo-primary' });
    new S3Bucket(env, 'copy', { bucket: 'mlmon-demo-copy', provider: replica });
    const secret = new TerraformVariable(env, 'secret', {
      type: 'string',
      sensitive: true,
      default: 'demo-secret-value',
    });
    new TerraformOutput(env, 'secret_out', { value: secret.stringValue, sensitive: true });
    const boot = new TerraformStack(app, 'demo-bootstrap');
    new LocalBackend(boot, { path: join(dir, 'outside.tfstate') });
    new AwsProvider(boot, 'aws', { region: 'us-east-1' });
    new S3Bucket(boot, 'state', { bucket: 'mlmon-demo-state' });
    app.synth();
    // Credentials that must never reach an offline plan: a profile that does not exist would
    // make the provider fail if it were read.
    Object.assign(process.env, { AWS_PROFILE: 'mlmon-no-such-profile', AWS_ACCESS_KEY_ID: 'AKIAREALKEY' });
    const lines: string[] = [];
    run = await runPlan({
      repoRoot: ROOT,
      mode: 'offline',
      synth: false,
      synthDir,
      outRoot: join(dir, 'plans'),
      workRoot: join(dir, 'work'),
      log: (l) => lines.push(l),
    });
  }, 300_000);
  afterAll(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('plans both stacks', () => {
    const byStack = new Map(run.results.map((r) => [r.meta.stack, r]));
    expect([...byStack.keys()].sort()).toEqual(['demo-bootstrap', 'demo-env']);
    expect(run.results.map((r) => r.meta.error)).toEqual([undefined, undefined]);
    expect(byStack.get('demo-env')?.summary.counts.create).toBe(2);
    expect(byStack.get('demo-bootstrap')?.summary.counts.create).toBe(1);
  });

  it('writes the plan, its JSON, the summaries and the versions per stack', () => {
    for (const stack of ['demo-env', 'demo-bootstrap']) {
      const out = join(dir, 'plans', stack);
      expect(readdirSync(out).sort()).toEqual([
        'constructs.json',
        'meta.json',
        'plan.json',
        'summary.md',
        'terraform.log',
        'tfplan',
      ]);
      const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')) as StackPlanMeta;
      expect(meta).toMatchObject({
        mode: 'offline',
        providerVersions: { 'registry.terraform.io/hashicorp/aws': '5.100.0' },
      });
      expect(meta.timings.plan).toBeGreaterThan(0);
    }
    const combined = readFileSync(run.combinedFile, 'utf8');
    expect(combined).toContain(stackMarker('demo-env'));
    expect(combined).toContain(stackMarker('demo-bootstrap'));
    expect(combined).not.toContain('demo-secret-value');
  });

  it('leaves the synthesized stacks and the real local state alone', () => {
    for (const stack of ['demo-env', 'demo-bootstrap']) {
      expect(readdirSync(join(synthDir, 'stacks', stack))).not.toContain(OFFLINE_OVERRIDE_FILE);
      expect(readdirSync(join(synthDir, 'stacks', stack))).not.toContain('.terraform');
    }
    expect(existsSync(join(dir, 'outside.tfstate'))).toBe(false);
  });

  it('needs the override: the same copy without it cannot even initialize', () => {
    const bare = join(dir, 'bare');
    prepareWorkDir(join(synthDir, 'stacks', 'demo-env'), bare, false);
    const r = runTerraform(['init', '-input=false', '-no-color'], bare, {
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PROFILE: '',
    });
    expect(r.status).not.toBe(0);
  });

  it('prints a table with counts and times', () => {
    const table = consoleTable(run.results);
    expect(table.split('\n')[0]).toMatch(
      /^Stack\s+Status\s+Create\s+Update\s+Replace\s+Destroy\s+Drift\s+init\s+plan\s+total$/,
    );
    expect(table).toMatch(/demo-env\s+changes\s+2\s+0\s+0\s+0\s+0\s+[\d.]+ s/);
  });

  it('rejects a stack the app does not have', async () => {
    await expect(
      runPlan({
        repoRoot: ROOT,
        mode: 'offline',
        synth: false,
        synthDir,
        stacks: ['nope'],
        log: () => undefined,
      }),
    ).rejects.toThrow(
      /^Unknown stack\(s\): nope\. The app has: demo-(env|bootstrap), demo-(env|bootstrap)\.$/,
    );
  });
});
