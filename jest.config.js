/**
 * Jest runs TypeScript through @swc/jest: transpile only, no type-checking.
 * Types are checked once, by `npm run typecheck` (tsc --noEmit), as its own step of `npm test`.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
  },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.js'],
  cacheDirectory: '<rootDir>/.cache/jest',
  testTimeout: 120000,
};
