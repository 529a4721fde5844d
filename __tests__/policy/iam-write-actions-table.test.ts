/**
 * MLM-IAM-003 (write actions on Resource "*"): which actions are writes, which cannot be scoped to a
 * resource, and the whole outcome for statements by effect, resource and condition.
 */
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import {
  RESOURCE_UNSCOPED_ACTIONS,
  iamNoWildcardResourceForWrite,
  isResourceUnscopedAction,
  isWriteAction,
} from '../../modules/policy/rules/iam-no-wildcard-resource-for-write';
import { evaluate } from './helpers';

describe('isWriteAction', () => {
  it.each<[string, boolean]>([
    ['*', true],
    ['s3:PutObject', true],
    ['s3:GetObject', false],
    ['dynamodb:BatchWriteItem', true],
    ['dynamodb:BatchGetItem', false],
    ['dynamodb:batchwriteitem', true],
    ['s3:*', true],
    ['s3:Put*', true],
    ['s3:P*', true],
    ['s3:Get*', false],
    ['s3:Describe?', false],
    ['s3:?utObject', true],
    ['ec2:Re', false],
    ['logs:Ru', false],
    ['sns:Publish', true],
    [':PutObject', true],
    ['PutObject', false],
    ['', false],
  ])('%s: %s', (action, write) => {
    expect(isWriteAction(action)).toBe(write);
  });
});

describe('isResourceUnscopedAction', () => {
  it.each(RESOURCE_UNSCOPED_ACTIONS.map((a) => [a]))('%s is exempt', (action) => {
    expect([isResourceUnscopedAction(action), isResourceUnscopedAction(action.toUpperCase())]).toEqual([
      true,
      true,
    ]);
  });

  it.each<[string, boolean]>([
    ['ssmmessages:OpenDataChannel', true],
    ['ec2messages:SendReply', true],
    ['xray:PutTraceSegments', true],
    ['XRay:PutTelemetryRecords', true],
    ['ssm:PutParameter', false],
    ['cloudwatch:PutMetricAlarm', false],
    ['logs:DescribeLogStreams', false],
    ['xrays:Put', false],
  ])('%s: %s', (action, exempt) => {
    expect(isResourceUnscopedAction(action)).toBe(exempt);
  });
});

describe('MLM-IAM-003 outcome on one policy statement', () => {
  const outcome = (statement: Record<string, unknown>) =>
    evaluate(iamNoWildcardResourceForWrite, (s) => {
      new IamPolicy(s, 'p', {
        name: 'p',
        policy: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }),
      });
    }).map((e) => [e.status, e.detail]);

  it.each<[string, Record<string, unknown>, Array<[string, string | undefined]>]>([
    [
      'writes and reads on "*"',
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 'sns:Publish'], Resource: '*' },
      [['non-compliant', 'policy statement #1 allows s3:PutObject, sns:Publish on Resource "*"']],
    ],
    [
      'exempt writes on "*"',
      { Effect: 'Allow', Action: ['cloudwatch:PutMetricData', 'xray:PutTraceSegments'], Resource: '*' },
      [['compliant', undefined]],
    ],
    [
      'writes on a bucket',
      { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' },
      [['compliant', undefined]],
    ],
    [
      'a Deny of writes on "*"',
      { Effect: 'Deny', Action: 's3:PutObject', Resource: '*' },
      [['compliant', undefined]],
    ],
    [
      'writes on "*" scoped by a resource tag',
      {
        Effect: 'Allow',
        Action: 'ec2:StopInstances',
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceTag/team': 'ml' } },
      },
      [['compliant', undefined]],
    ],
    [
      'writes on "*" scoped by a request tag of a service key',
      {
        Effect: 'Allow',
        Action: 'ec2:CreateTags',
        Resource: '*',
        Condition: { StringEquals: { 'ec2:RequestTag/team': 'ml' } },
      },
      [['compliant', undefined]],
    ],
    [
      'writes on "*" with a condition that names a tag key in the middle',
      {
        Effect: 'Allow',
        Action: 'ec2:StopInstances',
        Resource: '*',
        Condition: { StringEquals: { 'x/aws:ResourceTag/team': 'ml' } },
      },
      [['non-compliant', 'policy statement #1 allows ec2:StopInstances on Resource "*"']],
    ],
    [
      'writes on "*" with another condition',
      {
        Effect: 'Allow',
        Action: 'ec2:StopInstances',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalTag/team': 'ml' } },
      },
      [['non-compliant', 'policy statement #1 allows ec2:StopInstances on Resource "*"']],
    ],
  ])('%s', (_name, statement, expected) => {
    expect(outcome(statement)).toEqual(expected);
  });
});
