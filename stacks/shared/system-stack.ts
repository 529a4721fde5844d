import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { configureStateBackend } from '../../backend/state-backend';
import { SystemContext, SystemEnvironment } from './system';

/** What every system stack needs from its environment configuration. */
export interface SystemStackEnvironment extends SystemEnvironment {
  /** Tags on every resource of the stack (must include Owner and CostCenter). */
  readonly tags: Readonly<Record<string, string>>;
}

/** Props of {@link SystemStack}. */
export interface SystemStackProps<E extends SystemStackEnvironment> extends SystemContext {
  readonly environment: E;
}

/**
 * The base of every system's environment stack: state in the shared S3 backend under its own key
 * (`<stack>/terraform.tfstate`, encrypted, locked), and the AWS provider in the environment's
 * region with the mandatory tags as `default_tags` (Project, ManagedBy, Repository from the
 * project; Owner, CostCenter and the rest from the environment; Environment and System added).
 */
export class SystemStack<E extends SystemStackEnvironment> extends TerraformStack {
  public readonly environment: E;
  /** `<system>-<environment>`, the stack id and the prefix of physical names. */
  public readonly stackName: string;
  /** The default tags every resource carries. */
  public readonly tags: Readonly<Record<string, string>>;
  public readonly provider: AwsProvider;

  constructor(scope: Construct, id: string, props: SystemStackProps<E>, system: string) {
    super(scope, id);
    this.environment = props.environment;
    this.stackName = id;
    this.tags = {
      ...props.project.tags,
      ...props.environment.tags,
      Environment: props.environment.name,
      System: system,
    };
    configureStateBackend(this, props.stateBackend);
    this.provider = new AwsProvider(this, 'aws', {
      region: props.environment.region,
      defaultTags: [{ tags: { ...this.tags } }],
    });
  }

  /**
   * An AWS provider for another region with the same default tags (CloudFront certificates and
   * metrics live in us-east-1, replicas elsewhere). One per alias.
   */
  public regionalProvider(alias: string, region: string): AwsProvider {
    const existing = this.node.tryFindChild(`aws-${alias}`);
    if (existing) return existing as AwsProvider;
    return new AwsProvider(this, `aws-${alias}`, {
      alias,
      region,
      defaultTags: [{ tags: { ...this.tags } }],
    });
  }
}
