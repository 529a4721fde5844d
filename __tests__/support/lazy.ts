/**
 * A value built on first use and kept for the tests after it.
 *
 * Use it for a stack, a synthesized document or a sandbox that several tests of one `describe`
 * share. Built in the `describe` body, that work runs while Jest collects the file, for every run
 * of the file, even one that selects a single test by name (Stryker runs each mutant that way),
 * and Stryker counts every line it executes as "static", which makes each of those mutants run
 * the whole file. Built through `lazy`, it runs inside the first test that needs it.
 *
 * A build that throws is not kept: the next call builds again and throws again, so every test
 * that uses it fails with the same error.
 */
export function lazy<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}
