/**
 * The saved-plan path of the deploy workflow, end to end with real Terraform against the state
 * backend on local S3 and DynamoDB emulators (s3rver, dynalite; see __tests__/support/emulators.ts),
 * configured by the product's own backend settings (MLMON_STATE_* endpoints):
 *
 * 1. `planStack` online with `bundle` (what `npm run plan -- --online --bundle` runs), then
 *    `applyPlan` of that bundle (what `npm run apply` runs): the state holds the planned value;
 * 2. a plan, then another apply that changes the state, then the first plan: Terraform refuses it
 *    as stale, `applyPlan` throws StalePlanError and nothing is applied; the CLI exits 3 and writes
 *    the re-plan path into the job summary;
 * 3. a plan without changes is skipped (no apply, state untouched).
 *
 * The stack's resources are `terraform_data` (no AWS API beyond the backend, which the emulators
 * have), in a configuration that requires the AWS provider, so the plan's lock file is real and
 * flows through the bundle to the apply.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildApp } from '../../main';
import { applyPlan, StalePlanError } from '../../review/apply';
import { readBundle } from '../../review/plan-bundle';
import { planStack, StackPlanResult } from '../../review/plan-run';
import { resolveStateBackendSettings } from '../../backend/settings';
import {
  dynamodbCall,
  createBucket,
  EMULATOR_CREDENTIALS,
  Emulators,
  getObjectText,
  startEmulators,
} from '../support/emulators';
import { describeWithTerraform, TERRAFORM_VERSION } from '../support/terraform-gate';

const ROOT = resolve(__dirname, '..', '..');
const STACK = 'mlmon-dev';
const STATE_KEY = `${STACK}/terraform.tfstate`;

/** Credentials the emulators accept, and nothing from the caller's AWS setup. */
const AWS_ENV = {
  AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
  AWS_SESSION_TOKEN: '',
  AWS_PROFILE: '',
  AWS_DEFAULT_PROFILE: '',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
};

interface StateFile {
  readonly serial: number;
  readonly resources: ReadonlyArray<{
    readonly name: string;
    readonly instances: ReadonlyArray<{
      readonly attributes: { readonly input?: { readonly value?: unknown } };
    }>;
  }>;
}

const quiet = (): void => undefined;

/** Runs a CLI of the repository with the TypeScript loader; resolves with its exit code and output. */
function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ['-r', './scripts/transpile.js', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.once('close', (status) => resolvePromise({ status, stderr }));
  });
}

describeWithTerraform('apply the reviewed plan, on the S3 and DynamoDB emulators (real Terraform)', () => {
  let emulators: Emulators;
  let work: string;
  let bucket: string;
  let backend: Record<string, unknown>;
  const synthDir = (): string => join(work, 'cdktf.out');
  const timings: string[] = [];

  /** The stack directory `cdktf synth` would leave: the product's backend block and `marker = value`. */
  const synthesizeStack = (value: string): void => {
    const dir = join(synthDir(), 'stacks', STACK);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'cdk.tf.json'),
      JSON.stringify({
        terraform: { backend, required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
        resource: { terraform_data: { marker: { input: value } } },
      }),
    );
  };

  /** `npm run plan -- --online --bundle mlmon-dev --out <plans>`, for the current stack directory. */
  const plan = async (name: string): Promise<StackPlanResult> => {
    const start = Date.now();
    const result = await planStack({
      stack: { name: STACK, workingDirectory: `stacks/${STACK}`, dependencies: [] },
      order: 0,
      mode: 'online',
      synthDir: synthDir(),
      workRoot: join(work, 'work'),
      outRoot: join(work, name),
      terraformVersion: TERRAFORM_VERSION as string,
      log: quiet,
      lockTimeout: '10s',
      bundle: true,
      env: AWS_ENV,
    });
    timings.push(`plan ${name}: ${Date.now() - start} ms`);
    expect(result.meta.error).toBeUndefined();
    return result;
  };

  const planFile = (name: string): string => join(work, name, STACK, 'tfplan');

  const state = async (): Promise<StateFile> =>
    JSON.parse((await getObjectText(emulators.s3Endpoint, bucket, STATE_KEY)) as string) as StateFile;
  const marker = async (): Promise<unknown> =>
    (await state()).resources.find((r) => r.name === 'marker')?.instances[0].attributes.input?.value;

  beforeAll(async () => {
    emulators = await startEmulators();
    work = mkdtempSync(join(tmpdir(), 'mlmon-apply-it-'));
    const productEnv = {
      MLMON_STATE_S3_ENDPOINT: emulators.s3Endpoint,
      MLMON_STATE_DYNAMODB_ENDPOINT: emulators.dynamodbEndpoint,
      MLMON_STATE_USE_PATH_STYLE: 'true',
      MLMON_STATE_SKIP_AWS_CHECKS: 'true',
      MLMON_STACKS: STACK,
    };
    const context = (
      JSON.parse(readFileSync(join(ROOT, 'cdktf.json'), 'utf8')) as { context: Record<string, unknown> }
    ).context;
    const settings = resolveStateBackendSettings((key) => context[key], productEnv);
    bucket = settings.bucket;
    await createBucket(emulators.s3Endpoint, bucket);
    await dynamodbCall(emulators.dynamodbEndpoint, 'CreateTable', {
      TableName: settings.lockTable,
      KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    // The backend block exactly as the product synthesizes it for mlmon-dev.
    const outdir = join(work, 'product');
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      buildApp({ outdir, env: productEnv, context }).synth();
    } finally {
      warn.mockRestore();
    }
    backend = (
      JSON.parse(readFileSync(join(outdir, 'stacks', STACK, 'cdk.tf.json'), 'utf8')) as {
        terraform: { backend: Record<string, unknown> };
      }
    ).terraform.backend;
  });

  afterAll(async () => {
    await emulators?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('uses the S3 backend with DynamoDB locking, pointed at the emulators', () => {
    expect(backend.s3).toEqual(
      expect.objectContaining({
        key: STATE_KEY,
        dynamodb_table: 'mlmon-terraform-locks',
        use_path_style: true,
      }),
    );
  });

  it('applies the saved plan it made, with the lock file of the plan', async () => {
    synthesizeStack('v1');
    const first = await plan('plans-1');
    expect(first.summary.status).toBe('changes');
    const bundle = readBundle(join(work, 'plans-1', STACK));
    expect(bundle.hasChanges).toBe(true);
    expect(Object.keys(bundle.stackFiles).sort()).toEqual(['.terraform.lock.hcl', 'cdk.tf.json']);
    expect(readFileSync(join(work, 'plans-1', STACK, 'stack', '.terraform.lock.hcl'), 'utf8')).toContain(
      'provider "registry.terraform.io/hashicorp/aws"',
    );

    const start = Date.now();
    const result = await applyPlan({ stack: STACK, planFile: planFile('plans-1'), env: AWS_ENV, log: quiet });
    timings.push(`apply plans-1: ${Date.now() - start} ms`);
    expect(result.result).toBe('applied');
    expect(await marker()).toBe('v1');
  });

  it('refuses a plan made before the state changed: stale, nothing applied, the re-plan path', async () => {
    synthesizeStack('v2');
    await plan('plans-2'); // reviewed and approved ...
    synthesizeStack('v3');
    await plan('plans-3');
    // ... but another deploy got there first.
    expect(
      (await applyPlan({ stack: STACK, planFile: planFile('plans-3'), env: AWS_ENV, log: quiet })).result,
    ).toBe('applied');
    const serial = (await state()).serial;

    const err = await applyPlan({
      stack: STACK,
      planFile: planFile('plans-2'),
      env: AWS_ENV,
      log: quiet,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StalePlanError);
    expect((err as StalePlanError).output).toContain('Saved plan is stale');
    expect((err as Error).message).toContain('re-run this workflow run ("Re-run all jobs")');
    expect(await marker()).toBe('v3');
    expect((await state()).serial).toBe(serial);

    // The command the apply job runs: exit code 3 and the reason in the job summary.
    const summaryFile = join(work, 'step-summary.md');
    // Asynchronously: the emulators' idle connections must not go stale in a blocked event loop.
    const cli = await runCli(['review/apply-cli.ts', STACK, '--plan', planFile('plans-2')], {
      ...AWS_ENV,
      GITHUB_STEP_SUMMARY: summaryFile,
    });
    expect(cli.status).toBe(3);
    expect(cli.stderr).toContain('The plan of mlmon-dev is stale');
    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary).toContain('⚠️ **Stale plan: nothing was applied.**');
    expect(summary).toContain(
      `| Plan file SHA-256 | \`${readBundle(join(work, 'plans-2', STACK)).planSha256}\` |`,
    );
    expect(await marker()).toBe('v3');
  });

  it('skips a plan without changes: no apply, the state untouched', async () => {
    // The configuration is v3, as applied: nothing to do.
    const none = await plan('plans-4');
    expect(none.summary.status).toBe('no-changes');
    const serial = (await state()).serial;
    const result = await applyPlan({ stack: STACK, planFile: planFile('plans-4'), env: AWS_ENV, log: quiet });
    expect(result).toMatchObject({ result: 'skipped', reason: 'the plan has no changes' });
    expect((await state()).serial).toBe(serial);
    // Timings of the Terraform steps, for the report (printed only when asked for).
    if (process.env.MLMON_TEST_TIMINGS) process.stdout.write(`${timings.join('\n')}\n`);
  });
});
