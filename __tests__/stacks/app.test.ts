import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/** Runs the real app entry point (the cdktf.json app command) in a child process. */
function runApp(env: Record<string, string>, outdir: string) {
  return spawnSync(process.execPath, ['-r', './scripts/transpile.js', 'main.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', CDKTF_OUTDIR: outdir, ...env },
    timeout: 60_000,
  });
}

describe('main.ts entry point', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = mkdtempSync(join(tmpdir(), 'mlmon-app-'));
  });
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  it('synthesizes the bootstrap stack, the account stack and every environment stack', () => {
    const r = runApp({}, outdir);
    expect(r.status).toBe(0);
    // The policy pack ran on every stack: no errors, warnings printed, each suppression listed with its reason.
    for (const stack of ['mlmon-dev', 'mlmon-staging', 'mlmon-prod']) {
      expect(r.stderr + r.stdout).toMatch(new RegExp(`Policy pack ${stack}: 0 error\\(s\\)`));
    }
    // Only dev's host has a public address (staging and prod sit behind the load balancer), and
    // only staging's load balancer goes without deletion protection.
    expect(r.stderr + r.stdout).toContain('MLM-EC2-003 mlmon-dev/app/');
    expect(r.stderr + r.stdout).not.toMatch(/MLM-EC2-003 mlmon-(staging|prod)\//);
    expect(r.stderr + r.stdout).toContain('MLM-ALB-004 mlmon-staging/front-door/alb/load-balancer');
    expect(r.stderr + r.stdout).not.toMatch(/MLM-ALB-004 (\[warning\] )?mlmon-prod\//);
    expect(r.stderr + r.stdout).toContain('MLM-S3-005 mlmon-prod/storage/replication/replica/bucket');
    expect(r.stderr + r.stdout).not.toMatch(/Validation failed/);
    for (const stack of ['mlmon-bootstrap', 'mlmon-account', 'mlmon-dev', 'mlmon-staging', 'mlmon-prod']) {
      expect(existsSync(join(outdir, 'stacks', stack, 'cdk.tf.json'))).toBe(true);
    }
  });

  it('limits the environment stacks with MLMON_ENVIRONMENTS', () => {
    const r = runApp({ MLMON_ENVIRONMENTS: 'dev' }, outdir);
    expect(r.status).toBe(0);
    expect(existsSync(join(outdir, 'stacks', 'mlmon-dev'))).toBe(true);
    expect(existsSync(join(outdir, 'stacks', 'mlmon-prod'))).toBe(false);
  });

  // Bad input at the edge (environment variables): one message, exit 1, and no output that
  // looks valid, even when an earlier synth left some behind.
  it.each([
    [
      'unknown environment',
      { MLMON_ENVIRONMENTS: 'dev,qa' },
      'MLMON_ENVIRONMENTS = "qa": is not a known environment',
    ],
    [
      'invalid state bucket',
      { MLMON_STATE_BUCKET: 'Bad_Bucket' },
      'environment variable MLMON_STATE_BUCKET = "Bad_Bucket"',
    ],
    [
      'invalid lock mode',
      { MLMON_STATE_LOCKING: 'redis' },
      'MLMON_STATE_LOCKING = "redis": is not a lock mode. Fix: use one of dynamodb, lockfile, both',
    ],
    ['invalid bucket prefix', { MLMON_BUCKET_PREFIX: 'UPPER' }, 'bucketPrefix = "UPPER"'],
  ])('fails on %s with one message and removes stale output', (_case, env, message) => {
    mkdirSync(join(outdir, 'stacks', 'mlmon-dev'), { recursive: true });
    writeFileSync(join(outdir, 'manifest.json'), '{}');
    const r = runApp(env, outdir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('Fix: ');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(outdir, 'manifest.json'))).toBe(false);
    expect(existsSync(join(outdir, 'stacks'))).toBe(false);
  });
});
