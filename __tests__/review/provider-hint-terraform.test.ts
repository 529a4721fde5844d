/**
 * A Terraform test that fails because the AWS provider cannot be fetched says how to fix it:
 * `terraform init` run through runTerraform appends the MLMON_TF_PROVIDER_MIRROR hint.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROVIDER_MIRROR_ENV, providerFetchHint, runTerraform } from '../../review/terraform';
import { describeWithTerraform } from '../support/terraform-gate';

const NEEDS_AWS = JSON.stringify({
  terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } },
});

describe('providerFetchHint', () => {
  it.each([
    ['the registry cannot be queried', 'Error: Failed to query available provider packages'],
    ['the provider cannot be installed', 'Error: Failed to install provider'],
    [
      'no route to the registry',
      'could not connect to registry.terraform.io: dial tcp: lookup registry.terraform.io: no such host',
    ],
  ])('points at %s without a mirror set', (_name, output) => {
    expect(providerFetchHint(output, {})).toContain(
      `set ${PROVIDER_MIRROR_ENV} to a provider mirror directory`,
    );
  });

  it('says the mirror lacks the provider when one is set', () => {
    expect(
      providerFetchHint('Failed to query available provider packages', { [PROVIDER_MIRROR_ENV]: '/m' }),
    ).toContain(`the provider is not in the mirror ${PROVIDER_MIRROR_ENV}=/m`);
  });

  it('adds nothing to other failures', () => {
    expect(providerFetchHint('Error: Unsupported argument', {})).toBe('');
  });
});

describeWithTerraform('terraform init without the provider (real Terraform)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'provider-hint-'));
  const emptyMirror = mkdtempSync(join(tmpdir(), 'empty-mirror-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(emptyMirror, { recursive: true, force: true });
  });
  writeFileSync(join(dir, 'main.tf.json'), NEEDS_AWS);

  it('names MLMON_TF_PROVIDER_MIRROR when the registry is unreachable', () => {
    // A proxy nobody listens on: the registry is unreachable whatever the network.
    const r = runTerraform(['init', '-input=false', '-no-color'], dir, {
      [PROVIDER_MIRROR_ENV]: '',
      HTTPS_PROXY: 'http://127.0.0.1:9',
      HTTP_PROXY: 'http://127.0.0.1:9',
      NO_PROXY: '',
      TF_PLUGIN_CACHE_DIR: '',
      // A CLI configuration from the caller (a mirror of its own) would satisfy init.
      TF_CLI_CONFIG_FILE: '',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`export ${PROVIDER_MIRROR_ENV}=/opt/tf-plugins`);
  });

  it('says the mirror lacks the provider when the mirror is empty', () => {
    const r = runTerraform(['init', '-input=false', '-no-color'], dir, {
      [PROVIDER_MIRROR_ENV]: emptyMirror,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`the provider is not in the mirror ${PROVIDER_MIRROR_ENV}=${emptyMirror}`);
  });
});
