import { firstBlock, show, str } from '../json';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const apigwDomainTls: PolicyRule = {
  id: 'MLM-APIGW-004',
  checkovId: 'CKV_AWS_206',
  title: 'API Gateway v2 custom domains use the TLS 1.2 security policy',
  rationale:
    'The TLS_1_0 policy accepts TLS 1.0 and 1.1, which have known weaknesses and are refused by ' +
    'current compliance baselines (PCI DSS, NIST SP 800-52).',
  level: 'error',
  fix: 'set domain_name_configuration { security_policy = "TLS_1_2" } (HttpApi does)',
  appliesTo: ['aws_apigatewayv2_domain_name'],
  check: (ctx) => {
    const policy = str(firstBlock(ctx.resource.config.domain_name_configuration)?.security_policy);
    return policy === 'TLS_1_2' ? compliant() : nonCompliant(`security_policy is ${show(policy)}`);
  },
};
