import { firstBlock, isTrue } from '../json';
import { fromProblems, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

/**
 * The tag that marks the Terraform state backend's resources (state bucket, lock table, their KMS
 * key), on the resource or through the AWS provider's `default_tags`.
 */
export const STATE_BACKEND_TAG = { key: 'Purpose', value: 'terraform-state' } as const;

export const stateBackendPreventDestroy: PolicyRule = {
  id: 'MLM-STATE-001',
  title: `State-backend resources (tagged ${STATE_BACKEND_TAG.key} = ${STATE_BACKEND_TAG.value}) can't be destroyed by Terraform`,
  rationale:
    'Deleting the state bucket, lock table or state key loses the state of every stack: Terraform ' +
    'then no longer knows what it manages. prevent_destroy makes any plan that would delete them fail; ' +
    'force_destroy = false and DynamoDB deletion protection cover deletes outside Terraform.',
  level: 'error',
  fix:
    'set lifecycle { prevent_destroy = true }; on the bucket leave force_destroy false; on the table set ' +
    'deletion_protection_enabled = true',
  appliesTo: ['aws_s3_bucket', 'aws_dynamodb_table', 'aws_kms_key'],
  check: (ctx) => {
    const tags = ctx.stack.effectiveTags(ctx.resource);
    if (tags[STATE_BACKEND_TAG.key] !== STATE_BACKEND_TAG.value)
      return notApplicable('not a state-backend resource');
    const c = ctx.resource.config;
    const problems: string[] = [];
    if (!isTrue(firstBlock(c.lifecycle)?.prevent_destroy))
      problems.push('lifecycle.prevent_destroy is not true');
    if (ctx.resource.type === 'aws_s3_bucket' && isTrue(c.force_destroy))
      problems.push('force_destroy is true');
    if (ctx.resource.type === 'aws_dynamodb_table' && !isTrue(c.deletion_protection_enabled)) {
      problems.push('deletion_protection_enabled is not true');
    }
    return fromProblems(problems);
  },
};
