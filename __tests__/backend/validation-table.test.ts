import { TerraformStack, Testing } from 'cdktf';
import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import {
  GITHUB_OIDC_HOST,
  GithubActionsRole,
  GithubActionsRoleProps,
  GithubOidcRoles,
  GithubOidcRolesProps,
} from '../../backend/github-oidc';
import { lazy } from '../support/lazy';
import { errorOf } from '../support/synth-json';

const REPO = 'acme/mlmon-infra';
const BUCKET_ARN = 'arn:aws:s3:::mlmon-terraform-state';
const TABLE_ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/mlmon-terraform-locks';
const PROVIDER_ARN = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';

const BASE: GithubOidcRolesProps = {
  repository: REPO,
  stateBucketArn: BUCKET_ARN,
  lockTableArn: TABLE_ARN,
  projectPrefix: 'mlmon',
};

/** The error a GithubOidcRoles of stack "s" reports for one problem: `<field> = <value>: <problem>. Fix: <fix>`. */
const oneProblem = (line: string): string => `Invalid input for s/github (1 problem):\n  - ${line}`;

const REPOSITORY_FIX = 'Fix: use the repository as GitHub spells it, e.g. "acme/mlmon-infra"';
const REPOSITORY_PROBLEM = 'is not a GitHub repository in the form owner/name (no wildcards)';
const BRANCH_PROBLEM =
  'is not an exact git branch name (wildcards such as * and ? are not allowed). ' +
  'Fix: list each branch by its full name, e.g. "main"';
const ENVIRONMENT_PROBLEM =
  'is not an exact GitHub environment name (no wildcards, colons, commas or quotes). ' +
  'Fix: list each environment by its name, e.g. "prod"';
const PROVIDER_PROBLEM =
  'is not the ARN of a GitHub Actions OIDC provider. ' +
  'Fix: use arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com';

describe('GithubOidcRoles validation messages', () => {
  const build =
    (props: Partial<GithubOidcRolesProps>): (() => void) =>
    () =>
      new GithubOidcRoles(new TerraformStack(Testing.app(), 's'), 'github', { ...BASE, ...props });

  it.each<[string, Partial<GithubOidcRolesProps>, string]>([
    [
      'a repository without owner',
      { repository: 'mlmon-infra' },
      `repository = "mlmon-infra": ${REPOSITORY_PROBLEM}. ${REPOSITORY_FIX}`,
    ],
    [
      'a repository with junk before the owner',
      { repository: '!acme/x' },
      `repository = "!acme/x": ${REPOSITORY_PROBLEM}. ${REPOSITORY_FIX}`,
    ],
    [
      'a repository with junk after the name',
      { repository: 'acme/x!' },
      `repository = "acme/x!": ${REPOSITORY_PROBLEM}. ${REPOSITORY_FIX}`,
    ],
    [
      'a repository named ".."',
      { repository: 'acme/..' },
      `repository = "acme/..": ${REPOSITORY_PROBLEM}. ${REPOSITORY_FIX}`,
    ],
    [
      'a repository named "."',
      { repository: 'acme/.' },
      `repository = "acme/.": ${REPOSITORY_PROBLEM}. ${REPOSITORY_FIX}`,
    ],
    [
      'an owner with a leading hyphen',
      { repository: '-acme/x' },
      `repository = "-acme/x": ${REPOSITORY_PROBLEM}. ${REPOSITORY_FIX}`,
    ],
    [
      'an owner of 40 characters',
      { repository: `${'a'.repeat(40)}/x` },
      `repository = "${'a'.repeat(40)}/x": ${REPOSITORY_PROBLEM}. ${REPOSITORY_FIX}`,
    ],
    [
      'an upper-case project prefix',
      { projectPrefix: 'MLMon' },
      'projectPrefix = "MLMon": must be 3-32 lowercase letters, digits and hyphens, starting with a letter. ' +
        'Fix: use the project name, e.g. "mlmon"',
    ],
    [
      'a project prefix with junk before it',
      { projectPrefix: 'Xmlmon' },
      'projectPrefix = "Xmlmon": must be 3-32 lowercase letters, digits and hyphens, starting with a letter. ' +
        'Fix: use the project name, e.g. "mlmon"',
    ],
    [
      'a project prefix with junk after it',
      { projectPrefix: 'mlmon!' },
      'projectPrefix = "mlmon!": must be 3-32 lowercase letters, digits and hyphens, starting with a letter. ' +
        'Fix: use the project name, e.g. "mlmon"',
    ],
    [
      'a project prefix of two characters',
      { projectPrefix: 'ml' },
      'projectPrefix = "ml": must be 3-32 lowercase letters, digits and hyphens, starting with a letter. ' +
        'Fix: use the project name, e.g. "mlmon"',
    ],
    [
      'a wildcard in the second name prefix',
      { namePrefixes: ['mlmon', 'ml*'] },
      'namePrefixes[1] = "ml*": must be 3-32 lowercase letters, digits and hyphens, starting with a letter ' +
        '(no wildcards). Fix: use the system names, e.g. ["mlmon", "mlcicd", "modelreg"]',
    ],
    [
      'no name prefix',
      { namePrefixes: [] },
      'namePrefixes = []: is empty, so the deploy role could manage no resource. ' +
        'Fix: list the system names, or leave it unset for [projectPrefix]',
    ],
    [
      'a plan branch with a wildcard',
      { planBranches: ['main', 'release/*'] },
      `planBranches[1] = "release/*": ${BRANCH_PROBLEM}`,
    ],
    [
      'a deploy branch starting with "/"',
      { deployBranches: ['/main'] },
      `deployBranches[0] = "/main": ${BRANCH_PROBLEM}`,
    ],
    [
      'a deploy branch with a space',
      { deployBranches: ['feature x'] },
      `deployBranches[0] = "feature x": ${BRANCH_PROBLEM}`,
    ],
    [
      'a deploy branch with "//"',
      { deployBranches: ['a/b//c'] },
      `deployBranches[0] = "a/b//c": ${BRANCH_PROBLEM}`,
    ],
    [
      'a deploy branch ending in "/"',
      { deployBranches: ['a/b/'] },
      `deployBranches[0] = "a/b/": ${BRANCH_PROBLEM}`,
    ],
    [
      'a deploy branch with ".."',
      { deployBranches: ['ab..c'] },
      `deployBranches[0] = "ab..c": ${BRANCH_PROBLEM}`,
    ],
    [
      'a deploy branch with "@{"',
      { deployBranches: ['ab@{c'] },
      `deployBranches[0] = "ab@{c": ${BRANCH_PROBLEM}`,
    ],
    [
      'a deploy branch ending in ".lock"',
      { deployBranches: ['abc.lock'] },
      `deployBranches[0] = "abc.lock": ${BRANCH_PROBLEM}`,
    ],
    [
      'a deploy branch ending in "."',
      { deployBranches: ['abc.'] },
      `deployBranches[0] = "abc.": ${BRANCH_PROBLEM}`,
    ],
    [
      'a deploy branch of 256 characters',
      { deployBranches: ['b'.repeat(256)] },
      `deployBranches[0] = "${'b'.repeat(256)}": ${BRANCH_PROBLEM}`,
    ],
    [
      'an environment starting with a space',
      { deployEnvironments: [' prod'] },
      `deployEnvironments[0] = " prod": ${ENVIRONMENT_PROBLEM}`,
    ],
    [
      'an environment with a colon',
      { deployEnvironments: ['dev', 'prod:eu'] },
      `deployEnvironments[1] = "prod:eu": ${ENVIRONMENT_PROBLEM}`,
    ],
    [
      'an environment with a quote',
      { deployEnvironments: ["prod'"] },
      `deployEnvironments[0] = "prod'": ${ENVIRONMENT_PROBLEM}`,
    ],
    [
      'an empty environment name',
      { deployEnvironments: [''] },
      `deployEnvironments[0] = "": ${ENVIRONMENT_PROBLEM}`,
    ],
    [
      'an environment of 256 characters',
      { deployEnvironments: ['e'.repeat(256)] },
      `deployEnvironments[0] = "${'e'.repeat(256)}": ${ENVIRONMENT_PROBLEM}`,
    ],
    [
      'no environment and no deploy branch (deployBranches unset)',
      { deployEnvironments: [] },
      'deployBranches = []: and deployEnvironments are both empty, so nothing could assume the deploy role. ' +
        'Fix: list at least one environment (e.g. "prod") or branch',
    ],
    [
      'a provider ARN while creating one',
      { oidcProviderArn: PROVIDER_ARN },
      `oidcProviderArn = "${PROVIDER_ARN}": is set while createOidcProvider is true. ` +
        'Fix: set createOidcProvider: false to use an existing provider, or remove oidcProviderArn',
    ],
    [
      'an existing provider without its ARN',
      { createOidcProvider: false },
      'oidcProviderArn = undefined: is required when createOidcProvider is false. ' +
        "Fix: pass the ARN of the account's existing provider, " +
        'arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com',
    ],
    [
      'a provider ARN with junk before it',
      { createOidcProvider: false, oidcProviderArn: `x${PROVIDER_ARN}` },
      `oidcProviderArn = "x${PROVIDER_ARN}": ${PROVIDER_PROBLEM}`,
    ],
    [
      'a provider ARN with junk after it',
      { createOidcProvider: false, oidcProviderArn: `${PROVIDER_ARN}.evil` },
      `oidcProviderArn = "${PROVIDER_ARN}.evil": ${PROVIDER_PROBLEM}`,
    ],
    [
      'a state bucket name instead of its ARN',
      { stateBucketArn: 'mlmon-terraform-state' },
      'stateBucketArn = "mlmon-terraform-state": is not an ARN. ' +
        'Fix: pass the state bucket ARN (e.g. SecureBucket.bucketArn)',
    ],
    [
      'a state bucket ARN with junk before it',
      { stateBucketArn: `x${BUCKET_ARN}` },
      `stateBucketArn = "x${BUCKET_ARN}": is not an ARN. Fix: pass the state bucket ARN (e.g. SecureBucket.bucketArn)`,
    ],
    [
      'a state bucket ARN followed by a line break',
      { stateBucketArn: 'arn:aws:s3:::b\n' },
      'stateBucketArn = "arn:aws:s3:::b\\n": is not an ARN. ' +
        'Fix: pass the state bucket ARN (e.g. SecureBucket.bucketArn)',
    ],
    [
      'a lock table name instead of its ARN',
      { lockTableArn: 'mlmon-terraform-locks' },
      'lockTableArn = "mlmon-terraform-locks": is not an ARN. Fix: pass the lock table ARN (e.g. DynamodbTable.arn)',
    ],
    [
      'a KMS alias instead of a key ARN',
      { stateKmsKeyArn: 'alias/terraform-state' },
      'stateKmsKeyArn = "alias/terraform-state": is not an ARN. Fix: pass a KMS key ARN',
    ],
    [
      'a state key prefix without a trailing slash',
      { stateKeyPrefix: 'teams/ml' },
      'stateKeyPrefix = "teams/ml": must be empty or path segments each ending in "/". ' +
        'Fix: use a prefix such as "teams/ml/"',
    ],
    [
      'a bucket pattern of everything',
      { bucketNamePatterns: ['*'] },
      'bucketNamePatterns[0] = "*": is not a bucket-name pattern narrower than "*". ' +
        'Fix: use a pattern such as "mlmon-*"',
    ],
    [
      'a bucket pattern with junk before it',
      { bucketNamePatterns: ['mlmon-*', '_mlmon-*'] },
      'bucketNamePatterns[1] = "_mlmon-*": is not a bucket-name pattern narrower than "*". ' +
        'Fix: use a pattern such as "mlmon-*"',
    ],
    [
      'a bucket pattern with junk after it',
      { bucketNamePatterns: ['mlmon-*_'] },
      'bucketNamePatterns[0] = "mlmon-*_": is not a bucket-name pattern narrower than "*". ' +
        'Fix: use a pattern such as "mlmon-*"',
    ],
    [
      'no bucket pattern',
      { bucketNamePatterns: [] },
      'bucketNamePatterns = []: is empty. ' +
        'Fix: list the bucket-name patterns of the stacks, or leave it unset for "<projectPrefix>-*"',
    ],
    [
      'an unknown region',
      { regions: ['us-east-1', 'moon-1'] },
      'regions[1] = "moon-1": is not an AWS region. Fix: use a region such as "us-east-1"',
    ],
    [
      'a session under an hour',
      { maxSessionDurationInSeconds: 3599 },
      'maxSessionDurationInSeconds = 3599: must be a whole number from 3600 to 43200. ' +
        'Fix: set maxSessionDurationInSeconds to a whole number from 3600 to 43200',
    ],
  ])('refuses %s, naming the field, the value and the fix', (_case, props, line) => {
    expect(errorOf(build(props))).toBe(oneProblem(line));
  });

  it.each<[string, Partial<GithubOidcRolesProps>]>([
    ['a one-character owner', { repository: 'a/mlmon-infra' }],
    ['an owner of 39 characters', { repository: `${'a'.repeat(39)}/x` }],
    ['a repository name starting with a dot', { repository: 'acme/.github' }],
    ['a repository name of dots and letters', { repository: 'acme/..x' }],
    ['a branch named like a lock file but longer', { deployBranches: ['abc.locked'] }],
    ['a branch with single dots and slashes', { planBranches: ['release/2025.1', 'a.b/c'] }],
    ['a branch of 255 characters', { deployBranches: ['b'.repeat(255)] }],
    ['an environment with an inner space', { deployEnvironments: ['prod east'] }],
    ['an environment of 255 characters', { deployEnvironments: ['e'.repeat(255)] }],
    ['deploy branches without environments', { deployBranches: ['main'], deployEnvironments: [] }],
    ['a project prefix of 32 characters', { projectPrefix: `m${'0'.repeat(31)}` }],
    ['bucket patterns with dots and wildcards', { bucketNamePatterns: ['mlmon-*', '*.mlmon.example'] }],
    [
      'an existing provider in aws-cn',
      { createOidcProvider: false, oidcProviderArn: PROVIDER_ARN.replace('aws', 'aws-cn') },
    ],
    [
      'an existing provider in aws-us-gov',
      { createOidcProvider: false, oidcProviderArn: PROVIDER_ARN.replace('aws', 'aws-us-gov') },
    ],
    ['a KMS key ARN', { stateKmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abc' }],
    ['one-hour sessions', { maxSessionDurationInSeconds: 3600 }],
  ])('accepts %s', (_case, props) => {
    expect(build(props)).not.toThrow();
  });

  it('lists every problem in the order of the props, each on its own line', () => {
    expect(errorOf(build({ repository: 'acme/..', bucketNamePatterns: [], regions: ['moon-1'] }))).toBe(
      'Invalid input for s/github (3 problems):\n' +
        `  - repository = "acme/..": ${REPOSITORY_PROBLEM}. ${REPOSITORY_FIX}\n` +
        '  - bucketNamePatterns = []: is empty. ' +
        'Fix: list the bucket-name patterns of the stacks, or leave it unset for "<projectPrefix>-*"\n' +
        '  - regions[0] = "moon-1": is not an AWS region. Fix: use a region such as "us-east-1"',
    );
  });
});

const APP_REPO = 'example/model-registry';
const ROLE_PROPS: GithubActionsRoleProps = {
  roleName: 'modelreg-prod-app-deploy',
  repository: APP_REPO,
  branches: ['aws-deployment'],
  environments: ['prod'],
  oidcProviderArn: PROVIDER_ARN,
};

function buildRole(props: Partial<GithubActionsRoleProps> = {}): {
  stack: TerraformStack;
  role: GithubActionsRole;
} {
  const stack = new TerraformStack(Testing.app(), 'app');
  const role = new GithubActionsRole(stack, 'app-deploy', { ...ROLE_PROPS, ...props });
  return { stack, role };
}

/** Props without branches and environments (each row adds what it needs). */
function withoutSubjects(): GithubActionsRoleProps {
  return { roleName: ROLE_PROPS.roleName, repository: APP_REPO, oidcProviderArn: PROVIDER_ARN };
}

interface RoleJson {
  data: { aws_iam_policy_document: Record<string, { statement: Record<string, unknown>[] }> };
  resource: {
    aws_iam_role: Record<string, Record<string, unknown>>;
    aws_iam_role_policy?: Record<string, Record<string, unknown>>;
  };
}

const synthJson = (stack: TerraformStack): RoleJson => JSON.parse(Testing.synth(stack)) as RoleJson;

/** The inline policy's statements (the document whose id starts with `app-deploy_policy-document_`). */
function policyStatements(json: RoleJson): Record<string, unknown>[] {
  const docs = Object.entries(json.data.aws_iam_policy_document).filter(([k]) =>
    k.startsWith('app-deploy_policy-document_'),
  );
  expect(docs).toHaveLength(1);
  return docs[0][1].statement;
}

describe('GithubActionsRole validation messages', () => {
  const oneRoleProblem = (line: string): string =>
    `Invalid input for app/app-deploy (1 problem):\n  - ${line}`;
  const APP_REPOSITORY_FIX = 'Fix: use the repository as GitHub spells it, e.g. "example/model-registry"';

  it.each<[string, GithubActionsRoleProps, string]>([
    [
      'a role name with a space',
      { ...ROLE_PROPS, roleName: 'app deploy' },
      'roleName = "app deploy": must be 1-64 characters of A-Z, a-z, 0-9 and +=,.@_-. ' +
        'Fix: use a name such as "modelreg-prod-app-deploy"',
    ],
    [
      'an empty role name',
      { ...ROLE_PROPS, roleName: '' },
      'roleName = "": must be 1-64 characters of A-Z, a-z, 0-9 and +=,.@_-. ' +
        'Fix: use a name such as "modelreg-prod-app-deploy"',
    ],
    [
      'a repository with junk before the owner',
      { ...ROLE_PROPS, repository: '!example/x' },
      `repository = "!example/x": ${REPOSITORY_PROBLEM}. ${APP_REPOSITORY_FIX}`,
    ],
    [
      'a repository with junk after the name',
      { ...ROLE_PROPS, repository: 'example/x!' },
      `repository = "example/x!": ${REPOSITORY_PROBLEM}. ${APP_REPOSITORY_FIX}`,
    ],
    [
      'a repository named ".."',
      { ...ROLE_PROPS, repository: 'example/..' },
      `repository = "example/..": ${REPOSITORY_PROBLEM}. ${APP_REPOSITORY_FIX}`,
    ],
    [
      'a repository named "."',
      { ...ROLE_PROPS, repository: 'example/.' },
      `repository = "example/.": ${REPOSITORY_PROBLEM}. ${APP_REPOSITORY_FIX}`,
    ],
    [
      'a branch with a wildcard (second of two)',
      { ...ROLE_PROPS, branches: ['main', 'release-*'] },
      `branches[1] = "release-*": ${BRANCH_PROBLEM}`,
    ],
    [
      'a branch with ".."',
      { ...ROLE_PROPS, branches: ['ab..c'] },
      `branches[0] = "ab..c": ${BRANCH_PROBLEM}`,
    ],
    [
      'an environment starting with a space',
      { ...ROLE_PROPS, environments: [' prod'] },
      `environments[0] = " prod": ${ENVIRONMENT_PROBLEM}`,
    ],
    [
      'an environment with a comma (second of two)',
      { ...ROLE_PROPS, environments: ['dev', 'prod,qa'] },
      `environments[1] = "prod,qa": ${ENVIRONMENT_PROBLEM}`,
    ],
    [
      'empty branches and environments',
      { ...ROLE_PROPS, branches: [], environments: [] },
      'branches = []: and environments are both empty, so no workflow could assume the role. ' +
        'Fix: list at least one branch or GitHub environment',
    ],
    [
      'neither branches nor environments set',
      withoutSubjects(),
      'branches = []: and environments are both empty, so no workflow could assume the role. ' +
        'Fix: list at least one branch or GitHub environment',
    ],
    [
      'a provider ARN with junk before it',
      { ...ROLE_PROPS, oidcProviderArn: `x${PROVIDER_ARN}` },
      `oidcProviderArn = "x${PROVIDER_ARN}": ${PROVIDER_PROBLEM}`,
    ],
    [
      'a provider ARN with junk after it',
      { ...ROLE_PROPS, oidcProviderArn: `${PROVIDER_ARN}.evil` },
      `oidcProviderArn = "${PROVIDER_ARN}.evil": ${PROVIDER_PROBLEM}`,
    ],
    [
      'a session under an hour',
      { ...ROLE_PROPS, maxSessionDurationInSeconds: 3599 },
      'maxSessionDurationInSeconds = 3599: must be a whole number from 3600 to 43200. ' +
        'Fix: set maxSessionDurationInSeconds to a whole number from 3600 to 43200',
    ],
  ])('refuses %s, naming the field, the value and the fix', (_case, props, line) => {
    const stack = new TerraformStack(Testing.app(), 'app');
    expect(errorOf(() => new GithubActionsRole(stack, 'app-deploy', props))).toBe(oneRoleProblem(line));
  });

  it.each<[string, GithubActionsRoleProps, string[]]>([
    [
      'environments only, branches unset',
      { ...withoutSubjects(), environments: ['prod'] },
      [`repo:${APP_REPO}:environment:prod`],
    ],
    [
      'branches only, environments unset',
      { ...withoutSubjects(), branches: ['main'] },
      [`repo:${APP_REPO}:ref:refs/heads/main`],
    ],
    [
      'a one-character owner and a dot-repository',
      { ...ROLE_PROPS, repository: 'e/.github', branches: [] },
      ['repo:e/.github:environment:prod'],
    ],
    [
      'environments before branches',
      { ...ROLE_PROPS, branches: ['main', 'abc.locked'], environments: ['prod', 'staging'] },
      [
        `repo:${APP_REPO}:environment:prod`,
        `repo:${APP_REPO}:environment:staging`,
        `repo:${APP_REPO}:ref:refs/heads/main`,
        `repo:${APP_REPO}:ref:refs/heads/abc.locked`,
      ],
    ],
  ])('accepts %s and trusts exactly its subjects', (_case, props, subjects) => {
    const stack = new TerraformStack(Testing.app(), 'app');
    const role = new GithubActionsRole(stack, 'app-deploy', props);
    expect(role.subjects).toEqual(subjects);
  });
});

describe('GithubActionsRole role and trust policy', () => {
  const json = lazy(() => synthJson(buildRole().stack));

  it('creates the role with the default description, a one-hour session and forced policy detachment', () => {
    expect(Object.values(json().resource.aws_iam_role)).toEqual([
      {
        name: 'modelreg-prod-app-deploy',
        description: 'GitHub Actions role of example/model-registry',
        assume_role_policy: expect.stringMatching(
          /^\$\{data\.aws_iam_policy_document\.app-deploy_trust-policy_[0-9A-F]{8}\.json\}$/,
        ),
        max_session_duration: 3600,
        force_detach_policies: true,
        tags: { Name: 'modelreg-prod-app-deploy' },
      },
    ]);
  });

  it('trusts the GitHub OIDC provider for the sts.amazonaws.com audience and the listed subjects', () => {
    const trust = Object.entries(json().data.aws_iam_policy_document).filter(([k]) =>
      k.startsWith('app-deploy_trust-policy_'),
    );
    expect(trust.map(([, d]) => d.statement)).toEqual([
      [
        {
          sid: 'GithubActionsOidc',
          effect: 'Allow',
          actions: ['sts:AssumeRoleWithWebIdentity'],
          principals: [{ type: 'Federated', identifiers: [PROVIDER_ARN] }],
          condition: [
            {
              test: 'StringEquals',
              variable: `${GITHUB_OIDC_HOST}:aud`,
              values: ['sts.amazonaws.com'],
            },
            {
              test: 'StringEquals',
              variable: `${GITHUB_OIDC_HOST}:sub`,
              values: [
                'repo:example/model-registry:environment:prod',
                'repo:example/model-registry:ref:refs/heads/aws-deployment',
              ],
            },
          ],
        },
      ],
    ]);
  });

  it('takes a description, a session length and tags', () => {
    const custom = synthJson(
      buildRole({
        description: 'Model registry deploys',
        maxSessionDurationInSeconds: 7200,
        tags: { Team: 'ml' },
      }).stack,
    );
    expect(Object.values(custom.resource.aws_iam_role)).toEqual([
      expect.objectContaining({
        description: 'Model registry deploys',
        max_session_duration: 7200,
        force_detach_policies: true,
        tags: { Team: 'ml', Name: 'modelreg-prod-app-deploy' },
      }),
    ]);
  });
});

describe('GithubActionsRole.addStatements', () => {
  const read = (resource: string): DataAwsIamPolicyDocumentStatement => ({
    effect: 'Allow',
    actions: ['s3:GetObject'],
    resources: [resource],
  });

  it.each<[string, (string | undefined)[], (string | undefined)[]]>([
    ['statements without sid keep none', [undefined, undefined], [undefined, undefined]],
    ['a sid loses its punctuation', ['Push-Image', 'Read.Only_1'], ['PushImage', 'ReadOnly1']],
    ['a sid of punctuation only becomes "Statement"', ['!!!', '-'], ['Statement', 'Statement2']],
    ['a repeated sid is numbered from 2', ['X', 'X', 'X'], ['X', 'X2', 'X3']],
    ['a numbered sid already taken is skipped', ['X2', 'X', 'X'], ['X2', 'X', 'X3']],
    ['sids that clean up alike are numbered', ['A-B', 'AB', 'A.B'], ['AB', 'AB2', 'AB3']],
  ])('%s', (_case, sids, expected) => {
    const { stack, role } = buildRole();
    role.addStatements(
      ...sids.map((sid, i) => ({ ...read(`arn:aws:s3:::b/${i}`), ...(sid === undefined ? {} : { sid }) })),
    );
    expect(role.policyStatements.map((s) => s.sid)).toEqual(expected);
    const statements = policyStatements(synthJson(stack));
    expect(statements.map((s) => s.sid)).toEqual(expected);
    expect(statements.map((s) => s.resources)).toEqual(sids.map((_s, i) => [`arn:aws:s3:::b/${i}`]));
  });

  it('collects the statements of several calls in one document and one inline policy', () => {
    const { stack, role } = buildRole();
    role.addStatements({ ...read('arn:aws:s3:::a/*'), sid: 'Read' });
    role.addStatements({ ...read('arn:aws:s3:::b/*'), sid: 'Read' }, read('arn:aws:s3:::c/*'));
    const out = synthJson(stack);
    expect(Object.values(out.resource.aws_iam_role_policy ?? {})).toEqual([
      {
        name: 'modelreg-prod-app-deploy-access',
        role: expect.stringMatching(/^\$\{aws_iam_role\.app-deploy_role_[0-9A-F]{8}\.id\}$/),
        policy: expect.stringMatching(
          /^\$\{data\.aws_iam_policy_document\.app-deploy_policy-document_[0-9A-F]{8}\.json\}$/,
        ),
      },
    ]);
    expect(policyStatements(out)).toEqual([
      { sid: 'Read', effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::a/*'] },
      { sid: 'Read2', effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] },
      { effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::c/*'] },
    ]);
  });

  it('creates no policy when called without statements, and one on the first statement', () => {
    const { stack, role } = buildRole();
    role.addStatements();
    const before = synthJson(stack);
    expect(before.resource.aws_iam_role_policy).toBeUndefined();
    expect(Object.keys(before.data.aws_iam_policy_document)).toEqual([
      expect.stringMatching(/^app-deploy_trust-policy_/),
    ]);
    role.addStatements();
    role.addStatements({ ...read('arn:aws:s3:::a/*'), sid: 'Read' });
    role.addStatements();
    const after = synthJson(stack);
    expect(Object.keys(after.resource.aws_iam_role_policy ?? {})).toHaveLength(1);
    expect(policyStatements(after)).toEqual([
      { sid: 'Read', effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::a/*'] },
    ]);
  });

  it('lists the statements granted so far, as a copy', () => {
    const { role } = buildRole();
    expect(role.policyStatements).toEqual([]);
    role.addStatements({ ...read('arn:aws:s3:::a/*'), sid: 'Read-A' });
    const listed = role.policyStatements as DataAwsIamPolicyDocumentStatement[];
    expect(listed).toEqual([
      { sid: 'ReadA', effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::a/*'] },
    ]);
    listed.pop();
    expect(role.policyStatements).toHaveLength(1);
  });
});
