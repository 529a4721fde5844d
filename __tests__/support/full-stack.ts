import { App, TerraformStack } from 'cdktf';
import { ResourceProvider, StackPlan } from '../../review/combined-plan';
import { PlanResourceChange } from '../../review/plan-json';

/** A synthesized stack, parsed: the sections the Terraform tests read. */
export interface SynthesizedStack {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly [section: string]: unknown;
}

/**
 * One module's contribution to the real-Terraform test (`__tests__/modules/modules-terraform.test.ts`):
 * a stack with every feature of the module on, and what its offline plan must show beyond
 * "valid, no diagnostic, creates exactly what was synthesized".
 */
export interface FullStack {
  /**
   * The stack's name: its directory in the combined run (`stacks/<name>/cdk.tf.json`, where
   * Terraform's diagnostics point) and the module name in test titles. The module's test folder.
   */
  readonly name: string;
  /** What the stack holds, for the test title. */
  readonly description: string;
  /** Builds the stack (named `name`) in `app`. */
  build(app: App): TerraformStack;
  /** Assertions on the offline plan, by test title. */
  readonly expectations?: Readonly<Record<string, (plan: PlannedStack) => void>>;
}

/** Addresses (`type.name`) of the managed resources of a synthesized stack, sorted. */
export function synthesizedAddresses(json: SynthesizedStack): string[] {
  return Object.entries(json.resource ?? {})
    .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
    .sort();
}

/** A stack's synthesized JSON and its planned changes, as the expectations read them. */
export class PlannedStack {
  /** Planned changes of managed resources (data sources left out), addresses relative to the stack. */
  public readonly changes: readonly PlanResourceChange[];

  constructor(
    public readonly synthesized: SynthesizedStack,
    private readonly plan: StackPlan,
  ) {
    this.changes = plan.resourceChanges.filter((c) => c.mode === 'managed');
  }

  /** Planned changes of one resource type. */
  ofType(type: string): PlanResourceChange[] {
    return this.changes.filter((c) => c.type === type);
  }

  /** Planned `after` values of one resource type. */
  afterOf(type: string): Record<string, unknown>[] {
    return this.ofType(type).map((c) => c.change.after as Record<string, unknown>);
  }

  /** The provider configuration a resource is planned with. */
  providerOf(address: string): ResourceProvider | undefined {
    return this.plan.providers[address];
  }
}
