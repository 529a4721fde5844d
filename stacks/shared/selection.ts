import { Validator } from '../../modules/core/validation';

/**
 * Parses a selection variable such as `MLMON_ENVIRONMENTS=dev,prod` against the known names.
 *
 * | value                     | result                                                     |
 * |---------------------------|------------------------------------------------------------|
 * | unset (`undefined`)       | every name                                                 |
 * | `dev,prod`, ` dev , prod` | those names, in the order of `known`                       |
 * | `''`, `' , '`             | an error: an empty CI variable must not select everything  |
 * | `dev,qa`                  | an error naming `qa` and listing the known names           |
 *
 * @param kind what is selected, in messages ("environment", "system", "stack")
 */
export function parseSelection(
  raw: string | undefined,
  known: readonly string[],
  field: string,
  kind: string,
): string[] {
  if (raw === undefined) return [...known];
  const v = new Validator(`${kind} selection`);
  if (typeof raw !== 'string') {
    v.add(
      field,
      raw,
      'must be a string',
      `set ${field} to a comma-separated list, e.g. "${known[0] ?? 'dev'}"`,
    );
    v.throwIfInvalid();
  }
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0) {
    v.add(
      field,
      raw,
      `selects no ${kind} (it is empty or blank)`,
      `unset ${field} to select every ${kind}, or list some of: ${known.join(', ')}`,
    );
  }
  for (const name of names) {
    v.check(
      known.includes(name),
      field,
      name,
      `is not a known ${kind} (known: ${known.join(', ')})`,
      `use one of ${known.join(', ')}`,
    );
  }
  v.throwIfInvalid();
  return known.filter((k) => names.includes(k));
}

/** Names that occur more than once, for "duplicate name" errors. */
export function duplicates(names: readonly string[]): string[] {
  return [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
}
