/**
 * The policy pack's findings per stack, as a file the plan summary can render.
 *
 * The pack (modules/policy) runs when the app is synthesized: error-level findings fail synthesis,
 * warnings and suppressions are printed and annotated, and then they are gone. A reviewer of a
 * pull request should see them next to the plan, with each suppression's reason. So the synth
 * entry of the plan tooling (review/synth.ts) runs the same rules over each synthesized stack and
 * writes `policy-report.json` into the stack's directory (`cdktf.out/stacks/<stack>/`; Terraform
 * reads only `*.tf` and `*.tf.json` there), `npm run plan` copies it to `plans/<stack>/`, and the
 * summary shows it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import {
  ALL_RULES,
  PolicyReport,
  PolicySuppressions,
  PolicyViolation,
  runPolicyPack,
} from '../modules/policy';
import { JsonObject, PolicyLevel } from '../modules/policy/types';

/** File name of the report, in the synthesized stack directory and in `plans/<stack>/`. */
export const POLICY_REPORT_FILE = 'policy-report.json';

/** One finding that was not suppressed. */
export interface PolicyFinding {
  /** Rule id, e.g. `MLM-LOG-002`. */
  readonly ruleId: string;
  readonly level: PolicyLevel;
  /** What the rule requires. */
  readonly title: string;
  /** The matching checkov check, where one exists. */
  readonly checkovId?: string;
  /** Construct path of the resource, e.g. `mlmon-dev/logs/api`. */
  readonly path: string;
  /** Terraform address of the resource. */
  readonly address: string;
  /** What was found, when the rule says. */
  readonly detail?: string;
  /** How to comply. */
  readonly fix: string;
}

/** A finding silenced by a suppression, with the suppression's reason. */
export interface SuppressedFinding {
  readonly ruleId: string;
  readonly level: PolicyLevel;
  readonly title: string;
  readonly path: string;
  readonly address: string;
  /** Why the rule does not apply, as written at the suppression. */
  readonly reason: string;
  /** Construct path the suppression was added to (it covers everything below). */
  readonly suppressedAt: string;
}

/** What `policy-report.json` holds. */
export interface PolicyReportFile {
  /** Format version of this file. */
  readonly version: 1;
  readonly stack: string;
  /** Rule evaluations made (compliant, non-compliant and not applicable). */
  readonly evaluations: number;
  /** Error-level findings (synthesis fails while there are any; listed for completeness). */
  readonly errors: readonly PolicyFinding[];
  readonly warnings: readonly PolicyFinding[];
  readonly suppressed: readonly SuppressedFinding[];
  /** Suppressions that matched no finding: stale, or on the wrong construct. */
  readonly unusedSuppressions: ReadonlyArray<{ readonly ruleId: string; readonly path: string }>;
  /** Problems of the pack itself (an unknown rule id in a suppression, a rule that threw). */
  readonly problems: readonly string[];
}

function finding(v: PolicyViolation): PolicyFinding {
  return {
    ruleId: v.rule.id,
    level: v.rule.level,
    title: v.rule.title,
    ...(v.rule.checkovId ? { checkovId: v.rule.checkovId } : {}),
    path: v.resource.path,
    address: v.resource.address,
    ...(v.detail ? { detail: v.detail } : {}),
    fix: v.rule.fix,
  };
}

/** The serializable form of a policy report. */
export function policyReportFile(report: PolicyReport): PolicyReportFile {
  return {
    version: 1,
    stack: report.stackName,
    evaluations: report.evaluations.length,
    errors: report.violations.filter((v) => v.rule.level === 'error').map(finding),
    warnings: report.violations.filter((v) => v.rule.level === 'warning').map(finding),
    suppressed: report.suppressed.map((v) => ({
      ruleId: v.rule.id,
      level: v.rule.level,
      title: v.rule.title,
      path: v.resource.path,
      address: v.resource.address,
      reason: v.suppression?.reason ?? '',
      suppressedAt: v.suppression?.path ?? v.resource.path,
    })),
    unusedSuppressions: report.unusedSuppressions.map((s) => ({ ruleId: s.id, path: s.path })),
    problems: [...report.problems],
  };
}

/**
 * Runs the built-in rules over a stack the way `applyPolicyPack` does at synth (same rules, same
 * suppressions). Call it after `app.synth()`, so that aspects have run.
 */
export function stackPolicyReport(stack: TerraformStack): PolicyReport {
  return runPolicyPack(stack.toTerraform() as JsonObject, {
    stackName: stack.node.id,
    rules: ALL_RULES,
    suppressions: PolicySuppressions.collect(stack),
    knownRuleIds: ALL_RULES.map((r) => r.id),
  });
}

/**
 * Writes `policy-report.json` into each synthesized stack directory of `app` (`<outdir>/stacks/<id>`)
 * and returns the files written.
 */
export function writePolicyReports(app: App): string[] {
  const written: string[] = [];
  for (const child of app.node.children) {
    if (!(child instanceof TerraformStack)) continue;
    const dir = join(app.outdir, 'stacks', child.node.id);
    if (!existsSync(dir)) continue;
    const file = join(dir, POLICY_REPORT_FILE);
    writeFileSync(file, JSON.stringify(policyReportFile(stackPolicyReport(child)), null, 2) + '\n');
    written.push(file);
  }
  return written;
}

/** Reads a `policy-report.json`; undefined when the file does not exist, throws when it is not one. */
export function readPolicyReportFile(file: string): PolicyReportFile | undefined {
  if (!existsSync(file)) return undefined;
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Partial<PolicyReportFile>;
  const lists = ['errors', 'warnings', 'suppressed', 'unusedSuppressions', 'problems'] as const;
  if (doc.version !== 1 || typeof doc.stack !== 'string' || lists.some((k) => !Array.isArray(doc[k]))) {
    throw new Error(
      `${file} is not a policy report of version 1 (written by review/synth.ts); synthesize again with npm run plan.`,
    );
  }
  return doc as PolicyReportFile;
}
