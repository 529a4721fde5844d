import { firstBlock, isNonBlank, isTrue } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const dynamodbCustomerManagedKey: PolicyRule = {
  id: 'MLM-DDB-003',
  checkovId: 'CKV_AWS_119',
  title: 'DynamoDB tables are encrypted with a customer-managed KMS key (kms_key_arn set)',
  rationale:
    'The AWS-managed aws/dynamodb key (MLM-DDB-002) records every use in CloudTrail, but its key policy ' +
    'can not be changed: every principal of the account with DynamoDB access can decrypt. A customer ' +
    'key adds a key policy of its own and the option to revoke access; it costs USD 1 a month, so this ' +
    'is a warning.',
  level: 'warning',
  fix: 'set server_side_encryption { enabled = true, kms_key_arn = <key ARN> } (Table: kmsKeyArn), or suppress with the reason',
  appliesTo: ['aws_dynamodb_table'],
  check: (ctx) => {
    const sse = firstBlock(ctx.resource.config.server_side_encryption);
    if (isTrue(sse?.enabled) && isNonBlank(sse?.kms_key_arn)) return compliant();
    return nonCompliant(
      isTrue(sse?.enabled) ? 'uses the AWS-managed key aws/dynamodb' : 'uses the AWS-owned key',
    );
  },
};
