import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { GITHUB_OIDC_HOST, GithubOidcRoles, GithubOidcRolesProps } from '../../backend/github-oidc';
import { buildApp } from '../../main';
import { canAssume, SynthStatement, toIam, token } from '../workflows/iam-trust';

const REPO = 'acme/mlmon-infra';
const BUCKET_ARN = 'arn:aws:s3:::mlmon-terraform-state';
const TABLE_ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/mlmon-terraform-locks';
const PROVIDER_ARN = `arn:aws:iam::123456789012:oidc-provider/${GITHUB_OIDC_HOST}`;

const BASE: GithubOidcRolesProps = {
  repository: REPO,
  stateBucketArn: BUCKET_ARN,
  lockTableArn: TABLE_ARN,
  projectPrefix: 'mlmon',
};

interface Synth {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data: { aws_iam_policy_document: Record<string, { statement: SynthStatement[] }> };
}

function synth(props: Partial<GithubOidcRolesProps> = {}): Synth {
  const stack = new TerraformStack(Testing.app(), 'bootstrap');
  new GithubOidcRoles(stack, 'github', { ...BASE, ...props });
  return JSON.parse(Testing.synth(stack)) as Synth;
}

function doc(s: Synth, part: string): SynthStatement[] {
  const key = Object.keys(s.data.aws_iam_policy_document).find((k) => k.startsWith(`github_${part}_`));
  if (!key) throw new Error(`no policy document ${part}`);
  return s.data.aws_iam_policy_document[key].statement;
}

describe('GithubOidcRoles: trust', () => {
  const s = synth();
  const plan = toIam(doc(s, 'plan-trust-policy'));
  const deploy = toIam(doc(s, 'deploy-trust-policy'));

  it('requires the sts.amazonaws.com audience and exact subjects, with no wildcard operator', () => {
    for (const trust of [plan, deploy]) {
      expect(trust.Statement).toHaveLength(1);
      expect(trust.Statement[0].Condition?.StringEquals?.[`${GITHUB_OIDC_HOST}:aud`]).toEqual([
        'sts.amazonaws.com',
      ]);
      expect(Object.keys(trust.Statement[0].Condition ?? {})).toEqual(['StringEquals']);
    }
  });

  describe('deploy role', () => {
    it.each([
      ['the prod environment', `repo:${REPO}:environment:prod`],
      ['the dev environment', `repo:${REPO}:environment:dev`],
      ['a push to main', `repo:${REPO}:ref:refs/heads/main`],
    ])('can be assumed from %s', (_what, sub) => {
      expect(canAssume(deploy, token(sub))).toBe(true);
    });

    it.each([
      // A fork's pull request runs in the base repository with this subject (GitHub withholds the
      // token from fork runs by default, and the deploy role must not rely on that alone).
      ["a fork's pull request", `repo:${REPO}:pull_request`],
      ["the fork's own repository, same environment name", `repo:evil/mlmon-infra:environment:prod`],
      ["the fork's own main branch", `repo:evil/mlmon-infra:ref:refs/heads/main`],
      ['a feature branch', `repo:${REPO}:ref:refs/heads/feature/x`],
      ['a branch named like main', `repo:${REPO}:ref:refs/heads/main-hotfix`],
      ['an environment not listed', `repo:${REPO}:environment:prod-test`],
      ['an environment with other casing', `repo:${REPO}:environment:Prod`],
      ['a tag', `repo:${REPO}:ref:refs/tags/v1.0.0`],
      ['another repository of the owner', 'repo:acme/other:environment:prod'],
      ['a repository whose name extends this one', `repo:${REPO}-fork:environment:prod`],
    ])('cannot be assumed from %s', (_what, sub) => {
      expect(canAssume(deploy, token(sub))).toBe(false);
    });

    it('cannot be assumed with another audience', () => {
      expect(canAssume(deploy, token(`repo:${REPO}:environment:prod`, 'https://github.com/acme'))).toBe(
        false,
      );
    });
  });

  describe('plan role', () => {
    it.each([
      ['a pull request of the repository', `repo:${REPO}:pull_request`],
      ['a push to main', `repo:${REPO}:ref:refs/heads/main`],
    ])('can be assumed from %s', (_what, sub) => {
      expect(canAssume(plan, token(sub))).toBe(true);
    });

    it.each([
      ["another repository's pull request", 'repo:evil/mlmon-infra:pull_request'],
      ['a feature branch push', `repo:${REPO}:ref:refs/heads/feature/x`],
      ['an environment job', `repo:${REPO}:environment:prod`],
    ])('cannot be assumed from %s', (_what, sub) => {
      expect(canAssume(plan, token(sub))).toBe(false);
    });

    it('stops trusting pull requests with planFromPullRequests: false', () => {
      const closed = toIam(doc(synth({ planFromPullRequests: false }), 'plan-trust-policy'));
      expect(canAssume(closed, token(`repo:${REPO}:pull_request`))).toBe(false);
      expect(canAssume(closed, token(`repo:${REPO}:ref:refs/heads/main`))).toBe(true);
    });
  });

  it('follows deployBranches and deployEnvironments', () => {
    const custom = toIam(
      doc(synth({ deployBranches: ['release'], deployEnvironments: ['production'] }), 'deploy-trust-policy'),
    );
    expect(canAssume(custom, token(`repo:${REPO}:ref:refs/heads/release`))).toBe(true);
    expect(canAssume(custom, token(`repo:${REPO}:environment:production`))).toBe(true);
    expect(canAssume(custom, token(`repo:${REPO}:ref:refs/heads/main`))).toBe(false);
    expect(canAssume(custom, token(`repo:${REPO}:environment:prod`))).toBe(false);
  });

  it('trusts environments only when deployBranches is empty', () => {
    const envOnly = toIam(doc(synth({ deployBranches: [] }), 'deploy-trust-policy'));
    expect(canAssume(envOnly, token(`repo:${REPO}:ref:refs/heads/main`))).toBe(false);
    expect(canAssume(envOnly, token(`repo:${REPO}:environment:prod`))).toBe(true);
  });
});

describe('GithubOidcRoles: OIDC provider', () => {
  it('creates the GitHub provider for the sts.amazonaws.com audience, without thumbprints', () => {
    const providers = Object.values(synth().resource.aws_iam_openid_connect_provider);
    expect(providers).toHaveLength(1);
    expect(providers[0]).toMatchObject({
      url: `https://${GITHUB_OIDC_HOST}`,
      client_id_list: ['sts.amazonaws.com'],
    });
    expect(providers[0]).not.toHaveProperty('thumbprint_list');
  });

  it('trusts an existing provider when createOidcProvider is false', () => {
    const s = synth({ createOidcProvider: false, oidcProviderArn: PROVIDER_ARN });
    expect(s.resource.aws_iam_openid_connect_provider).toBeUndefined();
    const trust = toIam(doc(s, 'deploy-trust-policy'));
    expect(canAssume(trust, token(`repo:${REPO}:environment:prod`), PROVIDER_ARN)).toBe(true);
    expect(
      canAssume(
        trust,
        token(`repo:${REPO}:environment:prod`),
        PROVIDER_ARN.replace('123456789012', '999999999999'),
      ),
    ).toBe(false);
  });
});

describe('GithubOidcRoles: permissions', () => {
  const s = synth();
  const planPolicy = doc(s, 'plan-policy-document');
  const deployPolicy = doc(s, 'deploy-policy-document');
  const allows = (statements: SynthStatement[]): SynthStatement[] =>
    statements.filter((st) => st.effect === 'Allow');

  it('names the roles after the project and attaches ReadOnlyAccess to both', () => {
    const roles = Object.values(s.resource.aws_iam_role).map((r) => r.name);
    expect(roles.sort()).toEqual(['mlmon-github-deploy', 'mlmon-github-plan']);
    const attachments = Object.values(s.resource.aws_iam_role_policy_attachment).map((a) => a.policy_arn);
    expect(attachments).toEqual([
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
    ]);
    for (const r of Object.values(s.resource.aws_iam_role)) expect(r.max_session_duration).toBe(3600);
  });

  it('lets the plan role write only lock entries', () => {
    const writes = allows(planPolicy).filter((st) =>
      (st.actions ?? []).some((a) => /:(Put|Delete|Create|Update)/.test(a)),
    );
    expect(writes.map((st) => ({ sid: st.sid, resources: st.resources }))).toEqual([
      { sid: 'StateLockFile', resources: [`${BUCKET_ARN}/*.tflock`] },
      { sid: 'StateLockTable', resources: [TABLE_ARN] },
    ]);
    expect(allows(planPolicy).find((st) => st.sid === 'StateRead')).toMatchObject({
      actions: ['s3:GetObject'],
      resources: [`${BUCKET_ARN}/*`],
    });
  });

  it('lets the deploy role read and write the state under the key prefix', () => {
    const scoped = doc(synth({ stateKeyPrefix: 'teams/ml/' }), 'deploy-policy-document');
    expect(scoped.find((st) => st.sid === 'StateReadWrite')).toMatchObject({
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [`${BUCKET_ARN}/teams/ml/*`],
    });
  });

  it('adds KMS permissions only for a state key', () => {
    expect(planPolicy.find((st) => st.sid === 'StateKey')).toBeUndefined();
    const key = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const withKey = synth({ stateKmsKeyArn: key });
    expect(doc(withKey, 'plan-policy-document').find((st) => st.sid === 'StateKey')).toMatchObject({
      actions: ['kms:Decrypt', 'kms:DescribeKey'],
      resources: [key],
    });
    expect(doc(withKey, 'deploy-policy-document').find((st) => st.sid === 'StateKey')?.actions).toContain(
      'kms:GenerateDataKey',
    );
  });

  it.each([
    ['plan', () => planPolicy],
    ['deploy', () => deployPolicy],
  ])(
    'denies the %s role changes to the state bucket, lock table, OIDC provider and CI roles',
    (_role, policy) => {
      const denies = policy().filter((st) => st.effect === 'Deny');
      expect(denies.map((d) => d.sid)).toEqual([
        'ProtectStateBucket',
        'ProtectLockTable',
        'ProtectCiIdentities',
      ]);
      expect(denies[0].actions).toEqual(
        expect.arrayContaining(['s3:DeleteBucket', 's3:PutBucketPolicy', 's3:DeleteObjectVersion']),
      );
      expect(denies[0].resources).toEqual([BUCKET_ARN, `${BUCKET_ARN}/*`]);
      expect(denies[2]).toMatchObject({
        not_actions: ['iam:Get*', 'iam:List*'],
        resources: [
          'arn:aws:iam::*:role/mlmon-github-plan',
          'arn:aws:iam::*:role/mlmon-github-deploy',
          `arn:aws:iam::*:oidc-provider/${GITHUB_OIDC_HOST}`,
        ],
      });
    },
  );

  it('scopes IAM, buckets, logs, topics and parameters to the project prefix', () => {
    const bySid = new Map(deployPolicy.map((st) => [st.sid, st]));
    expect(bySid.get('ProjectRoles')?.resources).toEqual([
      'arn:aws:iam::*:role/mlmon-*',
      'arn:aws:iam::*:instance-profile/mlmon-*',
      'arn:aws:iam::*:policy/mlmon-*',
    ]);
    expect(bySid.get('PassProjectRoles')?.condition?.[0]).toMatchObject({ variable: 'iam:PassedToService' });
    expect(bySid.get('ProjectBuckets')?.resources).toEqual([
      'arn:aws:s3:::mlmon-*',
      'arn:aws:s3:::mlmon-*/*',
    ]);
    expect(bySid.get('ProjectTopics')?.resources).toEqual(['arn:aws:sns:*:*:mlmon-*']);
    expect(bySid.get('ProjectParameters')?.resources).toEqual(['arn:aws:ssm:*:*:parameter/mlmon/*']);
    expect(bySid.get('ProjectLogGroups')?.resources).toContain('arn:aws:logs:*:*:log-group:/mlmon/*:*');
  });

  it('limits regional services to `regions` when set', () => {
    const regional = doc(synth({ regions: ['us-east-1', 'us-west-2'] }), 'deploy-policy-document');
    expect(regional.find((st) => st.sid === 'ComputeAndNetwork')?.condition).toEqual([
      { test: 'StringEquals', variable: 'aws:RequestedRegion', values: ['us-east-1', 'us-west-2'] },
    ]);
    expect(deployPolicy.find((st) => st.sid === 'ComputeAndNetwork')?.condition).toBeUndefined();
  });
});

/**
 * IAM service of each resource type the environment stacks create. A type missing here fails the
 * coverage test below: add it, and the permissions to the deploy role.
 */
const SERVICE_OF: ReadonlyArray<[RegExp, string]> = [
  [
    /^aws_(vpc|subnet|route|route_table|route_table_association|internet_gateway|nat_gateway|eip|eip_association|security_group|default_security_group|vpc_security_group_(ingress|egress)_rule|vpc_endpoint|flow_log|launch_template|instance|default_network_acl|default_route_table)$/,
    'ec2',
  ],
  [/^aws_autoscaling_/, 'autoscaling'],
  [/^aws_s3_/, 's3'],
  [/^aws_iam_/, 'iam'],
  [/^aws_kms_/, 'kms'],
  [/^aws_sns_/, 'sns'],
  [/^aws_cloudwatch_log_/, 'logs'],
  [/^aws_cloudwatch_(metric_alarm|dashboard|composite_alarm)$/, 'cloudwatch'],
  [/^aws_ssm_/, 'ssm'],
  [/^aws_cloudtrail$/, 'cloudtrail'],
  [/^aws_ecr_/, 'ecr'],
  [/^aws_backup_/, 'backup'],
];

describe('GithubOidcRoles: deploy role covers the environment and account stacks', () => {
  it('allows a service for every resource type the environment and account stacks create', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'mlmon-oidc-app-'));
    try {
      const app = buildApp({ outdir });
      app.synth();
      const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
        stacks: Record<string, { workingDirectory: string }>;
      };
      const envStacks = Object.keys(manifest.stacks).filter((n) => n !== 'mlmon-bootstrap');
      expect(envStacks.length).toBeGreaterThan(0);
      const types = new Set<string>();
      for (const name of envStacks) {
        const stack = JSON.parse(
          readFileSync(join(outdir, manifest.stacks[name].workingDirectory, 'cdk.tf.json'), 'utf8'),
        ) as {
          resource?: Record<string, unknown>;
        };
        Object.keys(stack.resource ?? {}).forEach((t) => types.add(t));
      }
      const actions = synthActions();
      const uncovered = [...types].filter((t) => {
        const service = SERVICE_OF.find(([re]) => re.test(t))?.[1];
        return !service || !actions.some((a) => a.startsWith(`${service}:`));
      });
      expect(uncovered).toEqual([]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  function synthActions(): string[] {
    return doc(synth(), 'deploy-policy-document')
      .filter((st) => st.effect === 'Allow')
      .flatMap((st) => st.actions ?? []);
  }
});

describe('GithubOidcRoles: validation', () => {
  const build =
    (props: Partial<GithubOidcRolesProps>): (() => void) =>
    () =>
      new GithubOidcRoles(new TerraformStack(Testing.app(), 's'), 'github', { ...BASE, ...props });

  it.each([
    [
      'a repository without owner',
      { repository: 'mlmon-infra' },
      'repository = "mlmon-infra": is not a GitHub repository in the form owner/name',
    ],
    ['a wildcard repository', { repository: 'acme/*' }, 'repository = "acme/*"'],
    ['an owner wildcard', { repository: '*/mlmon-infra' }, 'repository = "*/mlmon-infra"'],
    [
      'a wildcard branch',
      { deployBranches: ['release/*'] },
      'deployBranches[0] = "release/*": is not an exact git branch name',
    ],
    [
      'a wildcard environment',
      { deployEnvironments: ['prod*'] },
      'deployEnvironments[0] = "prod*": is not an exact GitHub environment name',
    ],
    [
      'no way to deploy',
      { deployBranches: [], deployEnvironments: [] },
      'and deployEnvironments are both empty',
    ],
    [
      'an existing provider without its ARN',
      { createOidcProvider: false },
      'oidcProviderArn = undefined: is required when createOidcProvider is false',
    ],
    [
      'a provider ARN while creating one',
      { oidcProviderArn: PROVIDER_ARN },
      'is set while createOidcProvider is true',
    ],
    [
      'a provider ARN of another issuer',
      { createOidcProvider: false, oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/gitlab.com' },
      'is not the ARN of a GitHub Actions OIDC provider',
    ],
    ['a bad project prefix', { projectPrefix: 'MLMon' }, 'projectPrefix = "MLMon"'],
    ['a bucket pattern of everything', { bucketNamePatterns: ['*'] }, 'bucketNamePatterns[0] = "*"'],
    [
      'a state bucket that is not an ARN',
      { stateBucketArn: 'mlmon-terraform-state' },
      'stateBucketArn = "mlmon-terraform-state": is not an ARN',
    ],
    [
      'a session over 12 hours',
      { maxSessionDurationInSeconds: 43201 },
      'maxSessionDurationInSeconds = 43201',
    ],
    ['an unknown region', { regions: ['moon-1'] }, 'regions[0] = "moon-1"'],
    ['a state key prefix without a slash', { stateKeyPrefix: 'teams' }, 'stateKeyPrefix = "teams"'],
  ])('fails on %s', (_case, props, message) => {
    expect(build(props)).toThrow(message);
  });

  it('reports every problem at once, with the construct path and the fix', () => {
    expect(build({ repository: 'x', projectPrefix: 'X' })).toThrow(
      /Invalid input for s\/github \(2 problems\)[\s\S]*Fix: /,
    );
  });

  it.each([
    ['a repository with dots and underscores', { repository: 'Acme-Corp/mlmon_infra.v2' }],
    ['a nested branch name', { deployBranches: ['release/2025.1'] }],
    ['environments only', { deployBranches: [] }],
    ['branches only', { deployEnvironments: [] }],
    ['an existing provider', { createOidcProvider: false, oidcProviderArn: PROVIDER_ARN }],
    ['12-hour sessions', { maxSessionDurationInSeconds: 43200 }],
    ['a state key prefix', { stateKeyPrefix: 'teams/ml/' }],
  ])('accepts %s', (_case, props) => {
    expect(build(props)).not.toThrow();
  });

  it('accepts unresolved tokens for the ARNs', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const other = new GithubOidcRoles(stack, 'first', BASE);
    expect(
      () =>
        new GithubOidcRoles(stack, 'second', {
          ...BASE,
          projectPrefix: 'other',
          stateBucketArn: other.planRoleArn,
          lockTableArn: other.deployRoleArn,
          createOidcProvider: false,
          oidcProviderArn: other.oidcProviderArn,
        }),
    ).not.toThrow();
  });
});
