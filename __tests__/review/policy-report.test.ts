import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { buildApp } from '../../main';
import { PolicySuppressions } from '../../modules/policy';
import { policyBlock, policyCountsText } from '../../review/plan-render';
import { renderCombinedComment, summarizePlan } from '../../review/plan-summary';
import {
  POLICY_REPORT_FILE,
  PolicyReportFile,
  policyReportFile,
  readPolicyReportFile,
  stackPolicyReport,
  writePolicyReports,
} from '../../review/policy-report';
import { loadPlan } from './fixtures';

const work = mkdtempSync(join(tmpdir(), 'mlmon-policy-report-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a stack with a warning and a suppression', () => {
  const stack = new TerraformStack(Testing.app(), 'demo');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new CloudwatchLogGroup(stack, 'api', { name: '/demo/api', retentionInDays: 30 });
  const audit = new CloudwatchLogGroup(stack, 'audit', { name: '/demo/audit', retentionInDays: 365 });
  PolicySuppressions.add(audit, [
    { id: 'MLM-LOG-002', reason: 'Audit events hold no secrets; the account key encrypts them at rest.' },
    { id: 'MLM-S3-001', reason: 'Left over from when this was a bucket: nothing to suppress.' },
  ]);
  const file = policyReportFile(stackPolicyReport(stack));

  it('records warnings with what was found and the fix, and suppressions with their reasons', () => {
    expect(file).toEqual({
      version: 1,
      stack: 'demo',
      evaluations: expect.any(Number),
      errors: [],
      warnings: [
        {
          ruleId: 'MLM-LOG-002',
          level: 'warning',
          title: 'CloudWatch log groups are encrypted with a customer-managed KMS key',
          checkovId: 'CKV_AWS_158',
          path: 'demo/api',
          address: expect.stringMatching(/^aws_cloudwatch_log_group\.api/),
          detail: 'kms_key_id is not set',
          fix: expect.stringContaining('set kms_key_id'),
        },
      ],
      suppressed: [
        {
          ruleId: 'MLM-LOG-002',
          level: 'warning',
          title: 'CloudWatch log groups are encrypted with a customer-managed KMS key',
          path: 'demo/audit',
          address: expect.stringMatching(/^aws_cloudwatch_log_group\.audit/),
          reason: 'Audit events hold no secrets; the account key encrypts them at rest.',
          suppressedAt: 'demo/audit',
        },
      ],
      unusedSuppressions: [{ ruleId: 'MLM-S3-001', path: 'demo/audit' }],
      problems: [],
    });
    expect(file.evaluations).toBeGreaterThanOrEqual(4);
  });

  it('renders the findings for the reviewer', () => {
    const md = policyBlock(file);
    expect(md.split('\n')[0]).toBe(
      '#### 🛡️ Policy pack: 1 warning(s), 1 suppressed, 1 unused suppression(s)',
    );
    expect(md).toContain(
      '| `MLM-LOG-002` CloudWatch log groups are encrypted with a customer-managed KMS key (CKV_AWS_158) | warning | `api` | kms_key_id is not set |',
    );
    expect(md).toContain(
      '| `MLM-LOG-002` CloudWatch log groups are encrypted with a customer-managed KMS key | `audit` | Audit events hold no secrets; the account key encrypts them at rest. | `demo/audit` |',
    );
    expect(md).toContain(
      '**Unused suppressions** (no finding to suppress; remove them): `MLM-S3-001` at `demo/audit`',
    );
  });

  it('shortens long lists', () => {
    const many: PolicyReportFile = { ...file, warnings: Array(7).fill(file.warnings[0]) };
    const md = policyBlock(many, 5);
    expect(md).toContain('| ... and 2 more | | | | |');
  });

  it('says so when every rule passed', () => {
    const clean: PolicyReportFile = {
      ...file,
      warnings: [],
      suppressed: [],
      unusedSuppressions: [],
      evaluations: 12,
    };
    expect(policyCountsText(clean)).toBe('no findings');
    expect(policyBlock(clean)).toBe(
      "#### 🛡️ Policy pack: no findings\n\nEvery rule passed (12 check(s) on this stack's resources).",
    );
  });

  it('reaches the stack section and the overview of the comment', () => {
    const summary = summarizePlan({ stack: 'demo', plan: loadPlan('update'), policy: file });
    const md = renderCombinedComment([summary]);
    expect(md).toContain(
      '| Stack | Status | Create | Update | Replace | Destroy | Drift | Terraform line | Policy |',
    );
    expect(md).toContain(
      '| `demo` | 📝 Changes | 0 | 2 | 0 | 0 | 1 | Plan: 0 to add, 2 to change, 0 to destroy. | ⚠️ 1 🔕 1 |',
    );
    expect(md).toContain('#### 🛡️ Policy pack: 1 warning(s), 1 suppressed');
  });
});

describe('the real app: review/synth.ts writes a report next to each stack', () => {
  const outdir = join(work, 'cdktf.out');
  // What the pack prints at synth, to compare with what the report carries.
  const printed: string[] = [];
  const warn = jest.spyOn(console, 'warn').mockImplementation((message: string) => printed.push(message));
  const app = buildApp({ outdir, env: {} });
  app.synth();
  warn.mockRestore();
  const written = writePolicyReports(app);
  const report = (stack: string) => readPolicyReportFile(join(outdir, 'stacks', stack, POLICY_REPORT_FILE));
  /** `<rule> <path>` of the printed warnings and suppressions of one stack. */
  const printedFindings = (stack: string) => {
    const text = printed.find((p) => p.startsWith(`Policy pack ${stack}:`)) ?? '';
    const [warnings, suppressed = ''] = text.split(`Suppressed findings in ${stack}`);
    const ids = (part: string, re: RegExp) => [...part.matchAll(re)].map((m) => `${m[1]} ${m[2]}`);
    return {
      warnings: ids(warnings, /^ {2}(MLM-[A-Z0-9-]+) \[warning\] (\S+) /gm),
      suppressed: ids(suppressed, /^ {2}(MLM-[A-Z0-9-]+) (\S+) /gm),
    };
  };

  it('writes one per stack', () => {
    expect(written.map((f) => f.slice(outdir.length + 1)).sort()).toEqual(
      ['mlmon-account', 'mlmon-bootstrap', 'mlmon-dev', 'mlmon-prod', 'mlmon-staging'].map(
        (s) => `stacks/${s}/${POLICY_REPORT_FILE}`,
      ),
    );
  });

  it.each(['mlmon-dev', 'mlmon-staging', 'mlmon-prod'])(
    '%s: carries the warnings and the suppressions the pack prints at synth',
    (stack) => {
      const file = report(stack) as PolicyReportFile;
      expect(file.errors).toEqual([]);
      // The pack prints its report with console.warn today; if it stops, the check below remains.
      if (!printed.some((p) => p.startsWith(`Policy pack ${stack}:`))) return;
      expect({
        warnings: file.warnings.map((w) => `${w.ruleId} ${w.path}`),
        suppressed: file.suppressed.map((w) => `${w.ruleId} ${w.path}`),
      }).toEqual(printedFindings(stack));
    },
  );

  it('warns about exactly the log groups of mlmon-dev without a customer-managed key (MLM-LOG-002)', () => {
    const json = JSON.parse(readFileSync(join(outdir, 'stacks', 'mlmon-dev', 'cdk.tf.json'), 'utf8')) as {
      resource: Record<string, Record<string, { kms_key_id?: string; '//': { metadata: { path: string } } }>>;
    };
    const withoutKey = Object.values(json.resource.aws_cloudwatch_log_group)
      .filter((g) => g.kms_key_id === undefined)
      .map((g) => g['//'].metadata.path)
      .sort();
    expect(withoutKey.length).toBeGreaterThan(0);
    const dev = report('mlmon-dev') as PolicyReportFile;
    const flagged = [...dev.warnings, ...dev.suppressed]
      .filter((f) => f.ruleId === 'MLM-LOG-002')
      .map((f) => f.path);
    expect(flagged.sort()).toEqual(withoutKey);
  });

  it('includes the known findings of mlmon-dev, with the reason of its suppression', () => {
    const dev = report('mlmon-dev') as PolicyReportFile;
    expect(dev.warnings.map((w) => `${w.ruleId} ${w.path}`)).toContain('MLM-LOG-002 mlmon-dev/logs/api');
    const host = dev.suppressed.find((s) => s.ruleId === 'MLM-EC2-003');
    expect(host?.suppressedAt).toBe('mlmon-dev/app');
    expect(host?.reason).toContain('The host serves the API directly');
  });
});

describe('review/synth.ts (the synth command of npm run plan)', () => {
  const ROOT = resolve(__dirname, '..', '..');
  const run = (outdir: string, env: Record<string, string>) =>
    spawnSync(process.execPath, ['-r', './scripts/transpile.js', 'review/synth.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', CDKTF_OUTDIR: outdir, ...env },
      timeout: 120_000,
    });

  it('synthesizes the app and writes the policy report next to each stack', () => {
    const outdir = join(work, 'synth-cli');
    const r = run(outdir, { MLMON_STACKS: 'mlmon-dev' });
    expect(r.status).toBe(0);
    expect(existsSync(join(outdir, 'stacks', 'mlmon-dev', 'cdk.tf.json'))).toBe(true);
    expect(readPolicyReportFile(join(outdir, 'stacks', 'mlmon-dev', POLICY_REPORT_FILE))?.stack).toBe(
      'mlmon-dev',
    );
  });

  it('fails as main.ts does: one message, exit 1, no manifest left behind', () => {
    const outdir = join(work, 'synth-cli-bad');
    const r = run(outdir, { MLMON_STACKS: 'mlmon-nope' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('MLMON_STACKS = "mlmon-nope"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(outdir, 'manifest.json'))).toBe(false);
  });
});

describe('readPolicyReportFile', () => {
  it('returns undefined when there is no report', () => {
    expect(readPolicyReportFile(join(work, 'none.json'))).toBeUndefined();
  });

  it('refuses a file that is not a report', () => {
    const file = join(work, 'bad.json');
    writeFileSync(file, JSON.stringify({ version: 2, stack: 'x' }));
    expect(() => readPolicyReportFile(file)).toThrow(
      `${file} is not a policy report of version 1 (written by review/synth.ts); synthesize again with npm run plan.`,
    );
    expect(readFileSync(file, 'utf8')).toContain('"version":2');
  });
});
