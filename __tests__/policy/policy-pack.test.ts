import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup, CloudwatchLogGroupConfig } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import {
  ALL_RULES,
  applyPolicyPack,
  PolicyPackAspect,
  PolicyPackOptions,
  PolicyRule,
  PolicySuppressions,
} from '../../modules/policy';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Fixture {
  readonly app: App;
  readonly stack: TerraformStack;
  readonly monitoring: Construct;
  readonly outdir: string;
  readonly log: string[];
}

/** App -> stack "pack" -> construct "monitoring" -> log group "logs" (and optionally "audit"). */
function fixture(
  logs: Partial<CloudwatchLogGroupConfig>,
  options: Omit<PolicyPackOptions, 'log'> = {},
): Fixture {
  const outdir = mkdtempSync(join(tmpdir(), 'policy-pack-'));
  dirs.push(outdir);
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'pack');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const monitoring = new Construct(stack, 'monitoring');
  new CloudwatchLogGroup(monitoring, 'logs', { name: '/mlmon/api', ...logs });
  const log: string[] = [];
  applyPolicyPack(stack, { ...options, log: (m) => log.push(m) });
  return { app, stack, monitoring, outdir, log };
}

const COMPLIANT = { retentionInDays: 30, kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abc' };
const NO_KMS = { retentionInDays: 30 }; // warning MLM-LOG-002 only
const NO_RETENTION = { kmsKeyId: COMPLIANT.kmsKeyId }; // error MLM-LOG-001 only

function synthError(app: App): string {
  try {
    app.synth();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected app.synth() to fail');
}

interface ManifestAnnotation {
  constructPath: string;
  level: string;
  message: string;
}

function annotations(f: Fixture): ManifestAnnotation[] {
  const manifest = JSON.parse(readFileSync(join(f.outdir, 'manifest.json'), 'utf8'));
  return manifest.stacks.pack.annotations;
}

describe('applyPolicyPack', () => {
  describe('an error-level finding', () => {
    it('fails app.synth() naming the rule, construct path, Terraform address, what was found and the fix', () => {
      const message = synthError(fixture(NO_RETENTION).app);
      expect(message).toMatch(
        /\[pack\] MLM-LOG-001 \[error\] pack\/monitoring\/logs \(aws_cloudwatch_log_group\.monitoring_logs_[0-9A-F]{8}\)\n/,
      );
      expect(message).toContain('    Rule:  CloudWatch log groups set a retention period (CKV_AWS_66)\n');
      expect(message).toContain('    Found: retention_in_days is unset, so events never expire\n');
      expect(message).toContain('    Fix:   set retention_in_days to an accepted value');
      expect(message).toContain(
        "Policy pack: 1 error in pack. Fix each one, or, where a rule does not apply, suppress it with PolicySuppressions.add(construct, [{ id: '<rule id>', reason: '<why>' }]) (see docs/policy.md).\n",
      );
    });

    it('fails Testing.synth with validations too (it is a stack validation)', () => {
      const f = fixture(NO_RETENTION);
      expect(() => Testing.synth(f.stack, true)).toThrow(/MLM-LOG-001/);
    });

    it('counts every error in the summary', () => {
      const f = fixture(NO_RETENTION);
      new CloudwatchLogGroup(f.monitoring, 'audit', { name: '/mlmon/audit', ...NO_RETENTION });
      const message = synthError(f.app);
      expect(message.match(/MLM-LOG-001 \[error\]/g)).toHaveLength(2);
      expect(message).toContain('Policy pack: 2 errors in pack.');
    });
  });

  describe('a warning-level finding', () => {
    it('is printed and annotated, and synthesis succeeds', () => {
      const f = fixture(NO_KMS);
      f.app.synth();
      expect(f.log).toHaveLength(1);
      expect(f.log[0]).toContain('Policy pack pack: 0 error(s), 1 warning(s), 0 suppressed');
      expect(f.log[0]).toMatch(/MLM-LOG-002 \[warning\] pack\/monitoring\/logs \(aws_cloudwatch_log_group\./);
      expect(f.log[0]).toContain('Fix:   set kms_key_id');
      const warnings = annotations(f).filter((a) => a.level === '@cdktf/warn');
      expect(warnings).toHaveLength(1);
      expect(warnings[0].constructPath).toBe('pack/monitoring/logs');
      expect(warnings[0].message).toContain('MLM-LOG-002 [warning]');
      expect(readFileSync(join(f.outdir, 'stacks', 'pack', 'cdk.tf.json'), 'utf8')).toContain('/mlmon/api');
    });

    it('is printed and annotated once when the stack is synthesized twice', () => {
      const f = fixture(NO_KMS);
      f.app.synth();
      f.app.synth();
      expect(f.log).toHaveLength(1);
      expect(annotations(f).filter((a) => a.level === '@cdktf/warn')).toHaveLength(1);
    });
  });

  it('prints nothing for a compliant stack', () => {
    const f = fixture(COMPLIANT);
    f.app.synth();
    expect(f.log).toEqual([]);
    expect(annotations(f)).toEqual([]);
  });

  it('throws when applied twice to the same stack', () => {
    const f = fixture(COMPLIANT);
    expect(() => applyPolicyPack(f.stack)).toThrow('the policy pack is already applied to stack pack');
  });

  describe('custom rules', () => {
    const tagged: PolicyRule = {
      id: 'ACME-LOG-001',
      title: 'Log groups are named under /acme',
      rationale: 'One prefix makes log subscriptions and IAM conditions simple to write.',
      level: 'error',
      fix: 'name the log group /acme/...',
      appliesTo: ['aws_cloudwatch_log_group'],
      check: (ctx) =>
        String(ctx.resource.config.name).startsWith('/acme/')
          ? 'compliant'
          : { status: 'non-compliant', detail: `name is ${String(ctx.resource.config.name)}` },
    };

    it('runs only the rules given', () => {
      const message = synthError(fixture(NO_RETENTION, { rules: [tagged] }).app);
      expect(message).toContain('ACME-LOG-001 [error] pack/monitoring/logs');
      expect(message).toContain('Found: name is /mlmon/api');
      expect(message).not.toContain('MLM-LOG-001');
    });

    it('adds to the built-in rules', () => {
      const message = synthError(fixture(NO_RETENTION, { rules: [...ALL_RULES, tagged] }).app);
      expect(message).toContain('ACME-LOG-001 [error]');
      expect(message).toContain('MLM-LOG-001 [error]');
    });

    it('rejects malformed rule sets when applied', () => {
      const stack = new TerraformStack(Testing.app(), 'bad');
      const bad = { ...tagged, id: 'acme 1', title: ' ', appliesTo: [] };
      expect(() => applyPolicyPack(stack, { rules: [tagged, tagged, bad] })).toThrow(
        /Invalid policy rules \(4\):\n {2}- rule id ACME-LOG-001 is used twice\n {2}- rule id "acme 1" is not like "MLM-S3-001"\n {2}- acme 1: appliesTo lists no resource type\n {2}- acme 1: title is empty/,
      );
    });

    it('rejects an unknown level', () => {
      const stack = new TerraformStack(Testing.app(), 'bad');
      const bad = { ...tagged, level: 'info' } as unknown as PolicyRule;
      expect(() => applyPolicyPack(stack, { rules: [bad] })).toThrow(
        "ACME-LOG-001: level must be 'error' or 'warning'",
      );
    });

    it('reports a rule that throws as a pack error naming the rule and the resource', () => {
      const broken: PolicyRule = {
        ...tagged,
        id: 'ACME-BOOM-001',
        check: () => {
          throw new Error('boom');
        },
      };
      const message = synthError(fixture(COMPLIANT, { rules: [broken] }).app);
      expect(message).toMatch(
        /Policy pack: ACME-BOOM-001 could not evaluate aws_cloudwatch_log_group\.monitoring_logs_[0-9A-F]{8} \(pack\/monitoring\/logs\): boom/,
      );
    });
  });
});

describe('PolicySuppressions', () => {
  const REASON = 'Audit logs are kept forever by policy of the security team.';

  it('silences the finding on the construct and its children and lists it once per stack', () => {
    const f = fixture(NO_RETENTION);
    PolicySuppressions.add(f.monitoring, [{ id: 'MLM-LOG-001', reason: REASON }]);
    f.app.synth();
    f.app.synth();
    expect(f.log).toHaveLength(1);
    expect(f.log[0]).toContain('Policy pack pack: 0 error(s), 0 warning(s), 1 suppressed');
    expect(f.log[0]).toMatch(
      new RegExp(
        `Suppressed findings in pack \\(1\\):\\n  MLM-LOG-001 pack/monitoring/logs \\(aws_cloudwatch_log_group\\.monitoring_logs_[0-9A-F]{8}\\) \\(suppressed at pack/monitoring\\): ${REASON}`,
      ),
    );
    const info = annotations(f).filter((a) => a.level === '@cdktf/info');
    expect(info).toHaveLength(1);
    expect(info[0].constructPath).toBe('pack');
    expect(info[0].message).toMatch(
      new RegExp(
        `^Suppressed policy findings:\\nMLM-LOG-001 pack/monitoring/logs \\(aws_cloudwatch_log_group\\.monitoring_logs_[0-9A-F]{8}\\): ${REASON}$`,
      ),
    );
  });

  it('does not reach siblings', () => {
    const f = fixture(COMPLIANT);
    const audit = new Construct(f.stack, 'audit');
    new CloudwatchLogGroup(audit, 'logs', { name: '/mlmon/audit', ...NO_RETENTION });
    const other = new Construct(f.stack, 'other');
    new CloudwatchLogGroup(other, 'logs', { name: '/mlmon/other', ...NO_RETENTION });
    PolicySuppressions.add(audit, [{ id: 'MLM-LOG-001', reason: REASON }]);
    const message = synthError(f.app);
    expect(message).toContain('MLM-LOG-001 [error] pack/other/logs');
    expect(message).not.toContain('MLM-LOG-001 [error] pack/audit/logs');
  });

  it('does not reach a sibling whose name starts with the same characters', () => {
    const f = fixture(COMPLIANT);
    const a = new Construct(f.stack, 'api');
    new CloudwatchLogGroup(new Construct(f.stack, 'api-v2'), 'logs', { name: '/v2', ...NO_RETENTION });
    PolicySuppressions.add(a, [{ id: 'MLM-LOG-001', reason: REASON }]);
    expect(synthError(f.app)).toContain('MLM-LOG-001 [error] pack/api-v2/logs');
  });

  it('uses the nearest suppression when several cover a resource', () => {
    const f = fixture(NO_RETENTION);
    PolicySuppressions.add(f.stack, [{ id: 'MLM-LOG-001', reason: 'Stack-wide reason for all log groups.' }]);
    PolicySuppressions.add(f.monitoring, [{ id: 'MLM-LOG-001', reason: REASON }]);
    f.app.synth();
    expect(f.log[0]).toContain(`(suppressed at pack/monitoring): ${REASON}`);
    expect(f.log[0]).toContain(
      'Unused suppressions in pack (1); remove them:\n  MLM-LOG-001 at pack: no finding to suppress',
    );
  });

  it('reports suppressions that match no finding', () => {
    const f = fixture(COMPLIANT);
    PolicySuppressions.add(f.monitoring, [{ id: 'MLM-S3-005', reason: 'There is no bucket here any more.' }]);
    f.app.synth();
    expect(f.log[0]).toContain('MLM-S3-005 at pack/monitoring: no finding to suppress');
    const warn = annotations(f).filter((a) => a.level === '@cdktf/warn');
    expect(warn.map((a) => [a.constructPath, a.message])).toEqual([
      ['pack/monitoring', 'Unused policy suppression MLM-S3-005: remove it'],
    ]);
  });

  it('stores suppressions as construct metadata without a stack trace', () => {
    const f = fixture(COMPLIANT);
    PolicySuppressions.add(f.monitoring, [{ id: 'MLM-LOG-002', reason: REASON }]);
    const entry = f.monitoring.node.metadata.find((m) => m.type === 'cdktf-aws:policy-suppressions');
    expect(entry?.data).toEqual([{ id: 'MLM-LOG-002', reason: REASON }]);
    expect(entry?.trace).toBeUndefined();
  });

  it('returns the suppressions added to a construct', () => {
    const f = fixture(COMPLIANT);
    PolicySuppressions.add(f.monitoring, [{ id: ' MLM-LOG-002 ', reason: `  ${REASON}  ` }]);
    expect(PolicySuppressions.of(f.monitoring)).toEqual([{ id: 'MLM-LOG-002', reason: REASON }]);
    expect(PolicySuppressions.of(f.stack)).toEqual([]);
    expect(PolicySuppressions.collect(f.stack)).toEqual([
      { path: 'pack/monitoring', id: 'MLM-LOG-002', reason: REASON },
    ]);
  });

  describe('rejects', () => {
    const scope = () => fixture(COMPLIANT).monitoring;

    it.each([
      ['an empty reason', ''],
      ['a blank reason', '          '],
      ['a reason under 10 characters', 'too short'],
    ])('%s', (_name, reason) => {
      expect(() => PolicySuppressions.add(scope(), [{ id: 'MLM-LOG-001', reason }])).toThrow(
        `PolicySuppressions.add(pack/monitoring): 1 problem(s):\n  - suppression of MLM-LOG-001 needs a reason of at least 10 characters saying why the rule does not apply here (received ${JSON.stringify(reason)})`,
      );
    });

    it('a reason of exactly 10 characters is accepted', () => {
      expect(() =>
        PolicySuppressions.add(scope(), [{ id: 'MLM-LOG-001', reason: '0123456789' }]),
      ).not.toThrow();
    });

    it('a missing reason (from untyped callers)', () => {
      const s = { id: 'MLM-LOG-001' } as unknown as { id: string; reason: string };
      expect(() => PolicySuppressions.add(scope(), [s])).toThrow('(received "")');
    });

    it('a suppression without a rule id', () => {
      expect(() => PolicySuppressions.add(scope(), [{ id: ' ', reason: REASON }])).toThrow(
        "suppression #1 has no rule id; name the rule, e.g. { id: 'MLM-S3-005', ... }",
      );
    });

    it('a non-string rule id (from untyped callers)', () => {
      const s = { id: 42, reason: REASON } as unknown as { id: string; reason: string };
      expect(() => PolicySuppressions.add(scope(), [s])).toThrow('suppression #1 has no rule id');
    });

    it('names the root when added to the App', () => {
      expect(() => PolicySuppressions.add(Testing.app(), [])).toThrow(
        'PolicySuppressions.add(<root>): 1 problem(s)',
      );
    });

    it('an empty list', () => {
      expect(() => PolicySuppressions.add(scope(), [])).toThrow('no suppressions given');
    });

    it('an unknown built-in rule id, suggesting the closest', () => {
      expect(() => PolicySuppressions.add(scope(), [{ id: 'MLM-LOG-010', reason: REASON }])).toThrow(
        'suppression of MLM-LOG-010: no built-in rule has this id (did you mean MLM-LOG-001?); see RULES.md',
      );
    });

    it('an unknown built-in rule id far from any known one, without a suggestion', () => {
      expect(() => PolicySuppressions.add(scope(), [{ id: 'MLM-NOPE-123456', reason: REASON }])).toThrow(
        /no built-in rule has this id; see RULES.md/,
      );
    });

    it('every problem at once', () => {
      expect(() =>
        PolicySuppressions.add(scope(), [
          { id: 'MLM-LOG-001', reason: '' },
          { id: '', reason: REASON },
        ]),
      ).toThrow(
        new Error(
          'PolicySuppressions.add(pack/monitoring): 2 problem(s):\n' +
            '  - suppression of MLM-LOG-001 needs a reason of at least 10 characters saying why the rule does not apply here (received "")\n' +
            "  - suppression #2 has no rule id; name the rule, e.g. { id: 'MLM-S3-005', ... }",
        ),
      );
    });

    it('an unknown custom rule id, at synthesis', () => {
      const f = fixture(COMPLIANT);
      PolicySuppressions.add(f.monitoring, [{ id: 'ACME-NAMING-001', reason: REASON }]);
      expect(synthError(f.app)).toContain(
        'Policy pack: Suppression at pack/monitoring names unknown rule "ACME-NAMING-001". Rule ids are listed in RULES.md.',
      );
    });

    it('a rule id in the wrong case, at synthesis, suggesting the right one', () => {
      const f = fixture(COMPLIANT);
      PolicySuppressions.add(f.monitoring, [{ id: 'mlm-log-001', reason: REASON }]);
      expect(synthError(f.app)).toContain('names unknown rule "mlm-log-001" (did you mean "MLM-LOG-001"?)');
    });
  });
});

describe('PolicyPackAspect', () => {
  it('adds the validation to stacks only, once per stack', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'a');
    const child = new Construct(stack, 'child');
    const aspect = new PolicyPackAspect({ log: () => undefined });
    aspect.visit(child);
    expect(stack.node.validate()).toEqual([]);
    aspect.visit(stack);
    aspect.visit(stack);
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new CloudwatchLogGroup(stack, 'lg', { name: '/x', ...NO_RETENTION });
    const errors = stack.node.validate();
    expect(errors.filter((e) => e.startsWith('MLM-LOG-001'))).toHaveLength(1);
  });

  it('annotates each warning on its resource, and errors not at all', () => {
    const stack = new TerraformStack(Testing.app(), 'a');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const one = new CloudwatchLogGroup(stack, 'one', { name: '/one', ...NO_KMS });
    const two = new CloudwatchLogGroup(stack, 'two', { name: '/two', ...NO_KMS });
    const broken = new CloudwatchLogGroup(stack, 'broken', { name: '/broken', ...NO_RETENTION });
    new PolicyPackAspect({ log: () => undefined }).visit(stack);
    expect(stack.node.validate().filter((e) => e.startsWith('MLM-'))).toHaveLength(1);
    const warnings = (c: Construct) =>
      c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data);
    expect(warnings(one)).toEqual([expect.stringMatching(/^MLM-LOG-002 \[warning\] a\/one /)]);
    expect(warnings(two)).toEqual([expect.stringMatching(/^MLM-LOG-002 \[warning\] a\/two /)]);
    expect(warnings(broken)).toEqual([]);
  });

  // The cdktf CLI prints annotations and shows an app's stderr as [ERROR] lines: by default the
  // pack writes nothing, so `cdktf synth` shows each warning once, as a warning.
  it('writes nothing to stderr or stdout by default: each warning is one warning annotation', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'a');
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      new CloudwatchLogGroup(stack, 'lg', { name: '/x', ...NO_KMS });
      applyPolicyPack(stack);
      app.synth();
      app.synth();
      expect([warn.mock.calls, stderr.mock.calls, stdout.mock.calls]).toEqual([[], [], []]);
      const annotations = stack.node
        .findAll()
        .flatMap((c) =>
          c.node.metadata.map((m) => ({ path: c.node.path, type: m.type, data: m.data as string })),
        )
        .filter((m) => m.type.startsWith('@cdktf/'));
      expect(annotations).toEqual([
        { path: 'a/lg', type: '@cdktf/warn', data: expect.stringMatching(/^MLM-LOG-002 \[warning\] a\/lg /) },
      ]);
    } finally {
      warn.mockRestore();
      stderr.mockRestore();
      stdout.mockRestore();
    }
  });
});
