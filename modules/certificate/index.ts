/**
 * ACM certificates validated by DNS in Route 53. Import from `@ml-platform/cdktf-aws/certificate`.
 * @packageDocumentation
 */
export { Certificate } from './certificate';
export type { CertificateKeyAlgorithm, CertificateProps, ValidationGroup } from './certificate';
