import {
  classifyStacks,
  deployMatrix,
  deploySchedule,
  MAX_DEPLOY_STAGES,
  PlanOutcome,
  planHasChanges,
  renderSchedule,
  SystemLike,
} from '../../review/deploy-order';
import { SYSTEMS } from '../../stacks/systems';

const system = (name: string, ...envs: string[]): SystemLike => ({
  name,
  environments: () => envs.map((e) => ({ name: e })),
});
const SYSTEMS_FIXTURE = [system('mlmon', 'dev', 'staging', 'prod'), system('mlnews', 'dev', 'prod')];
const APP = [
  'mlmon-bootstrap',
  'mlmon-dev',
  'mlmon-prod',
  'mlmon-staging',
  'mlnews-dev',
  'mlnews-prod',
  'mlmon-account',
];

const outcome = (status: PlanOutcome['status'], drift = 0): PlanOutcome => ({
  status,
  drift,
  terraformLine:
    status === 'changes'
      ? 'Plan: 1 to add, 0 to change, 0 to destroy.'
      : 'Plan: 0 to add, 0 to change, 0 to destroy.',
});

describe('classifyStacks', () => {
  const classes = classifyStacks(APP, SYSTEMS_FIXTURE);

  it('deploys every environment stack, by system, in its environment order', () => {
    expect(classes.deploy).toEqual([
      { stack: 'mlmon-dev', system: 'mlmon', environment: 'dev', stage: 1 },
      { stack: 'mlmon-staging', system: 'mlmon', environment: 'staging', stage: 2 },
      { stack: 'mlmon-prod', system: 'mlmon', environment: 'prod', stage: 3 },
      { stack: 'mlnews-dev', system: 'mlnews', environment: 'dev', stage: 1 },
      { stack: 'mlnews-prod', system: 'mlnews', environment: 'prod', stage: 2 },
    ]);
  });

  it('leaves every other stack (bootstrap, account) to an administrator', () => {
    expect(classes.admin).toEqual(['mlmon-bootstrap', 'mlmon-account']);
  });

  it('takes only stacks the app has (a selection leaves the others out)', () => {
    expect(classifyStacks(['mlmon-dev', 'mlmon-prod'], SYSTEMS_FIXTURE).deploy.map((t) => t.stage)).toEqual([
      1, 3,
    ]);
  });

  it('classifies the real app: mlmon dev -> staging -> prod, the bootstrap stack for an administrator', () => {
    const real = classifyStacks(['mlmon-bootstrap', 'mlmon-dev', 'mlmon-prod', 'mlmon-staging'], SYSTEMS);
    expect(real.deploy.map((t) => `${t.stage}:${t.stack}@${t.environment}`)).toEqual([
      '1:mlmon-dev@dev',
      '2:mlmon-staging@staging',
      '3:mlmon-prod@prod',
    ]);
    expect(real.admin).toEqual(['mlmon-bootstrap']);
  });

  it('refuses a system with more environments than the deploy workflow has stages, and accepts the limit', () => {
    const envs = Array.from({ length: MAX_DEPLOY_STAGES }, (_, i) => `e${i}`);
    expect(() => classifyStacks([], [system('big', ...envs)])).not.toThrow();
    expect(() => classifyStacks([], [system('big', ...envs, 'one-more')])).toThrow(
      `System big has ${MAX_DEPLOY_STAGES + 1} environments, but the deploy workflow has ${MAX_DEPLOY_STAGES} stages: ` +
        'add stage jobs to .github/workflows/deploy-system.yml and raise MAX_DEPLOY_STAGES in review/deploy-order.ts.',
    );
  });
});

describe('deploySchedule', () => {
  const classes = classifyStacks(APP, SYSTEMS_FIXTURE);
  const schedule = (results: Record<string, PlanOutcome>) =>
    deploySchedule(classes, new Map(Object.entries(results)));
  const actions = (s: ReturnType<typeof schedule>, name: string) =>
    s.systems.find((x) => x.system === name)?.stages.map((st) => `${st.stack}:${st.action}`);

  it('applies stacks with changes and skips stacks without (no job, no approval)', () => {
    const s = schedule({
      'mlmon-dev': outcome('changes'),
      'mlmon-staging': outcome('no-changes'),
      'mlmon-prod': outcome('destructive'),
      'mlnews-dev': outcome('no-changes'),
      'mlnews-prod': outcome('drift-only', 2),
    });
    expect(actions(s, 'mlmon')).toEqual(['mlmon-dev:apply', 'mlmon-staging:skip', 'mlmon-prod:apply']);
    expect(actions(s, 'mlnews')).toEqual(['mlnews-dev:skip', 'mlnews-prod:skip']);
    const newsProd = s.systems[1].stages[1];
    expect(newsProd.reason).toBe(
      'no changes to apply; 2 resource(s) changed outside Terraform (see the plan)',
    );
    expect(s.systems[0].stages[0].reason).toBe('Plan: 1 to add, 0 to change, 0 to destroy.');
  });

  it('blocks the later stages of a system whose plan failed, and only that system', () => {
    const s = schedule({
      'mlmon-dev': outcome('changes'),
      'mlmon-staging': outcome('failed'),
      'mlmon-prod': outcome('changes'),
      'mlnews-dev': outcome('changes'),
      'mlnews-prod': outcome('changes'),
    });
    expect(actions(s, 'mlmon')).toEqual(['mlmon-dev:apply', 'mlmon-staging:failed', 'mlmon-prod:blocked']);
    expect(s.systems[0].stages[2].reason).toBe(
      'mlmon-staging could not be planned; fix it and re-run the workflow',
    );
    expect(actions(s, 'mlnews')).toEqual(['mlnews-dev:apply', 'mlnews-prod:apply']);
  });

  it('treats a stack without a plan result as failed', () => {
    const s = schedule({ 'mlmon-staging': outcome('changes'), 'mlmon-prod': outcome('changes') });
    expect(actions(s, 'mlmon')).toEqual(['mlmon-dev:failed', 'mlmon-staging:blocked', 'mlmon-prod:blocked']);
    expect(s.systems[0].stages[0].reason).toBe(
      'no plan result (the plan job failed before planning: see its log)',
    );
  });

  it('lists the admin stacks with their plan status', () => {
    const s = schedule({ 'mlmon-bootstrap': outcome('changes') });
    expect(s.admin).toEqual([
      { stack: 'mlmon-bootstrap', status: 'changes' },
      { stack: 'mlmon-account', status: 'not planned' },
    ]);
    const md = renderSchedule(s);
    expect(md).toContain(
      '| `mlmon-bootstrap` | **has changes**: an administrator applies them (`npx cdktf deploy mlmon-bootstrap`) |',
    );
    expect(md).toContain('| `mlmon-account` | not planned in CI (local state, or no plan result) |');
  });

  it('gives the deploy job one matrix entry per system with something to apply, with all its stages', () => {
    const s = schedule({
      'mlmon-dev': outcome('no-changes'),
      'mlmon-staging': outcome('no-changes'),
      'mlmon-prod': outcome('changes'),
      'mlnews-dev': outcome('no-changes'),
      'mlnews-prod': outcome('no-changes'),
    });
    const matrix = deployMatrix(s);
    expect(matrix.include.map((e) => e.system)).toEqual(['mlmon']);
    expect(matrix.include[0].stages.map((st) => [st.stage, st.stack, st.environment, st.action])).toEqual([
      [1, 'mlmon-dev', 'dev', 'skip'],
      [2, 'mlmon-staging', 'staging', 'skip'],
      [3, 'mlmon-prod', 'prod', 'apply'],
    ]);
    expect(deployMatrix(schedule({})).include).toEqual([]);
  });

  it('renders one table per system', () => {
    const md = renderSchedule(schedule({ 'mlmon-dev': outcome('changes') }));
    expect(md).toContain('### `mlmon`');
    expect(md).toContain(
      '| 1 | `mlmon-dev` | `dev` | 🚀 apply (after approval where the environment requires it) | Plan: 1 to add, 0 to change, 0 to destroy. |',
    );
    expect(md).toContain('| 2 | `mlmon-staging` | `staging` | ❌ plan failed |');
    expect(md).toContain('| 3 | `mlmon-prod` | `prod` | ⛔ blocked |');
  });
});

describe('planHasChanges', () => {
  it.each([
    ['changes', true],
    ['destructive', true],
    ['no-changes', false],
    ['drift-only', false],
    ['failed', false],
  ] as const)('%s -> %s', (status, expected) => {
    expect(planHasChanges(status)).toBe(expected);
  });
});
