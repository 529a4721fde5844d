import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { StateBackendSettings } from '../../backend/settings';
import { ProjectConfig } from './project';

/** What every system's environment configuration has in common. */
export interface SystemEnvironment {
  /** Environment name, e.g. `dev`; the stack is `<system>-<name>`. */
  readonly name: string;
  /** AWS region of the stack. */
  readonly region: string;
  /** VPC CIDR block, when the environment has a VPC (checked for overlaps with every other stack). */
  readonly vpcCidr?: string;
  /** A second region the stack uses (e.g. a replica bucket). */
  readonly replicationRegion?: string;
}

/** Inputs every system's stacks share. */
export interface SystemContext {
  readonly project: ProjectConfig;
  readonly stateBackend: StateBackendSettings;
}

/**
 * One system (blueprint): its environments (plain data, cheap to load) and how to build one
 * environment's stack. `createStack` loads the system's constructs only when called, so
 * synthesizing one system never pays for the others.
 */
export interface SystemDefinition<E extends SystemEnvironment = SystemEnvironment> {
  /** Prefix of the system's stack names, e.g. `mlmon` (stacks `mlmon-dev`, `mlmon-prod`). */
  readonly name: string;
  /** One line for `help` and the README, e.g. "Model monitoring on one EC2 host (seed 000)". */
  readonly title: string;
  /** The system's environments, in deploy order. */
  environments(): readonly E[];
  /** Throws a ValidationError listing every problem of one environment's configuration. */
  validate(environment: E): void;
  /** Builds the stack of one environment. */
  createStack(scope: Construct, id: string, environment: E, context: SystemContext): TerraformStack;
}
