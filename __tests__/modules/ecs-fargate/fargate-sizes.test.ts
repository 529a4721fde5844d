import { fargateCpuFor, fargateMemoryOptions, isValidFargateSize } from '../../../modules/ecs-fargate';
import { describeMemoryOptions } from '../../../modules/ecs-fargate/fargate-sizes';

describe('Fargate task sizes', () => {
  it.each([
    [256, [512, 1024, 2048]],
    [512, [1024, 2048, 3072, 4096]],
    [1024, [2048, 3072, 4096, 5120, 6144, 7168, 8192]],
  ] as const)('%i CPU units take exactly %j MiB', (cpu, memory) => {
    expect(fargateMemoryOptions(cpu)).toEqual(memory);
  });

  it.each([
    [2048, 4096, 16384, 13],
    [4096, 8192, 30720, 23],
    [8192, 16384, 61440, 12],
    [16384, 32768, 122880, 12],
  ] as const)('%i CPU units: %i to %i MiB, %i sizes', (cpu, min, max, count) => {
    const options = fargateMemoryOptions(cpu);
    expect([options[0], options[options.length - 1], options.length]).toEqual([min, max, count]);
  });

  it.each([
    [256, 512, true],
    [256, 3072, false],
    [512, 512, false],
    [512, 4096, true],
    [1024, 1024, false],
    [1024, 2048, true],
    [4096, 30720, true],
    [4096, 31744, false],
    [8192, 20480, true],
    [8192, 17408, false],
    [384, 1024, false],
  ])('%i CPU / %i MiB valid: %s', (cpu, memory, ok) => {
    expect(isValidFargateSize(cpu, memory)).toBe(ok);
  });

  it('names the CPU sizes that accept a memory size, and describes ranges', () => {
    expect(fargateCpuFor(1024)).toEqual([256, 512]);
    expect(fargateCpuFor(16384)).toEqual([2048, 4096, 8192]);
    expect(fargateCpuFor(1000)).toEqual([]);
    expect(describeMemoryOptions(256)).toBe('512 or 1024 to 2048 MiB in steps of 1024');
    expect(describeMemoryOptions(8192)).toBe('16384 to 61440 MiB in steps of 4096');
  });
});
