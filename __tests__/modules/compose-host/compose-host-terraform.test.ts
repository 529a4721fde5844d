import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ComposeHost, ComposeHostProps } from '../../../modules/compose-host';
import { runTerraform } from '../../../review/terraform';
import { describeWithTerraform } from '../../support/terraform-gate';
import { shopProps } from './fixtures';

const TG = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/shop/0123456789abcdef';

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
    downloads: [
      { bucketName: bucket, bucketArn: 'arn:aws:s3:::shop-dev-data', prefix: 'seed/', path: 'seed' },
    ],
    embeddedMetrics: { logGroup: group },
    healthCheck: { urls: ['http://127.0.0.1:8080/health'] },
    compute: { mode: 'autoScaling', targetGroupArns: [TG], healthCheckType: 'ELB' },
    elasticIp: true,
    associatePublicIp: true,
    volumeTags: { Backup: 'daily' },
  };
}

function terraformOk(args: string[], dir: string): { status: number; out: string } {
  const r = runTerraform(args, dir);
  return { status: r.status, out: r.status === 0 ? '' : r.stderr + r.stdout };
}

/**
 * The module against the real AWS provider (init + validate), and the user data as Terraform
 * builds it: `base64gzip(join(...))` over variables standing in for references, evaluated by
 * real Terraform, gunzips to exactly what the same props render as literals.
 */
describeWithTerraform('ComposeHost with every feature, through Terraform', () => {
  const dir = mkdtempSync(join(tmpdir(), 'compose-host-tf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const literalGroup = {
    name: '/shop/dev/app',
    arn: 'arn:aws:logs:eu-west-1:111122223333:log-group:/shop/dev/app',
  };

  it('passes terraform init and validate', () => {
    const stack = new TerraformStack(Testing.app(), 'host');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const group = new CloudwatchLogGroup(stack, 'logs', { name: '/shop/dev/app', retentionInDays: 30 });
    new ComposeHost(
      stack,
      'host',
      shopProps(everyFeature('shop-dev-data', { name: group.name, arn: group.arn })),
    );
    const validateDir = join(dir, 'validate');
    mkdirSync(validateDir);
    writeFileSync(join(validateDir, 'main.tf.json'), Testing.synth(stack));
    expect(terraformOk(['init', '-backend=false', '-input=false', '-no-color'], validateDir)).toEqual({
      status: 0,
      out: '',
    });
    const validate = runTerraform(['validate', '-json', '-no-color'], validateDir);
    expect(JSON.parse(validate.stdout)).toMatchObject({ valid: true, error_count: 0 });
  });

  it('compresses to user data that gunzips to the literal rendering byte for byte', () => {
    const literal = new ComposeHost(
      new TerraformStack(Testing.app(), 'literal'),
      'host',
      shopProps(everyFeature('shop-dev-data', literalGroup)),
    );
    const synthesized = JSON.parse(
      Testing.synthScope((scope) => {
        const bucket = new TerraformVariable(scope, 'bucket', { type: 'string', default: 'shop-dev-data' });
        const group = new TerraformVariable(scope, 'group', { type: 'string', default: '/shop/dev/app' });
        new ComposeHost(
          scope,
          'host',
          shopProps(everyFeature(bucket.stringValue, { ...literalGroup, name: group.stringValue })),
        );
      }),
    ) as { variable: unknown; resource: { aws_launch_template: Record<string, { user_data: string }> } };
    const expression = Object.values(synthesized.resource.aws_launch_template)[0].user_data;
    expect(expression).toContain('var.bucket');
    expect(expression).toContain('var.group');

    const evalDir = join(dir, 'eval');
    mkdirSync(evalDir);
    writeFileSync(
      join(evalDir, 'main.tf.json'),
      JSON.stringify({ variable: synthesized.variable, output: { user_data: { value: expression } } }),
    );
    expect(terraformOk(['init', '-input=false', '-no-color'], evalDir)).toEqual({ status: 0, out: '' });
    expect(terraformOk(['apply', '-auto-approve', '-input=false', '-no-color'], evalDir)).toEqual({
      status: 0,
      out: '',
    });
    const encoded = runTerraform(['output', '-raw', 'user_data'], evalDir).stdout;
    const gzip = Buffer.from(encoded, 'base64');
    expect(gunzipSync(gzip).toString('utf8')).toBe(literal.userData);
    // Terraform's gzip (Go) and the synth-time estimate (zlib) agree within a few percent.
    expect(Math.abs(gzip.length - literal.userDataSize.gzipBytes)).toBeLessThan(
      literal.userDataSize.gzipBytes * 0.05,
    );
  });
});
