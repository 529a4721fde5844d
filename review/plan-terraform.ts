/**
 * Asynchronous Terraform runs for `npm run plan`, so that stacks can plan side by side and the
 * console can report progress while Terraform works. Uses the same environment as
 * `review/terraform.ts` (provider mirror, CLI configuration, automation flags).
 */
import { spawn } from 'node:child_process';
import { terraformEnv, TerraformResult } from './terraform';

/** Options of {@link runTerraformAsync}. */
export interface RunOptions {
  /** Environment to start from (the offline plan passes one without AWS credentials). @default process.env */
  readonly baseEnv?: NodeJS.ProcessEnv;
  /** Extra variables. @default - none */
  readonly extraEnv?: NodeJS.ProcessEnv;
  /** Kill Terraform after this many milliseconds. @default 900000 (15 minutes) */
  readonly timeoutMs?: number;
}

/** Runs `terraform -chdir=<cwd> <args>`; resolves with its output, never rejects on a non-zero exit. */
export function runTerraformAsync(
  args: readonly string[],
  cwd: string,
  options: RunOptions = {},
): Promise<TerraformResult> {
  const start = Date.now();
  const env = terraformEnv({ TF_INPUT: '0', ...(options.extraEnv ?? {}) }, options.baseEnv ?? process.env);
  return new Promise((resolve) => {
    const child = spawn('terraform', [`-chdir=${cwd}`, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, options.timeoutMs ?? 900_000);
    child.stdout.on('data', (b: Buffer) => stdout.push(b));
    child.stderr.on('data', (b: Buffer) => stderr.push(b));
    child.once('error', (err) => {
      clearTimeout(timer);
      resolve({ status: 127, stdout: '', stderr: String(err), ms: Date.now() - start });
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const err = Buffer.concat(stderr).toString('utf8');
      const note = timedOut
        ? `\nterraform ${args[0]} timed out and was stopped`
        : signal
          ? `\nterraform stopped by ${signal}`
          : '';
      resolve({
        status: code ?? 1,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: err + note,
        ms: Date.now() - start,
      });
    });
  });
}

/** Provider versions selected in an initialized working directory (`terraform version -json`). */
export async function providerSelections(
  cwd: string,
  baseEnv?: NodeJS.ProcessEnv,
): Promise<Record<string, string>> {
  const r = await runTerraformAsync(['version', '-json'], cwd, { baseEnv, timeoutMs: 60_000 });
  if (r.status !== 0) return {};
  try {
    return (
      (JSON.parse(r.stdout) as { provider_selections?: Record<string, string> }).provider_selections ?? {}
    );
  } catch {
    return {};
  }
}
