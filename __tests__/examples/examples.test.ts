import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import * as ts from 'typescript';
import { EXAMPLES_DIR as EXAMPLES, EXAMPLE_NAMES, loadExample } from './examples';

/**
 * Every folder under examples/ is a small project (main.ts, README.md, cdktf.json) that builds
 * its stacks with `build(app)`, under the policy pack, from the library's entry points only.
 * examples-terraform.test.ts validates and plans them all in one Terraform run.
 */

/** Import specifiers of a file, by the TypeScript parser. */
function imports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
  return source.statements
    .filter(ts.isImportDeclaration)
    .map((s) => (s.moduleSpecifier as ts.StringLiteral).text);
}

/** What an example may import: what a consumer of the package can. */
const ALLOWED = [
  /^cdktf$/,
  /^constructs$/,
  /^@cdktf\/provider-aws\/lib\/[a-z0-9-]+$/,
  /^\.\.\/\.\.\/modules\/[a-z0-9-]+$/, // = @ml-platform/cdktf-aws/<module> (the module's index)
  /^\.\.\/\.\.\/backend$/, // = @ml-platform/cdktf-aws/backend
];

describe('examples', () => {
  it('include the four the package documents', () => {
    expect(EXAMPLE_NAMES).toEqual(
      expect.arrayContaining([
        'app-host-with-monitoring',
        'policy-pack-existing-stack',
        'state-backend',
        'vpc-with-secure-bucket',
      ]),
    );
  });

  describe.each(EXAMPLE_NAMES)('%s', (name) => {
    const dir = join(EXAMPLES, name);

    it('is a project: main.ts, a README with the package imports, cdktf.json', () => {
      expect(existsSync(join(dir, 'main.ts'))).toBe(true);
      expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/from '@ml-platform\/cdktf-aws\/[a-z-]+'/);
      const cdktf = JSON.parse(readFileSync(join(dir, 'cdktf.json'), 'utf8')) as {
        app: string;
        language: string;
      };
      expect(cdktf).toMatchObject({
        language: 'typescript',
        app: 'node -r ../../scripts/transpile.js main.ts',
      });
    });

    it('imports only the entry points a consumer has', () => {
      const bad = imports(join(dir, 'main.ts')).filter((spec) => !ALLOWED.some((re) => re.test(spec)));
      expect(bad).toEqual([]);
    });

    it('synthesizes every stack under the policy pack with zero errors', () => {
      const app = Testing.app();
      const stacks = loadExample(name).build(app);
      expect(stacks.length).toBeGreaterThan(0);
      for (const stack of stacks) {
        expect(() => Testing.synth(stack, true)).not.toThrow();
      }
    });
  });
});
