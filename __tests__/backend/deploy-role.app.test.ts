import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEPLOY_WILDCARD_REASON } from '../../backend/github-oidc';
import { buildApp } from '../../main';
import { SynthStatement } from '../workflows/iam-trust';

/**
 * The CI deploy role (backend/github-oidc.ts) in the app itself: `main.ts` with
 * MLMON_GITHUB_REPOSITORY set, every system and environment, synthesized with the policy pack as
 * `cdktf synth` runs it.
 *
 * Whole-app tests (`*.app.test.ts`) stay out of `npm run mutation`: one synth of every stack takes
 * seconds, and it would run for every mutant of the backend. The unit tests in
 * github-oidc.test.ts pin the same role with literal values.
 */

interface StackJson {
  resource?: Record<string, unknown>;
  data?: { aws_iam_policy_document?: Record<string, { statement: SynthStatement[] }> };
}

/** Synthesizes the app into a folder removed afterwards; returns every stack's JSON and the policy reports. */
function synthApp(env: Record<string, string>): { stacks: Record<string, StackJson>; reports: string[] } {
  const outdir = mkdtempSync(join(tmpdir(), 'mlmon-oidc-app-'));
  const reports: string[] = [];
  try {
    buildApp({ outdir, env, policyLog: (m) => reports.push(m) }).synth();
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
      stacks: Record<string, { workingDirectory: string }>;
    };
    const stacks = Object.fromEntries(
      Object.entries(manifest.stacks).map(([name, s]) => [
        name,
        JSON.parse(readFileSync(join(outdir, s.workingDirectory, 'cdk.tf.json'), 'utf8')) as StackJson,
      ]),
    );
    return { stacks, reports };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The Allow actions of the deploy role: its inline policy and every managed policy group. */
function deployActions(bootstrap: StackJson): string[] {
  return Object.entries(bootstrap.data?.aws_iam_policy_document ?? {})
    .filter(([k]) => /^github_deploy-(\w+-)?policy-document_/.test(k))
    .flatMap(([, d]) => d.statement)
    .filter((st) => (st.effect ?? 'Allow') === 'Allow')
    .flatMap((st) => st.actions ?? []);
}

const REPOSITORY = { MLMON_GITHUB_REPOSITORY: 'acme/mlmon-infra' };

/**
 * IAM service of each resource type the environment stacks create. A type missing here fails the
 * coverage test below: add it, and the permissions to the deploy role (backend/github-oidc.ts).
 */
const SERVICE_OF: ReadonlyArray<[RegExp, string]> = [
  [
    /^aws_(vpc|subnet|route|route_table|route_table_association|internet_gateway|nat_gateway|eip|eip_association|security_group|default_security_group|vpc_security_group_(ingress|egress)_rule|vpc_endpoint|flow_log|launch_template|instance|default_network_acl|default_route_table)$/,
    'ec2',
  ],
  [/^aws_autoscaling_/, 'autoscaling'],
  [/^aws_s3_/, 's3'],
  [/^aws_iam_/, 'iam'],
  [/^aws_kms_/, 'kms'],
  [/^aws_sns_/, 'sns'],
  [/^aws_cloudwatch_log_/, 'logs'],
  [/^aws_cloudwatch_(metric_alarm|dashboard|composite_alarm)$/, 'cloudwatch'],
  [/^aws_ssm_/, 'ssm'],
  [/^aws_cloudwatch_log_delivery/, 'logs'],
  [/^aws_cloudwatch_event_/, 'events'],
  [/^aws_(lb|lb_listener|lb_listener_rule|lb_target_group|lb_listener_certificate)$/, 'elasticloadbalancing'],
  [/^aws_acm_/, 'acm'],
  [/^aws_route53_record$/, 'route53'],
  [/^aws_ecs_/, 'ecs'],
  [/^aws_ecr_/, 'ecr'],
  [/^aws_appautoscaling_/, 'application-autoscaling'],
  [/^aws_db_/, 'rds'],
  [/^aws_secretsmanager_/, 'secretsmanager'],
  [/^aws_scheduler_/, 'scheduler'],
  [/^aws_wafv2_/, 'wafv2'],
  [/^aws_cloudfront_/, 'cloudfront'],
  [/^aws_batch_/, 'batch'],
  [/^aws_lambda_/, 'lambda'],
  [/^aws_apigatewayv2_/, 'apigateway'],
  [/^aws_api_gateway_/, 'apigateway'],
  [/^aws_dynamodb_/, 'dynamodb'],
  [/^aws_sqs_/, 'sqs'],
  [/^aws_elasticache_/, 'elasticache'],
  [/^aws_opensearch_/, 'es'],
  [/^aws_cognito_/, 'cognito-idp'],
  [/^aws_bedrock_/, 'bedrock'],
  [/^aws_cloudtrail$/, 'cloudtrail'],
  [/^aws_backup_/, 'backup'],
  [/^aws_service_discovery_/, 'servicediscovery'],
];

describe('the CI deploy role in the app (MLMON_GITHUB_REPOSITORY set)', () => {
  it('passes the policy pack: the writes on "*" of three groups are suppressed with the reason', () => {
    const { stacks, reports } = synthApp({ ...REPOSITORY, MLMON_STACKS: 'mlmon-bootstrap' });
    expect(Object.keys(stacks)).toEqual(['mlmon-bootstrap']);
    const report = reports.join('\n');
    expect(report).toContain('Policy pack mlmon-bootstrap: 0 error(s), 4 warning(s), 3 suppressed');
    for (const group of ['compute', 'network', 'platform'])
      expect(report).toContain(`MLM-IAM-003 mlmon-bootstrap/github/deploy-${group}-policy `);
    expect(report).not.toContain('MLM-IAM-003 mlmon-bootstrap/github/deploy-data-policy');
    expect(report).toContain(DEPLOY_WILDCARD_REASON);
  });

  it('allows a service for every resource type the environment and account stacks create', () => {
    const { stacks } = synthApp(REPOSITORY);
    const envStacks = Object.keys(stacks).filter((n) => n !== 'mlmon-bootstrap');
    expect(envStacks).toHaveLength(16);
    const types = new Set(envStacks.flatMap((n) => Object.keys(stacks[n].resource ?? {})));
    expect(types.size).toBe(106);
    const actions = deployActions(stacks['mlmon-bootstrap']);
    const uncovered = [...types].filter((t) => {
      const service = SERVICE_OF.find(([re]) => re.test(t))?.[1];
      return !service || !actions.some((a) => a.startsWith(`${service}:`));
    });
    expect(uncovered).toEqual([]);
  });
});
