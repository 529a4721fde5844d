import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { SecureBucket } from '../../../modules/s3';
import { errorOf, invalidMessage } from '../../support/synth-json';

/** Builds a bucket with these extra lifecycle rules; `days` is a Terraform number variable. */
function build(rules: (days: number) => S3BucketLifecycleConfigurationRule[]) {
  const stack = new TerraformStack(Testing.app(), 'test');
  const days = new TerraformVariable(stack, 'days', { type: 'number' });
  return new SecureBucket(stack, 'b', {
    bucketName: 'example-bucket',
    lifecycleRules: rules(days.numberValue),
  });
}
const rule = (r: Partial<S3BucketLifecycleConfigurationRule>): S3BucketLifecycleConfigurationRule => ({
  id: 'r',
  status: 'Enabled',
  filter: [{}],
  ...r,
});
/** The message of a ValidationError for `test/b` listing these problems. */
const message = (...lines: string[]) => invalidMessage('test/b', ...lines);
const CLASSES = 'STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER, DEEP_ARCHIVE';
const ID_PROBLEM = 'must be 1-255 printable ASCII characters. Fix: name the rule, e.g. "expire-reports"';

describe('SecureBucket lifecycle rule ids and status', () => {
  it.each<[string, unknown, string]>([
    ['an empty id', '', `lifecycleRules[0].id = "": ${ID_PROBLEM}`],
    [
      'an id of 256 characters',
      'x'.repeat(256),
      `lifecycleRules[0].id = "${'x'.repeat(256)}": ${ID_PROBLEM}`,
    ],
    ['an id with a tab', 'a\tb', `lifecycleRules[0].id = "a\\tb": ${ID_PROBLEM}`],
    [
      'an id with a control character after it',
      'ab\u0001',
      `lifecycleRules[0].id = "ab\\u0001": ${ID_PROBLEM}`,
    ],
    [
      'an id with a control character before it',
      '\u0001ab',
      `lifecycleRules[0].id = "\\u0001ab": ${ID_PROBLEM}`,
    ],
    [
      'an id with a non-ASCII letter',
      'r\u00e9sum\u00e9',
      `lifecycleRules[0].id = "r\u00e9sum\u00e9": ${ID_PROBLEM}`,
    ],
    ['a numeric id (untyped callers)', 5, `lifecycleRules[0].id = 5: ${ID_PROBLEM}`],
  ])('refuses %s', (_name, id, line) => {
    expect(errorOf(() => build(() => [rule({ id: id as string })]))).toBe(message(line));
  });

  it('refuses the second rule with an id already used, naming that rule', () => {
    expect(errorOf(() => build(() => [rule({ id: 'x' }), rule({ id: 'y' }), rule({ id: 'x' })]))).toBe(
      message('lifecycleRules[2].id = "x": is used by another rule. Fix: give every rule its own id'),
    );
  });

  it.each<[string, unknown]>([
    ['"On"', 'On'],
    ['"enabled" (lower case)', 'enabled'],
    ['no status (untyped callers)', undefined],
  ])('refuses the status %s', (_name, status) => {
    expect(errorOf(() => build(() => [rule({ status: status as string })]))).toBe(
      message(
        `lifecycleRules[0].status = ${status === undefined ? 'undefined' : JSON.stringify(status)}: ` +
          'must be "Enabled" or "Disabled". Fix: use "Enabled"',
      ),
    );
  });

  it.each<[string, S3BucketLifecycleConfigurationRule[]]>([
    ['a disabled rule', [rule({ status: 'Disabled', expiration: [{ days: 30 }] })]],
    ['an id of 255 printable characters', [rule({ id: `~ ${'x'.repeat(253)}` })]],
    ['several rules with their own ids', [rule({ id: 'a' }), rule({ id: 'b' }), rule({ id: 'c' })]],
  ])('accepts %s', (_name, rules) => {
    expect(() => build(() => rules)).not.toThrow();
  });
});

describe('SecureBucket lifecycle transitions and expiration', () => {
  it.each<[string, S3BucketLifecycleConfigurationRule, string[]]>([
    [
      'a negative transition day',
      rule({ transition: [{ days: -1, storageClass: 'GLACIER' }] }),
      [
        'lifecycleRules[0].transition[0].days = -1: must be a whole number of days from 0 to 36500. Fix: use a day count such as 30',
        'lifecycleRules[0].transition[0].days = -1: is earlier than S3 allows for GLACIER (0 days after creation). ' +
          'Fix: transition to GLACIER after 0 days or more',
      ],
    ],
    [
      'a transition on day 36501',
      rule({ transition: [{ days: 36501, storageClass: 'GLACIER' }] }),
      [
        'lifecycleRules[0].transition[0].days = 36501: must be a whole number of days from 0 to 36500. Fix: use a day count such as 30',
      ],
    ],
    [
      'ONEZONE_IA on day 29',
      rule({ transition: [{ days: 29, storageClass: 'ONEZONE_IA' }] }),
      [
        'lifecycleRules[0].transition[0].days = 29: is earlier than S3 allows for ONEZONE_IA (30 days after creation). ' +
          'Fix: transition to ONEZONE_IA after 30 days or more',
      ],
    ],
    [
      'an unknown storage class',
      rule({ transition: [{ days: 30, storageClass: 'COLD' }] }),
      [
        'lifecycleRules[0].transition[0].storageClass = "COLD": is not a storage class a lifecycle rule can transition to. ' +
          `Fix: use one of ${CLASSES}`,
      ],
    ],
    [
      'a transition out of an unknown storage class on the same day',
      rule({
        transition: [
          { days: 30, storageClass: 'COLD' },
          { days: 30, storageClass: 'GLACIER' },
        ],
      }),
      [
        'lifecycleRules[0].transition[0].storageClass = "COLD": is not a storage class a lifecycle rule can transition to. ' +
          `Fix: use one of ${CLASSES}`,
        'lifecycleRules[0].transition[1].days = 30: leaves COLD (entered on day 30) before its minimum storage duration of 0 days. ' +
          'Fix: transition on day 31 or later',
      ],
    ],
    [
      'two transitions on one day',
      rule({
        transition: [
          { days: 0, storageClass: 'INTELLIGENT_TIERING' },
          { days: 0, storageClass: 'GLACIER' },
        ],
      }),
      [
        'lifecycleRules[0].transition[1].days = 0: leaves INTELLIGENT_TIERING (entered on day 0) before its minimum storage ' +
          'duration of 0 days. Fix: transition on day 1 or later',
      ],
    ],
    [
      'leaving GLACIER one day before its minimum duration, transitions listed out of order',
      rule({
        transition: [
          { days: 89, storageClass: 'DEEP_ARCHIVE' },
          { days: 0, storageClass: 'GLACIER' },
        ],
      }),
      [
        'lifecycleRules[0].transition[0].days = 89: leaves GLACIER (entered on day 0) before its minimum storage duration ' +
          'of 90 days. Fix: transition on day 90 or later',
      ],
    ],
    [
      'an expiration on day 0',
      rule({ expiration: [{ days: 0 }] }),
      [
        'lifecycleRules[0].expiration[0].days = 0: must be a whole number of days from 1 to 36500. Fix: use a day count such as 90',
      ],
    ],
    [
      'an expiration on day 36501',
      rule({ expiration: [{ days: 36501 }] }),
      [
        'lifecycleRules[0].expiration[0].days = 36501: must be a whole number of days from 1 to 36500. Fix: use a day count such as 90',
      ],
    ],
    [
      'a fractional expiration',
      rule({ expiration: [{ days: 1.5 }] }),
      [
        'lifecycleRules[0].expiration[0].days = 1.5: must be a whole number of days from 1 to 36500. Fix: use a day count such as 90',
      ],
    ],
    [
      'an expiration on the day of the transition',
      rule({ transition: [{ days: 5, storageClass: 'INTELLIGENT_TIERING' }], expiration: [{ days: 5 }] }),
      [
        'lifecycleRules[0].expiration[0].days = 5: expires objects before or when they are moved to INTELLIGENT_TIERING ' +
          'on day 5 (minimum storage duration 0 days). Fix: expire on day 6 or later, or drop the transition',
      ],
    ],
    [
      "an expiration one day inside GLACIER's minimum duration",
      rule({ transition: [{ days: 0, storageClass: 'GLACIER' }], expiration: [{ days: 89 }] }),
      [
        'lifecycleRules[0].expiration[0].days = 89: expires objects too soon after they are moved to GLACIER on day 0 ' +
          '(minimum storage duration 90 days). Fix: expire on day 90 or later, or drop the transition',
      ],
    ],
    [
      'an expiration right after a transition to an unknown storage class',
      rule({ transition: [{ days: 30, storageClass: 'COLD' }], expiration: [{ days: 30 }] }),
      [
        'lifecycleRules[0].transition[0].storageClass = "COLD": is not a storage class a lifecycle rule can transition to. ' +
          `Fix: use one of ${CLASSES}`,
        'lifecycleRules[0].expiration[0].days = 30: expires objects before or when they are moved to COLD on day 30 ' +
          '(minimum storage duration 0 days). Fix: expire on day 31 or later, or drop the transition',
      ],
    ],
    [
      'the second expiration entry, when the first has no day count',
      rule({ expiration: [{ expiredObjectDeleteMarker: true }, { days: 0 }] }),
      [
        'lifecycleRules[0].expiration[1].days = 0: must be a whole number of days from 1 to 36500. Fix: use a day count such as 90',
      ],
    ],
  ])('refuses %s', (_name, r, lines) => {
    expect(errorOf(() => build(() => [r]))).toBe(message(...lines));
  });

  it('checks the rules after the first one under their own index', () => {
    expect(
      errorOf(() =>
        build(() => [
          rule({ id: 'a' }),
          rule({ id: 'b', transition: [{ days: 10, storageClass: 'STANDARD_IA' }] }),
        ]),
      ),
    ).toBe(
      message(
        'lifecycleRules[1].transition[0].days = 10: is earlier than S3 allows for STANDARD_IA (30 days after creation). ' +
          'Fix: transition to STANDARD_IA after 30 days or more',
      ),
    );
  });

  it.each<[string, S3BucketLifecycleConfigurationRule]>([
    ['a transition on day 36500', rule({ transition: [{ days: 36500, storageClass: 'GLACIER' }] })],
    ['an expiration on day 36500', rule({ expiration: [{ days: 36500 }] })],
    ['ONEZONE_IA on day 30', rule({ transition: [{ days: 30, storageClass: 'ONEZONE_IA' }] })],
    [
      'transitions listed out of order',
      rule({
        transition: [
          { days: 300, storageClass: 'DEEP_ARCHIVE' },
          { days: 30, storageClass: 'STANDARD_IA' },
          { days: 60, storageClass: 'GLACIER' },
        ],
        expiration: [{ days: 480 }],
      }),
    ],
    [
      'leaving GLACIER exactly at its minimum duration',
      rule({
        transition: [
          { days: 0, storageClass: 'GLACIER' },
          { days: 90, storageClass: 'DEEP_ARCHIVE' },
        ],
      }),
    ],
    [
      'an expiration exactly at the minimum duration',
      rule({ transition: [{ days: 10, storageClass: 'GLACIER' }], expiration: [{ days: 100 }] }),
    ],
    [
      'a transition on a date and an expiration of delete markers (no day counts)',
      rule({
        transition: [{ date: '2030-01-01T00:00:00Z', storageClass: 'GLACIER' }],
        expiration: [{ expiredObjectDeleteMarker: true }],
      }),
    ],
  ])('accepts %s', (_name, r) => {
    expect(() => build(() => [r])).not.toThrow();
  });
});

describe('SecureBucket lifecycle noncurrent-version transitions', () => {
  it.each<[string, S3BucketLifecycleConfigurationRule, string[]]>([
    [
      'STANDARD_IA 10 days after a version becomes noncurrent',
      rule({ noncurrentVersionTransition: [{ noncurrentDays: 10, storageClass: 'STANDARD_IA' }] }),
      [
        'lifecycleRules[0].noncurrentVersionTransition[0].noncurrentDays = 10: is earlier than S3 allows for STANDARD_IA ' +
          '(30 days after creation). Fix: transition to STANDARD_IA after 30 days or more',
      ],
    ],
    [
      'an unknown storage class',
      rule({ noncurrentVersionTransition: [{ noncurrentDays: 30, storageClass: 'COLD' }] }),
      [
        'lifecycleRules[0].noncurrentVersionTransition[0].storageClass = "COLD": is not a storage class a lifecycle rule ' +
          `can transition to. Fix: use one of ${CLASSES}`,
      ],
    ],
    [
      'leaving STANDARD_IA too soon',
      rule({
        noncurrentVersionTransition: [
          { noncurrentDays: 30, storageClass: 'STANDARD_IA' },
          { noncurrentDays: 59, storageClass: 'GLACIER' },
        ],
      }),
      [
        'lifecycleRules[0].noncurrentVersionTransition[1].noncurrentDays = 59: leaves STANDARD_IA (entered on day 30) ' +
          'before its minimum storage duration of 30 days. Fix: transition on day 60 or later',
      ],
    ],
    [
      'the second noncurrent expiration entry, when the first has no day count',
      rule({
        noncurrentVersionExpiration: [{ newerNoncurrentVersions: 3 } as never, { noncurrentDays: 0 }],
      }),
      [
        'lifecycleRules[0].noncurrentVersionExpiration[1].noncurrentDays = 0: must be a whole number of days from 1 to 36500. ' +
          'Fix: use a day count such as 90',
      ],
    ],
  ])('refuses %s', (_name, r, lines) => {
    expect(errorOf(() => build(() => [r]))).toBe(message(...lines));
  });

  it('accepts STANDARD_IA after 30 noncurrent days, GLACIER after 60 and expiry after 150', () => {
    expect(() =>
      build(() => [
        rule({
          noncurrentVersionTransition: [
            { noncurrentDays: 30, storageClass: 'STANDARD_IA' },
            { noncurrentDays: 60, storageClass: 'GLACIER' },
          ],
          noncurrentVersionExpiration: [{ noncurrentDays: 150 }],
        }),
      ]),
    ).not.toThrow();
  });
});

describe('SecureBucket lifecycle day counts known only at apply time', () => {
  it('leaves a transition with such a day count to S3, storage class included', () => {
    expect(() =>
      build((days) => [
        rule({
          transition: [{ days, storageClass: 'NOT_CHECKED' }],
          noncurrentVersionTransition: [{ noncurrentDays: days, storageClass: 'NOT_CHECKED' }],
        }),
      ]),
    ).not.toThrow();
  });

  it('leaves such an expiration to S3, and checks the others of the rule', () => {
    expect(() =>
      build((days) => [
        rule({
          transition: [{ days: 0, storageClass: 'GLACIER' }],
          expiration: [{ days }],
          noncurrentVersionExpiration: [{ noncurrentDays: days }],
        }),
      ]),
    ).not.toThrow();
    expect(
      errorOf(() =>
        build((days) => [
          rule({ transition: [{ days: 7, storageClass: 'STANDARD_IA' }], expiration: [{ days }] }),
        ]),
      ),
    ).toBe(
      message(
        'lifecycleRules[0].transition[0].days = 7: is earlier than S3 allows for STANDARD_IA (30 days after creation). ' +
          'Fix: transition to STANDARD_IA after 30 days or more',
      ),
    );
  });
});
