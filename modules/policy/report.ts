/**
 * Text of policy findings: the validation errors that fail synthesis and the report printed for
 * warnings and suppressions. Every finding names the rule id, the construct path, the Terraform
 * address, what was found and how to fix it.
 */
import { PolicyReport, PolicyViolation, ScopedSuppression } from './engine';
import { PolicyRule } from './types';

const INDENT = '    ';

function ruleLabel(rule: PolicyRule): string {
  return rule.checkovId ? `${rule.title} (${rule.checkovId})` : rule.title;
}

/**
 * One finding, e.g.
 * ```
 * MLM-S3-001 [error] orders-dev/storage/models/bucket (aws_s3_bucket.storage_models_bucket_1A2B3C4D)
 *     Rule:  S3 buckets have default server-side encryption (CKV_AWS_19)
 *     Found: no aws_s3_bucket_server_side_encryption_configuration points at this bucket
 *     Fix:   add an aws_s3_bucket_server_side_encryption_configuration ...
 * ```
 */
export function formatViolation(v: PolicyViolation): string {
  const lines = [
    `${v.rule.id} [${v.rule.level}] ${v.resource.path} (${v.resource.address})`,
    `${INDENT}Rule:  ${ruleLabel(v.rule)}`,
  ];
  if (v.detail) lines.push(`${INDENT}Found: ${v.detail}`);
  lines.push(`${INDENT}Fix:   ${v.rule.fix}`);
  return lines.join('\n');
}

function formatSuppressed(v: PolicyViolation): string {
  const s = v.suppression as ScopedSuppression;
  const where = s.path === v.resource.path ? '' : ` (suppressed at ${s.path})`;
  return `${v.rule.id} ${v.resource.path} (${v.resource.address})${where}: ${s.reason}`;
}

/** The validation messages that fail synthesis: error-level violations, then problems of the pack. */
export function errorMessages(report: PolicyReport): string[] {
  const errors = report.violations.filter((v) => v.rule.level === 'error').map(formatViolation);
  const problems = report.problems.map((p) => `Policy pack: ${p}`);
  const total = errors.length + problems.length;
  if (total === 0) return [];
  const noun = total === 1 ? 'error' : 'errors';
  return [
    ...errors,
    ...problems,
    `Policy pack: ${total} ${noun} in ${report.stackName}. Fix each one, or, where a rule does not apply, ` +
      "suppress it with PolicySuppressions.add(construct, [{ id: '<rule id>', reason: '<why>' }]) " +
      '(see docs/policy.md).',
  ];
}

/**
 * What is printed for a stack: warnings, every applied suppression and unused suppressions.
 * Empty when there is nothing to say.
 */
export function formatReport(report: PolicyReport): string {
  const warnings = report.violations.filter((v) => v.rule.level === 'warning');
  const errorCount = report.violations.length - warnings.length + report.problems.length;
  if (warnings.length === 0 && report.suppressed.length === 0 && report.unusedSuppressions.length === 0) {
    return '';
  }
  const out = [
    `Policy pack ${report.stackName}: ${errorCount} error(s), ${warnings.length} warning(s), ` +
      `${report.suppressed.length} suppressed`,
  ];
  for (const w of warnings) out.push(indent(formatViolation(w)));
  if (report.suppressed.length > 0) {
    out.push(`Suppressed findings in ${report.stackName} (${report.suppressed.length}):`);
    for (const s of report.suppressed) out.push(`  ${formatSuppressed(s)}`);
  }
  if (report.unusedSuppressions.length > 0) {
    out.push(
      `Unused suppressions in ${report.stackName} (${report.unusedSuppressions.length}); remove them:`,
    );
    for (const s of report.unusedSuppressions) out.push(`  ${s.id} at ${s.path}: no finding to suppress`);
  }
  return out.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
