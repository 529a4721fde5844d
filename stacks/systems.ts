/**
 * Every system (blueprint) this repository deploys. Adding one is a folder under `stacks/` with a
 * `system.ts` exporting its {@link SystemDefinition}, and one line here.
 */
import { SystemDefinition, SystemEnvironment } from './shared/system';
import { MLMON_SYSTEM } from './mlmon/system';
import { MLCICD_SYSTEM } from './mlcicd/system';
import { MODELREG_SYSTEM } from './modelreg/system';

export const SYSTEMS: readonly SystemDefinition<SystemEnvironment>[] = [
  MLMON_SYSTEM,
  MLCICD_SYSTEM,
  MODELREG_SYSTEM,
];
