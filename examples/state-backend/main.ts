/**
 * A state backend for another project: the bootstrap stack (S3 state bucket with its access-log
 * bucket, DynamoDB lock table, both with prevent_destroy) and an application stack whose state
 * lives in that bucket, under its own key, with the S3-native lock.
 *
 * Deploy `billing-bootstrap` once per account (it starts on local state), then every other stack
 * finds its state in the bucket. In your project the imports read `@ml-platform/cdktf-aws/backend`.
 */
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { StateBackendBootstrapStack, StateBackendSettings, configureStateBackend } from '../../backend';
import { applyPolicyPack } from '../../modules/policy';
import { SecureBucket } from '../../modules/s3';

/** Where every stack of the project keeps its state: data, validated where it is read. */
export const STATE_BACKEND: StateBackendSettings = {
  bucket: 'billing-terraform-state-111122223333',
  lockTable: 'billing-terraform-locks',
  region: 'eu-west-1',
  keyPrefix: 'billing/',
  // S3-native locking (Terraform >= 1.10); the table still exists for older clients.
  locking: 'lockfile',
};

/** An application stack of the project, on the shared backend. */
export class BillingStack extends TerraformStack {
  constructor(scope: Construct, id: string, settings: StateBackendSettings) {
    super(scope, id);
    configureStateBackend(this, settings); // key: billing/<stack id>/terraform.tfstate
    new AwsProvider(this, 'aws', { region: settings.region });
    new SecureBucket(this, 'invoices', { bucketName: 'billing-dev-invoices-eu-west-1' });
  }
}

/** Adds the example's stacks to `app`, each under the policy pack. */
export function build(app: App): TerraformStack[] {
  const bootstrap = new StateBackendBootstrapStack(app, 'example-billing-bootstrap', {
    settings: STATE_BACKEND,
    tags: { Project: 'billing', Owner: 'platform-team', ManagedBy: 'cdktf' },
  });
  const dev = new BillingStack(app, 'example-billing-dev', STATE_BACKEND);
  for (const stack of [bootstrap, dev]) applyPolicyPack(stack);
  return [bootstrap, dev];
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
