import { TerraformStack, Testing } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Role, RoleProps } from '../../../modules/iam';

const BASE: RoleProps = { name: 'svc-task', assumedBy: ['ecs-tasks.amazonaws.com'] };

function synth(props: Partial<RoleProps> = {}, after?: (r: Role) => void) {
  const stack = new TerraformStack(Testing.app(), 'test');
  const role = new Role(stack, 'role', { ...BASE, ...props });
  after?.(role);
  const text = Testing.synth(stack);
  return { role, text, json: JSON.parse(text) };
}

describe('Role', () => {
  it('trusts the service principals and creates no inline policy without grants', () => {
    const { text, json } = synth();
    expect(text).toHaveResourceWithProperties(IamRole, {
      name: 'svc-task',
      description: 'svc-task (assumed by ecs-tasks.amazonaws.com)',
      force_detach_policies: true,
      tags: { Name: 'svc-task' },
    });
    expect(json.resource.aws_iam_role_policy).toBeUndefined();
    const trust = Object.values(json.data.aws_iam_policy_document)[0] as Record<string, unknown>;
    expect(trust).toEqual({
      statement: [
        {
          sid: 'AssumeRole',
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }],
        },
      ],
    });
  });

  it('collects statements into one inline policy with unique sids, and attaches managed policies once', () => {
    const { text, role } = synth({}, (r) => {
      r.addStatements({
        sid: 'Read',
        effect: 'Allow',
        actions: ['s3:GetObject'],
        resources: ['arn:aws:s3:::b/*'],
      });
      r.addStatements({
        sid: 'Read',
        effect: 'Allow',
        actions: ['s3:ListBucket'],
        resources: ['arn:aws:s3:::b'],
      });
      r.addManagedPolicy('arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy');
      r.addManagedPolicy('arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy');
    });
    expect(text).toHaveResourceWithProperties(IamRolePolicy, { name: 'svc-task-access' });
    expect(role.policyStatements.map((s) => s.sid)).toEqual(['Read', 'Read2']);
    expect(Object.keys(JSON.parse(text).resource.aws_iam_role_policy_attachment)).toHaveLength(1);
  });

  it.each([
    ['name', { name: 'a b' }, 'must be 1-64 characters'],
    ['assumedBy', { assumedBy: [] }, 'must list at least one service principal'],
    ['assumedBy', { assumedBy: ['arn:aws:iam::123456789012:root'] }, 'not service principals'],
    ['path', { path: 'svc' }, 'is not an IAM path'],
    ['maxSessionDurationInSeconds', { maxSessionDurationInSeconds: 60 }, 'from 3600 to 43200'],
    ['permissionsBoundaryArn', { permissionsBoundaryArn: 'boundary' }, 'is not an IAM policy ARN'],
  ])('refuses a bad %s', (field, props, problem) => {
    expect(() => synth(props as Partial<RoleProps>)).toThrow(`  - ${field} = `);
    expect(() => synth(props as Partial<RoleProps>)).toThrow(problem);
  });

  it('refuses a managed policy that is not an ARN', () => {
    expect(() => synth({ managedPolicyArns: ['AdministratorAccess'] })).toThrow(
      'managedPolicyArns = "AdministratorAccess": is not an IAM managed policy ARN',
    );
  });
});
