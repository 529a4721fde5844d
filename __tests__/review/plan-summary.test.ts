import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecureBucket } from '../../modules/s3/secure-bucket';
import { SENSITIVE } from '../../review/plan-diff';
import { parsePlanJson, TerraformPlanJson } from '../../review/plan-json';
import {
  code,
  constructPathsFromSynth,
  PLAN_COMMENT_MARKER,
  planSecrets,
  renderCombinedComment,
  renderStackComment,
  stackMarker,
  StackPlanSummary,
  summarizePlan,
} from '../../review/plan-summary';
import { fixtureText, loadConstructs, loadPlan } from './fixtures';

/** Checks that fences and <details> blocks are balanced, so nothing after them renders as code. */
function expectWellFormed(markdown: string): void {
  const fences = markdown.split('\n').filter((l) => /^`{3,}/.test(l));
  expect(fences.length % 2).toBe(0);
  expect((markdown.match(/<details/g) ?? []).length).toBe((markdown.match(/<\/details>/g) ?? []).length);
}

const managed = (plan: TerraformPlanJson) =>
  (plan.resource_changes ?? []).filter((r) => r.mode === 'managed');

describe('create: offline plan of the real mlmon-bootstrap stack', () => {
  const plan = loadPlan('create-bootstrap');
  const s = summarizePlan({
    stack: 'mlmon-bootstrap',
    plan,
    mode: 'offline',
    constructPaths: loadConstructs('create-bootstrap'),
  });
  const md = renderStackComment(s);
  const creates = managed(plan).filter((r) => r.change.actions.join() === 'create').length;

  it('counts every resource as a create and nothing else', () => {
    expect(creates).toBeGreaterThan(0);
    expect(s.counts).toMatchObject({ create: creates, update: 0, replace: 0, delete: 0 });
    expect(s.status).toBe('changes');
    expect(s.terraformLine).toBe(`Plan: ${creates} to add, 0 to change, 0 to destroy.`);
  });

  it('states the stack, the Terraform and provider versions, and that the plan is offline', () => {
    expect(
      md.startsWith(`${PLAN_COMMENT_MARKER}\n${stackMarker('mlmon-bootstrap')}\n### 📝 \`mlmon-bootstrap\``),
    ).toBe(true);
    expect(md).toContain(`📝 **Plan: ${creates} to add, 0 to change, 0 to destroy.**`);
    expect(md).toContain(`Terraform \`${plan.terraform_version}\` · \`hashicorp/aws\` \`5.100.0\``);
    expect(md).toContain('offline plan: mock credentials and empty local state');
  });

  it('prefers provider versions from `terraform version -json` over the constraints', () => {
    const withVersions = summarizePlan({
      stack: 'x',
      plan,
      providerVersions: { 'registry.terraform.io/hashicorp/aws': '5.100.1' },
    });
    expect(withVersions.providers).toEqual({ 'hashicorp/aws': '5.100.1' });
  });

  it('flags nothing: creating is not destructive', () => {
    expect(s.destructive).toEqual([]);
    expect(md).not.toContain('[!CAUTION]');
  });

  it('keeps the full diff in a collapsed block', () => {
    expect(md).toMatch(/<details><summary>Full diff<\/summary>\n\n```diff\n# aws_/);
    expectWellFormed(md);
  });
});

describe('create: offline plan of the real mlmon-dev stack, grouped by module', () => {
  const constructs = loadConstructs('create-dev');
  const s = summarizePlan({
    stack: 'mlmon-dev',
    plan: loadPlan('create-dev'),
    mode: 'offline',
    constructPaths: constructs,
  });
  const md = renderStackComment(s);

  it('groups each resource under the top-level construct it belongs to', () => {
    const modules = new Set(s.resources.map((r) => r.module));
    expect(modules.size).toBeGreaterThan(3);
    for (const r of s.resources) {
      const path = constructs[r.address];
      expect(r.constructPath).toBe(path);
      expect(r.module).toBe(path.includes('/') ? path.split('/')[0] : '');
    }
    for (const module of modules) if (module) expect(md).toContain(`**construct \`${module}\`**`);
  });

  it('lists each group under its own heading, with the resources of that group only', () => {
    const [first] = [...new Set(s.resources.map((r) => r.module))].filter((m) => m !== '');
    const section = md.split(`**construct \`${first}\`**`)[1].split('\n\n**')[0];
    const inSection = s.resources.filter((r) => r.module === first);
    for (const r of inSection) expect(section).toContain(code(r.address));
    const elsewhere = s.resources.find((r) => r.module !== first);
    expect(section).not.toContain(code(elsewhere?.address ?? 'none'));
  });
});

describe('no change: plan against applied state', () => {
  const plan = loadPlan('no-change');
  const s = summarizePlan({ stack: 'plan-fixture', plan });
  const md = renderStackComment(s);

  it('reports no changes, no drift and no diff', () => {
    expect(managed(plan).every((r) => r.change.actions.join() === 'no-op')).toBe(true);
    expect(s.status).toBe('no-changes');
    expect(s.resources).toEqual([]);
    expect(s.drift).toEqual([]);
    expect(md).toContain('✅ **No changes.** The infrastructure matches the configuration.');
    expect(md).not.toContain('Full diff');
    expect(md).toContain('plan against the real state backend');
  });
});

describe('what an online plan compared with', () => {
  const plan = loadPlan('no-change');
  it.each([
    ['s3', 'plan against the real state backend (s3)'],
    ['local', 'plan with real credentials against local state'],
  ])('names the %s backend', (backend, text) => {
    expect(renderStackComment(summarizePlan({ stack: 's', plan, mode: 'online', backend }))).toContain(text);
  });
});

describe('update in place, with changes made outside Terraform', () => {
  const plan = loadPlan('update');
  const s = summarizePlan({ stack: 'plan-fixture', plan });
  const md = renderStackComment(s);

  it('counts the in-place updates and the drift separately', () => {
    expect(s.counts).toMatchObject({ create: 0, update: 2, replace: 0, delete: 0 });
    expect(s.terraformLine).toBe('Plan: 0 to add, 2 to change, 0 to destroy.');
    expect(s.drift.map((d) => d.address)).toEqual(['aws_dynamodb_table.models']);
    expect(md).toMatch(/\| 0 \| 2 \| 0 \| 0 \| 1 \|/);
  });

  it('keeps the drift apart from the planned changes', () => {
    const [planned, drift] = md.split('#### ⚠️ Changed outside Terraform (1)');
    expect(drift).toBeDefined();
    expect(planned).not.toContain('changed-in-console');
    const driftDetails = drift.split('#### Outputs')[0];
    expect(driftDetails).toContain('# aws_dynamodb_table.models has changed outside Terraform');
    expect(driftDetails).toContain('+     tags.CostCenter = "changed-in-console"');
    expect(driftDetails).not.toContain('Owner');
  });

  it('shows the planned attribute changes, including the one that reverts the drift', () => {
    expect(md).toContain('!     tags.Owner = "data-team" -> "ml-platform"');
    expect(md).toContain(
      '!     cors_rule[0].allowed_origins[0] = "https://monitoring.example.com" -> "https://grafana.example.com"',
    );
    expect(md.split('Full diff')[1]).toContain('-     tags.CostCenter = "changed-in-console"');
  });

  it('masks sensitive values: the marked tag, the unmarked copy in tags_all, and the output', () => {
    const token = (plan.variables?.ingest_token?.value ?? '') as string;
    const previous = 'fixture-token-original-0001';
    expect(token).toBe('fixture-token-rotated-0002');
    // The plan JSON holds the values in clear text, and Terraform leaves tags_all unmarked ...
    expect(fixtureText('update')).toContain(token);
    expect(fixtureText('update')).toContain(previous);
    const table = managed(plan).find((r) => r.type === 'aws_dynamodb_table');
    expect(
      (table?.change.after_sensitive as { tags_all?: Record<string, unknown> }).tags_all?.IngestToken,
    ).toBeUndefined();
    // ... but neither reaches the comment.
    expect(md).not.toContain(token);
    expect(md).not.toContain(previous);
    expect(md).toContain(`!     tags.IngestToken = ${SENSITIVE} -> ${SENSITIVE}`);
    expect(md).toContain(`!     tags_all.IngestToken = ${SENSITIVE} -> ${SENSITIVE}`);
    expect(md).toContain(`| \`service_token\` | updated in place | \`${SENSITIVE}\` |`);
  });

  it('collects the sensitive values from resources, outputs and variables', () => {
    expect(planSecrets(plan)).toEqual(
      expect.arrayContaining(['fixture-token-rotated-0002', 'fixture-token-original-0001']),
    );
  });
});

describe('replace of a stateful resource', () => {
  const plan = loadPlan('replace');
  const s = summarizePlan({ stack: 'plan-fixture', plan });
  const md = renderStackComment(s);

  it('counts one replacement, which Terraform counts as an add and a destroy', () => {
    expect(s.counts).toMatchObject({ create: 0, update: 0, replace: 1, delete: 0 });
    expect(s.terraformLine).toBe('Plan: 1 to add, 0 to change, 1 to destroy.');
  });

  it('flags the table at the top, with the attribute that forces the replacement', () => {
    expect(s.status).toBe('destructive');
    expect(s.destructive).toEqual([
      expect.objectContaining({
        address: 'aws_dynamodb_table.models',
        kind: 'replace',
        label: 'DynamoDB table',
        name: 'mlmon-fixture-models',
        stateBackend: false,
        replaceAttributes: ['range_key'],
      }),
    ]);
    const caution = md.indexOf('> [!CAUTION]');
    expect(caution).toBeGreaterThan(0);
    expect(caution).toBeLessThan(md.indexOf('| Create |'));
    expect(md).toContain(
      '> - DynamoDB table `mlmon-fixture-models` (`aws_dynamodb_table.models`) will be **replaced** (destroyed and created again); forced by `range_key`.',
    );
    expect(md).toContain('+     range_key = "version" # forces replacement');
    expect(md).toMatch(/^### 🛑 `plan-fixture`/m);
  });
});

describe('destroy of stateful resources', () => {
  const plan = loadPlan('destroy');

  it('flags the bucket and the table, not their sub-resources', () => {
    const s = summarizePlan({ stack: 'plan-fixture', plan });
    expect(s.counts.delete).toBe(3);
    expect(s.destructive.map((d) => [d.address, d.label, d.kind])).toEqual([
      ['aws_dynamodb_table.models', 'DynamoDB table', 'delete'],
      ['aws_s3_bucket.reports', 'S3 bucket', 'delete'],
    ]);
    expect(renderStackComment(s)).toContain(
      '> - S3 bucket `mlmon-fixture-reports` (`aws_s3_bucket.reports`) will be **destroyed**; the resource was removed from the configuration.',
    );
  });

  it('calls out the Terraform state backend by name', () => {
    const s = summarizePlan({
      stack: 'plan-fixture',
      plan,
      stateBackend: { bucket: 'mlmon-fixture-reports', lockTable: 'mlmon-fixture-models' },
    });
    expect(s.destructive.map((d) => [d.label, d.stateBackend])).toEqual([
      ['Terraform state lock table', true],
      ['Terraform state bucket', true],
    ]);
    expect(renderStackComment(s)).toContain('⚠️ **This is the Terraform state backend.**');
  });

  it('accepts a backend that the plan does not touch', () => {
    const s = summarizePlan({
      stack: 'plan-fixture',
      plan,
      stateBackend: { bucket: 'mlmon-terraform-state' },
    });
    expect(s.destructive.every((d) => !d.stateBackend)).toBe(true);
  });
});

describe('combined comment for all stacks', () => {
  const stacks: StackPlanSummary[] = [
    summarizePlan({ stack: 'mlmon-bootstrap', plan: loadPlan('create-bootstrap'), mode: 'offline' }),
    summarizePlan({ stack: 'mlmon-dev', plan: loadPlan('update') }),
    summarizePlan({ stack: 'mlmon-staging', plan: loadPlan('no-change') }),
    summarizePlan({ stack: 'mlmon-prod', plan: loadPlan('destroy') }),
    summarizePlan({
      stack: 'mlmon-qa',
      error: 'terraform init failed:\nError: Failed to query available provider packages',
    }),
  ];
  const md = renderCombinedComment(stacks, { title: 'Terraform plan for abc1234' });

  it('starts with the hidden marker and lists every stack in order', () => {
    expect(md.startsWith(`${PLAN_COMMENT_MARKER}\n## Terraform plan for abc1234\n`)).toBe(true);
    const positions = stacks.map((s) => md.indexOf(stackMarker(s.stack)));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(md.match(new RegExp(PLAN_COMMENT_MARKER, 'g'))).toHaveLength(1);
  });

  it('puts an overview row per stack and the destructive changes of all stacks before any stack section', () => {
    expect(md).toContain(
      '**5 stack(s):** ❌ 1 failed · 🛑 1 destroy or replace stateful resources · 📝 2 with changes · ✅ 1 without changes',
    );
    expect(md).toContain(
      '| `mlmon-prod` | 🛑 Destroys or replaces stateful resources | 0 | 0 | 0 | 3 | 0 | Plan: 0 to add, 0 to change, 3 to destroy. |',
    );
    expect(md).toContain('| `mlmon-qa` | ❌ Plan failed | – | – | – | – | – | – |');
    const caution = md.indexOf('> [!CAUTION]');
    expect(caution).toBeLessThan(md.indexOf('<details'));
    expect(md).toContain(
      '> - `mlmon-prod`: S3 bucket `mlmon-fixture-reports` (`aws_s3_bucket.reports`) will be **destroyed**',
    );
  });

  it('opens failed and destructive stacks and collapses the others', () => {
    expect(md).toContain('<details open><summary>🛑 <b>mlmon-prod</b>');
    expect(md).toContain('<details open><summary>❌ <b>mlmon-qa</b>: Plan failed</summary>');
    expect(md).toContain('<details><summary>✅ <b>mlmon-staging</b>: no changes</summary>');
    expect(md).toContain('Error: Failed to query available provider packages');
    expectWellFormed(md);
  });

  it('fits GitHub’s comment limit by cutting diffs first, keeping every stack', () => {
    const big = ['a', 'b', 'c', 'd'].map((x) =>
      summarizePlan({
        stack: `mlmon-${x}`,
        plan: loadPlan('create-dev'),
        mode: 'offline',
        constructPaths: loadConstructs('create-dev'),
      }),
    );
    const full = renderCombinedComment(big, { maxChars: Number.MAX_SAFE_INTEGER });
    expect(full.length).toBeGreaterThan(60_000);
    const fitted = renderCombinedComment(big, { artifactHint: (s) => `plan-${s}` });
    expect(fitted.length).toBeLessThanOrEqual(60_000);
    for (const s of big) expect(fitted).toContain(stackMarker(s.stack));
    expect(fitted).toMatch(
      /to fit GitHub's comment size limit\. The full plan is in the `plan-mlmon-a` artifact\./,
    );
    expectWellFormed(fitted);
  });

  it('falls back to the overview when even the resource lists do not fit', () => {
    const small = renderCombinedComment(stacks, { maxChars: 3_000 });
    expect(small.length).toBeLessThanOrEqual(3_000);
    expect(small.startsWith(PLAN_COMMENT_MARKER)).toBe(true);
    expect(small).toContain('| `mlmon-prod` |');
    expect(small).toContain('Per-stack details left out');
    expectWellFormed(small);
  });
});

describe('failed plans', () => {
  it('treats a plan Terraform marked as errored as failed', () => {
    const plan = { ...loadPlan('no-change'), errored: true };
    expect(summarizePlan({ stack: 's', plan }).status).toBe('failed');
  });

  it('shows the error output in a fence that survives backticks in it', () => {
    const md = renderStackComment(summarizePlan({ stack: 's', error: 'Error: bad ```fence``` here' }));
    expect(md).toContain('❌ **Plan failed**');
    expect(md).toContain('````\nError: bad ```fence``` here\n````');
  });
});

describe('parsePlanJson', () => {
  it.each([
    ['not JSON', '{', 'is not JSON'],
    ['an array', '[]', 'is not a JSON object'],
    [
      'a state file',
      '{"version":4,"terraform_version":"1.11.4"}',
      'has format_version undefined; expected 1.x',
    ],
    ['a future format', '{"format_version":"2.0"}', 'has format_version "2.0"'],
  ])('rejects %s', (_case, text, message) => {
    expect(() => parsePlanJson(text, 'p.json')).toThrow(`p.json ${message}`);
  });

  it('accepts every fixture', () => {
    for (const name of [
      'create-bootstrap',
      'create-dev',
      'no-change',
      'update',
      'replace',
      'destroy',
    ] as const) {
      expect(loadPlan(name).format_version).toMatch(/^1\./);
    }
  });
});

describe('constructPathsFromSynth', () => {
  it('maps resource and data-source addresses to construct paths below the stack', () => {
    const stack = new TerraformStack(Testing.app(), 'mlmon-test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    // No companion log bucket: one bucket, so one aws_s3_bucket address to map.
    new SecureBucket(stack, 'storage', { bucketName: 'mlmon-test-bucket', accessLogging: false });
    const outdir = Testing.fullSynth(stack);
    const paths = constructPathsFromSynth(
      JSON.parse(readFileSync(join(outdir, 'stacks', 'mlmon-test', 'cdk.tf.json'), 'utf8')),
    );
    const bucket = Object.entries(paths).find(([address]) => address.startsWith('aws_s3_bucket.'));
    expect(bucket?.[1]).toBe('storage/bucket');
    expect(Object.entries(paths).find(([a]) => a.startsWith('data.aws_iam_policy_document.'))?.[1]).toBe(
      'storage/policy-document',
    );
  });

  it('returns nothing for a document without resources', () => {
    expect(constructPathsFromSynth(null)).toEqual({});
    expect(constructPathsFromSynth({ resource: 'x' })).toEqual({});
  });
});

describe('code', () => {
  it('wraps text with backticks in a longer fence', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`x`')).toBe('`` `x` ``');
    expect(code('plain')).toBe('`plain`');
  });
});
