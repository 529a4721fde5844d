/**
 * The API reference, generated from the TSDoc comments of every entry point (typedoc.json:
 * `modules/<name>/index.ts` and `backend/index.ts`) by typedoc and typedoc-plugin-markdown into
 * docs/api/ (one page per module). Typedoc warnings are errors: a public type that references an
 * unexported one, or a broken `{@link}`, fails the run.
 *
 *   npm run docs:api             # rewrite docs/api
 *   npm run docs:api -- --check  # regenerate into a temporary folder; exit 1 when docs/api differs
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export const REPO_ROOT = join(__dirname, '..');
export const API_DOCS_DIR = join(REPO_ROOT, 'docs', 'api');

/** Runs typedoc with typedoc.json, writing to `out`; throws with its output when it fails. */
export function generateApiDocs(out: string): void {
  const typedoc = join(REPO_ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc');
  const r = spawnSync(process.execPath, [typedoc, '--out', out], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`typedoc failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  }
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Files that differ between two trees (added, removed or changed), relative to their roots. */
export function differences(expectedDir: string, actualDir: string): string[] {
  const expected = new Map(files(expectedDir).map((f) => [relative(expectedDir, f), f]));
  const actual = new Map(files(actualDir).map((f) => [relative(actualDir, f), f]));
  const out: string[] = [];
  for (const [rel, f] of expected) {
    const other = actual.get(rel);
    if (other === undefined) out.push(`${rel} (missing)`);
    else if (readFileSync(f, 'utf8') !== readFileSync(other, 'utf8')) out.push(`${rel} (changed)`);
  }
  for (const rel of actual.keys()) if (!expected.has(rel)) out.push(`${rel} (not generated any more)`);
  return out.sort();
}

function main(): void {
  const start = Date.now();
  if (process.argv.includes('--check')) {
    const dir = mkdtempSync(join(tmpdir(), 'api-docs-'));
    try {
      generateApiDocs(dir);
      const stale = differences(dir, API_DOCS_DIR);
      if (stale.length > 0) {
        console.error(
          `docs/api is out of date with the TSDoc comments (${stale.length} files): run \`npm run docs:api\`.\n` +
            stale.map((s) => `  ${s}`).join('\n'),
        );
        process.exit(1);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(`docs/api is up to date (${((Date.now() - start) / 1000).toFixed(1)} s).`);
    return;
  }
  rmSync(API_DOCS_DIR, { recursive: true, force: true });
  generateApiDocs(API_DOCS_DIR);
  console.log(
    `Wrote docs/api (${files(API_DOCS_DIR).length} files, ${((Date.now() - start) / 1000).toFixed(1)} s).`,
  );
}

if (require.main === module) main();
