import { str } from '../json';
import { fromProblems } from '../outcome';
import { PolicyRule } from '../types';
import { userDataText } from '../user-data';
import { LAUNCH_TYPES } from './ec2-imdsv2-required';

/** Credential patterns: AWS access key ids, secret-key assignments, PEM private keys. */
const SECRET_PATTERNS: readonly { name: string; re: RegExp }[] = [
  { name: 'an AWS access key id', re: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/ },
  { name: 'an AWS secret access key', re: /aws_secret_access_key\s*[=:]\s*\S/i },
  { name: 'a private key', re: /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/ },
];

/**
 * The value as written and as decoded: base64 (gzip included, in lines or not) and the literal
 * parts of a `base64gzip(join(...))` expression (see ../user-data.ts).
 */
function readable(value: string): string[] {
  const decoded = userDataText(value);
  return decoded === undefined ? [value] : [value, decoded];
}

export const ec2NoSecretsInUserData: PolicyRule = {
  id: 'MLM-EC2-006',
  checkovId: 'CKV_AWS_46',
  title: 'User data contains no AWS access keys, secret keys or private keys',
  rationale:
    'User data is readable by anyone with ec2:DescribeInstanceAttribute and from inside the instance ' +
    'via the metadata service, and it is stored in Terraform state in clear text.',
  level: 'error',
  fix:
    'remove the credential; use the instance profile for AWS access and fetch other secrets at boot ' +
    'from Secrets Manager or SSM Parameter Store',
  appliesTo: LAUNCH_TYPES,
  check: (ctx) => {
    const c = ctx.resource.config;
    const problems: string[] = [];
    for (const attr of ['user_data', 'user_data_base64']) {
      const value = str(c[attr]);
      if (value === undefined) continue;
      const texts = readable(value);
      for (const p of SECRET_PATTERNS) {
        if (texts.some((t) => p.re.test(t))) problems.push(`${attr} contains ${p.name}`);
      }
    }
    return fromProblems(problems);
  },
};
