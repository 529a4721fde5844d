import { Validator } from '../../../../modules/core/validation';
import {
  AlarmSpec,
  checkThresholds,
  createAlarms,
  validateAlarmSetCommon,
} from '../../../../modules/monitoring/alarms/alarm-builder';
import { COUNT_SCALE, PERCENT_SCALE, ThresholdRule } from '../../../../modules/monitoring/alarms/thresholds';
import { TreatMissingData } from '../../../../modules/monitoring/treat-missing-data';
import { Block, blocksOf, synthJson, testStack } from '../../../support/synth-json';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:alarms';

describe('checkThresholds', () => {
  const RULES: Readonly<Record<string, ThresholdRule>> = {
    cpuPercent: { comparison: 'GreaterThanThreshold', scale: PERCENT_SCALE, example: 80 },
    errors: { comparison: 'GreaterThanThreshold', scale: COUNT_SCALE },
  };
  function problemsOf(thresholds: unknown) {
    const v = new Validator('test');
    checkThresholds(v, thresholds, RULES);
    return v.list();
  }

  it.each<[string, unknown]>([
    ['null', null],
    ['a list', [80]],
    ['a number', 80],
    ['a string', 'cpuPercent=80'],
  ])('refuses thresholds given as %s, with an example naming the first threshold', (_label, thresholds) => {
    expect(problemsOf(thresholds)).toEqual([
      {
        field: 'thresholds',
        value: thresholds,
        problem: 'must be an object',
        fix: 'pass e.g. { cpuPercent: <number> }',
      },
    ]);
  });

  it('refuses an unknown threshold, listing the known ones, and checks the known ones by their rule', () => {
    expect(problemsOf({ cpu: 80, cpuPercent: 100, errors: 5 })).toEqual([
      {
        field: 'thresholds.cpu',
        value: 80,
        problem: 'is not a threshold of these alarms',
        fix: 'use one of cpuPercent, errors',
      },
      {
        field: 'thresholds.cpuPercent',
        value: 100,
        problem:
          'the alarm fires when the percentage is above 100%, which it can never be: the alarm would never fire',
        fix: 'set thresholds.cpuPercent to a percentage above 0% and below 100%, e.g. 80',
      },
    ]);
  });

  it.each<[string, unknown]>([
    ['unset thresholds', undefined],
    ['no thresholds', {}],
    ['valid thresholds', { cpuPercent: 90, errors: 0 }],
    ['a threshold left unset', { cpuPercent: undefined }],
  ])('accepts %s', (_label, thresholds) => {
    expect(problemsOf(thresholds)).toEqual([]);
  });
});

describe('validateAlarmSetCommon', () => {
  type Common = Parameters<typeof validateAlarmSetCommon>[1];
  function problemsOf(props: Partial<Common>) {
    const v = new Validator('test');
    validateAlarmSetCommon(v, { topicArn: TOPIC, ...props });
    return v.list();
  }
  const NAME_PROBLEM = 'must be 1-200 letters, digits, "-" or "_"';

  it.each<[string, Partial<Common>, string, unknown, string, string]>([
    [
      'a topic ARN of another service',
      { topicArn: 'arn:aws:sqs:us-east-1:111122223333:alarms' },
      'topicArn',
      'arn:aws:sqs:us-east-1:111122223333:alarms',
      'is not an SNS topic ARN',
      'pass AlarmTopic.topicArn or "arn:aws:sns:<region>:<account>:<topic>"',
    ],
    [
      'a name with a space',
      { name: 'mlnews prod' },
      'name',
      'mlnews prod',
      NAME_PROBLEM,
      'use e.g. "mlnews-prod-inference"',
    ],
    [
      'a name with a dot',
      { name: 'mlnews.prod' },
      'name',
      'mlnews.prod',
      NAME_PROBLEM,
      'use e.g. "mlnews-prod-inference"',
    ],
    ['an empty name', { name: '' }, 'name', '', NAME_PROBLEM, 'use e.g. "mlnews-prod-inference"'],
    [
      'a 201-character name',
      { name: 'n'.repeat(201) },
      'name',
      'n'.repeat(201),
      NAME_PROBLEM,
      'use e.g. "mlnews-prod-inference"',
    ],
    [
      'a 120-second period',
      { periodInSeconds: 120 },
      'thresholds.periodInSeconds',
      120,
      'must be 60, 300, 900 or 3600 (AWS service metrics are published per minute)',
      'use 300 (5 minutes)',
    ],
    [
      'an unknown missing-data choice',
      { treatMissingData: { errors: 'zero' as TreatMissingData, throttles: undefined } },
      'treatMissingData.errors',
      'zero',
      'is not a treat-missing-data value',
      'use one of missing, ignore, breaching, notBreaching',
    ],
  ])('refuses %s', (_label, props, field, value, problem, fix) => {
    expect(problemsOf(props)).toEqual([{ field, value, problem, fix }]);
  });

  it.each<[string, Partial<Common>]>([
    ['a 200-character name of every allowed kind', { name: `aZ09_-${'n'.repeat(194)}` }],
    ['a 60-second period', { periodInSeconds: 60 }],
    ['a 300-second period', { periodInSeconds: 300 }],
    ['a 900-second period', { periodInSeconds: 900 }],
    ['a 3600-second period', { periodInSeconds: 3600 }],
    [
      'every missing-data choice, and one left unset',
      {
        treatMissingData: {
          a: 'missing',
          b: 'ignore',
          c: 'breaching',
          d: 'notBreaching',
          e: undefined,
        },
      },
    ],
  ])('accepts %s', (_label, props) => {
    expect(problemsOf(props)).toEqual([]);
  });
});

describe('createAlarms', () => {
  const COMMON: Omit<AlarmSpec, 'suffix' | 'metric' | 'metricQuery'> = {
    description: 'Too slow.',
    comparisonOperator: 'GreaterThanThreshold',
    threshold: 2,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    treatMissingData: 'notBreaching',
  };
  const COMMON_BLOCK: Block = {
    alarm_description: 'Too slow.',
    comparison_operator: 'GreaterThanThreshold',
    threshold: 2,
    evaluation_periods: 3,
    datapoints_to_alarm: 2,
    treat_missing_data: 'notBreaching',
    alarm_actions: [TOPIC],
    ok_actions: [TOPIC],
  };

  function alarmsOf(specs: AlarmSpec[]) {
    const stack = testStack();
    const created = createAlarms(stack, 'api', TOPIC, specs);
    return {
      keys: Object.keys(created),
      blocks: blocksOf(synthJson(stack).json, 'aws_cloudwatch_metric_alarm'),
    };
  }

  it.each<[string, 'statistic' | 'extended_statistic']>([
    ['p99', 'extended_statistic'],
    ['p99.9', 'extended_statistic'],
    ['p99.99', 'extended_statistic'],
    ['p50', 'extended_statistic'],
    ['Average', 'statistic'],
    ['xp99', 'statistic'],
    ['p99x', 'statistic'],
    ['p99.', 'statistic'],
    ['p99.x', 'statistic'],
  ])('sends the statistic %s as %s', (statistic, field) => {
    const { keys, blocks } = alarmsOf([
      {
        ...COMMON,
        suffix: 'latency',
        metric: {
          namespace: 'AWS/ApiGateway',
          metricName: 'Latency',
          statistic,
          periodInSeconds: 60,
          dimensions: { ApiId: 'abc123' },
        },
      },
    ]);
    expect(keys).toEqual(['latency']);
    expect(blocks).toEqual([
      {
        ...COMMON_BLOCK,
        alarm_name: 'api-latency',
        namespace: 'AWS/ApiGateway',
        metric_name: 'Latency',
        [field]: statistic,
        period: 60,
        dimensions: { ApiId: 'abc123' },
      },
    ]);
  });

  it('alarms on metric math without a metric, a statistic or dimensions of its own', () => {
    const { keys, blocks } = alarmsOf([
      {
        ...COMMON,
        suffix: 'error-rate',
        metricQuery: [
          { id: 'rate', expression: '100 * errors / requests', label: 'Error rate', returnData: true },
          {
            id: 'errors',
            metric: { namespace: 'AWS/Lambda', metricName: 'Errors', period: 300, stat: 'Sum' },
          },
        ],
      },
      {
        ...COMMON,
        suffix: 'errors',
        metric: {
          namespace: 'AWS/Lambda',
          metricName: 'Errors',
          statistic: 'Sum',
          periodInSeconds: 300,
          dimensions: {},
        },
      },
    ]);
    expect(keys).toEqual(['error-rate', 'errors']);
    expect(blocks).toEqual([
      {
        ...COMMON_BLOCK,
        alarm_name: 'api-error-rate',
        metric_query: [
          { id: 'rate', expression: '100 * errors / requests', label: 'Error rate', return_data: true },
          {
            id: 'errors',
            metric: { namespace: 'AWS/Lambda', metric_name: 'Errors', period: 300, stat: 'Sum' },
          },
        ],
      },
      {
        ...COMMON_BLOCK,
        alarm_name: 'api-errors',
        namespace: 'AWS/Lambda',
        metric_name: 'Errors',
        statistic: 'Sum',
        period: 300,
        dimensions: {},
      },
    ]);
  });
});
