import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { Testing } from 'cdktf';
import { CombinedPlanResult, StackPlan, combinedPlan, formatDiagnostic } from '../../review/combined-plan';
import { FullStack, PlannedStack, SynthesizedStack, synthesizedAddresses } from '../support/full-stack';
import { describeWithTerraform } from '../support/terraform-gate';
import { fullStack as alb } from './alb/full-stack';
import { fullStack as backup } from './backup/full-stack';
import { fullStack as batchFargate } from './batch-fargate/full-stack';
import { fullStack as cognito } from './cognito/full-stack';
import { fullStack as cloudtrail } from './cloudtrail/full-stack';
import { fullStack as composeHost } from './compose-host/full-stack';
import { fullStack as ecr } from './ecr/full-stack';
import { fullStack as ecsFargate } from './ecs-fargate/full-stack';
import { fullStack as elasticacheRedis } from './elasticache-redis/full-stack';
import { fullStack as httpApi } from './http-api/full-stack';
import { fullStack as opensearch } from './opensearch/full-stack';
import { fullStack as rdsPostgres } from './rds-postgres/full-stack';
import { fullStack as secrets } from './secrets/full-stack';
import { fullStack as ssm } from './ssm/full-stack';
import { fullStack as staticSite } from './static-site/full-stack';
import { fullStack as waf } from './waf/full-stack';
import { fullStack as mlmon } from '../stacks/mlmon/full-stack';
import { fullStack as githubOidc } from '../backend/full-stack';

/** Every module's stack with every feature on (a module adds its `full-stack.ts` here). */
const FULL_STACKS: readonly FullStack[] = [
  alb,
  backup,
  batchFargate,
  cloudtrail,
  cognito,
  composeHost,
  ecr,
  ecsFargate,
  elasticacheRedis,
  httpApi,
  opensearch,
  rdsPostgres,
  secrets,
  ssm,
  staticSite,
  waf,
  mlmon,
  githubOidc,
];

describe('the full stacks of the modules', () => {
  it('gives every module a stack name of its own', () => {
    const names = FULL_STACKS.map((s) => s.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('runs every full-stack.ts of a test folder', () => {
    const root = join(__dirname, '..');
    const files = (readdirSync(root, { recursive: true }) as string[])
      .filter((f) => /(^|[/\\])full-stack\.ts$/.test(f))
      .map((f) => f.split(sep).join('/'))
      .filter((f) => !f.startsWith('support/')); // the FullStack interface
    const load = (f: string): FullStack =>
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require(join(root, f)) as { fullStack: FullStack }).fullStack;
    expect(files.filter((f) => !FULL_STACKS.includes(load(f)))).toEqual([]);
    expect(files).toHaveLength(FULL_STACKS.length);
  });
});

/**
 * Each module's stack with every feature on, against the real AWS provider: all of them run as
 * child modules of one root (review/combined-plan.ts), so one offline `terraform plan` (mock
 * credentials, no refresh; it runs `terraform validate`'s checks first) loads the provider once
 * for every module, and stacks with the same provider configuration share one provider process.
 * For each module: no diagnostic, a plan that creates exactly what it synthesized, and what its
 * own `expectations` say about the planned values. A module that fails shows Terraform's messages,
 * pointing at `stacks/<module>/cdk.tf.json`; the other modules are still planned.
 */
describeWithTerraform('every module with every feature on, in one Terraform run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-modules-tf-'));
  const synthesized: Record<string, SynthesizedStack> = {};
  const buildErrors: Record<string, string> = {};
  let result: CombinedPlanResult;

  beforeAll(() => {
    for (const stack of FULL_STACKS) {
      try {
        const text = Testing.synth(stack.build(Testing.app()), true);
        mkdirSync(join(dir, 'stacks', stack.name), { recursive: true });
        writeFileSync(join(dir, 'stacks', stack.name, 'cdk.tf.json'), text);
        synthesized[stack.name] = JSON.parse(text) as SynthesizedStack;
      } catch (e) {
        buildErrors[stack.name] = (e as Error).stack ?? String(e);
      }
    }
    // No separate `terraform validate`: the plan runs the same validation walk and reports it.
    result = combinedPlan(join(dir, 'stacks'), Object.keys(synthesized), join(dir, 'work'), {
      validate: false,
    });
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The module's plan, or an error naming the module with its build error or Terraform's messages. */
  function plannedStack(name: string): PlannedStack {
    const plan: StackPlan | undefined = result.stacks[name];
    if (plan?.status === 'planned') return new PlannedStack(synthesized[name], plan);
    const why = buildErrors[name] ?? plan?.diagnostics.map(formatDiagnostic).join('\n\n') ?? 'no result';
    throw new Error(`${name} was not planned (${plan?.status ?? 'not synthesized'}):\n${why}`);
  }

  describe.each(FULL_STACKS.map((s) => [`${s.name} (${s.description})`, s] as const))('%s', (_, stack) => {
    it('synthesizes, validates and plans without a diagnostic', () => {
      const plan = result.stacks[stack.name];
      expect({
        module: stack.name,
        build: buildErrors[stack.name] ?? '',
        status: plan?.status,
        diagnostics: (plan?.diagnostics ?? []).map(formatDiagnostic),
      }).toEqual({ module: stack.name, build: '', status: 'planned', diagnostics: [] });
    });

    it('plans to create every synthesized resource and nothing else', () => {
      const plan = plannedStack(stack.name);
      expect(plan.changes.map((c) => c.address).sort()).toEqual(synthesizedAddresses(plan.synthesized));
      expect(plan.changes.filter((c) => c.change.actions.join() !== 'create').map((c) => c.address)).toEqual(
        [],
      );
    });

    for (const [title, expectation] of Object.entries(stack.expectations ?? {})) {
      it(title, () => expectation(plannedStack(stack.name)));
    }
  });
});
