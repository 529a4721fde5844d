import { Secret, SecretProps } from '../../../modules/secrets';
import { newStack, validationError } from './synth-helpers';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const EU_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/9999abcd-12ab-34cd-56ef-1234567890ab';
const LAMBDA = 'arn:aws:lambda:us-east-1:111122223333:function:rotate';

function build(props: Partial<SecretProps>): Secret {
  return new Secret(newStack(), 'secret', { secretName: 'app/token', ...props } as SecretProps);
}

/** [name, props, field, value received, problem (substring), fix (substring)] */
const CASES: [string, Partial<SecretProps>, string, unknown, string, string][] = [
  [
    'a name with a space',
    { secretName: 'app token' },
    'secretName',
    'app token',
    '1-512 characters of A-Z',
    'mlcicd/dev/api-token',
  ],
  [
    'a 513-character name',
    { secretName: 'a'.repeat(513) },
    'secretName',
    'a'.repeat(513),
    '1-512 characters',
    'mlcicd/dev/api-token',
  ],
  ['an empty name', { secretName: '' }, 'secretName', '', '1-512 characters', 'mlcicd/dev/api-token'],
  [
    'a 2049-character description',
    { description: 'd'.repeat(2049) },
    'description',
    'd'.repeat(2049),
    'longer than 2048',
    'shorten',
  ],
  [
    'a key alias',
    { kmsKeyArn: 'alias/secrets' },
    'kmsKeyArn',
    'alias/secrets',
    'is not a KMS key ARN',
    'not an alias',
  ],
  [
    'a key together with useAwsManagedKey',
    { kmsKeyArn: KEY, useAwsManagedKey: true },
    'useAwsManagedKey',
    true,
    'conflicts with kmsKeyArn',
    'set only one of them',
  ],
  [
    'a deletion window for a key not created here',
    { kmsKeyArn: KEY, keyDeletionWindowInDays: 7 },
    'keyDeletionWindowInDays',
    7,
    'only applies to the key created here',
    'remove keyDeletionWindowInDays',
  ],
  [
    'a 6-day key deletion window',
    { keyDeletionWindowInDays: 6 },
    'keyDeletionWindowInDays',
    6,
    'from 7 to 30',
    'from 7 to 30',
  ],
  [
    'a 31-day key deletion window',
    { keyDeletionWindowInDays: 31 },
    'keyDeletionWindowInDays',
    31,
    'from 7 to 30',
    'from 7 to 30',
  ],
  [
    'a 6-day recovery window',
    { recoveryWindowInDays: 6 },
    'recoveryWindowInDays',
    6,
    'must be 0 (delete at once) or',
    'use 30',
  ],
  [
    'a 31-day recovery window',
    { recoveryWindowInDays: 31 },
    'recoveryWindowInDays',
    31,
    'from 7 to 30',
    'at least 7',
  ],
  [
    'a 1-day recovery window',
    { recoveryWindowInDays: 1 },
    'recoveryWindowInDays',
    1,
    'from 7 to 30',
    'throwaway',
  ],
  [
    'a replica in a made-up region',
    { replicas: [{ region: 'moon-1', kmsKeyArn: EU_KEY }] },
    'replicas[0].region',
    'moon-1',
    'is not an AWS region name',
    'eu-west-1',
  ],
  [
    'a replica without a key while the secret has a customer managed key',
    { replicas: [{ region: 'eu-west-1' }] },
    'replicas[0].kmsKeyArn',
    undefined,
    'exists in one region only',
    'KMS key ARN in eu-west-1',
  ],
  [
    'a replica key of another region',
    { replicas: [{ region: 'eu-west-1', kmsKeyArn: KEY }] },
    'replicas[0].kmsKeyArn',
    KEY,
    'is a key in another region than eu-west-1',
    'lives in eu-west-1',
  ],
  [
    'a region replicated twice',
    {
      replicas: [
        { region: 'eu-west-1', kmsKeyArn: EU_KEY },
        { region: 'eu-west-1', kmsKeyArn: EU_KEY },
      ],
    },
    'replicas',
    ['eu-west-1'],
    'lists a region more than once',
    'list each region once',
  ],
  [
    'rotation without a function',
    { rotation: { rotationLambdaArn: '' } },
    'rotation.rotationLambdaArn',
    '',
    'no managed rotation',
    'ARN of a rotation function',
  ],
  [
    'a rotation every 0 days',
    { rotation: { rotationLambdaArn: LAMBDA, schedule: { automaticallyAfterDays: 0 } } },
    'rotation.schedule.automaticallyAfterDays',
    0,
    'from 1 to 1000',
    'e.g. 30',
  ],
  [
    'a 7-character generated password',
    { generateSecretString: { passwordLength: 7 } },
    'generateSecretString.passwordLength',
    7,
    'from 8 to 4096',
    '32 or more',
  ],
  [
    'a 4097-character generated password',
    { generateSecretString: { passwordLength: 4097 } },
    'generateSecretString.passwordLength',
    4097,
    'from 8 to 4096',
    '32 or more',
  ],
  [
    'version 0',
    { generateSecretString: { version: 0 } },
    'generateSecretString.version',
    0,
    'from 1 to',
    'then 2, 3',
  ],
  [
    'every character type excluded',
    {
      generateSecretString: {
        excludeLowercase: true,
        excludeUppercase: true,
        excludeNumbers: true,
        excludePunctuation: true,
      },
    },
    'generateSecretString',
    { excludeLowercase: true, excludeUppercase: true, excludeNumbers: true, excludePunctuation: true },
    'excludes every character type',
    'allow at least one',
  ],
  [
    'a non-ASCII excluded character',
    { generateSecretString: { excludeCharacters: 'é' } },
    'generateSecretString.excludeCharacters',
    'é',
    'printable ASCII',
    'characters to leave out',
  ],
  [
    'a key without a template',
    { generateSecretString: { generateStringKey: 'token' } },
    'generateSecretString.generateStringKey',
    'token',
    'only applies with secretStringTemplate',
    'remove generateStringKey',
  ],
  [
    'a template that already has the password key',
    { generateSecretString: { secretStringTemplate: { password: 'x', username: 'u' } } },
    'generateSecretString.secretStringTemplate',
    ['password', 'username'],
    'already has the key "password"',
    'choose another generateStringKey',
  ],
  [
    'a template key with a space',
    { generateSecretString: { secretStringTemplate: { 'user name': 'u' } } },
    'generateSecretString.secretStringTemplate',
    ['user name'],
    'has keys that are not',
    '"username"',
  ],
  [
    'a generate key with a space',
    { generateSecretString: { secretStringTemplate: { username: 'u' }, generateStringKey: 'the password' } },
    'generateSecretString.generateStringKey',
    'the password',
    'must be 1-128 letters',
    '"password"',
  ],
  [
    'a wildcard reader',
    { readerPrincipalArns: ['arn:aws:iam::111122223333:role/*'] },
    'readerPrincipalArns',
    ['arn:aws:iam::111122223333:role/*'],
    'wildcards are not allowed',
    'arn:aws:iam::111122223333:role/app-task',
  ],
  [
    'a reader given by name',
    { readerPrincipalArns: ['app-task'] },
    'readerPrincipalArns',
    ['app-task'],
    'are not IAM role',
    'role/app-task',
  ],
];

describe('Secret validation', () => {
  it.each(CASES)('refuses %s', (_name, props, field, value, problem, fix) => {
    const error = validationError(() => build(props));
    expect(error.path).toBe('test/secret');
    const found = error.problems.find((p) => p.field === field && p.problem.includes(problem));
    expect({ field: found?.field, value: found?.value, problem: found?.problem.includes(problem) }).toEqual({
      field,
      value,
      problem: true,
    });
    expect(found?.fix).toContain(fix);
  });

  it.each<[string, Partial<SecretProps>]>([
    ['a 512-character name', { secretName: 'a'.repeat(512) }],
    ['a name with every allowed character', { secretName: 'a/b_c+d=e.f@g-h' }],
    ['a 2048-character description', { description: 'd'.repeat(2048) }],
    ['a 7-day key deletion window', { keyDeletionWindowInDays: 7 }],
    ['a 30-day key deletion window', { keyDeletionWindowInDays: 30 }],
    ['no recovery window', { recoveryWindowInDays: 0 }],
    ['a 7-day recovery window', { recoveryWindowInDays: 7 }],
    ['a 30-day recovery window', { recoveryWindowInDays: 30 }],
    [
      'a replica without a key with aws/secretsmanager',
      { useAwsManagedKey: true, replicas: [{ region: 'eu-west-1' }] },
    ],
    [
      'a multi-Region replica key',
      {
        replicas: [
          {
            region: 'eu-west-1',
            kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/mrk-1234567890abcdef1234567890abcdef',
          },
        ],
      },
    ],
    [
      'rotation after 1000 days',
      { rotation: { rotationLambdaArn: LAMBDA, schedule: { automaticallyAfterDays: 1000 } } },
    ],
    ['an 8-character password', { generateSecretString: { passwordLength: 8 } }],
    ['a 4096-character password', { generateSecretString: { passwordLength: 4096 } }],
    [
      'only digits',
      { generateSecretString: { excludeLowercase: true, excludeUppercase: true, excludePunctuation: true } },
    ],
    [
      'a template with another key',
      { generateSecretString: { secretStringTemplate: { password: 'x' }, generateStringKey: 'token' } },
    ],
    ['the account root as reader', { readerPrincipalArns: ['arn:aws:iam::111122223333:root'] }],
    [
      'an assumed-role session as reader',
      { readerPrincipalArns: ['arn:aws:sts::111122223333:assumed-role/admin/alice'] },
    ],
  ])('accepts %s', (_name, props) => {
    expect(() => build(props)).not.toThrow();
  });
});
