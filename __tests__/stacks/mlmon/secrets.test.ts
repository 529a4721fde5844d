/**
 * No secret reaches Terraform: the Grafana admin password is generated on the host and kept in
 * SSM by the host itself, so neither the synthesized JSON nor the user data inside it holds it,
 * and no resource writes it (an `aws_ssm_parameter` value would put it in state). Every string of
 * each environment's JSON is scanned: base64 strings decoded (and gunzipped when gzip), the
 * `base64decode("...")` literals of the user data expression (which Terraform gzips at apply)
 * decoded, and the user data also as cloud-init reads it.
 */
import { gzipSync } from 'node:zlib';
import { ENVIRONMENTS } from '../../../stacks/mlmon/environments';
import {
  credentialLines,
  decodeBase64Text,
  literalAssignments,
  scannedTexts,
  secretEnvironmentLines,
} from '../../support/secret-scan';
import { synthEnv } from './synth-env';

const PASSWORD_VARIABLE = 'GF_SECURITY_ADMIN_PASSWORD';

describe.each(ENVIRONMENTS.map((e) => [e.name, e] as const))('secrets of environment %s', (name, cfg) => {
  const env = synthEnv(cfg);
  const texts = [
    ...scannedTexts(env.json),
    { where: 'user data as cloud-init reads it', text: env.userData },
  ];
  const decoded = texts.filter((t) => /\.user_data \(base64decode literal\)$/.test(t.where));

  it('reads the user data: the base64 literals of its base64gzip expression, decoded', () => {
    expect(env.json.resource.aws_launch_template).toBeDefined();
    const expression = Object.values(env.json.resource.aws_launch_template)[0].user_data as string;
    expect(expression.startsWith('${base64gzip(join("", [base64decode("')).toBe(true);
    expect(decoded.length).toBeGreaterThan(1);
    const userData = decoded.map((t) => t.text).join('');
    expect(userData.startsWith('#cloud-config')).toBe(true);
    // The host makes the password and stores it in SSM itself: this is what the scan must not find elsewhere.
    expect(userData).toContain('openssl rand -hex 24');
    expect(userData).toContain(`secret_value '/mlmon/${name}/grafana/admin-password'`);
    expect(userData).toContain(`printf '%s=%s\\n' '${PASSWORD_VARIABLE}' "$value"`);
  });

  it('writes no SSM parameter (a value there would land in the Terraform state)', () => {
    expect(Object.keys(env.json.resource.aws_ssm_parameter ?? {})).toEqual([]);
  });

  it('assigns the Grafana admin password only from the generated value', () => {
    expect(literalAssignments(texts, PASSWORD_VARIABLE)).toEqual([]);
    expect(literalAssignments(texts, 'admin_password')).toEqual([]);
  });

  it('holds no credentials anywhere: AWS keys, private keys, JWTs, tokens, passwords in URLs', () => {
    expect(credentialLines(texts)).toEqual([]);
  });

  it('sets no secret-named setting to a literal value', () => {
    expect(secretEnvironmentLines(texts)).toEqual([]);
  });
});

describe('the secret scan itself', () => {
  const asUserData = (text: string) => gzipSync(Buffer.from(text)).toString('base64');

  it.each([
    ['a literal password in gzipped user data', { user_data: asUserData(`${PASSWORD_VARIABLE}=hunter2\n`) }],
    [
      'a literal password in plain base64',
      { value: Buffer.from(`${PASSWORD_VARIABLE}: hunter2`).toString('base64') },
    ],
    ['a literal password in the JSON', { environment: `${PASSWORD_VARIABLE}="hunter2"` }],
  ])('finds %s', (_name, json) => {
    expect(literalAssignments(scannedTexts(json), PASSWORD_VARIABLE)).toEqual([
      expect.objectContaining({ why: `${PASSWORD_VARIABLE} = hunter2` }),
    ]);
  });

  it('finds credentials and secret-named settings inside decoded text', () => {
    const key = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
    const texts = scannedTexts({
      user_data: asUserData(`export AWS_ACCESS_KEY_ID=${key}\nDB_PASSWORD=s3cr3t\n`),
    });
    expect(credentialLines(texts)).toEqual([expect.objectContaining({ why: expect.stringMatching(/AWS/) })]);
    expect(secretEnvironmentLines(texts).map((f) => f.line)).toEqual([
      `export AWS_ACCESS_KEY_ID=${key}`,
      'DB_PASSWORD=s3cr3t',
    ]);
  });

  it.each([
    ['a shell expansion', `${PASSWORD_VARIABLE}="$value"`],
    ['a Terraform reference', `${PASSWORD_VARIABLE}=\${aws_ssm_parameter.p.value}`],
    ['the variable named alone', `# grafana.env (0600): ${PASSWORD_VARIABLE}`],
  ])('accepts %s', (_name, text) => {
    expect(literalAssignments(scannedTexts({ text }), PASSWORD_VARIABLE)).toEqual([]);
  });

  it('decodes only base64 that is text', () => {
    expect(decodeBase64Text('c2hvcnQ=')).toBeUndefined(); // shorter than 16 characters
    expect(
      decodeBase64Text(Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]).toString('base64')),
    ).toBeUndefined();
    expect(decodeBase64Text('not base64 at all!!')).toBeUndefined();
    expect(decodeBase64Text(Buffer.from('plain text, long enough').toString('base64'))).toEqual({
      text: 'plain text, long enough',
      gzip: false,
    });
  });
});
