import { TerraformStack, Testing, Token } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { ValidationError, ValidationProblem } from '../../../modules/core/validation';
import { Role } from '../../../modules/iam';
import { StringParameter, StringParameterProps } from '../../../modules/ssm';
import { applyPolicyPack } from '../../../modules/policy';

const PROPS: StringParameterProps = {
  name: '/mlcicd/dev/mlflow/artifact-root',
  value: 's3://bucket/artifacts',
};

function stackWith(props: Partial<StringParameterProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const parameter = new StringParameter(stack, 'param', { ...PROPS, ...props } as StringParameterProps);
  return { stack, parameter };
}

function problemsOf(props: Partial<StringParameterProps>): ValidationProblem[] {
  try {
    stackWith(props);
  } catch (e) {
    if (e instanceof ValidationError) return [...e.problems];
    throw e;
  }
  return [];
}

describe('StringParameter defaults', () => {
  const { stack, parameter } = stackWith({ description: 'where MLflow stores artifacts' });
  const out = Testing.synth(stack);

  it('creates a Standard String parameter with the Name tag', () => {
    expect(out).toHaveResourceWithProperties(SsmParameter, {
      name: '/mlcicd/dev/mlflow/artifact-root',
      type: 'String',
      value: 's3://bucket/artifacts',
      tier: 'Standard',
      description: 'where MLflow stores artifacts',
      tags: { Name: '/mlcicd/dev/mlflow/artifact-root' },
    });
    expect(parameter.parameterName).toBe('/mlcicd/dev/mlflow/artifact-root');
    expect(parameter.parameterArn).toMatch(/^\$\{TfToken/);
  });

  it('passes the policy pack', () => {
    const log: string[] = [];
    applyPolicyPack(stack, { log: (m) => log.push(m) });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe('StringParameter options and grants', () => {
  it('takes the Advanced tier and an allowed pattern', () => {
    const { stack } = stackWith({ tier: 'Advanced', allowedPattern: '^s3://.+' });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(SsmParameter, {
      tier: 'Advanced',
      allowed_pattern: '^s3://.+',
    });
  });

  it('grants reading exactly this parameter', () => {
    const { stack, parameter } = stackWith();
    const role = new Role(stack, 'reader', { name: 'reader', assumedBy: ['ecs-tasks.amazonaws.com'] });
    parameter.grantRead(role);
    expect(role.policyStatements).toEqual([
      {
        sid: 'ReadParameterparam',
        effect: 'Allow',
        actions: ['ssm:GetParameter', 'ssm:GetParameters'],
        resources: [parameter.parameterArn],
      },
    ]);
  });

  it('names the grant statement after the construct id, letters and digits only', () => {
    const { stack } = stackWith();
    const other = new StringParameter(stack, 'db-url.v2', { ...PROPS, name: '/app/dev/db-url' });
    const role = new Role(stack, 'reader', { name: 'reader', assumedBy: ['ecs-tasks.amazonaws.com'] });
    other.grantRead(role);
    expect(role.policyStatements.map((s) => s.sid)).toEqual(['ReadParameterdburlv2']);
  });

  it('accepts values with tokens (an endpoint known after apply) and still checks them for credentials', () => {
    const { stack, parameter } = stackWith();
    expect(
      () =>
        new StringParameter(stack, 'uri', {
          name: '/app/dev/db-uri',
          value: `postgresql://app@${parameter.parameterArn}:5432/app`,
        }),
    ).not.toThrow();
    expect(
      () =>
        new StringParameter(stack, 'bad', {
          name: '/app/dev/db-uri2',
          value: `postgresql://app:${parameter.parameterArn}@db:5432/app`,
        }),
    ).toThrow(/value = "\(not shown\)": looks like a credential/);
  });
});

describe('StringParameter validation', () => {
  it.each<[string, Partial<StringParameterProps>, ValidationProblem]>([
    [
      'a relative name',
      { name: 'mlcicd/dev/x' },
      {
        field: 'name',
        value: 'mlcicd/dev/x',
        problem:
          'is not a fully qualified parameter name (starts with "/", at most 15 levels and 1,011 characters of letters, digits, "_", ".", "-")',
        fix: 'use a name such as "/mlcicd/dev/mlflow/artifact-root"',
      },
    ],
    [
      'a reserved prefix',
      { name: '/aws/reference/x' },
      {
        field: 'name',
        value: '/aws/reference/x',
        problem: 'is under a prefix AWS reserves (/aws, /ssm)',
        fix: 'start the name with your system, e.g. "/mlcicd/dev/..."',
      },
    ],
    [
      'a name that holds a secret',
      { name: '/app/dev/db-password' },
      {
        field: 'name',
        value: '/app/dev/db-password',
        problem:
          'names a secret (its name contains "PASSWORD"); a String parameter is stored in clear text in SSM and in Terraform state',
        fix: 'keep the secret in Secrets Manager and store its ARN here (e.g. "/app/dev/db-secret-arn")',
      },
    ],
    [
      'a value that is a credential',
      { value: 'postgresql://app:hunter2@db:5432/app' },
      {
        field: 'value',
        value: '(not shown)',
        problem:
          'looks like a credential (credentials in a URL (user:password@)); it would be stored in clear text in SSM and in Terraform state',
        fix: 'put the credential in Secrets Manager and store its ARN here',
      },
    ],
    [
      'an empty value',
      { value: '' },
      {
        field: 'value',
        value: '(0 bytes)',
        problem: 'must be 1 to 4096 bytes for the Standard tier',
        fix: 'store a non-empty value (or the data in S3 and its URI here)',
      },
    ],
    [
      'a value too large for Standard',
      { value: 'x'.repeat(4097) },
      {
        field: 'value',
        value: '(4097 bytes)',
        problem: 'must be 1 to 4096 bytes for the Standard tier',
        fix: 'use tier "Advanced" (up to 8 KB) or store the data in S3 and its URI here',
      },
    ],
    [
      'Intelligent-Tiering',
      { tier: 'Intelligent-Tiering' as never },
      {
        field: 'tier',
        value: 'Intelligent-Tiering',
        problem: 'is not a tier this construct offers',
        fix: 'use "Standard" or "Advanced" ("Intelligent-Tiering" makes the tier change behind Terraform\'s back)',
      },
    ],
    [
      'a broken pattern',
      { allowedPattern: '(' },
      {
        field: 'allowedPattern',
        value: '(',
        problem: 'is not a regular expression of at most 1,024 characters',
        fix: 'use a pattern such as "^s3://.+"',
      },
    ],
    [
      'the other reserved prefix, in any case',
      { name: '/SSM/x' },
      {
        field: 'name',
        value: '/SSM/x',
        problem: 'is under a prefix AWS reserves (/aws, /ssm)',
        fix: 'start the name with your system, e.g. "/mlcicd/dev/..."',
      },
    ],
    [
      'a name of 1,012 characters',
      { name: `/${'n'.repeat(1011)}` },
      {
        field: 'name',
        value: `/${'n'.repeat(1011)}`,
        problem:
          'is not a fully qualified parameter name (starts with "/", at most 15 levels and 1,011 characters of letters, digits, "_", ".", "-")',
        fix: 'use a name such as "/mlcicd/dev/mlflow/artifact-root"',
      },
    ],
    [
      'a value that is not a string',
      { value: 42 as never },
      { field: 'value', value: 42, problem: 'must be a string', fix: 'pass the value as a string' },
    ],
    [
      'an Advanced value over 8 KB',
      { value: 'x'.repeat(8193), tier: 'Advanced' },
      {
        field: 'value',
        value: '(8193 bytes)',
        problem: 'must be 1 to 8192 bytes for the Advanced tier',
        fix: 'store a non-empty value (or the data in S3 and its URI here)',
      },
    ],
    [
      'a description over 1,024 characters',
      { description: 'd'.repeat(1025) },
      {
        field: 'description',
        value: 'd'.repeat(1025),
        problem: 'is longer than 1,024 characters',
        fix: 'shorten it',
      },
    ],
    [
      'a pattern over 1,024 characters',
      { allowedPattern: 'a'.repeat(1025) },
      {
        field: 'allowedPattern',
        value: 'a'.repeat(1025),
        problem: 'is not a regular expression of at most 1,024 characters',
        fix: 'use a pattern such as "^s3://.+"',
      },
    ],
  ])('reports %s', (_what, props, problem) => {
    expect(problemsOf(props)).toEqual([problem]);
  });

  it('never echoes a credential in the error', () => {
    expect(() => stackWith({ value: 'key AKIAABCDEFGHIJKLMNOP' })).toThrow(/\(not shown\)/);
    expect(() => stackWith({ value: 'key AKIAABCDEFGHIJKLMNOP' })).not.toThrow(/AKIA/);
  });

  it.each<[string, Partial<StringParameterProps>]>([
    ['a 4096-byte value', { value: 'x'.repeat(4096) }],
    ['an 8192-byte Advanced value', { value: 'x'.repeat(8192), tier: 'Advanced' }],
    [
      'a secret ARN under a reference name',
      {
        name: '/app/dev/db-secret-arn',
        value: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-abc',
      },
    ],
    ['a URL without a password', { value: 'postgresql://app@db:5432/app?sslmode=require' }],
    ['15 levels', { name: `/${Array.from({ length: 15 }, (_, i) => `l${i}`).join('/')}` }],
    ['a name of 1,011 characters', { name: `/${'n'.repeat(1010)}` }],
    ['a name that only starts like a reserved prefix', { name: '/awsome/dev/x' }],
    [
      'a description and a pattern of 1,024 characters',
      { description: 'd'.repeat(1024), allowedPattern: 'a'.repeat(1024) },
    ],
    ['a name given as a token', { name: Token.asString({ Ref: 'name' }) }],
  ])('accepts %s', (_what, props) => {
    expect(problemsOf(props)).toEqual([]);
  });

  it('refuses 16 levels', () => {
    expect(
      problemsOf({ name: `/${Array.from({ length: 16 }, (_, i) => `l${i}`).join('/')}` }).map((p) => p.field),
    ).toEqual(['name']);
  });
});
