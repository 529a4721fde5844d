/**
 * Reading what Terraform and CDKTF wrote: construct paths from a synthesized stack, the values a
 * plan marks sensitive, physical names, provider sources and Terraform's reasons for an action.
 * Pure functions of the JSON documents; {@link summarizePlan} (plan-summarize.ts) builds on them.
 */
import { sensitiveStrings } from './plan-diff';
import { PlanResourceChange, TerraformPlanJson } from './plan-json';

/** Terraform's `action_reason` values, in words. */
export const ACTION_REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: 'the object is tainted',
  replace_because_cannot_update: 'an attribute that cannot be updated in place changed',
  replace_by_request: 'replacement was requested (-replace)',
  replace_by_triggers: 'replace_triggered_by changed',
  delete_because_no_resource_config: 'the resource was removed from the configuration',
  delete_because_no_module: 'its module was removed from the configuration',
  delete_because_wrong_repetition: 'count/for_each was added or removed',
  delete_because_count_index: 'its count index is out of range',
  delete_because_each_key: 'its for_each key is no longer in the map',
  delete_because_no_move_target: 'the moved block points to no resource',
};

/** Terraform's reason for an action, in words (the raw value when it is new to this table). */
export function reasonText(actionReason: string | undefined): string | undefined {
  return actionReason ? (ACTION_REASONS[actionReason] ?? actionReason) : undefined;
}

/** Maps each resource address of a synthesized CDKTF stack (`cdk.tf.json`) to its construct path below the stack. */
export function constructPathsFromSynth(stackJson: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const doc = stackJson as { resource?: unknown; data?: unknown } | null;
  if (doc === null || typeof doc !== 'object') return out;
  for (const [block, prefix] of [
    [doc.resource, ''],
    [doc.data, 'data.'],
  ] as const) {
    if (typeof block !== 'object' || block === null) continue;
    for (const [type, byName] of Object.entries(block as Record<string, unknown>)) {
      if (typeof byName !== 'object' || byName === null) continue;
      for (const [name, body] of Object.entries(byName as Record<string, unknown>)) {
        const path = (body as { '//'?: { metadata?: { path?: unknown } } })?.['//']?.metadata?.path;
        if (typeof path === 'string') out[`${prefix}${type}.${name}`] = path.split('/').slice(1).join('/');
      }
    }
  }
  return out;
}

/** The address without an instance key: `aws_instance.web[0]` -> `aws_instance.web`. */
export function baseAddress(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

/** The Terraform module of a change, else the top-level construct under the stack, else '' (root). */
export function moduleOf(rc: PlanResourceChange, constructPath: string | undefined): string {
  if (rc.module_address) return rc.module_address;
  if (constructPath && constructPath.includes('/')) return constructPath.split('/')[0];
  return '';
}

/**
 * The physical name of the object a change destroys (bucket, name or id before the change), unless
 * it is sensitive or contains a value marked sensitive elsewhere in the plan.
 */
export function physicalName(rc: PlanResourceChange, secrets: readonly string[]): string | undefined {
  const before = rc.change.before as Record<string, unknown> | null | undefined;
  if (!before || typeof before !== 'object') return undefined;
  const sensitive = rc.change.before_sensitive;
  for (const attr of ['bucket', 'name', 'id']) {
    const value = before[attr];
    if (typeof value !== 'string') continue;
    if (
      sensitive === true ||
      (typeof sensitive === 'object' && sensitive !== null && (sensitive as Record<string, unknown>)[attr])
    ) {
      return undefined;
    }
    return secrets.some((secret) => value.includes(secret)) ? undefined : value;
  }
  return undefined;
}

/** Short provider source: `registry.terraform.io/hashicorp/aws` -> `hashicorp/aws`. */
export function shortSource(source: string): string {
  return source.replace(/^registry\.terraform\.io\//, '');
}

/**
 * Every value the plan marks sensitive anywhere: in resource changes and drift, sensitive outputs,
 * and sensitive input variables. Longest first, so that masking finds the longest match.
 */
export function planSecrets(plan: TerraformPlanJson | undefined): string[] {
  const found = new Set<string>();
  if (!plan) return [];
  for (const rc of [...(plan.resource_changes ?? []), ...(plan.resource_drift ?? [])]) {
    sensitiveStrings(rc.change.before, rc.change.before_sensitive, found);
    sensitiveStrings(rc.change.after, rc.change.after_sensitive, found);
  }
  for (const change of Object.values(plan.output_changes ?? {})) {
    sensitiveStrings(change.before, change.before_sensitive, found);
    sensitiveStrings(change.after, change.after_sensitive, found);
  }
  const declared = plan.configuration?.root_module?.variables ?? {};
  for (const [name, v] of Object.entries(plan.variables ?? {})) {
    if (declared[name]?.sensitive) sensitiveStrings(v.value, true, found);
  }
  return [...found].sort((a, b) => b.length - a.length);
}
