/**
 * The containers of an `aws_ecs_task_definition` as the ECS rules read them: JSON with Terraform
 * references in its strings, and the reason when `container_definitions` can't be read.
 */
import { containerDefinitions, containerName, stripInterpolations } from '../../modules/policy/ecs';
import { Json, TfBlock } from '../../modules/policy/types';

function task(containerDefinitionsValue: Json | undefined): TfBlock {
  return {
    mode: 'resource',
    type: 'aws_ecs_task_definition',
    name: 'task',
    address: 'aws_ecs_task_definition.task',
    path: 'st/task',
    config:
      containerDefinitionsValue === undefined ? {} : { container_definitions: containerDefinitionsValue },
  };
}

describe('stripInterpolations', () => {
  it.each<[string, string, string]>([
    ['text without references', '{"a": 1}', '{"a": 1}'],
    ['a reference inside a string', '"${aws_ecr_repository.r.repository_url}:1"', '"TF_EXPR:1"'],
    ['two references', '${var.a}-${var.b}', 'TF_EXPR-TF_EXPR'],
    ['nested braces', '${jsonencode({a = {b = 1}})}!', 'TF_EXPR!'],
    ['a dollar sign without a brace', 'cost $5 {x}', 'cost $5 {x}'],
    ['a brace without a dollar sign', '{${var.a}}', '{TF_EXPR}'],
    ['a brace inside a quoted string of the expression', '"${jsonencode({a = "}"})}:1"', '"TF_EXPR:1"'],
    ['an escaped quote inside a quoted string', '${format("\\"}%s", var.a)}!', 'TF_EXPR!'],
    ['nothing for an escaped interpolation ($${)', '"$${HOME}/x"', '"$${HOME}/x"'],
    ['nothing for an unterminated reference', 'a ${var.b', 'a ${var.b'],
    ['a dollar sign at the end', 'a$', 'a$'],
    ['an empty text', '', ''],
  ])('replaces %s', (_name, text, expected) => {
    expect(stripInterpolations(text)).toBe(expected);
  });
});

describe('containerDefinitions', () => {
  it.each<[string, Json | undefined, object]>([
    [
      'a JSON list with references in its strings, keeping objects only',
      '[{"name": "app", "image": "${aws_ecr_repository.r.repository_url}:1"}, 7, "x", {"name": "side"}]',
      { containers: [{ name: 'app', image: 'TF_EXPR:1' }, { name: 'side' }] },
    ],
    ['a list with spaces around it', '  [ {"name": "a"} ]\n', { containers: [{ name: 'a' }] }],
    ['an empty list', '[]', { containers: [] }],
    ['no value', undefined, { containers: [], unreadable: 'container_definitions is not a string' }],
    [
      'a value that is not a string',
      [{ name: 'a' }],
      { containers: [], unreadable: 'container_definitions is not a string' },
    ],
    [
      'a whole Terraform expression',
      ' ${jsonencode([{name = "a"}])} ',
      { containers: [], unreadable: 'container_definitions is a Terraform expression, not JSON' },
    ],
    [
      'a JSON object instead of a list',
      '{"name": "a"}',
      { containers: [], unreadable: 'container_definitions is not a JSON list' },
    ],
    [
      'text that is not JSON',
      '[{"name": "a"',
      { containers: [], unreadable: 'container_definitions is not valid JSON' },
    ],
    [
      'a reference next to JSON',
      '${var.defs}[]',
      { containers: [], unreadable: 'container_definitions is not valid JSON' },
    ],
  ])('reads %s', (_name, value, expected) => {
    expect(containerDefinitions(task(value))).toEqual(expected);
  });
});

describe('containerName', () => {
  it.each<[string, object, string]>([
    ['the name', { name: 'app' }, 'app'],
    ['the position when there is no name', {}, '#2'],
    ['the position when the name is not a string', { name: 3 }, '#2'],
  ])('gives %s', (_name, container, expected) => {
    expect(containerName(container as never, 2)).toBe(expected);
  });
});
