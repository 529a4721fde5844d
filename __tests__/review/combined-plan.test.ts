import {
  childModule,
  Diagnostic,
  formatDiagnostic,
  moduleName,
  planDiagnostics,
  splitPlan,
  StackJson,
  stacksOfDiagnostic,
} from '../../review/combined-plan';
import { OFFLINE_PROVIDER_ARGS } from '../../review/plan-workdir';
import { PlanResourceChange, TerraformPlanJson } from '../../review/plan-json';

const STACKS = ['waf', 'rds-postgres', '7zip'];

const error = (extra: Partial<Diagnostic>): Diagnostic => ({ severity: 'error', summary: 'Bad', ...extra });

describe('moduleName', () => {
  it.each([
    ['waf', 'waf'],
    ['rds-postgres', 'rds-postgres'],
    ['_x', '_x'],
    ['7zip', 's_7zip'],
  ])('names the child module of stack %s %s', (stack, expected) => {
    expect(moduleName(stack)).toBe(expected);
  });
});

describe('stacksOfDiagnostic', () => {
  const ROOT_FILES = {
    'stack-waf.tf.json': ['waf'],
    'provider-shared-0.tf.json': ['waf', 'rds-postgres', 'gone'],
  };

  it.each([
    [
      'a range in the stack directory',
      { range: { filename: 'stacks/rds-postgres/cdk.tf.json' } },
      ['rds-postgres'],
    ],
    ['a Windows range', { range: { filename: 'stacks\\waf\\cdk.tf.json' } }, ['waf']],
    ['the module call of a stack', { range: { filename: 'stack-waf.tf.json' } }, ['waf']],
    [
      'a shared provider configuration, to the stacks of the run that use it',
      { range: { filename: 'provider-shared-0.tf.json' } },
      ['waf', 'rds-postgres'],
    ],
    ['an address in the module', { address: 'module.waf.aws_wafv2_web_acl.acl' }, ['waf']],
    ['an indexed module address', { address: 'module.rds-postgres[0].aws_db_instance.db' }, ['rds-postgres']],
    ['the module of a stack renamed for Terraform', { address: 'module.s_7zip.aws_s3_bucket.b' }, ['7zip']],
    [
      'the range before the address',
      { range: { filename: 'stacks/waf/x.tf.json' }, address: 'module.s_7zip.a.b' },
      ['waf'],
    ],
  ])('attributes %s', (_, extra, expected) => {
    expect(stacksOfDiagnostic(error(extra), STACKS, ROOT_FILES)).toEqual(expected);
  });

  it.each([
    ['no range and no address', {}],
    ['the root module file', { range: { filename: 'main.tf.json' } }],
    ['a directory that is no stack of the run', { range: { filename: 'stacks/other/cdk.tf.json' } }],
    ['a root file of stacks not in the run', { range: { filename: 'stack-gone.tf.json' } }],
    ['a module that is no stack of the run', { address: 'module.other.aws_s3_bucket.b' }],
    ['a file directly under stacks/', { range: { filename: 'stacks/waf' } }],
  ])('attributes nothing for %s', (_, extra) => {
    expect(
      stacksOfDiagnostic(error(extra), STACKS, { ...ROOT_FILES, 'stack-gone.tf.json': ['gone'] }),
    ).toEqual([]);
  });
});

describe('childModule', () => {
  const stack: StackJson = {
    terraform: {
      backend: { s3: { bucket: 'state' } },
      required_providers: { aws: { source: 'aws', version: '5.100.0' } },
    },
    provider: {
      aws: [
        { region: 'us-east-1', default_tags: [{ tags: { Project: 'x' } }] },
        { alias: 'replica', region: 'eu-west-1' },
      ],
    },
    resource: {
      aws_s3_bucket: { main: { bucket: 'a' }, copy: { bucket: 'b', provider: 'aws.replica' } },
      terraform_data: { marker: { input: 1 } },
    },
    data: { aws_iam_policy_document: { p: { provider: 'aws.replica' } } },
  };
  const child = childModule(stack);

  it('drops the backend and moves the AWS configurations out, declaring the aliases it expects', () => {
    expect(child.json.terraform).toEqual({
      required_providers: {
        aws: { source: 'aws', version: '5.100.0', configuration_aliases: ['aws.replica'] },
      },
    });
    expect(child.json.provider).toBeUndefined();
    expect(child.sharedProviders).toEqual({
      aws: { region: 'us-east-1', default_tags: [{ tags: { Project: 'x' } }] },
      'aws.replica': { region: 'eu-west-1' },
    });
    expect(stack.provider?.aws).toHaveLength(2);
    expect(stack.terraform?.backend).toEqual({ s3: { bucket: 'state' } });
  });

  it('records the provider each resource and data source names, the default one by its type', () => {
    expect(child.providerKeys).toEqual({
      'aws_s3_bucket.main': 'aws',
      'aws_s3_bucket.copy': 'aws.replica',
      'terraform_data.marker': 'terraform',
      'data.aws_iam_policy_document.p': 'aws.replica',
    });
  });

  it('keeps configurations with expressions in the module, with the offline arguments', () => {
    const kept = childModule({
      provider: { aws: { region: '${var.region}' }, random: [{}] },
      resource: {},
    });
    expect(kept.sharedProviders).toEqual({});
    expect(kept.json.provider).toEqual({
      aws: [{ region: '${var.region}', ...OFFLINE_PROVIDER_ARGS }],
      random: [{}],
    });
  });

  it('keeps other providers in the module and adds no aliases when there are none', () => {
    const moved = childModule({ provider: { aws: { region: 'us-east-1' }, random: [{}] } });
    expect(moved.json.provider).toEqual({ random: [{}] });
    expect(moved.json.terraform).toBeUndefined();
    expect(moved.sharedProviders).toEqual({ aws: { region: 'us-east-1' } });
  });
});

describe('formatDiagnostic', () => {
  it('gives severity, summary, file:line:column, block, address, then the detail', () => {
    expect(
      formatDiagnostic({
        severity: 'error',
        summary: 'Extraneous JSON object property',
        detail: 'No argument or block type is named "bogus".',
        address: 'module.waf.aws_wafv2_web_acl.acl',
        range: { filename: 'stacks/waf/cdk.tf.json', start: { line: 29, column: 9 } },
        snippet: { context: 'resource.aws_wafv2_web_acl.acl' },
      }),
    ).toBe(
      'error: Extraneous JSON object property (stacks/waf/cdk.tf.json:29:9, resource.aws_wafv2_web_acl.acl, ' +
        'module.waf.aws_wafv2_web_acl.acl)\nNo argument or block type is named "bogus".',
    );
  });

  it('gives the summary alone when Terraform says nothing more', () => {
    expect(formatDiagnostic({ severity: 'warning', summary: 'Deprecated', snippet: { context: null } })).toBe(
      'warning: Deprecated',
    );
  });
});

describe('planDiagnostics', () => {
  it('reads the diagnostic messages of a plan -json stream and skips the others', () => {
    const diagnostic = error({ detail: 'expected 7 to 30, got 36' });
    const stream = [
      JSON.stringify({ '@level': 'info', type: 'version', terraform: '1.11.4' }),
      JSON.stringify({ '@level': 'info', type: 'planned_change', change: {} }),
      JSON.stringify({ '@level': 'error', type: 'diagnostic', diagnostic }),
      '',
    ].join('\n');
    expect(planDiagnostics(stream)).toEqual([diagnostic]);
  });
});

describe('splitPlan', () => {
  const change = (address: string, module_address?: string, mode: 'managed' | 'data' = 'managed') =>
    ({
      address,
      ...(module_address ? { module_address } : {}),
      mode,
      type: address.split('.').slice(-2)[0],
      name: address.split('.').slice(-1)[0],
      change: { actions: ['create'], after: { name: address } },
    }) as PlanResourceChange;
  const doc = {
    format_version: '1.2',
    resource_changes: [
      change('module.waf.aws_wafv2_web_acl.acl', 'module.waf'),
      change('module.s_7zip.aws_s3_bucket.b', 'module.s_7zip'),
      change('module.s_7zip.data.aws_iam_policy_document.p', 'module.s_7zip', 'data'),
      change('aws_s3_bucket.root'),
      change('module.other.aws_s3_bucket.o', 'module.other'),
    ],
    configuration: {
      provider_config: {
        'module.s_7zip:aws': { name: 'aws', expressions: { region: { constant_value: 'us-east-1' } } },
        'module.s_7zip:aws.replica': {
          name: 'aws',
          alias: 'replica',
          expressions: { region: { constant_value: 'eu-west-1' } },
        },
        'module.waf:aws': { name: 'aws', expressions: { region: { references: ['var.region'] } } },
      },
      root_module: {
        module_calls: {
          s_7zip: {
            module: {
              resources: [
                { address: 'aws_s3_bucket.b', provider_config_key: 'module.s_7zip:aws.replica' },
                { address: 'data.aws_iam_policy_document.p', provider_config_key: 'module.s_7zip:aws' },
              ],
            },
          },
          waf: {
            module: {
              resources: [{ address: 'aws_wafv2_web_acl.acl', provider_config_key: 'module.waf:aws' }],
            },
          },
        },
      },
    },
  } as unknown as TerraformPlanJson;
  const split = splitPlan(doc, ['waf', '7zip', 'empty']);
  const named = splitPlan(doc, ['waf', '7zip'], { '7zip': { 'aws_s3_bucket.b': 'aws.copy' } });

  it('gives each stack its changes, with addresses as the stack synthesized them', () => {
    expect(Object.keys(split).sort()).toEqual(['7zip', 'empty', 'waf']);
    expect(split['7zip'].resourceChanges.map((c) => [c.address, c.mode, c.change.after])).toEqual([
      ['aws_s3_bucket.b', 'managed', { name: 'module.s_7zip.aws_s3_bucket.b' }],
      ['data.aws_iam_policy_document.p', 'data', { name: 'module.s_7zip.data.aws_iam_policy_document.p' }],
    ]);
    expect(split.waf.resourceChanges.map((c) => c.address)).toEqual(['aws_wafv2_web_acl.acl']);
    expect(split.empty).toEqual({ resourceChanges: [], providers: {} });
  });

  it('gives each resource its provider configuration as the stack names it, with a literal region', () => {
    expect(split['7zip'].providers).toEqual({
      'aws_s3_bucket.b': { key: 'aws.replica', region: 'eu-west-1' },
      'data.aws_iam_policy_document.p': { key: 'aws', region: 'us-east-1' },
    });
    expect(split.waf.providers).toEqual({ 'aws_wafv2_web_acl.acl': { key: 'aws' } });
  });

  it('names a shared configuration as the stack does, with the region Terraform planned with', () => {
    expect(named['7zip'].providers['aws_s3_bucket.b']).toEqual({ key: 'aws.copy', region: 'eu-west-1' });
    expect(named['7zip'].providers['data.aws_iam_policy_document.p']).toEqual({
      key: 'aws',
      region: 'us-east-1',
    });
  });
});
