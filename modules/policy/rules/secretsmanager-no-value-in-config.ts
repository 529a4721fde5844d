import { isNonBlank, str } from '../json';
import { compliant, fromProblems } from '../outcome';
import { PolicyRule } from '../types';

export const secretsmanagerNoValueInConfig: PolicyRule = {
  id: 'MLM-SM-003',
  title: 'Secret values are not set through Terraform arguments that reach the state',
  rationale:
    'secret_string and secret_binary are stored in clear text in the Terraform state and shown to ' +
    'anyone who can read the state bucket; a literal in secret_string_wo is in the configuration and ' +
    'version control. Values belong to a rotation function, the owning service, an operator, or a ' +
    'write-only argument fed by an ephemeral resource.',
  level: 'error',
  fix:
    'remove secret_string/secret_binary; put the value with aws secretsmanager put-secret-value, a ' +
    'rotation function, or secret_string_wo from an ephemeral resource (Secret: generateSecretString)',
  appliesTo: ['aws_secretsmanager_secret_version'],
  check: (ctx) => {
    const c = ctx.resource.config;
    const problems: string[] = [];
    for (const attr of ['secret_string', 'secret_binary']) {
      if (c[attr] !== undefined && c[attr] !== null) {
        problems.push(`${attr} is set, so the value is stored in the Terraform state`);
      }
    }
    const writeOnly = str(c.secret_string_wo);
    if (isNonBlank(writeOnly) && !writeOnly.includes('${')) {
      problems.push('secret_string_wo is a literal, so the value is in the configuration');
    }
    return problems.length > 0 ? fromProblems(problems) : compliant('write-only');
  },
};
