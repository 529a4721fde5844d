/**
 * Running the Terraform CLI from scripts and tests.
 *
 * Provider source: when `MLMON_TF_PROVIDER_MIRROR` names a directory laid out as a provider
 * filesystem mirror (`registry.terraform.io/hashicorp/aws/<version>/<os_arch>/...`), Terraform is
 * pointed at it through a generated CLI configuration, so `terraform init` works offline. Unset, the
 * public registry is used as usual.
 */
import { createHash } from 'node:crypto';
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Repository root. */
export const REPO_ROOT = resolve(__dirname, '..');

/** The environment variable that names the provider filesystem mirror. */
export const PROVIDER_MIRROR_ENV = 'MLMON_TF_PROVIDER_MIRROR';

/** Version of Terraform on PATH (e.g. "1.11.4"), or undefined when it is not installed. */
export function terraformVersion(): string | undefined {
  const r = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8', env: terraformEnv() });
  if (r.error || r.status !== 0) return undefined;
  try {
    return (JSON.parse(r.stdout) as { terraform_version: string }).terraform_version;
  } catch {
    return undefined;
  }
}

/**
 * Writes (once) a Terraform CLI configuration that uses the provider mirror, and returns its path;
 * undefined when no mirror is configured.
 */
export function cliConfigFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const mirror = env[PROVIDER_MIRROR_ENV];
  if (!mirror) return undefined;
  if (!existsSync(mirror)) {
    throw new Error(
      `${PROVIDER_MIRROR_ENV}=${mirror}: no such directory. Unset it to use the public registry.`,
    );
  }
  const dir = join(REPO_ROOT, '.cache');
  mkdirSync(dir, { recursive: true });
  // One file per mirror: tests that point Terraform at another mirror (an empty one) never
  // rewrite the file concurrent Terraform runs read.
  const key = createHash('sha256').update(resolve(mirror)).digest('hex').slice(0, 12);
  const file = join(dir, `terraform-${key}.rc`);
  const body = [
    '# Generated from MLMON_TF_PROVIDER_MIRROR; do not edit.',
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(resolve(mirror))}`,
    '    include = ["registry.terraform.io/*/*"]',
    '  }',
    '}',
    // The plugin cache lets every stack directory share one unpacked provider (~700 MB each otherwise).
    `plugin_cache_dir = ${JSON.stringify(join(dir, 'plugin-cache'))}`,
    'plugin_cache_may_break_dependency_lock_file = true',
    '',
  ].join('\n');
  mkdirSync(join(dir, 'plugin-cache'), { recursive: true });
  // Concurrent Terraform runs (parallel jest workers, plans) read this file: write it only when it
  // changes, and atomically, so no reader sees it half-written.
  if (!existsSync(file) || readFileSync(file, 'utf8') !== body) {
    const tmp = `${file}.${process.pid}`;
    writeFileSync(tmp, body);
    renameSync(tmp, file);
  }
  return file;
}

/**
 * The environment for a Terraform process: the caller's environment, with `TF_CLI_CONFIG_FILE`
 * pointed at the mirror configuration when a mirror is set, or at an empty file when the inherited
 * value names a file that does not exist (Terraform warns on every command otherwise).
 */
export function terraformEnv(
  extra: NodeJS.ProcessEnv = {},
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, ...extra, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
  const config = cliConfigFile(env);
  if (config) {
    env.TF_CLI_CONFIG_FILE = config;
  } else if (env.TF_CLI_CONFIG_FILE && !existsSync(env.TF_CLI_CONFIG_FILE)) {
    const dir = join(REPO_ROOT, '.cache');
    mkdirSync(dir, { recursive: true });
    const empty = join(dir, 'terraform-empty.rc');
    writeFileSync(empty, '');
    env.TF_CLI_CONFIG_FILE = empty;
  }
  return env;
}

/** Result of a Terraform command. */
export interface TerraformResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs `terraform <args>` in `cwd` and returns its output; never throws on a non-zero exit. */
export function runTerraform(
  args: string[],
  cwd: string,
  extraEnv: NodeJS.ProcessEnv = {},
  timeoutMs = 300_000,
): TerraformResult {
  const start = Date.now();
  const env = terraformEnv({ TF_INPUT: '0', ...extraEnv });
  const r: SpawnSyncReturns<string> = spawnSync('terraform', ['-chdir=' + cwd, ...args], {
    encoding: 'utf8',
    env,
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
  });
  const status = r.status ?? (r.error ? 127 : 1);
  const stderr = (r.stderr ?? '') + (r.error ? String(r.error) : '');
  return {
    status,
    stdout: r.stdout ?? '',
    stderr:
      status !== 0 && args[0] === 'init'
        ? stderr + providerFetchHint(stderr + (r.stdout ?? ''), env)
        : stderr,
    ms: Date.now() - start,
  };
}

/** Terraform's messages when it cannot reach the registry or download a provider. */
const PROVIDER_FETCH_FAILURE =
  /Failed to query available provider packages|Failed to install provider|could not connect to registry\.terraform\.io|registry\.terraform\.io.*(no such host|i\/o timeout|connection refused)/i;

/**
 * The hint appended to a failed `terraform init` that could not fetch a provider: where to point
 * Terraform when the registry is unreachable. Empty for any other failure.
 */
export function providerFetchHint(output: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!PROVIDER_FETCH_FAILURE.test(output)) return '';
  return env[PROVIDER_MIRROR_ENV]
    ? `\nHint: the provider is not in the mirror ${PROVIDER_MIRROR_ENV}=${env[PROVIDER_MIRROR_ENV]}; add it there (terraform providers mirror <dir>).\n`
    : `\nHint: Terraform could not fetch the provider from the registry. Offline, set ${PROVIDER_MIRROR_ENV} to a provider mirror directory (e.g. export ${PROVIDER_MIRROR_ENV}=/opt/tf-plugins) and run the tests again.\n`;
}

/** Like {@link runTerraform}, but throws with Terraform's output when the command fails. */
export function terraformOrThrow(
  args: string[],
  cwd: string,
  extraEnv: NodeJS.ProcessEnv = {},
): TerraformResult {
  const r = runTerraform(args, cwd, extraEnv);
  if (r.status !== 0) {
    throw new Error(`terraform ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${r.stderr || r.stdout}`);
  }
  return r;
}
