/**
 * DNS name and Route 53 id rules, checked at synth. Shared by the dns and certificate modules.
 */

/** CloudFront's alias hosted zone id: the same for every distribution in every partition region. */
export const CLOUDFRONT_HOSTED_ZONE_ID = 'Z2FDTNDATAQYW2';

/** A Route 53 hosted zone id: `Z` then upper-case letters and digits, e.g. `Z0123456789ABCDEFGHIJ`. */
const ZONE_ID_RE = /^Z[A-Z0-9]{4,31}$/;
const LABEL_RE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** True for a syntactically valid hosted zone id (without the `/hostedzone/` prefix). */
export function isValidHostedZoneId(id: string): boolean {
  return ZONE_ID_RE.test(id);
}

/** Options of {@link domainNameProblems}. */
export interface DomainNameRules {
  /** Allow `*.` as the whole leftmost label. @default false */
  readonly wildcard?: boolean;
  /** Longest name in characters. @default 253 */
  readonly maxLength?: number;
}

/**
 * Problems with a fully qualified domain name (lower-case letters, digits and hyphens in labels of
 * 1-63 characters, at least two labels, no trailing dot); an empty list means it is valid.
 */
export function domainNameProblems(name: string, rules: DomainNameRules = {}): string[] {
  const problems: string[] = [];
  if (typeof name !== 'string' || name === '') return ['is empty'];
  const max = rules.maxLength ?? 253;
  if (name.length > max) problems.push(`is longer than ${max} characters`);
  if (name !== name.toLowerCase())
    problems.push('has upper-case letters (DNS names are case-insensitive; write them in lower case)');
  if (name.endsWith('.')) problems.push('ends with a dot');
  const labels = name.replace(/\.$/, '').split('.');
  const wildcard = labels[0] === '*';
  if (wildcard && !rules.wildcard) problems.push('is a wildcard name, which is not allowed here');
  if (labels.length < 2 + (wildcard ? 1 : 0)) problems.push('needs at least two labels (e.g. "example.com")');
  const rest = wildcard ? labels.slice(1) : labels;
  if (rest.some((l) => l.includes('*'))) problems.push('has "*" other than as the whole leftmost label');
  const bad = rest.filter((l) => !l.includes('*') && !LABEL_RE.test(l.toLowerCase()));
  if (bad.length > 0) {
    problems.push(
      `has invalid labels ${bad.map((l) => JSON.stringify(l)).join(', ')} (1-63 letters, digits and hyphens, not starting or ending with a hyphen)`,
    );
  }
  return problems;
}

/** True when `name` is `zone` or a name inside it (`app.example.com` in `example.com`). */
export function isInZone(name: string, zone: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  const z = zone.toLowerCase().replace(/\.$/, '');
  return n === z || n.endsWith(`.${z}`);
}
