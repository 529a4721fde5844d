import { firstBlock, isNonBlank, isTrue } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const dynamodbEncryption: PolicyRule = {
  id: 'MLM-DDB-002',
  title: 'DynamoDB tables use KMS server-side encryption (server_side_encryption.enabled = true)',
  rationale:
    'Tables are always encrypted, but by default with an AWS-owned key that is invisible in the ' +
    'account; KMS encryption (the AWS-managed aws/dynamodb key, or a customer key via kms_key_arn) ' +
    'puts every use of the key in CloudTrail. A customer key is checked separately (MLM-DDB-003, ' +
    'checkov CKV_AWS_119).',
  level: 'error',
  fix: 'set server_side_encryption { enabled = true } (and kms_key_arn for a customer-managed key)',
  appliesTo: ['aws_dynamodb_table'],
  check: (ctx) => {
    const sse = firstBlock(ctx.resource.config.server_side_encryption);
    if (!isTrue(sse?.enabled)) return nonCompliant('server_side_encryption.enabled is not true');
    return compliant(isNonBlank(sse?.kms_key_arn) ? 'customer-managed key' : 'AWS-managed key aws/dynamodb');
  },
};
