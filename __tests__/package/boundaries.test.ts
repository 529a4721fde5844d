import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

/**
 * The package boundary (README "Layout"): `modules/` is what other teams install, so it imports
 * nothing from the rest of the repository, and it knows nothing about this repository's systems:
 * no seed names and none of the seed host's ports as defaults.
 */
const ROOT = join(__dirname, '..', '..');
const MODULES = join(ROOT, 'modules');
/** Folders of this repository that are not part of the package's modules. */
const OUTSIDE = ['stacks', 'backend', 'review', 'bench', 'scripts', 'examples', '__tests__'];
/** The seed host's ports: the model API, Prometheus, Grafana, the node exporter. */
const SEED_PORTS = '(8000|9090|3000|9100)';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports, and `require(...)` calls. */
function specifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      out.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'require' &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      out.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Lines of the modules' sources matching `re`, as `<file>:<line>: <text>`. */
function grep(re: RegExp): string[] {
  return tsFiles(MODULES).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (re.test(line) ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('the package boundary', () => {
  const files = tsFiles(MODULES);

  it('covers every module', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('modules/ imports nothing from stacks/, backend/, review/, bench/ or the other folders', () => {
    const offending = files.flatMap((file) =>
      specifiers(file)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => relative(ROOT, resolve(dirname(file), spec)))
        .filter((target) => !target.startsWith('modules/') && target !== 'modules')
        .map((target) => `${relative(ROOT, file)} -> ${target}`),
    );
    expect(offending).toEqual([]);
    expect(OUTSIDE.every((d) => !offending.some((o) => o.includes(` -> ${d}`)))).toBe(true);
  });

  it('modules/ imports only its peers, its runtime dependencies and Node built-ins', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
    };
    const allowed = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)];
    const external = files.flatMap((file) =>
      specifiers(file)
        .filter((spec) => !spec.startsWith('.') && !spec.startsWith('node:'))
        .filter((spec) => !allowed.some((a) => spec === a || spec.startsWith(`${a}/`)))
        .map((spec) => `${relative(ROOT, file)}: ${spec}`),
    );
    expect(external).toEqual([]);
  });

  it('names none of this repository’s systems (mlmon)', () => {
    expect(grep(/mlmon/i)).toEqual([]);
  });

  it('defaults to none of the seed host’s ports (8000, 9090, 3000, 9100) and has no presets for them', () => {
    expect(grep(new RegExp(`port[^\\n]*(\\?\\?|@default)\\s*\\{?\\s*${SEED_PORTS}\\b`, 'i'))).toEqual([]);
    expect(grep(new RegExp(`\\b(api|prometheus|grafana|nodeExporter)\\s*:\\s*${SEED_PORTS}\\b`))).toEqual([]);
  });

  it('the checks can fail: they find the seed names and ports where they are', () => {
    const stack = readFileSync(join(ROOT, 'stacks', 'mlmon', 'contract.ts'), 'utf8');
    expect(/mlmon/i.test(stack)).toBe(true);
    expect(new RegExp(`\\bapi\\s*:\\s*${SEED_PORTS}\\b`).test(stack)).toBe(true);
  });
});
