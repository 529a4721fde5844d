/**
 * The policy pack on a stack that was written without this library: raw provider resources, as
 * most existing CDKTF projects have them. `applyPolicyPack(stack)` is the only change the pack
 * needs; synthesis then fails on every error-level finding, with the rule, the construct path, the
 * Terraform address and the fix.
 *
 * This stack passes: its table is encrypted with point-in-time recovery, its log group keeps
 * events 30 days, and the one warning that remains (no customer managed key on the log group) is
 * suppressed with a written reason, which the pack lists at every synth.
 *
 * In your project the imports read `@ml-platform/cdktf-aws/policy`.
 */
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { ALL_RULES, PolicyRule, PolicySuppressions, applyPolicyPack } from '../../modules/policy';

/** An existing stack: plain provider resources, no construct from this library. */
export class ExistingStack extends TerraformStack {
  public readonly table: DynamodbTable;
  public readonly auditLog: CloudwatchLogGroup;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'eu-west-1' });
    this.table = new DynamodbTable(this, 'sessions', {
      name: 'billing-dev-sessions',
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'id',
      attribute: [{ name: 'id', type: 'S' }],
      // Both required by the pack (MLM-DDB-001 encryption, MLM-DDB-002 point-in-time recovery).
      serverSideEncryption: { enabled: true },
      pointInTimeRecovery: { enabled: true },
    });
    this.auditLog = new CloudwatchLogGroup(this, 'audit-log', {
      name: '/billing/dev/audit',
      retentionInDays: 30,
    });
  }
}

/**
 * A rule of your own, next to the built-in ones: log groups of this project are named
 * `/billing/...`, so subscriptions and IAM conditions can match them by prefix.
 */
export const logGroupPrefix: PolicyRule = {
  id: 'BILLING-LOG-001',
  title: 'Log groups are named /billing/...',
  rationale: 'One prefix lets log subscriptions and IAM conditions match every group of the project.',
  level: 'error',
  fix: 'name the log group /billing/<environment>/<what>',
  appliesTo: ['aws_cloudwatch_log_group'],
  check: ({ resource }) => {
    const name = resource.config.name;
    return typeof name === 'string' && name.startsWith('/billing/')
      ? 'compliant'
      : { status: 'non-compliant', detail: `name is ${JSON.stringify(name)}` };
  },
};

/** Adds the example's stacks to `app`, each under the policy pack. */
export function build(app: App): TerraformStack[] {
  const stack = new ExistingStack(app, 'example-policy-pack-existing-stack');
  PolicySuppressions.add(stack.auditLog, [
    {
      id: 'MLM-LOG-002',
      reason:
        'Audit events hold request ids and outcomes only, no personal data; CloudWatch Logs encrypts ' +
        'them at rest with its own key, and a customer managed key ($1/month) buys nothing here.',
    },
  ]);
  applyPolicyPack(stack, { rules: [...ALL_RULES, logGroupPrefix] });
  return [stack];
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
