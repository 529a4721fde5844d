/**
 * The "before" of `npm run bench`: the same app, set up the way many CDKTF projects are.
 *
 * - ts-node with type-checking as the app command (`npx ts-node main.ts`, the cdktf TypeScript
 *   template's default): every synth type-checks the program first.
 * - The provider package's root import (`import * as aws from '@cdktf/provider-aws'`): loading the
 *   root index loads every one of the provider's ~1,300 resource and data-source modules, and
 *   type-checking it reads all of their declarations.
 *
 * The root-import variant is a throwaway copy of the app's sources under the gitignored scratch
 * directory, with that import added to `main.ts`; the project's own files are never changed.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';

/** Top-level entries of the repository that are not part of the app. */
const NOT_APP = new Set([
  'node_modules',
  '__tests__',
  'bench',
  'scripts',
  'dist',
  'cdktf.out',
  'coverage',
  'reports',
  'plans',
  'docs',
  '.git',
  '.cache',
  '.ci',
  '.gen',
  '.stryker-tmp',
]);

/** The lines added at the top of `main.ts` in the root-import copy. */
export const ROOT_IMPORT_PRELUDE = [
  '// Baseline for the benchmark: the provider root import, as in many CDKTF examples.',
  "import * as aws from '@cdktf/provider-aws';",
  'void aws.provider.AwsProvider;',
  '',
].join('\n');

/** `main.ts` with the provider root import in front (used as a value, so no compiler elides it). */
export function withRootImport(mainSource: string): string {
  return ROOT_IMPORT_PRELUDE + mainSource;
}

/**
 * Copies the app (main.ts and every top-level source directory except tests, scripts and tooling)
 * into `dir`, adds the root import to `main.ts`, and writes a tsconfig.json and a cdktf.json whose
 * app command is `npx ts-node main.ts`. Returns the copied top-level entries.
 */
export function writeRootImportCopy(repoRoot: string, dir: string): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const copied: string[] = [];
  for (const entry of readdirSync(repoRoot)) {
    if (NOT_APP.has(entry) || entry.startsWith('.')) continue;
    const src = join(repoRoot, entry);
    const isDir = statSync(src).isDirectory();
    if (!isDir && !entry.endsWith('.ts')) continue;
    cpSync(src, join(dir, entry), {
      recursive: true,
      filter: (p) => !/(^|[/\\])__tests__([/\\]|$)/.test(relative(repoRoot, p)),
    });
    copied.push(entry);
  }
  const main = join(dir, 'main.ts');
  if (!existsSync(main)) throw new Error(`writeRootImportCopy: ${repoRoot} has no main.ts`);
  writeFileSync(main, withRootImport(readFileSync(main, 'utf8')));

  const rootTsconfig = relative(dir, join(repoRoot, 'tsconfig.json')).split('\\').join('/');
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify(
      { extends: rootTsconfig, compilerOptions: { incremental: false }, include: ['**/*.ts'], exclude: [] },
      null,
      2,
    ),
  );
  const cdktfJson = JSON.parse(readFileSync(join(repoRoot, 'cdktf.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(
    join(dir, 'cdktf.json'),
    JSON.stringify({ ...cdktfJson, app: 'npx ts-node main.ts' }, null, 2),
  );
  return copied.sort();
}
