import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { entryPoints } from '../../scripts/package-exports';

/**
 * The examples in the READMEs use the package as a consumer would: every name they import from
 * `@ml-platform/cdktf-aws/<entry point>` is exported by that entry point (types included).
 */
const ROOT = join(__dirname, '..', '..');
const PACKAGE = '@ml-platform/cdktf-aws';

function readmes(): string[] {
  const out = [join(ROOT, 'README.md')];
  for (const dir of ['modules', 'examples']) {
    for (const d of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const f = join(ROOT, dir, d.name, 'README.md');
      if (d.isDirectory() && existsSync(f)) out.push(f);
    }
  }
  return out;
}

/** Names exported by each entry point's index, types included, by the TypeScript checker. */
function exportsByEntryPoint(): Map<string, Set<string>> {
  const points = { '': 'modules', ...entryPoints() };
  const files = Object.values(points).map((dir) => join(ROOT, dir, 'index.ts'));
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    skipLibCheck: true,
    noResolve: false,
    types: [],
  });
  const checker = program.getTypeChecker();
  const out = new Map<string, Set<string>>();
  for (const [subpath, dir] of Object.entries(points)) {
    const source = program.getSourceFile(join(ROOT, dir, 'index.ts'));
    const symbol = source && checker.getSymbolAtLocation(source);
    out.set(subpath, new Set(symbol ? checker.getExportsOfModule(symbol).map((s) => s.name) : []));
  }
  return out;
}

describe('README examples', () => {
  const exported = exportsByEntryPoint();

  it('import only what the entry points export', () => {
    const problems: string[] = [];
    let imports = 0;
    const re = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*'${PACKAGE}(?:/([a-z-]+))?'`, 'g');
    for (const file of readmes()) {
      for (const m of readFileSync(file, 'utf8').matchAll(re)) {
        const subpath = m[2] ?? '';
        const names = m[1]
          .split(',')
          .map(
            (n) =>
              n
                .trim()
                .replace(/^type\s+/, '')
                .split(/\s+as\s+/)[0],
          )
          .filter((n) => n !== '');
        imports++;
        const available = exported.get(subpath);
        if (!available) {
          problems.push(`${relative(ROOT, file)}: ${PACKAGE}/${subpath} is not an entry point`);
          continue;
        }
        for (const n of names) {
          if (!available.has(n))
            problems.push(`${relative(ROOT, file)}: ${n} is not exported by ${PACKAGE}/${subpath}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(imports).toBeGreaterThan(15);
  });
});
