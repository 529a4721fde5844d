/**
 * RULES.md, rendered from the rule objects so the table can't drift from the code
 * (`npm run rules:md` writes it; a test fails when it is stale).
 */
import { PolicyRule } from './types';

/** Table-cell text: one line, with the characters Markdown would read as table, emphasis or HTML escaped. */
export function cell(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\|*<]/g, (c) => `\\${c}`);
}

/** RULES.md for a rule set (before formatting with Prettier). */
export function renderRulesMarkdown(rules: readonly PolicyRule[]): string {
  const errors = rules.filter((r) => r.level === 'error').length;
  const lines = [
    '<!-- Generated from modules/policy/rules by scripts/gen-rules-md.ts (npm run rules:md). Do not edit. -->',
    '',
    '# Policy rules',
    '',
    `The policy pack (\`modules/policy\`, see [docs/policy.md](docs/policy.md)) runs ${rules.length} rules ` +
      `on every synthesized stack: ${errors} at level **error** (synthesis fails) and ` +
      `${rules.length - errors} at level **warning** (printed).`,
    'Suppress a rule for a construct and its children with ' +
      '`PolicySuppressions.add(construct, [{ id, reason }])`.',
    '',
    '| ID | Checkov | Level | What it checks | Why | Fix | Resource types |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rules.map(
      (r) =>
        `| ${r.id} | ${r.checkovId ?? '-'} | ${r.level} | ${cell(r.title)} | ${cell(r.rationale)} | ` +
        `${cell(r.fix)} | ${r.appliesTo.map((t) => `\`${t}\``).join(', ')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
