import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Secret } from '../../../modules/secrets';
import { Role } from '../../../modules/iam';
import { runTerraform } from '../../../review/terraform';
import { OFFLINE_OVERRIDE_FILE, offlineEnv, offlineOverride } from '../../../review/plan-workdir';
import { PlanResourceChange, TerraformPlanJson } from '../../../review/plan-json';
import { describeWithTerraform } from '../../support/terraform-gate';
import { SynthJson, secretValueFindings } from './synth-helpers';

const EU_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/9999abcd-12ab-34cd-56ef-1234567890ab';

/**
 * Secret with every feature on (created key with reader principals, a replica, Lambda rotation,
 * a generated JSON value through the ephemeral password and `secret_string_wo`) passes Terraform
 * 1.11's validate with the AWS provider, and plans offline: the ephemeral resource is not opened
 * while the secret does not exist, and nothing of the value reaches the plan or the state.
 */
describeWithTerraform('secrets module against the AWS provider', () => {
  const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
  const stack = new TerraformStack(Testing.app(), 'secrets');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const rotator = new Role(stack, 'rotator', { name: 'token-rotator', assumedBy: ['lambda.amazonaws.com'] });
  const secret = new Secret(stack, 'api-token', {
    secretName: 'app/prod/api-token',
    description: 'API token of the scoring service',
    readerPrincipalArns: ['arn:aws:iam::111122223333:role/scorer'],
    replicas: [{ region: 'eu-west-1', kmsKeyArn: EU_KEY }],
    rotation: {
      rotationLambdaArn: 'arn:aws:lambda:us-east-1:111122223333:function:rotate-token',
      schedule: { scheduleExpression: 'rate(30 days)', windowInHours: 4 },
    },
    generateSecretString: {
      passwordLength: 48,
      excludeCharacters: '"\'@/\\${}%',
      secretStringTemplate: { username: 'scorer', host: 'db.internal' },
    },
    tags: { Service: 'scoring' },
  });
  secret.grantRotate(rotator);
  const synthesized = JSON.parse(Testing.synth(stack)) as SynthJson;
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(synthesized));
  writeFileSync(join(dir, OFFLINE_OVERRIDE_FILE), JSON.stringify(offlineOverride(synthesized as never)));
  const env = offlineEnv({});
  const expectedAddresses = Object.entries(synthesized.resource)
    .flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id}`))
    .sort();

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds no secret value in the synthesized JSON', () => {
    expect(secretValueFindings(synthesized)).toEqual([]);
  });

  it('init and validate succeed', () => {
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

  describe('offline plan', () => {
    let changes: readonly PlanResourceChange[] = [];
    let planText = '';
    beforeAll(() => {
      const plan = runTerraform(
        ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=plan.bin'],
        dir,
        env,
      );
      if (plan.status !== 0) throw new Error(`terraform plan failed:\n${plan.stderr || plan.stdout}`);
      const show = runTerraform(['show', '-json', 'plan.bin'], dir, env);
      planText = show.stdout;
      const json = JSON.parse(show.stdout) as TerraformPlanJson;
      changes = (json.resource_changes ?? []).filter((c) => c.mode === 'managed');
    });

    it('creates every synthesized resource and nothing else, without calling AWS', () => {
      expect(changes.map((c) => c.address).sort()).toEqual(expectedAddresses);
      expect(changes.every((c) => c.change.actions.join() === 'create')).toBe(true);
    });

    it('plans the value as write-only: no secret_string, only the version number', () => {
      const version = changes.find(
        (c) => c.type === 'aws_secretsmanager_secret_version',
      ) as PlanResourceChange;
      expect(version.change.after).toMatchObject({
        secret_string: null,
        secret_string_wo: null,
        secret_string_wo_version: 1,
      });
      expect(planText).not.toContain('"secret_string_wo":"');
    });
  });
});
