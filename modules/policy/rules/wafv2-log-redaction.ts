import { blocks, firstBlock, str } from '../json';
import { fromProblems } from '../outcome';
import { PolicyRule } from '../types';

const SENSITIVE = ['authorization', 'cookie'];

export const wafv2LogRedaction: PolicyRule = {
  id: 'MLM-WAF-006',
  title: 'WAFv2 logging redacts the Authorization and Cookie headers',
  rationale:
    'WAF logs every request header; unredacted, the log group holds bearer tokens and session cookies ' +
    'that let anyone with log access act as the users.',
  level: 'warning',
  fix: 'add redacted_fields { single_header { name = "authorization" } } and the same for "cookie"',
  appliesTo: ['aws_wafv2_web_acl_logging_configuration'],
  check: (ctx) => {
    const redacted = blocks(ctx.resource.config.redacted_fields)
      .map((f) => str(firstBlock(f.single_header)?.name)?.toLowerCase())
      .filter((n): n is string => n !== undefined);
    return fromProblems(
      SENSITIVE.filter((h) => !redacted.includes(h)).map((h) => `header ${h} is not redacted`),
    );
  },
};
