import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ValidationError, ValidationProblem } from '../../../modules/core/validation';
import { ApplicationLoadBalancerProps, ListenerRuleProps } from '../../../modules/alb';

export type Block = Record<string, unknown>;
export interface Synth {
  resource: Record<string, Record<string, Block>>;
  data?: Record<string, Record<string, Block>>;
}

export const VPC = 'vpc-0123456789abcdef0';
export const SUBNETS = ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'];
export const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
export const CERT2 = 'arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000';
export const WAF =
  'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/web/11111111-2222-3333-4444-555555555555';

/** Minimal props of an internet-facing ALB. */
export const BASE: ApplicationLoadBalancerProps = {
  name: 'web',
  region: 'us-east-1',
  vpcId: VPC,
  subnetIds: SUBNETS,
  certificateArn: CERT,
};

/** A stack with an AWS provider. */
export function newStack(id = 'test'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), id);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}

export function synth(stack: TerraformStack): Synth {
  return JSON.parse(Testing.synth(stack)) as Synth;
}

/** Resources of one type, without metadata, keyed by construct-path suffix. */
export function ofType(json: Synth, type: string): Block[] {
  return Object.values(json.resource[type] ?? {}).map((b) =>
    Object.fromEntries(Object.entries(b).filter(([k]) => k !== '//')),
  );
}

/** The problems of the ValidationError `fn` throws. */
export function problemsOf(fn: () => unknown): readonly ValidationProblem[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.problems;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

/** A target group and an HTTPS listener made elsewhere, and the smallest rule between them. */
export const RULE_TARGET_GROUP = {
  targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef',
  arnSuffix: 'targetgroup/web/0123456789abcdef',
};
export const LISTENER_ARN =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/0123456789abcdef/fedcba9876543210';
export const RULE_BASE: ListenerRuleProps = {
  listenerArn: LISTENER_ARN,
  priority: 10,
  targetGroup: RULE_TARGET_GROUP,
  pathPatterns: ['/api/*'],
};
