import { fromProblems } from '../outcome';
import { worldIngressToPorts } from '../security-group-rules';
import { PolicyRule } from '../types';
import { INGRESS_TYPES } from './sg-no-world-ssh';

/**
 * Ports of the monitoring stack's admin and application endpoints. None of them has authentication
 * strong enough for the open internet: Prometheus and Alertmanager have none, node exporter exposes
 * host details, Grafana has a login page, and the API is meant to sit behind the load balancer.
 *
 * | port | service                  |
 * |------|--------------------------|
 * | 3000 | Grafana                  |
 * | 8000 | model API (FastAPI)      |
 * | 9090 | Prometheus               |
 * | 9093 | Alertmanager             |
 * | 9100 | Prometheus node exporter |
 */
export const ADMIN_PORTS: readonly number[] = [3000, 8000, 9090, 9093, 9100];

export const sgNoWorldAdminPorts: PolicyRule = {
  id: 'MLM-SG-003',
  title: `No security group admits the monitoring/admin ports (${ADMIN_PORTS.join(', ')}) from 0.0.0.0/0 or ::/0`,
  rationale:
    'Prometheus, Alertmanager and node exporter have no authentication and Grafana only a login page; ' +
    'the API belongs behind the load balancer. Open to the internet they leak metrics and invite abuse.',
  level: 'error',
  fix:
    'admit these ports only from the load balancer security group or an admin CIDR; publish Grafana/API ' +
    'through the ALB on 443',
  appliesTo: INGRESS_TYPES,
  check: (ctx) => fromProblems(worldIngressToPorts(ctx.resource, ADMIN_PORTS)),
};
