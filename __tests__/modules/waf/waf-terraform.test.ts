import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { WebAcl } from '../../../modules/waf';
import { describeWithTerraform } from '../../support/terraform-gate';
import { terraformValidate } from '../../support/terraform-validate';

/**
 * A REGIONAL web ACL with every option on (counted rules, pinned version, extra groups, custom rate
 * limit, filtered and redacted logging with a KMS key, an association) passes the real AWS
 * provider's `terraform validate`: the hand-written `statement` blocks have the shape the provider
 * expects.
 */
describeWithTerraform('waf module against the AWS provider', () => {
  const stack = new TerraformStack(Testing.app(), 'waf');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const acl = new WebAcl(stack, 'waf', {
    name: 'shop-prod',
    scope: 'REGIONAL',
    description: 'Edge protection for the shop API',
    commonRuleSet: { countRules: ['SizeRestrictions_BODY'], version: 'Version_1.12' },
    knownBadInputs: { countRules: ['Host_localhost_HEADER'] },
    ipReputation: { countOnly: true },
    rateLimit: { limit: 1000, evaluationWindowInSeconds: 120 },
    extraManagedRuleGroups: [
      { name: 'AWSManagedRulesSQLiRuleSet' },
      { name: 'AWSManagedRulesAnonymousIpList', countOnly: true },
    ],
    logging: {
      retentionInDays: 30,
      kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      redactedHeaders: ['authorization', 'cookie', 'x-api-key'],
      redactQueryString: true,
      keepOnly: ['BLOCK', 'COUNT', 'EXCLUDED_AS_COUNT'],
    },
    tags: { Team: 'edge' },
  });
  acl.associate(
    'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188',
    'alb',
  );

  it('init and validate succeed without warnings', () => {
    expect(terraformValidate(stack, 'waf')).toEqual({
      init: { status: 0, output: '' },
      valid: true,
      warnings: 0,
      diagnostics: [],
    });
  });
});
