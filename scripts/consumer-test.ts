/**
 * The package as another team gets it. Packs the repository (`npm pack`, which builds lib/ in
 * `prepack`), checks what the tarball holds, installs it beside the pinned peers in a fresh
 * temporary project, and there:
 *
 *   1. runs a plain JavaScript app (no TypeScript loader) that imports the subpaths, builds a VPC,
 *      a SecureBucket with its defaults and the policy pack, synthesizes it, and passes
 *      `terraform init` + `validate` (provider from MLMON_TF_PROVIDER_MIRROR when set);
 *   2. runs the same app with a raw, insecure `S3Bucket`: synth must fail through the policy pack;
 *   3. type-checks a small TypeScript consumer against the shipped `.d.ts` (`tsc --noEmit`, with
 *      `moduleResolution` node10, as `cdktf init` projects have, and node16);
 *   4. installs the repository as a link instead (what `npm link` does): synth must fail loudly
 *      with the duplicate-cdktf error, not pass with the policy pack silently off.
 *
 * Removes the temporary project and the tarball, and prints timings. Run by `.ci/run` after
 * `npm test`; locally: `npm run test:consumer` (needs network or a warm npm cache, and Terraform).
 */
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTerraform } from '../review/terraform';
import { entryPoints } from './package-exports';

const REPO_ROOT = join(__dirname, '..');
/** The peers the package is built against (package.json devDependencies). */
const PEERS = ['cdktf@0.21.0', 'constructs@10.4.2', '@cdktf/provider-aws@20.1.0'];
const PACKAGE = '@ml-platform/cdktf-aws';

const timings: [string, number][] = [];
function timed<T>(label: string, fn: () => T): T {
  const start = Date.now();
  try {
    return fn();
  } finally {
    timings.push([label, Date.now() - start]);
  }
}

function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): SpawnSyncReturns<string> {
  return spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
}

function must(r: SpawnSyncReturns<string>, what: string): string {
  if (r.status !== 0) {
    throw new Error(
      `${what} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}${r.error ? String(r.error) : ''}`,
    );
  }
  return r.stdout;
}

interface PackResult {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly { path: string }[];
}

/** What the tarball must and must not hold. */
export function tarballProblems(
  files: readonly string[],
  subpaths: Readonly<Record<string, string>>,
): string[] {
  const problems: string[] = [];
  const has = new Set(files);
  for (const f of [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'lib/modules/index.js',
    'lib/modules/index.d.ts',
  ]) {
    if (!has.has(f)) problems.push(`missing ${f}`);
  }
  for (const [subpath, dir] of Object.entries(subpaths)) {
    for (const ext of ['js', 'd.ts']) {
      if (!has.has(`lib/${dir}/index.${ext}`))
        problems.push(`missing lib/${dir}/index.${ext} (${PACKAGE}/${subpath})`);
    }
  }
  const forbidden = files.filter(
    (f) =>
      /(^|\/)__tests__\//.test(f) ||
      /\.test\.(js|ts|d\.ts)$/.test(f) ||
      /^(bench|stacks|review|scripts|examples|docs|\.github|\.ci)\//.test(f) ||
      (/\.ts$/.test(f) && !/\.d\.ts$/.test(f)) ||
      /(^|\/)fixtures\//.test(f),
  );
  for (const f of forbidden) problems.push(`ships ${f}`);
  return problems;
}

const APP_JS = `// A consumer's CDKTF app in plain JavaScript, using the package's entry points.
const { App, TerraformStack } = require('cdktf');
const { AwsProvider } = require('@cdktf/provider-aws/lib/provider');
const { S3Bucket } = require('@cdktf/provider-aws/lib/s3-bucket');
const { Vpc } = require('${PACKAGE}/vpc');
const { SecureBucket } = require('${PACKAGE}/s3');
const { applyPolicyPack } = require('${PACKAGE}/policy');
const root = require('${PACKAGE}');

if (root.vpc.Vpc !== Vpc) throw new Error('the root namespace and the subpath disagree');
try {
  require('${PACKAGE}/lib/modules/s3/secure-bucket');
  throw new Error('a deep import into the build resolved; only the entry points may');
} catch (e) {
  if (e.code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw e;
}

const app = new App({ outdir: process.argv[2] });
const stack = new TerraformStack(app, 'consumer');
new AwsProvider(stack, 'aws', { region: 'us-east-1' });
new Vpc(stack, 'network', {
  name: 'consumer',
  cidrBlock: '10.0.0.0/16',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  natGateways: 'single',
});
new SecureBucket(stack, 'data', { bucketName: 'consumer-example-data-us-east-1' });
if (process.env.CONSUMER_INSECURE === '1') {
  new S3Bucket(stack, 'raw', { bucket: 'consumer-example-raw-us-east-1' });
}
applyPolicyPack(stack);
try {
  app.synth();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
`;

const CONSUMER_TS = `// A consumer's TypeScript, type-checked against the shipped .d.ts only.
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Vpc, VpcProps, NatGatewayMode } from '${PACKAGE}/vpc';
import { SecureBucket, SecureBucketProps } from '${PACKAGE}/s3';
import { SecurityGroup } from '${PACKAGE}/security-group';
import { Role, S3_ACTIONS } from '${PACKAGE}/iam';
import { AlarmTopic, LogGroup } from '${PACKAGE}/monitoring';
import { applyPolicyPack, PolicySuppressions, ALL_RULES, PolicyRule } from '${PACKAGE}/policy';
import { Validator, ValidationError, DuplicateCdktfError } from '${PACKAGE}/core';
import { StateBackendSettings, configureStateBackend } from '${PACKAGE}/backend';
import { s3, vpc } from '${PACKAGE}';

const nat: NatGatewayMode = 'perAz';
const vpcProps: VpcProps = { name: 'orders-dev', cidrBlock: '10.1.0.0/16', availabilityZones: ['us-east-1a'], natGateways: nat };
const bucketProps: SecureBucketProps = { bucketName: 'orders-dev-data', accessLogging: { createLogBucket: true, expirationInDays: 30 } };
const settings: StateBackendSettings = { bucket: 'orders-state', lockTable: 'orders-locks', region: 'us-east-1', keyPrefix: '', locking: 'lockfile' };

const app = new App();
const stack = new TerraformStack(app, 'orders-dev');
new AwsProvider(stack, 'aws', { region: 'us-east-1' });
configureStateBackend(stack, settings);
const network: vpc.Vpc = new Vpc(stack, 'network', vpcProps);
const bucket: s3.SecureBucket = new SecureBucket(stack, 'data', bucketProps);
const sg = new SecurityGroup(stack, 'api', { name: 'orders-dev-api', vpcId: network.vpcId, description: 'Orders API' });
const role = new Role(stack, 'task', { name: 'orders-dev-task', assumedBy: ['ecs-tasks.amazonaws.com'] });
bucket.grantRead(role, 'models/');
new LogGroup(stack, 'logs', { name: '/orders/dev/api' }).grantWrite(role);
new AlarmTopic(stack, 'alarms', { topicName: 'orders-dev-alarms', emails: ['oncall@example.com'] }).grantPublish(role);
PolicySuppressions.add(sg, [{ id: 'MLM-SG-005', reason: 'Example of a suppression with a written reason.' }]);
const rules: readonly PolicyRule[] = ALL_RULES;
applyPolicyPack(stack, { rules });
const actions: readonly string[] = S3_ACTIONS.readObjects;
const v = new Validator('example');
const e: Error = new ValidationError('example', []);
const d: typeof DuplicateCdktfError = DuplicateCdktfError;
void [actions, v, e, d];
app.synth();
`;

function tsconfig(moduleResolution: 'node10' | 'node16'): string {
  return JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: moduleResolution === 'node16' ? 'node16' : 'commonjs',
        moduleResolution,
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
        lib: ['ES2022'],
      },
      files: ['consumer.ts'],
    },
    null,
    2,
  );
}

function main(): void {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'consumer-test-'));
  try {
    // 1. Pack (prepack builds lib/), and look inside.
    const pack = timed('npm pack (build + pack)', () =>
      JSON.parse(must(run('npm', ['pack', '--json', '--pack-destination', work], REPO_ROOT), 'npm pack')),
    ) as PackResult[];
    const tarball = join(work, pack[0].filename);
    const files = pack[0].files.map((f) => f.path);
    const problems = tarballProblems(files, entryPoints());
    if (problems.length > 0) throw new Error(`The tarball is wrong:\n  ${problems.join('\n  ')}`);
    console.log(
      `tarball ${pack[0].filename}: ${files.length} files, ${(pack[0].size / 1024).toFixed(0)} KiB packed, ` +
        `${(pack[0].unpackedSize / 1024).toFixed(0)} KiB unpacked; no tests, fixtures or sources`,
    );

    // 2. A fresh project with the tarball and the pinned peers.
    const project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, version: '0.0.0' }),
    );
    timed('npm install (tarball + peers)', () =>
      must(
        run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, ...PEERS], project),
        'npm install',
      ),
    );
    writeFileSync(join(project, 'app.js'), APP_JS);

    // 3. The secure app synthesizes and validates.
    const out = join(project, 'cdktf.out');
    const synth = timed('synth (plain JavaScript)', () => run(process.execPath, ['app.js', out], project));
    must(synth, 'synth of the secure app');
    const stackDir = join(out, 'stacks', 'consumer');
    if (!existsSync(join(stackDir, 'cdk.tf.json'))) throw new Error('synth wrote no cdk.tf.json');
    const init = timed('terraform init', () =>
      runTerraform(['init', '-input=false', '-no-color', '-backend=false'], stackDir),
    );
    if (init.status !== 0) throw new Error(`terraform init failed:\n${init.stderr || init.stdout}`);
    const validate = timed('terraform validate', () => runTerraform(['validate', '-no-color'], stackDir));
    if (validate.status !== 0)
      throw new Error(`terraform validate failed:\n${validate.stderr || validate.stdout}`);
    console.log('secure app: synthesized with the policy pack, terraform validate passed');

    // 4. The insecure app fails synth through the policy pack.
    const insecure = timed('synth (insecure bucket)', () =>
      run(process.execPath, ['app.js', join(project, 'insecure.out')], project, { CONSUMER_INSECURE: '1' }),
    );
    if (insecure.status === 0 || !/MLM-S3-\d{3} \[error\] consumer\/raw/.test(insecure.stderr)) {
      throw new Error(
        `the insecure app did not fail through the policy pack:\n${insecure.stdout}\n${insecure.stderr}`,
      );
    }
    const failed = [...new Set(insecure.stderr.match(/MLM-S3-\d{3}(?= \[error\] consumer\/raw)/g) ?? [])];
    console.log(`insecure app: synth failed through the policy pack (${failed.join(', ')} on consumer/raw)`);

    // 5. TypeScript against the shipped .d.ts.
    writeFileSync(join(project, 'consumer.ts'), CONSUMER_TS);
    const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    for (const resolution of ['node10', 'node16'] as const) {
      writeFileSync(join(project, `tsconfig.${resolution}.json`), tsconfig(resolution));
      timed(`tsc --noEmit (moduleResolution ${resolution})`, () =>
        must(
          run(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`], project),
          `tsc (${resolution})`,
        ),
      );
    }
    console.log('TypeScript consumer: type-checks against the .d.ts (node10 and node16 resolution)');

    // 6. A linked install (what `npm link` creates): the library loads the repository's cdktf,
    // the app its own. It must fail loudly, naming the fix.
    const linked = join(work, 'linked');
    mkdirSync(join(linked, 'node_modules', '@ml-platform'), { recursive: true });
    for (const dep of ['cdktf', 'constructs', '@cdktf']) {
      symlinkSync(join(project, 'node_modules', dep), join(linked, 'node_modules', dep), 'dir');
    }
    symlinkSync(REPO_ROOT, join(linked, 'node_modules', '@ml-platform', 'cdktf-aws'), 'dir');
    writeFileSync(join(linked, 'app.js'), APP_JS);
    const link = timed('synth (linked install)', () =>
      run(process.execPath, ['app.js', join(linked, 'out')], linked),
    );
    if (
      link.status === 0 ||
      !/Two copies of cdktf are loaded: .*Fix: install @ml-platform\/cdktf-aws as a package/.test(link.stderr)
    ) {
      throw new Error(`the linked install did not fail loudly:\n${link.stdout}\n${link.stderr}`);
    }
    const message = /Two copies of cdktf are loaded: [^.]*\./.exec(link.stderr)?.[0];
    console.log(`linked install: fails loudly ("${message} ... Fix: install ${PACKAGE} as a package ...")`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  for (const [label, ms] of timings)
    console.log(`  ${label.padEnd(40)} ${(ms / 1000).toFixed(1).padStart(6)} s`);
  console.log(`consumer test: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(`consumer test: FAILED\n${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
