import { blocks, firstBlock, str } from '../json';
import { fromProblems, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const ecsEfsTransitEncryption: PolicyRule = {
  id: 'MLM-ECS-008',
  checkovId: 'CKV_AWS_97',
  title: 'ECS task definitions encrypt EFS volumes in transit',
  rationale:
    'Without transit encryption, NFS traffic between the task and the file system crosses the VPC in ' +
    'clear text, and EFS IAM authorization (which needs TLS) cannot be used.',
  level: 'error',
  fix: 'set transit_encryption = "ENABLED" in every efs_volume_configuration (and authorization_config.iam = "ENABLED")',
  appliesTo: ['aws_ecs_task_definition'],
  check: (ctx) => {
    const efs = blocks(ctx.resource.config.volume)
      .map((v) => ({ name: str(v.name) ?? '?', efs: firstBlock(v.efs_volume_configuration) }))
      .filter((v) => v.efs !== undefined);
    if (efs.length === 0) return notApplicable('no EFS volumes');
    return fromProblems(
      efs
        .filter((v) => str(v.efs?.transit_encryption) !== 'ENABLED')
        .map(
          (v) => `EFS volume "${v.name}" has transit_encryption ${str(v.efs?.transit_encryption) ?? 'unset'}`,
        ),
    );
  },
};
