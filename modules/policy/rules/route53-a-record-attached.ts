import { firstBlock, str, strings } from '../json';
import { compliant, nonCompliant, notApplicable } from '../outcome';
import { PolicyRule } from '../types';

export const route53ARecordAttached: PolicyRule = {
  id: 'MLM-R53-001',
  checkovId: 'CKV2_AWS_23',
  title: 'Route 53 A and AAAA records are aliases or point at addresses of this stack',
  rationale:
    'A record holding a literal address keeps pointing there after the instance or Elastic IP is ' +
    'released; whoever gets the address next receives the traffic and can obtain certificates for the ' +
    'name (a dangling DNS takeover). Alias records and references to resources follow their target.',
  level: 'warning',
  fix:
    'use an alias block (AliasRecord in modules/dns) or reference the address attribute of the resource ' +
    "(e.g. an aws_eip's public_ip), or suppress MLM-R53-001 for an address outside AWS with that reason",
  appliesTo: ['aws_route53_record'],
  check: (ctx) => {
    const c = ctx.resource.config;
    const type = str(c.type);
    if (type !== 'A' && type !== 'AAAA') return notApplicable(`a ${type ?? 'typeless'} record`);
    if (firstBlock(c.alias)) return compliant('alias record');
    const records = strings(c.records);
    const literal = records.filter((r) => ctx.stack.referencedIn(r).length === 0);
    if (records.length === 0) return nonCompliant('no alias and no records');
    return literal.length === 0
      ? compliant('records reference resources of this stack')
      : nonCompliant(`literal addresses: ${literal.join(', ')}`);
  },
};
