/**
 * The CDKTF app: the state-backend bootstrap stack, the account stack, plus one stack per
 * environment of every system (blueprint) in `stacks/systems.ts`.
 *
 *   mlmon-bootstrap   S3 state bucket + DynamoDB lock table (local state; see README)
 *   mlmon-account     CloudTrail, the model image's ECR repository, AWS Backup of the hosts' volumes
 *   <system>-<env>    one stack per environment of each system, e.g. mlmon-dev, mlmon-prod
 *
 * Environment variables (read here only):
 *   MLMON_SYSTEMS=mlmon,...        systems to synthesize (default: all)
 *   MLMON_ENVIRONMENTS=dev,prod    environments to synthesize (default: all)
 *   MLMON_STACKS=mlmon-dev,...     exact stacks to synthesize (default: all selected above); set it
 *                                  to the stack you deploy so synth pays for nothing else
 *   MLMON_BUCKET_PREFIX            overrides the app-bucket prefix
 *   MLMON_STATE_*                  configure the state backend (backend/settings.ts)
 *   MLMON_GITHUB_REPOSITORY        (owner/name) adds the GitHub OIDC CI roles to the bootstrap stack
 *   MLMON_ACCOUNT_ID               the AWS account id the account stack's policies name
 *
 * Only configuration (plain data) is loaded for every system; a system's constructs are loaded
 * when one of its stacks is selected.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { overlapCidr } from 'cidr-tools';
import { StateBackendBootstrapStack } from './backend/bootstrap-stack';
import { applyPolicyPack } from './modules/policy';
import { resolveStateBackendSettings } from './backend/settings';
import { Validator } from './modules/core/validation';
import { isValidIpv4Cidr } from './modules/core/ip';
import { SYSTEMS } from './stacks/systems';
import { PROJECT, ProjectConfig, validateProjectConfig } from './stacks/shared/project';
import { duplicates, parseSelection } from './stacks/shared/selection';
import { SystemDefinition, SystemEnvironment } from './stacks/shared/system';
import { ACCOUNT, AccountConfig, validateAccountConfig } from './stacks/account/config';

/** Inputs of {@link buildApp}; everything defaults to the real configuration. */
export interface BuildAppOptions {
  /** Output directory. @default 'cdktf.out' (or CDKTF_OUTDIR, set by the cdktf CLI) */
  readonly outdir?: string;
  /** Environment variables. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Systems to choose from. @default SYSTEMS */
  readonly systems?: readonly SystemDefinition<SystemEnvironment>[];
  /** Project settings. @default PROJECT */
  readonly project?: ProjectConfig;
  /** Account settings (trail, image repository, backups). @default ACCOUNT */
  readonly account?: AccountConfig;
  /** cdktf context (as in cdktf.json). @default - read from cdktf.json by the CLI */
  readonly context?: Record<string, unknown>;
  /**
   * Receives the policy pack's report of each stack (warnings and suppressions), e.g. to capture
   * it in a test. @default console.warn (stderr)
   */
  readonly policyLog?: (message: string) => void;
}

/** One environment stack the app can build. */
interface StackPlan {
  readonly id: string;
  readonly system: SystemDefinition<SystemEnvironment>;
  readonly environment: SystemEnvironment;
}

/**
 * Every system's environments, validated, and checked across systems: unique stack names and
 * VPC CIDR blocks that overlap no other stack's (so any two can be peered or routed later).
 */
function planStacks(
  project: ProjectConfig,
  systems: readonly SystemDefinition<SystemEnvironment>[],
): StackPlan[] {
  const v = new Validator('systems');
  const names = systems.map((s) => s.name);
  for (const name of duplicates(names)) {
    v.add(
      'name',
      name,
      'is used by more than one system',
      'give every system its own name in stacks/systems.ts',
    );
  }
  v.throwIfInvalid();
  const plans: StackPlan[] = [];
  for (const system of systems) {
    const environments = system.environments();
    const envNames = environments.map((e) => e.name);
    const sv = new Validator(`${system.name} environments`);
    for (const name of duplicates(envNames)) {
      sv.add(
        'name',
        name,
        `names more than one environment of ${system.name}`,
        `rename one of them: stack names (${system.name}-${name}) and state keys must be unique`,
      );
    }
    sv.throwIfInvalid();
    for (const environment of environments) {
      system.validate(environment);
      plans.push({ id: `${system.name}-${environment.name}`, system, environment });
    }
  }
  const reserved = [`${project.project}-bootstrap`, `${project.project}-account`];
  const cv = new Validator('stacks');
  for (const p of plans) {
    cv.check(
      !reserved.includes(p.id),
      'name',
      p.id,
      'is the name of a shared stack',
      `rename the environment or the system so that no stack is called ${reserved.join(' or ')}`,
    );
  }
  const withCidr = plans.filter((p) => p.environment.vpcCidr && isValidIpv4Cidr(p.environment.vpcCidr));
  withCidr.forEach((a, i) => {
    for (const b of withCidr.slice(i + 1)) {
      if (overlapCidr(a.environment.vpcCidr as string, b.environment.vpcCidr as string)) {
        cv.add(
          `${a.id}.vpcCidr`,
          a.environment.vpcCidr,
          `overlaps ${b.id}.vpcCidr (${b.environment.vpcCidr})`,
          'give every stack its own block (README "Address plan" lists the blocks in use)',
        );
      }
    }
  });
  cv.throwIfInvalid();
  return plans;
}

/** Composes the App. Configuration is validated first, so bad input creates nothing. */
export function buildApp(options: BuildAppOptions = {}): App {
  const env = options.env ?? process.env;
  const app = new App({ outdir: options.outdir, context: options.context });
  const context = (key: string): unknown => app.node.tryGetContext(key);
  // Settings that cdktf.json may hold: an environment variable wins, and the JSON value must be a string.
  const cv = new Validator('cdktf.json context');
  const setting = (envKey: string, contextKey: string): string | undefined => {
    if (env[envKey]) return env[envKey];
    const value = context(contextKey);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    cv.add(
      contextKey,
      value,
      `must be a JSON string, not a ${typeof value}`,
      `write it as "${String(value)}" (quoted)`,
    );
    return undefined;
  };
  const bucketPrefix = setting('MLMON_BUCKET_PREFIX', 'bucketPrefix');
  const githubRepository = setting('MLMON_GITHUB_REPOSITORY', 'githubRepository');
  const githubOidcProviderArn = setting('MLMON_GITHUB_OIDC_PROVIDER_ARN', 'githubOidcProviderArn');
  const accountId = setting('MLMON_ACCOUNT_ID', 'accountId');
  cv.throwIfInvalid();
  const project: ProjectConfig = {
    ...(options.project ?? PROJECT),
    ...(bucketPrefix ? { bucketPrefix } : {}),
  };
  validateProjectConfig(project);
  const account: AccountConfig = { ...(options.account ?? ACCOUNT), ...(accountId ? { accountId } : {}) };
  validateAccountConfig(account, project.sharedTags);
  const stateBackend = resolveStateBackendSettings(context, env);
  const systems = options.systems ?? SYSTEMS;
  const all = planStacks(project, systems);

  const systemNames = parseSelection(
    env.MLMON_SYSTEMS,
    systems.map((s) => s.name),
    'MLMON_SYSTEMS',
    'system',
  );
  const inSystems = all.filter((p) => systemNames.includes(p.system.name));
  const envNames = parseSelection(
    env.MLMON_ENVIRONMENTS,
    [...new Set(inSystems.map((p) => p.environment.name))],
    'MLMON_ENVIRONMENTS',
    'environment',
  );
  const bootstrapId = `${project.project}-bootstrap`;
  const accountStackId = `${project.project}-account`;
  const candidates = inSystems.filter((p) => envNames.includes(p.environment.name));
  const stackIds = parseSelection(
    env.MLMON_STACKS,
    [bootstrapId, accountStackId, ...candidates.map((p) => p.id)],
    'MLMON_STACKS',
    'stack',
  );

  if (stackIds.includes(bootstrapId)) {
    // Built from every system's configuration (not only the selected ones), so its plan never
    // depends on what was selected.
    new StateBackendBootstrapStack(app, bootstrapId, {
      settings: stateBackend,
      tags: { ...project.tags, ...project.sharedTags },
      githubRepository,
      githubOidcProviderArn,
      projectPrefix: project.project,
      // Every system names its resources `<system>-<env>-...`: the deploy role manages those.
      namePrefixes: [...new Set([project.project, ...systems.map((s) => s.name)])],
      bucketNamePatterns: [`${project.bucketPrefix}-*`],
      regions: [
        ...new Set(
          all.flatMap((p) => [
            p.environment.region,
            ...(p.environment.replicationRegion ? [p.environment.replicationRegion] : []),
          ]),
        ),
      ],
    });
  }
  if (stackIds.includes(accountStackId)) {
    // Loaded here, not at the top: synthesizing another stack never loads these constructs.
    type AccountStackModule = typeof import('./stacks/account/account-stack');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { AccountStack } = require('./stacks/account/account-stack') as AccountStackModule;
    new AccountStack(app, accountStackId, { project, account, stateBackend });
  }
  for (const plan of candidates) {
    if (!stackIds.includes(plan.id)) continue;
    plan.system.createStack(app, plan.id, plan.environment, { project, stateBackend });
  }
  // Guardrails: every stack is checked at synth; an error-level finding fails synth (RULES.md).
  // The cdktf CLI (which sets CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS) prints the warnings from
  // the annotations and shows anything on stderr as an error, so the text report goes to stderr
  // only when something else runs the app (npm run plan, node main.ts).
  const underCdktfCli = env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;
  const policyOptions = underCdktfCli ? {} : { log: (message: string) => console.warn(message) };
  for (const stack of app.node.children) {
    if (stack instanceof TerraformStack)
      applyPolicyPack(stack, options.policyLog ? { log: options.policyLog } : policyOptions);
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
