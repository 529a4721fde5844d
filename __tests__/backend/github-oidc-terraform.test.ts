import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { GITHUB_OIDC_HOST, GithubOidcRoles, GithubOidcRolesProps } from '../../backend/github-oidc';
import { offlineEnv, prepareWorkDir } from '../../review/plan-workdir';
import { runTerraform } from '../../review/terraform';
import { describeWithTerraform } from '../support/terraform-gate';
import { canAssume, IamPolicy, token } from '../workflows/iam-trust';

const REPO = 'acme/mlmon-infra';
const PROVIDER_ARN = `arn:aws:iam::123456789012:oidc-provider/${GITHUB_OIDC_HOST}`;
const BASE: GithubOidcRolesProps = {
  repository: REPO,
  stateBucketArn: 'arn:aws:s3:::mlmon-terraform-state',
  lockTableArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/mlmon-terraform-locks',
  projectPrefix: 'mlmon',
};

describeWithTerraform('GithubOidcRoles: real Terraform', () => {
  // An offline plan renders the trust policies (all inputs are literals when the provider exists
  // already), so the trust checks above run once more on the JSON that AWS would receive.
  let dir: string;
  let plan: { resource_changes: Array<{ type: string; change: { after: Record<string, unknown> } }> };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mlmon-oidc-tf-'));
    const app = new App({ outdir: join(dir, 'out') });
    const stack = new TerraformStack(app, 'oidc');
    new LocalBackend(stack, { path: 'terraform.tfstate' });
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new GithubOidcRoles(stack, 'github', {
      ...BASE,
      createOidcProvider: false,
      oidcProviderArn: PROVIDER_ARN,
      // Every system of the repository, so the policy sizes below are the real ones.
      namePrefixes: ['mlmon', 'mlcicd', 'modelreg', 'mlnews', 'sentiment'],
      regions: ['us-east-1', 'us-west-2'],
    });
    app.synth();
    const work = join(dir, 'work');
    prepareWorkDir(join(dir, 'out', 'stacks', 'oidc'), work, true);
    const env = offlineEnv();
    for (const args of [
      ['init', '-input=false', '-no-color'],
      ['plan', '-input=false', '-no-color', '-refresh=false', '-lock=false', '-out=tfplan'],
    ]) {
      const r = runTerraform(args, work, env);
      if (r.status !== 0) throw new Error(`terraform ${args[0]} failed:\n${r.stderr}`);
    }
    const show = runTerraform(['show', '-json', 'tfplan'], work, env);
    writeFileSync(join(dir, 'plan.json'), show.stdout);
    plan = JSON.parse(show.stdout);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('plans both roles and their policies', () => {
    const types = plan.resource_changes.map((r) => r.type).sort();
    expect(types.filter((t) => t === 'aws_iam_role')).toHaveLength(2);
    expect(types.filter((t) => t === 'aws_iam_role_policy')).toHaveLength(2);
    expect(types.filter((t) => t === 'aws_iam_policy')).toHaveLength(4);
  });

  it('renders trust policies that admit the deploy environments and refuse pull requests', () => {
    const roles = new Map(
      plan.resource_changes
        .filter((r) => r.type === 'aws_iam_role')
        .map((r) => [
          r.change.after.name as string,
          JSON.parse(r.change.after.assume_role_policy as string) as IamPolicy,
        ]),
    );
    const deploy = roles.get('mlmon-github-deploy') as IamPolicy;
    const plan_ = roles.get('mlmon-github-plan') as IamPolicy;
    expect(canAssume(deploy, token(`repo:${REPO}:environment:prod`), PROVIDER_ARN)).toBe(true);
    expect(canAssume(deploy, token(`repo:${REPO}:pull_request`), PROVIDER_ARN)).toBe(false);
    expect(canAssume(deploy, token('repo:evil/mlmon-infra:environment:prod'), PROVIDER_ARN)).toBe(false);
    expect(canAssume(plan_, token(`repo:${REPO}:pull_request`), PROVIDER_ARN)).toBe(true);
    expect(canAssume(plan_, token(`repo:${REPO}:environment:prod`), PROVIDER_ARN)).toBe(false);
  });

  it('keeps each inline policy under the 10,240-character limit for a role', () => {
    for (const r of plan.resource_changes.filter((c) => c.type === 'aws_iam_role_policy')) {
      expect(String(r.change.after.policy).length).toBeLessThan(10_240);
    }
  });

  it('keeps each managed policy under the 6,144 characters IAM allows (whitespace not counted)', () => {
    const sizes = plan.resource_changes
      .filter((c) => c.type === 'aws_iam_policy')
      .map((r) => ({
        name: r.change.after.name,
        fits: String(r.change.after.policy).replace(/\s/g, '').length < 6144,
      }));
    expect(sizes).toEqual(sizes.map((s) => ({ name: s.name, fits: true })));
    expect(sizes).toHaveLength(4);
  });
});
