import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { parse } from 'yaml';
import { actionlint as runLint } from './actionlint';
import { GithubOidcRoles } from '../../backend/github-oidc';
import { buildApp } from '../../main';
import { PLAN_COMMENT_MARKER } from '../../review/plan-summary';
import { ENVIRONMENTS, PROJECT } from '../../stacks/mlmon/environments';
import { canAssume, SynthStatement, toIam, token } from './iam-trust';

const ROOT = resolve(__dirname, '..', '..');
const WORKFLOWS = join(ROOT, '.github', 'workflows');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
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
  strategy?: { matrix?: Record<string, unknown>; 'fail-fast'?: boolean };
  steps?: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  jobs: Record<string, Job>;
}

const text = (file: string): string => readFileSync(join(WORKFLOWS, file), 'utf8');
const load = (file: string): Workflow => parse(text(file)) as Workflow;
const needs = (job: Job): string[] =>
  job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
const stepUsing = (job: Job, action: string): Step | undefined =>
  job.steps?.find((s) => s.uses?.startsWith(`${action}@`));
const runs = (job: Job): string => (job.steps ?? []).map((s) => s.run ?? '').join('\n');

/** Stacks of the real app, from the manifest of a fresh synth. */
function manifestStacks(): string[] {
  const outdir = mkdtempSync(join(tmpdir(), 'mlmon-workflows-'));
  try {
    buildApp({ outdir }).synth();
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
      stacks: Record<string, unknown>;
    };
    return Object.keys(manifest.stacks);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const FILES = ['pr.yml', 'deploy.yml', 'deploy-stack.yml'];
const STACKS = manifestStacks();
const BOOTSTRAP = `${PROJECT.project}-bootstrap`;
const ENV_STACKS = ENVIRONMENTS.map((e) => `${PROJECT.project}-${e.name}`);

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
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}$/);
  });

  it.each(FILES)('%s grants no token permissions by default, and never pull_request_target', (file) => {
    const wf = load(file);
    expect(wf.permissions).toEqual({});
    expect(Object.keys(wf.on)).not.toContain('pull_request_target');
    for (const job of Object.values(wf.jobs)) {
      expect(job.permissions).toBeDefined();
      expect(typeof job.permissions).toBe('object');
      for (const [scope, level] of Object.entries(job.permissions as Record<string, string>)) {
        expect(`${scope}: ${level}`).toMatch(/^(contents: read|id-token: write|pull-requests: write)$/);
      }
    }
  });

  it.each(FILES)('%s checks out without persisting the token', (file) => {
    for (const job of Object.values(load(file).jobs)) {
      const checkout = stepUsing(job, 'actions/checkout');
      if (job.steps) expect(checkout?.with?.['persist-credentials']).toBe(false);
    }
  });
});

describe('pr.yml: plan every stack on pull requests', () => {
  const wf = load('pr.yml');
  const { test, plan, comment } = wf.jobs;

  it('runs on pull requests to main, one run per pull request', () => {
    expect(wf.on).toEqual({ pull_request: { branches: ['main'] } });
    expect(wf.concurrency).toEqual({
      group: 'pr-${{ github.event.pull_request.number }}',
      'cancel-in-progress': true,
    });
  });

  it('installs, tests and synthesizes first, with read-only permissions', () => {
    expect(test.permissions).toEqual({ contents: read() });
    const commands = (test.steps ?? []).map((s) => s.run).filter(Boolean);
    expect(commands).toEqual(['npm ci', 'npm test', 'npx cdktf synth']);
    expect(test.steps?.find((s) => s.run === 'npm test')?.env).toEqual({ CI: 'true' });
    expect(stepUsing(test, 'hashicorp/setup-terraform')?.with).toMatchObject({ terraform_wrapper: false });
  });

  it('plans every stack of the app in a matrix, after the tests', () => {
    expect(needs(plan)).toEqual(['test']);
    expect([...(plan.strategy?.matrix?.stack as string[])].sort()).toEqual([...STACKS].sort());
    expect(STACKS).toContain(BOOTSTRAP);
    expect(plan.strategy?.['fail-fast']).toBe(false);
    expect(runs(plan)).toContain('npm run plan -- --online "$STACK"');
    expect(plan.steps?.find((s) => s.run?.includes('npm run plan'))?.env).toEqual({
      STACK: '${{ matrix.stack }}',
    });
  });

  it('keys the plan concurrency group by stack', () => {
    expect(plan.concurrency?.group).toContain('${{ matrix.stack }}');
  });

  it('assumes the plan role through OIDC, and only for pull requests from this repository', () => {
    expect(plan.permissions).toEqual({ contents: read(), 'id-token': 'write' });
    expect(stepUsing(plan, 'aws-actions/configure-aws-credentials')?.with).toMatchObject({
      'role-to-assume': '${{ vars.AWS_PLAN_ROLE_ARN }}',
    });
    expect(plan.if).toBe('github.event.pull_request.head.repo.full_name == github.repository');
    // No environment: the token's subject stays `repo:<owner>/<repo>:pull_request`, which the plan
    // role trusts (an environment would turn it into `...:environment:<name>`).
    expect(plan.environment).toBeUndefined();
  });

  it('uploads each stack’s plan as an artifact, also when planning failed', () => {
    const upload = stepUsing(plan, 'actions/upload-artifact');
    expect(upload?.if).toBe('always()');
    expect(upload?.with).toMatchObject({
      name: 'plan-${{ matrix.stack }}',
      path: 'plans/${{ matrix.stack }}/',
      'if-no-files-found': 'error',
    });
  });

  it('posts or updates one comment, found by the marker the summary writes', () => {
    expect(needs(comment)).toEqual(['plan']);
    expect(comment.permissions).toEqual({ contents: read(), 'pull-requests': 'write' });
    expect(comment.if).toContain('always()');
    expect(stepUsing(comment, 'actions/download-artifact')?.with).toEqual({
      pattern: 'plan-*',
      path: 'plans',
    });
    expect(runs(comment)).toContain('npm run plan -- summarize --dir plans');
    const script = String(stepUsing(comment, 'actions/github-script')?.with?.script);
    expect(script).toContain(`const marker = '${PLAN_COMMENT_MARKER}';`);
    expect(script).toContain('github.rest.issues.updateComment');
    expect(script).toContain('github.rest.issues.createComment');
    expect(script).toContain('github.paginate');
  });
});

describe('deploy.yml and deploy-stack.yml: deploy on main', () => {
  const wf = load('deploy.yml');
  const reusable = load('deploy-stack.yml');
  const deployJobs = Object.entries(wf.jobs).filter(
    ([, j]) => j.uses === './.github/workflows/deploy-stack.yml',
  );

  it('runs on pushes to main only', () => {
    expect(wf.on).toEqual({ push: { branches: ['main'] } });
  });

  it('deploys every environment stack of the app, and not the bootstrap stack', () => {
    const deployed = deployJobs.map(([, j]) => j.with?.stack as string);
    expect([...deployed].sort()).toEqual(STACKS.filter((s) => s !== BOOTSTRAP).sort());
    expect(deployed).not.toContain(BOOTSTRAP);
  });

  it('deploys in order, each stack after the previous one succeeded, all after the tests', () => {
    const byStack = new Map(deployJobs.map(([id, j]) => [j.with?.stack as string, { id, job: j }]));
    let previous = 'test';
    for (const stack of ENV_STACKS) {
      const entry = byStack.get(stack);
      expect(entry).toBeDefined();
      expect(needs(entry?.job as Job)).toEqual([previous]);
      previous = entry?.id as string;
    }
    expect(wf.jobs.test.steps?.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', 'npm test']);
  });

  it('runs each deploy in the GitHub environment of its stack, prod in `prod`', () => {
    for (const [, job] of deployJobs) {
      const stack = job.with?.stack as string;
      expect(`${PROJECT.project}-${job.with?.environment as string}`).toBe(stack);
    }
    expect(
      deployJobs.find(([, j]) => j.with?.stack === `${PROJECT.project}-prod`)?.[1].with?.environment,
    ).toBe('prod');
    expect(reusable.jobs.deploy.environment).toBe('${{ inputs.environment }}');
  });

  it('grants the reusable workflow an OIDC token and nothing that writes to the repository', () => {
    for (const [, job] of deployJobs)
      expect(job.permissions).toEqual({ contents: read(), 'id-token': 'write' });
    expect(reusable.jobs.deploy.permissions).toEqual({ contents: read(), 'id-token': 'write' });
  });

  it('takes the stack and environment as required inputs', () => {
    const call = reusable.on.workflow_call as { inputs: Record<string, { type: string; required: boolean }> };
    expect(Object.keys(reusable.on)).toEqual(['workflow_call']);
    expect(call.inputs.stack).toMatchObject({ type: 'string', required: true });
    expect(call.inputs.environment).toMatchObject({ type: 'string', required: true });
  });

  it('never runs two deploys of one stack at once, and never cancels a running apply', () => {
    expect(reusable.jobs.deploy.concurrency).toEqual({
      group: 'terraform-${{ inputs.stack }}',
      'cancel-in-progress': false,
    });
  });

  it('assumes the deploy role and runs cdktf deploy for the stack', () => {
    const job = reusable.jobs.deploy;
    expect(stepUsing(job, 'aws-actions/configure-aws-credentials')?.with).toMatchObject({
      'role-to-assume': '${{ vars.AWS_DEPLOY_ROLE_ARN }}',
    });
    const deploy = job.steps?.find((s) => s.run?.includes('cdktf deploy'));
    expect(deploy?.run).toBe('npx cdktf deploy "$STACK" --auto-approve');
    expect(deploy?.env).toEqual({ STACK: '${{ inputs.stack }}' });
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
    projectPrefix: PROJECT.project,
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

  it('the plan job (pull request, no environment) can assume the plan role but not the deploy role', () => {
    const sub = `repo:${repo}:pull_request`;
    expect(canAssume(trust('plan'), token(sub))).toBe(true);
    expect(canAssume(trust('deploy'), token(sub))).toBe(false);
  });

  it('every deploy job (its environment) can assume the deploy role', () => {
    for (const [, job] of Object.entries(load('deploy.yml').jobs).filter(([, j]) => j.uses)) {
      expect(
        canAssume(trust('deploy'), token(`repo:${repo}:environment:${job.with?.environment as string}`)),
      ).toBe(true);
    }
  });
});

function read(): string {
  return 'read';
}
