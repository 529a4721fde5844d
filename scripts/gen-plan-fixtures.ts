/**
 * Regenerates the plan fixtures in `__tests__/fixtures/plans/` with real Terraform (`npm run
 * fixtures:plans`). The fixtures are outputs of this script only: never edit them by hand.
 *
 * - `create-bootstrap.json`, `create-dev.json`: offline plans of the real `mlmon-bootstrap` and
 *   `mlmon-dev` stacks from empty state, as `npm run plan` makes them (with their
 *   `*.constructs.json` address -> construct path maps).
 * - `no-change.json`, `update.json`, `replace.json`, `destroy.json`: plans of the fixture stack
 *   (scripts/lib/plan-fixture-stack.ts) against state applied to local S3 and DynamoDB emulators.
 *   `update.json` also carries drift: a table tag changed through the DynamoDB API after the apply.
 *
 * Resources and the emulators' gaps are described in scripts/lib/plan-fixture-stack.ts.
 *
 * Normalized for stable files: the plan's `timestamp`, and the emulators' random ports (endpoint
 * URLs become `http://s3.emulator.test` and `http://dynamodb.emulator.test`).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { App } from 'cdktf';
import { EMULATOR_CREDENTIALS, startEmulators } from '../__tests__/support/emulators';
import { FIXTURE_NAMES, FixtureVariant, PlanFixtureStack } from './lib/plan-fixture-stack';
import { planStack, readManifest, stateBackendOf, synthesize, terraformProblem } from '../review/plan-run';
import { REPO_ROOT, runTerraform, terraformVersion } from '../review/terraform';

const FIXTURES = join(REPO_ROOT, '__tests__', 'fixtures', 'plans');
const FIXED_TIMESTAMP = '2000-01-01T00:00:00Z';

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Stable JSON: fixed timestamp, emulator URLs without their random ports. */
function normalize(planText: string, replacements: ReadonlyArray<[string, string]> = []): string {
  let text = planText;
  for (const [from, to] of replacements) text = text.split(from).join(to);
  const plan = JSON.parse(text) as Record<string, unknown>;
  if ('timestamp' in plan) plan.timestamp = FIXED_TIMESTAMP;
  return JSON.stringify(plan, null, 1) + '\n';
}

function write(name: string, content: string): void {
  writeFileSync(join(FIXTURES, name), content);
  log(`  wrote __tests__/fixtures/plans/${name} (${(content.length / 1024).toFixed(0)} KiB)`);
}

/** Offline plans of real stacks of the app, exactly as `npm run plan` makes them. */
async function realStackFixtures(tmp: string, version: string): Promise<void> {
  const synthDir = join(tmp, 'cdktf.out');
  await synthesize({ repoRoot: REPO_ROOT, synthDir });
  const stacks = readManifest(synthDir);
  const stateBackend = stateBackendOf(synthDir, stacks);
  for (const [stackName, fixture] of [
    ['mlmon-bootstrap', 'create-bootstrap'],
    ['mlmon-dev', 'create-dev'],
  ] as const) {
    const stack = stacks.find((s) => s.name === stackName);
    if (!stack)
      throw new Error(`The app has no stack ${stackName}; it has ${stacks.map((s) => s.name).join(', ')}.`);
    const r = await planStack({
      stack,
      order: 0,
      mode: 'offline',
      synthDir,
      workRoot: join(tmp, 'work'),
      outRoot: join(tmp, 'plans'),
      terraformVersion: version,
      stateBackend,
      log,
    });
    if (r.meta.error) throw new Error(`Planning ${stackName} failed:\n${r.meta.error}`);
    write(`${fixture}.json`, normalize(readFileSync(join(r.outDir, 'plan.json'), 'utf8')));
    write(`${fixture}.constructs.json`, readFileSync(join(r.outDir, 'constructs.json'), 'utf8'));
  }
}

/** A DynamoDB API call to the emulator (dynalite checks the request shape, not the signature). */
function dynamodb(endpoint: string, target: string, body: unknown): Promise<string> {
  const url = new URL(endpoint);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/',
        headers: {
          'Content-Type': 'application/x-amz-json-1.0',
          'X-Amz-Target': `DynamoDB_20120810.${target}`,
          Authorization:
            'AWS4-HMAC-SHA256 Credential=fixture/20000101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
          'X-Amz-Date': '20000101T000000Z',
          'Content-Length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        let data = '';
        res.on('data', (c: Buffer) => (data += c.toString('utf8')));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(data)
            : reject(new Error(`${target}: HTTP ${res.statusCode} ${data}`)),
        );
      },
    );
    req.once('error', reject);
    req.end(payload);
  });
}

/** Applies the baseline fixture stack to the emulators, then plans each variant against it. */
async function emulatorFixtures(tmp: string): Promise<void> {
  const emulators = await startEmulators();
  log(`Emulators: S3 ${emulators.s3Endpoint}, DynamoDB ${emulators.dynamodbEndpoint}`);
  const replacements: Array<[string, string]> = [
    [emulators.s3Endpoint, 'http://s3.emulator.test'],
    [emulators.dynamodbEndpoint, 'http://dynamodb.emulator.test'],
  ];
  const work = join(tmp, 'fixture-stack');
  const synthVariant = (variant: FixtureVariant): void => {
    const outdir = join(tmp, `synth-${variant}`);
    const app = new App({ outdir });
    new PlanFixtureStack(app, 'plan-fixture', {
      variant,
      s3Endpoint: emulators.s3Endpoint,
      dynamodbEndpoint: emulators.dynamodbEndpoint,
      accessKey: EMULATOR_CREDENTIALS.accessKeyId,
      secretKey: EMULATOR_CREDENTIALS.secretAccessKey,
    });
    app.synth();
    mkdirSync(work, { recursive: true });
    writeFileSync(
      join(work, 'cdk.tf.json'),
      readFileSync(join(outdir, 'stacks', 'plan-fixture', 'cdk.tf.json')),
    );
  };
  const env = { AWS_EC2_METADATA_DISABLED: 'true' };
  const tf = (args: string[]): string => {
    const started = Date.now();
    log(`  terraform ${args[0]} ...`);
    const r = runTerraform([...args, '-input=false', '-no-color'], work, env);
    if (r.status !== 0) throw new Error(`terraform ${args.join(' ')} failed:\n${r.stderr || r.stdout}`);
    log(`  terraform ${args[0]} done (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return r.stdout;
  };
  const planFixture = (variant: FixtureVariant, fixture: string): void => {
    synthVariant(variant);
    tf(['plan', '-lock=false', '-out=tfplan']);
    write(
      `${fixture}.json`,
      normalize(runTerraform(['show', '-json', 'tfplan'], work, env).stdout, replacements),
    );
  };
  try {
    synthVariant('baseline');
    tf(['init']);
    log('Applying the baseline fixture stack to the emulators ...');
    tf(['apply', '-auto-approve', '-lock=false']);
    // Once more: dynalite keeps no tags passed to CreateTable (the provider then adds them with
    // TagResource), and the bucket's computed cors_rule picks up the separate CORS resource only on
    // the next refresh. After this apply the state matches the emulators, as it would AWS.
    tf(['apply', '-auto-approve', '-lock=false']);
    planFixture('baseline', 'no-change');
    planFixture('replace', 'replace');
    planFixture('destroy', 'destroy');
    // Drift: a tag changed outside Terraform, as someone would in the console.
    const table = JSON.parse(
      await dynamodb(emulators.dynamodbEndpoint, 'DescribeTable', { TableName: FIXTURE_NAMES.table }),
    ) as { Table: { TableArn: string } };
    await dynamodb(emulators.dynamodbEndpoint, 'TagResource', {
      ResourceArn: table.Table.TableArn,
      Tags: [{ Key: 'CostCenter', Value: 'changed-in-console' }],
    });
    planFixture('update', 'update');
  } finally {
    await emulators.stop();
  }
}

async function main(): Promise<void> {
  const version = terraformVersion();
  const problem = terraformProblem(version);
  if (problem) throw new Error(problem);
  mkdirSync(FIXTURES, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'mlmon-plan-fixtures-'));
  try {
    log(`Terraform ${version}; plans of the real stacks (offline) ...`);
    await realStackFixtures(tmp, version as string);
    log('Plans of the fixture stack against the S3 and DynamoDB emulators ...');
    await emulatorFixtures(tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exitCode = 1;
});
