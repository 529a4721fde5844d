import { createStackView } from '../../modules/policy/stack-view';
import { JsonObject, PolicyRule } from '../../modules/policy/types';

/** A rule's status and detail for one resource. */
export type Outcome = [status: string, detail: string | undefined];

/**
 * The rule's outcome for resource `r` of `type` (construct path `test/r`), checked directly on raw
 * Terraform JSON, in a stack that holds `terraform` besides.
 */
export function outcome(
  rule: PolicyRule,
  type: string,
  config: JsonObject,
  terraform: JsonObject = {},
): Outcome {
  const resource = {
    mode: 'resource' as const,
    type,
    name: 'r',
    address: `${type}.r`,
    path: 'test/r',
    config,
  };
  const result = rule.check({ resource, stack: createStackView('test', terraform) });
  return typeof result === 'string' ? [result, undefined] : [result.status, result.detail];
}
