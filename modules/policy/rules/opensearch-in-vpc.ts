import { strings } from '../json';
import { domainBlock, OPENSEARCH_DOMAIN_TYPES } from '../opensearch';
import { compliant, nonCompliant } from '../outcome';
import { PolicyRule } from '../types';

export const opensearchInVpc: PolicyRule = {
  id: 'MLM-OS-005',
  checkovId: 'CKV_AWS_137',
  title: 'OpenSearch domains are placed in a VPC',
  rationale:
    'A domain outside a VPC has a public endpoint that only its access policy protects; one mistaken ' +
    'statement exposes every index to the internet. Inside a VPC, security groups limit who can even ' +
    'connect. The choice is made at creation: moving a domain into a VPC means a new domain.',
  level: 'error',
  fix: 'set vpc_options { subnet_ids = [private subnets], security_group_ids = [...] }',
  appliesTo: OPENSEARCH_DOMAIN_TYPES,
  check: (ctx) => {
    const subnets = strings(domainBlock(ctx.resource.config, 'vpc_options')?.subnet_ids);
    return subnets.length > 0
      ? compliant(`${subnets.length} subnet(s)`)
      : nonCompliant('vpc_options.subnet_ids is empty: the domain gets a public endpoint');
  },
};
