import { blocks, firstBlock, isFalse, isTrue, str } from '../json';
import { fromTemplate, instanceLaunchTemplate } from '../launch-template';
import { compliant, fromProblems, nonCompliant } from '../outcome';
import { JsonObject, PolicyRule, TfBlock } from '../types';

function device(b: JsonObject, fallback: string): string {
  return str(b.device_name) ?? fallback;
}

/** Problems with a launch template's volumes. */
function templateProblems(template: TfBlock): string[] {
  const ebs = blocks(template.config.block_device_mappings).filter((m) => firstBlock(m.ebs));
  if (ebs.length === 0) {
    return ['no block_device_mappings with ebs: volumes are encrypted only if the AMI snapshot is'];
  }
  return ebs
    .filter((m) => !isTrue(firstBlock(m.ebs)?.encrypted))
    .map((m, i) => `block_device_mappings ${device(m, `#${i + 1}`)} is not encrypted`);
}

export const ec2EbsEncryption: PolicyRule = {
  id: 'MLM-EC2-002',
  checkovId: 'CKV_AWS_8',
  title: 'EBS volumes of instances, launch templates and standalone volumes are encrypted',
  rationale:
    'Unencrypted volumes and their snapshots expose model files, Prometheus data and logs to anyone ' +
    'who can share or copy a snapshot. Encryption costs nothing and cannot be added later in place. ' +
    'An instance without its own root_block_device is judged by its launch template.',
  level: 'error',
  fix:
    'set encrypted = true on root_block_device and every ebs_block_device (launch templates: ' +
    'block_device_mappings { ebs { encrypted = "true" } }), or enable aws_ebs_encryption_by_default',
  appliesTo: ['aws_instance', 'aws_launch_template', 'aws_launch_configuration', 'aws_ebs_volume'],
  check: (ctx) => {
    const byDefault = ctx.stack
      .resources('aws_ebs_encryption_by_default')
      .some((r) => !isFalse(r.config.enabled));
    if (byDefault) return compliant('aws_ebs_encryption_by_default is enabled in this stack');
    const c = ctx.resource.config;
    if (ctx.resource.type === 'aws_ebs_volume') {
      return isTrue(c.encrypted) ? compliant() : nonCompliant('encrypted is not true');
    }
    if (ctx.resource.type === 'aws_launch_template') return fromProblems(templateProblems(ctx.resource));
    const problems: string[] = [];
    const root = firstBlock(c.root_block_device);
    const template = root ? undefined : instanceLaunchTemplate(ctx);
    if (template) {
      problems.push(...templateProblems(template).map((p) => `${p}${fromTemplate(template)}`));
    } else if (!root) {
      problems.push('no root_block_device: the root volume is encrypted only if the AMI snapshot is');
    } else if (!isTrue(root.encrypted)) {
      problems.push('root_block_device.encrypted is not true');
    }
    blocks(c.ebs_block_device).forEach((b, i) => {
      if (!isTrue(b.encrypted)) problems.push(`ebs_block_device ${device(b, `#${i + 1}`)} is not encrypted`);
    });
    return fromProblems(problems, template ? fromTemplate(template).trim() : undefined);
  },
};
