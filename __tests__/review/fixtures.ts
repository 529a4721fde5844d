import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlanJson, TerraformPlanJson } from '../../review/plan-json';

/** Plan fixtures made by `npm run fixtures:plans` (scripts/gen-plan-fixtures.ts); never edited by hand. */
export const FIXTURE_DIR = join(__dirname, '..', 'fixtures', 'plans');

/** The plan fixtures, by name. */
export type PlanFixture = 'create-bootstrap' | 'create-dev' | 'no-change' | 'update' | 'replace' | 'destroy';

export function loadPlan(name: PlanFixture): TerraformPlanJson {
  return parsePlanJson(readFileSync(join(FIXTURE_DIR, `${name}.json`), 'utf8'), `${name}.json`);
}

export function loadConstructs(name: 'create-bootstrap' | 'create-dev'): Record<string, string> {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, `${name}.constructs.json`), 'utf8')) as Record<
    string,
    string
  >;
}

export function fixtureFiles(): string[] {
  return readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.json'));
}

/** The raw text of a fixture (to look for values that must never reach a summary). */
export function fixtureText(name: PlanFixture): string {
  return readFileSync(join(FIXTURE_DIR, `${name}.json`), 'utf8');
}
