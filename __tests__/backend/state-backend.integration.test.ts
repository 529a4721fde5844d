/**
 * The state backend against real Terraform: the S3 backend code of Terraform itself and the
 * hashicorp/aws provider, talking to S3- and DynamoDB-compatible servers on 127.0.0.1 (s3rver and
 * dynalite, see __tests__/support/emulators.ts), configured through the project's own custom
 * endpoint settings (MLMON_STATE_S3_ENDPOINT, ...).
 *
 * What runs, in order (later steps use the bucket and table of the first):
 * 1. the bootstrap stack creates the state bucket and the lock table through the AWS provider;
 * 2. it migrates its own state from the local file into its bucket (`terraform init -migrate-state`);
 * 3. for every environment stack, the backend block the project generates holds that stack's state
 *    under its own key, refuses a second operation while the first holds the lock, and releases it;
 *    the stacks don't share state;
 * 4. the S3-native lock (`use_lockfile`) and the DynamoDB -> lockfile migration, on an S3 endpoint
 *    that enforces `If-None-Match: *`, and what happens on one that doesn't (s3rver as shipped).
 *
 * The environment stacks' own resources need AWS APIs the servers don't have, so each stack's
 * synthesized backend block is applied with `terraform_data` resources (no provider) instead.
 * EMULATOR_GAPS below lists what the servers lack and what the test does about it; docs/
 * state-backend.md says what this proves and what it doesn't.
 */
import { PolicySuppressions } from '../../modules/policy';
import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Backend } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { StateBackendBootstrapStack } from '../../backend/bootstrap-stack';
import { applyAwsProviderEndpointOverrides } from '../../backend/endpoints';
import { resolveStateBackendSettings, StateBackendSettings } from '../../backend/settings';
import { configureBootstrapStateBackend } from '../../backend/state-backend';
import { buildApp } from '../../main';
import { REPO_ROOT, runTerraform, TerraformResult, terraformEnv } from '../../review/terraform';
import {
  createBucket,
  dynamodbCall,
  EMULATOR_CREDENTIALS,
  Emulators,
  getObjectText,
  listObjectKeys,
  scanStringItems,
  startEmulators,
} from '../support/emulators';
import { describeWithTerraform } from '../support/terraform-gate';

const BOOTSTRAP = 'mlmon-bootstrap';
const ENV_STACKS = ['mlmon-dev', 'mlmon-staging', 'mlmon-prod'] as const;
/** The lock is held at most this long, whatever happens to the test. */
const HOLD_LIMIT_SECONDS = 60;

/**
 * What the emulators lack that the bootstrap stack uses, and what the test does about it. The
 * bucket and the table themselves are created by the AWS provider, with the calls a first
 * `cdktf deploy mlmon-bootstrap` makes (CreateBucket, CreateTable, TagResource, Describe*).
 */
const EMULATOR_GAPS = [
  {
    server: 's3rver',
    api: 'PutBucketTagging',
    affects: 'bucket tags (Name, default tags)',
    done: 'tags removed for the test',
  },
  {
    server: 's3rver',
    api: 'PutBucketVersioning, PutBucketEncryption, PutPublicAccessBlock, PutBucketOwnershipControls, PutBucketLifecycleConfiguration, PutBucketPolicy',
    affects: 'versioning, default encryption, public-access block, ownership, lifecycle, TLS-only policy',
    done: 'not applied (apply targets the bucket and the table); covered by synth tests only',
  },
  {
    server: 'dynalite',
    api: 'UpdateContinuousBackups',
    affects: 'point-in-time recovery of the table',
    done: 'PITR off for the test',
  },
  {
    server: 'dynalite',
    api: 'enforcement of SSESpecification and DeletionProtectionEnabled (accepted, ignored)',
    affects: 'table encryption and deletion protection',
    done: 'sent as configured; not verified',
  },
  {
    server: 's3rver',
    api: 'If-None-Match on PutObject',
    affects: 'use_lockfile exclusion',
    done: 'enforced by the emulator layer (conditionalWrites)',
  },
] as const;

type Env = Record<string, string>;

interface StateFile {
  readonly lineage: string;
  readonly serial: number;
  readonly outputs: Record<string, unknown>;
  readonly resources: ReadonlyArray<{
    readonly type: string;
    readonly name: string;
    readonly instances: ReadonlyArray<{ readonly attributes: Record<string, unknown> }>;
  }>;
}

interface SynthesizedStack {
  readonly terraform: { readonly backend: Record<string, Record<string, unknown>> };
}

/** The project's backend settings, as environment variables, pointed at the emulators. */
function backendEnv(emulators: Pick<Emulators, 's3Endpoint' | 'dynamodbEndpoint'>, extra: Env = {}): Env {
  return {
    MLMON_STATE_S3_ENDPOINT: emulators.s3Endpoint,
    MLMON_STATE_DYNAMODB_ENDPOINT: emulators.dynamodbEndpoint,
    MLMON_STATE_USE_PATH_STYLE: 'true',
    MLMON_STATE_SKIP_AWS_CHECKS: 'true',
    ...extra,
  };
}

/** The context of cdktf.json, as the cdktf CLI passes it to the app. */
function projectContext(): Record<string, unknown> {
  const cdktf = JSON.parse(readFileSync(join(REPO_ROOT, 'cdktf.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdktf.context ?? {};
}

/**
 * Synthesizes the project's App (main.ts `buildApp`, as `cdktf synth` does) with `productEnv` as
 * its environment, into `<root>/cdktf.out`; the bootstrap stack's local state file is
 * `<root>/terraform.mlmon-bootstrap.tfstate`.
 */
function synthProject(root: string, productEnv: Env): { stackDir: (name: string) => string } {
  const outdir = join(root, 'cdktf.out');
  mkdirSync(outdir, { recursive: true });
  const context = projectContext();
  // The policy pack's report (the emulator suppressions) is not this test's subject: kept quiet.
  const app = buildApp({ outdir, env: productEnv, context, policyLog: () => undefined });
  const settings = resolveStateBackendSettings((key) => context[key], productEnv);
  adaptBootstrapToEmulators(app.node.findChild(BOOTSTRAP) as StateBackendBootstrapStack, settings);
  app.synth();
  return { stackDir: (name) => join(outdir, 'stacks', name) };
}

/** Applies the product options the bootstrap stack needs here, then works around EMULATOR_GAPS. */
function adaptBootstrapToEmulators(stack: StateBackendBootstrapStack, settings: StateBackendSettings): void {
  const provider = stack.node.findChild('aws') as AwsProvider;
  // The provider goes where the backend goes: the product's endpoint options, applied unless the
  // stack already passes them to its provider.
  if (provider.endpoints === undefined) applyAwsProviderEndpointOverrides(provider, settings);
  // The bootstrap state backend option (local file, or its own bucket after migration), applied
  // unless the stack already builds its backend from the settings.
  const backend = stack.node.tryFindChild('backend');
  if (settings.bootstrapStateBackend === 's3' && !(backend instanceof S3Backend)) {
    stack.node.tryRemoveChild('backend');
    configureBootstrapStateBackend(stack, settings, `../../../terraform.${BOOTSTRAP}.tfstate`);
  }
  provider.resetDefaultTags();
  stack.stateBucket.bucket.resetTags();
  stack.accessLogBucket.bucket.resetTags();
  stack.lockTable.table.putPointInTimeRecovery({ enabled: false });
  PolicySuppressions.add(stack.lockTable, [
    {
      id: 'MLM-DDB-001',
      reason: 'dynalite has no UpdateContinuousBackups API, so PITR is off against the emulator',
    },
  ]);
}

/** The environment for Terraform: the emulator credentials and nothing from the caller's AWS setup. */
const AWS_ENV: Env = {
  AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
  AWS_SESSION_TOKEN: '',
  AWS_PROFILE: '',
  AWS_DEFAULT_PROFILE: '',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
};

function tf(args: string[], dir: string, timeoutMs = 120_000): TerraformResult {
  return runTerraform([...args, '-no-color'], dir, AWS_ENV, timeoutMs);
}

function expectOk(result: TerraformResult, what: string): void {
  expect({
    what,
    status: result.status,
    output: result.status === 0 ? '' : result.stderr + result.stdout,
  }).toEqual({
    what,
    status: 0,
    output: '',
  });
}

/**
 * A Terraform working directory for one stack: its synthesized backend block, exactly, plus a
 * `marker` naming the stack and a `lock_holder` whose creation waits for a release file (so an
 * apply holds the lock until the test lets go, and never longer than HOLD_LIMIT_SECONDS).
 */
function writeStackWorkdir(
  dir: string,
  backend: SynthesizedStack['terraform']['backend'],
  stackName: string,
): void {
  mkdirSync(dir, { recursive: true });
  const wait =
    `[ -z '\${var.release_file}' ] || { i=0; while [ ! -e '\${var.release_file}' ] && [ $i -lt ${HOLD_LIMIT_SECONDS * 10} ]; ` +
    'do sleep 0.1; i=$((i+1)); done; }';
  const config = {
    terraform: { backend },
    variable: { release_file: { type: 'string', default: '' } },
    resource: {
      terraform_data: {
        marker: { input: stackName },
        lock_holder: {
          triggers_replace: ['${var.release_file}'],
          provisioner: [{ 'local-exec': { command: wait } }],
        },
      },
    },
  };
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(config, null, 2));
}

function synthesizedBackend(stackDir: string): SynthesizedStack['terraform']['backend'] {
  return (JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as SynthesizedStack).terraform
    .backend;
}

/** A running `terraform apply` that holds the state lock until {@link LockHolder.release}. */
interface LockHolder {
  /** The file whose creation ends the hold; it is the `release_file` variable of that apply. */
  readonly releaseFile: string;
  /** Why the apply is no longer holding anything (it exited before release), or undefined. */
  gone(): string | undefined;
  release(): Promise<TerraformResult>;
}

function holdLock(dir: string): LockHolder {
  const releaseFile = join(dir, `release-${Date.now()}`);
  const start = Date.now();
  const child: ChildProcess = spawn(
    'terraform',
    [
      `-chdir=${dir}`,
      'apply',
      '-auto-approve',
      '-input=false',
      '-no-color',
      '-var',
      `release_file=${releaseFile}`,
    ],
    { env: terraformEnv({ TF_INPUT: '0', ...AWS_ENV }), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  let exitedEarly: string | undefined;
  const exited = new Promise<TerraformResult>((resolve) => {
    child.once('exit', (code) => {
      exitedEarly ??= `the lock-holding apply exited (${code}) before release:\n${stderr}${stdout}`;
      resolve({ status: code ?? 1, stdout, stderr, ms: Date.now() - start });
    });
  });
  return {
    releaseFile,
    gone: () => exitedEarly,
    release: async () => {
      exitedEarly ??= 'released';
      writeFileSync(releaseFile, '');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<TerraformResult>((resolve) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve({
            status: -1,
            stdout,
            stderr: `${stderr}\n(killed: still running 60 s after release)`,
            ms: Date.now() - start,
          });
        }, 60_000);
      });
      try {
        return await Promise.race([exited, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Polls `probe` every 100 ms until it returns a value while `holder` still holds, for at most
 * `timeoutMs`.
 */
async function waitFor<T>(
  what: string,
  holder: LockHolder,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    const gone = holder.gone();
    if (gone !== undefined) throw new Error(`waiting for ${what}: ${gone}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

describeWithTerraform('state backend on S3- and DynamoDB-compatible servers (real Terraform)', () => {
  let emulators: Emulators;
  let work: string;
  let settings: StateBackendSettings;
  const started = Date.now();

  const state = async (key: string): Promise<StateFile | undefined> => {
    const body = await getObjectText(emulators.s3Endpoint, settings.bucket, key);
    return body === undefined ? undefined : (JSON.parse(body) as StateFile);
  };
  const lockItems = async (): Promise<Record<string, string>[]> =>
    (await scanStringItems(emulators.dynamodbEndpoint, settings.lockTable)).filter(
      (i) => !i.LockID.endsWith('-md5'),
    );
  const lockItem = async (lockId: string): Promise<Record<string, string> | undefined> =>
    (await lockItems()).find((i) => i.LockID === lockId);

  /** The project, synthesized once with the backend pointed at the emulators. */
  let project: { stackDir: (name: string) => string };
  const projectRoot = (): string => join(work, 'project');
  /** Each environment stack's backend block, as first synthesized. */
  const envBackends = new Map<string, SynthesizedStack['terraform']['backend']>();

  beforeAll(async () => {
    emulators = await startEmulators();
    work = mkdtempSync(join(tmpdir(), 'mlmon-state-backend-'));
    const context = projectContext();
    settings = resolveStateBackendSettings((key) => context[key], backendEnv(emulators));
    project = synthProject(projectRoot(), backendEnv(emulators));
    for (const name of ENV_STACKS) envBackends.set(name, synthesizedBackend(project.stackDir(name)));
  });

  afterAll(async () => {
    await emulators?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
    const gaps = EMULATOR_GAPS.map((g) => `  - ${g.server} lacks ${g.api} (${g.affects}): ${g.done}`);
    // A passing run prints only the jest summary; MLMON_TEST_VERBOSE=1 shows the timing and the gaps.
    if (process.env.MLMON_TEST_VERBOSE)
      console.log(
        `state backend integration: ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
          `Not proven against the emulators (see docs/state-backend.md):\n${gaps.join('\n')}`,
      );
  });

  describe('bootstrap stack', () => {
    const localState = (): string => join(projectRoot(), `terraform.${BOOTSTRAP}.tfstate`);
    let bucketAddress = '';
    let tableAddress = '';

    it('creates the state bucket and the lock table through the AWS provider, on local state', async () => {
      const dir = project.stackDir(BOOTSTRAP);
      const json = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')) as {
        resource: Record<string, Record<string, unknown>>;
      };
      // The state bucket itself (the bootstrap stack also has its access-log bucket).
      const stateBucketId = Object.keys(json.resource.aws_s3_bucket).find((id) =>
        id.startsWith('state-bucket'),
      );
      bucketAddress = `aws_s3_bucket.${stateBucketId}`;
      tableAddress = `aws_dynamodb_table.${Object.keys(json.resource.aws_dynamodb_table)[0]}`;

      expectOk(tf(['init', '-input=false'], dir), 'init');
      expectOk(
        tf(
          ['apply', '-auto-approve', '-input=false', `-target=${bucketAddress}`, `-target=${tableAddress}`],
          dir,
        ),
        'apply',
      );

      expect(await listObjectKeys(emulators.s3Endpoint, settings.bucket)).toEqual([]);
      const table = await dynamodbCall<{
        Table: { TableName: string; KeySchema: unknown; AttributeDefinitions: unknown };
      }>(emulators.dynamodbEndpoint, 'DescribeTable', { TableName: settings.lockTable });
      expect(table.Table).toEqual(
        expect.objectContaining({
          TableName: settings.lockTable,
          KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
        }),
      );
      const local = JSON.parse(readFileSync(localState(), 'utf8')) as StateFile;
      expect(local.resources.map((r) => `${r.type}.${r.name}`).sort()).toEqual(
        [tableAddress, bucketAddress].sort(),
      );
    });

    it('migrates its own state from the local file into its bucket with terraform init -migrate-state', async () => {
      const local = JSON.parse(readFileSync(localState(), 'utf8')) as StateFile;
      // What a user does: set the bootstrap state backend to s3, synthesize again, migrate.
      const dir = synthProject(
        projectRoot(),
        backendEnv(emulators, { MLMON_STATE_BOOTSTRAP_BACKEND: 's3', MLMON_ENVIRONMENTS: 'dev' }),
      ).stackDir(BOOTSTRAP);
      expect(synthesizedBackend(dir).s3).toEqual(
        expect.objectContaining({ key: `${BOOTSTRAP}/terraform.tfstate` }),
      );

      const init = tf(['init', '-input=false', '-migrate-state', '-force-copy'], dir);
      expectOk(init, 'init -migrate-state');
      expect(init.stdout).toContain('Successfully configured the backend "s3"');

      const body = await getObjectText(
        emulators.s3Endpoint,
        settings.bucket,
        `${BOOTSTRAP}/terraform.tfstate`,
      );
      expect(body).toBeDefined();
      const migrated = JSON.parse(body as string) as StateFile;
      // Terraform writes the copy as a new state (new lineage, serial 1) with the same contents.
      expect({ resources: migrated.resources, outputs: migrated.outputs }).toEqual({
        resources: local.resources,
        outputs: local.outputs,
      });
      expect(migrated.resources.map((r) => `${r.type}.${r.name}`).sort()).toEqual(
        [tableAddress, bucketAddress].sort(),
      );
      // The digest Terraform checks on every read under DynamoDB locking matches the object.
      const items = await scanStringItems(emulators.dynamodbEndpoint, settings.lockTable);
      expect(items).toContainEqual({
        LockID: `${settings.bucket}/${BOOTSTRAP}/terraform.tfstate-md5`,
        Digest: md5(body as string),
      });
      expect(await lockItems()).toEqual([]);

      // From now on Terraform reads this stack's state from the bucket.
      const list = tf(['state', 'list'], dir);
      expectOk(list, 'state list');
      expect(list.stdout.trim().split('\n').sort()).toEqual([tableAddress, bucketAddress].sort());
    });
  });

  describe.each(ENV_STACKS)('%s', (stackName) => {
    const dir = (): string => join(work, 'environments', stackName);
    const key = `${stackName}/terraform.tfstate`;

    it('keeps its state in the bucket under its own key', async () => {
      const backend = envBackends.get(stackName);
      expect(backend?.s3).toEqual(expect.objectContaining({ key, dynamodb_table: settings.lockTable }));
      writeStackWorkdir(dir(), backend ?? {}, stackName);
      expectOk(tf(['init', '-input=false'], dir()), 'init');
      expectOk(tf(['apply', '-auto-approve', '-input=false'], dir()), 'apply');

      const written = await state(key);
      const marker = written?.resources.find((r) => r.type === 'terraform_data' && r.name === 'marker');
      expect(marker?.instances[0].attributes.input).toEqual({ type: 'string', value: stackName });
    });

    it('refuses a second operation while the first holds the lock, and releases the lock afterwards', async () => {
      const lockId = `${settings.bucket}/${key}`;
      const holder = holdLock(dir());
      let released: TerraformResult | undefined;
      try {
        const item = await waitFor(`the DynamoDB lock item ${lockId}`, holder, () => lockItem(lockId));
        const info = JSON.parse(item.Info) as { ID: string; Operation: string; Path: string };
        expect({ operation: info.Operation, path: info.Path }).toEqual({
          operation: 'OperationTypeApply',
          path: lockId,
        });

        const second = tf(['plan', '-input=false', '-lock-timeout=0s'], dir());
        expect(second.status).not.toBe(0);
        expect(second.stderr).toContain('Error acquiring the state lock');
        expect(second.stderr).toContain('ConditionalCheckFailedException');
        expect(second.stderr).toContain(`ID:        ${info.ID}`);
      } finally {
        released = await holder.release();
      }
      expectOk(released, 'the lock-holding apply');
      expect(await lockItem(lockId)).toBeUndefined();
      // The lock is free and the holder's state was written: a locked plan finds nothing to do.
      const after = tf(
        [
          'plan',
          '-input=false',
          '-lock-timeout=0s',
          '-detailed-exitcode',
          `-var=release_file=${holder.releaseFile}`,
        ],
        dir(),
      );
      expectOk(after, 'plan after release');
    });
  });

  it("gives every stack its own state: no stack reads or writes another stack's key", async () => {
    const keys = await listObjectKeys(emulators.s3Endpoint, settings.bucket);
    expect(keys).toEqual([BOOTSTRAP, ...ENV_STACKS].map((s) => `${s}/terraform.tfstate`).sort());
    const states = await Promise.all(ENV_STACKS.map((s) => state(`${s}/terraform.tfstate`)));
    const markers = states.map(
      (s) =>
        (s?.resources.find((r) => r.name === 'marker')?.instances[0].attributes.input as { value: string })
          ?.value,
    );
    expect(markers).toEqual([...ENV_STACKS]);
    expect(new Set(states.map((s) => s?.lineage)).size).toBe(ENV_STACKS.length);
    const digests = (await scanStringItems(emulators.dynamodbEndpoint, settings.lockTable))
      .map((i) => i.LockID)
      .sort();
    expect(digests).toEqual(
      [BOOTSTRAP, ...ENV_STACKS].map((s) => `${settings.bucket}/${s}/terraform.tfstate-md5`).sort(),
    );
  });

  describe('S3-native lock (use_lockfile)', () => {
    it('locks with a lock object the S3 server creates only if absent, and deletes it afterwards', async () => {
      expect(emulators.conditionalWrites).toBe(true);
      const prefix = 'lock-modes/lockfile/';
      const project = synthProject(
        join(work, 'lockfile-synth'),
        backendEnv(emulators, {
          MLMON_STATE_LOCKING: 'lockfile',
          MLMON_STATE_KEY_PREFIX: prefix,
          MLMON_ENVIRONMENTS: 'dev',
        }),
      );
      const dir = join(work, 'lockfile');
      const backend = synthesizedBackend(project.stackDir('mlmon-dev'));
      expect(backend.s3).toEqual(expect.objectContaining({ use_lockfile: true }));
      expect(backend.s3.dynamodb_table).toBeUndefined();
      writeStackWorkdir(dir, backend, 'mlmon-dev');
      expectOk(tf(['init', '-input=false'], dir), 'init');
      expectOk(tf(['apply', '-auto-approve', '-input=false'], dir), 'apply');

      const key = `${prefix}mlmon-dev/terraform.tfstate`;
      const holder = holdLock(dir);
      let released: TerraformResult | undefined;
      try {
        const lockObject = await waitFor(`the lock object ${key}.tflock`, holder, () =>
          getObjectText(emulators.s3Endpoint, settings.bucket, `${key}.tflock`),
        );
        const info = JSON.parse(lockObject) as { ID: string; Operation: string; Path: string };
        expect({ operation: info.Operation, path: info.Path }).toEqual({
          operation: 'OperationTypeApply',
          path: `${settings.bucket}/${key}`,
        });
        expect(await lockItems()).toEqual([]);

        const second = tf(['plan', '-input=false', '-lock-timeout=0s'], dir);
        expect(second.status).not.toBe(0);
        expect(second.stderr).toContain('Error acquiring the state lock');
        expect(second.stderr).toContain('PreconditionFailed');
        expect(second.stderr).toContain(`ID:        ${info.ID}`);
      } finally {
        released = await holder.release();
      }
      expectOk(released, 'the lock-holding apply');
      expect(await getObjectText(emulators.s3Endpoint, settings.bucket, `${key}.tflock`)).toBeUndefined();
      expect((await state(key))?.resources.map((r) => r.name).sort()).toEqual(['lock_holder', 'marker']);
    });

    it('migrates from DynamoDB locking through both locks to the lockfile alone, keeping the state', async () => {
      const prefix = 'lock-modes/migration/';
      const key = `${prefix}mlmon-dev/terraform.tfstate`;
      const lockId = `${settings.bucket}/${key}`;
      const dir = join(work, 'migration');
      const workdirFor = (locking: string): void => {
        const project = synthProject(
          join(work, `migration-synth-${locking}`),
          backendEnv(emulators, {
            MLMON_STATE_LOCKING: locking,
            MLMON_STATE_KEY_PREFIX: prefix,
            MLMON_ENVIRONMENTS: 'dev',
          }),
        );
        writeStackWorkdir(dir, synthesizedBackend(project.stackDir('mlmon-dev')), 'mlmon-dev');
      };

      workdirFor('dynamodb');
      expectOk(tf(['init', '-input=false'], dir), 'init (dynamodb)');
      expectOk(tf(['apply', '-auto-approve', '-input=false'], dir), 'apply (dynamodb)');
      const lineage = (await state(key))?.lineage;

      // Step 1: both locks. Every Terraform that still uses the table is excluded, and so is every
      // one that already uses the lock object.
      workdirFor('both');
      expectOk(tf(['init', '-input=false', '-reconfigure'], dir), 'init (both)');
      const holder = holdLock(dir);
      let released: TerraformResult | undefined;
      try {
        await waitFor('the lock object and the DynamoDB lock item', holder, async () =>
          (await getObjectText(emulators.s3Endpoint, settings.bucket, `${key}.tflock`)) !== undefined &&
          (await lockItem(lockId)) !== undefined
            ? true
            : undefined,
        );
        const second = tf(['plan', '-input=false', '-lock-timeout=0s'], dir);
        expect(second.status).not.toBe(0);
        expect(second.stderr).toContain('Error acquiring the state lock');
      } finally {
        released = await holder.release();
      }
      expectOk(released, 'the lock-holding apply (both)');
      expect(await getObjectText(emulators.s3Endpoint, settings.bucket, `${key}.tflock`)).toBeUndefined();
      expect(await lockItem(lockId)).toBeUndefined();

      // Step 2: the lockfile alone reads the same state and finds nothing to change.
      workdirFor('lockfile');
      expectOk(tf(['init', '-input=false', '-reconfigure'], dir), 'init (lockfile)');
      expectOk(
        tf(
          [
            'plan',
            '-input=false',
            '-lock-timeout=0s',
            '-detailed-exitcode',
            `-var=release_file=${holder.releaseFile}`,
          ],
          dir,
        ),
        'plan (lockfile)',
      );
      expect((await state(key))?.lineage).toBe(lineage);
    });

    it('does not exclude a second writer on an S3 server that ignores If-None-Match (s3rver as shipped)', async () => {
      const plain = await startEmulators({ conditionalWrites: false });
      try {
        expect(plain.conditionalWrites).toBe(false);
        await createBucket(plain.s3Endpoint, settings.bucket);
        const project = synthProject(
          join(work, 'plain-synth'),
          backendEnv(plain, { MLMON_STATE_LOCKING: 'lockfile', MLMON_ENVIRONMENTS: 'dev' }),
        );
        const dir = join(work, 'plain');
        writeStackWorkdir(dir, synthesizedBackend(project.stackDir('mlmon-dev')), 'mlmon-dev');
        expectOk(tf(['init', '-input=false'], dir), 'init');
        expectOk(tf(['apply', '-auto-approve', '-input=false'], dir), 'apply');

        const holder = holdLock(dir);
        let released: TerraformResult | undefined;
        try {
          await waitFor('the lock object', holder, () =>
            getObjectText(plain.s3Endpoint, settings.bucket, 'mlmon-dev/terraform.tfstate.tflock'),
          );
          // The lock object is there, and yet the second operation gets the "lock": the lock only
          // excludes as far as the server enforces the conditional write.
          expectOk(
            tf(['plan', '-input=false', '-lock-timeout=0s'], dir),
            'second plan while the lock object exists',
          );
        } finally {
          released = await holder.release();
        }
        // ... having overwritten the first one's lock object and deleted it when it finished.
        expect(released.stderr).toContain('Error releasing the state lock');
        expect(released.stderr).toContain('NoSuchKey');
      } finally {
        await plain.stop();
      }
    });
  });
});
