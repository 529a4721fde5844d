/**
 * Terraform references inside synthesized strings. CDKTF resolves a token that points at another
 * resource to an interpolation such as `${aws_s3_bucket.models_bucket_1A2B3C4D.arn}`, possibly
 * inside a larger string (`${aws_s3_bucket.b.arn}/*`) or a function call
 * (`${element(aws_subnet.a.*.id, 0)}`).
 */

/** A reference to a resource (`aws_vpc.main.id`) or a data source (`data.aws_iam_policy_document.p.json`). */
export interface TfReference {
  readonly mode: 'resource' | 'data';
  readonly type: string;
  readonly name: string;
  /** First attribute after the name (`id`, `arn`, `json`), if any. */
  readonly attribute?: string;
}

/**
 * Where each `${...}` of a string starts and ends (`[start, end)`, delimiters included). Nested
 * braces (object literals inside a function call) and quoted strings are skipped over; `$${` is
 * Terraform's escape for a literal; an unterminated `${` is not an interpolation.
 */
export function interpolationSpans(value: string): [start: number, end: number][] {
  const found: [number, number][] = [];
  let i = 0;
  while (i < value.length) {
    const start = value.indexOf('${', i);
    if (start < 0) break;
    if (start > 0 && value[start - 1] === '$') {
      i = start + 2;
      continue;
    }
    let depth = 1;
    let j = start + 2;
    let inString = false;
    for (; j < value.length && depth > 0; j++) {
      const c = value[j];
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
    }
    if (depth > 0) break; // unterminated: not an interpolation
    found.push([start, j]);
    i = j;
  }
  return found;
}

/** The `${...}` segments of a string, without the delimiters (see {@link interpolationSpans}). */
export function interpolations(value: string): string[] {
  return interpolationSpans(value).map(([start, end]) => value.slice(start + 2, end - 1));
}

// A resource type has at least one underscore (`aws_vpc`); that excludes `var.`, `local.`, `each.`,
// `count.`, `module.`, `path.`, `self.` and function names.
const REF_RE =
  /(?<![\w.])(data\.)?([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])?(?:\.(?:\*\.)?([A-Za-z_]\w*))?/g;

const EXACT_REF_RE = new RegExp(`^${REF_RE.source}$`);

/** Every reference in a string's interpolations, in order of appearance. */
export function parseReferences(value: string): TfReference[] {
  const refs: TfReference[] = [];
  for (const expr of interpolations(value)) {
    for (const m of expr.matchAll(REF_RE)) {
      refs.push({ mode: m[1] ? 'data' : 'resource', type: m[2], name: m[3], attribute: m[4] });
    }
  }
  return refs;
}

/**
 * The reference when the whole string is exactly one interpolation of one reference, e.g.
 * `${aws_s3_bucket.b.id}` or `${aws_subnet.s[0].id}`; undefined otherwise.
 */
export function parseExactReference(value: string): TfReference | undefined {
  const segments = interpolations(value);
  if (segments.length !== 1 || value !== `\${${segments[0]}}`) return undefined;
  if (!EXACT_REF_RE.test(segments[0].trim())) return undefined;
  return parseReferences(value)[0];
}

/** `aws_vpc.main` / `data.aws_iam_policy_document.p`: the address a reference designates. */
export function referenceAddress(ref: TfReference): string {
  return ref.mode === 'data' ? `data.${ref.type}.${ref.name}` : `${ref.type}.${ref.name}`;
}
