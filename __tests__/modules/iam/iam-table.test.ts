import { TerraformStack, Testing } from 'cdktf';
import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import {
  type BucketRef,
  grantBucketRead,
  grantBucketWrite,
  grantKmsKeys,
  grantLogsWrite,
  grantPutMetricData,
  grantSsmParameters,
  type IGrantable,
  Role,
  type RoleProps,
} from '../../../modules/iam';
import { errorOf, invalidMessage, outcomeOf, synthJson } from '../../support/synth-json';

const BUCKET: BucketRef = { bucketArn: 'arn:aws:s3:::models-prod', bucketName: 'models-prod' };
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const LOG_GROUP = 'arn:aws:logs:us-east-1:111122223333:log-group:/app/api';
const SSM_ARN = 'arn:aws:ssm:us-east-1:111122223333:parameter/orders/dev/db';

/** A grantee that keeps what it is given: the statements a grant produces are what it grants. */
class Collector implements IGrantable {
  public readonly statements: DataAwsIamPolicyDocumentStatement[] = [];
  public addStatements(...statements: DataAwsIamPolicyDocumentStatement[]): void {
    this.statements.push(...statements);
  }
}

function granted(grant: (g: Collector) => void): DataAwsIamPolicyDocumentStatement[] {
  const g = new Collector();
  grant(g);
  return g.statements;
}

/** The ValidationError of a grant on a plain grantee (no construct path). */
function grantError(fn: string, grant: (g: Collector) => void, ...problems: string[]): void {
  expect(errorOf(() => grant(new Collector()))).toBe(invalidMessage(fn, ...problems));
}

describe('grantBucketRead and grantBucketWrite, in full', () => {
  it('reads the whole bucket, and decrypts through S3 with the bucket key', () => {
    expect(granted((g) => grantBucketRead(g, { ...BUCKET, kmsKeyArn: KEY }))).toEqual([
      {
        sid: 'BucketList',
        effect: 'Allow',
        actions: ['s3:ListBucket'],
        resources: ['arn:aws:s3:::models-prod'],
      },
      {
        sid: 'BucketRead',
        effect: 'Allow',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: ['arn:aws:s3:::models-prod/*'],
      },
      {
        sid: 'BucketKeyDecrypt',
        effect: 'Allow',
        actions: ['kms:Decrypt'],
        resources: [KEY],
        condition: [{ test: 'StringLike', variable: 'kms:ViaService', values: ['s3.*.amazonaws.com'] }],
      },
    ]);
  });

  it('writes under prefixes only, with no key statement for an SSE-S3 bucket', () => {
    expect(granted((g) => grantBucketWrite(g, BUCKET, ['models/', 'reports/daily/']))).toEqual([
      {
        sid: 'BucketListForWrite',
        effect: 'Allow',
        actions: ['s3:ListBucket'],
        resources: ['arn:aws:s3:::models-prod'],
        condition: [
          {
            test: 'StringLike',
            variable: 's3:prefix',
            values: ['models/', 'models/*', 'reports/daily/', 'reports/daily/*'],
          },
        ],
      },
      {
        sid: 'BucketWrite',
        effect: 'Allow',
        actions: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        resources: ['arn:aws:s3:::models-prod/models/*', 'arn:aws:s3:::models-prod/reports/daily/*'],
      },
    ]);
  });

  it.each([['arn:aws:s3:::abc'], [`arn:aws:s3:::${'a'.repeat(63)}`], ['arn:aws-cn:s3:::models.prod-1']])(
    'accepts the bucket ARN %j',
    (bucketArn) => {
      expect(granted((g) => grantBucketRead(g, { bucketArn, bucketName: 'x' }))[0].resources).toEqual([
        bucketArn,
      ]);
    },
  );

  it.each([
    ['xarn:aws:s3:::models-prod'],
    ['arn:aws:s3:::models-prod/*'],
    ['arn:aws:s3:::ab'],
    [`arn:aws:s3:::${'a'.repeat(64)}`],
  ])('refuses the bucket ARN %j, for reads and writes', (bucketArn) => {
    const problem = `bucket.bucketArn = "${bucketArn}": is not an S3 bucket ARN. Fix: pass "arn:aws:s3:::<bucket>" (no key part), e.g. SecureBucket.bucketArn`;
    grantError('grantBucketRead', (g) => grantBucketRead(g, { bucketArn, bucketName: 'x' }), problem);
    grantError('grantBucketWrite', (g) => grantBucketWrite(g, { bucketArn, bucketName: 'x' }), problem);
  });

  it.each([[`x${KEY}`], [`${KEY}/x`], ['arn:aws:kms:us-east-1:111122223333:alias/models']])(
    'refuses the bucket key %j',
    (kmsKeyArn) => {
      grantError(
        'grantBucketRead',
        (g) => grantBucketRead(g, { ...BUCKET, kmsKeyArn }),
        `bucket.kmsKeyArn = "${kmsKeyArn}": is not a KMS key ARN. Fix: pass "arn:aws:kms:<region>:<account>:key/<key-id>" (aliases are not accepted in key policies)`,
      );
    },
  );

  it.each([['models/'], ['a/b/c/'], ["x!_.'()-/"]])('accepts the prefix %j', (prefix) => {
    expect(granted((g) => grantBucketRead(g, BUCKET, [prefix]))[1].resources).toEqual([
      `arn:aws:s3:::models-prod/${prefix}*`,
    ]);
  });

  it.each([['models'], ['/models/'], ['x y/models/'], ['models/x'], ['models/*/'], ['a//']])(
    'refuses the prefix %j',
    (prefix) => {
      grantError(
        'grantBucketWrite',
        (g) => grantBucketWrite(g, BUCKET, ['ok/', prefix]),
        `prefixes = ["${prefix}"]: has key prefixes that do not end with "/", start with "/", or contain wildcards or unusual characters. Fix: use folder-style prefixes such as "models/" (no leading "/", no "*")`,
      );
    },
  );

  it('refuses a prefix listed twice, and an empty list', () => {
    grantError(
      'grantBucketRead',
      (g) => grantBucketRead(g, BUCKET, ['a/', 'b/', 'a/', 'b/', 'c/']),
      'prefixes = ["a/","b/"]: lists a prefix more than once. Fix: list each prefix once',
    );
    for (const [fn, grant] of [
      ['grantBucketRead', grantBucketRead],
      ['grantBucketWrite', grantBucketWrite],
    ] as const) {
      grantError(
        fn,
        (g) => grant(g, BUCKET, []),
        'prefixes = []: is empty. Fix: list at least one prefix, or omit it for the whole bucket',
      );
    }
  });

  it('names the construct path of a Role grantee in the error', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const role = new Role(stack, 'role', { name: 'svc', assumedBy: ['ec2.amazonaws.com'] });
    expect(errorOf(() => grantBucketRead(role, BUCKET, []))).toBe(
      invalidMessage(
        'test/role (grantBucketRead)',
        'prefixes = []: is empty. Fix: list at least one prefix, or omit it for the whole bucket',
      ),
    );
  });
});

describe('grantLogsWrite, in full', () => {
  it('grants each group and its streams, with or without the ":*" suffix', () => {
    expect(granted((g) => grantLogsWrite(g, [LOG_GROUP, `${LOG_GROUP}-worker:*`]))).toEqual([
      {
        sid: 'LogsWrite',
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [LOG_GROUP, `${LOG_GROUP}:*`, `${LOG_GROUP}-worker`, `${LOG_GROUP}-worker:*`],
      },
    ]);
  });

  it('grants nothing for no groups', () => {
    expect(granted((g) => grantLogsWrite(g, []))).toEqual([]);
  });

  it.each([[`x${LOG_GROUP}`], [`${LOG_GROUP}:x`], [`${LOG_GROUP} `]])(
    'refuses the log group ARN %j',
    (arn) => {
      grantError(
        'grantLogsWrite',
        (g) => grantLogsWrite(g, [LOG_GROUP, arn]),
        `logGroupArns = ["${arn}"]: has entries that are not CloudWatch log group ARNs. Fix: pass "arn:aws:logs:<region>:<account>:log-group:<name>", e.g. CloudwatchLogGroup.arn`,
      );
    },
  );
});

describe('grantSsmParameters, in full', () => {
  it.each([
    ['read', 'SsmParametersRead', ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath']],
    [
      'readWrite',
      'SsmParametersReadWrite',
      ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath', 'ssm:PutParameter'],
    ],
  ] as const)('grants %j on a path with sid %j', (access, sid, actions) => {
    expect(granted((g) => grantSsmParameters(g, '/orders/dev/', access))).toEqual([
      {
        sid,
        effect: 'Allow',
        actions,
        resources: ['arn:aws:ssm:*:*:parameter/orders/dev', 'arn:aws:ssm:*:*:parameter/orders/dev/*'],
      },
    ]);
  });

  it('scopes the path to a partition, region and account', () => {
    const scope = { partition: 'aws-cn', region: 'cn-north-1', account: '111122223333' };
    expect(granted((g) => grantSsmParameters(g, '/orders/', 'read', scope))[0].resources).toEqual([
      'arn:aws-cn:ssm:cn-north-1:111122223333:parameter/orders',
      'arn:aws-cn:ssm:cn-north-1:111122223333:parameter/orders/*',
    ]);
  });

  it.each([[SSM_ARN], ['arn:aws:ssm:*:*:parameter/orders/*']])('grants the one parameter ARN %j', (arn) => {
    expect(granted((g) => grantSsmParameters(g, arn, 'read'))[0].resources).toEqual([arn]);
  });

  it.each([
    [`${SSM_ARN} `],
    [`${SSM_ARN}?`],
    [`arn:${SSM_ARN}`],
    [`arn:aws:s3:::orders/${SSM_ARN}`],
    ['arn:aws:ssm:us-east-1:111122223333:document/x'],
  ])('refuses the parameter ARN %j', (arn) => {
    grantError(
      'grantSsmParameters',
      (g) => grantSsmParameters(g, arn, 'read'),
      `parameterArnOrPrefix = "${arn}": is not an SSM parameter ARN. Fix: use "arn:aws:ssm:<region>:<account>:parameter/<path>"`,
    );
  });

  it.each([['/'], ['orders/'], ['/orders'], ['/or ders/']])('refuses the path %j', (path) => {
    grantError(
      'grantSsmParameters',
      (g) => grantSsmParameters(g, path, 'read'),
      `parameterArnOrPrefix = "${path}": is not a parameter path: it must start and end with "/" and hold at least one segment of letters, digits, "_", "." or "-". Fix: use a path such as "/orders/dev/" (not "/" alone: that would cover every parameter)`,
    );
  });

  it('refuses an access other than read or readWrite', () => {
    grantError(
      'grantSsmParameters',
      (g) => grantSsmParameters(g, '/orders/', 'write' as 'read'),
      'access = "write": must be "read" or "readWrite". Fix: use "read" or "readWrite"',
    );
  });
});

describe('grantPutMetricData, in full', () => {
  it('allows the namespaces only, on "*" (the action has no resource-level permissions)', () => {
    expect(granted((g) => grantPutMetricData(g, ['Orders', 'CWAgent']))).toEqual([
      {
        sid: 'PutMetricData',
        effect: 'Allow',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        condition: [
          { test: 'StringEquals', variable: 'cloudwatch:namespace', values: ['Orders', 'CWAgent'] },
        ],
      },
    ]);
    expect(granted((g) => grantPutMetricData(g, []))).toEqual([]);
  });

  it('refuses reserved, empty and colon namespaces', () => {
    grantError(
      'grantPutMetricData',
      (g) => grantPutMetricData(g, ['Orders', 'AWS/EC2', '', 'a:b', 'n'.repeat(256)]),
      `namespaces = ${JSON.stringify(['AWS/EC2', '', 'a:b', 'n'.repeat(256)]).slice(0, 197)}...: has invalid namespaces (1-255 characters, no ":", and "AWS/" is reserved). Fix: use namespaces such as "Orders" or "CWAgent"`,
    );
  });
});

describe('grantKmsKeys, in full', () => {
  it('allows decrypt and data keys only through S3 and SSM', () => {
    expect(granted((g) => grantKmsKeys(g, [KEY]))).toEqual([
      {
        sid: 'KmsUseViaS3AndSsm',
        effect: 'Allow',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [KEY],
        condition: [
          {
            test: 'StringLike',
            variable: 'kms:ViaService',
            values: ['s3.*.amazonaws.com', 'ssm.*.amazonaws.com'],
          },
        ],
      },
    ]);
    expect(granted((g) => grantKmsKeys(g, []))).toEqual([]);
  });

  it.each([[`x${KEY}`], [`${KEY}/x`], ['arn:aws:kms:us-east-1:111122223333:alias/app']])(
    'refuses the key %j',
    (arn) => {
      grantError(
        'grantKmsKeys',
        (g) => grantKmsKeys(g, [KEY, arn]),
        `kmsKeyArns = ["${arn}"]: has entries that are not KMS key ARNs. Fix: pass "arn:aws:kms:<region>:<account>:key/<key-id>" (aliases do not work in IAM resources)`,
      );
    },
  );
});

describe('Role, in full', () => {
  const BASE: RoleProps = { name: 'svc-task', assumedBy: ['ecs-tasks.amazonaws.com'] };
  const outcome = (props: Partial<RoleProps>): string =>
    outcomeOf(
      () => new Role(new TerraformStack(Testing.app(), 'test'), 'role', { ...BASE, ...props } as RoleProps),
    );
  const invalid = (...problems: string[]) => invalidMessage('test/role', ...problems);
  function synthRole(props: Partial<RoleProps>, after?: (r: Role) => void) {
    const stack = new TerraformStack(Testing.app(), 'test');
    const role = new Role(stack, 'role', { ...BASE, ...props });
    after?.(role);
    const { json } = synthJson(stack);
    return {
      role,
      resource: (json.resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>,
    };
  }

  it('describes the role by its principals, and names the inline policy "<name>-access", 71 characters for the longest name', () => {
    const { resource } = synthRole({ assumedBy: ['ecs-tasks.amazonaws.com', 'lambda.amazonaws.com'] }, (r) =>
      r.addStatements({ sid: 'Read', effect: 'Allow', actions: ['s3:GetObject'], resources: ['*'] }),
    );
    expect(Object.values(resource.aws_iam_role)[0].description).toBe(
      'svc-task (assumed by ecs-tasks.amazonaws.com, lambda.amazonaws.com)',
    );
    expect(Object.values(resource.aws_iam_role_policy)[0].name).toBe('svc-task-access');
    const long = synthRole({ name: 'r'.repeat(64) }, (r) =>
      r.addStatements({ effect: 'Allow', actions: ['s3:GetObject'], resources: ['*'] }),
    );
    expect(Object.values(long.resource.aws_iam_role_policy)[0].name).toBe(`${'r'.repeat(64)}-access`);
  });

  it('makes sids unique and alphanumeric, numbering repeats from 2', () => {
    const { role } = synthRole({}, (r) =>
      r.addStatements(
        { sid: 'Read-Models', effect: 'Allow', actions: ['s3:GetObject'], resources: ['*'] },
        { sid: 'ReadModels', effect: 'Allow', actions: ['s3:GetObject'], resources: ['*'] },
        { sid: 'Read Models', effect: 'Allow', actions: ['s3:GetObject'], resources: ['*'] },
        { sid: '---', effect: 'Allow', actions: ['s3:GetObject'], resources: ['*'] },
        { effect: 'Allow', actions: ['s3:PutObject'], resources: ['*'] },
      ),
    );
    expect(role.policyStatements.map((s) => s.sid)).toEqual([
      'ReadModels',
      'ReadModels2',
      'ReadModels3',
      'Statement',
      undefined,
    ]);
  });

  it('creates no inline policy until a statement is added, and one for all statements after', () => {
    const none = synthRole({}, (r) => r.addStatements());
    expect(none.resource.aws_iam_role_policy).toBeUndefined();
    expect(none.role.policyJson).toBeUndefined();
    const two = synthRole({}, (r) => {
      r.addStatements({ sid: 'A', effect: 'Allow', actions: ['s3:GetObject'], resources: ['*'] });
      r.addStatements({ sid: 'B', effect: 'Allow', actions: ['s3:PutObject'], resources: ['*'] });
    });
    expect(Object.keys(two.resource.aws_iam_role_policy)).toHaveLength(1);
    expect(Object.values(two.resource.aws_iam_role_policy)[0].policy).toMatch(
      /^\$\{data\.aws_iam_policy_document\.role_policy-document_[0-9A-F]+\.json\}$/,
    );
    expect(two.role.policyJson).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    expect(two.role.policyStatements.map((st) => st.sid)).toEqual(['A', 'B']);
  });

  it('attaches each managed policy once, in order', () => {
    const { resource } = synthRole({
      managedPolicyArns: [
        'arn:aws:iam::aws:policy/ReadOnlyAccess',
        'arn:aws:iam::111122223333:policy/team/boundary',
        'arn:aws:iam::aws:policy/ReadOnlyAccess',
      ],
    });
    expect(Object.values(resource.aws_iam_role_policy_attachment).map((a) => a.policy_arn)).toEqual([
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::111122223333:policy/team/boundary',
    ]);
    expect(
      Object.keys(resource.aws_iam_role_policy_attachment).map((k) => k.replace(/_[0-9A-F]{8}$/, '')),
    ).toEqual(['role_managed-1', 'role_managed-2']);
  });

  it('keeps the tags given, for constructs that tag what they add to the role', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    expect(new Role(stack, 'a', { ...BASE, tags: { team: 'ml' } }).resourceTags).toEqual({ team: 'ml' });
    expect(new Role(stack, 'b', BASE).resourceTags).toBeUndefined();
  });

  it.each([
    [['arn:aws:iam::1111222233334:policy/x'], 'arn:aws:iam::1111222233334:policy/x'],
    [['arn:aws:iam::abcdefghijkl:policy/x'], 'arn:aws:iam::abcdefghijkl:policy/x'],
    [['xarn:aws:iam::aws:policy/ReadOnlyAccess'], 'xarn:aws:iam::aws:policy/ReadOnlyAccess'],
    [['arn:aws:iam::aws:policy/Read Only'], 'arn:aws:iam::aws:policy/Read Only'],
  ])('refuses the managed policy %j', (managedPolicyArns, arn) => {
    expect(outcome({ managedPolicyArns })).toBe(
      invalid(
        `managedPolicyArns = "${arn}": is not an IAM managed policy ARN. Fix: use "arn:aws:iam::aws:policy/<name>" or "arn:aws:iam::<account>:policy/<name>"`,
      ),
    );
  });

  it.each([['xarn:aws:iam::111122223333:policy/boundary'], ['arn:aws:iam::111122223333:policy/b?']])(
    'refuses the permissions boundary %j',
    (permissionsBoundaryArn) => {
      expect(outcome({ permissionsBoundaryArn })).toBe(
        invalid(
          `permissionsBoundaryArn = "${permissionsBoundaryArn}": is not an IAM policy ARN. Fix: use "arn:aws:iam::<account>:policy/<name>"`,
        ),
      );
    },
  );

  it.each([['/'], ['/service-roles/'], ['/a/b/c/'], [`/${'p'.repeat(510)}/`]])(
    'accepts the path %j',
    (path) => {
      expect(outcome({ path })).toBe('accepted');
    },
  );

  it.each([
    ['service-roles/'],
    ['/service-roles'],
    ['x/service-roles/'],
    ['/service roles/'],
    [`/${'p'.repeat(511)}/`],
  ])('refuses the path %j', (path) => {
    expect(outcome({ path })).toBe(
      invalid(
        `path = "${path}": is not an IAM path (it must start and end with "/"). Fix: use "/" or a path such as "/service-roles/"`,
      ),
    );
  });

  it.each([['svc task'], ['s'.repeat(65)], ['']])('refuses the name %j', (name) => {
    expect(outcome({ name })).toBe(
      invalid(
        `name = "${name}": must be 1-64 characters of A-Z, a-z, 0-9 and +=,.@_-. Fix: use a name such as "mlcicd-dev-task"`,
      ),
    );
  });

  it.each([['ecs-tasks.amazonaws.com'], ['states.amazonaws.com.cn'], ['logs.us-east-1.amazonaws.com']])(
    'trusts the service %j',
    (service) => {
      expect(outcome({ assumedBy: [service] })).toBe('accepted');
    },
  );

  it.each([
    ['xecs-tasks.amazonaws.com '],
    [' ecs-tasks.amazonaws.com'],
    ['Service:ecs-tasks.amazonaws.com'],
    ['ecs-tasks.amazonaws.com.evil'],
    ['arn:aws:iam::111122223333:root'],
  ])('refuses the principal %j', (service) => {
    expect(outcome({ assumedBy: ['ec2.amazonaws.com', service] })).toBe(
      invalid(
        `assumedBy = ["${service}"]: has entries that are not service principals. Fix: use principals such as "lambda.amazonaws.com"`,
      ),
    );
  });

  it.each([
    [undefined, 'undefined'],
    ['ecs-tasks.amazonaws.com', '"ecs-tasks.amazonaws.com"'],
    [{ service: 'ecs-tasks.amazonaws.com' }, '{"service":"ecs-tasks.amazonaws.com"}'],
  ])('refuses principals %j given as something other than a list', (assumedBy, shown) => {
    expect(outcome({ assumedBy: assumedBy as unknown as string[] })).toBe(
      invalid(
        `assumedBy = ${shown}: must list at least one service principal. Fix: pass e.g. ["ecs-tasks.amazonaws.com"]`,
      ),
    );
  });

  it.each([
    [['ecs-tasks.amazonaws.com'], '[["ecs-tasks.amazonaws.com"]]'],
    [42, '[42]'],
    [null, '[null]'],
  ])('refuses the principal %j that is not a string', (service, shown) => {
    expect(outcome({ assumedBy: [service] as unknown as string[] })).toBe(
      invalid(
        `assumedBy = ${shown}: has entries that are not service principals. Fix: use principals such as "lambda.amazonaws.com"`,
      ),
    );
  });

  it.each([
    [123, '123'],
    [['svc-task'], '["svc-task"]'],
    [undefined, 'undefined'],
  ])('refuses the name %j that is not a string', (name, shown) => {
    expect(outcome({ name: name as unknown as string })).toBe(
      invalid(
        `name = ${shown}: must be 1-64 characters of A-Z, a-z, 0-9 and +=,.@_-. Fix: use a name such as "mlcicd-dev-task"`,
      ),
    );
  });

  it.each([['a'], ['s'.repeat(64)], ['svc+=,.@_-Task9']])('accepts the name %j', (name) => {
    expect(outcome({ name })).toBe('accepted');
  });

  it('sets the permissions boundary, path and session duration on the role', () => {
    const { resource } = synthRole({
      permissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/team/boundary',
      path: '/service-roles/',
      maxSessionDurationInSeconds: 43200,
    });
    expect(resource.aws_iam_role).toEqual({
      role_3D9F059D: {
        name: 'svc-task',
        path: '/service-roles/',
        description: 'svc-task (assumed by ecs-tasks.amazonaws.com)',
        assume_role_policy: '${data.aws_iam_policy_document.role_trust-policy_6ED128A7.json}',
        permissions_boundary: 'arn:aws:iam::111122223333:policy/team/boundary',
        max_session_duration: 43200,
        force_detach_policies: true,
        tags: { Name: 'svc-task' },
      },
    });
  });

  it.each([
    ['arn:aws:iam::aws:policy/PowerUserAccess'],
    ['arn:aws-us-gov:iam::111122223333:policy/boundary'],
  ])('accepts the permissions boundary %j', (permissionsBoundaryArn) => {
    expect(outcome({ permissionsBoundaryArn })).toBe('accepted');
  });

  it.each([[3599], [43201], [3600.5]])('refuses the session duration %j', (maxSessionDurationInSeconds) => {
    expect(outcome({ maxSessionDurationInSeconds })).toBe(
      invalid(
        `maxSessionDurationInSeconds = ${maxSessionDurationInSeconds}: must be a whole number from 3600 to 43200. Fix: set maxSessionDurationInSeconds to a whole number from 3600 to 43200`,
      ),
    );
  });

  it('refuses an empty principal list', () => {
    expect(outcome({ assumedBy: [] })).toBe(
      invalid(
        'assumedBy = []: must list at least one service principal. Fix: pass e.g. ["ecs-tasks.amazonaws.com"]',
      ),
    );
  });
});
