import { AnnotationMetadataEntryType, Fn, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LambdaFunction, type LambdaFunctionProps } from '../../../modules/lambda';
import { PolicySuppressions } from '../../../modules/policy';
import { errorOf, invalidMessage, outcomeOf, synthJson } from '../../support/synth-json';
import { IMAGE, ZIP } from './fixtures';

const IMAGE_PROPS = { code: { image: { uri: IMAGE } }, runtime: undefined, handler: undefined };
const LAYER = 'arn:aws:lambda:us-east-1:111122223333:layer:numpy:12';
const CSC = 'arn:aws:lambda:us-east-1:111122223333:code-signing-config:csc-0123456789abcdefg';

function stackWith(props: Partial<LambdaFunctionProps>): { stack: TerraformStack; fn: LambdaFunction } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const fn = new LambdaFunction(stack, 'fn', { ...ZIP, ...props } as LambdaFunctionProps);
  return { stack, fn };
}

/** The whole ValidationError message for the props, or "accepted". */
const outcome = (props: Partial<LambdaFunctionProps>): string => outcomeOf(() => stackWith(props));

const invalid = (...problems: string[]) => invalidMessage('test/fn', ...problems);

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

/** The synthesized resources and data sources of a stack. */
function synthOf(stack: TerraformStack): { resources: Blocks; data: Blocks } {
  const { json } = synthJson(stack);
  return { resources: (json.resource ?? {}) as Blocks, data: (json.data ?? {}) as Blocks };
}

function functionOf(props: Partial<LambdaFunctionProps>): Record<string, unknown> {
  const { resources } = synthOf(stackWith(props).stack);
  return Object.values(resources.aws_lambda_function)[0];
}

describe('LambdaFunction refuses each deprecated runtime with its date and replacement', () => {
  it.each([
    ['nodejs18.x', '2025-09-01', 'nodejs22.x'],
    ['nodejs16.x', '2024-06-12', 'nodejs22.x'],
    ['nodejs14.x', '2023-12-04', 'nodejs22.x'],
    ['nodejs12.x', '2023-03-31', 'nodejs22.x'],
    ['python3.9', '2025-12-15', 'python3.13'],
    ['python3.8', '2024-10-14', 'python3.13'],
    ['python3.7', '2023-12-04', 'python3.13'],
    ['java8', '2024-01-08', 'java21'],
    ['dotnet6', '2024-12-20', 'dotnet8'],
    ['dotnetcore3.1', '2023-04-03', 'dotnet8'],
    ['ruby3.2', '2026-03-31', 'ruby3.4'],
    ['ruby2.7', '2023-12-07', 'ruby3.4'],
    ['go1.x', '2024-01-08', 'provided.al2023'],
    ['provided', '2024-01-08', 'provided.al2023'],
  ])('%j: deprecated since %j, use %j', (runtime, since, use) => {
    expect(outcome({ runtime: runtime as LambdaFunctionProps['runtime'] })).toBe(
      invalid(
        `runtime = "${runtime}": is deprecated since ${since} (no more security patches; AWS then blocks updates). Fix: use ${use}`,
      ),
    );
  });

  it('lists every supported runtime when the runtime is missing or unknown', () => {
    const all =
      'nodejs22.x, nodejs20.x, python3.13, python3.12, python3.11, python3.10, java21, java17, java11, java8.al2, dotnet8, ruby3.4, ruby3.3, provided.al2023, provided.al2';
    expect(outcome({ runtime: undefined })).toBe(
      invalid(`runtime = undefined: is required for a .zip function. Fix: set one of ${all}`),
    );
    expect(outcome({ runtime: 'python3.14' as LambdaFunctionProps['runtime'] })).toBe(
      invalid(`runtime = "python3.14": is not a Lambda runtime this module supports. Fix: use one of ${all}`),
    );
  });
});

describe('LambdaFunction refuses each variable Lambda reserves', () => {
  it.each([
    '_HANDLER',
    '_X_AMZN_TRACE_ID',
    'AWS_ACCESS_KEY',
    'AWS_ACCESS_KEY_ID',
    'AWS_DEFAULT_REGION',
    'AWS_EXECUTION_ENV',
    'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
    'AWS_LAMBDA_FUNCTION_NAME',
    'AWS_LAMBDA_FUNCTION_VERSION',
    'AWS_LAMBDA_INITIALIZATION_TYPE',
    'AWS_LAMBDA_LOG_GROUP_NAME',
    'AWS_LAMBDA_LOG_STREAM_NAME',
    'AWS_LAMBDA_RUNTIME_API',
    'AWS_REGION',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'LAMBDA_RUNTIME_DIR',
    'LAMBDA_TASK_ROOT',
  ])('%j', (key) => {
    // Some reserved names also look secret or are not variable names; only the reserved problem is asserted.
    expect(outcome({ environment: { [key]: 'a' }, nonSecretEnvironmentKeys: [key] })).toContain(
      `  - environment = ["${key}"]: sets variables Lambda reserves for itself. Fix: remove them: Lambda sets them at runtime`,
    );
  });

  it('accepts a variable whose name only starts like a reserved one', () => {
    expect(outcome({ environment: { AWS_REGION_LABEL: 'east', LAMBDA_TASK: 'train' } })).toBe('accepted');
  });
});

describe('LambdaFunction environment, in full', () => {
  it.each([
    [{ 'ABC-D': 'x' }, '["ABC-D"]'],
    [{ 'ABC D': 'x' }, '["ABC D"]'],
    [{ _ABC: 'x' }, '["_ABC"]'],
    [{ '9ABC': 'x', GOOD_1: 'y' }, '["9ABC"]'],
  ])('refuses the keys of %j that are not variable names', (environment, shown) => {
    expect(outcome({ environment })).toBe(
      invalid(
        `environment = ${shown}: has keys that are not variable names (a letter, then letters, digits or "_"). Fix: rename them, e.g. "MODEL_BUCKET"`,
      ),
    );
  });

  it('counts every key and value against the 4096-byte limit', () => {
    // 4 + 4092 = 4096 bytes: at the limit.
    expect(outcome({ environment: { BIG1: 'x'.repeat(4092) } })).toBe('accepted');
    // Two variables: 4 + 2045 + 4 + 2044 = 4097 bytes.
    expect(outcome({ environment: { BIG1: 'x'.repeat(2045), BIG2: 'x'.repeat(2044) } })).toBe(
      invalid(
        `environment = "4097 bytes": is larger than Lambda's 4096-byte limit for all keys and values. Fix: move large configuration to S3 or SSM Parameter Store and pass its name`,
      ),
    );
  });

  it('explains a secret-looking variable without echoing its value', () => {
    expect(outcome({ environment: { DB_PASSWORD: 'hunter2' } })).toBe(
      invalid(
        'environment.DB_PASSWORD = "(value hidden)": looks like a secret (its name contains "PASSWORD"); environment variables are stored in plain text in Terraform state and are readable with lambda:GetFunctionConfiguration. Fix: store the secret in Secrets Manager, pass its ARN instead (e.g. DB_SECRET_ARN = secret.secretArn), read it at runtime, and grant access with secret.grantRead(fn); if the name only looks secret, list the key in nonSecretEnvironmentKeys',
      ),
    );
  });

  it('records the keys declared non-secret as a suppression of the secrets rule, with the reason', () => {
    const { fn } = stackWith({
      environment: { TOKEN_URL: 'https://auth.example.com/token', MODEL_TOKEN_NAME: 'default' },
      nonSecretEnvironmentKeys: ['TOKEN_URL', 'MODEL_TOKEN_NAME'],
    });
    expect(PolicySuppressions.of(fn.function)).toEqual([
      {
        id: 'MLM-LAMBDA-006',
        reason:
          'environment keys TOKEN_URL, MODEL_TOKEN_NAME were declared non-secret (nonSecretEnvironmentKeys); values were still checked',
      },
    ]);
    expect(PolicySuppressions.of(stackWith({}).fn.function)).toEqual([]);
  });
});

describe('LambdaFunction logging options, in full', () => {
  it.each([['Text'], ['JSON']])('accepts logFormat %j', (logFormat) => {
    expect(functionOf({ logFormat: logFormat as 'Text' }).logging_config).toEqual(
      expect.objectContaining({ log_format: logFormat }),
    );
  });

  it.each([['json'], ['']])('refuses logFormat %j', (logFormat) => {
    expect(outcome({ logFormat: logFormat as 'Text' })).toBe(
      invalid(
        `logFormat = ${JSON.stringify(logFormat)}: must be "Text" or "JSON". Fix: use "Text" or "JSON"`,
      ),
    );
  });

  it.each([['TRACE'], ['DEBUG'], ['INFO'], ['WARN'], ['ERROR'], ['FATAL']])(
    'accepts applicationLogLevel %j with JSON logs',
    (level) => {
      expect(functionOf({ logFormat: 'JSON', applicationLogLevel: level as 'INFO' }).logging_config).toEqual({
        log_format: 'JSON',
        log_group: '${aws_cloudwatch_log_group.fn_log-group_2AFC8A65.name}',
        application_log_level: level,
        system_log_level: 'INFO',
      });
    },
  );

  it('refuses an unknown application log level', () => {
    expect(outcome({ logFormat: 'JSON', applicationLogLevel: 'VERBOSE' as 'INFO' })).toBe(
      invalid(
        'applicationLogLevel = "VERBOSE": is not a log level. Fix: use TRACE, DEBUG, INFO, WARN, ERROR or FATAL',
      ),
    );
  });

  it.each([['DEBUG'], ['INFO'], ['WARN']])('accepts systemLogLevel %j with JSON logs', (level) => {
    expect(functionOf({ logFormat: 'JSON', systemLogLevel: level as 'INFO' }).logging_config).toEqual(
      expect.objectContaining({ system_log_level: level, application_log_level: 'INFO' }),
    );
  });

  it.each([['ERROR'], ['TRACE']])('refuses systemLogLevel %j', (level) => {
    expect(outcome({ logFormat: 'JSON', systemLogLevel: level as 'INFO' })).toBe(
      invalid(`systemLogLevel = "${level}": is not a system log level. Fix: use DEBUG, INFO or WARN`),
    );
  });
});

describe('LambdaFunction architecture and tracing, in full', () => {
  it.each([
    [{ architecture: 'x86_64' }, ['x86_64']],
    [{ architecture: 'arm64' }, ['arm64']],
    [{}, ['arm64']],
  ])('%j runs on %j', (props, architectures) => {
    expect(functionOf(props as Partial<LambdaFunctionProps>).architectures).toEqual(architectures);
  });

  it('refuses another architecture', () => {
    expect(outcome({ architecture: 'sparc' as 'arm64' })).toBe(
      invalid(
        'architecture = "sparc": must be "arm64" or "x86_64". Fix: use "arm64" (the default, 20% cheaper) or "x86_64"',
      ),
    );
  });

  it.each([
    [{ tracing: 'PassThrough' }, 'PassThrough'],
    [{ tracing: 'Active' }, 'Active'],
    [{}, 'Active'],
  ])('%j traces in mode %j', (props, mode) => {
    expect(functionOf(props as Partial<LambdaFunctionProps>).tracing_config).toEqual({ mode });
  });

  it('refuses another tracing mode', () => {
    expect(outcome({ tracing: 'On' as 'Active' })).toBe(
      invalid(
        'tracing = "On": must be "Active" or "PassThrough". Fix: use "Active" (the default) or "PassThrough" (follow upstream sampling only)',
      ),
    );
  });
});

describe('LambdaFunction code, in full', () => {
  it.each([
    [{}, '{}'],
    [{ s3: { bucketName: 'mlnews-artifacts', key: 'a.zip' }, image: { uri: 'repo@sha256:1' } }, null],
  ])('refuses code %j', (code, shown) => {
    expect(outcome({ code: code as unknown as LambdaFunctionProps['code'] })).toBe(
      invalid(
        `code = ${shown ?? JSON.stringify(code)}: must be exactly one of { s3: { bucketName, key } } or { image: { uri } }. Fix: pass the prebuilt .zip in S3 or the image in ECR (nothing is built at synth)`,
      ),
    );
  });

  it('names the bucket-name rules a package bucket breaks', () => {
    expect(outcome({ code: { s3: { bucketName: 'Bad_Bucket', key: 'a.zip' } } })).toMatch(
      /^Invalid input for test\/fn \(1 problem\):\n {2}- code\.s3\.bucketName = "Bad_Bucket": is not a valid S3 bucket name \(.+\)\. Fix: pass the name of the bucket CI uploads packages to$/,
    );
  });

  it.each([
    ['k'.repeat(1024), 'accepted'],
    ['a', 'accepted'],
  ])('accepts an object key of %j', (key, result) => {
    expect(outcome({ code: { s3: { bucketName: 'mlnews-artifacts', key } } })).toBe(result);
  });

  it.each([['k'.repeat(1025)], [''], ['/functions/a.zip']])('refuses the object key %j', (key) => {
    expect(outcome({ code: { s3: { bucketName: 'mlnews-artifacts', key } } })).toBe(
      invalid(
        `code.s3.key = ${JSON.stringify(key)}: must be an object key of 1-1,024 characters not starting with "/". Fix: use a key such as "functions/inference/1.4.2.zip"`,
      ),
    );
  });

  it.each([
    [`x${IMAGE}`],
    [`${IMAGE} `],
    [`${IMAGE}/extra`],
    ['111122223333.dkr.ecr.us-east-1.amazonaws.com/mlnews/inference'],
  ])('refuses the image URI %j', (uri) => {
    expect(outcome({ ...IMAGE_PROPS, code: { image: { uri } } })).toBe(
      invalid(
        `code.image.uri = ${JSON.stringify(uri)}: is not an ECR image URI with a digest or tag. Fix: use "<account>.dkr.ecr.<region>.amazonaws.com/<repository>@sha256:<digest>"`,
      ),
    );
  });

  it.each([
    ['codeSigningConfigArn', CSC],
    ['layers', [LAYER]],
  ])('refuses %j on an image function', (field, value) => {
    expect(outcome({ ...IMAGE_PROPS, [field]: value })).toBe(
      invalid(
        `${field} = ${JSON.stringify(value)}: does not apply to an image function (the image carries its runtime, handler and dependencies). Fix: remove it`,
      ),
    );
  });

  it('warns, with the function name, when an image is referenced by tag', () => {
    const uri = '111122223333.dkr.ecr.us-east-1.amazonaws.com/mlnews/inference:1.4.2';
    const { fn } = stackWith({ ...IMAGE_PROPS, code: { image: { uri } } });
    const warnings = fn.node.metadata
      .filter((m) => m.type === AnnotationMetadataEntryType.WARN)
      .map((m) => m.data);
    expect(warnings).toEqual([
      `mlnews-dev-inference: image ${uri} is referenced by tag. Lambda resolves a tag once, at deployment; pushing the tag again deploys nothing. Reference the image by digest (<repository>@sha256:<digest>).`,
    ]);
    const byDigest = stackWith(IMAGE_PROPS).fn;
    expect(byDigest.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN)).toEqual([]);
  });

  it.each([
    [{ command: ['app.handler'] }, { command: ['app.handler'] }],
    [{ entryPoint: ['/lambda-entrypoint.sh'] }, { entry_point: ['/lambda-entrypoint.sh'] }],
    [{ workingDirectory: '/var/task' }, { working_directory: '/var/task' }],
  ])('sets the image configuration from %j alone', (config, expected) => {
    expect(functionOf({ ...IMAGE_PROPS, code: { image: { uri: IMAGE, ...config } } }).image_config).toEqual(
      expected,
    );
  });

  it('sets no image configuration when none is given', () => {
    expect(functionOf(IMAGE_PROPS).image_config).toBeUndefined();
  });
});

describe('LambdaFunction layers and code signing, in full', () => {
  it.each([[LAYER], ['arn:aws-cn:lambda:cn-north-1:111122223333:layer:numpy:1']])(
    'accepts the layer %j',
    (layer) => {
      expect(functionOf({ layers: [layer] }).layers).toEqual([layer]);
    },
  );

  it.each([[`x${LAYER}`], [`${LAYER}x`], ['arn:aws:lambda:us-east-1:111122223333:layer:numpy']])(
    'refuses the layer %j',
    (layer) => {
      expect(outcome({ layers: [layer] })).toBe(
        invalid(
          `layers = ["${layer}"]: has entries that are not layer version ARNs. Fix: use "arn:aws:lambda:<region>:<account>:layer:<name>:<version>"`,
        ),
      );
    },
  );

  it('accepts a code signing configuration ARN', () => {
    expect(functionOf({ codeSigningConfigArn: CSC }).code_signing_config_arn).toBe(CSC);
  });

  it.each([[`x${CSC}`], [`${CSC}x`], [CSC.slice(0, -1)]])(
    'refuses the code signing configuration %j',
    (arn) => {
      expect(outcome({ codeSigningConfigArn: arn })).toBe(
        invalid(
          `codeSigningConfigArn = "${arn}": is not a code signing configuration ARN. Fix: use "arn:aws:lambda:<region>:<account>:code-signing-config:csc-<17 characters>"`,
        ),
      );
    },
  );
});

describe('LambdaFunction VPC ids, in full', () => {
  const subnetIds = ['subnet-0123456789abcdef0', 'subnet-01234567'];

  it.each([['vpc-01234567'], ['vpc-0123456789abcdef0']])(
    'accepts the VPC id %j (short and long form)',
    (vpcId) => {
      expect(functionOf({ vpc: { vpcId, subnetIds } }).vpc_config).toEqual({
        security_group_ids: ['${aws_security_group.fn_security-group_sg_D40F9DC0.id}'],
        subnet_ids: subnetIds,
      });
    },
  );

  it.each([['xvpc-01234567'], ['vpc-01234567x'], ['vpc-0123456789abcdef']])(
    'refuses the VPC id %j',
    (vpcId) => {
      expect(outcome({ vpc: { vpcId, subnetIds } })).toBe(
        invalid(`vpc.vpcId = "${vpcId}": is not a VPC id. Fix: use e.g. "vpc-0123456789abcdef0"`),
      );
    },
  );

  it.each([['xsubnet-01234567'], ['subnet-01234567x'], ['subnet-0123456789']])(
    'refuses the subnet id %j',
    (id) => {
      expect(outcome({ vpc: { vpcId: 'vpc-01234567', subnetIds: [id, 'subnet-89abcdef'] } })).toBe(
        invalid(
          `vpc.subnetIds = ["${id}"]: has entries that are not subnet ids. Fix: use e.g. "subnet-0123456789abcdef0"`,
        ),
      );
    },
  );

  it.each([['sg-01234567'], ['sg-0123456789abcdef0']])('accepts the additional group %j', (sg) => {
    const config = functionOf({ vpc: { vpcId: 'vpc-01234567', subnetIds, additionalSecurityGroupIds: [sg] } })
      .vpc_config as { security_group_ids: string[] };
    expect(config.security_group_ids).toEqual(['${aws_security_group.fn_security-group_sg_D40F9DC0.id}', sg]);
  });

  it.each([['xsg-01234567'], ['sg-01234567x']])('refuses the additional group %j', (sg) => {
    expect(outcome({ vpc: { vpcId: 'vpc-01234567', subnetIds, additionalSecurityGroupIds: [sg] } })).toBe(
      invalid(
        `vpc.additionalSecurityGroupIds = ["${sg}"]: has entries that are not security group ids. Fix: use e.g. "sg-0123456789abcdef0"`,
      ),
    );
  });

  it('accepts 4 additional groups and refuses a fifth', () => {
    const groups = ['sg-00000001', 'sg-00000002', 'sg-00000003', 'sg-00000004'];
    expect(outcome({ vpc: { vpcId: 'vpc-01234567', subnetIds, additionalSecurityGroupIds: groups } })).toBe(
      'accepted',
    );
    const five = [...groups, 'sg-00000005'];
    expect(outcome({ vpc: { vpcId: 'vpc-01234567', subnetIds, additionalSecurityGroupIds: five } })).toBe(
      invalid(
        `vpc.additionalSecurityGroupIds = ${JSON.stringify(five)}: lists more than 4 groups (Lambda allows 5, one is the function's own). Fix: merge groups`,
      ),
    );
  });
});

describe('LambdaFunction names, in full', () => {
  it('derives the role name up to 64 characters and explains a longer one', () => {
    const { stack } = stackWith({ functionName: 'f'.repeat(59) });
    const roles = Object.values(synthOf(stack).resources.aws_iam_role) as Array<{
      name: string;
      description: string;
    }>;
    expect(roles).toEqual([
      expect.objectContaining({
        name: `${'f'.repeat(59)}-role`,
        description: `Execution role of the ${'f'.repeat(59)} Lambda function`,
      }),
    ]);
    expect(outcome({ functionName: 'f'.repeat(60) })).toBe(
      invalid(
        `roleName = "${'f'.repeat(60)}-role": the default role name "<functionName>-role" is longer than 64 characters. Fix: set roleName to a name of at most 64 characters`,
      ),
    );
    expect(outcome({ functionName: 'f'.repeat(60), roleName: 'inference-role' })).toBe('accepted');
  });

  it('tags the log group with its name', () => {
    const { resources } = synthOf(stackWith({ tags: { team: 'ml' } }).stack);
    expect(Object.values(resources.aws_cloudwatch_log_group)).toEqual([
      expect.objectContaining({
        name: '/aws/lambda/mlnews-dev-inference',
        tags: { Name: '/aws/lambda/mlnews-dev-inference', team: 'ml' },
      }),
    ]);
  });

  it.each([['live'], ['1live'], ['v1_2-3'], ['a'.repeat(128)]])('accepts the alias name %j', (name) => {
    expect(outcome({ alias: { name } })).toBe('accepted');
  });

  it.each([['123'], ['live!'], [' live'], ['a'.repeat(129)]])('refuses the alias name %j', (name) => {
    expect(outcome({ alias: { name } })).toBe(
      invalid(
        `alias.name = ${JSON.stringify(name)}: must be 1-128 letters, digits, "-" or "_", and not only digits. Fix: use e.g. "live"`,
      ),
    );
  });
});

describe('LambdaFunction provisioned concurrency, in full', () => {
  it.each([
    [{ reservedConcurrentExecutions: 10, alias: { name: 'live', provisionedConcurrentExecutions: 10 } }],
    [{ alias: { name: 'live', provisionedConcurrentExecutions: 10 } }],
    [{ reservedConcurrentExecutions: 10, alias: { name: 'live' } }],
  ])('accepts %j', (props) => {
    expect(outcome(props)).toBe('accepted');
  });

  it('refuses more provisioned than reserved concurrency', () => {
    expect(
      outcome({
        reservedConcurrentExecutions: 10,
        alias: { name: 'live', provisionedConcurrentExecutions: 11 },
      }),
    ).toBe(
      invalid(
        'alias.provisionedConcurrentExecutions = 11: exceeds reservedConcurrentExecutions (10). Fix: provision at most the reserved concurrency',
      ),
    );
  });

  it('refuses provisioned concurrency of 0', () => {
    expect(outcome({ alias: { name: 'live', provisionedConcurrentExecutions: 0 } })).toBe(
      invalid(
        'alias.provisionedConcurrentExecutions = 0: must be a whole number from 1 to 100000. Fix: set alias.provisionedConcurrentExecutions to a whole number from 1 to 100000',
      ),
    );
  });

  it('provisions concurrency on the alias only when asked', () => {
    const withIt = synthOf(stackWith({ alias: { name: 'live', provisionedConcurrentExecutions: 5 } }).stack);
    expect(Object.values(withIt.resources.aws_lambda_provisioned_concurrency_config)).toEqual([
      expect.objectContaining({
        provisioned_concurrent_executions: 5,
        qualifier: expect.stringContaining('aws_lambda_alias'),
      }),
    ]);
    const without = synthOf(stackWith({ alias: { name: 'live' } }).stack);
    expect(without.resources.aws_lambda_provisioned_concurrency_config).toBeUndefined();
  });

  it('explains the reserve bound with the account quota', () => {
    expect(outcome({ reservedConcurrentExecutions: 901 })).toBe(
      invalid(
        'reservedConcurrentExecutions = 901: must be a whole number from 0 to 900. Fix: reserve at most 900 (the account quota 1000 minus the 100 AWS keeps unreserved), or raise accountConcurrencyLimit after a quota increase',
      ),
    );
  });
});

describe('LambdaFunction.grantInvoke for services, in full', () => {
  const rule = 'arn:aws:events:us-east-1:111122223333:rule/nightly';

  function permissions(...sources: Array<Parameters<LambdaFunction['grantInvoke']>[0]>) {
    const { stack, fn } = stackWith({});
    for (const s of sources) fn.grantInvoke(s);
    return synthOf(stack).resources.aws_lambda_permission as Record<string, Record<string, unknown>>;
  }

  it('numbers service permissions in the order granted, and uses the id of a named one in its place', () => {
    const perms = permissions(
      { principal: 'events.amazonaws.com', sourceArn: rule },
      { principal: 'events.amazonaws.com', sourceArn: `${rule}-2`, id: 'hourly' },
      { principal: 'sns.amazonaws.com', sourceArn: 'arn:aws:sns:us-east-1:111122223333:topic' },
    );
    expect(Object.keys(perms).map((k) => k.replace(/_[0-9A-F]{8}$/, ''))).toEqual([
      'fn_invoke-1',
      'fn_invoke-3',
      'fn_invoke-hourly',
    ]);
  });

  it.each([['events.amazonaws.com'], ['s3.amazonaws.com.cn'], ['logs.us-east-1.amazonaws.com']])(
    'accepts the service principal %j',
    (principal) => {
      const perms = permissions({ principal, sourceArn: rule, sourceAccount: '111122223333' });
      expect(Object.values(perms)[0].principal).toBe(principal);
    },
  );

  it.each([
    ['xevents.amazonaws.com '],
    ['events.amazonaws.com.evil'],
    ['arn:aws:iam::111122223333:root'],
    ['x events.amazonaws.com'],
    ['Events.amazonaws.com'],
  ])('refuses the principal %j', (principal) => {
    const { fn } = stackWith({});
    expect(errorOf(() => fn.grantInvoke({ principal, sourceArn: rule }))).toBe(
      invalidMessage(
        'test/fn (grantInvoke)',
        `principal = ${JSON.stringify(principal)}: is not a service principal. Fix: use e.g. "events.amazonaws.com"; for IAM roles pass the role itself (an IGrantable)`,
      ),
    );
  });

  it.each([['1111222233334'], ['x111122223333'], ['11112222333']])(
    'refuses the source account %j',
    (account) => {
      const { fn } = stackWith({});
      expect(
        errorOf(() =>
          fn.grantInvoke({ principal: 'events.amazonaws.com', sourceArn: rule, sourceAccount: account }),
        ),
      ).toBe(
        invalidMessage(
          'test/fn (grantInvoke)',
          `sourceAccount = "${account}": is not a 12-digit account id. Fix: pass e.g. "111122223333"`,
        ),
      );
    },
  );

  it('refuses a missing source ARN', () => {
    const { fn } = stackWith({});
    expect(
      errorOf(() =>
        fn.grantInvoke({ principal: 'events.amazonaws.com' } as Parameters<LambdaFunction['grantInvoke']>[0]),
      ),
    ).toBe(
      invalidMessage(
        'test/fn (grantInvoke)',
        'sourceArn = undefined: is not an ARN: a service permission without a source lets resources of other accounts invoke the function. Fix: pass the ARN of the rule, topic, bucket or API that invokes it',
      ),
    );
  });
});

describe('LambdaFunction.grantInvoke for IAM principals: the statement id', () => {
  function sidFor(id: string): string {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const fn = new LambdaFunction(stack, id, ZIP);
    const caller = new LambdaFunction(stack, 'caller', { ...ZIP, functionName: 'caller' });
    fn.grantInvoke(caller);
    const { data } = synthOf(stack);
    const docs = Object.values(data.aws_iam_policy_document) as Array<{ statement: Array<{ sid: string }> }>;
    return docs
      .flatMap((d) => d.statement.map((s) => s.sid))
      .filter((sid) => sid.startsWith('Invoke'))
      .join(',');
  }

  it.each([
    ['inference', 'InvokeInference'],
    ['news-inference-v2', 'InvokeNewsInferenceV2'],
    ['--a__b--', 'InvokeAB'],
    ['---', 'InvokeFunction'],
  ])('function id %j gives %j', (id, sid) => {
    expect(sidFor(id)).toBe(sid);
  });
});

describe('LambdaFunction props from untyped callers', () => {
  it.each<[string, Record<string, unknown>, string]>([
    [
      'a missing function name',
      { functionName: undefined },
      'functionName = undefined: must be 1-64 letters, digits, "-" or "_". Fix: use a name such as "mlnews-dev-inference"',
    ],
    [
      'a numeric function name',
      { functionName: 42 },
      'functionName = 42: must be a string, not a number. Fix: pass functionName as a string',
    ],
    [
      'code as a string',
      { code: 'fn.zip' },
      'code = "fn.zip": must be an object, not a string. Fix: pass code as an object',
    ],
    [
      'missing code',
      { code: undefined },
      'code = undefined: must be exactly one of { s3: { bucketName, key } } or { image: { uri } }. Fix: pass the prebuilt .zip in S3 or the image in ECR (nothing is built at synth)',
    ],
    [
      'code.s3 as a list',
      { code: { s3: [] } },
      'code.s3 = []: must be an object, not a list. Fix: pass code.s3 as an object',
    ],
    [
      'a missing bucket name',
      { code: { s3: { key: 'a.zip' } } },
      'code.s3.bucketName = undefined: is required. Fix: pass code.s3.bucketName, a string',
    ],
    [
      'a numeric object key',
      { code: { s3: { bucketName: 'mlnews-artifacts', key: 7 } } },
      'code.s3.key = 7: must be a string, not a number. Fix: pass code.s3.key as a string',
    ],
    [
      'a missing image URI',
      { ...IMAGE_PROPS, code: { image: {} } },
      'code.image.uri = undefined: is not an ECR image URI with a digest or tag. Fix: use "<account>.dkr.ecr.<region>.amazonaws.com/<repository>@sha256:<digest>"',
    ],
    [
      'an image URI in a list',
      { ...IMAGE_PROPS, code: { image: { uri: [IMAGE] } } },
      `code.image.uri = ["${IMAGE}"]: is not an ECR image URI with a digest or tag. Fix: use "<account>.dkr.ecr.<region>.amazonaws.com/<repository>@sha256:<digest>"`,
    ],
  ])('refuses %s with the field named', (_case, props, problem) => {
    expect(outcome(props as Partial<LambdaFunctionProps>)).toBe(invalid(problem));
  });
});

describe('LambdaFunction package bucket and values known at apply time', () => {
  it.each([
    ['ab', 'must be 3 to 63 characters long'],
    [
      'Bad_Bucket',
      'may contain only lowercase letters, digits, dots and hyphens; must begin and end with a letter or digit',
    ],
    ['-a..b', 'must begin and end with a letter or digit; must not contain two adjacent dots'],
    ['xn--artifacts', 'must not start with "xn--", "sthree-" or "amzn-s3-demo-"'],
  ])('refuses the bucket name %j, listing every rule it breaks', (bucketName, rules) => {
    expect(outcome({ code: { s3: { bucketName, key: 'a.zip' } } })).toBe(
      invalid(
        `code.s3.bucketName = ${JSON.stringify(bucketName)}: is not a valid S3 bucket name (${rules}). Fix: pass the name of the bucket CI uploads packages to`,
      ),
    );
  });

  it('accepts a bucket name known only at apply time', () => {
    const bucketName = Fn.lower('MLNEWS-ARTIFACTS');
    expect(functionOf({ code: { s3: { bucketName, key: 'a.zip' } } }).s3_bucket).toBe(
      '${lower("MLNEWS-ARTIFACTS")}',
    );
  });

  it('counts only literal variables against the 4096-byte limit', () => {
    const env = { BIG1: 'x'.repeat(4092), TABLE: Fn.lower('FEEDBACK') };
    expect(
      (functionOf({ environment: env }).environment as { variables: Record<string, string> }).variables,
    ).toEqual({
      BIG1: 'x'.repeat(4092),
      TABLE: '${lower("FEEDBACK")}',
    });
  });
});

describe('LambdaFunction invoke ARN and network permissions, in full', () => {
  function outputsOf(props: Partial<LambdaFunctionProps>): Record<string, unknown> {
    const { stack, fn } = stackWith(props);
    new TerraformOutput(stack, 'invoke-arn', { value: fn.invokeArn });
    const { json } = synthJson(stack);
    return (json.output ?? {}) as Record<string, unknown>;
  }

  it.each([
    [{}, '${aws_lambda_function.fn_function_DEA3557A.invoke_arn}'],
    [{ alias: { name: 'live' } }, '${aws_lambda_alias.fn_alias_3ACACF4F.invoke_arn}'],
  ])('%j is invoked through %j', (props, invokeArn) => {
    expect(outputsOf(props)).toEqual({ 'invoke-arn': { value: invokeArn } });
  });

  it('lets a function in a VPC manage network interfaces of its account and region only', () => {
    const { data } = synthOf(
      stackWith({ vpc: { vpcId: 'vpc-01234567', subnetIds: ['subnet-01234567', 'subnet-89abcdef'] } }).stack,
    );
    const docs = Object.values(data.aws_iam_policy_document) as Array<{ statement: Array<{ sid: string }> }>;
    const network = docs.flatMap((d) => d.statement).filter((s) => s.sid.includes('NetworkInterfaces'));
    const part = (i: number) =>
      `\${element(split(":", aws_cloudwatch_log_group.fn_log-group_2AFC8A65.arn), ${i})}`;
    expect(network).toEqual([
      {
        sid: 'ManageNetworkInterfaces',
        effect: 'Allow',
        actions: [
          'ec2:AssignPrivateIpAddresses',
          'ec2:CreateNetworkInterface',
          'ec2:DeleteNetworkInterface',
          'ec2:UnassignPrivateIpAddresses',
        ],
        resources: [`arn:${part(1)}:ec2:${part(3)}:${part(4)}:*/*`],
      },
      {
        sid: 'DescribeNetworkInterfaces',
        effect: 'Allow',
        actions: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'],
        resources: ['*'],
      },
    ]);
  });
});
