/**
 * The fast tier (`npm run test:unit`): every test that starts no Terraform process and no
 * emulator. Such tests are named `*-terraform.test.ts` or `*.integration.test.ts` (or live in
 * `__tests__/terraform/`); `__tests__/test-tiers.test.ts` keeps the naming honest.
 */
const base = require('./jest.config');

/** Test paths of the slow tier, as Jest ignore patterns. */
const SLOW_TESTS = ['-terraform\\.test\\.ts$', '\\.integration\\.test\\.ts$', '/__tests__/terraform/'];

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/', ...SLOW_TESTS],
};
