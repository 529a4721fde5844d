import { closestRuleId, runPolicyPack } from '../../modules/policy/engine';
import { errorMessages, formatReport, formatViolation } from '../../modules/policy/report';
import { JsonObject, PolicyRule } from '../../modules/policy/types';

const TF: JsonObject = {
  resource: {
    aws_thing: {
      a: { '//': { metadata: { path: 'st/x/a' } }, ok: false },
      b: { '//': { metadata: { path: 'st/y/b' } }, ok: true },
      c: { '//': { metadata: { path: 'st/x/c' } }, ok: 'n/a' },
    },
    aws_other: { d: { ok: false } },
  },
};

const rule = (over: Partial<PolicyRule> = {}): PolicyRule => ({
  id: 'T-THING-001',
  title: 'Things are ok',
  rationale: 'Because things that are not ok break.',
  level: 'error',
  fix: 'set ok = true',
  appliesTo: ['aws_thing'],
  check: (ctx) => {
    const ok = ctx.resource.config.ok;
    if (ok === 'n/a') return 'not-applicable';
    return ok === true ? 'compliant' : { status: 'non-compliant', detail: 'ok is false' };
  },
  ...over,
});

describe('runPolicyPack', () => {
  it('evaluates each rule on the resource types it applies to', () => {
    const report = runPolicyPack(TF, { stackName: 'st', rules: [rule()] });
    expect(report.evaluations.map((e) => [e.resource.address, e.status])).toEqual([
      ['aws_thing.a', 'non-compliant'],
      ['aws_thing.b', 'compliant'],
      ['aws_thing.c', 'not-applicable'],
    ]);
    expect(report.violations.map((v) => [v.resource.path, v.status, v.detail])).toEqual([
      ['st/x/a', 'non-compliant', 'ok is false'],
    ]);
    expect(report.problems).toEqual([]);
  });

  it('orders violations by construct path', () => {
    const all = rule({ check: () => 'non-compliant', appliesTo: ['aws_other', 'aws_thing'] });
    const report = runPolicyPack(TF, { stackName: 'st', rules: [all] });
    expect(report.violations.map((v) => v.resource.path)).toEqual([
      'aws_other.d',
      'st/x/a',
      'st/x/c',
      'st/y/b',
    ]);
  });

  it('keeps rule order within one resource', () => {
    const first = rule({ id: 'T-B-001', check: () => 'non-compliant' });
    const second = rule({ id: 'T-A-001', check: () => 'non-compliant' });
    const report = runPolicyPack(TF, { stackName: 'st', rules: [first, second] });
    expect(report.violations.map((v) => `${v.resource.path} ${v.rule.id}`)).toEqual([
      'st/x/a T-B-001',
      'st/x/a T-A-001',
      'st/x/c T-B-001',
      'st/x/c T-A-001',
      'st/y/b T-B-001',
      'st/y/b T-A-001',
    ]);
  });

  it('applies a suppression only to its own rule, and lists suppressed findings by path', () => {
    const all = rule({ check: () => 'non-compliant', appliesTo: ['aws_other', 'aws_thing'] });
    const report = runPolicyPack(TF, {
      stackName: 'st',
      rules: [all],
      suppressions: [
        { path: 'st', id: 'T-THING-001', reason: 'everything in st' },
        { path: 'st/x', id: 'T-OTHER-001', reason: 'another rule' },
      ],
      knownRuleIds: ['T-OTHER-001'],
    });
    expect(report.violations.map((v) => v.resource.path)).toEqual(['aws_other.d']);
    expect(report.suppressed.map((v) => [v.resource.path, v.status])).toEqual([
      ['st/x/a', 'non-compliant'],
      ['st/x/c', 'non-compliant'],
      ['st/y/b', 'non-compliant'],
    ]);
  });

  it('treats a suppression of a known rule that is not running as unused, not unknown', () => {
    const report = runPolicyPack(TF, {
      stackName: 'st',
      rules: [rule()],
      suppressions: [
        { path: 'st/x', id: 'T-THING-001', reason: 'x is special' },
        { path: 'st/y', id: 'T-OTHER-001', reason: 'not running here' },
      ],
      knownRuleIds: ['T-OTHER-001'],
    });
    expect(report.violations).toEqual([]);
    expect(report.suppressed.map((s) => s.suppression?.path)).toEqual(['st/x']);
    expect(report.unusedSuppressions.map((s) => s.id)).toEqual(['T-OTHER-001']);
    expect(report.problems).toEqual([]);
  });

  it.each([
    [undefined, 'undefined'],
    ['passed', '"passed"'],
    [{ status: 'ok' }, '{"status":"ok"}'],
    [null, 'null'],
  ])('reports a rule returning %p instead of a status', (outcome, shown) => {
    const report = runPolicyPack(TF, { stackName: 'st', rules: [rule({ check: () => outcome as never })] });
    expect(report.evaluations).toEqual([]);
    expect(report.problems[0]).toBe(
      `T-THING-001 could not evaluate aws_thing.a (st/x/a): check returned ${shown}, not one of compliant, non-compliant, not-applicable`,
    );
  });

  it('reports an unknown suppression as a problem, not as unused', () => {
    const report = runPolicyPack(TF, {
      stackName: 'st',
      rules: [rule()],
      suppressions: [{ path: 'st/x', id: 'T-THNG-001', reason: 'typo in the id' }],
    });
    expect(report.problems).toEqual([
      'Suppression at st/x names unknown rule "T-THNG-001" (did you mean "T-THING-001"?). Rule ids are listed in RULES.md.',
    ]);
    expect(report.unusedSuppressions).toEqual([]);
    expect(report.violations).toHaveLength(1);
  });

  it('reports a non-Error thrown by a rule', () => {
    const report = runPolicyPack(TF, {
      stackName: 'st',
      rules: [
        rule({
          check: () => {
            throw 'plain string';
          },
        }),
      ],
    });
    expect(report.problems[0]).toBe('T-THING-001 could not evaluate aws_thing.a (st/x/a): plain string');
  });
});

describe('closestRuleId', () => {
  const known = ['MLM-S3-001', 'MLM-S3-005', 'MLM-LOG-001'];
  it('suggests an id within three edits, case-insensitively', () => {
    expect(closestRuleId('MLM-S3-00S', known)).toBe('MLM-S3-001');
    expect(closestRuleId('mlm-s3-005', known)).toBe('MLM-S3-005');
    expect(closestRuleId('MLM-LOG-1', known)).toBe('MLM-LOG-001');
  });
  it('stops suggesting beyond three edits', () => {
    expect(closestRuleId('MLM-S3-0', known)).toBe('MLM-S3-001'); // three deletions
    expect(closestRuleId('MLM-S3', known)).toBeUndefined(); // four
  });
  it('suggests nothing for distant ids', () => {
    expect(closestRuleId('ACME-NAMING-001', known)).toBeUndefined();
    expect(closestRuleId('X', [])).toBeUndefined();
  });
});

describe('report text', () => {
  let report: ReturnType<typeof runPolicyPack>;
  beforeEach(() => {
    report = runPolicyPack(TF, { stackName: 'st', rules: [rule()] });
  });

  it('omits the Found line when a rule gives no detail, and shows the checkov id when there is one', () => {
    const text = formatViolation({
      ...report.violations[0],
      detail: undefined,
      rule: { ...report.violations[0].rule, checkovId: 'CKV_AWS_1' },
    });
    expect(text).toBe(
      'T-THING-001 [error] st/x/a (aws_thing.a)\n    Rule:  Things are ok (CKV_AWS_1)\n    Fix:   set ok = true',
    );
  });

  it('has no errors and prints nothing for a clean report', () => {
    const clean = runPolicyPack(TF, { stackName: 'st', rules: [rule({ check: () => 'compliant' })] });
    expect(errorMessages(clean)).toEqual([]);
    expect(formatReport(clean)).toBe('');
  });

  it('prints warnings, suppressions and unused suppressions with the error count', () => {
    const warn = rule({ id: 'T-WARN-001', level: 'warning', title: 'Things warn', fix: 'look' });
    const full = runPolicyPack(TF, {
      stackName: 'st',
      rules: [rule(), warn],
      suppressions: [
        { path: 'st/x/a', id: 'T-THING-001', reason: 'a is fine' },
        { path: 'st', id: 'T-WARN-001', reason: 'never mind' },
        { path: 'st/z', id: 'T-THING-001', reason: 'nothing here' },
      ],
    });
    expect(formatReport(full)).toBe(
      [
        'Policy pack st: 0 error(s), 0 warning(s), 2 suppressed',
        'Suppressed findings in st (2):',
        '  T-THING-001 st/x/a (aws_thing.a): a is fine',
        '  T-WARN-001 st/x/a (aws_thing.a) (suppressed at st): never mind',
        'Unused suppressions in st (1); remove them:',
        '  T-THING-001 at st/z: no finding to suppress',
      ].join('\n'),
    );
    const unsuppressed = runPolicyPack(TF, {
      stackName: 'st',
      rules: [rule(), warn],
      suppressions: [{ path: 'st', id: 'T-UNKNOWN-999', reason: 'unknown id' }],
    });
    expect(formatReport(unsuppressed)).toBe(
      [
        'Policy pack st: 2 error(s), 1 warning(s), 0 suppressed',
        '  T-WARN-001 [warning] st/x/a (aws_thing.a)',
        '      Rule:  Things warn',
        '      Found: ok is false',
        '      Fix:   look',
      ].join('\n'),
    );
  });

  it('counts violations and pack problems in the error summary', () => {
    const both = runPolicyPack(TF, {
      stackName: 'st',
      rules: [rule()],
      suppressions: [{ path: 'st', id: 'T-UNKNOWN-999', reason: 'unknown id' }],
    });
    const messages = errorMessages(both);
    expect(messages).toHaveLength(3);
    expect(messages[1]).toBe(
      'Policy pack: Suppression at st names unknown rule "T-UNKNOWN-999". Rule ids are listed in RULES.md.',
    );
    expect(messages[2]).toBe(
      "Policy pack: 2 errors in st. Fix each one, or, where a rule does not apply, suppress it with PolicySuppressions.add(construct, [{ id: '<rule id>', reason: '<why>' }]) (see docs/policy.md).",
    );
  });

  it('prints nothing for error-only reports (the errors are in the exception)', () => {
    expect(errorMessages(report)).toHaveLength(2);
    expect(formatReport(report)).toBe('');
  });
});
