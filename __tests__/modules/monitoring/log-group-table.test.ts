import { LogGroup, LogGroupProps } from '../../../modules/monitoring';
import { errorOf, invalidMessage, testStack } from '../../support/synth-json';

describe('LogGroup refuses props of the wrong type before any other check', () => {
  const build = (props: Record<string, unknown>) =>
    new LogGroup(testStack(), 'api', props as unknown as LogGroupProps);

  it.each<[string, Record<string, unknown>, string[]]>([
    ['no name', {}, ['name = undefined: is required. Fix: pass name, a string']],
    [
      'a name that is a number',
      { name: 42 },
      ['name = 42: must be a string, not a number. Fix: pass name as a string'],
    ],
    [
      'a retention given as text',
      { name: '/orders/dev/api', retentionInDays: '90' },
      ['retentionInDays = "90": must be a number, not a string. Fix: pass retentionInDays as a number'],
    ],
    [
      'a key ARN that is not a string',
      { name: '/orders/dev/api', kmsKeyArn: ['arn:aws:kms:us-east-1:111122223333:key/1234abcd'] },
      [
        'kmsKeyArn = ["arn:aws:kms:us-east-1:111122223333:key/1234abcd"]: must be a string, not a list. Fix: pass kmsKeyArn as a string',
      ],
    ],
    [
      'tags given as a list',
      { name: '/orders/dev/api', tags: ['Team=orders'] },
      ['tags = ["Team=orders"]: must be an object, not a list. Fix: pass tags as an object'],
    ],
    [
      'several mistyped fields, each named',
      { name: 7, retentionInDays: '90', tags: 'orders' },
      [
        'name = 7: must be a string, not a number. Fix: pass name as a string',
        'retentionInDays = "90": must be a number, not a string. Fix: pass retentionInDays as a number',
        'tags = "orders": must be an object, not a string. Fix: pass tags as an object',
      ],
    ],
  ])('refuses %s', (_name, props, problems) => {
    expect(errorOf(() => build(props))).toBe(invalidMessage('test/api', ...problems));
  });
});
