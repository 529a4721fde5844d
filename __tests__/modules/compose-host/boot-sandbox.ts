import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostPaths } from '../../../modules/compose-host';
import { HostRenderContext } from '../../../modules/compose-host/render/context';
import { renderBootstrapScript } from '../../../modules/compose-host/render/bootstrap';

/**
 * Runs a rendered bootstrap script for real under bash, with every external command it calls
 * replaced by a fake on PATH that records its arguments. Each fake fails its first N calls when
 * `FAIL_<NAME>=N` is set (only calls whose arguments contain `FAIL_<NAME>_MATCH`, when set), so
 * tests can assert retries, backoff, idempotent re-runs and the failure exit.
 */

/** The content the fake download of the Compose plugin returns: a script that prints its version. */
export const FAKE_COMPOSE_PLUGIN = '#!/bin/bash\necho "Docker Compose version v2.29.7"\n';
const FAKE_COMPOSE_SHA = createHash('sha256').update(FAKE_COMPOSE_PLUGIN).digest('hex');

/** Shared prologue: record the call, count it, fail it when told to. */
function fake(name: string, body: string): string {
  const upper = name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return `#!/bin/bash
printf '%s %s\\n' '${name}' "$*" >>"$STUB_LOG"
if [ -n "\${FAIL_${upper}:-}" ] && [[ "$*" == *"\${FAIL_${upper}_MATCH:-}"* ]]; then
  n=$(( $(cat "$STUB_STATE/${name}.failures" 2>/dev/null || echo 0) + 1 ))
  echo "$n" >"$STUB_STATE/${name}.failures"
  if [ "$n" -le "$FAIL_${upper}" ]; then echo "${name}: simulated failure $n" >&2; exit 1; fi
fi
${body}
`;
}

const FAKES: Readonly<Record<string, string>> = {
  dnf: fake('dnf', 'exit 0'),
  'apt-get': fake('apt-get', 'exit 0'),
  systemctl: fake(
    'systemctl',
    `if [ "$1" = is-active ]; then exit "\${STUB_UNIT_STATUS:-0}"; fi
exit 0`,
  ),
  sleep: fake('sleep', 'exit 0'),
  'amazon-cloudwatch-agent-ctl': fake('amazon-cloudwatch-agent-ctl', 'exit 0'),
  docker: fake('docker', 'cat >/dev/null 2>&1 || true; exit 0'),
  curl: fake(
    'curl',
    `out=''
url=''
while [ "$#" -gt 0 ]; do
  case "$1" in
    -o) out="$2"; shift ;;
    http*) url="$1" ;;
  esac
  shift
done
case "$url" in
  */latest/api/token) printf 'TOKEN' ;;
  */meta-data/instance-id) printf 'i-0123456789abcdef0' ;;
  */meta-data/tags/instance/ComposeHostEipAllocationId) printf 'eipalloc-0123456789abcdef0' ;;
  *docker-compose-linux-*.sha256) printf '%s  docker-compose-linux-x86_64\\n' '${FAKE_COMPOSE_SHA}' ;;
  *docker-compose-linux-*) printf '${FAKE_COMPOSE_PLUGIN.replace(/\n/g, '\\n')}' >"$out" ;;
  http://127.0.0.1*) exit "\${STUB_HEALTH_STATUS:-0}" ;;
  *) echo "curl: unexpected URL $url" >&2; exit 22 ;;
esac`,
  ),
  aws: fake(
    'aws',
    `case "$1 $2" in
  "ssm get-parameter")
    if [ -n "\${STUB_SSM_DENY:-}" ]; then echo 'An error occurred (AccessDeniedException)' >&2; exit 254; fi
    if [ -f "$STUB_STATE/ssm-value" ]; then cat "$STUB_STATE/ssm-value"; echo; exit 0; fi
    echo 'An error occurred (ParameterNotFound) when calling the GetParameter operation' >&2; exit 254 ;;
  "ssm put-parameter")
    value=''
    while [ "$#" -gt 0 ]; do if [ "$1" = --value ]; then value="$2"; fi; shift; done
    if [ -n "\${STUB_SSM_RACE:-}" ]; then printf 'winner-password' >"$STUB_STATE/ssm-value"; fi
    if [ -f "$STUB_STATE/ssm-value" ]; then echo 'An error occurred (ParameterAlreadyExists)' >&2; exit 254; fi
    cp "\${value#file://}" "$STUB_STATE/ssm-value" ;;
  "ecr get-login-password") printf 'ecr-token' ;;
esac
exit 0`,
  ),
};

/** One sandbox: a fake root, run directory and PATH, kept across runs (a "boot"). */
export interface BootSandbox {
  readonly dir: string;
  readonly root: string;
  readonly runDir: string;
  readonly state: string;
  readonly composePlugin: string;
  readonly script: string;
  /** Runs `bootstrap.sh <args>`; returns the status, stderr and the calls made by this run. */
  run(args: string[], env?: Record<string, string>): BootRun;
  /** Forgets the per-boot markers, as a reboot does (/run is a tmpfs). */
  reboot(): void;
  cleanup(): void;
}

export interface BootRun {
  readonly status: number | null;
  readonly stderr: string;
  /** Calls made by this run, one line each: `<command> <args>`. */
  readonly calls: string[];
}

/** Renders the script for `ctx`, with host paths moved into a fresh sandbox. */
export function bootSandbox(ctx: HostRenderContext): BootSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'compose-host-boot-'));
  const root = join(dir, 'root');
  const runDir = join(dir, 'run');
  const bin = join(dir, 'bin');
  const state = join(dir, 'state');
  const composePlugin = join(dir, 'cli-plugins', 'docker-compose');
  for (const d of [root, bin, state]) mkdirSync(d, { recursive: true });
  for (const [name, body] of Object.entries(FAKES)) {
    writeFileSync(join(bin, name), body);
    chmodSync(join(bin, name), 0o755);
  }
  const paths = hostPaths(ctx.project);
  const script = join(dir, 'bootstrap.sh');
  const text = renderBootstrapScript(ctx)
    .split(paths.runDir)
    .join(runDir)
    .split(paths.root)
    .join(root)
    .replace(/^readonly AGENT_CTL=.*$/m, `readonly AGENT_CTL='${join(bin, 'amazon-cloudwatch-agent-ctl')}'`)
    .replace(/^readonly COMPOSE_PLUGIN=.*$/m, `readonly COMPOSE_PLUGIN='${composePlugin}'`);
  writeFileSync(script, text);
  chmodSync(script, 0o700);
  const log = join(dir, 'calls.log');
  let seen = 0;
  return {
    dir,
    root,
    runDir,
    state,
    composePlugin,
    script,
    run(args, env = {}) {
      const r = spawnSync('bash', [script, ...args], {
        encoding: 'utf8',
        env: { PATH: `${bin}:/usr/bin:/bin`, STUB_LOG: log, STUB_STATE: state, ...env },
        timeout: 60_000,
      });
      const all = existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter((l) => l !== '')
        : [];
      const calls = all.slice(seen);
      seen = all.length;
      return { status: r.status, stderr: r.stderr, calls };
    },
    reboot() {
      rmSync(runDir, { recursive: true, force: true });
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
