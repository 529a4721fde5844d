import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RegistryScanning, Repository } from '../../../modules/ecr';
import { Role } from '../../../modules/iam';
import { FullStack } from '../../support/full-stack';

const ACCOUNT = '111122223333';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

/**
 * A repository with every option on (customer key, lifecycle by tag prefixes and untagged age,
 * cross-account pull, an extra policy statement, a pull-push grant), a plain mutable one without
 * lifecycle, and registry scanning rules.
 */
function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'ecr');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const repo = new Repository(stack, 'repo', {
    repositoryName: 'team/model-api',
    kmsKeyArn: KEY,
    tagPrefixes: ['v', 'release-'],
    maxTaggedImages: 10,
    untaggedImageExpirationInDays: 3,
    pullAccountIds: ['444455556666'],
    policyStatements: [
      {
        sid: 'LambdaPull',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }],
        actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] }],
      },
    ],
  });
  new Repository(stack, 'plain-repo', {
    repositoryName: 'scratch',
    encryption: 'AES256',
    imageTagMutability: 'MUTABLE',
    lifecyclePolicy: false,
  });
  new RegistryScanning(stack, 'scanning', {
    rules: [
      { repositoryFilters: ['team/*'], scanFrequency: 'CONTINUOUS_SCAN' },
      { repositoryFilters: ['*'], scanFrequency: 'SCAN_ON_PUSH' },
    ],
  });
  const ci = new Role(stack, 'ci', { name: 'ci-builder', assumedBy: ['codebuild.amazonaws.com'] });
  repo.grantPullPush(ci);
  return stack;
}

export const fullStack: FullStack = {
  name: 'ecr',
  description: 'repositories (customer key, lifecycle, cross-account pull, grants; plain), registry scanning',
  build,
  expectations: {
    'plans the lifecycle policy of the one repository that has it': (plan) => {
      expect(plan.afterOf('aws_ecr_lifecycle_policy')).toEqual([
        expect.objectContaining({ repository: 'team/model-api' }),
      ]);
    },
  },
};
