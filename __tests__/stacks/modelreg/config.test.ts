import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError, ValidationProblem } from '../../../modules/core/validation';
import { ModelregEnvironmentConfig, validateModelregEnvironment } from '../../../stacks/modelreg/config';
import { MODELREG_ENVIRONMENTS } from '../../../stacks/modelreg/environments';
import { estimateMonthlyCost, estimateMonthlyTotal } from '../../../stacks/modelreg/costs';
import { MODELREG_SYSTEM } from '../../../stacks/modelreg/system';

const DEV = MODELREG_ENVIRONMENTS[0];
const PROD = MODELREG_ENVIRONMENTS[2];

function problemsOf(cfg: unknown): ValidationProblem[] {
  try {
    validateModelregEnvironment(cfg as ModelregEnvironmentConfig);
  } catch (e) {
    if (e instanceof ValidationError) return [...e.problems];
    throw e;
  }
  return [];
}

/** A copy of `base` with one nested field changed (`'autograder.vcpu'`). */
function withField(
  path: string,
  value: unknown,
  base: ModelregEnvironmentConfig = DEV,
): ModelregEnvironmentConfig {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  const keys = path.split('.');
  let node = copy;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
  return copy as unknown as ModelregEnvironmentConfig;
}

describe('modelreg environments', () => {
  it('ships dev, staging and prod, each valid, in the address plan', () => {
    expect(MODELREG_ENVIRONMENTS.map((e) => [e.name, e.vpcCidr, e.region])).toEqual([
      ['dev', '10.50.0.0/16', 'us-east-1'],
      ['staging', '10.51.0.0/16', 'us-east-1'],
      ['prod', '10.52.0.0/16', 'us-east-1'],
    ]);
    for (const e of MODELREG_ENVIRONMENTS) expect(problemsOf(e)).toEqual([]);
    expect(MODELREG_SYSTEM.environments()).toBe(MODELREG_ENVIRONMENTS);
  });

  it("follows the seed's production settings in prod", () => {
    expect(PROD.backend.scaling).toEqual({
      minCapacity: 2,
      maxCapacity: 10,
      cpuTargetPercent: 70,
      memoryTargetPercent: 80,
    });
    expect(PROD.autograder).toMatchObject({ maxVcpus: 16, timeoutInMinutes: 15, retryAttempts: 3 });
    expect(PROD.database).toMatchObject({
      multiAz: true,
      deletionProtection: true,
      instanceClass: 'db.t3.micro',
    });
    expect(PROD.webAcls).toBe(true);
  });

  it.each(MODELREG_ENVIRONMENTS.map((e) => [e.name, e] as const))(
    '%s stays within its monthly budget',
    (_n, e) => {
      expect(estimateMonthlyTotal(e)).toBeLessThanOrEqual(e.monthlyBudgetUsd);
    },
  );

  it('estimates each environment at the totals the README states', () => {
    const readme = readFileSync(join(__dirname, '../../../stacks/modelreg/README.md'), 'utf8');
    for (const e of MODELREG_ENVIRONMENTS) {
      const total = estimateMonthlyTotal(e).toFixed(2).replace('.', '\\.');
      expect(readme).toMatch(
        new RegExp(`\\|\\s*\\*\\*${e.name} total\\*\\*\\s*\\|\\s*\\*\\*${total}\\*\\*\\s*\\|`),
      );
    }
  });

  it("prices prod above the seed's $150-200 only by what its own checklist adds", () => {
    const lines = estimateMonthlyCost(PROD);
    const item = (start: string) =>
      lines.filter((l) => l.item.startsWith(start)).reduce((n, l) => n + l.monthlyUsd, 0);
    const checklist = item('WAF') + item('Interface VPC endpoints') + item('RDS db.t3.micro Multi-AZ') / 2;
    expect(Math.round((estimateMonthlyTotal(PROD) - checklist) * 100) / 100).toBeLessThanOrEqual(200);
  });
});

describe('validateModelregEnvironment', () => {
  it.each<[string, string, unknown, string, string]>([
    [
      'no NAT',
      'natGateways',
      'none',
      'must be "single" or "perAz": the backend calls AWS APIs without interface endpoints for all of them',
      'use "single" (one NAT, $36.50 a month) or "perAz" (survives an AZ loss)',
    ],
    [
      'API host outside the zone',
      'dns.apiHostName',
      'api.example.net',
      'is not inside the hosted zone example.com',
      'use a name ending in ".example.com", or change the zone',
    ],
    [
      'one host for both',
      'dns.apiHostName',
      'registry.dev.example.com',
      'is the same host name as dns.frontendHostName',
      'give every endpoint its own host name: the load balancer routes by host',
    ],
    [
      'WAF flag',
      'webAcls',
      1,
      'must be true or false',
      'set webAcls: true wherever real users reach the registry (the seed asks for WAF in production)',
    ],
    [
      'rate limit',
      'wafRateLimitPerFiveMinutes',
      99,
      'must be a whole number from 100 to 2000000000',
      'set wafRateLimitPerFiveMinutes to a whole number from 100 to 2000000000',
    ],
    ['job vCPU', 'autograder.vcpu', 3, 'is not a Fargate vCPU value', 'use 0.25, 0.5, 1, 2, 4, 8 or 16'],
    [
      'job memory',
      'autograder.memoryInMiB',
      1024,
      'is not a memory size Fargate takes with 1 vCPU',
      'use a size Fargate takes: 1 vCPU takes 2048 to 8192 MiB in steps of 1024',
    ],
    [
      'job timeout',
      'autograder.timeoutInMinutes',
      61,
      'must be a whole number from 1 to 60',
      'set autograder.timeoutInMinutes to a whole number from 1 to 60',
    ],
    [
      'egress mode',
      'autograder.egress',
      'none',
      'is not an egress mode',
      'use "internet" or "vpcEndpointsOnly"',
    ],
    [
      'deploy repository',
      'appDeploy.repository',
      'model-registry',
      'is not a GitHub repository in the form owner/name',
      'use the repository as GitHub spells it, e.g. "example/model-registry"',
    ],
    [
      'wildcard deploy branch',
      'appDeploy.branches',
      ['release/*'],
      'is not an exact git branch name (no wildcards)',
      'list each branch by its full name, e.g. "aws-deployment"',
    ],
    [
      'OIDC provider of another issuer',
      'appDeploy.oidcProviderArn',
      'arn:aws:iam::123456789012:oidc-provider/gitlab.com',
      'is not the ARN of a GitHub Actions OIDC provider',
      'use arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com',
    ],
    [
      'CloudFront error rate',
      'alarms.cloudFront5xxRatePercent',
      0,
      'must be a number from 0.1 to 100',
      'set alarms.cloudFront5xxRatePercent to a number from 0.1 to 100',
    ],
    [
      'failed-job threshold',
      'alarms.failedJobs',
      0,
      'must be a whole number from 1 to 1000',
      'set alarms.failedJobs to a whole number from 1 to 1000',
    ],
  ])('reports a bad %s with field, value, problem and fix', (_what, field, value, problem, fix) => {
    const problems = problemsOf(withField(field, value));
    const fieldOf = field === 'appDeploy.branches' ? 'appDeploy.branches[0]' : field;
    const valueOf = field === 'appDeploy.branches' ? (value as string[])[0] : value;
    expect(problems.find((p) => p.field === fieldOf && p.problem === problem)).toEqual({
      field: fieldOf,
      value: valueOf,
      problem,
      fix,
    });
  });

  it.each<[string, string, unknown, string, string]>([
    [
      'backup schedule',
      'databaseBackupPlan.schedule',
      'cron(0 5 * * * *)',
      'is not a valid AWS Backup schedule (exactly one of day-of-month and day-of-week must be "?")',
      'use an AWS cron expression in UTC, e.g. "cron(0 5 ? * * *)" (daily 05:00)',
    ],
    [
      'backup retention',
      'databaseBackupPlan.retentionInDays',
      6,
      'must be a whole number from 7 to 36500',
      'keep recovery points at least as long as the automated backups (7 days)',
    ],
  ])('reports a bad %s of the AWS Backup plan', (_what, field, value, problem, fix) => {
    expect(problemsOf(withField(field, value, PROD))).toEqual([{ field, value, problem, fix }]);
  });

  it('accepts a 7-day backup plan, and none at all', () => {
    expect(problemsOf(withField('databaseBackupPlan.retentionInDays', 7, PROD))).toEqual([]);
    expect(problemsOf(withField('databaseBackupPlan', undefined, PROD))).toEqual([]);
  });

  it('refuses a job larger than the compute environment, and accepts one as large', () => {
    const big = withField(
      'autograder.memoryInMiB',
      16384,
      withField('autograder.vcpu', 8, withField('autograder.maxVcpus', 4)),
    );
    expect(problemsOf(big)).toEqual([
      {
        field: 'autograder.maxVcpus',
        value: 4,
        problem: "is below one job's 8 vCPU, so no job could ever start",
        fix: 'use at least 8',
      },
    ]);
    expect(problemsOf(withField('autograder.maxVcpus', 8, big))).toEqual([]);
  });

  it('needs the endpoints an isolated autograder pulls and logs through', () => {
    expect(problemsOf(withField('interfaceEndpoints', ['ecr.api'], PROD))).toEqual([
      {
        field: 'interfaceEndpoints',
        value: ['ecr.api'],
        problem:
          'lacks ecr.dkr, logs, which autograder jobs without internet access need to pull their image and write logs',
        fix: 'add "ecr.dkr", "logs", or set autograder.egress to "internet"',
      },
    ]);
    expect(
      problemsOf(withField('autograder.egress', 'internet', withField('interfaceEndpoints', [], PROD))),
    ).toEqual([]);
  });

  it.each<[string, string, unknown]>([
    ['the smallest job', 'autograder.vcpu', 0.25],
    ['a 60-minute job', 'autograder.timeoutInMinutes', 60],
    ['one attempt', 'autograder.retryAttempts', 1],
    ['the lowest rate limit', 'wafRateLimitPerFiveMinutes', 100],
    ['environments only', 'appDeploy.branches', []],
    ['a nested deploy branch', 'appDeploy.branches', ['release/2025.1']],
  ])('accepts %s', (_what, field, value) => {
    const cfg =
      field === 'autograder.vcpu'
        ? withField('autograder.memoryInMiB', 512, withField(field, value))
        : withField(field, value);
    expect(problemsOf(cfg)).toEqual([]);
  });

  it('needs a branch or an environment to deploy from', () => {
    expect(problemsOf(withField('appDeploy.environments', [], withField('appDeploy.branches', [])))).toEqual([
      {
        field: 'appDeploy.branches',
        value: [],
        problem: 'and appDeploy.environments are both empty, so no workflow could deploy',
        fix: 'list the deploy branch (e.g. "aws-deployment") or a GitHub environment',
      },
    ]);
  });

  it('reports every problem of an untyped caller, never a TypeError', () => {
    const fields = problemsOf({ name: 'dev', region: 'us-east-1' }).map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'vpcCidr',
        'dns',
        'database',
        'backend',
        'autograder',
        'autograder.vcpu',
        'appDeploy',
        'appDeploy.oidcProviderArn',
        'alarms',
        'usage',
      ]),
    );
    expect(() => validateModelregEnvironment([] as unknown as ModelregEnvironmentConfig)).toThrow(
      ValidationError,
    );
  });
});
