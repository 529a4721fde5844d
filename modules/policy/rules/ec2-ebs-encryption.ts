import { blocks, firstBlock, isFalse, isTrue, str } from '../json';
import { compliant, fromProblems, nonCompliant } from '../outcome';
import { JsonObject, PolicyRule } from '../types';

function device(b: JsonObject, fallback: string): string {
  return str(b.device_name) ?? fallback;
}

export const ec2EbsEncryption: PolicyRule = {
  id: 'MLM-EC2-002',
  checkovId: 'CKV_AWS_8',
  title: 'EBS volumes of instances, launch templates and standalone volumes are encrypted',
  rationale:
    'Unencrypted volumes and their snapshots expose model files, Prometheus data and logs to anyone ' +
    'who can share or copy a snapshot. Encryption costs nothing and cannot be added later in place.',
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
    switch (ctx.resource.type) {
      case 'aws_ebs_volume':
        return isTrue(c.encrypted) ? compliant() : nonCompliant('encrypted is not true');
      case 'aws_launch_template': {
        const ebs = blocks(c.block_device_mappings).filter((m) => firstBlock(m.ebs));
        if (ebs.length === 0) {
          return nonCompliant('no block_device_mappings with ebs: volumes are encrypted only if the AMI snapshot is');
        }
        return fromProblems(
          ebs
            .filter((m) => !isTrue(firstBlock(m.ebs)?.encrypted))
            .map((m, i) => `block_device_mappings ${device(m, `#${i + 1}`)} is not encrypted`),
        );
      }
      default: {
        const problems: string[] = [];
        const root = firstBlock(c.root_block_device);
        if (!root || !isTrue(root.encrypted)) {
          problems.push(
            root
              ? 'root_block_device.encrypted is not true'
              : 'no root_block_device: the root volume is encrypted only if the AMI snapshot is',
          );
        }
        blocks(c.ebs_block_device).forEach((b, i) => {
          if (!isTrue(b.encrypted)) problems.push(`ebs_block_device ${device(b, `#${i + 1}`)} is not encrypted`);
        });
        return fromProblems(problems);
      }
    }
  },
};
