/**
 * Lambda runtimes: the ones this module accepts for .zip functions, and the deprecated ones it
 * refuses with the replacement to use. Dates are AWS's deprecation dates (after which security
 * patches stop and, later, updates are blocked).
 */

/** Runtimes AWS supports and the AWS provider (5.100) accepts; all run on arm64 and x86_64. */
export const LAMBDA_RUNTIMES = [
  'nodejs22.x',
  'nodejs20.x',
  'python3.13',
  'python3.12',
  'python3.11',
  'python3.10',
  'java21',
  'java17',
  'java11',
  'java8.al2',
  'dotnet8',
  'ruby3.4',
  'ruby3.3',
  'provided.al2023',
  'provided.al2',
] as const;

/** A runtime for .zip functions (see {@link LAMBDA_RUNTIMES}). */
export type LambdaRuntime = (typeof LAMBDA_RUNTIMES)[number];

/** Deprecated runtimes: refused, with the date and the runtime to move to. */
export const DEPRECATED_LAMBDA_RUNTIMES: Readonly<Record<string, { since: string; use: LambdaRuntime }>> = {
  'nodejs18.x': { since: '2025-09-01', use: 'nodejs22.x' },
  'nodejs16.x': { since: '2024-06-12', use: 'nodejs22.x' },
  'nodejs14.x': { since: '2023-12-04', use: 'nodejs22.x' },
  'nodejs12.x': { since: '2023-03-31', use: 'nodejs22.x' },
  'python3.9': { since: '2025-12-15', use: 'python3.13' },
  'python3.8': { since: '2024-10-14', use: 'python3.13' },
  'python3.7': { since: '2023-12-04', use: 'python3.13' },
  java8: { since: '2024-01-08', use: 'java21' },
  dotnet6: { since: '2024-12-20', use: 'dotnet8' },
  'dotnetcore3.1': { since: '2023-04-03', use: 'dotnet8' },
  'ruby3.2': { since: '2026-03-31', use: 'ruby3.4' },
  'ruby2.7': { since: '2023-12-07', use: 'ruby3.4' },
  'go1.x': { since: '2024-01-08', use: 'provided.al2023' },
  provided: { since: '2024-01-08', use: 'provided.al2023' },
};

/** True for a runtime of {@link LAMBDA_RUNTIMES}. */
export function isSupportedRuntime(runtime: string): runtime is LambdaRuntime {
  return (LAMBDA_RUNTIMES as readonly string[]).includes(runtime);
}
