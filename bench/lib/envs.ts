/**
 * Generated environment configurations for the scaling measurements of `npm run bench`: N copies of
 * a template environment (the real `dev` by default) with distinct names and address ranges, and
 * one environment widened to more availability zones (more subnets, route tables, NAT gateways).
 */
import type { EnvironmentConfig, NatMode } from '../../stacks/mlmon/config';

/** Zone letters used for generated environments (us-east-1 has six: a-f). */
const ZONE_LETTERS = ['a', 'b', 'c', 'd', 'e', 'f'] as const;

/** Largest number of environments {@link generateEnvironments} can name and address. */
export const MAX_GENERATED_ENVIRONMENTS = 250;

/** `e01`, `e02`, ... `e250`: valid environment names, sorted like their numbers up to 99. */
export function generatedEnvironmentName(i: number): string {
  return `e${String(i).padStart(2, '0')}`;
}

/**
 * `count` environments shaped like `template`, named `e01`.. with VPC CIDRs `10.<i>.0.0/16`, so
 * stack names, bucket names and address ranges are all distinct.
 */
export function generateEnvironments(template: EnvironmentConfig, count: number): EnvironmentConfig[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_GENERATED_ENVIRONMENTS) {
    throw new Error(
      `generateEnvironments: count must be an integer 1..${MAX_GENERATED_ENVIRONMENTS}, got ${count}`,
    );
  }
  return Array.from({ length: count }, (_, k) => ({
    ...template,
    name: generatedEnvironmentName(k + 1),
    vpcCidr: `10.${k + 1}.0.0/16`,
  }));
}

/**
 * One environment like `template` spread over `azCount` zones of its region with the given NAT
 * layout: the knob that grows the number of resources in a single stack.
 */
export function environmentWithZones(
  template: EnvironmentConfig,
  azCount: number,
  natGateways: NatMode = 'perAz',
): EnvironmentConfig {
  if (!Number.isInteger(azCount) || azCount < 1 || azCount > ZONE_LETTERS.length) {
    throw new Error(
      `environmentWithZones: azCount must be an integer 1..${ZONE_LETTERS.length}, got ${azCount}`,
    );
  }
  return {
    ...template,
    name: `az${azCount}`,
    availabilityZones: ZONE_LETTERS.slice(0, azCount).map((l) => `${template.region}${l}`),
    natGateways,
    privateSubnets: template.privateSubnets || natGateways !== 'none',
  };
}
