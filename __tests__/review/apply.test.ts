import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplyError, applyPlan, StalePlanError, TerraformRunner } from '../../review/apply';
import {
  APPROVAL_FILE,
  BUNDLE_FILE,
  PlanBundle,
  readBundle,
  renderApproval,
  verifyBundle,
  writeBundle,
} from '../../review/plan-bundle';
import { summarizePlan } from '../../review/plan-summary';
import { loadPlan } from './fixtures';

/**
 * The checks of review/apply.ts, with Terraform replaced by a recorder: what runs, in which
 * directory, with which arguments, and what stops it. The real Terraform path (saved plan applied,
 * stale plan refused) is apply.integration.test.ts.
 */

const root = mkdtempSync(join(tmpdir(), 'mlmon-apply-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const NOW = new Date('2025-01-02T03:04:05.000Z');
let n = 0;

/** A bundle as `npm run plan -- --online --bundle` writes it, from a plan fixture. */
function bundleOf(fixture: 'update' | 'no-change', stack = 'mlmon-dev'): { dir: string; bundle: PlanBundle } {
  const dir = join(root, `b${n++}`);
  const stackDir = join(dir, 'synth');
  mkdirSync(join(stackDir, '.terraform', 'providers'), { recursive: true });
  writeFileSync(join(stackDir, 'cdk.tf.json'), '{"resource":{}}');
  writeFileSync(join(stackDir, '.terraform.lock.hcl'), 'provider "registry.terraform.io/hashicorp/aws" {}\n');
  writeFileSync(join(stackDir, '.terraform', 'providers', 'big-binary'), 'x');
  writeFileSync(join(stackDir, 'terraform.tfstate'), '{}');
  const outDir = join(dir, 'out');
  mkdirSync(outDir);
  writeFileSync(join(outDir, 'tfplan'), `plan bytes ${fixture}`);
  const summary = summarizePlan({ stack, plan: loadPlan(fixture) });
  const bundle = writeBundle({
    outDir,
    stackDir,
    summary,
    terraformVersion: '1.11.4',
    providerVersions: { 'registry.terraform.io/hashicorp/aws': '5.100.0' },
    commit: 'abc1234',
    now: NOW,
  });
  return { dir: outDir, bundle };
}

interface Call {
  readonly args: readonly string[];
  readonly cwd: string;
}

/** A Terraform stand-in: answers each command from `answers` (by first argument) and records the calls. */
function recorder(answers: Record<string, { status: number; stdout?: string; stderr?: string }> = {}) {
  const calls: Call[] = [];
  const run: TerraformRunner = async (args, cwd) => {
    calls.push({ args, cwd });
    const a = answers[args[0]] ?? { status: 0 };
    return { status: a.status, stdout: a.stdout ?? '', stderr: a.stderr ?? '', ms: 1 };
  };
  return { calls, run };
}

const quiet = (): void => undefined;

describe('writeBundle', () => {
  const { dir, bundle } = bundleOf('update');

  it('records the plan checksum, versions, status and commit', () => {
    expect(bundle).toEqual({
      version: 1,
      stack: 'mlmon-dev',
      planSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      terraformVersion: '1.11.4',
      providerVersions: { 'registry.terraform.io/hashicorp/aws': '5.100.0' },
      stackFiles: {
        '.terraform.lock.hcl': expect.stringMatching(/^[0-9a-f]{64}$/),
        'cdk.tf.json': expect.stringMatching(/^[0-9a-f]{64}$/),
      },
      status: 'changes',
      hasChanges: true,
      terraformLine: 'Plan: 0 to add, 2 to change, 0 to destroy.',
      commit: 'abc1234',
      createdAt: '2025-01-02T03:04:05.000Z',
    });
    expect(readBundle(dir)).toEqual(bundle);
  });

  it('copies the stack directory with its lock file, without .terraform/ or state', () => {
    expect(existsSync(join(dir, 'stack', '.terraform.lock.hcl'))).toBe(true);
    expect(existsSync(join(dir, 'stack', 'cdk.tf.json'))).toBe(true);
    expect(existsSync(join(dir, 'stack', '.terraform'))).toBe(false);
    expect(existsSync(join(dir, 'stack', 'terraform.tfstate'))).toBe(false);
  });

  it('writes the approval text: checksum, commit, what approving does, and the plan', () => {
    const text = readFileSync(join(dir, APPROVAL_FILE), 'utf8');
    expect(text).toContain(`| Plan file SHA-256 | \`${bundle.planSha256}\` |`);
    expect(text).toContain('| Commit | `abc1234` |');
    expect(text).toContain('| `hashicorp/aws` | `5.100.0` |');
    expect(text).toContain('Approving the deployment applies **this plan file and nothing else**');
    expect(text).toContain('"Saved plan is stale"');
    expect(text).toContain('<!-- mlmon-plan-summary:stack=mlmon-dev -->');
  });

  it('says that a plan without changes is skipped', () => {
    const { bundle: none } = bundleOf('no-change');
    expect(none.hasChanges).toBe(false);
    expect(
      renderApproval(none, summarizePlan({ stack: 'mlmon-dev', plan: loadPlan('no-change') })),
    ).toContain('This plan has **no changes**: the stack is skipped, with no apply and no approval.');
  });

  it('refuses to bundle a stack directory without a lock file', () => {
    const stackDir = join(root, 'nolock');
    mkdirSync(stackDir, { recursive: true });
    const outDir = join(root, 'nolock-out');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'tfplan'), 'x');
    expect(() =>
      writeBundle({
        outDir,
        stackDir,
        summary: summarizePlan({ stack: 's', plan: loadPlan('update') }),
        terraformVersion: '1.11.4',
        providerVersions: {},
      }),
    ).toThrow(`${join(stackDir, '.terraform.lock.hcl')} does not exist`);
  });
});

describe('verifyBundle', () => {
  it('accepts the bundle as written, and a .terraform directory an init added', () => {
    const { dir, bundle } = bundleOf('update');
    mkdirSync(join(dir, 'stack', '.terraform'));
    writeFileSync(join(dir, 'stack', '.terraform', 'terraform.tfstate'), '{}');
    expect(verifyBundle(bundle, join(dir, 'tfplan'), join(dir, 'stack'))).toEqual([]);
  });

  it.each([
    ['another plan file', (d: string) => writeFileSync(join(d, 'tfplan'), 'another plan'), 'has SHA-256'],
    [
      'a changed configuration',
      (d: string) => writeFileSync(join(d, 'stack', 'cdk.tf.json'), '{"resource":{"x":{}}}'),
      'cdk.tf.json in',
    ],
    [
      'a changed lock file',
      (d: string) => writeFileSync(join(d, 'stack', '.terraform.lock.hcl'), '# other providers'),
      '.terraform.lock.hcl in',
    ],
    ['a missing file', (d: string) => rmSync(join(d, 'stack', 'cdk.tf.json')), 'cdk.tf.json is missing from'],
    [
      'an added file',
      (d: string) => writeFileSync(join(d, 'stack', 'extra.tf.json'), '{}'),
      'extra.tf.json in',
    ],
  ])('reports %s', (_what, tamper, problem) => {
    const { dir, bundle } = bundleOf('update');
    tamper(dir);
    const problems = verifyBundle(bundle, join(dir, 'tfplan'), join(dir, 'stack'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });
});

describe('applyPlan', () => {
  it('runs init with the lock file read-only, then applies exactly the plan file, in the planned stack directory', async () => {
    const { dir } = bundleOf('update');
    const t = recorder({
      apply: { status: 0, stdout: 'Apply complete! Resources: 0 added, 2 changed, 0 destroyed.' },
    });
    const result = await applyPlan({
      stack: 'mlmon-dev',
      planFile: join(dir, 'tfplan'),
      terraformVersion: '1.11.4',
      log: quiet,
      run: t.run,
    });
    expect(result.result).toBe('applied');
    expect(t.calls).toEqual([
      { args: ['init', '-input=false', '-no-color', '-lockfile=readonly'], cwd: join(dir, 'stack') },
      {
        args: ['apply', '-input=false', '-no-color', '-lock-timeout=5m', join(dir, 'tfplan')],
        cwd: join(dir, 'stack'),
      },
    ]);
  });

  it('passes the lock timeout', async () => {
    const { dir } = bundleOf('update');
    const t = recorder();
    await applyPlan({
      stack: 'mlmon-dev',
      planFile: join(dir, 'tfplan'),
      terraformVersion: '1.11.4',
      lockTimeout: '20m',
      log: quiet,
      run: t.run,
    });
    expect(t.calls[1].args).toContain('-lock-timeout=20m');
  });

  it('skips a plan without changes: no init, no apply', async () => {
    const { dir } = bundleOf('no-change');
    const t = recorder();
    const result = await applyPlan({
      stack: 'mlmon-dev',
      planFile: join(dir, 'tfplan'),
      terraformVersion: '1.11.4',
      log: quiet,
      run: t.run,
    });
    expect(result).toMatchObject({ result: 'skipped', reason: 'the plan has no changes' });
    expect(t.calls).toEqual([]);
  });

  it('stops on a stale plan with the re-plan path, and does not plan again', async () => {
    const { dir } = bundleOf('update');
    const t = recorder({
      apply: {
        status: 1,
        stderr:
          'Error: Saved plan is stale\n\nThe given plan file can no longer be applied because the state was changed by\nanother operation after the plan was created.',
      },
    });
    const err = await applyPlan({
      stack: 'mlmon-dev',
      planFile: join(dir, 'tfplan'),
      terraformVersion: '1.11.4',
      log: quiet,
      run: t.run,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StalePlanError);
    expect((err as StalePlanError).failure).toBe('stale');
    expect((err as Error).message).toBe(
      'The plan of mlmon-dev is stale: its state changed after the plan was made (another apply, an import or a ' +
        '`terraform state` command), so Terraform refused it and nothing was applied.\n' +
        'To deploy, plan again and approve the new plan: re-run this workflow run ("Re-run all jobs"), or run the ' +
        'deploy workflow on main again. The approval of the stale plan does not carry over.',
    );
    expect(t.calls.map((c) => c.args[0])).toEqual(['init', 'apply']);
  });

  const failures: Array<[string, (dir: string) => Parameters<typeof applyPlan>[0], string, string]> = [
    [
      "another stack's plan",
      (dir) => ({
        stack: 'mlmon-prod',
        planFile: join(dir, 'tfplan'),
        terraformVersion: '1.11.4',
        log: quiet,
      }),
      'bundle',
      "is the plan of mlmon-dev, not of mlmon-prod: refusing to apply another stack's plan.",
    ],
    [
      'another Terraform version',
      (dir) => ({
        stack: 'mlmon-dev',
        planFile: join(dir, 'tfplan'),
        terraformVersion: '1.12.0',
        log: quiet,
      }),
      'version',
      'The plan of mlmon-dev was made with Terraform 1.11.4, but this is 1.12.0: Terraform applies a plan only with the version that made it. Install Terraform 1.11.4 (the workflows pin it in TERRAFORM_VERSION).',
    ],
    [
      'a plan without bundle.json',
      (dir) => {
        rmSync(join(dir, BUNDLE_FILE));
        return { stack: 'mlmon-dev', planFile: join(dir, 'tfplan'), terraformVersion: '1.11.4', log: quiet };
      },
      'bundle',
      'the plan was not made with `npm run plan -- --online --bundle`, so nothing ties it to a reviewed plan.',
    ],
    [
      'a plan file that is not the reviewed one',
      (dir) => {
        writeFileSync(join(dir, 'tfplan'), 'something else');
        return { stack: 'mlmon-dev', planFile: join(dir, 'tfplan'), terraformVersion: '1.11.4', log: quiet };
      },
      'bundle',
      'The plan of mlmon-dev is not the one that was reviewed, so it is not applied:',
    ],
  ];

  it.each(failures)('refuses %s before running Terraform', async (_what, options, failure, message) => {
    const { dir } = bundleOf('update');
    const t = recorder();
    const err = await applyPlan({ ...options(dir), run: t.run }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplyError);
    expect((err as ApplyError).failure).toBe(failure);
    expect((err as Error).message).toContain(message);
    expect(t.calls).toEqual([]);
  });

  it.each([
    ['init', { init: { status: 1, stderr: 'Error: Failed to install provider' } }, 'init', ['init']],
    [
      'apply',
      { apply: { status: 1, stderr: 'Error: creating S3 Bucket: AccessDenied' } },
      'apply',
      ['init', 'apply'],
    ],
  ])('reports a failed %s with Terraform output', async (_what, answers, failure, ran) => {
    const { dir } = bundleOf('update');
    const t = recorder(answers);
    const err = await applyPlan({
      stack: 'mlmon-dev',
      planFile: join(dir, 'tfplan'),
      terraformVersion: '1.11.4',
      log: quiet,
      run: t.run,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplyError);
    expect(err).not.toBeInstanceOf(StalePlanError);
    expect((err as ApplyError).failure).toBe(failure);
    expect((err as ApplyError).output).toContain('Error:');
    expect(t.calls.map((c) => c.args[0])).toEqual(ran);
  });
});
