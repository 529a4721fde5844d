/**
 * Instances launched from a launch template inherit what they don't set themselves (metadata
 * options, volumes, instance profile, monitoring, network interfaces). EC2 rules read an instance's
 * settings through {@link instanceLaunchTemplate} so that such an instance is judged by its template.
 */
import { firstBlock, str } from './json';
import { RuleContext, TfBlock } from './types';

/**
 * The `aws_launch_template` of this stack that an `aws_instance` or `aws_autoscaling_group` launches
 * from: its `launch_template` block's `id` or `name`, by reference or literal name. Undefined when
 * there is none in this stack (a group's `mixed_instances_policy` is not followed).
 */
export function instanceLaunchTemplate(ctx: RuleContext): TfBlock | undefined {
  const spec = firstBlock(ctx.resource.config.launch_template);
  if (!spec) return undefined;
  const referenced = ctx.stack.resolve(spec.id) ?? ctx.stack.resolve(spec.name);
  if (referenced) return referenced.type === 'aws_launch_template' ? referenced : undefined;
  const name = str(spec.name);
  return name === undefined
    ? undefined
    : ctx.stack.resources('aws_launch_template').find((t) => t.config.name === name);
}

/** " (from launch template <path>)" when a value came from the template, for details. */
export function fromTemplate(template: TfBlock | undefined): string {
  return template ? ` (from launch template ${template.path})` : '';
}
