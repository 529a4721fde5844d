import { tarballProblems } from '../../scripts/consumer-test';

/** What the consumer test (npm run test:consumer) accepts in the packed tarball. */
describe('tarballProblems', () => {
  const subpaths = { vpc: 'modules/vpc', backend: 'backend' };
  const good = [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'lib/modules/index.js',
    'lib/modules/index.d.ts',
    'lib/modules/vpc/index.js',
    'lib/modules/vpc/index.d.ts',
    'lib/modules/vpc/vpc.js',
    'lib/modules/vpc/vpc.d.ts',
    'lib/backend/index.js',
    'lib/backend/index.d.ts',
  ];

  it('accepts compiled JavaScript, declarations, README, LICENSE and CHANGELOG', () => {
    expect(tarballProblems(good, subpaths)).toEqual([]);
  });

  it('names a missing entry point build, license or declaration', () => {
    const files = good.filter(
      (f) => !['LICENSE', 'lib/modules/vpc/index.d.ts', 'lib/backend/index.js'].includes(f),
    );
    expect(tarballProblems(files, subpaths)).toEqual([
      'missing LICENSE',
      'missing lib/modules/vpc/index.d.ts (@ml-platform/cdktf-aws/vpc)',
      'missing lib/backend/index.js (@ml-platform/cdktf-aws/backend)',
    ]);
  });

  it('refuses tests, fixtures, sources and repository folders', () => {
    const extra = [
      '__tests__/modules/vpc/vpc.test.ts',
      'lib/modules/vpc/vpc.test.js',
      'modules/vpc/vpc.ts',
      'bench/bench.ts',
      'stacks/mlmon/config.js',
      'lib/__tests__/fixtures/plan.json',
      'examples/state-backend/main.js',
    ];
    expect(tarballProblems([...good, ...extra], subpaths)).toEqual(extra.map((f) => `ships ${f}`));
  });
});
