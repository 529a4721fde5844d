import { Token } from 'cdktf';
import { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { Validator } from '../core/validation';

/**
 * Storage classes a lifecycle rule can move objects to, with what S3 enforces or charges.
 *
 * | class               | earliest transition (days after creation) | minimum storage duration |
 * |---------------------|-------------------------------------------|--------------------------|
 * | STANDARD_IA         | 30 (enforced)                             | 30 days                  |
 * | ONEZONE_IA          | 30 (enforced)                             | 30 days                  |
 * | INTELLIGENT_TIERING | 0                                         | none                     |
 * | GLACIER_IR          | 0                                         | 90 days                  |
 * | GLACIER             | 0                                         | 90 days                  |
 * | DEEP_ARCHIVE        | 0                                         | 180 days                 |
 *
 * An object that leaves a class (by a later transition or by expiration) before its minimum
 * duration is billed for the whole minimum anyway; S3 also refuses a transition out of an IA
 * class less than 30 days after the transition into it. Both are refused here.
 */
export const STORAGE_CLASS_RULES: Readonly<
  Record<string, { readonly earliestDays: number; readonly minimumDays: number }>
> = {
  STANDARD_IA: { earliestDays: 30, minimumDays: 30 },
  ONEZONE_IA: { earliestDays: 30, minimumDays: 30 },
  INTELLIGENT_TIERING: { earliestDays: 0, minimumDays: 0 },
  GLACIER_IR: { earliestDays: 0, minimumDays: 90 },
  GLACIER: { earliestDays: 0, minimumDays: 90 },
  DEEP_ARCHIVE: { earliestDays: 0, minimumDays: 180 },
};

/** Lifecycle day counts are whole days; S3 accepts up to this many (about 100 years). */
const MAX_DAYS = 36500;
const RULE_ID_RE = /^[\x20-\x7e]{1,255}$/;

type Step = { readonly days: number; readonly storageClass: string; readonly field: string };

function list<T>(value: T[] | unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function known(n: unknown): n is number {
  return typeof n === 'number' && !Token.isUnresolved(n);
}

/**
 * Checks one chain of transitions followed by an optional expiration (current or noncurrent
 * versions): day ranges, ascending order, each class's earliest day and minimum duration, and an
 * expiration after the last transition's minimum duration.
 */
function checkChain(
  v: Validator,
  steps: Step[],
  expiration: { days: number; field: string } | undefined,
): void {
  for (const s of steps) {
    v.check(
      Number.isInteger(s.days) && s.days >= 0 && s.days <= MAX_DAYS,
      s.field,
      s.days,
      `must be a whole number of days from 0 to ${MAX_DAYS}`,
      'use a day count such as 30',
    );
    const rules = STORAGE_CLASS_RULES[s.storageClass];
    v.check(
      rules !== undefined,
      s.field.replace(/(days|noncurrentDays)$/, 'storageClass'),
      s.storageClass,
      'is not a storage class a lifecycle rule can transition to',
      `use one of ${Object.keys(STORAGE_CLASS_RULES).join(', ')}`,
    );
    if (rules) {
      v.check(
        s.days >= rules.earliestDays,
        s.field,
        s.days,
        `is earlier than S3 allows for ${s.storageClass} (${rules.earliestDays} days after creation)`,
        `transition to ${s.storageClass} after ${rules.earliestDays} days or more`,
      );
    }
  }
  const sorted = [...steps].sort((a, b) => a.days - b.days);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    const min = STORAGE_CLASS_RULES[prev.storageClass]?.minimumDays ?? 0;
    v.check(
      cur.days - prev.days >= Math.max(min, 1),
      cur.field,
      cur.days,
      `leaves ${prev.storageClass} (entered on day ${prev.days}) before its minimum storage duration of ${min} days`,
      `transition on day ${prev.days + Math.max(min, 1)} or later`,
    );
  }
  if (expiration) {
    v.check(
      Number.isInteger(expiration.days) && expiration.days >= 1 && expiration.days <= MAX_DAYS,
      expiration.field,
      expiration.days,
      `must be a whole number of days from 1 to ${MAX_DAYS}`,
      'use a day count such as 90',
    );
    const last = sorted[sorted.length - 1];
    if (last) {
      const min = STORAGE_CLASS_RULES[last.storageClass]?.minimumDays ?? 0;
      v.check(
        expiration.days > last.days && expiration.days - last.days >= min,
        expiration.field,
        expiration.days,
        `expires objects ${expiration.days <= last.days ? 'before or when they are' : 'too soon after they are'} ` +
          `moved to ${last.storageClass} on day ${last.days} (minimum storage duration ${min} days)`,
        `expire on day ${last.days + Math.max(min, 1)} or later, or drop the transition`,
      );
    }
  }
}

/**
 * Problems with lifecycle rules, recorded in `v` under `field[i]...`: unique ids, a status of
 * Enabled or Disabled, sane day counts, transitions in order and before expiration, and each
 * storage class's earliest transition and minimum storage duration. `reservedIds` are ids of
 * rules the construct adds itself. Token-valued numbers are not checked.
 */
export function checkLifecycleRules(
  v: Validator,
  field: string,
  rules: readonly S3BucketLifecycleConfigurationRule[],
  reservedIds: readonly string[],
): void {
  const ids = [...reservedIds];
  rules.forEach((rule, i) => {
    const at = `${field}[${i}]`;
    v.check(
      typeof rule.id === 'string' && RULE_ID_RE.test(rule.id),
      `${at}.id`,
      rule.id,
      'must be 1-255 printable ASCII characters',
      'name the rule, e.g. "expire-reports"',
    );
    v.check(
      !ids.includes(rule.id),
      `${at}.id`,
      rule.id,
      reservedIds.includes(rule.id)
        ? 'is the id of a rule the bucket adds itself'
        : 'is used by another rule',
      'give every rule its own id',
    );
    ids.push(rule.id);
    v.check(
      rule.status === 'Enabled' || rule.status === 'Disabled',
      `${at}.status`,
      rule.status,
      'must be "Enabled" or "Disabled"',
      'use "Enabled"',
    );
    const transitions: Step[] = list<{ days?: number; storageClass: string }>(rule.transition)
      .map((t, j) => ({ t, j }))
      .filter(({ t }) => known(t.days))
      .map(({ t, j }) => ({
        days: t.days as number,
        storageClass: t.storageClass,
        field: `${at}.transition[${j}].days`,
      }));
    const expirationDays = list<{ days?: number }>(rule.expiration)
      .map((e, j) => ({ e, j }))
      .find(({ e }) => known(e.days));
    checkChain(
      v,
      transitions,
      expirationDays
        ? { days: expirationDays.e.days as number, field: `${at}.expiration[${expirationDays.j}].days` }
        : undefined,
    );
    const noncurrent: Step[] = list<{ noncurrentDays: number; storageClass: string }>(
      rule.noncurrentVersionTransition,
    )
      .map((t, j) => ({ t, j }))
      .filter(({ t }) => known(t.noncurrentDays))
      .map(({ t, j }) => ({
        days: t.noncurrentDays,
        storageClass: t.storageClass,
        field: `${at}.noncurrentVersionTransition[${j}].noncurrentDays`,
      }));
    const noncurrentExpiration = list<{ noncurrentDays: number }>(rule.noncurrentVersionExpiration)
      .map((e, j) => ({ e, j }))
      .find(({ e }) => known(e.noncurrentDays));
    checkChain(
      v,
      noncurrent,
      noncurrentExpiration
        ? {
            days: noncurrentExpiration.e.noncurrentDays,
            field: `${at}.noncurrentVersionExpiration[${noncurrentExpiration.j}].noncurrentDays`,
          }
        : undefined,
    );
  });
}
