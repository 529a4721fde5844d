import { RESTRICTED_PORTS } from '../../core/ports';
import { fromProblems } from '../outcome';
import { publicPortFindings } from '../ingress-reach';
import { PolicyRule } from '../types';
import { INGRESS_TYPES } from './sg-no-world-ssh';

/**
 * The restricted ports other than SSH (MLM-SG-001) and RDP (MLM-SG-002): databases, caches,
 * search, the Docker API and monitoring UIs. One list with `SecurityGroup`'s default
 * `restrictedPorts` (`RESTRICTED_PORTS` in `modules/core/ports.ts`), so the construct and the pack
 * never disagree about a port.
 */
export const ADMIN_PORTS: readonly number[] = RESTRICTED_PORTS.filter((p) => p !== 22 && p !== 3389);

export const sgNoWorldAdminPorts: PolicyRule = {
  id: 'MLM-SG-003',
  title:
    'No security group admits a restricted admin or data port (databases, caches, search, Docker, monitoring) ' +
    'from the internet, however the sources are split',
  rationale:
    `Ports ${ADMIN_PORTS.join(', ')} belong to services with weak or no authentication on the network ` +
    '(Docker Engine API, Redis, Memcached, MongoDB, Elasticsearch/OpenSearch, Prometheus, Alertmanager, node ' +
    'exporter) or that are brute-forced (SQL Server, Oracle, MySQL, PostgreSQL, Grafana, Kibana). Sources are ' +
    'merged over every ingress rule of the group as for MLM-SG-001 (one /8 of IPv4, one /32 of IPv6 at most); ' +
    "an expression that cannot be resolved is a finding. The list is SecurityGroup's RESTRICTED_PORTS.",
  level: 'error',
  fix:
    'admit these ports only from a load balancer or application security group or an admin CIDR, and publish ' +
    'UIs through a load balancer with authentication; where exposure is really intended, suppress this rule on ' +
    'the group with the reason',
  appliesTo: INGRESS_TYPES,
  check: (ctx) => fromProblems(publicPortFindings(ctx.stack, ctx.resource, ADMIN_PORTS)),
};
