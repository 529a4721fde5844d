import { checkIdentityPolicies, IDENTITY_POLICY_TYPES, PolicyStatement } from '../iam-policy';
import { PolicyRule } from '../types';

/**
 * Verbs that start the name of an action that changes something. An action whose name (after an
 * optional `Batch`) starts with one of these is a write; everything else (Get, List, Describe, Head,
 * Query, Scan, Lookup, Search, ...) is read-only. A wildcard such as `s3:Put*` or `s3:*` counts as a
 * write when it can match one of these verbs.
 */
// prettier-ignore
export const WRITE_VERBS: readonly string[] = [
  'Abort', 'Accept', 'Add', 'Allocate', 'Apply', 'Assign', 'Associate', 'Attach', 'Authorize', 'Cancel',
  'Change', 'Complete', 'Copy', 'Create', 'Deactivate', 'Delete', 'Deregister', 'Detach', 'Disable',
  'Disassociate', 'Enable', 'Execute', 'Export', 'Import', 'Invoke', 'Modify', 'Move', 'Pass', 'Publish',
  'Purge', 'Put', 'Reboot', 'Register', 'Reject', 'Release', 'Remove', 'Replace', 'Reset', 'Restore',
  'Revoke', 'Rotate', 'Run', 'Schedule', 'Send', 'Set', 'Start', 'Stop', 'Subscribe', 'Tag', 'Terminate',
  'Unassign', 'Unsubscribe', 'Untag', 'Update', 'Upload', 'Write',
];

/**
 * Write actions that do not support resource-level permissions: IAM only accepts `"Resource": "*"`
 * for them, so they are exempt. (Read-only actions such as logs:DescribeLogGroups are exempt anyway.)
 */
export const RESOURCE_UNSCOPED_ACTIONS: readonly string[] = [
  'cloudwatch:PutMetricData',
  // Deploy pipelines register ECS task definition revisions; the action has no resource type.
  'ecs:RegisterTaskDefinition',
  'logs:DescribeLogGroups',
  'ssm:UpdateInstanceInformation',
  'ssm:UpdateInstanceAssociationStatus',
  'ssm:UpdateAssociationStatus',
  'ssm:PutInventory',
  'ssm:PutComplianceItems',
  'ssm:PutConfigurePackageResult',
];

/** Services none of whose actions support resource-level permissions (SSM agent channels, X-Ray). */
export const RESOURCE_UNSCOPED_SERVICES: readonly string[] = ['ec2messages', 'ssmmessages', 'xray'];

/** Condition keys that scope a `"Resource": "*"` statement by tag (attribute-based access control). */
const TAG_CONDITION_RE = /^[a-z0-9-]+:(ResourceTag|RequestTag)\//i;

export function isResourceUnscopedAction(action: string): boolean {
  const [service] = action.toLowerCase().split(':');
  return (
    RESOURCE_UNSCOPED_SERVICES.includes(service) ||
    RESOURCE_UNSCOPED_ACTIONS.some((a) => a.toLowerCase() === action.toLowerCase())
  );
}

/** True when the action (or action pattern) can change something; see {@link WRITE_VERBS}. */
export function isWriteAction(action: string): boolean {
  if (action === '*') return true;
  const colon = action.indexOf(':');
  if (colon < 0) return false;
  const name = action
    .slice(colon + 1)
    .replace(/^Batch/i, '')
    .toLowerCase();
  const wildcard = name.search(/[*?]/);
  if (wildcard < 0) return WRITE_VERBS.some((v) => name.startsWith(v.toLowerCase()));
  const prefix = name.slice(0, wildcard);
  return WRITE_VERBS.some((v) => v.toLowerCase().startsWith(prefix) || prefix.startsWith(v.toLowerCase()));
}

function unscopedWrites(st: PolicyStatement): string[] {
  if (st.effect !== 'Allow' || !st.resources.includes('*')) return [];
  if (st.conditions.some((c) => TAG_CONDITION_RE.test(c.variable))) return [];
  return st.actions.filter((a) => isWriteAction(a) && !isResourceUnscopedAction(a));
}

export const iamNoWildcardResourceForWrite: PolicyRule = {
  id: 'MLM-IAM-003',
  checkovId: 'CKV_AWS_355',
  title: 'No IAM policy allows write actions on Resource "*"',
  rationale:
    'A write permission on every resource lets a compromised instance delete or overwrite any bucket, ' +
    'table or log group in the account, not only its own. Actions that IAM cannot scope to a resource ' +
    '(cloudwatch:PutMetricData, the SSM agent and X-Ray calls) are exempt, as are statements scoped by ' +
    'an aws:ResourceTag / aws:RequestTag condition.',
  level: 'error',
  fix: 'set Resource to the ARNs the workload writes to (e.g. "<bucket ARN>/models/*"), or add a tag condition',
  appliesTo: IDENTITY_POLICY_TYPES,
  check: (ctx) =>
    checkIdentityPolicies(ctx, (st) => {
      const writes = unscopedWrites(st);
      return writes.length > 0 ? `allows ${writes.join(', ')} on Resource "*"` : undefined;
    }),
};
