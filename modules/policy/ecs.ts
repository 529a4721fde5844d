/** Shared readers for ECS rules: the containers of a task definition. */
import { isObject, str } from './json';
import { JsonObject, TfBlock } from './types';

/** The containers of a task definition, or why they can't be read. */
export interface ContainerDefinitions {
  readonly containers: readonly JsonObject[];
  /** Set when `container_definitions` is not JSON the rules can read (e.g. a `jsonencode` expression). */
  readonly unreadable?: string;
}

/**
 * Replaces every Terraform interpolation `${...}` (braces balanced, quotes inside allowed) with
 * `TF_EXPR`, so a JSON document with references in its strings can be parsed.
 */
export function stripInterpolations(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '$' && text[i + 1] === '{') {
      let depth = 1;
      let j = i + 2;
      while (j < text.length && depth > 0) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}') depth--;
        j++;
      }
      out += 'TF_EXPR';
      i = j;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
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
