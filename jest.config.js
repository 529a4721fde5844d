/**
 * Jest runs TypeScript through scripts/transpile.js (TypeScript's transpileModule): transpile only,
 * no type-checking.
 * Types are checked once, by `npm run typecheck` (tsc --noEmit), as its own step of `npm test`.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': '<rootDir>/scripts/transpile.js',
  },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.js'],
  cacheDirectory: '<rootDir>/.cache/jest',
  testTimeout: 120000,
};
