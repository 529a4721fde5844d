import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Secret } from '../../../modules/secrets';
import { Role } from '../../../modules/iam';
import { FullStack } from '../../support/full-stack';

const EU_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/9999abcd-12ab-34cd-56ef-1234567890ab';

/**
 * Secret with every feature on: created key with reader principals, a replica, Lambda rotation,
 * a generated JSON value through the ephemeral password and `secret_string_wo`. Terraform 1.11
 * validates it and plans it offline: the ephemeral resource is not opened while the secret does
 * not exist, and nothing of the value reaches the plan or the state.
 */
export function buildSecretsFullStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'secrets');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const rotator = new Role(stack, 'rotator', { name: 'token-rotator', assumedBy: ['lambda.amazonaws.com'] });
  const secret = new Secret(stack, 'api-token', {
    secretName: 'app/prod/api-token',
    description: 'API token of the scoring service',
    readerPrincipalArns: ['arn:aws:iam::111122223333:role/scorer'],
    replicas: [{ region: 'eu-west-1', kmsKeyArn: EU_KEY }],
    rotation: {
      rotationLambdaArn: 'arn:aws:lambda:us-east-1:111122223333:function:rotate-token',
      schedule: { scheduleExpression: 'rate(30 days)', windowInHours: 4 },
    },
    generateSecretString: {
      passwordLength: 48,
      excludeCharacters: '"\'@/\\${}%',
      secretStringTemplate: { username: 'scorer', host: 'db.internal' },
    },
    tags: { Service: 'scoring' },
  });
  secret.grantRotate(rotator);

  return stack;
}

export const fullStack: FullStack = {
  name: 'secrets',
  description: 'secret with a created key, a replica, Lambda rotation and a generated write-only value',
  build: buildSecretsFullStack,
  expectations: {
    'plans the value as write-only: no secret_string, only the version number': (plan) => {
      expect(plan.afterOf('aws_secretsmanager_secret_version')).toEqual([
        expect.objectContaining({ secret_string: null, secret_string_wo: null, secret_string_wo_version: 1 }),
      ]);
      expect(JSON.stringify(plan.changes)).not.toContain('"secret_string_wo":"');
    },
  },
};
