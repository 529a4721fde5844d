import { firstBlock, isNonBlank } from '../json';
import { fromTemplate, instanceLaunchTemplate } from '../launch-template';
import { compliant, nonCompliant } from '../outcome';
import { Json, PolicyRule } from '../types';
import { LAUNCH_TYPES } from './ec2-imdsv2-required';

/** A launch template's `iam_instance_profile { name | arn }`. */
function templateHasProfile(profile: Json | undefined): boolean {
  const b = firstBlock(profile);
  return b !== undefined && (isNonBlank(b.name) || isNonBlank(b.arn));
}

export const ec2InstanceProfile: PolicyRule = {
  id: 'MLM-EC2-005',
  checkovId: 'CKV2_AWS_41',
  title: 'Instances and launch templates have an IAM instance profile',
  rationale:
    'Without a role, software on the instance needs long-lived access keys (for S3, CloudWatch, SSM); ' +
    'an instance profile gives it short-lived, scoped credentials and enables SSM Session Manager.',
  level: 'error',
  fix: 'set iam_instance_profile (launch templates: iam_instance_profile { name = ... } or { arn = ... })',
  appliesTo: LAUNCH_TYPES,
  check: (ctx) => {
    const profile = ctx.resource.config.iam_instance_profile;
    if (ctx.resource.type === 'aws_launch_template') {
      return templateHasProfile(profile)
        ? compliant()
        : nonCompliant('iam_instance_profile has neither name nor arn');
    }
    if (isNonBlank(profile)) return compliant();
    const template = instanceLaunchTemplate(ctx);
    if (template && templateHasProfile(template.config.iam_instance_profile)) {
      return compliant(fromTemplate(template).trim());
    }
    return nonCompliant(
      `iam_instance_profile is not set${template ? ' here or in its launch template' : ''}`,
    );
  },
};
