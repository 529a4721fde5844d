/**
 * The CDKTF app: the state-backend bootstrap stack plus one stack per environment.
 *
 *   mlmon-bootstrap   S3 state bucket + DynamoDB lock table (local state; see README)
 *   mlmon-dev         \
 *   mlmon-staging      > MlmonStack, one per entry of stacks/environments.ts
 *   mlmon-prod        /
 *
 * Environment variables (read here only): MLMON_ENVIRONMENTS=dev,prod limits the environment
 * stacks; MLMON_BUCKET_PREFIX overrides the app-bucket prefix; MLMON_STATE_* configure the backend
 * (backend/settings.ts); MLMON_GITHUB_REPOSITORY (owner/name) adds the GitHub OIDC CI roles to the
 * bootstrap stack.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { StateBackendBootstrapStack } from './backend/bootstrap-stack';
import { applyPolicyPack } from './modules/policy';
import { resolveStateBackendSettings } from './backend/settings';
import { MlmonStack } from './stacks/mlmon/mlmon-stack';
import { ENVIRONMENTS, PROJECT, selectEnvironments } from './stacks/mlmon/environments';
import {
  EnvironmentConfig,
  ProjectConfig,
  validateEnvironmentConfig,
  validateProjectConfig,
} from './stacks/mlmon/config';

/** Inputs of {@link buildApp}; everything defaults to the real configuration. */
export interface BuildAppOptions {
  /** Output directory. @default 'cdktf.out' (or CDKTF_OUTDIR, set by the cdktf CLI) */
  readonly outdir?: string;
  /** Environment variables. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Environments to choose from. @default ENVIRONMENTS */
  readonly environments?: readonly EnvironmentConfig[];
  /** Project settings. @default PROJECT */
  readonly project?: ProjectConfig;
  /** cdktf context (as in cdktf.json). @default - read from cdktf.json by the CLI */
  readonly context?: Record<string, unknown>;
}

/** Composes the App. Configuration is validated first, so bad input creates nothing. */
export function buildApp(options: BuildAppOptions = {}): App {
  const env = options.env ?? process.env;
  const app = new App({ outdir: options.outdir, context: options.context });
  const context = (key: string): unknown => app.node.tryGetContext(key);

  const bucketPrefix = env.MLMON_BUCKET_PREFIX || (context('bucketPrefix') as string | undefined);
  const project: ProjectConfig = {
    ...(options.project ?? PROJECT),
    ...(bucketPrefix ? { bucketPrefix } : {}),
  };
  validateProjectConfig(project);
  const stateBackend = resolveStateBackendSettings(context, env);
  const selected = selectEnvironments(
    (env.MLMON_ENVIRONMENTS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    options.environments ?? ENVIRONMENTS,
  );
  selected.forEach((e) => validateEnvironmentConfig(e));

  new StateBackendBootstrapStack(app, `${project.project}-bootstrap`, {
    settings: stateBackend,
    tags: { ...project.tags, ...project.sharedTags },
    githubRepository: env.MLMON_GITHUB_REPOSITORY || (context('githubRepository') as string | undefined),
    githubOidcProviderArn:
      env.MLMON_GITHUB_OIDC_PROVIDER_ARN || (context('githubOidcProviderArn') as string | undefined),
    projectPrefix: project.project,
    bucketNamePatterns: [`${project.bucketPrefix}-*`],
    regions: [
      ...new Set(selected.flatMap((e) => [e.region, ...(e.replicationRegion ? [e.replicationRegion] : [])])),
    ],
  });
  for (const environment of selected) {
    new MlmonStack(app, `${project.project}-${environment.name}`, {
      project,
      environment,
      stateBackend,
    });
  }
  // Guardrails: every stack is checked at synth; an error-level finding fails synth (RULES.md).
  for (const stack of app.node.children) {
    if (stack instanceof TerraformStack) applyPolicyPack(stack);
  }
  return app;
}

if (require.main === module) {
  try {
    buildApp().synth();
  } catch (err) {
    // One readable message and a non-zero exit. Output from an earlier run is removed so that
    // nothing in the output directory looks like the result of this (failed) synth.
    const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
    rmSync(join(outdir, 'manifest.json'), { force: true });
    rmSync(join(outdir, 'stacks'), { recursive: true, force: true });
    console.error(`\n${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
