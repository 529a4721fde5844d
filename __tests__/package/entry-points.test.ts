import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  REPO_ROOT,
  entryPoints,
  expectedExports,
  moduleFolders,
  namespaceOf,
  staleEntryPoints,
} from '../../scripts/package-exports';

interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  main: string;
  types: string;
  engines: { node: string };
  files: string[];
  exports: Record<string, { types: string; default: string } | string>;
  typesVersions: Record<string, Record<string, string[]>>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
}
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;

describe('package entry points', () => {
  const folders = moduleFolders();

  it('are up to date with the module folders (run `npm run package:exports`)', () => {
    expect(staleEntryPoints()).toEqual([]);
  });

  it('give every module folder a subpath export to its built index and .d.ts', () => {
    expect(folders.length).toBeGreaterThanOrEqual(16);
    for (const m of folders) {
      expect([m, pkg.exports[`./${m}`]]).toEqual([
        m,
        { types: `./lib/modules/${m}/index.d.ts`, default: `./lib/modules/${m}/index.js` },
      ]);
      expect(pkg.typesVersions['*'][m]).toEqual([`lib/modules/${m}/index.d.ts`]);
    }
  });

  it('export the root (every module as a namespace) and the state backend', () => {
    expect(pkg.exports['.']).toEqual({
      types: './lib/modules/index.d.ts',
      default: './lib/modules/index.js',
    });
    expect(pkg.exports['./backend']).toEqual({
      types: './lib/backend/index.d.ts',
      default: './lib/backend/index.js',
    });
    expect(pkg.main).toBe('lib/modules/index.js');
    expect(pkg.types).toBe('lib/modules/index.d.ts');
    const index = readFileSync(join(REPO_ROOT, 'modules', 'index.ts'), 'utf8');
    for (const m of folders) expect(index).toContain(`export * as ${namespaceOf(m)} from './${m}';`);
    expect(namespaceOf('security-group')).toBe('securityGroup');
    expect(namespaceOf('elasticache-redis')).toBe('elasticacheRedis');
  });

  it('are each listed in the README table of "Use the modules in your project"', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Use the modules in your project'));
    const missing = [...folders, 'backend'].filter((m) => !new RegExp(`\\|\\s*\`${m}\``).test(section));
    expect(missing).toEqual([]);
  });

  it('list nothing else: no deep imports into the build', () => {
    expect(Object.keys(expectedExports()).sort()).toEqual(
      ['.', './package.json', ...Object.keys(entryPoints()).map((s) => `./${s}`)].sort(),
    );
  });
});

describe('package metadata', () => {
  it('is a public, versioned package under a real name', () => {
    expect(pkg.name).toBe('@ml-platform/cdktf-aws');
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.private).toBeUndefined();
    expect(readFileSync(join(REPO_ROOT, 'CHANGELOG.md'), 'utf8')).toContain(`## ${pkg.version}`);
    expect(readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8')).toMatch(/^Mozilla Public License Version 2\.0/);
  });

  it('needs Node 20.19 or newer (cidr-tools is ESM-only and loads with require() from 20.19)', () => {
    expect(pkg.engines.node).toBe('>=20.19');
  });

  it('takes cdktf, constructs and the providers from the consumer (peers), pinned for the repo itself', () => {
    const peers = ['@cdktf/provider-aws', '@cdktf/provider-random', 'cdktf', 'constructs'];
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(peers);
    for (const p of peers) {
      expect(pkg.dependencies[p]).toBeUndefined();
      // The dev pin is the lowest version of the peer range: the repo builds against it.
      expect([p, pkg.peerDependencies[p]]).toEqual([p, `^${pkg.devDependencies[p]}`]);
    }
    expect(pkg.peerDependenciesMeta).toEqual({ '@cdktf/provider-random': { optional: true } });
  });

  it('keeps the runtime helpers as dependencies, pinned', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['cidr-tools', 'ipaddr.js', 'yaml']);
    for (const v of Object.values(pkg.dependencies)) expect(v).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('ships only the build and the changelog (README, LICENSE and package.json always ship)', () => {
    expect(pkg.files).toEqual(['lib/**/*.js', 'lib/**/*.d.ts', 'CHANGELOG.md']);
  });

  it('builds only the modules and the backend, without tests', () => {
    const build = JSON.parse(readFileSync(join(REPO_ROOT, 'tsconfig.build.json'), 'utf8')) as {
      include: string[];
      exclude: string[];
      compilerOptions: Record<string, unknown>;
    };
    expect(build.include).toEqual(['modules/**/*.ts', 'backend/**/*.ts']);
    expect(build.exclude).toEqual(expect.arrayContaining(['**/__tests__/**', '**/*.test.ts']));
    expect(build.compilerOptions).toMatchObject({ outDir: 'lib', declaration: true, noEmit: false });
  });
});
