import { App, LocalBackend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { GITHUB_OIDC_HOST, GithubOidcRoles, GithubOidcRolesProps } from '../../backend/github-oidc';
import { FullStack } from '../support/full-stack';
import { canAssume, IamPolicy, token } from '../workflows/iam-trust';

const REPO = 'acme/mlmon-infra';
const PROVIDER_ARN = `arn:aws:iam::123456789012:oidc-provider/${GITHUB_OIDC_HOST}`;
const BASE: GithubOidcRolesProps = {
  repository: REPO,
  stateBucketArn: 'arn:aws:s3:::mlmon-terraform-state',
  lockTableArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/mlmon-terraform-locks',
  projectPrefix: 'mlmon',
};

/** The CI roles with an existing OIDC provider: every input is a literal, so the plan renders the trust. */
function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'github-oidc');
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
  return stack;
}

/**
 * The OIDC roles on a real plan: the trust checks of the unit tests run once more on the JSON that
 * AWS would receive.
 */
export const fullStack: FullStack = {
  name: 'github-oidc',
  description: 'GitHub OIDC deploy and plan roles, trust rendered by the plan',
  build,
  expectations: {
    'plans both roles and their policies': (plan) => {
      expect(plan.ofType('aws_iam_role')).toHaveLength(2);
      expect(plan.ofType('aws_iam_role_policy')).toHaveLength(2);
      expect(plan.ofType('aws_iam_policy')).toHaveLength(4);
    },
    'renders trust policies that admit the deploy environments and refuse pull requests': (plan) => {
      const roles = new Map(
        plan
          .afterOf('aws_iam_role')
          .map((r) => [r.name as string, JSON.parse(r.assume_role_policy as string) as IamPolicy]),
      );
      const deploy = roles.get('mlmon-github-deploy') as IamPolicy;
      const planRole = roles.get('mlmon-github-plan') as IamPolicy;
      expect(canAssume(deploy, token(`repo:${REPO}:environment:prod`), PROVIDER_ARN)).toBe(true);
      expect(canAssume(deploy, token(`repo:${REPO}:pull_request`), PROVIDER_ARN)).toBe(false);
      expect(canAssume(deploy, token('repo:evil/mlmon-infra:environment:prod'), PROVIDER_ARN)).toBe(false);
      expect(canAssume(planRole, token(`repo:${REPO}:pull_request`), PROVIDER_ARN)).toBe(true);
      expect(canAssume(planRole, token(`repo:${REPO}:environment:prod`), PROVIDER_ARN)).toBe(false);
    },
    'keeps each inline policy under the 10,240-character limit for a role': (plan) => {
      const policies = plan.afterOf('aws_iam_role_policy');
      expect(policies).toHaveLength(2);
      for (const p of policies) expect(String(p.policy).length).toBeLessThan(10_240);
    },
    'keeps each managed policy under the 6,144 characters IAM allows (whitespace not counted)': (plan) => {
      const sizes = plan.afterOf('aws_iam_policy').map((p) => ({
        name: p.name,
        fits: String(p.policy).replace(/\s/g, '').length < 6144,
      }));
      expect(sizes).toEqual(sizes.map((s) => ({ name: s.name, fits: true })));
      expect(sizes).toHaveLength(4);
    },
  },
};
