/**
 * TLS security policies of Application Load Balancer HTTPS listeners.
 *
 * Only policies whose lowest protocol is TLS 1.2 are offered; the legacy ones (TLS 1.0/1.1, e.g.
 * `ELBSecurityPolicy-2016-08`, which is what the API, CloudFormation and Terraform pick when no
 * policy is named) are refused with a fix.
 *
 * | family                              | protocols            | pick it when                                   |
 * |-------------------------------------|----------------------|------------------------------------------------|
 * | `TLS13-1-2-2021-06` (default)       | TLS 1.3 + TLS 1.2    | public web and API clients: AWS's recommended  |
 * |                                     |                      | balance, forward secrecy, GCM and CBC ciphers  |
 * | `TLS13-1-2-Res-2021-06`             | TLS 1.3 + TLS 1.2    | only AEAD/ECDHE ciphers (stricter, modern      |
 * |                                     |                      | clients only)                                  |
 * | `TLS13-1-2-Ext1/Ext2-2021-06`       | TLS 1.3 + TLS 1.2    | old TLS 1.2 clients that need non-FS ciphers   |
 * | `TLS13-1-3-2021-06`                 | TLS 1.3 only         | clients you control                            |
 * | `*-FIPS-2023-04`                    | as above, FIPS       | FedRAMP / FIPS 140 endpoints                   |
 * | `*-PQ-2025-09`                      | as above + ML-KEM    | hybrid post-quantum key exchange               |
 * | `TLS-1-2-*`, `FS-1-2-*`             | TLS 1.2 only         | pinning to TLS 1.2 for a compliance standard   |
 */
export const TLS12_SSL_POLICIES = [
  'ELBSecurityPolicy-TLS13-1-2-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06',
  'ELBSecurityPolicy-TLS13-1-3-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS-1-2-2017-01',
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06',
  'ELBSecurityPolicy-FS-1-2-2019-08',
  'ELBSecurityPolicy-FS-1-2-Res-2019-08',
  'ELBSecurityPolicy-FS-1-2-Res-2020-10',
] as const;

/** An HTTPS listener security policy whose lowest protocol is TLS 1.2 (see {@link TLS12_SSL_POLICIES}). */
export type AlbSslPolicy = (typeof TLS12_SSL_POLICIES)[number];

/** The default: TLS 1.3 and 1.2 with forward secrecy, AWS's recommended general-purpose policy. */
export const DEFAULT_SSL_POLICY: AlbSslPolicy = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/**
 * Policies that still accept TLS 1.0 or 1.1 (or SSLv3). Named so that an error can say why a
 * familiar name is refused; anything else not in {@link TLS12_SSL_POLICIES} is "unknown".
 */
export const LEGACY_SSL_POLICIES: readonly string[] = [
  'ELBSecurityPolicy-2016-08',
  'ELBSecurityPolicy-2015-05',
  'ELBSecurityPolicy-TLS-1-0-2015-04',
  'ELBSecurityPolicy-TLS-1-1-2017-01',
  'ELBSecurityPolicy-FS-2018-06',
  'ELBSecurityPolicy-FS-1-1-2019-08',
  'ELBSecurityPolicy-TLS13-1-0-2021-06',
  'ELBSecurityPolicy-TLS13-1-1-2021-06',
  'ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-1-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-1-FIPS-PQ-2025-09',
];

/** True for a policy whose lowest protocol is TLS 1.2. */
export function isTls12Policy(policy: string): boolean {
  return (TLS12_SSL_POLICIES as readonly string[]).includes(policy);
}
