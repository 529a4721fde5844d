import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startsTerraform, testFiles } from '../bench/lib/tests';

const ROOT = resolve(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { testPathIgnorePatterns } = require('../jest.unit.config.js') as {
  testPathIgnorePatterns: string[];
};
/** The unit tier's ignore patterns other than node_modules: the slow tier's test paths. */
const SLOW_TESTS = testPathIgnorePatterns.filter((p) => p !== '/node_modules/');
const STARTS_EMULATORS = /\bstartEmulators\b|support\/emulators['"]/;

describe('test tiers', () => {
  const files = testFiles(ROOT, join(ROOT, '__tests__'));
  const slow = (f: string) => SLOW_TESTS.some((p) => new RegExp(p).test(`/${f}`));

  it('keeps every test that starts Terraform or an emulator out of the unit tier', () => {
    const misnamed = files.filter((f) => {
      const source = readFileSync(join(ROOT, f), 'utf8');
      return (startsTerraform(source) || STARTS_EMULATORS.test(source)) && !slow(f);
    });
    expect(misnamed).toEqual([]);
  });

  it('has both tiers', () => {
    expect(files.filter(slow).length).toBeGreaterThan(3);
    expect(files.filter((f) => !slow(f)).length).toBeGreaterThan(30);
  });
});
