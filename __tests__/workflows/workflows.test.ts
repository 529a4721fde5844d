import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { parse } from 'yaml';
import { actionlint as runLint } from './actionlint';
import { GithubOidcRoles } from '../../backend/github-oidc';
import { buildApp } from '../../main';
import { classifyStacks, MAX_DEPLOY_STAGES } from '../../review/deploy-order';
import { DRIFT_LABEL } from '../../review/drift';
import { PLAN_COMMENT_MARKER } from '../../review/plan-summary';
import { SYSTEMS } from '../../stacks/systems';
import { canAssume, SynthStatement, toIam, token } from './iam-trust';

const ROOT = resolve(__dirname, '..', '..');
const WORKFLOWS = join(ROOT, '.github', 'workflows');

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  'working-directory'?: string;
  'continue-on-error'?: boolean;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  name?: string;
  needs?: string | string[];
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  environment?: string | { name: string };
  permissions?: Record<string, string> | string;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  strategy?: { matrix?: Record<string, unknown> | string; 'fail-fast'?: boolean };
  outputs?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const text = (file: string): string => readFileSync(join(WORKFLOWS, file), 'utf8');
const load = (file: string): Workflow => parse(text(file)) as Workflow;
const needs = (job: Job): string[] =>
  job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
const stepUsing = (job: Job, action: string): Step | undefined =>
  job.steps?.find((s) => s.uses?.startsWith(`${action}@`));
const stepsUsing = (job: Job, action: string): Step[] =>
  (job.steps ?? []).filter((s) => s.uses?.startsWith(`${action}@`));
const stepRunning = (job: Job, command: string): Step | undefined =>
  job.steps?.find((s) => s.run?.includes(command));

/** Stacks of the real app, from the manifest of a fresh synth. */
function manifestStacks(): string[] {
  const outdir = mkdtempSync(join(tmpdir(), 'mlmon-workflows-'));
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    buildApp({ outdir, env: {} }).synth();
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
      stacks: Record<string, unknown>;
    };
    return Object.keys(manifest.stacks);
  } finally {
    warn.mockRestore();
    rmSync(outdir, { recursive: true, force: true });
  }
}

const FILES = ['pr.yml', 'deploy.yml', 'deploy-system.yml', 'apply-stack.yml', 'drift.yml', 'mutation.yml'];
const STACKS = manifestStacks();
const read = 'read';
const write = 'write';

/**
 * Every job's token permissions, exactly: the least each one needs. `id-token: write` (OIDC) only
 * where a job assumes an AWS role; `pull-requests: write` only for the PR comment; `issues: write`
 * only for the drift issues.
 */
const PERMISSIONS: Record<string, Record<string, Record<string, string>>> = {
  'pr.yml': {
    test: { contents: read },
    changes: { contents: read },
    plan: { contents: read, 'id-token': write },
    comment: { contents: read, 'pull-requests': write },
  },
  'deploy.yml': {
    test: { contents: read },
    plan: { contents: read, 'id-token': write },
    schedule: { contents: read },
    deploy: { contents: read, 'id-token': write },
  },
  'deploy-system.yml': Object.fromEntries(
    Array.from({ length: MAX_DEPLOY_STAGES }, (_, i) => [
      `stage-${i + 1}`,
      { contents: read, 'id-token': write },
    ]),
  ),
  'apply-stack.yml': { apply: { contents: read, 'id-token': write } },
  'drift.yml': {
    stacks: { contents: read },
    plan: { contents: read, 'id-token': write },
    report: { contents: read, issues: write },
  },
  'mutation.yml': {
    modules: { contents: read },
    mutate: { contents: read },
    report: { contents: read },
  },
};

/** The action pins used across the workflows: one version of each action everywhere. */
const PINS: Record<string, string> = {
  'actions/checkout': '11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
  'actions/setup-node': '39370e3970a6d050c480ffad4ff0ed4d3fdee5af # v4.1.0',
  'hashicorp/setup-terraform': 'b9cd54a3c349d3f38e8881555d616ced269862dd # v3.1.2',
  'aws-actions/configure-aws-credentials': 'e3dd6a429d7300a6a4c196c26e071d42e0343502 # v4.0.2',
  'actions/upload-artifact': 'b4b15b8c7c6ac21ea08fcf65892d2ee8f75cf882 # v4.4.3',
  'actions/download-artifact': 'fa0a91b85d4f404e444e00e005971372dc801d16 # v4.1.8',
  'actions/github-script': '60a0d83039c74a4aee543508d2ffcb1c3799cdea # v7.0.1',
  'infracost/actions/setup': 'e9d6e6cd65e168e76b0de50ff9957d2fe8bb1832 # v3.0.1',
  'actions/cache': '1bd1e32a3bdc45362d1e726936510720a7c30a57 # v4.2.0',
};

describe('workflow files', () => {
  it('are exactly the ones tested here', () => {
    expect(readdirSync(WORKFLOWS).sort()).toEqual([...FILES].sort());
  });

  it.each(FILES)('%s passes actionlint', async (file) => {
    const problems = await runLint(text(file), `.github/workflows/${file}`);
    expect(problems.map((p) => `${file}:${p.line}:${p.column} ${p.message}`)).toEqual([]);
  });

  it('actionlint does report problems (it is really running)', async () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n';
    const problems = await runLint(broken, 'broken.yml');
    expect(problems.map((p) => p.message).join('\n')).toContain('potentially untrusted');
  });

  it.each(FILES)('%s pins every action to a full commit SHA with its version in a comment', (file) => {
    const uses = text(file)
      .split('\n')
      .filter((l) => /^\s*(- )?uses: /.test(l) && !l.includes('./.github/workflows/'));
    for (const line of uses) {
      const m = /uses: ([\w.-]+\/[\w.-]+(?:\/[\w.-]+)*)@([0-9a-f]{40} # v\d+(?:\.\d+){0,2})$/.exec(line);
      expect({ line, pinned: m !== null }).toEqual({ line, pinned: true });
      expect({ action: m?.[1], pin: m?.[2] }).toEqual({ action: m?.[1], pin: PINS[m?.[1] as string] });
    }
  });

  it.each(FILES)('%s grants nothing by default, and each job exactly what it needs', (file) => {
    const wf = load(file);
    expect(wf.permissions).toEqual({});
    expect(Object.fromEntries(Object.entries(wf.jobs).map(([id, job]) => [id, job.permissions]))).toEqual(
      PERMISSIONS[file],
    );
  });

  it('never uses pull_request_target, and asks for an OIDC token only on trusted events', () => {
    const trusted = ['pull_request', 'push', 'schedule', 'workflow_dispatch', 'workflow_call'];
    for (const file of FILES) {
      const wf = load(file);
      expect(Object.keys(wf.on)).not.toContain('pull_request_target');
      const oidc = Object.values(wf.jobs).some((j) => (j.permissions as Record<string, string>)['id-token']);
      if (oidc)
        for (const event of Object.keys(wf.on))
          expect(`${file}: ${event}`).toBe(`${file}: ${trusted.find((t) => t === event)}`);
      // Pull-request jobs with a token run only for branches of this repository, never for forks.
      if (oidc && 'pull_request' in wf.on) {
        for (const job of Object.values(wf.jobs).filter(
          (j) => (j.permissions as Record<string, string>)['id-token'],
        )) {
          expect(job.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
        }
      }
    }
    // Pushes to main only; a manual run of the deploy or drift workflow on another branch stops at once.
    expect(load('deploy.yml').on).toEqual({ push: { branches: ['main'] }, workflow_dispatch: {} });
    expect(load('deploy.yml').jobs.test.if).toBe("github.ref == 'refs/heads/main'");
    expect(load('drift.yml').jobs.stacks.if).toBe("github.ref == 'refs/heads/main'");
    // The reusable workflows can only be called, by the deploy workflow.
    expect(load('deploy-system.yml').on).toEqual({ workflow_call: expect.any(Object) });
    expect(load('apply-stack.yml').on).toEqual({ workflow_call: expect.any(Object) });
  });

  it.each(FILES)('%s checks out without persisting the token', (file) => {
    for (const job of Object.values(load(file).jobs)) {
      for (const checkout of stepsUsing(job, 'actions/checkout')) {
        expect(checkout.with?.['persist-credentials']).toBe(false);
      }
    }
  });

  it('lists no stack or module by hand: every matrix comes from an earlier job', () => {
    expect(STACKS).toEqual([
      'mlcicd-dev',
      'mlcicd-prod',
      'mlcicd-staging',
      'mlmon-account',
      'mlmon-bootstrap',
      'mlmon-dev',
      'mlmon-prod',
      'mlmon-staging',
      'mlnews-dev',
      'mlnews-prod',
      'mlnews-staging',
      'modelreg-dev',
      'modelreg-prod',
      'modelreg-staging',
      'sentiment-dev',
      'sentiment-prod',
      'sentiment-staging',
    ]);
    for (const file of FILES) {
      for (const stack of STACKS) expect(`${file}: ${text(file).includes(stack)}`).toBe(`${file}: false`);
      for (const job of Object.values(load(file).jobs)) {
        const matrix = job.strategy?.matrix;
        if (matrix === undefined) continue;
        const source = typeof matrix === 'string' ? matrix : Object.values(matrix).map(String).join(' ');
        expect(source).toMatch(/^\$\{\{ fromJSON\(needs\.[a-z]+\.outputs\.[a-z]+\) \}\}$/);
      }
    }
  });

  it('never deploys with cdktf deploy or an auto-approved apply: only reviewed plan files', () => {
    for (const file of FILES) {
      expect(text(file)).not.toContain('cdktf deploy');
      expect(text(file)).not.toMatch(/-auto-approve/);
    }
  });

  it('uses one Terraform version everywhere (a saved plan applies only with the version that made it)', () => {
    const versions = FILES.map((f) => load(f).env?.TERRAFORM_VERSION).filter((v) => v !== undefined);
    expect(versions).toEqual(['1.11.4', '1.11.4', '1.11.4', '1.11.4']);
  });
});

describe('pr.yml: plan the changed stacks on pull requests', () => {
  const wf = load('pr.yml');
  const { test, changes, plan, comment } = wf.jobs;

  it('runs on pull requests to main, one run per pull request', () => {
    expect(wf.on).toEqual({ pull_request: { branches: ['main'] } });
    expect(wf.concurrency).toEqual({
      group: 'pr-${{ github.event.pull_request.number }}',
      'cancel-in-progress': true,
    });
  });

  it('installs, tests and synthesizes', () => {
    expect((test.steps ?? []).map((s) => s.run).filter(Boolean)).toEqual([
      'npm ci',
      'npm test',
      'npx cdktf synth',
    ]);
    expect(stepRunning(test, 'npm test')?.env).toEqual({ CI: 'true' });
    expect(stepUsing(test, 'hashicorp/setup-terraform')?.with).toMatchObject({ terraform_wrapper: false });
  });

  it('synthesizes the base commit beside the head and compares them', () => {
    const [head, base] = stepsUsing(changes, 'actions/checkout');
    expect(head.with).toEqual({ 'persist-credentials': false });
    expect(base.with).toEqual({
      ref: '${{ github.event.pull_request.base.sha }}',
      path: '.base',
      'persist-credentials': false,
    });
    expect(changes.steps?.find((s) => s['working-directory'] === '.base')?.run).toBe('npm ci');
    const changed = stepRunning(changes, 'npm run plan -- changed');
    expect(changed).toMatchObject({
      id: 'changed',
      run: 'npm run plan -- changed --base .base --out changes.json --github-output',
    });
    expect(changes.outputs).toEqual({
      stacks: '${{ steps.changed.outputs.stacks }}',
      any: '${{ steps.changed.outputs.any }}',
    });
    expect(stepUsing(changes, 'actions/upload-artifact')?.with).toMatchObject({
      name: 'stack-changes',
      path: 'changes.json',
    });
  });

  it('plans only the changed stacks, without the state lock, after the tests', () => {
    expect(needs(plan)).toEqual(['test', 'changes']);
    expect(plan.strategy).toEqual({
      'fail-fast': false,
      matrix: { stack: '${{ fromJSON(needs.changes.outputs.stacks) }}' },
    });
    expect(plan.if).toBe(
      "github.event.pull_request.head.repo.full_name == github.repository && needs.changes.outputs.any == 'true'",
    );
    expect(stepRunning(plan, 'npm run plan')).toMatchObject({
      run: 'npm run plan -- --online --no-lock "$STACK"',
      env: { STACK: '${{ matrix.stack }}' },
    });
    expect(plan.concurrency?.group).toContain('${{ matrix.stack }}');
  });

  it('assumes the plan role through OIDC, with no environment', () => {
    expect(stepUsing(plan, 'aws-actions/configure-aws-credentials')?.with).toMatchObject({
      'role-to-assume': '${{ vars.AWS_PLAN_ROLE_ARN }}',
    });
    // No environment: the token's subject stays `repo:<owner>/<repo>:pull_request`, which the plan
    // role trusts (an environment would turn it into `...:environment:<name>`).
    expect(plan.environment).toBeUndefined();
  });

  it('estimates the cost with Infracost only when the key is set, and never fails the plan for it', () => {
    const gate = plan.steps?.find((s) => s.id === 'cost');
    expect(gate?.env).toEqual({ ENABLED: "${{ secrets.INFRACOST_API_KEY != '' }}" });
    expect(gate?.run).toBe('echo "enabled=$ENABLED" >> "$GITHUB_OUTPUT"');
    const setup = stepUsing(plan, 'infracost/actions/setup');
    expect(setup?.if).toBe("steps.cost.outputs.enabled == 'true'");
    expect(setup?.with).toEqual({ 'api-key': '${{ secrets.INFRACOST_API_KEY }}' });
    const diff = stepRunning(plan, 'infracost diff');
    expect(diff).toMatchObject({
      if: "steps.cost.outputs.enabled == 'true'",
      'continue-on-error': true,
      run: 'infracost diff --path "plans/$STACK/plan.json" --format json --out-file "plans/$STACK/infracost.json"',
    });
    // The key reaches the setup action only.
    const withKey = (plan.steps ?? []).filter((s) =>
      JSON.stringify(s).includes('secrets.INFRACOST_API_KEY }}'),
    );
    expect(withKey).toEqual([setup]);
  });

  it('uploads each stack’s plan, also when planning failed', () => {
    const upload = stepUsing(plan, 'actions/upload-artifact');
    expect(upload?.if).toBe('always()');
    expect(upload?.with).toMatchObject({
      name: 'plan-${{ matrix.stack }}',
      path: 'plans/${{ matrix.stack }}/',
      'if-no-files-found': 'error',
    });
  });

  it('posts or updates one comment, with the unchanged stacks and the cost status', () => {
    expect(needs(comment)).toEqual(['test', 'changes', 'plan']);
    expect(comment.if).toContain('always()');
    expect(comment.if).toContain("needs.changes.result == 'success'");
    expect(stepsUsing(comment, 'actions/download-artifact').map((s) => s.with)).toEqual([
      { pattern: 'plan-*', path: 'plans' },
      { name: 'stack-changes', path: 'plans/stack-changes' },
    ]);
    const summarize = stepRunning(comment, 'npm run plan -- summarize');
    expect(summarize?.run).toContain(
      'npm run plan -- summarize --dir plans --changes plans/stack-changes/changes.json --cost "$COST_ENABLED"',
    );
    expect(summarize?.env?.COST_ENABLED).toBe("${{ secrets.INFRACOST_API_KEY != '' }}");
    const script = String(stepUsing(comment, 'actions/github-script')?.with?.script);
    expect(script).toContain(`const marker = '${PLAN_COMMENT_MARKER}';`);
    expect(script).toContain('github.rest.issues.updateComment');
    expect(script).toContain('github.rest.issues.createComment');
    expect(script).toContain('github.paginate');
  });
});

describe('deploy.yml: plan once, apply the reviewed plans', () => {
  const wf = load('deploy.yml');
  const { test, plan, schedule, deploy } = wf.jobs;

  it('tests, then lists the stacks from the synthesized app', () => {
    expect((test.steps ?? []).map((s) => s.run).filter(Boolean)).toEqual([
      'npm ci',
      'npm test',
      'npm run plan -- stacks --remote-state --github-output',
    ]);
    expect(test.outputs).toEqual({
      stacks: '${{ steps.stacks.outputs.stacks }}',
      all: '${{ steps.stacks.outputs.all }}',
      any: '${{ steps.stacks.outputs.any }}',
    });
  });

  it('plans each stack once with the plan role, taking the state lock, and keeps the bundle', () => {
    expect(needs(plan)).toEqual(['test']);
    expect(plan.strategy?.matrix).toEqual({ stack: '${{ fromJSON(needs.test.outputs.stacks) }}' });
    expect(plan.environment).toBeUndefined();
    expect(stepUsing(plan, 'aws-actions/configure-aws-credentials')?.with).toMatchObject({
      'role-to-assume': '${{ vars.AWS_PLAN_ROLE_ARN }}',
    });
    expect(stepRunning(plan, 'npm run plan')?.run).toBe(
      'npm run plan -- --online --bundle --lock-timeout=5m "$STACK"',
    );
    expect(stepRunning(plan, 'GITHUB_STEP_SUMMARY')?.run).toBe(
      'cat "plans/$STACK/approval.md" >> "$GITHUB_STEP_SUMMARY"',
    );
    expect(stepUsing(plan, 'actions/upload-artifact')?.with).toEqual({
      name: 'deploy-plan-${{ matrix.stack }}',
      path: 'plans/${{ matrix.stack }}/',
      // The provider lock file (.terraform.lock.hcl) is a hidden file.
      'include-hidden-files': true,
      'retention-days': 7,
      'if-no-files-found': 'error',
    });
  });

  it('decides per stack from the plans, also when some failed', () => {
    expect(needs(schedule)).toEqual(['test', 'plan']);
    expect(schedule.if).toContain('always()');
    expect(stepUsing(schedule, 'actions/download-artifact')?.with).toEqual({
      pattern: 'deploy-plan-*',
      path: 'plans',
    });
    expect(stepRunning(schedule, 'npm run plan -- schedule')).toMatchObject({
      id: 'schedule',
      run: 'npm run plan -- schedule --dir plans --stacks "$STACKS" --github-output',
      env: { STACKS: '${{ needs.test.outputs.all }}' },
    });
  });

  it('deploys each system with something to apply, side by side', () => {
    expect(deploy).toEqual({
      name: 'deploy ${{ matrix.system }}',
      needs: 'schedule',
      if: "needs.schedule.outputs.any == 'true'",
      strategy: { 'fail-fast': false, matrix: '${{ fromJSON(needs.schedule.outputs.matrix) }}' },
      uses: './.github/workflows/deploy-system.yml',
      permissions: { contents: read, 'id-token': write },
      with: { system: '${{ matrix.system }}', stages: '${{ toJSON(matrix.stages) }}' },
    });
  });
});

describe('deploy-system.yml: one system, stage after stage', () => {
  const wf = load('deploy-system.yml');
  const stages = Object.entries(wf.jobs);

  it('has a stage job for every environment a system may have (MAX_DEPLOY_STAGES)', () => {
    expect(stages.map(([id]) => id)).toEqual(
      Array.from({ length: MAX_DEPLOY_STAGES }, (_, i) => `stage-${i + 1}`),
    );
    const most = Math.max(...SYSTEMS.map((s) => s.environments().length));
    expect(most).toBeLessThanOrEqual(MAX_DEPLOY_STAGES);
  });

  it.each(Array.from({ length: MAX_DEPLOY_STAGES }, (_, i) => i + 1))(
    'stage %i applies its stack only when its plan has changes and every earlier stage succeeded or had nothing to apply',
    (k) => {
      const job = wf.jobs[`stage-${k}`];
      const at = `fromJSON(inputs.stages)[${k - 1}]`;
      expect(needs(job)).toEqual(Array.from({ length: k - 1 }, (_, i) => `stage-${i + 1}`));
      expect(job.if).toBe(
        k === 1
          ? `${at}.action == 'apply'`
          : `\${{ !cancelled() && !contains(needs.*.result, 'failure') && !contains(needs.*.result, 'cancelled') && ${at}.action == 'apply' }}`,
      );
      expect(job.uses).toBe('./.github/workflows/apply-stack.yml');
      expect(job.with).toEqual({ stack: `\${{ ${at}.stack }}`, environment: `\${{ ${at}.environment }}` });
    },
  );
});

describe('apply-stack.yml: the gated job applies the artifact’s plan file', () => {
  const wf = load('apply-stack.yml');
  const job = wf.jobs.apply;

  it('takes the stack and its environment as required inputs', () => {
    const call = wf.on.workflow_call as { inputs: Record<string, { type: string; required: boolean }> };
    expect(call.inputs.stack).toMatchObject({ type: 'string', required: true });
    expect(call.inputs.environment).toMatchObject({ type: 'string', required: true });
  });

  it('is bound to the stack’s GitHub environment (its required reviewers gate it)', () => {
    expect(job.environment).toBe('${{ inputs.environment }}');
  });

  it('never runs two applies of one stack at once, and never cancels a running apply', () => {
    expect(job.concurrency).toEqual({ group: 'terraform-${{ inputs.stack }}', 'cancel-in-progress': false });
  });

  it('downloads this run’s plan of the stack, assumes the deploy role, and applies that plan file', () => {
    const steps = job.steps ?? [];
    const download = steps.findIndex((s) => s.uses?.startsWith('actions/download-artifact@'));
    const credentials = steps.findIndex((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    const apply = steps.findIndex((s) => s.run?.includes('npm run apply'));
    expect(steps[download].with).toEqual({
      name: 'deploy-plan-${{ inputs.stack }}',
      path: 'plans/${{ inputs.stack }}',
    });
    expect(steps[credentials].with).toMatchObject({ 'role-to-assume': '${{ vars.AWS_DEPLOY_ROLE_ARN }}' });
    expect(steps[apply]).toMatchObject({
      run: 'npm run apply -- "$STACK" --plan "plans/$STACK/tfplan"',
      env: { STACK: '${{ inputs.stack }}' },
    });
    expect(download).toBeLessThan(apply);
    expect(credentials).toBeLessThan(apply);
    // No plan step: what runs is the artifact's plan, never a new one.
    expect(steps.some((s) => s.run?.includes('npm run plan'))).toBe(false);
  });

  it('runs the apply CLI of the repository', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.apply).toBe('node -r ./scripts/transpile.js review/apply-cli.ts');
  });
});

describe('drift.yml: scheduled drift detection', () => {
  const wf = load('drift.yml');
  const { stacks, plan, report } = wf.jobs;

  it('runs every day and on demand, one run at a time', () => {
    expect(wf.on).toEqual({ schedule: [{ cron: '17 6 * * *' }], workflow_dispatch: {} });
    expect(wf.concurrency).toEqual({ group: 'drift', 'cancel-in-progress': true });
  });

  it('plans every stack with remote state with the plan role, no lock, and the detailed exit code', () => {
    expect(stepRunning(stacks, 'npm run plan -- stacks')?.run).toBe(
      'npm run plan -- stacks --remote-state --github-output',
    );
    expect(plan.strategy?.matrix).toEqual({ stack: '${{ fromJSON(needs.stacks.outputs.stacks) }}' });
    expect(stepUsing(plan, 'aws-actions/configure-aws-credentials')?.with).toMatchObject({
      'role-to-assume': '${{ vars.AWS_PLAN_ROLE_ARN }}',
    });
    expect(stepRunning(plan, 'npm run plan')?.run).toBe(
      'npm run plan -- --online --no-lock --detailed-exitcode "$STACK"',
    );
    expect(plan.environment).toBeUndefined();
  });

  it('opens, updates and closes one labelled issue per stack, from drift.json', () => {
    expect(report.if).toContain('always()');
    expect(stepUsing(report, 'actions/download-artifact')?.with).toEqual({
      pattern: 'drift-*',
      path: 'plans',
    });
    expect(stepRunning(report, 'drift-report')?.run).toBe(
      'npm run plan -- drift-report --dir plans --out drift.json --run-url "$RUN_URL"',
    );
    const script = String(stepUsing(report, 'actions/github-script')?.with?.script);
    expect(script).toContain("JSON.parse(fs.readFileSync('drift.json', 'utf8'))");
    expect(script).toContain('github.rest.issues.createLabel');
    expect(script).toContain('labels: report.label');
    expect(script).toContain('i.title === entry.title');
    expect(script).toContain(
      'github.rest.issues.create({ owner, repo, title: entry.title, body: entry.body, labels: [report.label] })',
    );
    expect(script).toContain("state: 'closed'");
    expect(script).toContain('core.setFailed');
    expect(DRIFT_LABEL).toBe('drift');
  });
});

describe('mutation.yml: nightly mutation score, one job per module', () => {
  const wf = load('mutation.yml');
  const { modules, mutate, report } = wf.jobs;

  it('runs every night and on demand for chosen modules, and never cancels a running night', () => {
    expect(wf.on).toEqual({
      schedule: [{ cron: '41 1 * * *' }],
      workflow_dispatch: {
        inputs: {
          modules: {
            description: 'Modules to run, separated by spaces (empty runs every module)',
            type: 'string',
            required: false,
            default: '',
          },
        },
      },
    });
    expect(wf.concurrency).toEqual({ group: 'mutation', 'cancel-in-progress': false });
  });

  it('takes the module list from npm run mutation, passing the input through the environment', () => {
    const step = stepRunning(modules, 'npm run -s mutation -- --list');
    expect(step?.env).toEqual({ MODULES: '${{ inputs.modules }}' });
    expect(step?.run).toBe(
      'read -ra names <<< "${MODULES:-}"\nnpm run -s mutation -- --list --github-output "${names[@]}"\n',
    );
    expect(modules.outputs).toEqual({ modules: '${{ steps.modules.outputs.modules }}' });
  });

  it('mutates each module in its own job, with its incremental file from the last run', () => {
    expect(mutate.strategy).toEqual({
      'fail-fast': false,
      matrix: { module: '${{ fromJSON(needs.modules.outputs.modules) }}' },
    });
    expect(stepUsing(mutate, 'actions/cache')?.with).toEqual({
      path: 'reports/mutation/${{ matrix.module }}.incremental.json',
      key: 'mutation-${{ matrix.module }}-${{ github.sha }}',
      'restore-keys': 'mutation-${{ matrix.module }}-',
    });
    const stryker = stepRunning(mutate, 'npm run mutation');
    expect(stryker?.env).toEqual({ MODULE: '${{ matrix.module }}' });
    expect(stryker?.run).toBe('MLMON_MUTATION_CONCURRENCY="$(nproc)" npm run mutation -- "$MODULE"');
    expect(stepUsing(mutate, 'actions/upload-artifact')?.with).toEqual({
      name: 'mutation-${{ matrix.module }}',
      path: 'reports/mutation/${{ matrix.module }}.json',
      'retention-days': 30,
    });
  });

  it("keeps a stopped run's progress log, under a name the report job does not download", () => {
    const stopped = (mutate.steps ?? []).find((s) => s.name === 'Progress of a stopped run');
    expect(stopped?.if).toBe('failure() || cancelled()');
    expect(stopped?.uses).toMatch(/^actions\/upload-artifact@[0-9a-f]{40}$/);
    expect(stopped?.with).toEqual({
      name: 'stopped-run-${{ matrix.module }}',
      path: 'reports/mutation/${{ matrix.module }}.progress.jsonl',
      'if-no-files-found': 'ignore',
      'retention-days': 30,
    });
    expect(String(stopped?.with?.name).startsWith('mutation-')).toBe(false);
  });

  it('reports every module measured, also after failures, and fails below 80 % in total', () => {
    expect(needs(report)).toEqual(['mutate']);
    expect(report.if).toBe("always() && needs.mutate.result != 'skipped'");
    expect(stepUsing(report, 'actions/download-artifact')?.with).toEqual({
      pattern: 'mutation-*',
      'merge-multiple': true,
      path: 'reports/mutation',
    });
    expect(wf.env?.MUTATION_MIN_SCORE).toBe('80');
    expect(stepRunning(report, '--summary')?.run).toBe(
      [
        'status=0',
        'npm run -s mutation -- --summary --min "$MUTATION_MIN_SCORE" || status=$?',
        'cat reports/mutation/summary.md >> "$GITHUB_STEP_SUMMARY"',
        'exit "$status"',
        '',
      ].join('\n'),
    );
  });
});

describe('workflows and the OIDC roles agree', () => {
  // The subjects GitHub puts into the jobs' tokens, checked against the trust policies the
  // bootstrap stack creates with its defaults.
  const repo = 'acme/mlmon-infra';
  const stack = new TerraformStack(Testing.app(), 'bootstrap');
  new GithubOidcRoles(stack, 'github', {
    repository: repo,
    stateBucketArn: 'arn:aws:s3:::mlmon-terraform-state',
    lockTableArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/mlmon-terraform-locks',
    projectPrefix: 'mlmon',
  });
  const docs = (
    JSON.parse(Testing.synth(stack)) as {
      data: { aws_iam_policy_document: Record<string, { statement: SynthStatement[] }> };
    }
  ).data.aws_iam_policy_document;
  const trust = (role: string) =>
    toIam(
      docs[Object.keys(docs).find((k) => k.startsWith(`github_${role}-trust-policy_`)) as string].statement,
    );

  it('the pull-request plan (no environment) can assume the plan role but not the deploy role', () => {
    const sub = `repo:${repo}:pull_request`;
    expect(canAssume(trust('plan'), token(sub))).toBe(true);
    expect(canAssume(trust('deploy'), token(sub))).toBe(false);
  });

  it('the deploy and drift plans (main, no environment) can assume the plan role', () => {
    expect(canAssume(trust('plan'), token(`repo:${repo}:ref:refs/heads/main`))).toBe(true);
    expect(canAssume(trust('plan'), token(`repo:${repo}:ref:refs/heads/feature`))).toBe(false);
  });

  it('the apply job of every environment the deploy can schedule can assume the deploy role', () => {
    const environments = classifyStacks(STACKS, SYSTEMS).deploy.map((t) => t.environment);
    // Each of the five systems deploys dev, then staging, then prod.
    expect(environments).toEqual(Array.from({ length: 5 }, () => ['dev', 'staging', 'prod']).flat());
    for (const environment of environments) {
      expect(canAssume(trust('deploy'), token(`repo:${repo}:environment:${environment}`))).toBe(true);
    }
  });
});
