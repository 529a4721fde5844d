import { API_PATHS, MLMON_PORTS, MLMON_SERVICES } from '../contract';

/** Inputs of {@link renderCaddyfile}. */
export interface CaddyfileOptions {
  /**
   * Public name to serve over HTTPS with an automatic certificate.
   * @default - plain HTTP on port 80
   */
  readonly domainName?: string;
  /**
   * Networks of the proxies in front (a load balancer's subnets): their `X-Forwarded-For` is kept,
   * so the API sees the client's address.
   * @default [] - forwarded headers from any peer are replaced by the peer's address
   */
  readonly trustedProxyCidrs?: readonly string[];
}

/**
 * The Caddyfile of the reverse proxy. It forwards everything to the API except `/metrics`, which
 * stays internal (Prometheus scrapes the API directly). Without a domain it serves plain HTTP on
 * port 80; with one, Caddy obtains a certificate (ACME HTTP-01 on port 80, TLS-ALPN on 443),
 * serves HTTPS on 443 and redirects port 80 to it. The admin endpoint is off. Behind a load
 * balancer (TLS ends there) it serves plain HTTP on 80 and trusts the balancer's forwarded
 * client address.
 */
export function renderCaddyfile(options: CaddyfileOptions = {}): string {
  const site = options.domainName ?? `:${MLMON_PORTS.http}`;
  const proxies = options.trustedProxyCidrs ?? [];
  return [
    '{',
    '\tadmin off',
    ...(proxies.length > 0 ? ['\tservers {', `\t\ttrusted_proxies static ${proxies.join(' ')}`, '\t}'] : []),
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
