/**
 * Reading what a synth wrote (`<outdir>/manifest.json` and each stack's `cdk.tf.json`), for the
 * resource counts of `npm run bench`.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Counts of one synthesized stack. */
export interface StackCounts {
  readonly name: string;
  /** Managed resources (`resource.<type>.<name>`). */
  readonly resources: number;
  /** Data sources (`data.<type>.<name>`). */
  readonly dataSources: number;
  /** Size of the stack's JSON, bytes. */
  readonly bytes: number;
  /** Stacks this one depends on (cross-stack references); empty: it deploys on its own. */
  readonly dependencies: readonly string[];
}

/** The parts of a synthesized stack that are counted. */
export interface StackJson {
  readonly resource?: Record<string, Record<string, unknown>>;
  readonly data?: Record<string, Record<string, unknown>>;
}

function countBlocks(blocks: Record<string, Record<string, unknown>> | undefined): number {
  return Object.values(blocks ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
}

/** Resources and data sources in one synthesized stack. */
export function countStack(
  name: string,
  json: StackJson,
  bytes = 0,
  dependencies: readonly string[] = [],
): StackCounts {
  return {
    name,
    resources: countBlocks(json.resource),
    dataSources: countBlocks(json.data),
    bytes,
    dependencies,
  };
}

interface Manifest {
  readonly stacks: Record<
    string,
    { readonly synthesizedStackPath: string; readonly dependencies?: readonly string[] }
  >;
}

/** Counts every stack listed in `<outdir>/manifest.json`, sorted by name. */
export function readSynthOutput(outdir: string): StackCounts[] {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as Manifest;
  return Object.entries(manifest.stacks)
    .map(([name, s]) => {
      const file = join(outdir, s.synthesizedStackPath);
      return countStack(
        name,
        JSON.parse(readFileSync(file, 'utf8')) as StackJson,
        statSync(file).size,
        s.dependencies ?? [],
      );
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Totals over stacks. */
export function totals(stacks: readonly StackCounts[]): {
  stacks: number;
  resources: number;
  dataSources: number;
  bytes: number;
} {
  return stacks.reduce(
    (t, s) => ({
      stacks: t.stacks + 1,
      resources: t.resources + s.resources,
      dataSources: t.dataSources + s.dataSources,
      bytes: t.bytes + s.bytes,
    }),
    { stacks: 0, resources: 0, dataSources: 0, bytes: 0 },
  );
}
