import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const secretsmanagerRotation: PolicyRule = {
  id: 'MLM-SM-002',
  checkovId: 'CKV2_AWS_57',
  title: 'Secrets Manager secrets rotate automatically',
  rationale:
    'A secret that never changes stays valid for as long as any copy of it exists (a leaked log, a ' +
    'former colleague, a backup); rotation bounds that time. Secrets without a rotation function ' +
    '(third-party tokens) commonly accept the warning.',
  level: 'warning',
  fix:
    'add an aws_secretsmanager_secret_rotation for the secret (Secret: the rotation prop), or accept ' +
    'the warning for a secret that cannot rotate',
  appliesTo: ['aws_secretsmanager_secret'],
  check: (ctx) => {
    const rotations = ctx.stack.attachedTo(ctx.resource, 'aws_secretsmanager_secret_rotation', 'secret_id', [
      'name',
      'arn',
    ]);
    return rotations.length > 0
      ? compliant()
      : nonCompliant('no aws_secretsmanager_secret_rotation has secret_id pointing at this secret');
  },
};
