import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider, AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import { evaluateRules } from '../../modules/policy/engine';
import { createStackView } from '../../modules/policy/stack-view';
import { Compliance, JsonObject, PolicyRule, RuleEvaluation } from '../../modules/policy/types';

/** Builds resources into a fresh stack (with an AWS provider) and returns the synthesized JSON. */
export function synthStack(
  build: (stack: TerraformStack) => void,
  provider: Partial<AwsProviderConfig> = {},
): JsonObject {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1', ...provider });
  build(stack);
  return stack.toTerraform() as JsonObject;
}

/** The rule's evaluations on a stack built by `build`. */
export function evaluate(
  rule: PolicyRule,
  build: (stack: TerraformStack) => void,
  provider?: Partial<AwsProviderConfig>,
): RuleEvaluation[] {
  const view = createStackView('test', synthStack(build, provider));
  const { evaluations, problems } = evaluateRules(view, [rule]);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return evaluations;
}

/** One scenario for one rule. */
export interface RuleCase {
  readonly name: string;
  readonly build: (stack: TerraformStack) => void;
  readonly provider?: Partial<AwsProviderConfig>;
  /**
   * - `compliant`: at least one evaluation is compliant and none is non-compliant;
   * - `non-compliant`: at least one is non-compliant (and its detail matches `detail`);
   * - `not-applicable`: none is compliant or non-compliant.
   */
  readonly expect: Compliance;
  /** Pattern the detail of the (first) matching evaluation must match. */
  readonly detail?: RegExp;
  /** Only evaluations of resources whose construct path ends with `/<target>`. */
  readonly target?: string;
}

export interface RuleFixtures {
  readonly rule: PolicyRule;
  readonly cases: readonly RuleCase[];
}

/** Registers one jest test per case. */
export function describeRules(all: readonly RuleFixtures[]): void {
  for (const { rule, cases } of all) {
    describe(`${rule.id} ${rule.title}`, () => {
      for (const c of cases) {
        it(`${c.expect}: ${c.name}`, () => {
          const evaluations = evaluate(rule, c.build, c.provider).filter(
            (e) => c.target === undefined || e.resource.path.endsWith(`/${c.target}`),
          );
          const statuses = evaluations.map((e) => e.status);
          const first = evaluations.find((e) => e.status === c.expect);
          switch (c.expect) {
            case 'non-compliant':
              expect(statuses).toContain('non-compliant');
              break;
            case 'compliant':
              expect(statuses).not.toContain('non-compliant');
              expect(statuses).toContain('compliant');
              break;
            default:
              expect(statuses.filter((s) => s !== 'not-applicable')).toEqual([]);
          }
          if (c.detail) expect(first?.detail ?? '').toMatch(c.detail);
        });
      }
    });
  }
}
