/**
 * MLM-IAM-005 (AdministratorAccess attached): the whole outcome for literal ARNs by partition and
 * spelling, for policies looked up with `data.aws_iam_policy` by name or ARN, and for each
 * attachment argument.
 */
import { TerraformStack } from 'cdktf';
import { DataAwsIamPolicy } from '@cdktf/provider-aws/lib/data-aws-iam-policy';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { IamRolePolicyAttachmentsExclusive } from '@cdktf/provider-aws/lib/iam-role-policy-attachments-exclusive';
import { iamNoAdministratorAccess } from '../../modules/policy/rules/iam-no-administrator-access';
import { evaluate } from './helpers';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** The outcome on the attachment `a` that attaches `arn(stack)` to a role. */
function attach(arn: (s: TerraformStack) => string): Array<[string, string | undefined]> {
  return evaluate(iamNoAdministratorAccess, (s) => {
    const role = new IamRole(s, 'role', { name: 'app', assumeRolePolicy: TRUST });
    new IamRolePolicyAttachment(s, 'a', { role: role.name, policyArn: arn(s) });
  })
    .filter((e) => e.resource.type === 'aws_iam_role_policy_attachment')
    .map((e) => [e.status, e.detail]);
}

describe('MLM-IAM-005: a literal policy ARN', () => {
  it.each<[string, string, Array<[string, string | undefined]>]>([
    [
      'AdministratorAccess',
      'arn:aws:iam::aws:policy/AdministratorAccess',
      [['non-compliant', 'attaches arn:aws:iam::aws:policy/AdministratorAccess']],
    ],
    [
      'AdministratorAccess in aws-cn',
      'arn:aws-cn:iam::aws:policy/AdministratorAccess',
      [['non-compliant', 'attaches arn:aws-cn:iam::aws:policy/AdministratorAccess']],
    ],
    ['another AWS managed policy', 'arn:aws:iam::aws:policy/ReadOnlyAccess', [['compliant', undefined]]],
    [
      'a customer policy of the same name',
      'arn:aws:iam::123456789012:policy/AdministratorAccess',
      [['compliant', undefined]],
    ],
    ['a longer name', 'arn:aws:iam::aws:policy/AdministratorAccess-Amplify', [['compliant', undefined]]],
    ['text before the ARN', 'xarn:aws:iam::aws:policy/AdministratorAccess', [['compliant', undefined]]],
  ])('%s', (_name, arn, expected) => {
    expect(attach(() => arn)).toEqual(expected);
  });
});

describe('MLM-IAM-005: a policy looked up or created in the stack', () => {
  it.each<[string, (s: TerraformStack) => string, Array<[string, string | undefined]>]>([
    [
      'data.aws_iam_policy by name',
      (s) => new DataAwsIamPolicy(s, 'admin', { name: 'AdministratorAccess' }).arn,
      [['non-compliant', 'attaches ${data.aws_iam_policy.admin.arn}']],
    ],
    [
      'data.aws_iam_policy by ARN',
      (s) =>
        new DataAwsIamPolicy(s, 'admin', { arn: 'arn:aws-us-gov:iam::aws:policy/AdministratorAccess' }).arn,
      [['non-compliant', 'attaches ${data.aws_iam_policy.admin.arn}']],
    ],
    [
      'data.aws_iam_policy by another ARN',
      (s) => new DataAwsIamPolicy(s, 'ro', { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }).arn,
      [['compliant', undefined]],
    ],
    [
      'data.aws_iam_policy by a prefix of the name',
      (s) => new DataAwsIamPolicy(s, 'ro', { pathPrefix: '/', name: 'Administrator' }).arn,
      [['compliant', undefined]],
    ],
    [
      'a policy resource named AdministratorAccess (a customer policy)',
      (s) => new IamPolicy(s, 'own', { name: 'AdministratorAccess', policy: TRUST }).arn,
      [['compliant', undefined]],
    ],
  ])('%s', (_name, arn, expected) => {
    expect(attach(arn)).toEqual(expected);
  });
});

describe('MLM-IAM-005: every attachment argument', () => {
  it('reports each AdministratorAccess ARN in policy_arns, and only those', () => {
    const evaluations = evaluate(iamNoAdministratorAccess, (s) => {
      new IamRolePolicyAttachmentsExclusive(s, 'all', {
        roleName: 'app',
        policyArns: [
          'arn:aws:iam::aws:policy/ReadOnlyAccess',
          'arn:aws:iam::aws:policy/AdministratorAccess',
          'arn:aws-cn:iam::aws:policy/AdministratorAccess',
        ],
      });
    });
    expect(evaluations.map((e) => [e.resource.type, e.status, e.detail])).toEqual([
      [
        'aws_iam_role_policy_attachments_exclusive',
        'non-compliant',
        'attaches arn:aws:iam::aws:policy/AdministratorAccess; attaches arn:aws-cn:iam::aws:policy/AdministratorAccess',
      ],
    ]);
  });
});
