/**
 * Ports that give administrative access, hold data, or expose internals with weak or no
 * authentication. Security groups refuse to open them to the internet (see
 * `SecurityGroupProps.restrictedPorts`), however the sources are split.
 *
 * | port        | service                              |
 * |-------------|--------------------------------------|
 * | 22          | SSH                                  |
 * | 3389        | RDP                                  |
 * | 2375, 2376  | Docker Engine API                    |
 * | 1433        | Microsoft SQL Server                 |
 * | 1521        | Oracle                               |
 * | 3306        | MySQL / MariaDB / Aurora MySQL       |
 * | 5432        | PostgreSQL / Aurora PostgreSQL       |
 * | 6379        | Redis / Valkey                       |
 * | 11211       | Memcached                            |
 * | 27017       | MongoDB / DocumentDB                 |
 * | 9200, 9300  | OpenSearch / Elasticsearch           |
 * | 5601        | OpenSearch Dashboards / Kibana       |
 * | 3000        | Grafana                              |
 * | 9090        | Prometheus                           |
 * | 9093        | Alertmanager                         |
 * | 9100        | Prometheus node exporter             |
 */
export const RESTRICTED_PORTS: readonly number[] = [
  22, 3389, 2375, 2376, 1433, 1521, 3306, 5432, 6379, 11211, 27017, 9200, 9300, 5601, 3000, 9090, 9093, 9100,
];
