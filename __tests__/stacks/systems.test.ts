import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { buildApp } from '../../main';
import { SystemDefinition, SystemEnvironment } from '../../stacks/shared/system';
import { SYSTEMS } from '../../stacks/systems';
import { AccountStack } from '../../stacks/account/account-stack';

/** A system whose stacks hold only a provider: enough to test selection without real constructs. */
function fakeSystem(name: string, environments: SystemEnvironment[], built: string[] = []): SystemDefinition {
  return {
    name,
    title: `fake ${name}`,
    environments: () => environments,
    validate: (e) => {
      if (!/^[a-z]+$/.test(e.name)) throw new Error(`bad name ${e.name}`);
    },
    createStack: (scope: Construct, id: string, e: SystemEnvironment) => {
      built.push(id);
      const stack = new TerraformStack(scope, id);
      new AwsProvider(stack, 'aws', { region: e.region });
      return stack;
    },
  };
}

const ENVS = (base: number): SystemEnvironment[] => [
  { name: 'dev', region: 'us-east-1', vpcCidr: `10.${base}.0.0/16` },
  { name: 'prod', region: 'us-east-1', vpcCidr: `10.${base + 1}.0.0/16` },
];

function stacksOf(
  env: Record<string, string>,
  systems = [fakeSystem('alpha', ENVS(1)), fakeSystem('beta', ENVS(3))],
) {
  const app = buildApp({ env, systems, outdir: '/nonexistent' });
  return app.node.children.filter((c) => c instanceof TerraformStack).map((c) => c.node.id);
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('system and stack selection', () => {
  it('builds the bootstrap stack, the account stack and every environment of every system by default', () => {
    expect(stacksOf({})).toEqual([
      'mlmon-bootstrap',
      'mlmon-account',
      'alpha-dev',
      'alpha-prod',
      'beta-dev',
      'beta-prod',
    ]);
  });

  it('selects systems with MLMON_SYSTEMS and environments with MLMON_ENVIRONMENTS', () => {
    expect(stacksOf({ MLMON_SYSTEMS: 'beta' })).toEqual([
      'mlmon-bootstrap',
      'mlmon-account',
      'beta-dev',
      'beta-prod',
    ]);
    expect(stacksOf({ MLMON_ENVIRONMENTS: 'prod' })).toEqual([
      'mlmon-bootstrap',
      'mlmon-account',
      'alpha-prod',
      'beta-prod',
    ]);
  });

  it('builds the account stack alone with MLMON_STACKS=mlmon-account, with the account id of MLMON_ACCOUNT_ID', () => {
    const app = buildApp({
      env: { MLMON_STACKS: 'mlmon-account', MLMON_ACCOUNT_ID: '444455556666' },
      systems: [fakeSystem('alpha', ENVS(1))],
      outdir: '/nonexistent',
    });
    const stacks = app.node.children.filter((c) => c instanceof TerraformStack);
    expect(stacks.map((s) => s.node.id)).toEqual(['mlmon-account']);
    expect((stacks[0] as AccountStack).trail.bucket.node.path).toBe('mlmon-account/trail/bucket');
    expect(JSON.stringify(stacks[0].toTerraform())).toContain('mlmon-cloudtrail-444455556666');
  });

  it('refuses a bad MLMON_ACCOUNT_ID before building anything', () => {
    expect(errorOf(() => stacksOf({ MLMON_ACCOUNT_ID: '12345' }))).toContain(
      'Invalid input for account (1 problem):\n  - accountId = "12345": is not a 12-digit AWS account id',
    );
  });

  it('refuses an environment stack named like the account stack', () => {
    expect(
      errorOf(() => stacksOf({}, [fakeSystem('mlmon', [{ name: 'account', region: 'us-east-1' }])])),
    ).toContain('name = "mlmon-account": is the name of a shared stack');
  });

  it('builds exactly the stacks named in MLMON_STACKS, and never loads the other systems', () => {
    const builtAlpha: string[] = [];
    const builtBeta: string[] = [];
    const systems = [fakeSystem('alpha', ENVS(1), builtAlpha), fakeSystem('beta', ENVS(3), builtBeta)];
    expect(stacksOf({ MLMON_STACKS: 'beta-dev' }, systems)).toEqual(['beta-dev']);
    expect(builtAlpha).toEqual([]);
    expect(builtBeta).toEqual(['beta-dev']);
  });

  it.each([
    ['MLMON_SYSTEMS', '', 'MLMON_SYSTEMS = "": selects no system'],
    ['MLMON_ENVIRONMENTS', ' , ', 'MLMON_ENVIRONMENTS = " , ": selects no environment'],
    [
      'MLMON_STACKS',
      'gamma-dev',
      'MLMON_STACKS = "gamma-dev": is not a known stack (known: mlmon-bootstrap, mlmon-account, alpha-dev',
    ],
    ['MLMON_SYSTEMS', 'gamma', 'MLMON_SYSTEMS = "gamma": is not a known system (known: alpha, beta)'],
  ])('refuses %s=%j with the project error', (key, value, message) => {
    expect(errorOf(() => stacksOf({ [key]: value }))).toContain(message);
  });

  it('refuses two environments of one system with the same name', () => {
    const dup = fakeSystem('alpha', [
      ...ENVS(1),
      { name: 'dev', region: 'us-east-1', vpcCidr: '10.9.0.0/16' },
    ]);
    expect(errorOf(() => stacksOf({}, [dup]))).toBe(
      'Invalid input for alpha environments (1 problem):\n' +
        '  - name = "dev": names more than one environment of alpha. Fix: rename one of them: stack names (alpha-dev) and state keys must be unique',
    );
  });

  it('refuses two systems with the same name', () => {
    expect(
      errorOf(() => stacksOf({}, [fakeSystem('alpha', ENVS(1)), fakeSystem('alpha', ENVS(3))])),
    ).toContain('name = "alpha": is used by more than one system');
  });

  it('refuses VPC blocks that overlap another stack, across systems', () => {
    const systems = [
      fakeSystem('alpha', ENVS(1)),
      fakeSystem('beta', [{ name: 'dev', region: 'eu-west-1', vpcCidr: '10.1.128.0/17' }]),
    ];
    expect(errorOf(() => stacksOf({}, systems))).toBe(
      'Invalid input for stacks (1 problem):\n' +
        '  - alpha-dev.vpcCidr = "10.1.0.0/16": overlaps beta-dev.vpcCidr (10.1.128.0/17). Fix: give every stack its own block (README "Address plan" lists the blocks in use)',
    );
  });

  it("runs each system's own validation", () => {
    expect(errorOf(() => stacksOf({}, [fakeSystem('alpha', [{ name: 'Dev', region: 'us-east-1' }])]))).toBe(
      'bad name Dev',
    );
  });
});

describe('cdktf.json context', () => {
  it.each([
    ['bucketPrefix', 42],
    ['githubRepository', true],
    ['accountId', 111122223333],
  ])('refuses %s of the wrong JSON type', (key, value) => {
    expect(
      errorOf(() => buildApp({ env: {}, context: { [key]: value }, systems: [], outdir: '/nonexistent' })),
    ).toBe(
      'Invalid input for cdktf.json context (1 problem):\n' +
        `  - ${key} = ${JSON.stringify(value)}: must be a JSON string, not a ${typeof value}. Fix: write it as "${value}" (quoted)`,
    );
  });
});

describe('the shipped systems', () => {
  it('have unique names and VPC blocks that overlap nowhere', () => {
    expect(() =>
      buildApp({ env: { MLMON_STACKS: 'mlmon-bootstrap' }, outdir: '/nonexistent' }),
    ).not.toThrow();
    expect(SYSTEMS.map((s) => s.name)).toEqual(['mlmon', 'mlcicd', 'modelreg']);
  });
});
