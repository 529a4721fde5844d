/**
 * A VPC with a secure bucket: two AZs, one NAT gateway, flow logs, gateway endpoints, and a bucket
 * whose defaults pass the policy pack (versioned, encrypted, public access blocked, TLS only,
 * access logs to a companion bucket).
 *
 * In your project the imports read `@ml-platform/cdktf-aws/vpc`, `/s3` and `/policy`.
 */
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { applyPolicyPack } from '../../modules/policy';
import { SecureBucket } from '../../modules/s3';
import { Vpc } from '../../modules/vpc';

export class VpcWithSecureBucketStack extends TerraformStack {
  public readonly vpc: Vpc;
  public readonly bucket: SecureBucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', {
      region: 'us-east-1',
      defaultTags: [{ tags: { Project: 'orders', Environment: 'dev', ManagedBy: 'cdktf' } }],
    });

    this.vpc = new Vpc(this, 'network', {
      name: 'orders-dev',
      cidrBlock: '10.100.0.0/16',
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      region: 'us-east-1',
      natGateways: 'single',
      gatewayEndpoints: ['s3'],
    });

    // Defaults only: the companion `orders-dev-data-us-east-1-access-logs` bucket is created too.
    this.bucket = new SecureBucket(this, 'data', { bucketName: 'orders-dev-data-us-east-1' });

    new TerraformOutput(this, 'vpc_id', { value: this.vpc.vpcId, description: 'VPC id' });
    new TerraformOutput(this, 'private_subnet_ids', {
      value: this.vpc.privateSubnetIds,
      description: 'Private subnets, one per AZ',
    });
    new TerraformOutput(this, 'bucket_name', { value: this.bucket.bucketName, description: 'Data bucket' });
  }
}

/** Adds the example's stacks to `app`, each under the policy pack. */
export function build(app: App): TerraformStack[] {
  const stack = new VpcWithSecureBucketStack(app, 'example-vpc-with-secure-bucket');
  applyPolicyPack(stack);
  return [stack];
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
