/** Shared readers for AWS Batch rules. */
import { isObject } from './json';
import { Json, JsonObject } from './types';

/**
 * The parsed `container_properties` of a job definition, or undefined when it has none (EKS or
 * multi-node jobs) or it is not literal JSON (a `${jsonencode(...)}` expression). References
 * embedded as `${...}` inside JSON strings parse fine.
 */
export function containerProperties(jobDefinition: JsonObject): JsonObject | undefined {
  const raw = jobDefinition.container_properties;
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed = JSON.parse(raw) as Json;
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** True when the job definition runs on Fargate (`platform_capabilities` includes FARGATE). */
export function isFargate(jobDefinition: JsonObject): boolean {
  const caps = jobDefinition.platform_capabilities;
  return Array.isArray(caps) && caps.includes('FARGATE');
}

/** A detail for job definitions whose container properties can't be read. */
export function unreadable(jobDefinition: JsonObject): string {
  return typeof jobDefinition.container_properties === 'string'
    ? 'container_properties is not literal JSON'
    : 'no container_properties (EKS or multi-node job)';
}
