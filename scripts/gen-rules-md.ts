/**
 * Writes RULES.md from the rule objects in modules/policy/rules (formatted with the repository's
 * Prettier settings, so `prettier --check` accepts it). `--check` exits 1 when RULES.md is stale.
 *
 *   npm run rules:md            # rewrite RULES.md
 *   npm run rules:md -- --check # verify only
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES, renderRulesMarkdown } from '../modules/policy';

export const RULES_MD_PATH = join(__dirname, '..', 'RULES.md');

/** RULES.md as it should be: rendered from the rules and formatted like every markdown file here. */
export async function expectedRulesMarkdown(): Promise<string> {
  // Loaded lazily: prettier is a dev dependency and only this script and its test need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const prettier = require('prettier') as typeof import('prettier');
  const config = (await prettier.resolveConfig(RULES_MD_PATH)) ?? {};
  return prettier.format(renderRulesMarkdown(ALL_RULES), { ...config, parser: 'markdown' });
}

async function main(): Promise<void> {
  const expected = await expectedRulesMarkdown();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(RULES_MD_PATH, 'utf8');
    } catch {
      // missing file: stale
    }
    if (current !== expected) {
      console.error('RULES.md is out of date: run `npm run rules:md`.');
      process.exit(1);
    }
    console.log(`RULES.md is up to date (${ALL_RULES.length} rules).`);
    return;
  }
  writeFileSync(RULES_MD_PATH, expected);
  console.log(`Wrote RULES.md (${ALL_RULES.length} rules).`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
