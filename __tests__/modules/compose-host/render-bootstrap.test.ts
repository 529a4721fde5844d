import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_COMPOSE_VERSION,
  HOST_PATHS,
  HostRenderContext,
  renderBootstrapScript,
  resolveMonitoringStackConfig,
} from '../../../modules/compose-host';

/**
 * Runs the rendered bootstrap's `start` phase for real under bash, with the AWS CLI, curl (instance
 * metadata) and docker replaced by stubs that record their arguments and keep SSM state in a file.
 */

const AWS_STUB = `#!/bin/bash
printf 'aws %s\\n' "$*" >>"$STUB_LOG"
case "$1 $2" in
  "ssm get-parameter")
    if [ -n "\${STUB_SSM_DENY:-}" ]; then echo 'An error occurred (AccessDeniedException)' >&2; exit 254; fi
    if [ -f "$STUB_SSM_STATE" ]; then cat "$STUB_SSM_STATE"; echo; exit 0; fi
    echo 'An error occurred (ParameterNotFound) when calling the GetParameter operation' >&2; exit 254 ;;
  "ssm put-parameter")
    value=''
    while [ "$#" -gt 0 ]; do if [ "$1" = --value ]; then value="$2"; fi; shift; done
    if [ -n "\${STUB_SSM_RACE:-}" ]; then printf 'winner-password' >"$STUB_SSM_STATE"; fi
    if [ -f "$STUB_SSM_STATE" ]; then echo 'An error occurred (ParameterAlreadyExists)' >&2; exit 254; fi
    cp "\${value#file://}" "$STUB_SSM_STATE" ;;
esac
`;

const CURL_STUB = `#!/bin/bash
printf 'curl %s\\n' "$*" >>"$STUB_LOG"
for a in "$@"; do
  case "$a" in
    */latest/api/token) printf 'TOKEN'; exit 0 ;;
    */meta-data/instance-id) printf 'i-0123456789abcdef0'; exit 0 ;;
    */meta-data/tags/instance/MlmonEipAllocationId) printf 'eipalloc-0123456789abcdef0'; exit 0 ;;
  esac
done
exit 22
`;

const DOCKER_STUB = `#!/bin/bash
printf 'docker %s\\n' "$*" >>"$STUB_LOG"
`;

function ctx(overrides: Partial<HostRenderContext> = {}): HostRenderContext {
  return {
    name: 'mlmon-dev-app',
    region: 'us-east-1',
    os: 'al2023',
    mode: 'instance',
    bucketName: 'mlmon-dev-bucket',
    logGroups: { api: '/a', prometheus: '/p', grafana: '/g' },
    grafanaAdminPasswordParameter: '/mlmon/dev/grafana/admin-password',
    associateElasticIpAtBoot: false,
    composePlugin: { version: DEFAULT_COMPOSE_VERSION, sha256: undefined },
    stack: resolveMonitoringStackConfig({ modelImage: 'ghcr.io/acme/shill-bidding-api:1.4.2' }),
    ...overrides,
  };
}

interface Run {
  status: number | null;
  stderr: string;
  log: string;
  root: string;
  state: string;
}

function sandbox(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-boot-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function runStart(
  dir: string,
  c: HostRenderContext,
  env: Record<string, string> = {},
  args = ['start'],
): Run {
  const root = join(dir, 'root');
  const bin = join(dir, 'bin');
  mkdirSync(root, { recursive: true });
  mkdirSync(bin, { recursive: true });
  for (const [name, body] of Object.entries({ aws: AWS_STUB, curl: CURL_STUB, docker: DOCKER_STUB })) {
    writeFileSync(join(bin, name), body);
    chmodSync(join(bin, name), 0o755);
  }
  const script = join(dir, 'bootstrap.sh');
  writeFileSync(script, renderBootstrapScript(c).split(HOST_PATHS.root).join(root));
  const log = join(dir, 'calls.log');
  const state = join(dir, 'ssm-state');
  const r = spawnSync('bash', [script, ...args], {
    encoding: 'utf8',
    env: { PATH: `${bin}:/usr/bin:/bin`, STUB_LOG: log, STUB_SSM_STATE: state, ...env },
    timeout: 60_000,
  });
  return {
    status: r.status,
    stderr: r.stderr,
    log: existsSync(log) ? readFileSync(log, 'utf8') : '',
    root,
    state,
  };
}

describe('bootstrap start on a fresh account (no password parameter yet)', () => {
  const { dir, cleanup } = sandbox();
  afterAll(cleanup);
  const run = runStart(dir, ctx());
  const stored = existsSync(run.state) ? readFileSync(run.state, 'utf8') : '';

  it('succeeds', () => {
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
  });

  it('generates a 48-hex-digit password and stores it as a SecureString through file://', () => {
    expect(stored).toMatch(/^[0-9a-f]{48}$/);
    expect(run.log).toMatch(
      /aws ssm put-parameter --region us-east-1 --name \/mlmon\/dev\/grafana\/admin-password --type SecureString --value file:\/\/\S+/,
    );
  });

  it('never passes the password on a command line', () => {
    expect(run.log).not.toContain(stored);
  });

  it('writes the password into a 0600 env file for Grafana', () => {
    const file = join(run.root, 'grafana.env');
    expect(readFileSync(file, 'utf8')).toBe(`GF_SECURITY_ADMIN_PASSWORD=${stored}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('writes the instance id for compose interpolation', () => {
    expect(readFileSync(join(run.root, '.env'), 'utf8')).toBe('INSTANCE_ID=i-0123456789abcdef0\n');
  });

  it('uses IMDSv2 tokens for metadata', () => {
    expect(run.log).toContain(
      'curl -fsS -X PUT -H X-aws-ec2-metadata-token-ttl-seconds: 300 http://169.254.169.254/latest/api/token',
    );
    expect(run.log).toContain(
      '-H X-aws-ec2-metadata-token: TOKEN http://169.254.169.254/latest/meta-data/instance-id',
    );
  });

  it('syncs the models and starts the stack', () => {
    expect(run.log).toContain(
      `aws s3 sync s3://mlmon-dev-bucket/models/ ${run.root}/models/ --region us-east-1 --delete --only-show-errors`,
    );
    expect(run.log).toContain(
      `docker compose --project-directory ${run.root} -f ${run.root}/docker-compose.yml up -d --remove-orphans`,
    );
  });

  it('does not touch Elastic IPs in instance mode', () => {
    expect(run.log).not.toContain('associate-address');
  });
});

describe('bootstrap start when the password parameter exists (reboot or replacement host)', () => {
  const { dir, cleanup } = sandbox();
  afterAll(cleanup);
  writeFileSync(join(dir, 'ssm-state'), 'existing-password');
  const run = runStart(dir, ctx());

  it('reuses the stored password and creates nothing', () => {
    expect(run.status).toBe(0);
    expect(run.log).not.toContain('put-parameter');
    expect(readFileSync(join(run.root, 'grafana.env'), 'utf8')).toBe(
      'GF_SECURITY_ADMIN_PASSWORD=existing-password\n',
    );
  });
});

describe('bootstrap start when another host creates the parameter first', () => {
  const { dir, cleanup } = sandbox();
  afterAll(cleanup);
  const run = runStart(dir, ctx(), { STUB_SSM_RACE: '1' });

  it('uses the value that won', () => {
    expect(run.status).toBe(0);
    expect(readFileSync(join(run.root, 'grafana.env'), 'utf8')).toBe(
      'GF_SECURITY_ADMIN_PASSWORD=winner-password\n',
    );
  });
});

describe('bootstrap start when the role cannot read the parameter', () => {
  const { dir, cleanup } = sandbox();
  afterAll(cleanup);
  const run = runStart(dir, ctx(), { STUB_SSM_DENY: '1' });

  it('fails without creating a parameter or starting containers', () => {
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('AccessDeniedException');
    expect(run.log).not.toContain('put-parameter');
    expect(run.log).not.toContain('docker compose');
    expect(existsSync(join(run.root, 'grafana.env'))).toBe(false);
  });
});

describe('bootstrap start in Auto Scaling mode with an Elastic IP', () => {
  const { dir, cleanup } = sandbox();
  afterAll(cleanup);
  const run = runStart(dir, ctx({ mode: 'autoScaling', associateElasticIpAtBoot: true }));

  it('claims the address named by the instance tag before starting the stack', () => {
    expect(run.status).toBe(0);
    const claim = run.log.indexOf(
      'aws ec2 associate-address --region us-east-1 --instance-id i-0123456789abcdef0 --allocation-id eipalloc-0123456789abcdef0 --allow-reassociation',
    );
    expect(claim).toBeGreaterThanOrEqual(0);
    expect(claim).toBeLessThan(run.log.indexOf('docker compose'));
  });
});

describe('bootstrap usage', () => {
  const { dir, cleanup } = sandbox();
  afterAll(cleanup);

  it.each([[[]], [['stop']]])('exits 64 for arguments %j', (args) => {
    const run = runStart(dir, ctx(), {}, args);
    expect(run.status).toBe(64);
    expect(run.stderr).toContain('usage:');
  });
});
