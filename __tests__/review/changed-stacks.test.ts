import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Construct } from 'constructs';
import { DataResource, TerraformStack } from 'cdktf';
import { buildApp } from '../../main';
import {
  compareSynthOutputs,
  everyStackChanged,
  parseChangeReport,
  stackFingerprint,
  withoutMetadata,
} from '../../review/changed-stacks';
import { MLMON_SYSTEM } from '../../stacks/mlmon/system';
import { EnvironmentConfig } from '../../stacks/mlmon/config';
import { SystemDefinition, SystemEnvironment } from '../../stacks/shared/system';

/**
 * Change detection on real synth outputs: the app is synthesized twice with different inputs and
 * the two `cdktf.out` directories are compared, as the pull-request workflow does with the base
 * and the head commit.
 */

const work = mkdtempSync(join(tmpdir(), 'mlmon-changed-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Synthesizes the app (main.ts buildApp) into `<work>/<name>` and returns the directory. */
function synth(name: string, systems?: readonly SystemDefinition<SystemEnvironment>[]): string {
  const outdir = join(work, name);
  // The policy pack prints its warnings on every synth; this test looks at the output files.
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    buildApp({ outdir, env: {}, systems }).synth();
  } finally {
    warn.mockRestore();
  }
  return outdir;
}

describe('the real app', () => {
  // Prod's instance type changed, nothing else: one environment's configuration.
  const prodResized: SystemDefinition<EnvironmentConfig> = {
    ...MLMON_SYSTEM,
    environments: () =>
      MLMON_SYSTEM.environments().map((e) => (e.name === 'prod' ? { ...e, instanceType: 't3.xlarge' } : e)),
  };
  const base = synth('base');
  const same = synth('same');
  const resized = synth('resized', [prodResized as SystemDefinition<SystemEnvironment>]);

  it('finds no change when nothing changed (synthesis is deterministic)', () => {
    expect(compareSynthOutputs(base, same)).toEqual({
      version: 1,
      changed: [],
      // In the manifest's order (by name).
      unchanged: ['mlmon-account', 'mlmon-bootstrap', 'mlmon-dev', 'mlmon-prod', 'mlmon-staging'],
      removed: [],
      stacks: [
        { stack: 'mlmon-account', change: 'unchanged', files: [] },
        { stack: 'mlmon-bootstrap', change: 'unchanged', files: [] },
        { stack: 'mlmon-dev', change: 'unchanged', files: [] },
        { stack: 'mlmon-prod', change: 'unchanged', files: [] },
        { stack: 'mlmon-staging', change: 'unchanged', files: [] },
      ],
    });
  });

  it('finds the one stack whose environment changed', () => {
    const report = compareSynthOutputs(base, resized);
    expect(report.changed).toEqual(['mlmon-prod']);
    expect(report.unchanged).toEqual(['mlmon-account', 'mlmon-bootstrap', 'mlmon-dev', 'mlmon-staging']);
    expect(report.stacks.find((s) => s.stack === 'mlmon-prod')).toEqual({
      stack: 'mlmon-prod',
      change: 'changed',
      files: ['cdk.tf.json'],
    });
  });

  it('ignores the cdktf version stamp and construct metadata (`//`), not configuration', () => {
    const copy = join(work, 'stamped');
    cpSync(same, copy, { recursive: true });
    const file = join(copy, 'stacks', 'mlmon-dev', 'cdk.tf.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as {
      '//': { metadata: { version: string } };
      resource: Record<string, Record<string, { '//'?: unknown; tags?: Record<string, string> }>>;
    };
    doc['//'].metadata.version = '0.99.0';
    const bucket = Object.values(doc.resource.aws_s3_bucket)[0];
    bucket['//'] = { metadata: { path: 'mlmon-dev/renamed/in/metadata/only' } };
    writeFileSync(file, JSON.stringify(doc));
    expect(compareSynthOutputs(base, copy).changed).toEqual([]);

    // A real configuration change in the same file is found.
    bucket.tags = { ...(bucket.tags ?? {}), Extra: 'tag' };
    writeFileSync(file, JSON.stringify(doc));
    expect(compareSynthOutputs(base, copy).changed).toEqual(['mlmon-dev']);
  });

  it('ignores the policy report and files a Terraform run leaves in the stack directory', () => {
    const dir = join(base, 'stacks', 'mlmon-staging');
    const before = stackFingerprint(dir);
    writeFileSync(join(dir, 'policy-report.json'), '{}');
    writeFileSync(join(dir, '.terraform.lock.hcl'), '# lock');
    writeFileSync(join(dir, 'terraform.tfstate'), '{}');
    expect(stackFingerprint(dir)).toEqual(before);
    expect(Object.keys(before)).toEqual(['cdk.tf.json']);
  });
});

describe('a shared module used by some stacks (fixture app)', () => {
  // The "module": its defaults stand for its code, which a pull request changes.
  const moduleDefaults = { retentionInDays: 30 };
  class SharedLogs extends Construct {
    constructor(scope: Construct, id: string, name: string) {
      super(scope, id);
      new DataResource(this, 'logs', { input: { name, retentionInDays: moduleDefaults.retentionInDays } });
    }
  }
  interface FixtureEnvironment extends SystemEnvironment {
    readonly owner: string;
  }
  const system = (
    name: string,
    usesModule: boolean,
    environments: FixtureEnvironment[],
  ): SystemDefinition<FixtureEnvironment> => ({
    name,
    title: `fixture ${name}`,
    environments: () => environments,
    validate: () => undefined,
    createStack: (scope, id, environment) => {
      const stack = new TerraformStack(scope, id);
      new DataResource(stack, 'owner', { input: { owner: environment.owner } });
      if (usesModule) new SharedLogs(stack, 'logs', id);
      return stack;
    },
  });
  const env = (name: string, owner = 'team-a'): FixtureEnvironment => ({ name, region: 'eu-west-1', owner });
  const systems = (prodOwner = 'team-a') =>
    [
      system('alpha', true, [env('dev'), env('prod', prodOwner)]),
      system('beta', true, [env('dev')]),
      system('gamma', false, [env('dev'), env('prod')]),
    ] as unknown as SystemDefinition<SystemEnvironment>[];

  const base = synth('fixture-base', systems());
  moduleDefaults.retentionInDays = 90;
  const moduleChanged = synth('fixture-module', systems());
  moduleDefaults.retentionInDays = 30;
  const envChanged = synth('fixture-env', systems('team-b'));
  const unchanged = synth('fixture-same', systems());

  it('plans every stack that uses the changed module, and only those', () => {
    const report = compareSynthOutputs(base, moduleChanged);
    expect(report.changed).toEqual(['alpha-dev', 'alpha-prod', 'beta-dev']);
    expect(report.unchanged).toEqual(['gamma-dev', 'gamma-prod', 'mlmon-account', 'mlmon-bootstrap']);
  });

  it('plans the one stack whose environment changed', () => {
    expect(compareSynthOutputs(base, envChanged).changed).toEqual(['alpha-prod']);
  });

  it('plans nothing when nothing changed', () => {
    expect(compareSynthOutputs(base, unchanged).changed).toEqual([]);
  });

  it('reports stacks added and removed', () => {
    const fewer = synth('fixture-fewer', [systems()[0], systems()[1]]);
    const report = compareSynthOutputs(fewer, base);
    expect(report.changed).toEqual(['gamma-dev', 'gamma-prod']);
    expect(report.stacks.filter((s) => s.change === 'added').map((s) => s.stack)).toEqual([
      'gamma-dev',
      'gamma-prod',
    ]);
    expect(compareSynthOutputs(base, fewer).removed).toEqual(['gamma-dev', 'gamma-prod']);
  });

  it('counts every stack as changed when the base could not be synthesized', () => {
    const report = everyStackChanged(base, 'base: Synthesis failed');
    expect(report.changed).toEqual([
      'alpha-dev',
      'alpha-prod',
      'beta-dev',
      'gamma-dev',
      'gamma-prod',
      'mlmon-account',
      'mlmon-bootstrap',
    ]);
    expect(report.baseError).toBe('base: Synthesis failed');
  });
});

describe('helpers', () => {
  it('removes `//` keys at every depth and sorts keys', () => {
    expect(withoutMetadata({ b: 1, '//': { x: 1 }, a: [{ '//': 2, c: { '//': 3, d: 4 } }] })).toEqual({
      a: [{ c: { d: 4 } }],
      b: 1,
    });
    expect(JSON.stringify(withoutMetadata({ b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });

  it('reads a change report and refuses anything else', () => {
    const text = JSON.stringify({ version: 1, changed: ['a'], unchanged: [], removed: [], stacks: [] });
    expect(parseChangeReport(text).changed).toEqual(['a']);
    expect(() => parseChangeReport('{"changed":[]}', 'x.json')).toThrow(
      'x.json is not a change report (written by `npm run plan -- changed`).',
    );
  });
});
