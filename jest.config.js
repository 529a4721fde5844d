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
    // ESM-only dependencies (cidr-tools and its ip-bigint) become CommonJS for Jest's module
    // loader; plain Node (>= 20.19) loads them with require() as they are.
    '/node_modules/(cidr-tools|ip-bigint)/.+\\.js$': '<rootDir>/scripts/transpile.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!(cidr-tools|ip-bigint)/)'],
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.js'],
  globalSetup: '<rootDir>/__tests__/support/global-setup.js',
  globalTeardown: '<rootDir>/__tests__/support/global-teardown.js',
  cacheDirectory: '<rootDir>/.cache/jest',
  testTimeout: 120000,
  // Jest's default keeps one core for itself (1 worker on 2 cores); the tests are CPU-bound
  // child processes and synths, so every core runs a worker.
  maxWorkers: '100%',
};
