import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { costLine, costStatus, formatMoney, INFRACOST_FILE, parseInfracost } from '../../review/cost';
import { costText } from '../../review/plan-render';
import { renderCombinedComment, summarizePlan } from '../../review/plan-summary';
import { loadPlan } from './fixtures';

/** The top of `infracost diff --path plan.json --format json` (version 0.2). */
const INFRACOST_DIFF = {
  version: '0.2',
  currency: 'USD',
  projects: [],
  totalHourlyCost: '0.1014',
  totalMonthlyCost: '74.022',
  pastTotalHourlyCost: '0.0438',
  pastTotalMonthlyCost: '32',
  diffTotalHourlyCost: '0.0576',
  diffTotalMonthlyCost: '42.022',
  timeGenerated: '2025-01-02T03:04:05Z',
  summary: {
    totalDetectedResources: 67,
    totalSupportedResources: 12,
    totalUnsupportedResources: 3,
    totalUsageBasedResources: 9,
    totalNoPriceResources: 52,
  },
};

const work = mkdtempSync(join(tmpdir(), 'mlmon-cost-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('parseInfracost', () => {
  it('reads the monthly totals before, after and their difference', () => {
    expect(parseInfracost(JSON.stringify(INFRACOST_DIFF))).toEqual({
      currency: 'USD',
      monthly: 74.022,
      pastMonthly: 32,
      diffMonthly: 42.022,
      resources: { detected: 67, supported: 12, unsupported: 3, usageBased: 9 },
    });
  });

  it('computes the difference when Infracost leaves it out (breakdown output)', () => {
    const breakdown = { currency: 'USD', totalMonthlyCost: '74.022' };
    expect(parseInfracost(JSON.stringify(breakdown))).toEqual({
      currency: 'USD',
      monthly: 74.022,
      pastMonthly: null,
      diffMonthly: 74.022,
    });
  });

  it('keeps a null total as unknown', () => {
    expect(parseInfracost(JSON.stringify({ totalMonthlyCost: null, currency: 'EUR' }))).toEqual({
      currency: 'EUR',
      monthly: null,
      pastMonthly: null,
      diffMonthly: null,
    });
  });

  it.each([
    ['not JSON', '{', 'infracost JSON is not JSON:'],
    ['another document', '{"format_version":"1.2"}', 'infracost JSON has no totalMonthlyCost'],
    [
      'a bad amount',
      '{"totalMonthlyCost":"12,50"}',
      'infracost JSON: totalMonthlyCost is "12,50", not a decimal amount',
    ],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseInfracost(text)).toThrow(message);
  });
});

describe('costStatus', () => {
  it('is the estimate when infracost.json is there', () => {
    const dir = join(work, 'estimated');
    mkdirSync(dir);
    writeFileSync(join(dir, INFRACOST_FILE), JSON.stringify(INFRACOST_DIFF));
    expect(costStatus(join(dir, INFRACOST_FILE), true)).toMatchObject({ state: 'estimated' });
    // The file wins even when the caller does not know whether the key was set.
    expect(costStatus(join(dir, INFRACOST_FILE), undefined)).toMatchObject({ state: 'estimated' });
  });

  it.each([
    [false, { state: 'skipped', reason: 'the repository has no INFRACOST_API_KEY secret' }],
    [
      true,
      { state: 'missing', reason: 'Infracost produced no estimate for this stack (see the plan job log)' },
    ],
    [undefined, undefined],
  ])('without the file, with the key %s: %j', (enabled, expected) => {
    expect(costStatus(join(work, 'nothing', INFRACOST_FILE), enabled)).toEqual(expected);
  });

  it('reports an unreadable file as missing, with why', () => {
    const file = join(work, 'bad.json');
    writeFileSync(file, '{}');
    expect(costStatus(file, true)).toEqual({
      state: 'missing',
      reason: `${file} has no totalMonthlyCost: is it the output of \`infracost diff --format json\`?`,
    });
  });
});

describe('money', () => {
  it.each([
    [1234.5, 'USD', false, '$1,234.50'],
    [-3, 'USD', true, '-$3.00'],
    [42.022, 'USD', true, '+$42.02'],
    [0, 'USD', true, '$0.00'],
    [12, 'EUR', false, 'EUR 12.00'],
  ])('%d %s (signed %s) -> %s', (value, currency, signed, text) => {
    expect(formatMoney(value, currency, signed)).toBe(text);
  });

  it('writes one line per stack', () => {
    expect(costLine(parseInfracost(JSON.stringify(INFRACOST_DIFF)))).toBe(
      '$74.02/month (was $32.00; +$42.02)',
    );
    expect(costText({ state: 'skipped', reason: 'the repository has no INFRACOST_API_KEY secret' })).toBe(
      '💰 Cost estimate skipped: the repository has no INFRACOST_API_KEY secret.',
    );
  });
});

describe('in the pull-request comment', () => {
  const estimate = parseInfracost(JSON.stringify(INFRACOST_DIFF));

  it('adds a monthly-cost column and a line per stack when estimated', () => {
    const md = renderCombinedComment([
      summarizePlan({
        stack: 'mlmon-dev',
        plan: loadPlan('create-dev'),
        cost: { state: 'estimated', estimate },
      }),
    ]);
    expect(md).toContain('| Terraform line | Monthly cost |');
    expect(md).toContain('| $74.02/month (was $32.00; +$42.02) |');
    expect(md).toContain('💰 Monthly cost (Infracost): $74.02/month (was $32.00; +$42.02)');
  });

  it('says once that the estimate was skipped, and why, when the key is missing', () => {
    const skipped = { state: 'skipped', reason: 'the repository has no INFRACOST_API_KEY secret' } as const;
    const md = renderCombinedComment([
      summarizePlan({ stack: 'mlmon-dev', plan: loadPlan('update'), cost: skipped }),
      summarizePlan({ stack: 'mlmon-prod', plan: loadPlan('update'), cost: skipped }),
    ]);
    const line =
      "💰 Cost estimate skipped: the repository has no INFRACOST_API_KEY secret. The README's cost tables are the offline reference.";
    expect(md.split(line)).toHaveLength(2);
    expect(md).not.toContain('| Monthly cost |');
  });
});
