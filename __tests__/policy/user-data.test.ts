import { gzipSync } from 'node:zlib';
import { cloudConfigFiles, userDataText } from '../../modules/policy/user-data';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

describe('userDataText', () => {
  it.each([
    ['plain text', '#!/bin/bash\necho hi\n', '#!/bin/bash\necho hi\n'],
    ['base64 text', b64('#cloud-config\nruncmd: []\n'), '#cloud-config\nruncmd: []\n'],
    ['base64 of gzip', b64(gzipSync('#cloud-config\n')), '#cloud-config\n'],
    ['a base64gzip expression over one literal', `\${base64gzip(base64decode("${b64('hello')}"))}`, 'hello'],
    [
      'a joined expression with references',
      `\${base64gzip(join("", [base64decode("${b64('bucket: ')}"), aws_s3_bucket.app.bucket, base64decode("${b64('\n')}")]))}`,
      'bucket: ${aws_s3_bucket.app.bucket}\n',
    ],
    [
      'a base64encode expression starting with a reference',
      `\${base64encode(join("", [var.name, base64decode("${b64(' rest')}")]))}`,
      '${var.name} rest',
    ],
    ['base64 of four characters, the shortest', 'aGk=', 'hi'],
    ['base64 with spaces inside', 'aGVs bG8h', 'hello!'],
    [
      'base64 in lines',
      `${b64('#cloud-config\n').slice(0, 8)}\n${b64('#cloud-config\n').slice(8)}`,
      '#cloud-config\n',
    ],
    ['base64 of gzip in lines', `${b64(gzipSync('x')).slice(0, 12)}\r\n${b64(gzipSync('x')).slice(12)}`, 'x'],
    ['base64 of bytes starting 0x1f that are not gzip', b64(Buffer.from([0x1f, 0x41, 0x42])), '\x1fAB'],
    ['text of several lines that is not base64', 'echo hi\necho there\n', 'echo hi\necho there\n'],
    ['an expression with spaces around its argument', '${base64encode( base64decode("aGk=") )}', 'hi'],
    ['a join without spaces', '${base64gzip(join("",[base64decode("aGk=")]))}', 'hi'],
    ['a join with a space before the comma', '${base64gzip(join("" , [base64decode("aGk=")]))}', 'hi'],
    [
      'a join whose elements hold commas in quotes, escaped quotes and braces',
      '${base64gzip(join("", [base64decode("aGk="), format("%s,\\"%s", var.a, var.b), jsonencode({a = 1, b = [2, 3]})]))}',
      'hi${format("%s,\\"%s", var.a, var.b)}${jsonencode({a = 1, b = [2, 3]})}',
    ],
    [
      'a join whose quoted arguments hold a closing parenthesis and an escaped quote',
      '${base64gzip(join("", [base64decode("aGk="), format(")\\")%s", var.a), var.b]))}',
      'hi${format(")\\")%s", var.a)}${var.b}',
    ],
    ['a one-line script', '#!/bin/true', '#!/bin/true'],
    ['base64 of bytes with 0x8b second, not gzip', b64(Buffer.from([0x41, 0x8b, 0x42])), 'A\ufffdB'],
    ['a join with a trailing comma', '${base64gzip(join("", [base64decode("aGk="), ]))}', 'hi'],
  ])('reads %s', (_name, value, text) => {
    expect(userDataText(value)).toBe(text);
  });

  it.each([
    ['a number', 42],
    ['a file() reference', '${file("init.sh")}'],
    ['a short token', 'abc'],
    ['five base64 characters', 'aGVsb'],
    ['one line of text', 'echo hi'],
    ['base64 of gzip that does not unzip', b64(Buffer.from([0x1f, 0x8b, 0x00, 0x01]))],
    ['text before an expression', 'x ${base64encode(base64decode("aGk="))}'],
    ['text after an expression', '${base64encode(base64decode("aGk="))} x'],
    ['a join after other text', '${base64encode(x + join("", [base64decode("aGk=")]))}'],
    ['a join followed by more', '${base64encode(join("", [base64decode("aGk=")])+1)}'],
  ])('returns undefined for %s', (_name, value) => {
    expect(userDataText(value)).toBeUndefined();
  });
});

describe('cloudConfigFiles', () => {
  it('lists write_files, decoding base64 and gzip+base64 contents', () => {
    const text = [
      '#cloud-config',
      'write_files:',
      '  - path: /a',
      '    content: plain',
      '  - path: /b',
      `    encoding: b64`,
      `    content: ${b64('decoded')}`,
      '  - path: /c',
      '    encoding: gz+b64',
      `    content: ${b64(gzipSync('unzipped'))}`,
      '  - content: no path',
    ].join('\n');
    expect(cloudConfigFiles(text)).toEqual([
      { path: '/a', content: 'plain' },
      { path: '/b', content: 'decoded' },
      { path: '/c', content: 'unzipped' },
    ]);
  });

  it.each<[string, string[], { path: unknown; content: unknown }[]]>([
    [
      'decodes the base64 and gzip+base64 spellings',
      [
        '  - path: /a',
        '    encoding: base64',
        `    content: ${b64('one')}`,
        '  - path: /b',
        '    encoding: gzip+base64',
        `    content: ${b64(gzipSync('two'))}`,
      ],
      [
        { path: '/a', content: 'one' },
        { path: '/b', content: 'two' },
      ],
    ],
    [
      'skips entries that are not objects, lack a string path or content, or do not decode',
      [
        '  - null',
        '  - just text',
        '  - path: 7',
        '    content: x',
        '  - path: /no-content',
        '  - path: /number',
        '    content: 5',
        '  - path: /bad',
        '    encoding: gz+b64',
        '    content: "%%%"',
        '  - path: /ok',
        '    content: y',
      ],
      [{ path: '/ok', content: 'y' }],
    ],
  ])('%s', (_name, entries, expected) => {
    expect(cloudConfigFiles(['#cloud-config', 'write_files:', ...entries].join('\n'))).toEqual(expected);
  });

  it.each([
    [
      'a shell script whose comments and lines read as YAML',
      '#!/bin/bash\nwrite_files:\n  - path: /a\n    content: x\n',
    ],
    ['write_files that is a mapping', '#cloud-config\nwrite_files:\n  path: /a\n  content: x\n'],
    ['a document that is a list', '#cloud-config\n- path: /a\n'],
  ])('finds nothing in %s', (_name, text) => {
    expect(cloudConfigFiles(text)).toEqual([]);
  });

  it('finds nothing in a shell script or broken YAML', () => {
    expect(cloudConfigFiles('#!/bin/bash\n')).toEqual([]);
    expect(cloudConfigFiles('#cloud-config\nwrite_files: [\n')).toEqual([]);
    expect(cloudConfigFiles(undefined)).toEqual([]);
  });
});
