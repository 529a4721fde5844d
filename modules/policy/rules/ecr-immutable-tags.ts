import { show, str } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const ecrImmutableTags: PolicyRule = {
  id: 'MLM-ECR-001',
  checkovId: 'CKV_AWS_51',
  title: 'ECR repositories have immutable image tags',
  rationale:
    'With mutable tags, anyone allowed to push can replace the image behind a tag a deployment pinned ' +
    '(e.g. 1.4.2), and the next instance or task start runs it without any change to the infrastructure.',
  level: 'error',
  fix: 'set image_tag_mutability = "IMMUTABLE" (Repository default) and give every build a new tag',
  appliesTo: ['aws_ecr_repository'],
  check: (ctx) => {
    const mutability = str(ctx.resource.config.image_tag_mutability) ?? 'MUTABLE';
    return mutability.startsWith('IMMUTABLE')
      ? compliant(mutability)
      : nonCompliant(
          `image_tag_mutability is ${show(ctx.resource.config.image_tag_mutability ?? 'MUTABLE')}`,
        );
  },
};
