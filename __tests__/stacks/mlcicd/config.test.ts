import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError, ValidationProblem } from '../../../modules/core/validation';
import { MlcicdEnvironmentConfig, validateMlcicdEnvironment } from '../../../stacks/mlcicd/config';
import { MLCICD_ENVIRONMENTS } from '../../../stacks/mlcicd/environments';
import { estimateMonthlyCost, estimateMonthlyTotal } from '../../../stacks/mlcicd/costs';
import { MLCICD_SYSTEM } from '../../../stacks/mlcicd/system';

const DEV = MLCICD_ENVIRONMENTS[0];

function problemsOf(cfg: unknown): ValidationProblem[] {
  try {
    validateMlcicdEnvironment(cfg as MlcicdEnvironmentConfig);
  } catch (e) {
    if (e instanceof ValidationError) return [...e.problems];
    throw e;
  }
  return [];
}

/** A copy of DEV with one nested field changed (`'database.multiAz'`). */
function withField(path: string, value: unknown): MlcicdEnvironmentConfig {
  const copy = JSON.parse(JSON.stringify(DEV)) as Record<string, unknown>;
  const keys = path.split('.');
  let node = copy;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
  return copy as unknown as MlcicdEnvironmentConfig;
}

describe('mlcicd environments', () => {
  it('ships dev, staging and prod, each valid, in the address plan', () => {
    expect(MLCICD_ENVIRONMENTS.map((e) => [e.name, e.vpcCidr])).toEqual([
      ['dev', '10.40.0.0/16'],
      ['staging', '10.41.0.0/16'],
      ['prod', '10.42.0.0/16'],
    ]);
    for (const e of MLCICD_ENVIRONMENTS) expect(problemsOf(e)).toEqual([]);
    expect(MLCICD_SYSTEM.environments()).toBe(MLCICD_ENVIRONMENTS);
  });

  it.each(MLCICD_ENVIRONMENTS.map((e) => [e.name, e] as const))(
    '%s stays within its monthly budget',
    (_name, e) => {
      expect(estimateMonthlyTotal(e)).toBeLessThanOrEqual(e.monthlyBudgetUsd);
    },
  );

  it('estimates each environment at the totals the README states', () => {
    const readme = readFileSync(join(__dirname, '../../../stacks/mlcicd/README.md'), 'utf8');
    for (const e of MLCICD_ENVIRONMENTS) {
      const total = estimateMonthlyTotal(e).toFixed(2).replace('.', '\\.');
      expect(readme).toMatch(
        new RegExp(`\\|\\s*\\*\\*${e.name} total\\*\\*\\s*\\|\\s*\\*\\*${total}\\*\\*\\s*\\|`),
      );
    }
  });

  it('counts Spot tasks at about 30 % of the on-demand price', () => {
    const line = (name: string) =>
      estimateMonthlyCost(MLCICD_ENVIRONMENTS.find((e) => e.name === name) as MlcicdEnvironmentConfig).find(
        (l) => l.item.startsWith('MLflow tasks'),
      );
    expect(line('dev')?.monthlyUsd).toBe(5.41); // one Spot task: 18.02 x 0.3
    expect(line('prod')?.monthlyUsd).toBe(36.04); // two on-demand tasks
  });
});

describe('validateMlcicdEnvironment', () => {
  it.each<[string, string, unknown, string, string]>([
    ['NAT mode', 'natGateways', 'two', 'is not a NAT mode', 'use "none", "single" or "perAz"'],
    [
      'zone id',
      'dns.hostedZoneId',
      '/hostedzone/Z1',
      'is not a Route 53 hosted zone id',
      'copy the id of the public zone from Route 53, e.g. "Z0123456789ABCDEFGHIJ" (without "/hostedzone/")',
    ],
    [
      'host outside the zone',
      'dns.mlflowHostName',
      'mlflow.example.org',
      'is not inside the hosted zone example.com',
      'use a name ending in ".example.com", or change the zone',
    ],
    [
      'upper-case host',
      'dns.servingHostName',
      'Models.example.com',
      'has upper-case letters (DNS names are case-insensitive; write them in lower case)',
      'use a lower-case host name of at most 64 characters (ACM limit), e.g. "mlflow.dev.example.com"',
    ],
    [
      'same host twice',
      'dns.servingHostName',
      'mlflow.dev.mlcicd.example.com',
      'is the same host name as dns.mlflowHostName',
      'give every endpoint its own host name: the load balancer routes by host',
    ],
    [
      'MLflow open to the internet',
      'mlflowAdminCidrs',
      ['0.0.0.0/1', '128.0.0.0/1'],
      'opens an administrative endpoint to more of the internet than one /8 (counting all blocks together)',
      'list your office or VPN ranges only',
    ],
    [
      'no admin block',
      'mlflowAdminCidrs',
      [],
      'must list 1 to 9 CIDR blocks',
      'list the office or VPN egress ranges of the administrators, e.g. ["203.0.113.0/24"]',
    ],
    [
      'instance class',
      'database.instanceClass',
      't3.micro',
      'is not an RDS instance class',
      'use a class such as "db.t3.micro" or "db.t4g.small"',
    ],
    [
      'backups shorter than the seed',
      'database.backupRetentionInDays',
      6,
      'must be a whole number from 7 to 35',
      'keep automated backups 7 to 35 days (the seed asks for 7)',
    ],
    [
      'restart inside the rotation window',
      'database.clientRestartSchedule',
      'cron(30 3 ? * SUN *)',
      'restarts the clients at 03:30 UTC, before the rotation window (03:00 + 1 h) ends',
      'restart at 04:00 UTC or later on the same day',
    ],
    [
      'rotation expression',
      'database.passwordRotationSchedule',
      'weekly',
      'is not a Secrets Manager schedule expression',
      'use "cron(0 3 ? * SUN *)" (Sundays 03:00 UTC) or "rate(30 days)"',
    ],
    [
      'latest image',
      'mlflow.imageTag',
      'latest',
      'is "latest", which names no one image: a task started tomorrow could run other code than the plan showed',
      'use a version tag such as "1.4.2" (the CI pipeline pushes it to the ECR repository)',
    ],
    [
      'task memory',
      'serving.memoryMiB',
      512,
      'is not a memory size Fargate accepts with cpu 512',
      'use 1024 to 4096 MiB in steps of 1024',
    ],
    [
      'Spot weight',
      'serving.spot.spotWeight',
      0,
      'must be a whole number from 1 to 1000',
      'set spotWeight from 1 to 1000, or remove spot to run on-demand only',
    ],
    [
      'privileged port',
      'serving.containerPort',
      80,
      'must be a whole number from 1024 to 65535',
      'use a port from 1024 (non-root processes cannot bind lower), e.g. 8080',
    ],
    [
      'scaling bounds',
      'serving.scaling.maxCapacity',
      101,
      'must be a whole number from 1 to 100',
      'set serving.scaling.maxCapacity to a whole number from 1 to 100',
    ],
    [
      'health path',
      'serving.healthCheckPath',
      'health',
      'is not an absolute URL path',
      'use the container health endpoint, e.g. "/health"',
    ],
    [
      'p99 below p90',
      'alarms.responseTimeP99Seconds',
      1,
      'is below the p90 threshold (2 s)',
      'use at least 2',
    ],
    [
      'budget',
      'monthlyBudgetUsd',
      0,
      'must be a positive number of USD per month (at most 100,000)',
      'set the budget the environment must stay within, e.g. 200',
    ],
    [
      'web ACL flag',
      'webAcl',
      'yes',
      'must be true or false',
      'set webAcl: true for internet-facing environments that serve real clients',
    ],
  ])('reports a bad %s with field, value, problem and fix', (_what, field, value, problem, fix) => {
    expect(problemsOf(withField(field, value))).toEqual([{ field, value, problem, fix }]);
  });

  it.each<[string, string, unknown]>([
    ['the shortest backups', 'database.backupRetentionInDays', 7],
    ['the longest backups', 'database.backupRetentionInDays', 35],
    ['a restart right at the end of the window', 'database.clientRestartSchedule', 'cron(0 4 ? * SUN *)'],
    ['a rate rotation (not compared)', 'database.passwordRotationSchedule', 'rate(30 days)'],
    ['nine admin blocks', 'mlflowAdminCidrs', Array.from({ length: 9 }, (_, i) => `198.51.100.${i * 16}/28`)],
    ['a /8 of admin addresses', 'mlflowAdminCidrs', ['11.0.0.0/8']],
    ['port 1024', 'serving.containerPort', 1024],
    ['equal scaling bounds', 'serving.scaling.maxCapacity', 1],
    ['a storage ceiling equal to the storage', 'database.maxAllocatedStorageInGiB', 20],
    ['p99 equal to p90', 'alarms.responseTimeP99Seconds', 2],
    ['on-demand only', 'serving.spot', undefined],
  ])('accepts %s', (_what, field, value) => {
    expect(problemsOf(withField(field, value))).toEqual([]);
  });

  it('reports an unknown endpoint service and a storage ceiling below the storage', () => {
    expect(problemsOf(withField('interfaceEndpoints', ['ecr']))).toEqual([
      {
        field: 'interfaceEndpoints[0]',
        value: 'ecr',
        problem: 'is not an interface endpoint service this project knows',
        fix: 'use a name such as "ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssm" or "sts"',
      },
    ]);
    expect(problemsOf(withField('database.allocatedStorageInGiB', 60))).toEqual([
      {
        field: 'database.maxAllocatedStorageInGiB',
        value: 50,
        problem: 'is below allocatedStorageInGiB (60)',
        fix: 'use at least 60 (equal turns storage autoscaling off)',
      },
    ]);
  });

  it('needs the endpoints that replace a NAT gateway', () => {
    expect(problemsOf({ ...DEV, natGateways: 'none', interfaceEndpoints: ['ecr.api', 'logs'] })).toEqual([
      {
        field: 'interfaceEndpoints',
        value: ['ecr.api', 'logs'],
        problem:
          'lacks ecr.dkr, secretsmanager, ssm: without a NAT gateway the tasks could not pull images, write logs or read their secrets',
        fix: 'add "ecr.dkr", "secretsmanager", "ssm", or use natGateways "single"',
      },
    ]);
    expect(
      problemsOf({
        ...DEV,
        natGateways: 'none',
        interfaceEndpoints: ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'ssm'],
      }),
    ).toEqual([]);
  });

  it('needs two zones (load balancer and DB subnet group) and a VPC block', () => {
    expect(problemsOf({ ...DEV, availabilityZones: ['us-west-2a'] }).map((p) => p.field)).toEqual([
      'availabilityZones',
    ]);
    expect(problemsOf({ ...DEV, vpcCidr: undefined }).map((p) => p.problem)).toEqual([
      'is required: the services run in a VPC',
    ]);
  });

  it('reports every problem of an untyped caller, never a TypeError', () => {
    const problems = problemsOf({ name: 'dev', region: 'us-west-2' });
    expect(problems.map((p) => p.field)).toEqual(
      expect.arrayContaining([
        'availabilityZones',
        'vpcCidr',
        'dns',
        'mlflowAdminCidrs',
        'database',
        'database.instanceClass',
        'mlflow',
        'serving',
        'serving.scaling',
        'alarms',
        'usage',
        'monthlyBudgetUsd',
      ]),
    );
    expect(problems).toContainEqual({
      field: 'mlflow.desiredCount',
      value: undefined,
      problem: 'is required: a whole number from 1 to 10',
      fix: 'set mlflow.desiredCount to a whole number from 1 to 10',
    });
    expect(problemsOf(withField('alarms.ecsCpuPercent', '80'))).toEqual([
      {
        field: 'alarms.ecsCpuPercent',
        value: '80',
        problem: 'must be a number from 1 to 100',
        fix: 'set alarms.ecsCpuPercent to a number from 1 to 100',
      },
    ]);
    expect(problemsOf(null).map((p) => p.field)).toContain('environment');
    expect(() => validateMlcicdEnvironment(undefined as unknown as MlcicdEnvironmentConfig)).toThrow(
      ValidationError,
    );
  });

  it('names the environment in the error', () => {
    expect(() => validateMlcicdEnvironment({ ...DEV, natGateways: 'x' as never })).toThrow(
      /^Invalid input for mlcicd\.environments\.dev \(1 problem\)/,
    );
  });
});
