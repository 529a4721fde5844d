/**
 * A value that several tests of one `describe` use (a stack, a synthesized document, a sandbox),
 * built on its first use inside a test and kept until that test ends. The next test builds it
 * again.
 *
 * Built in the `describe` body instead, that work runs while Jest collects the file, for every
 * run of the file, even one that selects a single test by name, which is how Stryker runs each
 * mutant. Stryker also counts every line executed there as "static", so each of those mutants
 * runs the whole module's tests. Built once and shared across tests, the work would be credited
 * only to the first test that ran it, and a mutant would be tried against that test alone. Built
 * once per test, each test that uses the value is credited with all the code behind it.
 *
 * Call `lazy` in a `describe` body or at the top of a test file (it registers a `beforeEach`), not
 * inside a test. A build that throws is not kept: the next call builds again and throws again.
 */
export function lazy<T>(build: () => T): () => T {
  let built = false;
  let value: T | undefined;
  beforeEach(() => {
    built = false;
    value = undefined;
  });
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
