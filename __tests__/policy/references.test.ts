import {
  interpolationSpans,
  interpolations,
  parseExactReference,
  parseReferences,
  referenceAddress,
} from '../../modules/policy/references';

describe('interpolations', () => {
  it.each([
    ['${aws_vpc.main.id}', ['aws_vpc.main.id']],
    ['arn:${aws_s3_bucket.b.arn}/x/${var.y}', ['aws_s3_bucket.b.arn', 'var.y']],
    ['${jsonencode({a = {b = 1}})}', ['jsonencode({a = {b = 1}})']],
    ['${format("}%s", aws_vpc.a.id)}', ['format("}%s", aws_vpc.a.id)']],
    ['${format("\\"}", 1)}', ['format("\\"}", 1)']],
    ['$${not.an.interpolation}', []],
    ['${unterminated', []],
    ['plain text', []],
    ['a } b', []],
  ])('%s', (value, expected) => {
    expect(interpolations(value)).toEqual(expected);
  });
});

describe('interpolationSpans', () => {
  it.each<[string, [number, number][]]>([
    ['${var.a}', [[0, 8]]],
    [
      'x ${var.a} y ${f({b = "}"})}',
      [
        [2, 10],
        [13, 28],
      ],
    ],
    ['$${var.a} ${var.b}', [[10, 18]]],
    ['${var.a} ${open', [[0, 8]]],
    ['no expression', []],
  ])('%s', (value, expected) => {
    expect(interpolationSpans(value)).toEqual(expected);
  });
});

describe('parseReferences', () => {
  it('reads resource and data references with their first attribute', () => {
    expect(parseReferences('${aws_s3_bucket.models_1A2B.arn}/*')).toEqual([
      { mode: 'resource', type: 'aws_s3_bucket', name: 'models_1A2B', attribute: 'arn' },
    ]);
    expect(parseReferences('${data.aws_iam_policy_document.p-1.json}')).toEqual([
      { mode: 'data', type: 'aws_iam_policy_document', name: 'p-1', attribute: 'json' },
    ]);
  });

  it('reads indexed, splat and function-wrapped references', () => {
    expect(parseReferences('${aws_subnet.s[0].id}')).toEqual([
      { mode: 'resource', type: 'aws_subnet', name: 's', attribute: 'id' },
    ]);
    expect(parseReferences('${element(aws_subnet.a.*.id, 0)}')).toEqual([
      { mode: 'resource', type: 'aws_subnet', name: 'a', attribute: 'id' },
    ]);
    expect(parseReferences('${aws_vpc.v}')).toEqual([
      { mode: 'resource', type: 'aws_vpc', name: 'v', attribute: undefined },
    ]);
  });

  it('ignores variables, locals, iterators, modules and text outside interpolations', () => {
    expect(
      parseReferences('${var.x} ${local.y} ${each.value.z} ${count.index} ${module.m.out} aws_vpc.a.id'),
    ).toEqual([]);
    expect(parseReferences('${each.value.aws_vpc.id}')).toEqual([]);
  });
});

describe('parseExactReference', () => {
  it('accepts a string that is exactly one reference', () => {
    expect(parseExactReference('${aws_s3_bucket.b.id}')).toEqual({
      mode: 'resource',
      type: 'aws_s3_bucket',
      name: 'b',
      attribute: 'id',
    });
    expect(parseExactReference('${ aws_subnet.s[0].id }')?.name).toBe('s');
  });

  it.each([
    '${aws_s3_bucket.b.arn}/*',
    'x${aws_s3_bucket.b.id}',
    '${aws_s3_bucket.a.id}${aws_s3_bucket.b.id}',
    '${element(aws_subnet.a.*.id, 0)}',
    '${var.bucket}',
    'mlmon-models',
  ])('rejects %s', (value) => {
    expect(parseExactReference(value)).toBeUndefined();
  });
});

it('referenceAddress gives the Terraform address', () => {
  expect(referenceAddress({ mode: 'data', type: 'aws_iam_policy', name: 'p' })).toBe('data.aws_iam_policy.p');
  expect(referenceAddress({ mode: 'resource', type: 'aws_vpc', name: 'v' })).toBe('aws_vpc.v');
});
