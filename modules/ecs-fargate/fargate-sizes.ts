/**
 * Task sizes Fargate accepts (Linux), from the ECS developer guide's task size table. A task
 * definition with any other cpu/memory pair is refused by `RegisterTaskDefinition`, so the
 * module checks the pair at synth.
 */

/** Task CPU in CPU units (1,024 = 1 vCPU). */
export type FargateCpu = 256 | 512 | 1024 | 2048 | 4096 | 8192 | 16384;

/** Memory range (MiB) and step for one CPU size. */
export interface FargateMemoryRange {
  readonly minMiB: number;
  readonly maxMiB: number;
  readonly stepMiB: number;
  /** Values outside the range that are also allowed (0.25 vCPU allows 512 MiB). @default - none */
  readonly extraMiB?: readonly number[];
}

/**
 * | CPU (units) | vCPU | Memory (MiB)                      |
 * |-------------|------|-----------------------------------|
 * | 256         | 0.25 | 512, 1024, 2048                   |
 * | 512         | 0.5  | 1024 to 4096, steps of 1024       |
 * | 1024        | 1    | 2048 to 8192, steps of 1024       |
 * | 2048        | 2    | 4096 to 16384, steps of 1024      |
 * | 4096        | 4    | 8192 to 30720, steps of 1024      |
 * | 8192        | 8    | 16384 to 61440, steps of 4096     |
 * | 16384       | 16   | 32768 to 122880, steps of 8192    |
 *
 * 8 and 16 vCPU need platform version 1.4.0 or later (`LATEST` is).
 */
export const FARGATE_TASK_SIZES: Readonly<Record<FargateCpu, FargateMemoryRange>> = {
  256: { minMiB: 1024, maxMiB: 2048, stepMiB: 1024, extraMiB: [512] },
  512: { minMiB: 1024, maxMiB: 4096, stepMiB: 1024 },
  1024: { minMiB: 2048, maxMiB: 8192, stepMiB: 1024 },
  2048: { minMiB: 4096, maxMiB: 16384, stepMiB: 1024 },
  4096: { minMiB: 8192, maxMiB: 30720, stepMiB: 1024 },
  8192: { minMiB: 16384, maxMiB: 61440, stepMiB: 4096 },
  16384: { minMiB: 32768, maxMiB: 122880, stepMiB: 8192 },
};

/** The CPU sizes, ascending. */
export const FARGATE_CPU_VALUES: readonly FargateCpu[] = [256, 512, 1024, 2048, 4096, 8192, 16384];

/** True when `cpu` is a Fargate task CPU size. */
export function isFargateCpu(cpu: number): cpu is FargateCpu {
  return (FARGATE_CPU_VALUES as readonly number[]).includes(cpu);
}

/** The memory sizes (MiB) Fargate accepts with `cpu`, ascending. */
export function fargateMemoryOptions(cpu: FargateCpu): number[] {
  const r = FARGATE_TASK_SIZES[cpu];
  const values = [...(r.extraMiB ?? [])];
  for (let m = r.minMiB; m <= r.maxMiB; m += r.stepMiB) values.push(m);
  return values;
}

/** True when Fargate accepts the pair. */
export function isValidFargateSize(cpu: number, memoryMiB: number): boolean {
  return isFargateCpu(cpu) && fargateMemoryOptions(cpu).includes(memoryMiB);
}

/** The CPU sizes that accept `memoryMiB` (for fix hints). */
export function fargateCpuFor(memoryMiB: number): FargateCpu[] {
  return FARGATE_CPU_VALUES.filter((c) => fargateMemoryOptions(c).includes(memoryMiB));
}

/** A short description of the memory options of `cpu`, e.g. "1024 to 4096 MiB in steps of 1024". */
export function describeMemoryOptions(cpu: FargateCpu): string {
  const r = FARGATE_TASK_SIZES[cpu];
  const extra = r.extraMiB?.length ? `${r.extraMiB.join(', ')} or ` : '';
  return `${extra}${r.minMiB} to ${r.maxMiB} MiB in steps of ${r.stepMiB}`;
}
