import { TerraformOutput, Testing } from 'cdktf';
import { Repository, RepositoryProps } from '../../../modules/ecr';
import { ECR_ACTIONS } from '../../../modules/iam/actions';
import { Role } from '../../../modules/iam';
import { applyPolicyPack } from '../../../modules/policy';
import {
  ExpectedProblem,
  newStack,
  onlyResource,
  policyDocument,
  policyFindings,
  problemLike,
  synthJson,
  validationProblems,
} from '../../support/construct-test';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const BASE: RepositoryProps = { repositoryName: 'team/model-api' };

function build(props: Partial<RepositoryProps> = {}, grant?: (repo: Repository, role: Role) => void) {
  const stack = newStack();
  const repo = new Repository(stack, 'model-image', { ...BASE, ...props });
  const role = new Role(stack, 'role', { name: 'task', assumedBy: ['ecs-tasks.amazonaws.com'] });
  grant?.(repo, role);
  return { stack, repo, role, ...synthJson(stack) };
}

const make = (props: Partial<RepositoryProps> = {}) =>
  new Repository(newStack(), 'model-image', { ...BASE, ...props });

describe('Repository with default props', () => {
  const { stack, repo, json } = build();

  it('has immutable tags, scan on push, KMS with the AWS managed key and no force delete', () => {
    expect(onlyResource(json, 'aws_ecr_repository')).toEqual({
      name: 'team/model-api',
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: 'KMS' }],
      force_delete: false,
      tags: { Name: 'team/model-api' },
    });
  });

  it('expires untagged images after 7 days and keeps the 30 newest tagged images', () => {
    const policy = JSON.parse(onlyResource(json, 'aws_ecr_lifecycle_policy').policy as string);
    expect(policy).toEqual({
      rules: [
        {
          rulePriority: 1,
          description: 'Expire untagged images 7 days after push',
          selection: {
            tagStatus: 'untagged',
            countType: 'sinceImagePushed',
            countUnit: 'days',
            countNumber: 7,
          },
          action: { type: 'expire' },
        },
        {
          rulePriority: 2,
          description: 'Keep the 30 most recent images of any tag',
          selection: {
            tagStatus: 'tagged',
            tagPatternList: ['*'],
            countType: 'imageCountMoreThan',
            countNumber: 30,
          },
          action: { type: 'expire' },
        },
      ],
    });
  });

  it('has no repository policy', () => {
    expect(json.resource.aws_ecr_repository_policy).toBeUndefined();
    expect(repo.repositoryPolicyJson).toBeUndefined();
  });

  it('exposes the repository attributes as references', () => {
    const outputs = newStack();
    const r = new Repository(outputs, 'model-image', BASE);
    const attributes = {
      url: r.repositoryUrl,
      arn: r.repositoryArn,
      registry: r.registryId,
      name: r.repositoryName,
    };
    for (const [key, value] of Object.entries(attributes)) new TerraformOutput(outputs, key, { value });
    const out = (synthJson(outputs).json as unknown as { output: Record<string, { value: string }> }).output;
    const ref = (attribute: string) =>
      expect.stringMatching(
        new RegExp(`^\\$\\{aws_ecr_repository\\.model-image_repository_[0-9A-F]+\\.${attribute}\\}$`),
      );
    expect(Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.value]))).toEqual({
      url: ref('repository_url'),
      arn: ref('arn'),
      registry: ref('registry_id'),
      name: ref('name'),
    });
  });

  it('passes the policy pack with no finding at all', () => {
    expect(policyFindings(stack)).toEqual([]);
    const packed = newStack();
    new Repository(packed, 'repo', BASE);
    applyPolicyPack(packed, { log: () => undefined });
    expect(() => Testing.synth(packed, true)).not.toThrow();
  });
});

describe('Repository grants', () => {
  const ARN = /^\$\{aws_ecr_repository\.model-image_repository_[0-9A-F]+\.arn\}$/;

  it('grantPull: the pull actions on the repository and the login token on *', () => {
    const { json } = build({}, (r, g) => r.grantPull(g));
    const [pull, token] = policyDocument(json, 'role_policy-document').statement;
    expect(pull).toEqual({
      sid: 'ModelImagePull',
      effect: 'Allow',
      actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      resources: [expect.stringMatching(ARN)],
    });
    expect(token).toEqual({
      sid: 'EcrAuthToken',
      effect: 'Allow',
      actions: ['ecr:GetAuthorizationToken'],
      resources: ['*'],
    });
  });

  it('grantPush: the upload actions, no delete', () => {
    const { json, role } = build({}, (r, g) => r.grantPush(g));
    expect(policyDocument(json, 'role_policy-document').statement[0]).toEqual({
      sid: 'ModelImagePush',
      effect: 'Allow',
      actions: [
        'ecr:BatchCheckLayerAvailability',
        'ecr:CompleteLayerUpload',
        'ecr:InitiateLayerUpload',
        'ecr:PutImage',
        'ecr:UploadLayerPart',
      ],
      resources: [expect.stringMatching(ARN)],
    });
    expect(role.policyStatements[0].actions?.some((a) => a.includes('Delete'))).toBe(false);
  });

  it('grantPullPush: both sets once each, from the one action table', () => {
    const { role } = build({}, (r, g) => r.grantPullPush(g));
    const actions = role.policyStatements[0].actions ?? [];
    expect([...actions].sort()).toEqual([...new Set([...ECR_ACTIONS.pull, ...ECR_ACTIONS.push])].sort());
    expect(role.policyStatements[0].sid).toBe('ModelImagePullPush');
  });

  it('two grants on one role keep unique statement ids', () => {
    const { role, stack } = build({}, (r, g) => {
      r.grantPull(g);
      r.grantPush(g);
    });
    expect(role.policyStatements.map((s) => s.sid)).toEqual([
      'ModelImagePull',
      'EcrAuthToken',
      'ModelImagePush',
      'EcrAuthToken2',
    ]);
    expect(policyFindings(stack)).toEqual([]);
  });
});

describe('Repository opt-outs and options', () => {
  it('uses a customer managed key', () => {
    const { json } = build({ kmsKeyArn: KEY });
    expect(onlyResource(json, 'aws_ecr_repository').encryption_configuration).toEqual([
      { encryption_type: 'KMS', kms_key: KEY },
    ]);
  });

  it('uses AES256, mutable tags, no scanning, force delete when asked', () => {
    const { json } = build({
      encryption: 'AES256',
      imageTagMutability: 'MUTABLE',
      scanOnPush: false,
      forceDelete: true,
    });
    expect(onlyResource(json, 'aws_ecr_repository')).toEqual(
      expect.objectContaining({
        encryption_configuration: [{ encryption_type: 'AES256' }],
        image_tag_mutability: 'MUTABLE',
        image_scanning_configuration: { scan_on_push: false },
        force_delete: true,
      }),
    );
  });

  it('omits the lifecycle policy when lifecyclePolicy is false', () => {
    const { json, repo } = build({ lifecyclePolicy: false });
    expect(json.resource.aws_ecr_lifecycle_policy).toBeUndefined();
    expect(repo.lifecyclePolicyJson).toBeUndefined();
  });

  it('keeps images per tag prefix with custom counts', () => {
    const { repo } = build({
      tagPrefixes: ['v', 'release-'],
      maxTaggedImages: 5,
      untaggedImageExpirationInDays: 1,
    });
    const rules = JSON.parse(repo.lifecyclePolicyJson as string).rules as Record<string, unknown>[];
    expect(rules.map((r) => r.selection)).toEqual([
      { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 },
      { tagStatus: 'tagged', tagPrefixList: ['v'], countType: 'imageCountMoreThan', countNumber: 5 },
      { tagStatus: 'tagged', tagPrefixList: ['release-'], countType: 'imageCountMoreThan', countNumber: 5 },
    ]);
    expect(rules.map((r) => r.rulePriority)).toEqual([1, 2, 3]);
  });

  it('lets other accounts pull through a repository policy naming their roots', () => {
    const { json } = build({ pullAccountIds: ['444455556666', '777788889999'] });
    expect(policyDocument(json, 'model-image_policy-document').statement).toEqual([
      {
        sid: 'CrossAccountPull',
        effect: 'Allow',
        principals: [
          {
            type: 'AWS',
            identifiers: ['arn:aws:iam::444455556666:root', 'arn:aws:iam::777788889999:root'],
          },
        ],
        actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      },
    ]);
    expect(onlyResource(json, 'aws_ecr_repository_policy').repository).toMatch(/aws_ecr_repository\./);
  });

  it('uses the partition for account roots and appends extra statements', () => {
    const { json, stack } = build({
      partition: 'aws-us-gov',
      pullAccountIds: ['444455556666'],
      policyStatements: [
        {
          sid: 'LambdaPull',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }],
          actions: ['ecr:BatchGetImage'],
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: ['111122223333'] }],
        },
      ],
    });
    const statements = policyDocument(json, 'model-image_policy-document').statement;
    expect(statements.map((s) => s.sid)).toEqual(['CrossAccountPull', 'LambdaPull']);
    expect(statements[0].principals).toEqual([
      { type: 'AWS', identifiers: ['arn:aws-us-gov:iam::444455556666:root'] },
    ]);
    expect(policyFindings(stack)).toEqual([]);
  });
});

describe('Repository validation', () => {
  const publicStatement = {
    sid: 'Everyone',
    effect: 'Allow',
    principals: [{ type: 'AWS', identifiers: ['*'] }],
    actions: ['ecr:BatchGetImage'],
  };
  const cases: [string, Partial<RepositoryProps>, ExpectedProblem][] = [
    [
      'an upper-case name',
      { repositoryName: 'Team/API' },
      {
        field: 'repositoryName',
        value: 'Team/API',
        problem: /not an ECR repository name/,
        fix: /team\/model-api/,
      },
    ],
    [
      'a one-character name',
      { repositoryName: 'a' },
      { field: 'repositoryName', value: 'a', problem: /2-256/, fix: /team\/model-api/ },
    ],
    [
      'a name ending in a separator',
      { repositoryName: 'team/api-' },
      { field: 'repositoryName', value: 'team/api-', problem: /not an ECR repository name/, fix: /team/ },
    ],
    [
      'an unknown tag mutability',
      { imageTagMutability: 'immutable' as never },
      {
        field: 'imageTagMutability',
        value: 'immutable',
        problem: /"IMMUTABLE" or "MUTABLE"/,
        fix: /IMMUTABLE/,
      },
    ],
    [
      'an unknown encryption',
      { encryption: 'SSE' as never },
      { field: 'encryption', value: 'SSE', problem: /"KMS" or "AES256"/, fix: /KMS/ },
    ],
    [
      'a key alias',
      { kmsKeyArn: 'alias/ecr' },
      { field: 'kmsKeyArn', value: 'alias/ecr', problem: /not a KMS key ARN/, fix: /AWS managed key/ },
    ],
    [
      'a key with AES256',
      { kmsKeyArn: KEY, encryption: 'AES256' },
      {
        field: 'kmsKeyArn',
        value: KEY,
        problem: /not used with encryption "AES256"/,
        fix: /encryption "KMS"/,
      },
    ],
    [
      'keeping 0 tagged images',
      { maxTaggedImages: 0 },
      { field: 'maxTaggedImages', value: 0, problem: /from 1 to 10000/, fix: /1 to 10000/ },
    ],
    [
      'expiring untagged images after 0 days',
      { untaggedImageExpirationInDays: 0 },
      { field: 'untaggedImageExpirationInDays', value: 0, problem: /from 1 to 3650/, fix: /1 to 3650/ },
    ],
    [
      'a tag prefix starting with "-"',
      { tagPrefixes: ['-rc'] },
      { field: 'tagPrefixes[0]', value: '-rc', problem: /not an image tag prefix/, fix: /release-/ },
    ],
    [
      'a tag prefix listed twice',
      { tagPrefixes: ['v', 'v'] },
      { field: 'tagPrefixes', value: ['v'], problem: /more than once/, fix: /once/ },
    ],
    [
      'an empty tag prefix list',
      { tagPrefixes: [] },
      { field: 'tagPrefixes', value: [], problem: /is empty/, fix: /leave it unset/ },
    ],
    [
      'lifecycle settings with the policy off',
      { lifecyclePolicy: false, maxTaggedImages: 10 },
      {
        field: 'maxTaggedImages',
        value: 10,
        problem: /no effect with lifecyclePolicy: false/,
        fix: /remove maxTaggedImages/,
      },
    ],
    [
      'a bad pull account',
      { pullAccountIds: ['4444'] },
      { field: 'pullAccountIds[0]', value: '4444', problem: /12-digit/, fix: /123456789012/ },
    ],
    [
      'a pull account listed twice',
      { pullAccountIds: ['444455556666', '444455556666'] },
      { field: 'pullAccountIds', value: ['444455556666'], problem: /more than once/, fix: /once/ },
    ],
    [
      'a public policy statement',
      { policyStatements: [publicStatement] },
      {
        field: 'policyStatements[0]',
        value: 'Everyone',
        problem: /would be public/,
        fix: /aws:PrincipalOrgID/,
      },
    ],
    [
      'an unknown partition',
      { partition: 'aws-x' as never },
      { field: 'partition', value: 'aws-x', problem: /not an AWS partition/, fix: /aws-us-gov/ },
    ],
  ];

  it.each(cases)('refuses %s', (_name, props, expected) => {
    expect(validationProblems(() => make(props))).toContainEqual(problemLike(expected));
  });

  it.each<[string, Partial<RepositoryProps>]>([
    ['a two-character name', { repositoryName: 'ab' }],
    ['a 256-character name', { repositoryName: 'a'.repeat(256) }],
    ['nested namespaces with separators', { repositoryName: 'org/team_a/model.api-v2' }],
    ['1 tagged image and 1-day expiry', { maxTaggedImages: 1, untaggedImageExpirationInDays: 1 }],
    [
      '10000 tagged images and 3650-day expiry',
      { maxTaggedImages: 10000, untaggedImageExpirationInDays: 3650 },
    ],
    ['a 128-character tag prefix', { tagPrefixes: ['v'.repeat(128)] }],
    [
      'everyone narrowed by an organization condition',
      {
        policyStatements: [
          {
            ...publicStatement,
            condition: [{ test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-abc123'] }],
          },
        ],
      },
    ],
    ['a deny for everyone', { policyStatements: [{ ...publicStatement, effect: 'Deny' }] }],
  ])('accepts %s', (_name, props) => {
    expect(validationProblems(() => make(props))).toEqual([]);
  });
});
