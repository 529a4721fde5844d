import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  awsProviderAliases,
  OFFLINE_OVERRIDE_FILE,
  OFFLINE_PROVIDER_ARGS,
  offlineEnv,
  offlineOverride,
  prepareWorkDir,
} from '../../review/plan-workdir';

describe('offlineOverride', () => {
  it('replaces the backend with local state and covers the default and every aliased aws provider', () => {
    const stack = {
      terraform: { backend: { s3: { bucket: 'b', key: 'k', region: 'us-east-1' } } },
      provider: { aws: [{ region: 'us-east-1' }, { alias: 'replica', region: 'us-west-2' }] },
    };
    expect(awsProviderAliases(stack)).toEqual([undefined, 'replica']);
    const o = offlineOverride(stack) as {
      terraform: unknown;
      provider: { aws: Array<Record<string, unknown>> };
    };
    expect(o.terraform).toEqual({ backend: { local: { path: 'terraform.tfstate' } } });
    expect(o.provider.aws).toEqual([
      { ...OFFLINE_PROVIDER_ARGS },
      { alias: 'replica', ...OFFLINE_PROVIDER_ARGS },
    ]);
    expect(OFFLINE_PROVIDER_ARGS).toMatchObject({
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
    });
  });

  it('reads a single provider object and writes no provider block without an aws provider', () => {
    expect(awsProviderAliases({ provider: { aws: { region: 'eu-west-1' } } })).toEqual([undefined]);
    expect(offlineOverride({})).not.toHaveProperty('provider');
  });
});

describe('offlineEnv', () => {
  it('removes credentials and profiles and turns off the metadata service', () => {
    const env = offlineEnv({
      PATH: '/bin',
      AWS_PROFILE: 'prod-admin',
      AWS_ACCESS_KEY_ID: 'AKIAREAL',
      AWS_SECRET_ACCESS_KEY: 'real',
      AWS_SESSION_TOKEN: 'tok',
      AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token',
    });
    expect(env).toEqual({
      PATH: '/bin',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    });
  });
});

describe('prepareWorkDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mlmon-workdir-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the stack, keeps Terraform’s cache, drops stale files and leaves the source untouched', () => {
    const src = join(dir, 'src');
    const work = join(dir, 'work');
    mkdirSync(join(src, 'assets'), { recursive: true });
    mkdirSync(join(src, '.terraform'), { recursive: true });
    writeFileSync(join(src, 'cdk.tf.json'), JSON.stringify({ provider: { aws: [{ region: 'us-east-1' }] } }));
    writeFileSync(join(src, 'assets', 'user-data.sh'), '#!/bin/sh');
    writeFileSync(join(src, 'terraform.tfstate'), '{}');
    mkdirSync(join(work, '.terraform', 'providers'), { recursive: true });
    writeFileSync(join(work, 'stale.tf.json'), '{}');

    prepareWorkDir(src, work, true);
    expect(existsSync(join(work, 'cdk.tf.json'))).toBe(true);
    expect(existsSync(join(work, 'assets', 'user-data.sh'))).toBe(true);
    expect(existsSync(join(work, '.terraform', 'providers'))).toBe(true);
    expect(existsSync(join(work, 'stale.tf.json'))).toBe(false);
    expect(existsSync(join(work, 'terraform.tfstate'))).toBe(false);
    expect(JSON.parse(readFileSync(join(work, OFFLINE_OVERRIDE_FILE), 'utf8')).terraform.backend).toEqual({
      local: { path: 'terraform.tfstate' },
    });
    expect(existsSync(join(src, OFFLINE_OVERRIDE_FILE))).toBe(false);
  });

  it('writes no override for an online copy', () => {
    const src = join(dir, 'src');
    mkdirSync(src);
    writeFileSync(join(src, 'cdk.tf.json'), '{}');
    expect(prepareWorkDir(src, join(dir, 'work'), false)).toBeUndefined();
    expect(existsSync(join(dir, 'work', OFFLINE_OVERRIDE_FILE))).toBe(false);
  });
});
