import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Role } from '../../../modules/iam';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { CloudFrontAlarms } from '../../../modules/monitoring';
import { MANAGED_ORIGIN_REQUEST_POLICIES, StaticSite } from '../../../modules/static-site';
import { WebAcl } from '../../../modules/waf';
import { describeWithTerraform } from '../../support/terraform-gate';
import { terraformValidate } from '../../support/terraform-validate';

/**
 * Two sites with every feature on, in a stack whose default provider is eu-west-1: a custom domain,
 * a CLOUDFRONT web ACL, custom headers, geo restriction, standard logging v2 to S3 (one site) and
 * to CloudWatch Logs (the other) through a us-east-1 provider, CloudFront alarms in us-east-1 and
 * a deploy role. The real AWS provider's `terraform validate` accepts all of it.
 */
describeWithTerraform('static-site module against the AWS provider', () => {
  const stack = new TerraformStack(Testing.app(), 'site');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const use1 = new AwsProvider(stack, 'use1', { alias: 'use1', region: 'us-east-1' });
  const waf = new WebAcl(stack, 'waf', { name: 'shop-edge', scope: 'CLOUDFRONT', provider: use1 });
  const site = new StaticSite(stack, 'site', {
    name: 'shop',
    bucketName: 'shop-web-validate',
    domain: {
      domainNames: ['www.example.com', 'example.com'],
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
    },
    webAclArn: waf.webAclArn,
    securityHeaders: {
      hstsPreload: true,
      frameOptions: 'SAMEORIGIN',
      contentSecurityPolicy: "default-src 'self'",
    },
    geoRestriction: { type: 'deny', countries: ['KP'] },
    originRequestPolicyId: MANAGED_ORIGIN_REQUEST_POLICIES.CorsS3Origin,
    priceClass: 'PriceClass_200',
    accessLogs: { outputFormat: 'parquet' },
    logRetentionInDays: 30,
    usEast1Provider: use1,
    tags: { Team: 'web' },
  });
  new StaticSite(stack, 'docs', {
    name: 'docs',
    bucketName: 'docs-web-validate',
    spaFallback: false,
    accessLogs: { destination: 'cloudWatchLogs' },
    logBucket: site.logBucket,
    usEast1Provider: use1,
  });
  // CloudWatch alarms notify topics of their own region only: the alarm topic lives in us-east-1 too.
  const topic = new SnsTopic(stack, 'alarms', {
    provider: use1,
    name: 'shop-cloudfront-alarms',
    kmsMasterKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  });
  new CloudFrontAlarms(stack, 'cloudfront-alarms', {
    name: 'shop',
    distributionId: site.distributionId,
    topicArn: topic.arn,
    provider: use1,
    error4xxRatePercent: 20,
  });
  site.grantDeploy(
    new Role(stack, 'deployer', { name: 'shop-deployer', assumedBy: ['codebuild.amazonaws.com'] }),
  );

  it('init and validate succeed without warnings', () => {
    expect(terraformValidate(stack, 'static-site')).toEqual({
      init: { status: 0, output: '' },
      valid: true,
      warnings: 0,
      diagnostics: [],
    });
  });
});
