import { TerraformStack, Testing } from 'cdktf';
import { applyPolicyPack } from '../../modules/policy';

export type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** The parts of a synthesized stack the blueprint tests read. */
export interface StackJson {
  terraform: { backend: Record<string, Record<string, unknown>> };
  provider: { aws: Array<Record<string, unknown>> };
  resource: Resources;
  data?: Resources;
  output: Record<string, { value: unknown; description?: string }>;
}

/** One synthesized stack, with the policy pack applied as main.ts does. */
export interface Synthesized {
  readonly out: string;
  readonly json: StackJson;
  /** What the policy pack printed (its summary line first). */
  readonly policyLog: string;
}

/**
 * Applies the policy pack (as main.ts does) and synthesizes with validations on: an error-level
 * finding throws here. The pack's report is captured instead of printed.
 */
export function synthWithPolicyPack(stack: TerraformStack): Synthesized {
  const log: string[] = [];
  applyPolicyPack(stack, { log: (m) => log.push(m) });
  const out = Testing.synth(stack, true);
  return { out, json: JSON.parse(out) as StackJson, policyLog: log.join('\n') };
}

/** Resources of one type, by construct-based name. */
export function resourcesOf(json: StackJson, type: string): Record<string, Record<string, unknown>> {
  return json.resource[type] ?? {};
}

/** Resources of one type, as a list. */
export function listOf(json: StackJson, type: string): Record<string, unknown>[] {
  return Object.values(resourcesOf(json, type));
}

/** How many resources of a type the stack has. */
export function countOf(json: StackJson, type: string): number {
  return Object.keys(resourcesOf(json, type)).length;
}

/** Every resource of the stack. */
export function resourceCount(json: StackJson): number {
  return Object.values(json.resource).reduce((n, r) => n + Object.keys(r).length, 0);
}

/** The resource of `type` whose attribute `key` equals `value` (fails the test when missing). */
export function findBy(json: StackJson, type: string, key: string, value: unknown): Record<string, unknown> {
  const found = listOf(json, type).find((r) => r[key] === value);
  if (!found) throw new Error(`no ${type} with ${key} = ${JSON.stringify(value)}`);
  return found;
}

/** The Terraform address of the resource of `type` whose `key` equals `value`. */
export function addressOf(json: StackJson, type: string, key: string, value: unknown): string {
  const entry = Object.entries(resourcesOf(json, type)).find(([, r]) => r[key] === value);
  if (!entry) throw new Error(`no ${type} with ${key} = ${JSON.stringify(value)}`);
  return `${type}.${entry[0]}`;
}

/** Container definitions of an ECS task definition family. */
export function containersOf(json: StackJson, family: string): Array<Record<string, unknown>> {
  const td = findBy(json, 'aws_ecs_task_definition', 'family', family);
  return JSON.parse(td.container_definitions as string) as Array<Record<string, unknown>>;
}

/**
 * CloudWatch alarm metrics billed: one per alarm on a single metric, one per metric of an
 * expression alarm, one for a Metrics Insights query.
 */
export function alarmMetricsOf(json: StackJson): number {
  return listOf(json, 'aws_cloudwatch_metric_alarm').reduce((n, a) => {
    const queries = a.metric_query as Array<Record<string, unknown>> | undefined;
    // A Metrics Insights query (no metric entry) is billed as one alarm metric.
    return n + (queries ? Math.max(1, queries.filter((q) => q.metric !== undefined).length) : 1);
  }, 0);
}

/** The policy pack's count of error findings, from its summary line. */
export function policyErrors(log: string): number {
  const m = /(\d+) error\(s\)/.exec(log);
  return m ? Number(m[1]) : 0;
}
