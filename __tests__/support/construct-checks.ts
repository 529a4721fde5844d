import { TerraformStack, Testing } from 'cdktf';
import { ValidationError, ValidationProblem } from '../../modules/core/validation';
import { ALL_RULES, applyPolicyPack, PolicySuppressions, runPolicyPack } from '../../modules/policy';
import { JsonObject } from '../../modules/policy/types';

/** The problems of the ValidationError `build` throws; fails the test when it throws nothing else. */
export function validationProblems(build: () => unknown): readonly ValidationProblem[] {
  try {
    build();
  } catch (e) {
    if (e instanceof ValidationError) return e.problems;
    throw e;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

/** Policy findings of a stack as `<rule id> <construct path>` lines, split by level. */
export interface PolicyFindings {
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  /** What the pack printed (warnings and suppressions). */
  readonly log: readonly string[];
}

/**
 * Applies the policy pack to `stack` the way stacks do, synthesizes it with validations on (which
 * throws on any error-level finding), and returns every unsuppressed finding.
 */
export function policyFindings(stack: TerraformStack): PolicyFindings {
  const log: string[] = [];
  applyPolicyPack(stack, { log: (m) => log.push(m) });
  const report = runPolicyPack(stack.toTerraform() as JsonObject, {
    stackName: stack.node.id,
    rules: ALL_RULES,
    suppressions: PolicySuppressions.collect(stack),
  });
  const line = (v: (typeof report.violations)[number]) => `${v.rule.id} ${v.resource.path}`;
  const errors = report.violations.filter((v) => v.rule.level === 'error').map(line);
  if (errors.length === 0) Testing.synth(stack, true);
  return {
    errors: [...errors, ...report.problems],
    warnings: report.violations.filter((v) => v.rule.level === 'warning').map(line),
    log,
  };
}
