/**
 * AWS Backup schedule expressions: `cron(Minutes Hours Day-of-month Month Day-of-week Year)`, in
 * the AWS (EventBridge) cron dialect, checked at synth so a typo fails before `terraform apply`.
 */

/** The six fields of an AWS cron expression, in order. */
export const CRON_FIELDS = ['minutes', 'hours', 'day-of-month', 'month', 'day-of-week', 'year'] as const;

interface FieldRule {
  readonly min: number;
  readonly max: number;
  /** Names accepted for values (month and weekday abbreviations), mapped to numbers. */
  readonly names?: readonly string[];
  /** Extra single-token forms allowed in this field (L, W, #). */
  readonly special?: RegExp;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const RULES: Record<(typeof CRON_FIELDS)[number], FieldRule> = {
  minutes: { min: 0, max: 59 },
  hours: { min: 0, max: 23 },
  'day-of-month': { min: 1, max: 31, special: /^(L|LW|([1-9]|[12]\d|3[01])W)$/ },
  month: { min: 1, max: 12, names: MONTHS },
  'day-of-week': { min: 1, max: 7, names: WEEKDAYS, special: /^(L|[1-7]L|[1-7]#[1-5])$/ },
  year: { min: 1970, max: 2199 },
};

function valueOf(token: string, rule: FieldRule): number | undefined {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= rule.min && n <= rule.max ? n : undefined;
  }
  const i = rule.names?.indexOf(token.toUpperCase()) ?? -1;
  return i >= 0 ? rule.min + i : undefined;
}

/** True when one comma-separated item of a field is valid. */
function itemOk(item: string, rule: FieldRule): boolean {
  if (item === '*') return true;
  if (rule.special?.test(item.toUpperCase())) return true;
  const [range, step, ...rest] = item.split('/');
  if (rest.length > 0) return false;
  if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1 && Number(step) <= rule.max))
    return false;
  if (range === '*') return step !== undefined;
  const bounds = range.split('-');
  if (bounds.length > 2) return false;
  const values = bounds.map((b) => valueOf(b, rule));
  if (values.some((x) => x === undefined)) return false;
  return values.length === 1 || (values[0] as number) <= (values[1] as number);
}

/**
 * Problems with a backup schedule expression (empty when valid):
 * - the form `cron(<6 fields>)`;
 * - each field's values, ranges, lists and steps, month and weekday names (`JAN`, `MON`), and
 *   `L`, `W`, `#` where AWS allows them;
 * - exactly one of day-of-month and day-of-week is `?`;
 * - minutes is a single value: AWS Backup runs a rule at most once an hour.
 */
export function scheduleProblems(expression: string): string[] {
  const m = /^cron\((.*)\)$/.exec(expression.trim());
  if (!m) return ['must have the form cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)'];
  const fields = m[1].trim().split(/\s+/);
  if (fields.length !== 6) return [`has ${fields.length} fields; AWS cron expressions have 6`];
  const problems: string[] = [];
  fields.forEach((field, i) => {
    const name = CRON_FIELDS[i];
    if (field === '?') {
      if (name !== 'day-of-month' && name !== 'day-of-week') problems.push(`${name} can't be "?"`);
      return;
    }
    if (!field.split(',').every((item) => item !== '' && itemOk(item, RULES[name]))) {
      const r = RULES[name];
      problems.push(
        `${name} "${field}" is not valid (values ${r.min}-${r.max}${r.names ? ` or ${r.names[0]}-${r.names[r.names.length - 1]}` : ''})`,
      );
    }
  });
  const dom = fields[2];
  const dow = fields[4];
  if ((dom === '?') === (dow === '?')) {
    problems.push('exactly one of day-of-month and day-of-week must be "?"');
  }
  if (!/^\d{1,2}$/.test(fields[0])) {
    problems.push('minutes must be a single value: AWS Backup runs a rule at most once an hour');
  }
  return problems;
}

/** True for an IANA time zone name Node knows (e.g. `Europe/Berlin`), or `UTC`. */
export function isTimeZone(name: string): boolean {
  if (name === 'UTC' || name === 'Etc/UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return /^[A-Za-z]+(\/[A-Za-z0-9_+-]+)*$/.test(name);
  } catch {
    return false;
  }
}
