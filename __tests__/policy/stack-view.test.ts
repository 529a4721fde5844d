import { createStackView } from '../../modules/policy/stack-view';
import { JsonObject } from '../../modules/policy/types';

const TF: JsonObject = {
  provider: {
    aws: [
      { region: 'us-east-1', default_tags: [{ tags: { Project: 'mlmon', Purpose: 'app' } }] },
      { region: 'us-west-2', alias: 'west', default_tags: [{ tags: { Purpose: 'terraform-state' } }] },
    ],
  },
  resource: {
    aws_s3_bucket: {
      b: { '//': { metadata: { path: 'st/storage/b' } }, bucket: 'models', tags: { Purpose: 'models' } },
      w: { bucket: 'west', provider: 'aws.west' },
      t: { bucket: 'tagged', tags: '${var.tags}' },
    },
    aws_s3_bucket_versioning: {
      v: { bucket: '${aws_s3_bucket.b.id}' },
      byName: { bucket: 'models' },
      other: { bucket: 'something-else' },
    },
  },
  data: { aws_iam_policy_document: { p: { statement: [] } } },
};

let view: ReturnType<typeof createStackView>;
beforeEach(() => {
  view = createStackView('st', TF);
});
const bucket = (name: string) => view.resources('aws_s3_bucket').find((b) => b.name === name)!;

describe('createStackView', () => {
  it('lists resources and data sources with address, path and config without metadata', () => {
    expect(view.stackName).toBe('st');
    expect(view.resources().map((r) => r.address)).toEqual([
      'aws_s3_bucket.b',
      'aws_s3_bucket.w',
      'aws_s3_bucket.t',
      'aws_s3_bucket_versioning.v',
      'aws_s3_bucket_versioning.byName',
      'aws_s3_bucket_versioning.other',
    ]);
    expect(view.dataSources().map((d) => d.address)).toEqual(['data.aws_iam_policy_document.p']);
    expect(view.dataSources('aws_iam_policy')).toEqual([]);
    expect(view.dataSources('aws_iam_policy_document').map((d) => d.name)).toEqual(['p']);
    expect(view.resources('aws_s3_bucket_versioning')).toHaveLength(3);
    expect(bucket('b')).toMatchObject({
      mode: 'resource',
      path: 'st/storage/b',
      config: { bucket: 'models' },
    });
    expect(bucket('b').config['//']).toBeUndefined();
    expect(bucket('w').path).toBe('aws_s3_bucket.w');
  });

  it('resolves exact references only', () => {
    expect(view.resolve('${aws_s3_bucket.b.arn}')).toBe(bucket('b'));
    expect(view.resolve('${data.aws_iam_policy_document.p.json}')?.address).toBe(
      'data.aws_iam_policy_document.p',
    );
    expect(view.resolve('${aws_s3_bucket.b.arn}/*')).toBeUndefined();
    expect(view.resolve('${aws_s3_bucket.missing.id}')).toBeUndefined();
    expect(view.resolve(42)).toBeUndefined();
  });

  it('finds references anywhere in a value, once each', () => {
    const found = view.referencedIn({
      a: ['${aws_s3_bucket.b.id}', '${aws_s3_bucket.w.arn}/*'],
      b: '${aws_s3_bucket.b.arn} ${aws_s3_bucket.nope.id}',
    });
    expect(found.map((f) => f.name)).toEqual(['b', 'w']);
  });

  it('attaches resources by reference or by literal attribute', () => {
    expect(view.attachedTo(bucket('b'), 'aws_s3_bucket_versioning', 'bucket').map((r) => r.name)).toEqual([
      'v',
    ]);
    expect(
      view.attachedTo(bucket('b'), 'aws_s3_bucket_versioning', 'bucket', ['bucket']).map((r) => r.name),
    ).toEqual(['v', 'byName']);
    expect(view.pointsAt(['x', '${aws_s3_bucket.w.id}'], bucket('w'))).toBe(true);
    expect(view.pointsAt('${aws_s3_bucket.w.id}', bucket('b'), ['bucket'])).toBe(false);
    expect(view.pointsAt(undefined, bucket('b'), ['bucket'])).toBe(false);
    expect(view.pointsAt('${aws_s3_bucket.w.id}-${aws_s3_bucket.b.id}', bucket('b'))).toBe(true);
  });

  it('merges provider default tags under resource tags, per provider alias', () => {
    expect(view.effectiveTags(bucket('b'))).toEqual({ Project: 'mlmon', Purpose: 'models' });
    expect(view.effectiveTags(bucket('w'))).toEqual({ Purpose: 'terraform-state' });
    expect(view.effectiveTags(bucket('t'))).toEqual({ Project: 'mlmon', Purpose: 'app' });
  });

  it('skips malformed sections and reads a provider given as an interpolation', () => {
    const odd = createStackView('o', {
      provider: { aws: [{ alias: 'eu', default_tags: [{ tags: { Env: 'eu', Count: 3 } }] }] },
      resource: {
        aws_vpc: 'not an object',
        aws_subnet: {
          s: 'not an object',
          t: { '//': { metadata: { uniqueId: 't' } }, provider: '${aws.eu}' },
        },
      },
      data: [],
    });
    expect(odd.resources().map((r) => [r.address, r.path])).toEqual([['aws_subnet.t', 'aws_subnet.t']]);
    expect(odd.effectiveTags(odd.resources()[0])).toEqual({ Env: 'eu' });
    expect(odd.dataSources()).toEqual([]);
    const explicit = createStackView('x', {
      provider: { aws: [{ default_tags: [{ tags: { Env: 'default' } }] }] },
      resource: { aws_vpc: { v: { provider: 'aws' } } },
    });
    expect(explicit.effectiveTags(explicit.resources()[0])).toEqual({ Env: 'default' });
  });

  it('copes with a stack without providers, resources or data', () => {
    const empty = createStackView('e', {});
    expect(empty.resources()).toEqual([]);
    expect(empty.dataSources()).toEqual([]);
    expect(
      empty.effectiveTags({ mode: 'resource', type: 't', name: 'n', address: 't.n', path: 'p', config: {} }),
    ).toEqual({});
  });

  describe('literalValue', () => {
    const lit = createStackView('l', {
      variable: {
        one: { type: 'string', default: '203.0.113.0/24' },
        list: { type: 'list(string)', default: ['0.0.0.0/1', '128.0.0.0/1'] },
        bare: { type: 'string' },
        nulled: { type: 'string', default: null },
        nested: { type: 'string', default: '${var.one}' },
      },
      resource: {
        aws_vpc: {
          v: { cidr_block: '10.0.0.0/16' },
          ipam: { ipv4_ipam_pool_id: 'ipam-pool-1' },
          copy: { cidr_block: '${aws_vpc.v.cidr_block}' },
          mixed: { secondary: ['10.1.0.0/16', '${var.one}'] },
        },
      },
    });
    it.each([
      ['a variable default (string)', '${var.one}', '203.0.113.0/24'],
      ['a variable default with spaces inside the braces', '${ var.one }', '203.0.113.0/24'],
      ['a variable default (list)', '${var.list}', ['0.0.0.0/1', '128.0.0.0/1']],
      ['a literal argument of a resource', '${aws_vpc.v.cidr_block}', '10.0.0.0/16'],
    ])('gives %s', (_, value, expected) => {
      expect(lit.literalValue(value)).toEqual(expected);
    });
    it.each([
      ['a variable without a default', '${var.bare}'],
      ['a variable whose default is null', '${var.nulled}'],
      ['a default that is itself a reference', '${var.nested}'],
      ['an undeclared variable', '${var.missing}'],
      ['a computed attribute', '${aws_vpc.ipam.cidr_block}'],
      ['an argument that holds a reference', '${aws_vpc.copy.cidr_block}'],
      ['a reference without an attribute', '${aws_vpc.v}'],
      ['a resource not in the stack', '${aws_vpc.gone.cidr_block}'],
      ['an expression', '${cidrsubnet(var.one, 8, 1)}'],
      ['a reference inside a longer string', 'x-${var.one}'],
      ['a variable followed by text', '${var.one}/x'],
      ['a list argument with one reference among literals', '${aws_vpc.mixed.secondary}'],
      ['a literal', '10.0.0.0/8'],
      ['a number', 42],
      ['nothing', undefined],
    ])('gives nothing for %s', (_, value) => {
      expect(lit.literalValue(value)).toBeUndefined();
    });
  });
});
