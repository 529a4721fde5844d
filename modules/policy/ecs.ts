/** Shared readers for ECS rules: the containers of a task definition. */
import { isObject, str } from './json';
import { interpolationSpans } from './references';
import { JsonObject, TfBlock } from './types';

/** The containers of a task definition, or why they can't be read. */
export interface ContainerDefinitions {
  readonly containers: readonly JsonObject[];
  /** Set when `container_definitions` is not JSON the rules can read (e.g. a `jsonencode` expression). */
  readonly unreadable?: string;
}

/**
 * Replaces every Terraform interpolation `${...}` (see {@link interpolationSpans}: nested braces and
 * quoted strings inside are part of it) with `TF_EXPR`, so a JSON document with references in its
 * strings can be parsed.
 */
export function stripInterpolations(text: string): string {
  let out = '';
  let at = 0;
  for (const [start, end] of interpolationSpans(text)) {
    out += `${text.slice(at, start)}TF_EXPR`;
    at = end;
  }
  return out + text.slice(at);
}

/** The container definitions of an `aws_ecs_task_definition` block. */
export function containerDefinitions(block: TfBlock): ContainerDefinitions {
  const raw = str(block.config.container_definitions);
  if (raw === undefined) return { containers: [], unreadable: 'container_definitions is not a string' };
  const text = stripInterpolations(raw).trim();
  if (text === 'TF_EXPR') {
    return { containers: [], unreadable: 'container_definitions is a Terraform expression, not JSON' };
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!Array.isArray(parsed))
      return { containers: [], unreadable: 'container_definitions is not a JSON list' };
    return { containers: parsed.filter((c): c is JsonObject => isObject(c as JsonObject)) };
  } catch {
    return { containers: [], unreadable: 'container_definitions is not valid JSON' };
  }
}

/** A container's name for messages. */
export function containerName(container: JsonObject, index: number): string {
  return str(container.name) ?? `#${index}`;
}
