import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES, PolicyRule, renderRulesMarkdown } from '../../modules/policy';
import { RuleFixtures } from './helpers';
import { EC2_FIXTURES } from './fixtures/ec2';
import { ECS_FIXTURES } from './fixtures/ecs';
import { IAM_FIXTURES } from './fixtures/iam';
import { NETWORK_FIXTURES } from './fixtures/network';
import { NET_FIXTURES } from './fixtures/net';
import { OPERATIONS_FIXTURES } from './fixtures/operations';
import { S3_FIXTURES } from './fixtures/s3';
import { APIGATEWAY_FIXTURES } from './fixtures/apigateway';
import { DYNAMODB_FIXTURES } from './fixtures/dynamodb';
import { LAMBDA_FIXTURES } from './fixtures/lambda';
import { SQS_FIXTURES } from './fixtures/sqs';
import { ALB_FIXTURES } from './fixtures/alb';
import { ACM_FIXTURES } from './fixtures/acm';
import { ROUTE53_FIXTURES } from './fixtures/route53';
import { RDS_FIXTURES } from './fixtures/rds';
import { SECRETSMANAGER_FIXTURES } from './fixtures/secretsmanager';
import { ELASTICACHE_FIXTURES } from './fixtures/elasticache';
import { OPENSEARCH_FIXTURES } from './fixtures/opensearch';
import { VPC_ENDPOINT_FIXTURES } from './fixtures/vpc-endpoint';
import { CLOUDFRONT_FIXTURES } from './fixtures/cloudfront';
import { WAFV2_FIXTURES } from './fixtures/wafv2';
import { BATCH_FIXTURES } from './fixtures/batch';
import { CLOUDTRAIL_FIXTURES } from './fixtures/cloudtrail';
import { ECR_FIXTURES } from './fixtures/ecr';
import { BACKUP_FIXTURES } from './fixtures/backup';

const ALL_FIXTURES: readonly RuleFixtures[] = [
  ...S3_FIXTURES,
  ...NETWORK_FIXTURES,
  ...NET_FIXTURES,
  ...EC2_FIXTURES,
  ...ECS_FIXTURES,
  ...IAM_FIXTURES,
  ...OPERATIONS_FIXTURES,
  ...LAMBDA_FIXTURES,
  ...APIGATEWAY_FIXTURES,
  ...SQS_FIXTURES,
  ...DYNAMODB_FIXTURES,
  ...ALB_FIXTURES,
  ...ACM_FIXTURES,
  ...ROUTE53_FIXTURES,
  ...RDS_FIXTURES,
  ...SECRETSMANAGER_FIXTURES,
  ...ELASTICACHE_FIXTURES,
  ...OPENSEARCH_FIXTURES,
  ...VPC_ENDPOINT_FIXTURES,
  ...CLOUDFRONT_FIXTURES,
  ...WAFV2_FIXTURES,
  ...BATCH_FIXTURES,
  ...CLOUDTRAIL_FIXTURES,
  ...ECR_FIXTURES,
  ...BACKUP_FIXTURES,
];

describe('rule catalogue', () => {
  it.each(ALL_RULES.map((r) => [r.id, r] as const))(
    '%s is tested compliant and non-compliant',
    (_id, rule) => {
      const cases = ALL_FIXTURES.filter((f) => f.rule === rule).flatMap((f) => f.cases);
      expect(cases.filter((c) => c.expect === 'compliant').length).toBeGreaterThanOrEqual(1);
      expect(cases.filter((c) => c.expect === 'non-compliant').length).toBeGreaterThanOrEqual(1);
    },
  );

  it('has no fixtures for rules outside the catalogue', () => {
    for (const f of ALL_FIXTURES) expect(ALL_RULES).toContain(f.rule);
  });

  it('gives every rule a unique, well-formed id and its checkov id in checkov form', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of ALL_RULES) {
      expect(r.id).toMatch(/^MLM-[A-Z0-9]+-\d{3}$/);
      if (r.checkovId !== undefined) expect(r.checkovId).toMatch(/^CKV2?_AWS_\d+$/);
    }
  });

  it('documents every rule: a requirement title, a rationale, a fix, resource types', () => {
    for (const r of ALL_RULES) {
      expect(r.title).not.toMatch(/\.$/);
      expect(r.rationale.length).toBeGreaterThan(40);
      expect(r.fix.length).toBeGreaterThan(10);
      expect(r.appliesTo.length).toBeGreaterThan(0);
      for (const t of r.appliesTo) expect(t).toMatch(/^aws_[a-z0-9_]+$/);
    }
  });

  it('keeps one rule per file in modules/policy/rules, each in ALL_RULES', () => {
    const dir = join(__dirname, '..', '..', 'modules', 'policy', 'rules');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    const exported = files.map((f) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(join(dir, f)) as Record<string, unknown>;
      return Object.values(mod).filter((v): v is PolicyRule => ALL_RULES.includes(v as PolicyRule));
    });
    expect(exported.map((rules) => rules.length)).toEqual(files.map(() => 1));
    expect(new Set(exported.flat())).toEqual(new Set(ALL_RULES));
  });

  it('renders one RULES.md row per rule, escaping Markdown in cells', () => {
    const md = renderRulesMarkdown(ALL_RULES);
    for (const r of ALL_RULES) expect(md).toContain(`| ${r.id} | ${r.checkovId ?? '-'} | ${r.level} |`);
    expect(md).toContain('Action "\\*"'); // MLM-IAM-001's title, not emphasis
    expect(md).toContain('"\\<bucket ARN>/\\*"'); // MLM-S3-004's fix, not an HTML tag
    const errors = ALL_RULES.filter((r) => r.level === 'error').length;
    expect(md).toContain(
      `${ALL_RULES.length} rules on every synthesized stack: ${errors} at level **error**`,
    );
  });

  // Prettier 3 loads its formatters with import(), which jest's VM can't run: check in a child process.
  it('RULES.md is up to date with the rules (run `npm run rules:md`)', () => {
    const root = join(__dirname, '..', '..');
    const run = spawnSync(
      process.execPath,
      ['-r', './scripts/transpile.js', 'scripts/gen-rules-md.ts', '--check'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('renderRulesMarkdown', () => {
  const sample: PolicyRule = {
    id: 'T-X-001',
    checkovId: 'CKV_AWS_1',
    title: 'Things  are\n ok | fine',
    rationale: 'Because <tags> and *stars* matter.',
    level: 'warning',
    fix: 'set ok = true',
    appliesTo: ['aws_thing', 'aws_other'],
    check: () => 'compliant',
  };

  it('renders the header, the counts and one escaped row per rule', () => {
    expect(
      renderRulesMarkdown([sample, { ...sample, id: 'T-X-002', checkovId: undefined, level: 'error' }]),
    ).toBe(
      [
        '<!-- Generated from modules/policy/rules by scripts/gen-rules-md.ts (npm run rules:md). Do not edit. -->',
        '',
        '# Policy rules',
        '',
        'The policy pack (`modules/policy`, see [docs/policy.md](docs/policy.md)) runs 2 rules on every ' +
          'synthesized stack: 1 at level **error** (synthesis fails) and 1 at level **warning** (printed).',
        'Suppress a rule for a construct and its children with `PolicySuppressions.add(construct, [{ id, reason }])`.',
        '',
        '| ID | Checkov | Level | What it checks | Why | Fix | Resource types |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        '| T-X-001 | CKV_AWS_1 | warning | Things are ok \\| fine | Because \\<tags> and \\*stars\\* matter. | ' +
          'set ok = true | `aws_thing`, `aws_other` |',
        '| T-X-002 | - | error | Things are ok \\| fine | Because \\<tags> and \\*stars\\* matter. | ' +
          'set ok = true | `aws_thing`, `aws_other` |',
        '',
      ].join('\n'),
    );
  });
});
