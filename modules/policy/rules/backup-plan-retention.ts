import { blocks, num, show, str } from '../json';
import { fromProblems } from '../outcome';
import { PolicyRule } from '../types';

export const backupPlanRetention: PolicyRule = {
  id: 'MLM-BAK-002',
  title: 'Backup plan rules and their copies expire recovery points',
  rationale:
    'Without lifecycle.delete_after, recovery points are kept and billed forever (about $0.05 per GB-month ' +
    'for EBS snapshots), and a data-retention policy can not be enforced.',
  level: 'warning',
  fix: 'set lifecycle { delete_after = <days> } on every rule and copy_action (BackupPlan: retentionInDays, copyRetentionInDays)',
  appliesTo: ['aws_backup_plan'],
  check: (ctx) => {
    const problems: string[] = [];
    blocks(ctx.resource.config.rule).forEach((rule, i) => {
      const label = `rule ${show(str(rule.rule_name) ?? `#${i + 1}`)}`;
      const days = num(blocks(rule.lifecycle)[0]?.delete_after);
      if (days === undefined || days <= 0) problems.push(`${label} has no lifecycle.delete_after`);
      blocks(rule.copy_action).forEach((copy, j) => {
        const copyDays = num(blocks(copy.lifecycle)[0]?.delete_after);
        if (copyDays === undefined || copyDays <= 0)
          problems.push(`${label} copy_action #${j + 1} has no lifecycle.delete_after`);
      });
    });
    return fromProblems(problems);
  },
};
