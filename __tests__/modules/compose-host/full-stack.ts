import { gunzipSync } from 'node:zlib';
import { App, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ComposeHost, ComposeHostProps } from '../../../modules/compose-host';
import { FullStack } from '../../support/full-stack';
import { shopProps } from './fixtures';

const TG = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/shop/0123456789abcdef';
const BUCKET = 'shop-dev-data';
const LOG_GROUP = {
  name: '/shop/dev/app',
  arn: 'arn:aws:logs:eu-west-1:111122223333:log-group:/shop/dev/app',
};

/** Every feature on: given log groups, secrets, downloads, EMF, ELB health, Elastic IP, ECR. */
function everyFeature(bucket: string, group: { name: string; arn: string }): Partial<ComposeHostProps> {
  return {
    compose: {
      services: {
        ...shopProps().compose.services,
        api: { image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/api:2.0.1', ports: ['80:8080'] },
      },
    },
    files: [{ path: 'conf/app.yml', content: 'a: 1' }],
    logGroups: { db: group, api: group },
    secrets: [{ parameterName: '/shop/dev/db/password', envFile: 'db.env', variable: 'POSTGRES_PASSWORD' }],
    downloads: [{ bucketName: bucket, bucketArn: `arn:aws:s3:::${BUCKET}`, prefix: 'seed/', path: 'seed' }],
    embeddedMetrics: { logGroup: group },
    healthCheck: { urls: ['http://127.0.0.1:8080/health'] },
    compute: { mode: 'autoScaling', targetGroupArns: [TG], healthCheckType: 'ELB' },
    elasticIp: true,
    associatePublicIp: true,
    volumeTags: { Backup: 'daily' },
  };
}

/**
 * The host with every feature on. The bucket name (a variable with a default) and the log group
 * name (a resource attribute set in configuration) are references that Terraform resolves at
 * plan time, so the plan holds the user data as Terraform builds it: `base64gzip(join(...))`
 * over the rendered parts and those values.
 */
function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'compose-host');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const bucket = new TerraformVariable(stack, 'data-bucket', { type: 'string', default: BUCKET });
  const group = new CloudwatchLogGroup(stack, 'logs', { name: LOG_GROUP.name, retentionInDays: 30 });
  new ComposeHost(
    stack,
    'host',
    shopProps(everyFeature(bucket.stringValue, { name: group.name, arn: group.arn })),
  );
  return stack;
}

/** The same host with literal names: the user data rendered at synth time. */
function literalHost(): ComposeHost {
  return new ComposeHost(
    new TerraformStack(Testing.app(), 'literal'),
    'host',
    shopProps(everyFeature(BUCKET, LOG_GROUP)),
  );
}

export const fullStack: FullStack = {
  name: 'compose-host',
  description: 'Compose host with log groups, secrets, downloads, EMF, ELB health, Elastic IP, ECR',
  build,
  expectations: {
    'compresses to user data that gunzips to the literal rendering byte for byte': (plan) => {
      const [expression] = Object.values(plan.synthesized.resource?.aws_launch_template ?? {}).map(
        (t) => t.user_data as string,
      );
      // The check means something only if Terraform had references to resolve.
      expect(expression).toContain('var.data-bucket');
      expect(expression).toContain('aws_cloudwatch_log_group.logs.name');
      const [template] = plan.afterOf('aws_launch_template');
      const gzip = Buffer.from(template.user_data as string, 'base64');
      const literal = literalHost();
      expect(gunzipSync(gzip).toString('utf8')).toBe(literal.userData);
      // Terraform's gzip (Go) and the synth-time estimate (zlib) agree within a few percent.
      expect(Math.abs(gzip.length - literal.userDataSize.gzipBytes)).toBeLessThan(
        literal.userDataSize.gzipBytes * 0.05,
      );
    },
  },
};
