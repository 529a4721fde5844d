import { Validator, isUnresolved } from '../core/validation';

/** The two Fargate capacity providers. */
export type FargateCapacityProvider = 'FARGATE' | 'FARGATE_SPOT';

/** Every Fargate capacity provider, as the {@link Cluster} registers them. */
export const FARGATE_CAPACITY_PROVIDERS: readonly FargateCapacityProvider[] = ['FARGATE', 'FARGATE_SPOT'];

/**
 * One entry of a capacity provider strategy. ECS first places `base` tasks on the provider that
 * has one, then splits the rest by `weight`: with `FARGATE` weight 1 base 2 and `FARGATE_SPOT`
 * weight 3, ten tasks are 2 on-demand, then 2 on-demand and 6 Spot.
 */
export interface CapacityProviderStrategyItem {
  readonly capacityProvider: FargateCapacityProvider;
  /** Relative share of the tasks beyond the bases, 0-1000. @default 1 */
  readonly weight?: number;
  /** Tasks always placed on this provider first, 0-100000; at most one entry may set it. @default 0 */
  readonly base?: number;
}

/** On-demand Fargate only. */
export const DEFAULT_CAPACITY_PROVIDER_STRATEGY: readonly CapacityProviderStrategyItem[] = [
  { capacityProvider: 'FARGATE', weight: 1, base: 0 },
];

/**
 * Checks a strategy the way ECS does at `CreateService`: known providers, each once, weights
 * 0-1000 with at least one above 0, bases 0-100000 with at most one above 0, and (when the
 * cluster's providers are known) only providers registered with the cluster.
 */
export function validateCapacityProviderStrategy(
  v: Validator,
  field: string,
  strategy: readonly CapacityProviderStrategyItem[] | undefined,
  registered?: readonly string[],
): void {
  if (strategy === undefined) return;
  if (!Array.isArray(strategy) || strategy.length === 0) {
    v.add(
      field,
      strategy,
      'must list at least one capacity provider',
      'use e.g. [{ capacityProvider: "FARGATE", weight: 1 }], or leave it unset',
    );
    return;
  }
  const providers = strategy.map((s) => s.capacityProvider);
  strategy.forEach((s, i) => {
    v.check(
      (['FARGATE', 'FARGATE_SPOT'] as string[]).includes(s.capacityProvider),
      `${field}[${i}].capacityProvider`,
      s.capacityProvider,
      'must be "FARGATE" or "FARGATE_SPOT"',
      'use "FARGATE" (on-demand) or "FARGATE_SPOT" (about 70% cheaper, may be interrupted with a 2-minute warning)',
    );
    v.checkIntRange(s.weight, 0, 1000, `${field}[${i}].weight`);
    v.checkIntRange(s.base, 0, 100000, `${field}[${i}].base`);
  });
  const dupes = providers.filter((p, i) => providers.indexOf(p) !== i);
  v.check(
    dupes.length === 0,
    field,
    dupes,
    'lists a capacity provider more than once',
    'list each provider once',
  );
  const weights = strategy.map((s) => s.weight ?? 1);
  if (!weights.some((w) => isUnresolved(w))) {
    v.check(
      weights.some((w) => w > 0),
      field,
      strategy,
      'has no capacity provider with a weight above 0, so ECS could place no task beyond the base',
      'give at least one provider a weight of 1 or more',
    );
  }
  const withBase = strategy.filter((s) => (s.base ?? 0) > 0);
  v.check(
    withBase.length <= 1,
    field,
    withBase.map((s) => s.capacityProvider),
    'sets a base on more than one capacity provider (ECS allows one)',
    'keep the base on one provider, usually FARGATE for the tasks that must not be interrupted',
  );
  if (registered !== undefined) {
    const missing = providers.filter((p) => !registered.includes(p));
    v.check(
      missing.length === 0,
      field,
      missing,
      `names capacity providers the cluster does not have (it has ${registered.join(', ') || 'none'})`,
      'register them with the cluster (the Cluster construct registers FARGATE and FARGATE_SPOT)',
    );
  }
}

/** The strategy as the provider resource takes it (weights and bases explicit). */
export function renderStrategy(
  strategy: readonly CapacityProviderStrategyItem[],
): { capacityProvider: string; weight: number; base: number }[] {
  return strategy.map((s) => ({
    capacityProvider: s.capacityProvider,
    weight: s.weight ?? 1,
    base: s.base ?? 0,
  }));
}
