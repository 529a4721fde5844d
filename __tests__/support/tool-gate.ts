import { spawnSync } from 'node:child_process';

/** True when `tool` is an executable on PATH. */
export function onPath(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v "$1"`, 'sh', tool], { encoding: 'utf8' }).status === 0;
}

/**
 * Tests that need command-line tools (cloud-init, shellcheck, promtool, docker-compose, ...):
 * they run when every tool is on PATH. Otherwise they are skipped with a printed reason locally,
 * and fail under CI=true, where a missing tool means the suite did not check what it claims to.
 * Same contract as `describeWithTerraform`.
 */
export function describeWithTools(name: string, tools: readonly string[], body: () => void): void {
  const missing = tools.filter((t) => !onPath(t));
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it(`needs ${tools.join(', ')}`, () => {
        throw new Error(
          `${missing.join(', ')} not on PATH but CI=true: install them (apt-get install -y cloud-init shellcheck prometheus docker-compose yamllint).`,
        );
      });
    });
    return;
  }
  console.warn(
    `SKIPPED "${name}": ${missing.join(', ')} not on PATH (apt-get install -y cloud-init shellcheck prometheus docker-compose yamllint).`,
  );
  describe.skip(name, body);
}
