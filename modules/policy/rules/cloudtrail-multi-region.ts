import { isTrue } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const cloudtrailMultiRegion: PolicyRule = {
  id: 'MLM-CT-001',
  checkovId: 'CKV_AWS_67',
  title: 'CloudTrail trails record every region',
  rationale:
    'A single-region trail leaves API activity in every other region unrecorded, which is where an ' +
    'intruder with stolen credentials starts instances or creates users unnoticed; a multi-region trail ' +
    'costs nothing more for management events.',
  level: 'error',
  fix: 'set is_multi_region_trail = true (Trail: multiRegion, on by default)',
  appliesTo: ['aws_cloudtrail'],
  check: (ctx) =>
    isTrue(ctx.resource.config.is_multi_region_trail)
      ? compliant()
      : nonCompliant('is_multi_region_trail is not true'),
};
