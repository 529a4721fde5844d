/** CloudTrail trail names: 3-128 ASCII letters, digits, '.', '_', '-', starting and ending with a letter or digit. */
const TRAIL_NAME_RE = /^[A-Za-z0-9]([A-Za-z0-9._-]{1,126})[A-Za-z0-9]$/;

/**
 * Problems with a CloudTrail trail name (empty when valid). A plain function with no provider
 * imports, so configuration checks can use it without loading constructs.
 */
export function trailNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (typeof name !== 'string' || !TRAIL_NAME_RE.test(name)) {
    problems.push(
      "must be 3-128 ASCII letters, digits, '.', '_' or '-', starting and ending with a letter or digit",
    );
  }
  if (typeof name === 'string' && /[._-]{2}/.test(name))
    problems.push("must not have two of '.', '_', '-' in a row");
  if (typeof name === 'string' && /^\d{1,3}(\.\d{1,3}){3}$/.test(name)) {
    problems.push('must not be formatted as an IP address');
  }
  return problems;
}
