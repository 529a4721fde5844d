import { firstBlock, isTrue } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const ecrScanOnPush: PolicyRule = {
  id: 'MLM-ECR-002',
  checkovId: 'CKV_AWS_163',
  title: 'ECR repositories scan images on push',
  rationale:
    'Basic scanning on push reports known CVEs in the OS packages of every image as it arrives, at no ' +
    'cost; without it vulnerable images are deployed unnoticed. (Registry-wide enhanced scanning, when ' +
    'enabled, replaces it.)',
  level: 'warning',
  fix: 'set image_scanning_configuration { scan_on_push = true } (Repository default), or enable enhanced scanning (RegistryScanning)',
  appliesTo: ['aws_ecr_repository'],
  check: (ctx) =>
    isTrue(firstBlock(ctx.resource.config.image_scanning_configuration)?.scan_on_push)
      ? compliant()
      : nonCompliant('image_scanning_configuration.scan_on_push is not true'),
};
