import { isNonBlank } from '../json';
import { domainBlock, OPENSEARCH_DOMAIN_TYPES } from '../opensearch';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const opensearchNoMasterPassword: PolicyRule = {
  id: 'MLM-OS-014',
  title: 'OpenSearch master users are IAM principals, not a password in Terraform (stored in state)',
  rationale:
    'master_user_password (internal user database) has no write-only form in the AWS provider, so ' +
    'Terraform stores the all-powerful master password in state in clear text. An IAM role as master ' +
    '(master_user_arn) has no password at all.',
  level: 'error',
  fix:
    'set advanced_security_options { internal_user_database_enabled = false, master_user_options { ' +
    'master_user_arn = <role ARN> } } and remove master_user_name / master_user_password',
  appliesTo: OPENSEARCH_DOMAIN_TYPES,
  check: (ctx) => {
    const security = domainBlock(ctx.resource.config, 'advanced_security_options');
    if (!security) return notApplicable('no advanced security options');
    const master = domainBlock(security, 'master_user_options');
    return isNonBlank(master?.master_user_password)
      ? nonCompliant('master_user_options.master_user_password is set')
      : compliant(isNonBlank(master?.master_user_arn) ? 'IAM master user' : undefined);
  },
};
