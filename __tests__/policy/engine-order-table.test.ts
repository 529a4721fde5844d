/**
 * The policy engine's report: findings ordered by construct path (rule order within a path),
 * suppressions of the run's own rules, and "did you mean" hints up to an edit distance of 3.
 */
import { closestRuleId, runPolicyPack } from '../../modules/policy/engine';
import { JsonObject, PolicyRule } from '../../modules/policy/types';

/** A rule that fails every resource of `type`. */
function failing(id: string, type: string): PolicyRule {
  return {
    id,
    title: id,
    rationale: id,
    level: 'error',
    fix: id,
    appliesTo: [type],
    check: () => ({ status: 'non-compliant', detail: id }),
  };
}

/** A stack with one resource per [type, name, construct path]. */
function stack(resources: Array<[string, string, string]>): JsonObject {
  const resource: Record<string, Record<string, JsonObject>> = {};
  for (const [type, name, path] of resources) {
    resource[type] = { ...resource[type], [name]: { '//': { metadata: { path } } } };
  }
  return { resource } as JsonObject;
}

describe('runPolicyPack: findings by construct path', () => {
  it('orders violations by path, keeping rule order within one path', () => {
    const report = runPolicyPack(
      stack([
        ['t_one', 'z', 'st/z'],
        ['t_one', 'a', 'st/a'],
        ['t_two', 'm', 'st/m'],
        ['t_two', 'a2', 'st/a'],
      ]),
      { stackName: 'st', rules: [failing('R-ONE-001', 't_one'), failing('R-TWO-001', 't_two')] },
    );
    expect(report.violations.map((v) => [v.resource.path, v.rule.id])).toEqual([
      ['st/a', 'R-ONE-001'],
      ['st/a', 'R-TWO-001'],
      ['st/m', 'R-TWO-001'],
      ['st/z', 'R-ONE-001'],
    ]);
  });

  it('orders suppressed findings by path too, and accepts suppressions of the run’s own rules', () => {
    const report = runPolicyPack(
      stack([
        ['t_one', 'z', 'st/z'],
        ['t_one', 'b', 'st/b'],
        ['t_one', 'c', 'st/c'],
      ]),
      {
        stackName: 'st',
        rules: [failing('R-ONE-001', 't_one')],
        suppressions: [{ id: 'R-ONE-001', path: 'st', reason: 'a test stack with a reason' }],
      },
    );
    expect([report.problems, report.violations, report.suppressed.map((v) => v.resource.path)]).toEqual([
      [],
      [],
      ['st/b', 'st/c', 'st/z'],
    ]);
  });
});

describe('closestRuleId', () => {
  const known = ['MLM-S3-001', 'MLM-IAM-003'];
  it.each<[string, string | undefined]>([
    ['MLM-S3-001', 'MLM-S3-001'],
    ['mlm-s3-001', 'MLM-S3-001'],
    ['MLM-S3-01', 'MLM-S3-001'],
    ['MLM-IAM-3', 'MLM-IAM-003'],
    ['MLM-S3-XYZ', 'MLM-S3-001'],
    ['MLM-S-XYZ', undefined],
    ['XYZ', undefined],
  ])('%s: %s', (id, expected) => {
    expect(closestRuleId(id, known)).toBe(expected);
  });
});
