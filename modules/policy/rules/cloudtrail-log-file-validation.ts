import { isTrue } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const cloudtrailLogFileValidation: PolicyRule = {
  id: 'MLM-CT-002',
  checkovId: 'CKV_AWS_36',
  title: 'CloudTrail trails validate log file integrity',
  rationale:
    'Log file validation writes signed hourly digests, so anyone can prove later that a log file was ' +
    'not changed or deleted after delivery; without it an audit trail can be edited without a trace.',
  level: 'error',
  fix: 'set enable_log_file_validation = true (Trail always does)',
  appliesTo: ['aws_cloudtrail'],
  check: (ctx) =>
    isTrue(ctx.resource.config.enable_log_file_validation)
      ? compliant()
      : nonCompliant('enable_log_file_validation is not true'),
};
