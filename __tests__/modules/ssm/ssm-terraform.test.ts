import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Role } from '../../../modules/iam';
import { StringParameter } from '../../../modules/ssm';
import { describeWithTerraform } from '../../support/terraform-gate';
import { terraformValidate } from '../../support/terraform-validate';

/** Every option of StringParameter against the real AWS provider: init and validate. */
describeWithTerraform('ssm StringParameter against the AWS provider', () => {
  const stack = new TerraformStack(Testing.app(), 'ssm');
  new AwsProvider(stack, 'aws', { region: 'us-west-2' });
  const root = new StringParameter(stack, 'artifact-root', {
    name: '/mlcicd/dev/mlflow/artifact-root',
    value: 's3://bucket/artifacts',
    description: 'MLflow artifact root',
    allowedPattern: '^s3://.+',
  });
  new StringParameter(stack, 'large', {
    name: '/mlcicd/dev/large',
    value: 'x'.repeat(5000),
    tier: 'Advanced',
  });
  const reader = new Role(stack, 'reader', {
    name: 'mlcicd-dev-reader',
    assumedBy: ['ecs-tasks.amazonaws.com'],
  });
  root.grantRead(reader);

  it('init and validate succeed without warnings', () => {
    expect(terraformValidate(stack, 'ssm')).toEqual({
      init: { status: 0, output: '' },
      valid: true,
      warnings: 0,
      diagnostics: [],
    });
  });
});
