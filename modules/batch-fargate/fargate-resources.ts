/**
 * The vCPU and memory combinations Fargate runs (AWS Batch "Job definition parameters for
 * Fargate": `resourceRequirements`). A job definition with any other pair is accepted by the API
 * but its jobs never leave RUNNABLE, so the module checks the pair at synthesis.
 */

/** vCPU values Fargate accepts. */
export type FargateVcpu = 0.25 | 0.5 | 1 | 2 | 4 | 8 | 16;

/** Memory (MiB) Fargate accepts for each vCPU value. */
export const FARGATE_MEMORY_BY_VCPU: Readonly<Record<FargateVcpu, readonly number[]>> = {
  0.25: [512, 1024, 2048],
  0.5: range(1024, 4096, 1024),
  1: range(2048, 8192, 1024),
  2: range(4096, 16384, 1024),
  4: range(8192, 30720, 1024),
  8: range(16384, 61440, 4096),
  16: range(32768, 122880, 8192),
};

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let x = from; x <= to; x += step) out.push(x);
  return out;
}

/** True when Fargate runs a job with `vcpu` vCPUs and `memoryInMiB` MiB. */
export function isFargateCombination(vcpu: number, memoryInMiB: number): boolean {
  const allowed = FARGATE_MEMORY_BY_VCPU[vcpu as FargateVcpu];
  return allowed !== undefined && allowed.includes(memoryInMiB);
}

/** A human-readable list of the memory values allowed for `vcpu` (for error messages). */
export function describeFargateMemory(vcpu: number): string {
  const allowed = FARGATE_MEMORY_BY_VCPU[vcpu as FargateVcpu];
  if (!allowed) {
    const vcpus = Object.keys(FARGATE_MEMORY_BY_VCPU).map(Number);
    return `vCPU must be one of ${vcpus.sort((a, b) => a - b).join(', ')}`;
  }
  if (allowed.length <= 3) return `${vcpu} vCPU takes ${allowed.join(', ')} MiB`;
  const step = allowed[1] - allowed[0];
  return `${vcpu} vCPU takes ${allowed[0]} to ${allowed[allowed.length - 1]} MiB in steps of ${step}`;
}
