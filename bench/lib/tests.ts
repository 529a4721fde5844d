/**
 * Which test files start Terraform, so `npm run bench` can time the unit tests without them. A test
 * file counts when it uses the Terraform gate or runner (`describeWithTerraform`, `runTerraform`,
 * `terraformOrThrow`) or imports `review/terraform`; the list follows the suite as it grows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const TERRAFORM_MARKERS =
  /\bdescribeWithTerraform\b|\brunTerraform\b|\bterraformOrThrow\b|review\/terraform['"]/;

/** True when a test file's source starts Terraform (directly or through the shared helpers). */
export function startsTerraform(source: string): boolean {
  return TERRAFORM_MARKERS.test(source);
}

/** Test files (`*.test.ts`) under `dir`, relative to `root` with `/` separators, sorted. */
export function testFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== '__snapshots__') walk(p);
      } else if (e.name.endsWith('.test.ts')) {
        out.push(relative(root, p).split(sep).join('/'));
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** The test files under `dir` that start Terraform. */
export function terraformTestFiles(root: string, dir = join(root, '__tests__')): string[] {
  return testFiles(root, dir).filter((f) => startsTerraform(readFileSync(join(root, f), 'utf8')));
}

/** A `--testPathIgnorePatterns` regex matching exactly these files. */
export function ignorePattern(files: readonly string[]): string {
  return files.map((f) => `/${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`).join('|');
}
