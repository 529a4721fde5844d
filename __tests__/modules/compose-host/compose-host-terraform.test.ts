import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AppHost, AppHostProps } from '../../../modules/compose-host';
import { runTerraform } from '../../../review/terraform';
import { describeWithTerraform } from '../../support/terraform-gate';

function hostProps(overrides: Partial<AppHostProps> = {}): AppHostProps {
  return {
    name: 'mlmon-dev-app',
    region: 'us-east-1',
    subnetIds: ['subnet-0123456789abcdef0'],
    securityGroupIds: ['sg-0123456789abcdef0'],
    instanceProfileName: 'mlmon-dev-app',
    instanceType: 't3.medium',
    bucketName: 'mlmon-dev-us-east-1',
    logGroups: { api: '/mlmon/dev/api', prometheus: '/mlmon/dev/prometheus', grafana: '/mlmon/dev/grafana' },
    grafanaAdminPasswordParameter: '/mlmon/dev/grafana/admin-password',
    stack: { modelImage: 'ghcr.io/acme/shill-bidding-api:1.4.2' },
    mode: 'autoScaling',
    elasticIp: true,
    ...overrides,
  };
}

/**
 * When rendered props are Terraform references, Terraform itself assembles the user data. This
 * evaluates that expression with real Terraform (variables standing in for the references, no
 * provider needed) and checks it decodes to exactly what the same props render as literals.
 */
describeWithTerraform('AppHost user data assembled by Terraform from references', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlmon-ec2-userdata-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const literal = new AppHost(new TerraformStack(Testing.app(), 'literal'), 'app', hostProps());

  const synthesized = JSON.parse(
    Testing.synthScope((scope) => {
      const bucket = new TerraformVariable(scope, 'bucket', {
        type: 'string',
        default: 'mlmon-dev-us-east-1',
      });
      const api = new TerraformVariable(scope, 'api', { type: 'string', default: '/mlmon/dev/api' });
      new AppHost(
        scope,
        'app',
        hostProps({
          bucketName: bucket.stringValue,
          logGroups: { ...hostProps().logGroups, api: api.stringValue },
        }),
      );
    }),
  ) as { variable: unknown; resource: { aws_launch_template: Record<string, { user_data: string }> } };
  const expression = Object.values(synthesized.resource.aws_launch_template)[0].user_data;

  it('is an expression over the references', () => {
    expect(expression.startsWith('${base64encode(join("", [base64decode("')).toBe(true);
    expect(expression).toContain('), var.bucket, base64decode(');
    expect(expression).toContain('), var.api, base64decode(');
  });

  it('decodes to the literal rendering byte for byte', () => {
    writeFileSync(
      join(dir, 'main.tf.json'),
      JSON.stringify({
        variable: synthesized.variable,
        output: { user_data: { value: expression.replace(/^\$\{(.*)\}$/s, '$${base64decode($1)}') } },
      }),
    );
    const init = runTerraform(['init', '-input=false', '-no-color'], dir);
    expect({ status: init.status, out: init.status === 0 ? '' : init.stderr + init.stdout }).toEqual({
      status: 0,
      out: '',
    });
    const apply = runTerraform(['apply', '-auto-approve', '-input=false', '-no-color'], dir);
    expect({ status: apply.status, out: apply.status === 0 ? '' : apply.stderr + apply.stdout }).toEqual({
      status: 0,
      out: '',
    });
    const out = runTerraform(['output', '-raw', 'user_data'], dir);
    expect(out.stdout).toBe(literal.userData);
  });
});
