import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';

/** The examples (folders under examples/) and how the tests load them. */
export const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');

export const EXAMPLE_NAMES = readdirSync(EXAMPLES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** What every example's main.ts exports: its stacks, added to an App, each under the policy pack. */
export interface Example {
  build(app: App): TerraformStack[];
}

export function loadExample(name: string): Example {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(EXAMPLES_DIR, name, 'main')) as Example;
}
