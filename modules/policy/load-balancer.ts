/** Shared lookups for load balancer rules. */
import { blocks, str } from './json';
import { JsonObject, RuleContext, TfBlock } from './types';
import { notApplicable } from './outcome';
import { RuleResult } from './types';

/** Terraform types of load balancers and of their listeners (`aws_alb*` are the old aliases). */
export const LB_TYPES: readonly string[] = ['aws_lb', 'aws_alb'];
export const LISTENER_TYPES: readonly string[] = ['aws_lb_listener', 'aws_alb_listener'];
export const LISTENER_RULE_TYPES: readonly string[] = ['aws_lb_listener_rule', 'aws_alb_listener_rule'];
export const TARGET_GROUP_TYPES: readonly string[] = ['aws_lb_target_group', 'aws_alb_target_group'];

/** The load balancer's type; Terraform's default is `application`. */
export function lbType(lb: TfBlock): string {
  return str(lb.config.load_balancer_type) ?? 'application';
}

/** Not applicable unless the block is an Application Load Balancer. */
export function unlessApplication(lb: TfBlock): RuleResult | undefined {
  const type = lbType(lb);
  return type === 'application' ? undefined : notApplicable(`a ${type} load balancer`);
}

/** The listeners of this stack attached to the load balancer. */
export function listenersOf(ctx: RuleContext, lb: TfBlock): TfBlock[] {
  return LISTENER_TYPES.flatMap((t) => [...ctx.stack.attachedTo(lb, t, 'load_balancer_arn')]);
}

/** The listener rules of this stack attached to the listener. */
export function rulesOf(ctx: RuleContext, listener: TfBlock): TfBlock[] {
  return LISTENER_RULE_TYPES.flatMap((t) => [...ctx.stack.attachedTo(listener, t, 'listener_arn')]);
}

/** A listener's protocol; Terraform's default is HTTP for listeners of Application Load Balancers. */
export function listenerProtocol(listener: TfBlock): string {
  return (str(listener.config.protocol) ?? 'HTTP').toUpperCase();
}

/** True when an action is a redirect to HTTPS. */
export function redirectsToHttps(action: JsonObject): boolean {
  if (str(action.type) !== 'redirect') return false;
  return blocks(action.redirect).some((r) => (str(r.protocol) ?? '').toUpperCase() === 'HTTPS');
}

/** The action blocks of a listener (`default_action`) or rule (`action`). */
export function actionsOf(block: TfBlock): readonly JsonObject[] {
  return blocks(block.config.default_action ?? block.config.action);
}
