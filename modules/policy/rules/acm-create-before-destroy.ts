import { firstBlock, isTrue } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const acmCreateBeforeDestroy: PolicyRule = {
  id: 'MLM-ACM-001',
  checkovId: 'CKV_AWS_233',
  title: 'ACM certificates are replaced create-before-destroy',
  rationale:
    "Changing a certificate's names or key algorithm replaces it. Destroy-first fails while a listener " +
    'uses the old certificate ("ResourceInUse"), or, where it succeeds, leaves the listener without one; ' +
    'create-before-destroy issues the new certificate and moves the listener over first.',
  level: 'warning',
  fix: 'add lifecycle { create_before_destroy = true } (Certificate does)',
  appliesTo: ['aws_acm_certificate'],
  check: (ctx) =>
    isTrue(firstBlock(ctx.resource.config.lifecycle)?.create_before_destroy)
      ? compliant()
      : nonCompliant('lifecycle.create_before_destroy is not true'),
};
