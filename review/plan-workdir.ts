/**
 * Terraform working directories for `npm run plan`.
 *
 * The synthesized stacks under `cdktf.out/stacks/<stack>` are never modified: each stack is copied
 * into a working directory, and in offline mode a Terraform override file is added there that
 *
 * - replaces the stack's backend (S3 or local) with a `local` backend inside the working directory,
 *   so no state is read from or written to the real backend, and
 * - adds to every `aws` provider configuration (the default one and each alias) the provider's skip
 *   flags and mock static credentials, so no call goes to STS, IMDS or the account-id lookup.
 *
 * Terraform merges `*_override.tf.json` files into the blocks they name: a `backend` block in an
 * override replaces the original backend entirely, and a `provider` block is matched to the original
 * by name *and* alias (an override without `alias` only reaches the default configuration), so the
 * override carries one entry per configuration found in the synthesized JSON.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File name of the offline override; `zz_` sorts it after anything else in the directory. */
export const OFFLINE_OVERRIDE_FILE = 'zz_offline_override.tf.json';

/** Static credentials used by offline plans; AWS never sees them. */
export const MOCK_CREDENTIALS = { accessKey: 'mock_access_key', secretKey: 'mock_secret_key' } as const;

/** The AWS provider arguments that keep an offline plan from calling AWS to check itself. */
export const OFFLINE_PROVIDER_ARGS = {
  access_key: MOCK_CREDENTIALS.accessKey,
  secret_key: MOCK_CREDENTIALS.secretKey,
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
} as const;

/**
 * Environment variables removed from an offline plan's environment, so that credentials or a
 * profile on the developer's machine can never reach the plan.
 */
export const AWS_ENV_TO_CLEAR = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_ROLE_ARN',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
] as const;

/** The parts of a synthesized `cdk.tf.json` that the working-directory code reads. */
export interface SynthesizedStackJson {
  readonly terraform?: { readonly backend?: Record<string, unknown> };
  readonly provider?: Record<string, ReadonlyArray<Record<string, unknown>> | Record<string, unknown>>;
}

/** Aliases of the `aws` provider configurations in a stack; `undefined` is the default configuration. */
export function awsProviderAliases(stack: SynthesizedStackJson): Array<string | undefined> {
  const raw = stack.provider?.aws;
  if (raw === undefined) return [];
  const configs = Array.isArray(raw) ? raw : [raw as Record<string, unknown>];
  return configs.map((c) => (typeof c.alias === 'string' ? c.alias : undefined));
}

/**
 * The offline override for a stack: a local backend at `statePath` (relative to the working
 * directory) and the skip flags plus mock credentials on every `aws` provider configuration.
 */
export function offlineOverride(
  stack: SynthesizedStackJson,
  statePath = 'terraform.tfstate',
): Record<string, unknown> {
  const override: Record<string, unknown> = {
    '//': 'Written by review/plan.ts for an offline plan: local state, mock credentials, no AWS calls.',
    terraform: { backend: { local: { path: statePath } } },
  };
  const aliases = awsProviderAliases(stack);
  if (aliases.length > 0) {
    override.provider = {
      aws: aliases.map((alias) =>
        alias === undefined ? { ...OFFLINE_PROVIDER_ARGS } : { alias, ...OFFLINE_PROVIDER_ARGS },
      ),
    };
  }
  return override;
}

/** The environment for an offline Terraform run: AWS credentials and profiles removed, IMDS off. */
export function offlineEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const key of AWS_ENV_TO_CLEAR) delete env[key];
  env.AWS_EC2_METADATA_DISABLED = 'true';
  // Files that don't exist: the SDK finds no shared config or credentials to fall back on.
  env.AWS_CONFIG_FILE = '/dev/null';
  env.AWS_SHARED_CREDENTIALS_FILE = '/dev/null';
  return env;
}

/** What Terraform keeps between runs in a working directory (reused so `init` stays fast). */
const KEEP_BETWEEN_RUNS = new Set(['.terraform', '.terraform.lock.hcl']);

/**
 * Makes `workDir` a copy of the synthesized stack directory `stackDir` (the `.terraform` directory
 * and lock file of an earlier run are kept, every other file is replaced), and in offline mode
 * writes the override file. Returns the override that was written, if any.
 */
export function prepareWorkDir(
  stackDir: string,
  workDir: string,
  offline: boolean,
): Record<string, unknown> | undefined {
  mkdirSync(workDir, { recursive: true });
  for (const entry of readdirSync(workDir)) {
    if (!KEEP_BETWEEN_RUNS.has(entry)) rmSync(join(workDir, entry), { recursive: true, force: true });
  }
  for (const entry of readdirSync(stackDir)) {
    // A `cdktf deploy` run leaves its own .terraform and state next to the synthesized JSON.
    if (KEEP_BETWEEN_RUNS.has(entry) || /\.tfstate(\.backup)?$/.test(entry) || entry === 'plan') continue;
    cpSync(join(stackDir, entry), join(workDir, entry), { recursive: true });
  }
  if (!offline) return undefined;
  const stackJsonPath = join(stackDir, 'cdk.tf.json');
  if (!existsSync(stackJsonPath)) throw new Error(`${stackJsonPath} does not exist: synthesize first.`);
  const stack = JSON.parse(readFileSync(stackJsonPath, 'utf8')) as SynthesizedStackJson;
  const override = offlineOverride(stack);
  writeFileSync(join(workDir, OFFLINE_OVERRIDE_FILE), JSON.stringify(override, null, 2) + '\n');
  return override;
}
