/**
 * The parts of Terraform's machine-readable plan (`terraform show -json <planfile>`, format 1.x)
 * that the plan summary reads, and how a change's `actions` list maps to one kind of change.
 *
 * Reference: https://developer.hashicorp.com/terraform/internals/json-format
 */

/** One entry of a change's `actions` list. */
export type PlanAction = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

/** A planned change to a resource or an output. */
export interface PlanChange {
  readonly actions: readonly PlanAction[];
  /** The value before the change; null for a create. */
  readonly before?: unknown;
  /** The value after the change, without the attributes only known after apply; null for a delete. */
  readonly after?: unknown;
  /** Same shape as `after`; `true` where a value is only known after apply. */
  readonly after_unknown?: unknown;
  /** Same shape as `before`; `true` where the value is sensitive (`true` alone: all of it). */
  readonly before_sensitive?: unknown;
  /** Same shape as `after`; `true` where the value is sensitive (`true` alone: all of it). */
  readonly after_sensitive?: unknown;
  /** Attribute paths whose change forces the replacement (steps: attribute names and indices). */
  readonly replace_paths?: ReadonlyArray<ReadonlyArray<string | number>>;
  /** Present when the change imports an existing object. */
  readonly importing?: { readonly id?: string };
}

/** An entry of `resource_changes` or `resource_drift`. */
export interface PlanResourceChange {
  readonly address: string;
  /** The address in the prior state when a `moved` block renamed the resource. */
  readonly previous_address?: string;
  /** The Terraform module of the resource; absent in the root module. */
  readonly module_address?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  /** Set for a deposed object left by a failed create-before-destroy. */
  readonly deposed?: string;
  readonly provider_name?: string;
  readonly change: PlanChange;
  /** Why Terraform chose the action, e.g. `replace_because_cannot_update`. */
  readonly action_reason?: string;
}

/** A provider configuration as recorded in the plan's `configuration.provider_config`. */
export interface PlanProviderConfig {
  readonly name: string;
  readonly full_name?: string;
  readonly alias?: string;
  readonly version_constraint?: string;
}

/** The machine-readable plan. */
export interface TerraformPlanJson {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly resource_changes?: readonly PlanResourceChange[];
  /** Changes Terraform detected in remote objects since the last apply (refresh), not planned by it. */
  readonly resource_drift?: readonly PlanResourceChange[];
  readonly output_changes?: Readonly<Record<string, PlanChange>>;
  /** Input variable values; sensitive ones in clear text (their sensitivity is in `configuration`). */
  readonly variables?: Readonly<Record<string, { readonly value?: unknown }>>;
  readonly configuration?: {
    readonly provider_config?: Readonly<Record<string, PlanProviderConfig>>;
    readonly root_module?: {
      readonly variables?: Readonly<Record<string, { readonly sensitive?: boolean }>>;
    };
  };
  readonly errored?: boolean;
  readonly applyable?: boolean;
  readonly complete?: boolean;
}

/** What a change does, one word each; a replacement is one kind, not a create and a delete. */
export type ChangeKind = 'create' | 'update' | 'replace' | 'delete' | 'read' | 'forget' | 'no-op';

/** The kind of a change from its `actions` list. */
export function changeKind(actions: readonly PlanAction[]): ChangeKind {
  const has = (a: PlanAction): boolean => actions.includes(a);
  if (has('delete') && has('create')) return 'replace';
  if (has('create')) return 'create';
  if (has('delete')) return 'delete';
  if (has('update')) return 'update';
  if (has('forget')) return 'forget';
  if (has('read')) return 'read';
  return 'no-op';
}

/**
 * Reads and checks a `terraform show -json` document: throws when it is not a plan in a format this
 * module understands (major version 1).
 */
export function parsePlanJson(text: string, source = 'plan JSON'): TerraformPlanJson {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source} is not JSON: ${(err as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new Error(`${source} is not a JSON object`);
  }
  const format = (doc as { format_version?: unknown }).format_version;
  if (typeof format !== 'string' || !/^1\./.test(format)) {
    throw new Error(
      `${source} has format_version ${JSON.stringify(format)}; expected 1.x (the output of \`terraform show -json <planfile>\`)`,
    );
  }
  const changes = (doc as { resource_changes?: unknown }).resource_changes;
  if (changes !== undefined && !Array.isArray(changes)) {
    throw new Error(`${source}: resource_changes is not a list`);
  }
  return doc as TerraformPlanJson;
}
