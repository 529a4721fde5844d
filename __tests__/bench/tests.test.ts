import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ignorePattern, startsTerraform, terraformTestFiles } from '../../bench/lib/tests';

// Built from parts, so that this file does not count as one that starts Terraform itself.
const GATE = 'describeWith' + 'Terraform';
const RUN = 'run' + 'Terraform';
const LIB = 'review/' + 'terraform';

describe('startsTerraform', () => {
  it.each([
    [`import { ${GATE} } from '../support/terraform-gate';`, true],
    [`const r = ${RUN}(['init'], dir);`, true],
    [`import { terraformEnv } from '../../${LIB}';`, true],
    ["import { Testing } from 'cdktf';\nit('synthesizes', () => {});", false],
    ['// mentions terraform validate in a comment only', false],
  ])('%s -> %s', (source, expected) => {
    expect(startsTerraform(source)).toBe(expected);
  });
});

describe('terraformTestFiles and ignorePattern', () => {
  const root = mkdtempSync(join(tmpdir(), 'bench-tests-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds the test files that start Terraform, and a pattern that ignores exactly those', () => {
    const files: Record<string, string> = {
      '__tests__/terraform/validate.test.ts': `${GATE}("x", () => {});`,
      '__tests__/modules/vpc.test.ts': "it('a', () => {});",
      '__tests__/backend/state.integration.test.ts': `${RUN}([], ".")`,
      '__tests__/support/terraform-gate.ts': `export function ${GATE}() {}`,
    };
    for (const [f, body] of Object.entries(files)) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), body);
    }
    const found = terraformTestFiles(root);
    expect(found).toEqual([
      '__tests__/backend/state.integration.test.ts',
      '__tests__/terraform/validate.test.ts',
    ]);
    const re = new RegExp(ignorePattern(found));
    expect(re.test('/repo/__tests__/terraform/validate.test.ts')).toBe(true);
    expect(re.test('/repo/__tests__/backend/state.integration.test.ts')).toBe(true);
    expect(re.test('/repo/__tests__/modules/vpc.test.ts')).toBe(false);
    expect(re.test('/repo/__tests__/terraform/validateXtest.ts')).toBe(false);
  });
});
