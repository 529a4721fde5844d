import { DRIFT_LABEL, driftIssueTitle, driftMarker, driftReport, driftState } from '../../review/drift';
import { StackPlanMeta } from '../../review/plan-run';
import { summarizePlan } from '../../review/plan-summary';
import { PlanFixture, loadPlan } from './fixtures';

const meta = (stack: string, extra: Partial<StackPlanMeta> = {}): StackPlanMeta => ({
  stack,
  order: 0,
  mode: 'online',
  providerVersions: {},
  timings: { total: 1 },
  ...extra,
});
const result = (stack: string, fixture: PlanFixture | undefined, extra: Partial<StackPlanMeta> = {}) => {
  const m = meta(stack, extra);
  return {
    meta: m,
    summary: summarizePlan({ stack, plan: fixture ? loadPlan(fixture) : undefined, error: m.error }),
  };
};

describe('driftState', () => {
  it.each([
    ['no changes, exit code 0', 'clean', () => result('a', 'no-change', { planExitCode: 0 })],
    [
      'changes (exit code 2): a change by hand or an unapplied merge',
      'drift',
      () => result('a', 'update', { planExitCode: 2 }),
    ],
    ['planned changes without the detailed exit code', 'drift', () => result('a', 'replace')],
    [
      'a failed plan',
      'failed',
      () => result('a', undefined, { error: 'terraform plan failed:\nError: AccessDenied' }),
    ],
  ])('%s -> %s', (_what, expected, make) => {
    const r = make();
    expect(driftState(r.meta, r.summary)).toBe(expected);
  });

  it('counts resources changed outside Terraform as drift even without a planned change', () => {
    const r = result('a', 'no-change', { planExitCode: 0 });
    const withDrift = { ...r.summary, drift: loadPlanDrift() };
    expect(driftState(r.meta, withDrift)).toBe('drift');
  });
});

/** The drift entries of the `update` fixture (refresh found tags changed in the console). */
function loadPlanDrift() {
  return summarizePlan({ stack: 'x', plan: loadPlan('update') }).drift;
}

describe('driftReport', () => {
  const report = driftReport(
    [
      result('mlmon-dev', 'no-change', { planExitCode: 0 }),
      result('mlmon-staging', 'update', { planExitCode: 2 }),
      result('mlmon-prod', undefined, { error: 'terraform init failed:\nError: AccessDenied' }),
    ],
    { runUrl: 'https://github.com/acme/infra/actions/runs/42', checkedAt: new Date('2025-01-02T03:04:05Z') },
  );
  const entry = (stack: string) => report.entries.find((e) => e.stack === stack);

  it('names the label and one issue title per stack', () => {
    expect(report.label).toBe(DRIFT_LABEL);
    expect(report.entries.map((e) => [e.stack, e.state, e.title])).toEqual([
      ['mlmon-dev', 'clean', 'Drift: mlmon-dev'],
      ['mlmon-staging', 'drift', 'Drift: mlmon-staging'],
      ['mlmon-prod', 'failed', 'Drift: mlmon-prod'],
    ]);
    expect(driftIssueTitle('mlmon-prod')).toBe('Drift: mlmon-prod');
  });

  it('writes the issue body: marker, when, what drifted, what to do, and the plan summary', () => {
    const body = entry('mlmon-staging')?.body ?? '';
    expect(
      body.startsWith(
        `${driftMarker('mlmon-staging')}\n## ⚠️ \`mlmon-staging\` differs from its configuration on main`,
      ),
    ).toBe(true);
    expect(body).toContain(
      'Last checked 2025-01-02T03:04:05.000Z ([workflow run](https://github.com/acme/infra/actions/runs/42)): a plan from main would change it (Plan: 0 to add, 2 to change, 0 to destroy.); 1 resource(s) were changed outside Terraform.',
    );
    expect(body).toContain('run the deploy workflow on main');
    expect(body).toContain('#### ⚠️ Changed outside Terraform (1)');
    expect(body).toContain('tags.Owner = "data-team" -> "ml-platform"');
    // Values Terraform marks sensitive stay masked in the issue too.
    expect(body).toContain('tags.IngestToken = (sensitive value) -> (sensitive value)');
    expect(body.length).toBeLessThan(65_536);
  });

  it('writes the closing comment of a clean stack and the failure of a failed check', () => {
    expect(entry('mlmon-dev')?.body).toBe(
      '✅ No drift on 2025-01-02T03:04:05.000Z ([workflow run](https://github.com/acme/infra/actions/runs/42)): `mlmon-dev` matches its configuration on main again. Closing.',
    );
    expect(entry('mlmon-prod')?.body).toContain('terraform init failed:\nError: AccessDenied');
    expect(report.entries.map((e) => e.line)).toEqual([
      '✅ mlmon-dev: no drift',
      '⚠️ mlmon-staging: drift (a plan from main would change it (Plan: 0 to add, 2 to change, 0 to destroy.); 1 resource(s) were changed outside Terraform)',
      '❌ mlmon-prod: the drift check failed (see the plan job)',
    ]);
  });
});
