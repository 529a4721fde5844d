/**
 * The package's entry points, derived from the folders under `modules/`: one subpath export per
 * module folder (`@ml-platform/cdktf-aws/vpc`), the root (every module as a namespace) and the
 * state backend (`/backend`). Writes them into package.json (`exports`, and `typesVersions` for
 * TypeScript projects still on `moduleResolution: "node"`, which ignores `exports`) and
 * modules/index.ts; `--check` exits 1 when either is stale, so a new module folder cannot be
 * forgotten.
 *
 *   npm run package:exports            # rewrite
 *   npm run package:exports -- --check # verify only
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..');
/** Where `tsc -p tsconfig.build.json` writes the package. */
export const BUILD_DIR = 'lib';
/** Entry points outside `modules/`: subpath -> source folder (its index.ts). */
export const EXTRA_ENTRY_POINTS: Readonly<Record<string, string>> = { backend: 'backend' };

/** Every folder under modules/ with an index.ts: each is one entry point of the package. */
export function moduleFolders(root = REPO_ROOT): string[] {
  return readdirSync(join(root, 'modules'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, 'modules', d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

/** `security-group` -> `securityGroup`: the namespace a module gets in the root entry point. */
export function namespaceOf(folder: string): string {
  return folder.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

interface Entry {
  readonly types: string;
  readonly default: string;
}
const entry = (dir: string): Entry => ({
  types: `./${BUILD_DIR}/${dir}/index.d.ts`,
  default: `./${BUILD_DIR}/${dir}/index.js`,
});

/** Subpath -> source folder of every entry point except the root. */
export function entryPoints(root = REPO_ROOT): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of moduleFolders(root)) out[m] = `modules/${m}`;
  return { ...out, ...EXTRA_ENTRY_POINTS };
}

/** The `exports` field of package.json. */
export function expectedExports(root = REPO_ROOT): Record<string, Entry | string> {
  const out: Record<string, Entry | string> = { '.': entry('modules') };
  for (const [subpath, dir] of Object.entries(entryPoints(root))) out[`./${subpath}`] = entry(dir);
  out['./package.json'] = './package.json';
  return out;
}

/** The `typesVersions` field: the same subpaths for `moduleResolution: "node"` (node10). */
export function expectedTypesVersions(root = REPO_ROOT): Record<string, Record<string, string[]>> {
  const paths: Record<string, string[]> = {};
  for (const [subpath, dir] of Object.entries(entryPoints(root))) {
    paths[subpath] = [`${BUILD_DIR}/${dir}/index.d.ts`];
  }
  return { '*': paths };
}

/** modules/index.ts: the root entry point, every module as a namespace. */
export function expectedRootIndex(root = REPO_ROOT): string {
  const lines = moduleFolders(root).map((m) => `export * as ${namespaceOf(m)} from './${m}';`);
  return [
    '/**',
    ' * @ml-platform/cdktf-aws: every module as a namespace (`import { vpc, s3 } from',
    " * '@ml-platform/cdktf-aws'`). Loading the root loads every module; import the module you use",
    " * instead (`import { Vpc } from '@ml-platform/cdktf-aws/vpc'`) to load only that one.",
    ' *',
    ' * Generated from the folders under modules/ by scripts/package-exports.ts',
    ' * (`npm run package:exports`). Do not edit.',
    ' */',
    ...lines,
    '',
  ].join('\n');
}

/** What is stale: an empty list when package.json and modules/index.ts match the folders. */
export function staleEntryPoints(root = REPO_ROOT): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    exports?: unknown;
    typesVersions?: unknown;
  };
  const stale: string[] = [];
  if (JSON.stringify(pkg.exports) !== JSON.stringify(expectedExports(root)))
    stale.push('package.json exports');
  if (JSON.stringify(pkg.typesVersions) !== JSON.stringify(expectedTypesVersions(root))) {
    stale.push('package.json typesVersions');
  }
  const index = join(root, 'modules', 'index.ts');
  if (!existsSync(index) || readFileSync(index, 'utf8') !== expectedRootIndex(root)) {
    stale.push('modules/index.ts');
  }
  return stale;
}

function main(): void {
  if (process.argv.includes('--check')) {
    const stale = staleEntryPoints();
    if (stale.length > 0) {
      console.error(`Stale entry points (${stale.join(', ')}): run \`npm run package:exports\`.`);
      process.exit(1);
    }
    console.log(`Entry points are up to date (${Object.keys(entryPoints()).length} subpaths).`);
    return;
  }
  const file = join(REPO_ROOT, 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  pkg.exports = expectedExports();
  pkg.typesVersions = expectedTypesVersions();
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(join(REPO_ROOT, 'modules', 'index.ts'), expectedRootIndex());
  console.log(
    `Wrote package.json exports and modules/index.ts (${Object.keys(entryPoints()).length} subpaths).`,
  );
}

if (require.main === module) main();
