import { isNonBlank, isTrue, str } from '../json';
import { compliant, fromProblems, notApplicable } from '../outcome';
import { RDS_DATABASE_TYPES } from '../rds';
import { PolicyRule } from '../types';

/** The password argument of each type, and its write-only twin. */
const PASSWORD_ARGUMENTS: Readonly<Record<string, { plain: string; writeOnly: string }>> = {
  aws_db_instance: { plain: 'password', writeOnly: 'password_wo' },
  aws_rds_cluster: { plain: 'master_password', writeOnly: 'master_password_wo' },
};

export const rdsNoMasterPassword: PolicyRule = {
  id: 'MLM-RDS-003',
  title: 'RDS master passwords are not set in the Terraform configuration',
  rationale:
    'A password argument is stored in clear text in the Terraform state (and, as a literal, in the ' +
    'synthesized configuration and version control); anyone who can read the state bucket can log in ' +
    'as the master user. RDS can generate the password and keep it in Secrets Manager instead.',
  level: 'error',
  fix:
    'remove the password and set manage_master_user_password = true (optionally ' +
    'master_user_secret_kms_key_id); clients read the secret by ARN',
  appliesTo: RDS_DATABASE_TYPES,
  check: (ctx) => {
    const c = ctx.resource.config;
    const args = PASSWORD_ARGUMENTS[ctx.resource.type];
    const problems: string[] = [];
    if (c[args.plain] !== undefined && c[args.plain] !== null) {
      problems.push(`${args.plain} is set, so the password is stored in the Terraform state`);
    }
    const writeOnly = str(c[args.writeOnly]);
    if (isNonBlank(writeOnly) && !writeOnly.includes('${')) {
      problems.push(`${args.writeOnly} is a literal, so the password is in the configuration`);
    }
    if (problems.length > 0) return fromProblems(problems);
    if (isTrue(c.manage_master_user_password)) return compliant('managed by RDS in Secrets Manager');
    if (writeOnly !== undefined) return compliant(`${args.writeOnly} comes from an expression (write-only)`);
    return notApplicable('no master password in the configuration (replica or restore)');
  },
};
