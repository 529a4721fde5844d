import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  parseGnuTime,
  ProcessReport,
  probeNodeOptions,
  processRole,
  rssByRole,
  runMeasured,
} from '../../bench/lib/process';

describe('processRole', () => {
  it.each([
    [['/usr/bin/node', '/usr/lib/node_modules/npm/bin/npx-cli.js', 'cdktf', 'synth'], 'npx'],
    [['/usr/bin/node', '/usr/lib/node_modules/npm/bin/npm-cli.js', 'test'], 'npx'],
    [['/usr/bin/node', '/repo/node_modules/cdktf-cli/bundle/bin/cdktf', 'synth'], 'cli'],
    [['/usr/bin/node', '/repo/node_modules/.bin/cdktf', 'synth'], 'cli'],
    [['/usr/bin/node', '/repo/main.ts'], 'app'],
    [['/usr/bin/node', '/repo/bench/out/dist/main.js'], 'app'],
    [['/usr/bin/node', '/repo/node_modules/ts-node/dist/bin.js', 'main.ts'], 'app'],
    [['/usr/bin/node', '/repo/node_modules/jest/bin/jest.js'], 'other'],
    [['/usr/bin/node', '/repo/domain.ts'], 'other'],
  ])('%j is %s', (argv, role) => {
    expect(processRole(argv)).toBe(role);
  });
});

describe('probeNodeOptions', () => {
  it('adds the probe and the heap setting the cdktf CLI would add', () => {
    expect(probeNodeOptions('/x/probe.cjs', undefined)).toBe(
      '--require "/x/probe.cjs" --max-old-space-size=4096',
    );
  });

  it('keeps existing options and an existing heap setting', () => {
    expect(probeNodeOptions('/p.cjs', '--max-old-space-size=8192 --trace-warnings')).toBe(
      '--max-old-space-size=8192 --trace-warnings --require "/p.cjs"',
    );
  });
});

describe('parseGnuTime', () => {
  it("reads peak RSS and user + system CPU from GNU time's '%M %U %S' line", () => {
    expect(parseGnuTime('498232 3.04 0.46\n')).toEqual({ maxRssKb: 498232, cpuMs: 3500 });
  });

  it('skips the line GNU time adds for a failed command', () => {
    expect(parseGnuTime('Command exited with non-zero status 1\n1024 0.10 0.00\n')).toEqual({
      maxRssKb: 1024,
      cpuMs: 100,
    });
  });

  it('is undefined when there is nothing to read (the command was killed)', () => {
    expect(parseGnuTime('')).toBeUndefined();
    expect(parseGnuTime('Command terminated by signal 9')).toBeUndefined();
  });
});

describe('rssByRole', () => {
  const report = (argv: string[], maxRssKb: number): ProcessReport => ({
    pid: 1,
    ppid: 0,
    argv,
    maxRssKb,
    cpuMs: 0,
    uptimeMs: 0,
  });

  it('gives each role its largest process and the tree the sum of all', () => {
    const byRole = rssByRole([
      report(['node', '/npm/bin/npx-cli.js'], 60 * 1024),
      report(['node', '/r/node_modules/cdktf-cli/bundle/bin/cdktf'], 250 * 1024),
      report(['node', '/r/main.ts'], 160 * 1024),
      report(['node', '/r/main.ts'], 120 * 1024),
    ]);
    expect(byRole).toEqual({ npx: 60, cli: 250, app: 160, tree: 590 });
  });

  it('is empty without reports', () => {
    expect(rssByRole([])).toEqual({});
  });
});

describe('runMeasured', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-process-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('reports the peak RSS of a Node.js process and of the Node.js child it starts', () => {
    // The parent holds 96 MiB touched memory; the child (started through a shell, as the cdktf CLI
    // starts the app) holds 32 MiB. Each report is that process's own high-water mark.
    const child = 'Buffer.alloc(32 * 1024 * 1024, 1); setTimeout(() => {}, 10)';
    const parent = [
      'const b = Buffer.alloc(96 * 1024 * 1024, 1);',
      `require('node:child_process').execSync(${JSON.stringify(`"${process.execPath}" -e "${child}"`)});`,
      'process.stdout.write(String(b.length));',
    ].join('\n');
    const r = runMeasured(process.execPath, ['-e', parent], {
      cwd: scratch,
      env: process.env,
      scratchDir: scratch,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(String(96 * 1024 * 1024));
    expect(r.processes).toHaveLength(2);
    const [big, small] = [...r.processes].sort((a, b) => b.maxRssKb - a.maxRssKb);
    expect(big.maxRssKb).toBeGreaterThan(96 * 1024);
    expect(small.maxRssKb).toBeGreaterThan(32 * 1024);
    expect(small.maxRssKb).toBeLessThan(big.maxRssKb);
    expect(r.wallMs).toBeGreaterThan(0);
  });

  it('returns the exit status and output of a failing command without throwing', () => {
    const r = runMeasured(process.execPath, ['-e', 'console.error("boom"); process.exit(3)'], {
      cwd: scratch,
      env: process.env,
      scratchDir: scratch,
    });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('boom');
    expect(r.processes).toHaveLength(1);
  });

  it('loads no probe when asked not to', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS'));
    const r = runMeasured(
      process.execPath,
      ['-e', 'process.stdout.write(process.env.NODE_OPTIONS ?? "none")'],
      {
        cwd: scratch,
        env,
        scratchDir: scratch,
        probe: false,
      },
    );
    expect(r.stdout).toBe('none');
    expect(r.processes).toEqual([]);
  });
});
