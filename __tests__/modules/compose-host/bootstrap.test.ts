import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_COMPOSE_VERSION, hostPaths } from '../../../modules/compose-host';
import { HostRenderContext } from '../../../modules/compose-host/render/context';
import { lazy } from '../../support/lazy';
import { BootSandbox, FAKE_COMPOSE_PLUGIN, bootSandbox } from './boot-sandbox';

/**
 * The rendered bootstrap of a generic project (seed 003's Postgres + Redis host), run for real
 * under bash against fakes of dnf, systemctl, curl, aws, docker, sleep and the CloudWatch agent.
 */
function ctx(overrides: Partial<HostRenderContext> = {}): HostRenderContext {
  return {
    project: 'shop',
    region: 'eu-west-1',
    os: 'al2023',
    mode: 'autoScaling',
    paths: hostPaths('shop'),
    compose: { services: { db: { image: 'postgres:16.4' }, cache: { image: 'redis:7.4.0' } } },
    files: [],
    secrets: [
      { parameterName: '/shop/dev/postgres/password', envFile: 'db.env', variable: 'POSTGRES_PASSWORD' },
    ],
    downloads: [{ bucketName: 'shop-dev-data', prefix: 'seed/', path: 'seed' }],
    ecrRegistries: [],
    claimElasticIp: false,
    health: { urls: ['http://127.0.0.1:5432/'], deadlineInSeconds: 900 },
    composePlugin: { version: DEFAULT_COMPOSE_VERSION },
    retry: { attempts: 5, baseDelayInSeconds: 5 },
    ...overrides,
  };
}

const sleeps = (calls: string[]) =>
  calls.filter((c) => c.startsWith('sleep ')).map((c) => Number(c.slice(6)));
const named = (calls: string[], prefix: string) => calls.filter((c) => c.startsWith(prefix));
const COMPOSE_UP = 'docker compose --project-directory ROOT -f ROOT/compose.yml up -d --remove-orphans';
const STEPS = ['packages', 'compose-plugin', 'docker', 'cloudwatch-agent', 'secrets', 'downloads', 'project'];

/**
 * A sandbox for each test of the describe that calls this, made on its first use in the test and
 * removed after the test, so a test selected alone by name runs the same as in the whole file
 * (see ../../support/lazy).
 */
function sandboxPerTest(context: () => HostRenderContext = () => ctx()): () => BootSandbox {
  let box: BootSandbox | undefined;
  afterEach(() => {
    box?.cleanup();
    box = undefined;
  });
  return () => (box ??= bootSandbox(context()));
}

describe('bootstrap run on a fresh host whose network fails at first', () => {
  const sandbox = sandboxPerTest();
  const first = lazy(() =>
    sandbox().run(['run'], {
      FAIL_DNF: '2',
      FAIL_AWS: '1',
      FAIL_AWS_MATCH: 's3 sync',
      FAIL_DOCKER: '1',
      FAIL_DOCKER_MATCH: 'compose',
    }),
  );
  /** The sandbox after the first run. */
  const box = () => {
    first();
    return sandbox();
  };
  const up = () => COMPOSE_UP.split('ROOT').join(box().root);

  it('succeeds', () => {
    expect({ status: first().status, stderr: first().stderr }).toEqual({
      status: 0,
      stderr: expect.any(String),
    });
  });

  it('retries dnf with exponential backoff until it succeeds (5 s, then 10 s)', () => {
    expect(named(first().calls, 'dnf ')).toEqual([
      'dnf install -y docker amazon-cloudwatch-agent',
      'dnf install -y docker amazon-cloudwatch-agent',
      'dnf install -y docker amazon-cloudwatch-agent',
    ]);
    expect(first().stderr).toContain('dnf failed (attempt 1 of 5); retrying in 5s');
    expect(first().stderr).toContain('dnf failed (attempt 2 of 5); retrying in 10s');
  });

  it('retries the S3 download and compose up once each', () => {
    expect(named(first().calls, 'aws s3 sync')).toEqual([
      `aws s3 sync s3://shop-dev-data/seed/ ${box().root}/seed/ --region eu-west-1 --delete --only-show-errors`,
      `aws s3 sync s3://shop-dev-data/seed/ ${box().root}/seed/ --region eu-west-1 --delete --only-show-errors`,
    ]);
    expect(named(first().calls, 'docker compose')).toEqual([up(), up()]);
    expect(sleeps(first().calls)).toEqual([5, 10, 5, 5]);
  });

  it('installs the pinned Compose plugin after checking it against the release checksum', () => {
    expect(first().calls).toContain(
      `curl -fsSL https://github.com/docker/compose/releases/download/${DEFAULT_COMPOSE_VERSION}/docker-compose-linux-x86_64.sha256`,
    );
    expect(readFileSync(box().composePlugin, 'utf8')).toBe(FAKE_COMPOSE_PLUGIN);
    expect(statSync(box().composePlugin).mode & 0o777).toBe(0o755);
  });

  it('starts Docker and the CloudWatch agent with its configuration', () => {
    expect(first().calls).toContain('systemctl enable --now docker');
    expect(first().calls).toContain(
      `amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:${box().root}/.compose-host/cloudwatch-agent.json`,
    );
  });

  it('runs the steps in order and records each as done for this boot', () => {
    const order = [
      first().calls.indexOf('dnf install -y docker amazon-cloudwatch-agent'),
      first().calls.findIndex((c) => c.includes('docker-compose-linux')),
      first().calls.indexOf('systemctl enable --now docker'),
      first().calls.findIndex((c) => c.startsWith('amazon-cloudwatch-agent-ctl')),
      first().calls.findIndex((c) => c.startsWith('aws ssm get-parameter')),
      first().calls.findIndex((c) => c.startsWith('aws s3 sync')),
      first().calls.indexOf(up()),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(readdirSync(box().runDir).sort()).toEqual(STEPS.map((s) => `${s}.done`).sort());
  });

  it('writes the instance id for Compose interpolation and the secret into a 0600 env file', () => {
    expect(readFileSync(join(box().root, '.env'), 'utf8')).toBe('INSTANCE_ID=i-0123456789abcdef0\n');
    const stored = readFileSync(join(box().state, 'ssm-value'), 'utf8');
    expect(stored).toMatch(/^[0-9a-f]{48}$/);
    expect(readFileSync(join(box().root, 'db.env'), 'utf8')).toBe(`POSTGRES_PASSWORD=${stored}\n`);
    expect(statSync(join(box().root, 'db.env')).mode & 0o777).toBe(0o600);
    expect(first().calls.join('\n')).not.toContain(stored);
  });

  describe('run again in the same boot (systemd restart, or by hand)', () => {
    const second = lazy(() => box().run(['run']));

    it('succeeds and calls nothing: every step is marked done', () => {
      expect(second().status).toBe(0);
      expect(second().calls).toEqual([]);
      for (const s of STEPS) expect(second().stderr).toContain(`step ${s}: done earlier this boot, skipping`);
    });
  });

  describe('run after a reboot (markers gone, packages and plugin installed)', () => {
    it('starts the project again without downloading the plugin again', () => {
      box().reboot();
      const third = box().run(['run']);
      expect(third.status).toBe(0);
      expect(third.calls.filter((c) => c.includes('github.com'))).toEqual([]);
      expect(third.stderr).toContain(`compose plugin ${DEFAULT_COMPOSE_VERSION} is installed`);
      expect(named(third.calls, 'docker compose')).toEqual([up()]);
      expect(named(third.calls, 'aws ssm put-parameter')).toEqual([]);
    });
  });
});

describe('bootstrap run when a step keeps failing', () => {
  const sandbox = sandboxPerTest();
  const failed = lazy(() => sandbox().run(['run'], { FAIL_DNF: '5' }));
  /** The sandbox after the failed run. */
  const box = () => {
    failed();
    return sandbox();
  };

  it('gives up after 5 attempts with backoff 5, 10, 20, 40 s and exits non-zero, so systemd restarts it', () => {
    expect(failed().status).toBe(1);
    expect(named(failed().calls, 'dnf ')).toHaveLength(5);
    expect(sleeps(failed().calls)).toEqual([5, 10, 20, 40]);
    expect(failed().stderr).toContain('giving up on dnf after 5 attempts');
  });

  it('starts nothing after the failed step and marks nothing done', () => {
    expect(failed().calls.filter((c) => !c.startsWith('dnf ') && !c.startsWith('sleep '))).toEqual([]);
    expect(existsSync(box().runDir) ? readdirSync(box().runDir) : []).toEqual([]);
  });

  it('heals on the restart once the network is back', () => {
    const restart = box().run(['run'], { FAIL_DNF: '5' });
    expect(restart.status).toBe(0);
    expect(named(restart.calls, 'docker compose')).toHaveLength(1);
  });
});

describe('bootstrap health (Auto Scaling mode)', () => {
  const box = sandboxPerTest();
  const since = () => join(box().runDir, 'unhealthy-since');
  const startClock = () => box().run(['health'], { STUB_HEALTH_STATUS: '7' });
  const reportAfterDeadline = () => {
    startClock();
    writeFileSync(since(), `${Math.floor(Date.now() / 1000) - 901}\n`);
    return box().run(['health'], { STUB_UNIT_STATUS: '3' });
  };

  it('is quiet while the project is healthy', () => {
    const r = box().run(['health']);
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([
      'systemctl is-active --quiet shop.service',
      'curl -fsS -o /dev/null --max-time 5 http://127.0.0.1:5432/',
    ]);
    expect(existsSync(since())).toBe(false);
  });

  it('starts the clock at the first failed check and reports nothing before the deadline', () => {
    const r = box().run(['health'], { STUB_HEALTH_STATUS: '7' });
    expect(r.status).toBe(0);
    expect(existsSync(since())).toBe(true);
    expect(named(r.calls, 'aws ')).toEqual([]);
    expect(r.stderr).toMatch(/unhealthy for \d+s \(deadline 900s\)/);
  });

  it('reports the instance Unhealthy to its Auto Scaling group once the deadline has passed', () => {
    const r = reportAfterDeadline();
    expect(r.status).toBe(0);
    expect(named(r.calls, 'aws ')).toEqual([
      'aws autoscaling set-instance-health --region eu-west-1 --instance-id i-0123456789abcdef0 --health-status Unhealthy --no-should-respect-grace-period',
    ]);
    expect(existsSync(join(box().runDir, 'reported-unhealthy'))).toBe(true);
  });

  it('reports only once per boot', () => {
    reportAfterDeadline();
    const r = box().run(['health'], { STUB_UNIT_STATUS: '3' });
    expect(named(r.calls, 'aws ')).toEqual([]);
  });

  it('resets the clock when the project recovers', () => {
    startClock();
    expect(existsSync(since())).toBe(true);
    const r = box().run(['health']);
    expect(r.status).toBe(0);
    expect(existsSync(since())).toBe(false);
  });
});

describe('bootstrap health when the report itself fails at first', () => {
  const box = sandboxPerTest();

  it('retries set-instance-health with backoff', () => {
    box().run(['health'], { STUB_UNIT_STATUS: '3' });
    writeFileSync(join(box().runDir, 'unhealthy-since'), `${Math.floor(Date.now() / 1000) - 1000}\n`);
    const r = box().run(['health'], {
      STUB_UNIT_STATUS: '3',
      FAIL_AWS: '2',
      FAIL_AWS_MATCH: 'set-instance-health',
    });
    expect(r.status).toBe(0);
    expect(named(r.calls, 'aws autoscaling')).toHaveLength(3);
    expect(sleeps(r.calls)).toEqual([5, 10]);
  });
});

describe('bootstrap secrets', () => {
  it('reuses a stored secret and creates nothing', () => {
    const box = bootSandbox(ctx());
    writeFileSync(join(box.state, 'ssm-value'), 'existing-password');
    const r = box.run(['run']);
    expect(r.status).toBe(0);
    expect(named(r.calls, 'aws ssm put-parameter')).toEqual([]);
    expect(readFileSync(join(box.root, 'db.env'), 'utf8')).toBe('POSTGRES_PASSWORD=existing-password\n');
    box.cleanup();
  });

  it('uses the value another host stored first', () => {
    const box = bootSandbox(ctx());
    const r = box.run(['run'], { STUB_SSM_RACE: '1' });
    expect(r.status).toBe(0);
    expect(readFileSync(join(box.root, 'db.env'), 'utf8')).toBe('POSTGRES_PASSWORD=winner-password\n');
    box.cleanup();
  });

  it('stores the secret with the given KMS key, through file://', () => {
    const box = bootSandbox(
      ctx({
        secrets: [
          {
            parameterName: '/shop/dev/postgres/password',
            envFile: 'secrets/db.env',
            variable: 'POSTGRES_PASSWORD',
            kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          },
        ],
      }),
    );
    const r = box.run(['run']);
    expect(r.status).toBe(0);
    expect(named(r.calls, 'aws ssm put-parameter')[0]).toMatch(
      /^aws ssm put-parameter --region eu-west-1 --name \/shop\/dev\/postgres\/password --type SecureString --value file:\/\/\S+ --key-id arn:aws:kms:eu-west-1:111122223333:key\/1234abcd-12ab-34cd-56ef-1234567890ab --description/,
    );
    expect(statSync(join(box.root, 'secrets', 'db.env')).mode & 0o777).toBe(0o600);
    box.cleanup();
  });

  it('stops before starting anything when the role may not read the parameter', () => {
    const box = bootSandbox(ctx());
    const r = box.run(['run'], { STUB_SSM_DENY: '1' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('AccessDeniedException');
    expect(named(r.calls, 'aws ssm put-parameter')).toEqual([]);
    expect(named(r.calls, 'docker compose')).toEqual([]);
    expect(existsSync(join(box.root, 'db.env'))).toBe(false);
    box.cleanup();
  });
});

describe('bootstrap in Auto Scaling mode with an Elastic IP and images from ECR', () => {
  const box = sandboxPerTest(() =>
    ctx({
      claimElasticIp: true,
      ecrRegistries: [
        {
          host: '111122223333.dkr.ecr.eu-west-1.amazonaws.com',
          accountId: '111122223333',
          region: 'eu-west-1',
          repositories: ['shop/api'],
        },
      ],
    }),
  );
  const r = lazy(() => box().run(['run']));

  it('claims the address named by the instance tag before installing anything', () => {
    expect(r().status).toBe(0);
    const claim = r().calls.indexOf(
      'aws ec2 associate-address --region eu-west-1 --instance-id i-0123456789abcdef0 --allocation-id eipalloc-0123456789abcdef0 --allow-reassociation --output text',
    );
    expect(claim).toBeGreaterThanOrEqual(0);
    expect(claim).toBeLessThan(r().calls.findIndex((c) => c.startsWith('dnf ')));
  });

  it('logs in to ECR before compose up, with the password on stdin', () => {
    const login = r().calls.indexOf(
      'docker login --username AWS --password-stdin 111122223333.dkr.ecr.eu-west-1.amazonaws.com',
    );
    // The two ends of the pipe run side by side, so either may log first.
    const token = r().calls.indexOf('aws ecr get-login-password --region eu-west-1');
    const up = r().calls.findIndex((c) => c.startsWith('docker compose'));
    expect(login).toBeGreaterThanOrEqual(0);
    expect(token).toBeGreaterThanOrEqual(0);
    expect(Math.max(login, token)).toBeLessThan(up);
    expect(r().calls.join('\n')).not.toContain('ecr-token');
  });
});

describe('bootstrap usage', () => {
  it.each([
    ['autoScaling', [], 'run|health'],
    ['autoScaling', ['stop'], 'run|health'],
    ['instance', ['health'], 'run'],
  ] as const)('%s mode: exits 64 for arguments %j', (mode, args, usage) => {
    const box = bootSandbox(ctx({ mode, health: mode === 'instance' ? undefined : ctx().health }));
    const r = box.run([...args]);
    expect(r.status).toBe(64);
    expect(r.stderr).toContain(`usage: ${box.script} ${usage}`);
    box.cleanup();
  });
});
