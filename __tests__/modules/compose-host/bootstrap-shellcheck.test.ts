import { spawnSync } from 'node:child_process';
import { DEFAULT_COMPOSE_VERSION, hostPaths } from '../../../modules/compose-host';
import { HostRenderContext } from '../../../modules/compose-host/render/context';
import { renderBootstrapScript } from '../../../modules/compose-host/render/bootstrap';
import { describeWithTools } from '../../support/tool-gate';

function ctx(overrides: Partial<HostRenderContext>): HostRenderContext {
  return {
    project: 'shop',
    region: 'eu-west-1',
    os: 'al2023',
    mode: 'instance',
    paths: hostPaths('shop'),
    compose: { services: { db: { image: 'postgres:16.4' } } },
    files: [],
    secrets: [],
    downloads: [],
    ecrRegistries: [],
    claimElasticIp: false,
    composePlugin: { version: DEFAULT_COMPOSE_VERSION },
    retry: { attempts: 5, baseDelayInSeconds: 5 },
    ...overrides,
  };
}

const EVERYTHING: Partial<HostRenderContext> = {
  mode: 'autoScaling',
  claimElasticIp: true,
  health: { urls: ['http://127.0.0.1:5432/', 'http://127.0.0.1:6379/'], deadlineInSeconds: 900 },
  secrets: [
    { parameterName: '/shop/a', envFile: 'a.env', variable: 'A' },
    {
      parameterName: '/shop/b',
      envFile: 'a.env',
      variable: 'B',
      kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k',
    },
    { parameterName: '/shop/c', envFile: 'sub/c.env', variable: 'C' },
  ],
  downloads: [{ bucketName: 'shop-data', prefix: 'seed/', path: 'seed' }],
  ecrRegistries: [
    {
      host: '111122223333.dkr.ecr.eu-west-1.amazonaws.com',
      accountId: '111122223333',
      region: 'eu-west-1',
      repositories: ['a'],
    },
  ],
  composePlugin: {
    version: DEFAULT_COMPOSE_VERSION,
    sha256: { x86_64: 'a'.repeat(64), aarch64: 'b'.repeat(64) },
  },
};

describeWithTools('every bootstrap variant passes shellcheck', ['shellcheck'], () => {
  it.each([
    ['Amazon Linux, one instance, nothing else', {}],
    ['Amazon Linux, every feature', EVERYTHING],
    ['Ubuntu 24.04, one instance', { os: 'ubuntu-24.04' as const }],
    ['Ubuntu 22.04, every feature', { ...EVERYTHING, os: 'ubuntu-22.04' as const }],
  ])('%s', (_name, overrides) => {
    const r = spawnSync('shellcheck', ['-s', 'bash', '-'], {
      input: renderBootstrapScript(ctx(overrides)),
      encoding: 'utf8',
    });
    expect({ status: r.status, output: r.stdout + r.stderr }).toEqual({ status: 0, output: '' });
  });
});
