/**
 * One stack's plan as data: what changes (each resource once, grouped by module), what is destroyed
 * or replaced among stateful resources, drift, outputs, and the status of the whole. Pure: plan JSON
 * and metadata in, a {@link StackPlanSummary} out; plan-render.ts turns it into Markdown.
 */
import { CostStatus } from './cost';
import { attributeDiff, DiffLine } from './plan-diff';
import { changeKind, ChangeKind, PlanChange, PlanResourceChange, TerraformPlanJson } from './plan-json';
import { baseAddress, moduleOf, physicalName, planSecrets, reasonText, shortSource } from './plan-parse';
import { PolicyReportFile } from './policy-report';

/**
 * Resource types whose destruction loses data or history, with a label for the comment. Destroying
 * or replacing one of these is flagged at the top of the summary.
 */
export const STATEFUL_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  aws_s3_bucket: 'S3 bucket',
  aws_dynamodb_table: 'DynamoDB table',
  aws_ebs_volume: 'EBS volume',
  aws_cloudwatch_log_group: 'CloudWatch log group',
  aws_kms_key: 'KMS key',
  aws_db_instance: 'RDS instance',
  aws_rds_cluster: 'RDS cluster',
  aws_efs_file_system: 'EFS file system',
  aws_secretsmanager_secret: 'Secrets Manager secret',
};

/** How the plan was made. */
export type PlanMode = 'offline' | 'online';

/** The Terraform state backend, so that changes to it are called out as such. */
export interface StateBackendRef {
  /** State bucket name. */
  readonly bucket?: string;
  /** DynamoDB lock table name. */
  readonly lockTable?: string;
}

/** One stack's plan and what is known about how it was made. */
export interface StackPlanInput {
  /** Stack name, e.g. `mlmon-dev`. */
  readonly stack: string;
  /** The plan; undefined when planning failed before a plan existed (see `error`). */
  readonly plan?: TerraformPlanJson;
  /** Terraform version. @default - `plan.terraform_version` */
  readonly terraformVersion?: string;
  /**
   * Provider versions by source address, as `terraform version -json` reports them
   * (`registry.terraform.io/hashicorp/aws` -> `5.100.0`). @default - the version constraints in the plan
   */
  readonly providerVersions?: Readonly<Record<string, string>>;
  /** How the plan was made; an offline plan is labelled as such. @default 'online' */
  readonly mode?: PlanMode;
  /**
   * CDKTF construct path of each resource address (see {@link constructPathsFromSynth}), used to
   * group resources by construct and to show readable names. @default - group by Terraform module only
   */
  readonly constructPaths?: Readonly<Record<string, string>>;
  /** The state backend, so destroying it is flagged as such. @default - not detected */
  readonly stateBackend?: StateBackendRef;
  /** Why planning failed (e.g. Terraform's error output). @default - it did not fail */
  readonly error?: string;
  /** Backend type of the stack (`s3`, `local`, ...), to say what an online plan compared with. @default - not stated */
  readonly backend?: string;
  /**
   * The policy pack's findings for the stack at synth (warnings, suppressions with their reasons).
   * @default - no policy section
   */
  readonly policy?: PolicyReportFile;
  /** The cost estimate of the plan (Infracost), or why there is none. @default - no cost line */
  readonly cost?: CostStatus;
}

/** A resource in the summary. */
export interface ResourceEntry {
  readonly address: string;
  readonly type: string;
  readonly kind: ChangeKind;
  /** Module (Terraform module address or top-level construct id); '' for the root module. */
  readonly module: string;
  /** Construct path below the stack, when known. */
  readonly constructPath?: string;
  /** Why Terraform plans this action, in words; undefined when it gave no reason. */
  readonly reason?: string;
  /** Attribute paths that force a replacement. */
  readonly replaceAttributes: readonly string[];
  /** Address before a `moved` block renamed it. */
  readonly movedFrom?: string;
  /** Import id, when the change imports an existing object. */
  readonly importId?: string;
  /** The attribute diff. */
  readonly diff: readonly DiffLine[];
  /** Unchanged attributes not listed in `diff`. */
  readonly unchanged: number;
}

/** A destroy or replacement of a stateful resource. */
export interface DestructiveChange {
  readonly address: string;
  readonly kind: 'delete' | 'replace';
  /** What the resource is, e.g. "S3 bucket" or "Terraform state bucket". */
  readonly label: string;
  /** Physical name, when the plan knows it (bucket, table or volume name). */
  readonly name?: string;
  /** The resource is the Terraform state backend. */
  readonly stateBackend: boolean;
  readonly reason?: string;
  readonly replaceAttributes: readonly string[];
}

/** Counts of planned changes; each resource counted once. */
export interface ChangeCounts {
  readonly create: number;
  readonly update: number;
  readonly replace: number;
  readonly delete: number;
  readonly import: number;
  readonly move: number;
  readonly forget: number;
}

/** An output change. */
export interface OutputEntry {
  readonly name: string;
  readonly kind: ChangeKind;
  readonly sensitive: boolean;
  readonly diff: readonly DiffLine[];
}

/** Overall status of one stack's plan. */
export type PlanStatus = 'failed' | 'destructive' | 'changes' | 'drift-only' | 'no-changes';

/** The summary of one stack's plan, ready to render. */
export interface StackPlanSummary {
  readonly stack: string;
  readonly status: PlanStatus;
  readonly mode: PlanMode;
  readonly backend?: string;
  readonly terraformVersion?: string;
  /** Provider source (short form, e.g. `hashicorp/aws`) -> version or constraint. */
  readonly providers: Readonly<Record<string, string>>;
  readonly counts: ChangeCounts;
  /** Terraform's own summary line, e.g. "Plan: 3 to add, 1 to change, 1 to destroy." */
  readonly terraformLine: string;
  /** Planned changes (no-ops and data-source reads left out). */
  readonly resources: readonly ResourceEntry[];
  readonly destructive: readonly DestructiveChange[];
  /** Changes made outside Terraform, found by refresh. */
  readonly drift: readonly ResourceEntry[];
  readonly outputs: readonly OutputEntry[];
  /** Data sources read during apply (their inputs are not known yet). */
  readonly deferredReads: number;
  readonly error?: string;
  /** Terraform could not plan everything (`complete: false`, e.g. deferred actions). */
  readonly incomplete: boolean;
  /** The policy pack's report of the stack, when it was found next to the plan. */
  readonly policy?: PolicyReportFile;
  /** The cost estimate, or why there is none. */
  readonly cost?: CostStatus;
}

function entryOf(
  rc: PlanResourceChange,
  constructPaths: Readonly<Record<string, string>>,
  secrets: readonly string[],
): ResourceEntry {
  const kind = changeKind(rc.change.actions);
  const constructPath = constructPaths[rc.address] ?? constructPaths[baseAddress(rc.address)];
  const diff = attributeDiff(rc.change, secrets);
  return {
    address: rc.deposed ? `${rc.address} (deposed object ${rc.deposed})` : rc.address,
    type: rc.type,
    kind,
    module: moduleOf(rc, constructPath),
    constructPath,
    reason: reasonText(rc.action_reason),
    replaceAttributes: diff.lines.filter((l) => l.forcesReplacement).map((l) => l.path),
    movedFrom: rc.previous_address,
    importId: rc.change.importing ? (rc.change.importing.id ?? '') : undefined,
    diff: diff.lines,
    unchanged: diff.unchanged,
  };
}

function destructiveOf(
  rc: PlanResourceChange,
  entry: ResourceEntry,
  backend: StateBackendRef | undefined,
  secrets: readonly string[],
): DestructiveChange | undefined {
  if (entry.kind !== 'delete' && entry.kind !== 'replace') return undefined;
  const label = STATEFUL_RESOURCE_TYPES[rc.type];
  const name = physicalName(rc, secrets);
  const isStateBucket =
    rc.type === 'aws_s3_bucket' && backend?.bucket !== undefined && name === backend.bucket;
  const isLockTable =
    rc.type === 'aws_dynamodb_table' && backend?.lockTable !== undefined && name === backend.lockTable;
  if (!label && !isStateBucket && !isLockTable) return undefined;
  return {
    address: entry.address,
    kind: entry.kind,
    label: isStateBucket
      ? 'Terraform state bucket'
      : isLockTable
        ? 'Terraform state lock table'
        : (label as string),
    name,
    stateBackend: isStateBucket || isLockTable,
    reason: entry.reason,
    replaceAttributes: entry.replaceAttributes,
  };
}

function providersOf(input: StackPlanInput): Record<string, string> {
  if (input.providerVersions && Object.keys(input.providerVersions).length > 0) {
    return Object.fromEntries(
      Object.entries(input.providerVersions)
        .map(([source, version]) => [shortSource(source), version] as const)
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    );
  }
  const out: Record<string, string> = {};
  for (const config of Object.values(input.plan?.configuration?.provider_config ?? {})) {
    const source = shortSource(config.full_name ?? config.name);
    if (config.version_constraint && !out[source]) out[source] = config.version_constraint;
  }
  return out;
}

/** Terraform's own summary line for these counts. */
export function terraformPlanLine(counts: ChangeCounts): string {
  const parts: string[] = [];
  if (counts.import > 0) parts.push(`${counts.import} to import`);
  parts.push(
    `${counts.create + counts.replace} to add`,
    `${counts.update} to change`,
    `${counts.delete + counts.replace} to destroy`,
  );
  if (counts.forget > 0) parts.push(`${counts.forget} to forget`);
  return `Plan: ${parts.join(', ')}.`;
}

/** Summarizes one stack's plan. */
export function summarizePlan(input: StackPlanInput): StackPlanSummary {
  const plan = input.plan;
  const constructPaths = input.constructPaths ?? {};
  const secrets = planSecrets(plan);
  const resources: ResourceEntry[] = [];
  const destructive: DestructiveChange[] = [];
  let deferredReads = 0;
  let moves = 0;
  for (const rc of plan?.resource_changes ?? []) {
    if (rc.mode === 'data') {
      if (changeKind(rc.change.actions) === 'read') deferredReads++;
      continue;
    }
    const entry = entryOf(rc, constructPaths, secrets);
    if (entry.movedFrom) moves++;
    if (entry.kind === 'no-op' && !entry.movedFrom && entry.importId === undefined) continue;
    if (entry.kind === 'read') continue;
    resources.push(entry);
    const d = destructiveOf(rc, entry, input.stateBackend, secrets);
    if (d) destructive.push(d);
  }
  const count = (k: ChangeKind): number => resources.filter((r) => r.kind === k).length;
  const counts: ChangeCounts = {
    create: count('create'),
    update: count('update'),
    replace: count('replace'),
    delete: count('delete'),
    import: resources.filter((r) => r.importId !== undefined).length,
    move: moves,
    forget: count('forget'),
  };
  const drift = (plan?.resource_drift ?? [])
    .filter((rc) => rc.mode !== 'data')
    .map((rc) => entryOf(rc, constructPaths, secrets))
    .filter((e) => e.kind !== 'no-op' || e.diff.length > 0);
  const outputs: OutputEntry[] = Object.entries(plan?.output_changes ?? {})
    .map(([name, change]) => outputEntry(name, change, secrets))
    .filter((o) => o.kind !== 'no-op')
    .sort((a, b) => (a.name < b.name ? -1 : 1));

  const error = input.error ?? (plan?.errored ? 'Terraform reported errors while planning.' : undefined);
  const anyChange = resources.some((r) => r.kind !== 'no-op') || counts.move > 0 || counts.import > 0;
  const status: PlanStatus = error
    ? 'failed'
    : destructive.length > 0
      ? 'destructive'
      : anyChange || outputs.length > 0
        ? 'changes'
        : drift.length > 0
          ? 'drift-only'
          : 'no-changes';
  return {
    stack: input.stack,
    status,
    mode: input.mode ?? 'online',
    backend: input.backend,
    terraformVersion: input.terraformVersion ?? plan?.terraform_version,
    providers: providersOf(input),
    counts,
    terraformLine: terraformPlanLine(counts),
    resources,
    destructive,
    drift,
    outputs,
    deferredReads,
    error,
    incomplete: plan?.complete === false,
    policy: input.policy,
    cost: input.cost,
  };
}

function outputEntry(name: string, change: PlanChange, secrets: readonly string[]): OutputEntry {
  const sensitive = change.before_sensitive === true || change.after_sensitive === true;
  // Wrap the values so that a scalar output still has a leaf path (its name).
  const wrap = (v: unknown): unknown => (v === undefined ? undefined : { [name]: v });
  const diff = attributeDiff(
    {
      actions: change.actions,
      before: wrap(change.before),
      after: wrap(change.after),
      after_unknown: change.after_unknown === undefined ? undefined : { [name]: change.after_unknown },
      before_sensitive:
        change.before_sensitive === undefined ? undefined : { [name]: change.before_sensitive },
      after_sensitive: change.after_sensitive === undefined ? undefined : { [name]: change.after_sensitive },
    },
    secrets,
  );
  return { name, kind: changeKind(change.actions), sensitive, diff: diff.lines };
}
