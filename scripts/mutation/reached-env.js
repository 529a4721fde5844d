/**
 * The Jest test environment of `npm run mutation` (scripts/mutation.ts): Node's environment that,
 * during Stryker's dry run, records which mutants each test file reached. reached-filter.js then
 * runs a mutant against only those test files.
 *
 * Why: Stryker runs every mutant with Jest over all of a module's test files (the tests chosen by
 * name). A file none of whose tests were chosen is still loaded, with cdktf and the provider
 * classes it imports, and that loading is most of the time a mutant takes. A mutant that a test
 * file never reached cannot change that file's result: Jest gives each file its own module
 * registry, and the instrumented code only differs from the original where the mutant is placed.
 *
 * Reached means: counted by Stryker's coverage instrumentation (its `mutantCoverage`, static and
 * per test) between this environment's setup and teardown. Nothing is recorded outside the dry run
 * (in a mutant run Stryker sets __STRYKER_ACTIVE_MUTANT__) or when MLMON_MUTATION_REACHED, the
 * file to append to, is not set.
 */
'use strict';
const { appendFileSync } = require('node:fs');
const { TestEnvironment } = require('jest-environment-node');

/** Every mutant id counted so far, with its count (static and per-test coverage together). */
function counts(coverage) {
  const total = new Map();
  const add = (hits) => {
    for (const [id, n] of Object.entries(hits ?? {})) total.set(id, (total.get(id) ?? 0) + n);
  };
  add(coverage?.static);
  for (const hits of Object.values(coverage?.perTest ?? {})) add(hits);
  return total;
}

class ReachedEnvironment extends TestEnvironment {
  #testPath;
  #before;

  constructor(config, context) {
    super(config, context);
    this.#testPath = context.testPath;
  }

  #recording() {
    return (
      process.env.MLMON_MUTATION_REACHED !== undefined && process.env.__STRYKER_ACTIVE_MUTANT__ === undefined
    );
  }

  /** Stryker's instrumenter context, which its environment mixin puts on this global. */
  #coverage() {
    const ns = this.global.__strykerGlobalNamespace__ ?? '__stryker__';
    return this.global[ns]?.mutantCoverage;
  }

  async setup() {
    await super.setup();
    if (this.#recording()) this.#before = counts(this.#coverage());
  }

  async teardown() {
    if (this.#recording() && this.#before !== undefined) {
      const reached = [...counts(this.#coverage())]
        .filter(([id, n]) => n > (this.#before.get(id) ?? 0))
        .map(([id]) => id);
      appendFileSync(
        process.env.MLMON_MUTATION_REACHED,
        `${JSON.stringify({ file: this.#testPath, reached })}\n`,
      );
    }
    await super.teardown();
  }
}

module.exports = ReachedEnvironment;
