import { API_PATHS, MLMON_PORTS, MLMON_SERVICES } from '../contract';

/**
 * The Caddyfile of the reverse proxy. It forwards everything to the API except `/metrics`, which
 * stays internal (Prometheus scrapes the API directly). Without a domain it serves plain HTTP on
 * port 80; with one, Caddy obtains a certificate (ACME HTTP-01 on port 80, TLS-ALPN on 443),
 * serves HTTPS on 443 and redirects port 80 to it. The admin endpoint is off.
 */
export function renderCaddyfile(domainName?: string): string {
  const site = domainName ?? `:${MLMON_PORTS.http}`;
  return [
    '{',
    '\tadmin off',
    '}',
    '',
    `${site} {`,
    `\t@internal path ${API_PATHS.metrics} ${API_PATHS.metrics}/*`,
    '\trespond @internal 404',
    `\treverse_proxy ${MLMON_SERVICES.api}:${MLMON_PORTS.api}`,
    '}',
    '',
  ].join('\n');
}
