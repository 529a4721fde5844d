import {
  attributeDiff,
  comparePaths,
  flattenValue,
  replacePathStrings,
  SENSITIVE,
  sensitiveStrings,
  UNKNOWN,
} from '../../review/plan-diff';
import { changeKind } from '../../review/plan-json';

describe('flattenValue', () => {
  it('flattens nested blocks, maps and lists into leaf paths, leaving out nulls and empty collections', () => {
    const flat = flattenValue(
      { bucket: 'b', tags: { Name: 'n', 'aws:created-by': 'x' }, rule: [{ id: 'r', filter: [] }], acl: null },
      false,
      undefined,
    );
    expect([...flat.entries()].map(([p, v]) => `${p}=${v.text}`)).toEqual([
      'bucket="b"',
      'rule[0].id="r"',
      'tags.Name="n"',
      'tags["aws:created-by"]="x"',
    ]);
  });

  it('masks a subtree marked sensitive, and leaves its siblings alone', () => {
    const flat = flattenValue(
      { a: { secret: 's3cr3t', open: 'o' }, list: ['x', 'hidden'] },
      { a: { secret: true }, list: [false, true] },
      undefined,
    );
    expect(flat.get('a.secret')?.text).toBe(SENSITIVE);
    expect(flat.get('a.open')?.text).toBe('"o"');
    expect(flat.get('list[1]')?.text).toBe(SENSITIVE);
    expect(flat.get('list[0]')?.text).toBe('"x"');
  });

  it('masks everything when the whole value is sensitive', () => {
    const flat = flattenValue({ a: 1, b: { c: 'd' } }, true, undefined);
    expect([...flat.values()].map((v) => v.text)).toEqual([SENSITIVE]);
  });

  it('shows values only known after apply, including ones absent from `after`', () => {
    const flat = flattenValue({ name: 'n' }, {}, { id: true, nested: { arn: true } });
    expect(flat.get('id')?.text).toBe(UNKNOWN);
    expect(flat.get('nested.arn')?.text).toBe(UNKNOWN);
    expect(flat.get('name')?.text).toBe('"n"');
  });

  it('masks an unmarked value that contains a secret found elsewhere in the plan', () => {
    const flat = flattenValue(
      { tags_all: { Token: 'abcd-1234' }, policy: '{"k":"abcd-1234"}', other: 'abc' },
      {},
      undefined,
      '',
      ['abcd-1234'],
    );
    expect(flat.get('tags_all.Token')?.text).toBe(SENSITIVE);
    expect(flat.get('policy')?.text).toBe(SENSITIVE);
    expect(flat.get('other')?.text).toBe('"abc"');
  });
});

describe('sensitiveStrings', () => {
  it('collects strings and long numbers under sensitive marks, ignoring short ones', () => {
    const found = sensitiveStrings(
      { a: 'visible', b: { c: 'hidden-value', d: 12345, e: 'ab' } },
      { b: true },
    );
    expect([...found].sort()).toEqual(['12345', 'hidden-value']);
  });
});

describe('attributeDiff', () => {
  it('lists added, removed and changed leaves, and counts unchanged ones', () => {
    const d = attributeDiff({
      actions: ['update'],
      before: { keep: 1, old: 'x', tags: { Owner: 'a' } },
      after: { keep: 1, fresh: 'y', tags: { Owner: 'b' } },
      after_unknown: {},
      before_sensitive: {},
      after_sensitive: {},
    });
    expect(d.lines.map((l) => `${l.op} ${l.path} ${l.before ?? ''}>${l.after ?? ''}`)).toEqual([
      '+ fresh >"y"',
      '- old "x">',
      '~ tags.Owner "a">"b"',
    ]);
    expect(d.unchanged).toBe(1);
  });

  it('masks both sides when either is sensitive', () => {
    const d = attributeDiff({
      actions: ['update'],
      before: { password: 'old-password' },
      after: { password: 'new-password' },
      before_sensitive: { password: true },
      after_sensitive: {},
    });
    expect(d.lines).toEqual([
      { op: '~', path: 'password', before: SENSITIVE, after: SENSITIVE, forcesReplacement: false },
    ]);
  });

  it('marks the attributes whose change forces a replacement', () => {
    const d = attributeDiff({
      actions: ['delete', 'create'],
      before: { name: 'a', attribute: [{ name: 'id' }] },
      after: { name: 'b', attribute: [{ name: 'pk' }] },
      replace_paths: [['attribute', 0, 'name']],
    });
    expect(d.lines.filter((l) => l.forcesReplacement).map((l) => l.path)).toEqual(['attribute[0].name']);
  });

  it('shows a known value becoming unknown as a change', () => {
    const d = attributeDiff({
      actions: ['update'],
      before: { arn: 'arn:1' },
      after: {},
      after_unknown: { arn: true },
    });
    expect(d.lines).toEqual([
      { op: '~', path: 'arn', before: '"arn:1"', after: UNKNOWN, forcesReplacement: false },
    ]);
  });
});

describe('paths', () => {
  it('sorts indices numerically', () => {
    expect(['rule[10].id', 'rule[2].id', 'rule[2].a', 'rule'].sort(comparePaths)).toEqual([
      'rule',
      'rule[2].a',
      'rule[2].id',
      'rule[10].id',
    ]);
  });

  it('renders replace paths like attribute paths', () => {
    expect(replacePathStrings([['range_key'], ['tags', 'a:b'], ['rule', 0, 'id']])).toEqual([
      'range_key',
      'tags["a:b"]',
      'rule[0].id',
    ]);
  });
});

describe('changeKind', () => {
  it.each([
    [['create'], 'create'],
    [['delete', 'create'], 'replace'],
    [['create', 'delete'], 'replace'],
    [['delete'], 'delete'],
    [['update'], 'update'],
    [['read'], 'read'],
    [['forget'], 'forget'],
    [['no-op'], 'no-op'],
  ] as const)('%j is a %s', (actions, kind) => {
    expect(changeKind(actions)).toBe(kind);
  });
});
