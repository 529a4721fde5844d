import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_IMPORT_PRELUDE, withRootImport, writeRootImportCopy } from '../../bench/lib/baseline';
import { moduleGroup } from '../../bench/lib/require-profile';
import { countStack, readSynthOutput, totals } from '../../bench/lib/synth-output';

describe('countStack', () => {
  it('counts resources and data sources by name within each type', () => {
    const counts = countStack('s', {
      resource: { aws_subnet: { a: {}, b: {} }, aws_vpc: { main: {} } },
      data: { aws_iam_policy_document: { p: {} } },
    });
    expect(counts).toEqual({ name: 's', resources: 3, dataSources: 1, bytes: 0, dependencies: [] });
  });

  it('counts an empty stack as zero', () => {
    expect(countStack('e', {})).toEqual({
      name: 'e',
      resources: 0,
      dataSources: 0,
      bytes: 0,
      dependencies: [],
    });
  });
});

describe('readSynthOutput', () => {
  const out = mkdtempSync(join(tmpdir(), 'bench-out-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('reads every stack of the manifest, sorted, with its file size, and totals them', () => {
    const write = (name: string, json: object) => {
      mkdirSync(join(out, 'stacks', name), { recursive: true });
      writeFileSync(join(out, 'stacks', name, 'cdk.tf.json'), JSON.stringify(json));
    };
    write('b', { resource: { t: { x: {}, y: {} } } });
    write('a', { data: { d: { z: {} } } });
    writeFileSync(
      join(out, 'manifest.json'),
      JSON.stringify({
        stacks: {
          b: { synthesizedStackPath: 'stacks/b/cdk.tf.json', dependencies: ['a'] },
          a: { synthesizedStackPath: 'stacks/a/cdk.tf.json' },
        },
      }),
    );
    const stacks = readSynthOutput(out);
    expect(stacks.map((s) => [s.name, s.resources, s.dataSources, s.dependencies])).toEqual([
      ['a', 0, 1, []],
      ['b', 2, 0, ['a']],
    ]);
    expect(stacks[1].bytes).toBe(JSON.stringify({ resource: { t: { x: {}, y: {} } } }).length);
    expect(totals(stacks)).toMatchObject({ stacks: 2, resources: 2, dataSources: 1 });
  });
});

describe('moduleGroup', () => {
  it.each([
    ['/r/node_modules/cdktf/lib/app.js', 'cdktf'],
    ['/r/node_modules/@cdktf/provider-aws/lib/vpc/index.js', '@cdktf/provider-aws'],
    ['/r/node_modules/a/node_modules/semver/index.js', 'semver'],
    ['/r/modules/vpc/vpc.ts', 'modules/vpc'],
    ['/r/main.ts', 'main.ts'],
  ])('%s belongs to %s', (file, group) => {
    expect(moduleGroup(file, '/r')).toBe(group);
  });
});

describe('the root-import baseline', () => {
  it('puts the provider root import, used as a value, in front of main.ts', () => {
    const src = withRootImport("import { App } from 'cdktf';\n");
    expect(src.startsWith(ROOT_IMPORT_PRELUDE)).toBe(true);
    expect(src).toContain("import * as aws from '@cdktf/provider-aws';\nvoid aws.provider.AwsProvider;");
    expect(src.endsWith("import { App } from 'cdktf';\n")).toBe(true);
  });

  it('copies the app without tests, scripts or tooling, and runs it with ts-node', () => {
    const repo = mkdtempSync(join(tmpdir(), 'bench-repo-'));
    const copy = join(repo, 'bench', 'out', 'baseline');
    try {
      for (const [file, body] of Object.entries({
        'main.ts': 'export {};\n',
        'modules/vpc/vpc.ts': 'export const a = 1;\n',
        'modules/vpc/__tests__/vpc.test.ts': '',
        'stacks/env.ts': '',
        '__tests__/x.test.ts': '',
        'scripts/plan.ts': '',
        'README.md': '',
        'cdktf.json': JSON.stringify({ app: 'node main.js', context: { a: 1 } }),
        'tsconfig.json': '{}',
      })) {
        mkdirSync(join(repo, file, '..'), { recursive: true });
        writeFileSync(join(repo, file), body);
      }
      expect(writeRootImportCopy(repo, copy)).toEqual(['main.ts', 'modules', 'stacks']);
      expect(readFileSync(join(copy, 'main.ts'), 'utf8')).toBe(`${ROOT_IMPORT_PRELUDE}export {};\n`);
      expect(readFileSync(join(copy, 'modules/vpc/vpc.ts'), 'utf8')).toBe('export const a = 1;\n');
      expect(() => readFileSync(join(copy, 'modules/vpc/__tests__/vpc.test.ts'))).toThrow('ENOENT');
      expect(JSON.parse(readFileSync(join(copy, 'cdktf.json'), 'utf8'))).toEqual({
        app: 'npx ts-node main.ts',
        context: { a: 1 },
      });
      expect(JSON.parse(readFileSync(join(copy, 'tsconfig.json'), 'utf8'))).toMatchObject({
        extends: '../../../tsconfig.json',
      });
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
