import { firstBlock, isNonBlank, isTrue } from '../json';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';
import { STATE_BACKEND_TAG } from './state-backend-prevent-destroy';

export const dynamodbCustomerManagedKey: PolicyRule = {
  id: 'MLM-DDB-003',
  checkovId: 'CKV_AWS_119',
  title: 'DynamoDB tables are encrypted with a customer-managed KMS key (kms_key_arn set)',
  rationale:
    'The AWS-managed aws/dynamodb key (MLM-DDB-002) records every use in CloudTrail, but its key policy ' +
    'can not be changed: every principal of the account with DynamoDB access can decrypt. A customer ' +
    'key adds a key policy of its own and the option to revoke access; it costs USD 1 a month, so this ' +
    `is a warning. Terraform state lock tables (tagged ${STATE_BACKEND_TAG.key} = ${STATE_BACKEND_TAG.value}) ` +
    'are exempt: they hold lock ids and checksums, never state.',
  level: 'warning',
  fix: 'set server_side_encryption { enabled = true, kms_key_arn = <key ARN> } (Table: kmsKeyArn), or suppress with the reason',
  appliesTo: ['aws_dynamodb_table'],
  check: (ctx) => {
    if (ctx.stack.effectiveTags(ctx.resource)[STATE_BACKEND_TAG.key] === STATE_BACKEND_TAG.value) {
      return notApplicable('state lock table: lock ids and checksums only');
    }
    const sse = firstBlock(ctx.resource.config.server_side_encryption);
    if (isTrue(sse?.enabled) && isNonBlank(sse?.kms_key_arn)) return compliant();
    return nonCompliant(
      isTrue(sse?.enabled) ? 'uses the AWS-managed key aws/dynamodb' : 'uses the AWS-owned key',
    );
  },
};
