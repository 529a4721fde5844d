/**
 * Readers for OpenSearch (and legacy Elasticsearch) domain configuration shared by the MLM-OS
 * rules; both resource types use the same blocks.
 */
import { blocks, firstBlock, isFalse, str } from './json';
import { JsonObject } from './types';

/** The domain resource types the MLM-OS rules run on. */
export const OPENSEARCH_DOMAIN_TYPES: readonly string[] = [
  'aws_opensearch_domain',
  'aws_elasticsearch_domain',
];

/** A nested block of the domain (single-nested blocks are rendered as objects or one-element lists). */
export function domainBlock(config: JsonObject, name: string): JsonObject | undefined {
  return firstBlock(config[name]);
}

/** Log types published and not disabled (`ES_APPLICATION_LOGS`, `AUDIT_LOGS`, ...). */
export function publishedLogTypes(config: JsonObject): string[] {
  return blocks(config.log_publishing_options)
    .filter((o) => !isFalse(o.enabled))
    .map((o) => str(o.log_type))
    .filter((t): t is string => t !== undefined);
}
