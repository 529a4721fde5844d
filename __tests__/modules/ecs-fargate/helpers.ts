import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ValidationError, ValidationProblem } from '../../../modules/core/validation';
import { ClusterRef, FargateServiceProps } from '../../../modules/ecs-fargate';

export const ACCOUNT = '111122223333';
export const IMAGE = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/modelreg/api:1.4.2`;
export const TARGET_GROUP_ARN = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/api/0123456789abcdef`;
export const ALB_ARN = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/public/fedcba9876543210`;
export const SECRET_ARN = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:modelreg/db-AbCdEf`;
export const PARAMETER_ARN = `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/modelreg/jwt-signing-key`;
export const KMS_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const TOPIC_ARN = `arn:aws:sns:us-east-1:${ACCOUNT}:modelreg-alarms`;
export const ALB_SG = 'sg-0123456789abcdef0';

/** An existing cluster with exec logging and both Fargate providers. */
export const CLUSTER: ClusterRef = {
  clusterName: 'modelreg-prod',
  clusterArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/modelreg-prod`,
  executeCommand: {
    logGroupName: '/aws/ecs/modelreg-prod/execute-command',
    logGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/ecs/modelreg-prod/execute-command`,
  },
  capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
};

/** The smallest valid service: one container on port 8000. */
export function serviceProps(overrides: Partial<FargateServiceProps> = {}): FargateServiceProps {
  return {
    name: 'modelreg-prod-api',
    region: 'us-east-1',
    cluster: CLUSTER,
    vpcId: 'vpc-0123456789abcdef0',
    subnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
    cpu: 512,
    memoryMiB: 1024,
    containers: [{ name: 'api', image: IMAGE, portMappings: [{ containerPort: 8000 }] }],
    ...overrides,
  };
}

/** A fresh stack with an AWS provider. */
export function newStack(id = 'test'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), id);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}

/** Parsed synthesized JSON (loosely typed, as JSON.parse returns it). */
export type Loose = ReturnType<typeof JSON.parse>;

/** Synthesized stack as text (for the matchers) and parsed. */
export interface Synth {
  readonly text: string;
  readonly json: Loose;
}

export function synth(stack: TerraformStack): Synth {
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text) };
}

/** The only resource of `type` (fails when there are several). */
export function only(json: Loose, type: string): Loose {
  const all = Object.values(json.resource[type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** All resources of `type`. */
export function all(json: Loose, type: string): Loose[] {
  return Object.values(json.resource[type] ?? {});
}

/** The problems `build` throws (fails when it does not throw a ValidationError). */
export function problemsOf(build: () => unknown): readonly ValidationProblem[] {
  try {
    build();
  } catch (e) {
    if (e instanceof ValidationError) return e.problems;
    throw e;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

/** One expected problem: field exactly, value (when given) equal, problem and fix matched. */
export interface ExpectedProblem {
  readonly field: string;
  readonly value?: unknown;
  readonly problem: RegExp;
  readonly fix: RegExp;
}

export function expectProblem(problems: readonly ValidationProblem[], expected: ExpectedProblem): void {
  const match = problems.find(
    (p) =>
      p.field === expected.field &&
      expected.problem.test(p.problem) &&
      expected.fix.test(p.fix) &&
      (!('value' in expected) || JSON.stringify(p.value) === JSON.stringify(expected.value)),
  );
  if (!match) {
    throw new Error(
      `no problem matched ${JSON.stringify({ ...expected, problem: String(expected.problem), fix: String(expected.fix) })}\n` +
        `problems: ${JSON.stringify(problems, null, 2)}`,
    );
  }
}

/** The parsed container definitions of the only task definition. */
export function containersOf(json: Loose): Loose[] {
  return JSON.parse(only(json, 'aws_ecs_task_definition').container_definitions);
}

/** The statements of the policy document whose construct id contains `fragment`. */
export function statementsOf(json: Loose, fragment: string): Loose[] {
  const docs = Object.entries(json.data?.aws_iam_policy_document ?? {}).filter(([k]) => k.includes(fragment));
  if (docs.length !== 1)
    throw new Error(`expected one policy document matching ${fragment}, found ${docs.length}`);
  return (docs[0][1] as Loose).statement;
}
