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
  ])('reads %s', (_name, value, text) => {
    expect(userDataText(value)).toBe(text);
  });

  it.each([
    ['a number', 42],
    ['a file() reference', '${file("init.sh")}'],
    ['a short token', 'abc'],
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

  it('finds nothing in a shell script or broken YAML', () => {
    expect(cloudConfigFiles('#!/bin/bash\n')).toEqual([]);
    expect(cloudConfigFiles('#cloud-config\nwrite_files: [\n')).toEqual([]);
    expect(cloudConfigFiles(undefined)).toEqual([]);
  });
});
