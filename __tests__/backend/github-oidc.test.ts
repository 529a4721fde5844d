import { TerraformStack, Testing } from 'cdktf';
import {
  DEPLOY_WILDCARD_REASON,
  GITHUB_OIDC_HOST,
  GithubActionsRole,
  GithubActionsRoleProps,
  GithubOidcRoles,
  GithubOidcRolesProps,
  PASSABLE_SERVICES,
} from '../../backend/github-oidc';
import { PolicySuppressions } from '../../modules/policy/suppressions';
import { canAssume, SynthStatement, toIam, token } from '../workflows/iam-trust';
import { lazy } from '../support/lazy';

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

/** The deploy role's statements: its inline policy and every managed policy group. */
function deployDocs(s: Synth): SynthStatement[] {
  return Object.entries(s.data.aws_iam_policy_document)
    .filter(([k]) => /^github_deploy-(\w+-)?policy-document_/.test(k))
    .flatMap(([, d]) => d.statement);
}

/** The size IAM counts for a policy: its JSON without whitespace. */
function iamPolicySize(statements: SynthStatement[]): number {
  const list = (v: string[] | undefined) => (v && v.length === 1 ? v[0] : v);
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: statements.map((st) => {
      const condition: Record<string, Record<string, string | string[]>> = {};
      for (const c of st.condition ?? [])
        (condition[c.test] ??= {})[c.variable] = list(c.values) as string | string[];
      return {
        Sid: st.sid,
        Effect: st.effect ?? 'Allow',
        Action: list(st.actions),
        NotAction: list(st.not_actions),
        Resource: list(st.resources),
        Condition: st.condition ? condition : undefined,
      };
    }),
  }).length;
}

describe('GithubOidcRoles: trust', () => {
  const s = lazy(() => synth());
  const plan = lazy(() => toIam(doc(s(), 'plan-trust-policy')));
  const deploy = lazy(() => toIam(doc(s(), 'deploy-trust-policy')));

  it('requires the sts.amazonaws.com audience and exact subjects, with no wildcard operator', () => {
    for (const trust of [plan(), deploy()]) {
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
    ])('can be assumed from %s', (_what, sub) => {
      expect(canAssume(deploy(), token(sub))).toBe(true);
    });

    it('cannot be assumed from a push to main without an environment (the default: no deploy branches)', () => {
      expect(canAssume(deploy(), token(`repo:${REPO}:ref:refs/heads/main`))).toBe(false);
      const withBranch = toIam(doc(synth({ deployBranches: ['main'] }), 'deploy-trust-policy'));
      expect(canAssume(withBranch, token(`repo:${REPO}:ref:refs/heads/main`))).toBe(true);
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
      expect(canAssume(deploy(), token(sub))).toBe(false);
    });

    it('cannot be assumed with another audience', () => {
      expect(canAssume(deploy(), token(`repo:${REPO}:environment:prod`, 'https://github.com/acme'))).toBe(
        false,
      );
    });
  });

  describe('plan role', () => {
    it.each([
      ['a pull request of the repository', `repo:${REPO}:pull_request`],
      ['a push to main', `repo:${REPO}:ref:refs/heads/main`],
    ])('can be assumed from %s', (_what, sub) => {
      expect(canAssume(plan(), token(sub))).toBe(true);
    });

    it.each([
      ["another repository's pull request", 'repo:evil/mlmon-infra:pull_request'],
      ['a feature branch push', `repo:${REPO}:ref:refs/heads/feature/x`],
      ['an environment job', `repo:${REPO}:environment:prod`],
    ])('cannot be assumed from %s', (_what, sub) => {
      expect(canAssume(plan(), token(sub))).toBe(false);
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
  const built = lazy(() => {
    const s = synth();
    const planPolicy = doc(s, 'plan-policy-document');
    const deployPolicy = deployDocs(s);
    const allows = (statements: SynthStatement[]): SynthStatement[] =>
      statements.filter((st) => st.effect === 'Allow');
    return { s, planPolicy, deployPolicy, allows };
  });

  it('names the roles after the project and attaches ReadOnlyAccess to both', () => {
    const { s } = built();
    const roles = Object.values(s.resource.aws_iam_role).map((r) => r.name);
    expect(roles.sort()).toEqual(['mlmon-github-deploy', 'mlmon-github-plan']);
    const attachments = Object.values(s.resource.aws_iam_role_policy_attachment)
      .map((a) => a.policy_arn)
      .filter((a) => String(a).startsWith('arn:'));
    expect(attachments).toEqual([
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
    ]);
    for (const r of Object.values(s.resource.aws_iam_role)) expect(r.max_session_duration).toBe(3600);
  });

  it('lets the plan role write only lock entries', () => {
    const { planPolicy, allows } = built();
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
    const { planPolicy } = built();
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
    ['plan', () => built().planPolicy],
    ['deploy', () => built().deployPolicy],
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
          'arn:aws:iam::*:policy/mlmon-github-*',
          `arn:aws:iam::*:oidc-provider/${GITHUB_OIDC_HOST}`,
        ],
      });
    },
  );

  it('scopes IAM, buckets, logs, topics and parameters to the project prefix', () => {
    const { deployPolicy } = built();
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
    expect(bySid.get('ProjectAlarmsTopicsDashboards')?.resources).toEqual([
      'arn:aws:cloudwatch:*:*:alarm:mlmon-*',
      'arn:aws:cloudwatch::*:dashboard/mlmon-*',
      'arn:aws:sns:*:*:mlmon-*',
    ]);
    expect(bySid.get('ProjectParameters')?.resources).toEqual(['arn:aws:ssm:*:*:parameter/mlmon/*']);
    expect(bySid.get('ProjectLogGroups')?.resources).toEqual([
      'arn:aws:logs:*:*:log-group:/mlmon/*',
      'arn:aws:logs:*:*:log-group:*/mlmon-*',
      'arn:aws:logs:*:*:log-group:aws-waf-logs-mlmon-*',
      'arn:aws:logs:*:*:delivery-source:mlmon-*',
      'arn:aws:logs:*:*:delivery-destination:mlmon-*',
      'arn:aws:logs:*:*:log-group:/aws/bedrock/*',
    ]);
  });

  it('attaches the service permissions as four managed policies, to the deploy role only', () => {
    const { s } = built();
    const policies = Object.values(s.resource.aws_iam_policy).map((p) => p.name);
    expect(policies.sort()).toEqual([
      'mlmon-github-deploy-compute',
      'mlmon-github-deploy-data',
      'mlmon-github-deploy-network',
      'mlmon-github-deploy-platform',
    ]);
    const attachments = Object.values(s.resource.aws_iam_role_policy_attachment);
    const managed = attachments.filter((a) => String(a.policy_arn).includes('aws_iam_policy.'));
    expect(managed).toHaveLength(4);
    for (const a of managed) expect(a.role).toMatch(/aws_iam_role\.github_deploy-role_/);
  });

  it('scopes every system by its name prefix', () => {
    const multi = deployDocs(synth({ namePrefixes: ['mlcicd', 'modelreg'] }));
    const resources = multi.flatMap((st) => st.resources ?? []);
    for (const expected of [
      'arn:aws:iam::*:role/mlcicd-*',
      'arn:aws:iam::*:role/modelreg-*',
      'arn:aws:ecs:*:*:*/mlcicd-*',
      'arn:aws:ecr:*:*:repository/modelreg-*',
      'arn:aws:elasticloadbalancing:*:*:*/mlcicd-*',
      'arn:aws:rds:*:*:*:modelreg-*',
      'arn:aws:batch:*:*:*/modelreg-*',
      'arn:aws:scheduler:*:*:schedule/*/mlcicd-*',
      'arn:aws:wafv2:*:*:*/webacl/modelreg-*/*',
      'arn:aws:secretsmanager:*:*:secret:rds!*',
      'arn:aws:ssm:*:*:parameter/mlcicd/*',
      'arn:aws:logs:*:*:log-group:*/modelreg-*',
      'arn:aws:dynamodb:*:*:table/mlcicd-*',
      'arn:aws:lambda:*:*:*:modelreg-*',
    ]) {
      expect(resources).toContain(expected);
    }
    // The project prefix remains only in bucket patterns and the bootstrap stack's own resources.
    expect(resources.filter((r) => r.includes('mlmon-*') && !r.startsWith('arn:aws:s3:::'))).toEqual([]);
  });

  it('passes roles only to the services the stacks use, and creates only known service-linked roles', () => {
    const { deployPolicy } = built();
    const bySid = new Map(deployPolicy.map((st) => [st.sid, st]));
    expect(bySid.get('PassProjectRoles')?.condition).toEqual([
      { test: 'StringEquals', variable: 'iam:PassedToService', values: [...PASSABLE_SERVICES] },
    ]);
    expect(PASSABLE_SERVICES).toEqual(
      expect.arrayContaining(['ecs-tasks.amazonaws.com', 'scheduler.amazonaws.com', 'lambda.amazonaws.com']),
    );
    expect(bySid.get('ServiceLinkedRoles')?.condition?.[0]).toMatchObject({ variable: 'iam:AWSServiceName' });
    expect(bySid.get('ServiceLinkedRoles')?.resources).toEqual(['arn:aws:iam::*:role/aws-service-role/*']);
  });

  it('keeps each managed policy under the 6,144 characters IAM allows, with five systems', () => {
    const big = synth({
      namePrefixes: ['mlmon', 'mlcicd', 'modelreg', 'mlnews', 'sentiment'],
      regions: ['us-east-1', 'us-west-2'],
      bucketNamePatterns: ['mlmon-*'],
    });
    for (const group of ['network', 'compute', 'data', 'platform']) {
      expect({ group, fits: iamPolicySize(doc(big, `deploy-${group}-policy-document`)) < 6144 }).toEqual({
        group,
        fits: true,
      });
    }
    expect(iamPolicySize(doc(big, 'deploy-policy-document'))).toBeLessThan(10240);
  });

  it('gives no Allow on "*" for a service that offers resource-level scoping by name', () => {
    const { deployPolicy } = built();
    const star = deployPolicy
      .filter((st) => st.effect === 'Allow' && (st.resources ?? []).includes('*'))
      .flatMap((st) => st.actions ?? []);
    for (const scoped of [
      'ecs:*',
      'ecr:*',
      'rds:*',
      'lambda:*',
      'batch:*',
      'sqs:*',
      'dynamodb:*',
      'iam:PassRole',
      's3:*',
    ]) {
      expect(star).not.toContain(scoped);
    }
  });

  it('lets the deploy role run the front doors: load balancers by name, certificates, DNS records', () => {
    const { deployPolicy } = built();
    const bySid = new Map(deployPolicy.map((st) => [st.sid, st]));
    expect(bySid.get('LoadBalancers')?.resources).toEqual(['arn:aws:elasticloadbalancing:*:*:*/mlmon-*']);
    expect(bySid.get('LoadBalancerDiscovery')).toMatchObject({
      actions: ['elasticloadbalancing:Describe*'],
      resources: ['*'],
    });
    expect(bySid.get('ServiceLinkedRoles')?.condition?.[0].values).toContain(
      'elasticloadbalancing.amazonaws.com',
    );
    expect(bySid.get('DnsRecords')?.resources).toEqual([
      'arn:aws:route53:::hostedzone/*',
      'arn:aws:route53:::change/*',
    ]);
  });

  it('limits regional services to `regions` when set', () => {
    const { deployPolicy } = built();
    const regional = deployDocs(synth({ regions: ['us-west-2'] }));
    expect(regional.find((st) => st.sid === 'ComputeAndNetwork')?.condition).toEqual([
      { test: 'StringEquals', variable: 'aws:RequestedRegion', values: ['us-west-2'] },
    ]);
    expect(deployPolicy.find((st) => st.sid === 'ComputeAndNetwork')?.condition).toBeUndefined();
  });

  it("adds us-east-1 for CloudFront's side (certificates, web ACLs, alarms, log delivery)", () => {
    const regional = new Map(deployDocs(synth({ regions: ['us-west-2'] })).map((st) => [st.sid, st]));
    for (const sid of [
      'Certificates',
      'WebAcls',
      'ProjectAlarmsTopicsDashboards',
      'ProjectLogGroups',
      'Keys',
    ]) {
      expect(regional.get(sid)?.condition).toEqual([
        { test: 'StringEquals', variable: 'aws:RequestedRegion', values: ['us-west-2', 'us-east-1'] },
      ]);
    }
    expect(regional.get('Containers')?.condition?.[0].values).toEqual(['us-west-2']);
  });
});

describe('GithubOidcRoles: deploy services', () => {
  it('allows these services, and no other, on the deploy role', () => {
    const services = new Set(
      deployDocs(synth())
        .filter((st) => (st.effect ?? 'Allow') === 'Allow')
        .flatMap((st) => st.actions ?? [])
        .map((a) => a.split(':')[0]),
    );
    expect([...services].sort()).toEqual([
      'acm',
      'apigateway',
      'application-autoscaling',
      'autoscaling',
      'backup',
      'backup-storage',
      'batch',
      'bedrock',
      'cloudfront',
      'cloudtrail',
      'cloudwatch',
      'cognito-idp',
      'dynamodb',
      'ec2',
      'ecr',
      'ecs',
      'elasticache',
      'elasticloadbalancing',
      'es',
      'events',
      'iam',
      'kms',
      'lambda',
      'logs',
      'rds',
      'route53',
      's3',
      'scheduler',
      'secretsmanager',
      'servicediscovery',
      'sns',
      'sqs',
      'ssm',
      'wafv2',
    ]);
  });

  it('suppresses MLM-IAM-003 with its reason on the groups that allow writes on "*", and only there', () => {
    const stack = new TerraformStack(Testing.app(), 'bootstrap');
    const roles = new GithubOidcRoles(stack, 'github', BASE);
    const suppressed = ['compute', 'data', 'network', 'platform'].map((group) => [
      group,
      PolicySuppressions.of(roles.node.findChild(`deploy-${group}-policy`)),
    ]);
    const reason = { id: 'MLM-IAM-003', reason: DEPLOY_WILDCARD_REASON };
    expect(suppressed).toEqual([
      ['compute', [reason]],
      ['data', []],
      ['network', [reason]],
      ['platform', [reason]],
    ]);
    expect(DEPLOY_WILDCARD_REASON).toContain('IDs that AWS generates at creation');
  });
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
    [
      'a wildcard name prefix',
      { namePrefixes: ['ml*'] },
      'namePrefixes[0] = "ml*": must be 3-32 lowercase letters, digits and hyphens',
    ],
    ['no name prefix', { namePrefixes: [] }, 'namePrefixes = []: is empty'],
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
    ['environments only (the default)', {}],
    ['plan branches of their own', { planBranches: ['main', 'release'] }],
    ['branches only', { deployBranches: ['main'], deployEnvironments: [] }],
    ['an existing provider', { createOidcProvider: false, oidcProviderArn: PROVIDER_ARN }],
    ['12-hour sessions', { maxSessionDurationInSeconds: 43200 }],
    ['a state key prefix', { stateKeyPrefix: 'teams/ml/' }],
    ['several name prefixes', { namePrefixes: ['mlmon', 'mlcicd', 'modelreg', 'mlnews', 'sentiment'] }],
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

describe('GithubActionsRole', () => {
  const APP_REPO = 'example/model-registry';
  const PROPS: GithubActionsRoleProps = {
    roleName: 'modelreg-prod-app-deploy',
    repository: APP_REPO,
    branches: ['aws-deployment'],
    environments: ['prod'],
    oidcProviderArn: PROVIDER_ARN,
  };
  const build = (props: Partial<GithubActionsRoleProps> = {}) => {
    const stack = new TerraformStack(Testing.app(), 'app');
    const role = new GithubActionsRole(stack, 'app-deploy', { ...PROPS, ...props });
    return { stack, role };
  };
  const synthRole = (props: Partial<GithubActionsRoleProps> = {}, grant = true) => {
    const { stack, role } = build(props);
    if (grant) {
      role.addStatements(
        {
          sid: 'Push',
          effect: 'Allow',
          actions: ['ecr:PutImage'],
          resources: ['arn:aws:ecr:us-east-1:1:repository/a'],
        },
        {
          sid: 'Push',
          effect: 'Allow',
          actions: ['ecr:PutImage'],
          resources: ['arn:aws:ecr:us-east-1:1:repository/b'],
        },
      );
    }
    return JSON.parse(Testing.synth(stack)) as Synth;
  };
  const trustOf = (s: Synth) => {
    const key = Object.keys(s.data.aws_iam_policy_document).find((k) =>
      k.startsWith('app-deploy_trust-policy_'),
    );
    return toIam(s.data.aws_iam_policy_document[key as string].statement);
  };

  describe('trust', () => {
    const trust = trustOf(synthRole());
    it.each([
      ['the deploy branch', `repo:${APP_REPO}:ref:refs/heads/aws-deployment`],
      ['the prod environment', `repo:${APP_REPO}:environment:prod`],
    ])('admits %s', (_w, sub) => {
      expect(canAssume(trust, token(sub), PROVIDER_ARN)).toBe(true);
    });
    it.each([
      ['a pull request', `repo:${APP_REPO}:pull_request`],
      ['main', `repo:${APP_REPO}:ref:refs/heads/main`],
      ['another environment', `repo:${APP_REPO}:environment:staging`],
      ['the infrastructure repository', 'repo:acme/mlmon-infra:environment:prod'],
      ['a fork', 'repo:evil/model-registry:ref:refs/heads/aws-deployment'],
    ])('refuses %s', (_w, sub) => {
      expect(canAssume(trust, token(sub), PROVIDER_ARN)).toBe(false);
    });
    it('refuses another audience and another provider', () => {
      expect(canAssume(trust, token(`repo:${APP_REPO}:environment:prod`, 'other'), PROVIDER_ARN)).toBe(false);
      expect(
        canAssume(trust, token(`repo:${APP_REPO}:environment:prod`), PROVIDER_ARN.replace('1234', '9999')),
      ).toBe(false);
    });
  });

  it('gets permissions only from grants: one inline policy, no managed policy, unique sids', () => {
    const s = synthRole();
    expect(Object.values(s.resource.aws_iam_role).map((r) => r.name)).toEqual(['modelreg-prod-app-deploy']);
    expect(s.resource.aws_iam_role_policy_attachment).toBeUndefined();
    expect(Object.values(s.resource.aws_iam_role_policy).map((p) => p.name)).toEqual([
      'modelreg-prod-app-deploy-access',
    ]);
    const key = Object.keys(s.data.aws_iam_policy_document).find((k) =>
      k.startsWith('app-deploy_policy-document_'),
    );
    expect(s.data.aws_iam_policy_document[key as string].statement.map((st) => st.sid)).toEqual([
      'Push',
      'Push2',
    ]);
  });

  it('creates no policy before the first grant', () => {
    expect(synthRole({}, false).resource.aws_iam_role_policy).toBeUndefined();
  });

  it.each([
    [
      'a role name too long',
      { roleName: 'x'.repeat(65) },
      'roleName = "' + 'x'.repeat(65) + '": must be 1-64 characters',
    ],
    [
      'a wildcard repository',
      { repository: 'example/*' },
      'repository = "example/*": is not a GitHub repository',
    ],
    [
      'a wildcard branch',
      { branches: ['release-*'] },
      'branches[0] = "release-*": is not an exact git branch name',
    ],
    [
      'a wildcard environment',
      { environments: ['prod*'] },
      'environments[0] = "prod*": is not an exact GitHub environment name',
    ],
    ['no subject', { branches: [], environments: [] }, 'and environments are both empty'],
    [
      'a provider of another issuer',
      { oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/gitlab.com' },
      'is not the ARN of a GitHub Actions OIDC provider',
    ],
    [
      'a session over 12 hours',
      { maxSessionDurationInSeconds: 43201 },
      'maxSessionDurationInSeconds = 43201',
    ],
  ])('fails on %s', (_case, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  it.each([
    ['a 64-character name', { roleName: 'x'.repeat(64) }],
    ['branches only', { environments: [] }],
    ['environments only', { branches: [] }],
    ['12-hour sessions', { maxSessionDurationInSeconds: 43200 }],
  ])('accepts %s', (_case, props) => {
    expect(() => build(props)).not.toThrow();
  });
});
