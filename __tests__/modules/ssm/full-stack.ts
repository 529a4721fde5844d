import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Role } from '../../../modules/iam';
import { StringParameter } from '../../../modules/ssm';
import { FullStack } from '../../support/full-stack';

/** Every option of StringParameter: description, allowed pattern, the Advanced tier, a read grant. */
function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'ssm');
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
  return stack;
}

export const fullStack: FullStack = {
  name: 'ssm',
  description: 'String parameters: allowed pattern, the Advanced tier for a 5,000-character value, a grant',
  build,
};
