import { Testing } from 'cdktf';
import { EphemeralRandomPassword, Secret, SecretProps } from '../../../modules/secrets';
import { applyPolicyPack } from '../../../modules/policy';
import { Recorder, SynthJson, configs, newStack, secretValueFindings, single } from './synth-helpers';
import { buildSecretsFullStack } from './full-stack';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const EU_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/9999abcd-12ab-34cd-56ef-1234567890ab';
const LAMBDA = 'arn:aws:lambda:us-east-1:111122223333:function:rotate-token';
const BASE: SecretProps = { secretName: 'app/dev/api-token' };

function synth(props: Partial<SecretProps> = {}) {
  const stack = newStack();
  const secret = new Secret(stack, 'api-token', { ...BASE, ...props });
  const json = JSON.parse(Testing.synth(stack)) as SynthJson;
  return { stack, secret, json };
}

/** A reference with the logical-id hash removed: `${aws_kms_key.api-token_key.arn}`. */
function ref(value: unknown): string {
  return String(value).replace(/_[0-9A-F]{8}\b/g, '');
}

function policyWarnings(props: Partial<SecretProps>): string[] {
  const stack = newStack();
  new Secret(stack, 'api-token', { ...BASE, ...props });
  const logs: string[] = [];
  applyPolicyPack(stack, { log: (m) => logs.push(m) });
  Testing.synth(stack, true);
  return [...logs.join('\n').matchAll(/(MLM-[A-Z0-9]+-\d{3}) \[(\w+)\]/g)].map((m) => `${m[1]} ${m[2]}`);
}

describe('Secret defaults', () => {
  const { json, secret } = synth();

  it('creates the secret with a key of its own and a 30-day recovery window', () => {
    const config = single(json, 'aws_secretsmanager_secret');
    expect({ ...config, kms_key_id: ref(config.kms_key_id) }).toEqual({
      name: 'app/dev/api-token',
      kms_key_id: '${aws_kms_key.api-token_key.arn}',
      recovery_window_in_days: 30,
      replica: [],
      tags: { Name: 'app/dev/api-token' },
    });
  });

  it('creates a rotating customer managed key with an alias and an explicit key policy', () => {
    expect(single(json, 'aws_kms_key')).toEqual({
      description: 'Encrypts the Secrets Manager secret app/dev/api-token',
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      tags: { Name: 'app/dev/api-token' },
    });
    expect(single(json, 'aws_kms_alias').name).toBe('alias/secret/app/dev/api-token');
    const keyPolicy = configs(json, 'aws_iam_policy_document', 'data')[0] as { statement: unknown[] };
    expect(JSON.parse(ref(JSON.stringify(keyPolicy)))).toEqual({
      statement: [
        {
          sid: 'EnableIamPolicies',
          effect: 'Allow',
          principals: [
            {
              type: 'AWS',
              identifiers: [
                'arn:${element(split(":", aws_kms_key.api-token_key.arn), 1)}:iam::${element(split(":", aws_kms_key.api-token_key.arn), 4)}:root',
              ],
            },
          ],
          actions: ['kms:*'],
          resources: ['*'],
        },
      ],
    });
  });

  it("denies every principal outside the secret's account, and blocks public policies", () => {
    const policy = single(json, 'aws_secretsmanager_secret_policy');
    expect(policy.block_public_policy).toBe(true);
    const document = configs(json, 'aws_iam_policy_document', 'data')[1];
    expect(JSON.parse(ref(JSON.stringify(document)))).toEqual({
      statement: [
        {
          sid: 'DenyOutsideAccount',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['secretsmanager:*'],
          resources: ['*'],
          condition: [
            {
              test: 'StringNotEquals',
              variable: 'aws:PrincipalAccount',
              values: ['${element(split(":", aws_secretsmanager_secret.api-token_secret.arn), 4)}'],
            },
            { test: 'BoolIfExists', variable: 'aws:PrincipalIsAWSService', values: ['false'] },
          ],
        },
      ],
    });
  });

  it('sets no value, no rotation and no replica', () => {
    expect(json.resource.aws_secretsmanager_secret_version).toBeUndefined();
    expect(json.resource.aws_secretsmanager_secret_rotation).toBeUndefined();
    expect(json.resource.aws_lambda_permission).toBeUndefined();
    expect(json.ephemeral).toBeUndefined();
    expect(secret.replicaArns).toEqual([]);
    expect(secret.rotationSchedule).toBeUndefined();
    expect(secret.generatedVersion).toBeUndefined();
    expect(secret.key).toBeDefined();
  });

  it('holds no secret value anywhere in the synthesized JSON', () => {
    expect(secretValueFindings(json)).toEqual([]);
  });

  it('passes the policy pack with only the rotation warning', () => {
    expect(policyWarnings({})).toEqual(['MLM-SM-002 warning']);
  });
});

describe('Secret options and opt-outs', () => {
  it('uses a given key and creates none', () => {
    const { json, secret } = synth({ kmsKeyArn: KEY });
    expect(single(json, 'aws_secretsmanager_secret').kms_key_id).toBe(KEY);
    expect(json.resource.aws_kms_key).toBeUndefined();
    expect(json.resource.aws_kms_key_policy).toBeUndefined();
    expect(secret.kmsKeyArn).toBe(KEY);
  });

  it('uses aws/secretsmanager with useAwsManagedKey, which the policy pack warns about', () => {
    const { json, secret } = synth({ useAwsManagedKey: true });
    expect(single(json, 'aws_secretsmanager_secret').kms_key_id).toBeUndefined();
    expect(json.resource.aws_kms_key).toBeUndefined();
    expect(secret.kmsKeyArn).toBeUndefined();
    expect(policyWarnings({ useAwsManagedKey: true })).toEqual(['MLM-SM-001 warning', 'MLM-SM-002 warning']);
  });

  it.each([
    [{ recoveryWindowInDays: 0 }, { recovery_window_in_days: 0 }],
    [{ recoveryWindowInDays: 7 }, { recovery_window_in_days: 7 }],
    [{ description: 'API token of the scorer' }, { description: 'API token of the scorer' }],
    [{ tags: { Team: 'ml' } }, { tags: { Team: 'ml', Name: 'app/dev/api-token' } }],
  ])('sets %j', (props, expected) => {
    expect(single(synth(props).json, 'aws_secretsmanager_secret')).toMatchObject(expected);
  });

  it('sets the key deletion window', () => {
    expect(single(synth({ keyDeletionWindowInDays: 7 }).json, 'aws_kms_key').deletion_window_in_days).toBe(7);
  });

  it('replicates with the key given per region', () => {
    const { json, secret } = synth({ replicas: [{ region: 'eu-west-1', kmsKeyArn: EU_KEY }] });
    expect(single(json, 'aws_secretsmanager_secret').replica).toEqual([
      { region: 'eu-west-1', kms_key_id: EU_KEY },
    ]);
    expect(secret.replicaArns).toHaveLength(1);
  });

  it('replicates with aws/secretsmanager in the replica region when the secret uses it', () => {
    const { json } = synth({ useAwsManagedKey: true, replicas: [{ region: 'eu-west-1' }] });
    expect(single(json, 'aws_secretsmanager_secret').replica).toEqual([{ region: 'eu-west-1' }]);
  });

  it('lets reader principals read by resource policy and decrypt by key policy, only through Secrets Manager', () => {
    const reader = 'arn:aws:iam::111122223333:role/scorer';
    const { json } = synth({ readerPrincipalArns: [reader] });
    const [keyPolicy, secretPolicy] = configs(json, 'aws_iam_policy_document', 'data').map((d) =>
      JSON.parse(ref(JSON.stringify(d))),
    ) as { statement: Record<string, unknown>[] }[];
    expect(keyPolicy.statement[1]).toEqual({
      sid: 'AllowReadersThroughSecretsManager',
      effect: 'Allow',
      principals: [{ type: 'AWS', identifiers: [reader] }],
      actions: ['kms:Decrypt'],
      resources: ['*'],
      condition: [
        {
          test: 'StringEquals',
          variable: 'kms:ViaService',
          values: ['secretsmanager.${element(split(":", aws_kms_key.api-token_key.arn), 3)}.amazonaws.com'],
        },
        {
          test: 'StringEquals',
          variable: 'kms:EncryptionContext:SecretARN',
          values: ['${aws_secretsmanager_secret.api-token_secret.arn}'],
        },
      ],
    });
    expect(secretPolicy.statement[1]).toEqual({
      sid: 'AllowReaders',
      effect: 'Allow',
      principals: [{ type: 'AWS', identifiers: [reader] }],
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      resources: ['*'],
    });
  });

  it('adds statements to the resource policy after construction', () => {
    const stack = newStack();
    const secret = new Secret(stack, 'api-token', BASE);
    secret.addToResourcePolicy({
      sid: 'AllowAppRunner',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['tasks.apprunner.amazonaws.com'] }],
      actions: ['secretsmanager:GetSecretValue'],
      resources: ['*'],
    });
    const json = JSON.parse(Testing.synth(stack)) as SynthJson;
    const document = configs(json, 'aws_iam_policy_document', 'data')[1] as { statement: { sid: string }[] };
    expect(document.statement.map((s) => s.sid)).toEqual(['DenyOutsideAccount', 'AllowAppRunner']);
  });

  it('warns about a name that looks like it carries the ARN suffix', () => {
    const stack = newStack();
    const secret = new Secret(stack, 'db', { secretName: 'prod/db-secret' });
    const warnings = secret.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringContaining('ends with a hyphen and six characters')]);
    expect(new Secret(stack, 'ok', { secretName: 'prod/db-credentials' }).node.metadata).toEqual([]);
  });
});

describe('Secret rotation', () => {
  const { json } = synth({ rotation: { rotationLambdaArn: LAMBDA } });

  it('lets Secrets Manager invoke the function for this secret only', () => {
    const permission = single(json, 'aws_lambda_permission');
    expect({ ...permission, source_arn: ref(permission.source_arn) }).toEqual({
      function_name: LAMBDA,
      action: 'lambda:InvokeFunction',
      principal: 'secretsmanager.amazonaws.com',
      source_arn: '${aws_secretsmanager_secret.api-token_secret.arn}',
      statement_id: 'SecretsManagerRotation-app-dev-api-token',
    });
  });

  it('rotates every 30 days by default, not on apply, after the permission exists', () => {
    const rotation = single(json, 'aws_secretsmanager_secret_rotation');
    expect(JSON.parse(ref(JSON.stringify(rotation)))).toEqual({
      secret_id: '${aws_secretsmanager_secret.api-token_secret.arn}',
      rotation_lambda_arn: LAMBDA,
      rotate_immediately: false,
      rotation_rules: { automatically_after_days: 30 },
      depends_on: ['aws_lambda_permission.api-token_rotation-invoke'],
    });
  });

  it('takes a schedule, immediate rotation, and no permission when asked', () => {
    const { json: custom } = synth({
      rotation: {
        rotationLambdaArn: LAMBDA,
        schedule: { scheduleExpression: 'rate(10 days)', windowInHours: 3 },
        rotateImmediately: true,
        grantInvoke: false,
      },
    });
    expect(single(custom, 'aws_secretsmanager_secret_rotation')).toMatchObject({
      rotate_immediately: true,
      rotation_rules: { schedule_expression: 'rate(10 days)', duration: '3h' },
    });
    expect(custom.resource.aws_lambda_permission).toBeUndefined();
  });

  it('passes the policy pack without warnings when rotating', () => {
    expect(policyWarnings({ rotation: { rotationLambdaArn: LAMBDA } })).toEqual([]);
  });
});

describe('Secret generated value (write-only, never in state)', () => {
  const { json } = synth({ generateSecretString: {} });

  it('generates the password with an ephemeral resource opened only once the secret exists', () => {
    const ephemeral = json.ephemeral?.aws_secretsmanager_random_password ?? {};
    expect(Object.values(ephemeral).map((e) => JSON.parse(ref(JSON.stringify(e))))).toEqual([
      {
        password_length: '${(32 + (0 * length(aws_secretsmanager_secret.api-token_secret.arn)))}',
        exclude_characters: ' %+~`#$&*()|[]{}:;<>?!\'/@"\\',
        require_each_included_type: true,
      },
    ]);
  });

  it('stores it through secret_string_wo, versioned', () => {
    const version = single(json, 'aws_secretsmanager_secret_version');
    expect(JSON.parse(ref(JSON.stringify(version)))).toEqual({
      secret_id: '${aws_secretsmanager_secret.api-token_secret.id}',
      secret_string_wo:
        '${ephemeral.aws_secretsmanager_random_password.api-token_generated-password.random_password}',
      secret_string_wo_version: 1,
    });
  });

  it('holds no secret value anywhere in the synthesized JSON', () => {
    expect(secretValueFindings(json)).toEqual([]);
    expect(JSON.stringify(json)).not.toMatch(/"secret_string"|"secret_binary"/);
  });

  it('builds a JSON value from a template and options, and a new version on request', () => {
    const { json: templated } = synth({
      generateSecretString: {
        passwordLength: 64,
        excludePunctuation: true,
        includeSpace: false,
        excludeCharacters: 'ab${c}%{d}',
        secretStringTemplate: { username: 'scorer' },
        generateStringKey: 'token',
        version: 2,
      },
    });
    const ephemeral = Object.values(templated.ephemeral?.aws_secretsmanager_random_password ?? {})[0];
    expect(ephemeral).toMatchObject({
      password_length: expect.stringContaining('(64 + (0 * length('),
      exclude_characters: 'ab$${c}%%{d}',
      exclude_punctuation: true,
      include_space: false,
    });
    const version = single(templated, 'aws_secretsmanager_secret_version');
    expect(ref(version.secret_string_wo)).toBe(
      '${jsonencode(merge({"username" = "scorer"}, {"token" = ephemeral.aws_secretsmanager_random_password.api-token_generated-password.random_password}))}',
    );
    expect(version.secret_string_wo_version).toBe(2);
    expect(secretValueFindings(templated)).toEqual([]);
  });

  it('holds no secret value in the every-feature stack of the Terraform test', () => {
    const json = JSON.parse(Testing.synth(buildSecretsFullStack(Testing.app()))) as SynthJson;
    expect(secretValueFindings(json)).toEqual([]);
  });

  it('passes the policy pack (MLM-SM-003 compliant)', () => {
    expect(policyWarnings({ generateSecretString: {} })).toEqual(['MLM-SM-002 warning']);
  });

  it('refuses HCL output, which would drop the ephemeral block', () => {
    const stack = newStack();
    const password = new EphemeralRandomPassword(stack, 'pw', { passwordLength: 32 });
    expect(() => password.toHclTerraform()).toThrow('generated secret values need an ephemeral resource');
  });
});

describe('Secret grants', () => {
  it('grantRead reads this secret and decrypts only through Secrets Manager for it', () => {
    const { secret } = synth();
    const r = new Recorder();
    secret.grantRead(r);
    expect(r.statements).toEqual([
      {
        sid: 'ApiTokenRead',
        effect: 'Allow',
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [secret.secretArn],
      },
      {
        sid: 'ApiTokenReadKey',
        effect: 'Allow',
        actions: ['kms:Decrypt'],
        resources: [secret.kmsKeyArn],
        condition: [
          { test: 'StringLike', variable: 'kms:ViaService', values: ['secretsmanager.*.amazonaws.com'] },
          { test: 'StringEquals', variable: 'kms:EncryptionContext:SecretARN', values: [secret.secretArn] },
        ],
      },
    ]);
  });

  it('grantRead covers the replicas and their keys', () => {
    const { secret } = synth({ kmsKeyArn: KEY, replicas: [{ region: 'eu-west-1', kmsKeyArn: EU_KEY }] });
    const r = new Recorder();
    secret.grantRead(r);
    expect(r.statements[0].resources).toEqual([secret.secretArn, secret.replicaArns[0]]);
    expect(r.statements[1].resources).toEqual([KEY, EU_KEY]);
  });

  it('grantRead needs no KMS statement with aws/secretsmanager', () => {
    const { secret } = synth({ useAwsManagedKey: true });
    const r = new Recorder();
    secret.grantRead(r);
    expect(r.statements.map((s) => s.sid)).toEqual(['ApiTokenRead']);
  });

  it('grantWrite puts values and moves stages, and encrypts through Secrets Manager', () => {
    const { secret } = synth({ kmsKeyArn: KEY });
    const r = new Recorder();
    secret.grantWrite(r);
    expect(r.statements.map((s) => [s.sid, s.actions, s.resources])).toEqual([
      [
        'ApiTokenWrite',
        [
          'secretsmanager:PutSecretValue',
          'secretsmanager:UpdateSecretVersionStage',
          'secretsmanager:DescribeSecret',
        ],
        [secret.secretArn],
      ],
      ['ApiTokenWriteKey', ['kms:GenerateDataKey', 'kms:Decrypt'], [KEY]],
    ]);
  });

  it('grantRotate reads, writes and generates passwords', () => {
    const { secret } = synth({ kmsKeyArn: KEY });
    const r = new Recorder();
    secret.grantRotate(r);
    expect(r.statements.map((s) => s.sid)).toEqual([
      'ApiTokenRead',
      'ApiTokenReadKey',
      'ApiTokenWrite',
      'ApiTokenWriteKey',
      'ApiTokenGeneratePassword',
    ]);
    expect(r.statements[4]).toEqual({
      sid: 'ApiTokenGeneratePassword',
      effect: 'Allow',
      actions: ['secretsmanager:GetRandomPassword'],
      resources: ['*'],
    });
  });
});
