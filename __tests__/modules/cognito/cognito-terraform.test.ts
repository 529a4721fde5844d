import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { UserPool } from '../../../modules/cognito';
import { runTerraform } from '../../../review/terraform';
import { OFFLINE_OVERRIDE_FILE, offlineEnv, offlineOverride } from '../../../review/plan-workdir';
import { PlanResourceChange, TerraformPlanJson } from '../../../review/plan-json';
import { describeWithTerraform } from '../../support/terraform-gate';

/**
 * Every feature on, against the real AWS provider: a pool with a hosted domain, an OAuth
 * code-flow client and an SRP client; `terraform validate` and an offline plan.
 */
describeWithTerraform('cognito against the AWS provider', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cognito-'));
  const stack = new TerraformStack(Testing.app(), 'cognito');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const pool = new UserPool(stack, 'users', {
    userPoolName: 'mlnews-prod-users',
    mfa: 'optional',
    threatProtection: 'audit',
    passwordMinimumLength: 14,
    domainPrefix: 'mlnews-prod-example',
  });
  pool.addClient('web', {
    clientName: 'mlnews-prod-web',
    oauth: {
      callbackUrls: ['https://news.example.com/callback', 'http://localhost:5173/callback'],
      logoutUrls: ['https://news.example.com/'],
      scopes: ['openid', 'email'],
    },
    accessTokenValidityInMinutes: 15,
  });
  pool.addClient('cli', { clientName: 'mlnews-prod-cli', allowPasswordAuth: true });

  const synthesized = JSON.parse(Testing.synth(stack)) as {
    resource: Record<string, Record<string, unknown>>;
    provider: Record<string, Record<string, unknown>[]>;
  };
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(synthesized));
  writeFileSync(join(dir, OFFLINE_OVERRIDE_FILE), JSON.stringify(offlineOverride(synthesized)));
  const env = offlineEnv({});
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('init and validate succeed without warnings', () => {
    const init = runTerraform(['init', '-input=false', '-no-color'], dir, env);
    expect({ status: init.status, output: init.status === 0 ? '' : init.stderr + init.stdout }).toEqual({
      status: 0,
      output: '',
    });
    const validate = runTerraform(['validate', '-json', '-no-color'], dir, env);
    const result = JSON.parse(validate.stdout) as {
      valid: boolean;
      warning_count: number;
      diagnostics: unknown[];
    };
    expect({ valid: result.valid, warnings: result.warning_count, diagnostics: result.diagnostics }).toEqual({
      valid: true,
      warnings: 0,
      diagnostics: [],
    });
  });

  it('plans the pool, its domain and both clients offline', () => {
    const plan = runTerraform(
      ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=plan.bin'],
      dir,
      env,
    );
    expect({ status: plan.status, stderr: plan.stderr }).toEqual({ status: 0, stderr: '' });
    const json = JSON.parse(
      runTerraform(['show', '-json', 'plan.bin'], dir, env).stdout,
    ) as TerraformPlanJson;
    const changes = (json.resource_changes ?? []).filter((c: PlanResourceChange) => c.mode === 'managed');
    expect(changes.map((c) => `${c.type} ${c.change.actions.join()}`).sort()).toEqual([
      'aws_cognito_user_pool create',
      'aws_cognito_user_pool_client create',
      'aws_cognito_user_pool_client create',
      'aws_cognito_user_pool_domain create',
    ]);
    const web = changes.find(
      (c) => (c.change.after as { name?: string }).name === 'mlnews-prod-web',
    ) as PlanResourceChange;
    expect(web.change.after).toMatchObject({
      allowed_oauth_flows: ['code'],
      generate_secret: false,
      token_validity_units: [{ access_token: 'minutes', id_token: 'minutes', refresh_token: 'days' }],
    });
  });
});
