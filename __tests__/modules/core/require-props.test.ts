import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { FieldKind, ValidationError, requireProps } from '../../../modules/core/validation';

const SHAPE: Readonly<Record<string, FieldKind>> = {
  name: 'string',
  size: 'number',
  enabled: 'boolean',
  subnetIds: 'list',
  target: 'object',
  'target.id': 'string',
  'tags?': 'object',
  'extra?': 'list',
  'extra.never?': 'string',
};
const VALID = { name: 'a', size: 1, enabled: false, subnetIds: [], target: { id: 'x' } };

function problems(props: unknown): Array<[string, unknown, string, string]> {
  try {
    requireProps('test/x', props, SHAPE);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).path).toBe('test/x');
    return (e as ValidationError).problems.map((p) => [p.field, p.value, p.problem, p.fix]);
  }
}

describe('requireProps', () => {
  it('names every missing required field of {} (and not the optional ones)', () => {
    expect(problems({})).toEqual([
      ['name', undefined, 'is required', 'pass name, a string'],
      ['size', undefined, 'is required', 'pass size, a number'],
      ['enabled', undefined, 'is required', 'pass enabled, true or false'],
      ['subnetIds', undefined, 'is required', 'pass subnetIds, a list'],
      ['target', undefined, 'is required', 'pass target, an object'],
    ]);
  });

  it('treats missing props like {}', () => {
    expect(problems(undefined).map((p) => p[0])).toEqual(['name', 'size', 'enabled', 'subnetIds', 'target']);
  });

  it.each<[string, unknown, string, unknown, string, string]>([
    [
      'a number for a string',
      { ...VALID, name: 42 },
      'name',
      42,
      'must be a string, not a number',
      'pass name as a string',
    ],
    [
      'a string for a number',
      { ...VALID, size: '1' },
      'size',
      '1',
      'must be a number, not a string',
      'pass size as a number',
    ],
    [
      'a string for a boolean',
      { ...VALID, enabled: 'no' },
      'enabled',
      'no',
      'must be true or false, not a string',
      'pass enabled as true or false',
    ],
    [
      'a string for a list',
      { ...VALID, subnetIds: 'subnet-1' },
      'subnetIds',
      'subnet-1',
      'must be a list, not a string',
      'pass subnetIds as a list',
    ],
    [
      'a list for an object',
      { ...VALID, target: ['x'] },
      'target',
      ['x'],
      'must be an object, not a list',
      'pass target as an object',
    ],
    [
      'null for an object',
      { ...VALID, target: null },
      'target',
      null,
      'must be an object, not null',
      'pass target as an object',
    ],
    [
      'a missing nested field',
      { ...VALID, target: {} },
      'target.id',
      undefined,
      'is required',
      'pass target.id, a string',
    ],
    [
      'an optional field of the wrong type',
      { ...VALID, tags: 'x' },
      'tags',
      'x',
      'must be an object, not a string',
      'pass tags as an object',
    ],
  ])('refuses %s', (_name, props, field, value, problem, fix) => {
    expect(problems(props)).toEqual([[field, value, problem, fix]]);
  });

  it('refuses props that are not an object', () => {
    expect(problems('name')).toEqual([
      ['props', 'name', 'must be an object', 'pass the props as an object literal'],
    ]);
    expect(problems([1])).toEqual([
      ['props', [1], 'must be an object', 'pass the props as an object literal'],
    ]);
  });

  it.each<[string, unknown]>([
    ['the valid props', VALID],
    ['optional fields of the right type', { ...VALID, tags: {}, extra: [] }],
    ['a nested field whose optional parent is missing', VALID],
    [
      'a nested field under a parent of the wrong type (reported once, at the parent)',
      { ...VALID, target: 'x' },
    ],
  ])('accepts %s', (name, props) => {
    if (name.startsWith('a nested field under')) expect(problems(props).map((p) => p[0])).toEqual(['target']);
    else expect(problems(props)).toEqual([]);
  });

  it('leaves unresolved tokens to Terraform (strings, numbers and lists)', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const s = new TerraformVariable(stack, 's', { type: 'string' });
    const n = new TerraformVariable(stack, 'n', { type: 'number' });
    const l = new TerraformVariable(stack, 'l', { type: 'list(string)' });
    expect(
      problems({ ...VALID, name: s.stringValue, size: n.numberValue, subnetIds: l.listValue, enabled: true }),
    ).toEqual([]);
  });
});
