import { TerraformStack, TerraformVariable } from 'cdktf';
import {
  EcsAlarmKind,
  EcsServiceAlarms,
  EcsServiceAlarmsProps,
  EcsServiceAlarmTarget,
  TreatMissingData,
} from '../../../../modules/monitoring';
import {
  alarmPlanChecks,
  Block,
  errorOf,
  invalidMessage,
  resources,
  synthJson,
  testStack,
} from '../../../support/synth-json';
import { lazy } from '../../../support/lazy';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:modelreg-alarms';
const SERVICE: EcsServiceAlarmTarget = { clusterName: 'modelreg-prod', serviceName: 'modelreg-api' };
const DIMS = { ClusterName: 'modelreg-prod', ServiceName: 'modelreg-api' };
const ACTIONS = { alarm_actions: [TOPIC], ok_actions: [TOPIC] };

function build(props: Partial<EcsServiceAlarmsProps> = {}, stack: TerraformStack = testStack()) {
  const alarms = new EcsServiceAlarms(stack, 'alarms', { service: SERVICE, topicArn: TOPIC, ...props });
  const blocks = resources(synthJson(stack).json, 'aws_cloudwatch_metric_alarm');
  const byName = Object.fromEntries(Object.values(blocks).map((b) => [b.alarm_name as string, b]));
  return { alarms, blocks, byName };
}

const insightsQuery = (id: string, metric: string): Block => ({
  id,
  metric: {
    namespace: 'ECS/ContainerInsights',
    metric_name: metric,
    stat: 'Average',
    period: 60,
    dimensions: DIMS,
  },
  return_data: false,
});

describe('EcsServiceAlarms defaults', () => {
  const built = lazy(() => build());

  it('creates the four alarms, exposed by kind', () => {
    expect(Object.keys(built().alarms.alarms)).toEqual(['cpu', 'memory', 'runningTasks', 'belowDesired']);
    expect(built().alarms.alarmNames).toEqual([
      'modelreg-api-cpu-high',
      'modelreg-api-memory-high',
      'modelreg-api-running-tasks-low',
      'modelreg-api-tasks-below-desired',
    ]);
    expect(Object.keys(built().byName).sort()).toEqual([...built().alarms.alarmNames].sort());
  });

  it.each<[string, Block]>([
    [
      'modelreg-api-cpu-high',
      {
        alarm_name: 'modelreg-api-cpu-high',
        alarm_description: 'Average CPU of ECS service modelreg-api above 85% for 5 minutes.',
        namespace: 'AWS/ECS',
        metric_name: 'CPUUtilization',
        statistic: 'Average',
        period: 60,
        dimensions: DIMS,
        comparison_operator: 'GreaterThanThreshold',
        threshold: 85,
        evaluation_periods: 5,
        datapoints_to_alarm: 5,
        treat_missing_data: 'notBreaching',
        ...ACTIONS,
      },
    ],
    [
      'modelreg-api-memory-high',
      {
        alarm_name: 'modelreg-api-memory-high',
        alarm_description: 'Average memory of ECS service modelreg-api above 85% for 5 minutes.',
        namespace: 'AWS/ECS',
        metric_name: 'MemoryUtilization',
        statistic: 'Average',
        period: 60,
        dimensions: DIMS,
        comparison_operator: 'GreaterThanThreshold',
        threshold: 85,
        evaluation_periods: 5,
        datapoints_to_alarm: 5,
        treat_missing_data: 'notBreaching',
        ...ACTIONS,
      },
    ],
    [
      'modelreg-api-running-tasks-low',
      {
        alarm_name: 'modelreg-api-running-tasks-low',
        alarm_description:
          'Fewer than 1 running tasks in ECS service modelreg-api for 3 minutes ' +
          '(no data, e.g. Container Insights off, also alarms).',
        namespace: 'ECS/ContainerInsights',
        metric_name: 'RunningTaskCount',
        statistic: 'Minimum',
        period: 60,
        dimensions: DIMS,
        comparison_operator: 'LessThanThreshold',
        threshold: 1,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        treat_missing_data: 'breaching',
        ...ACTIONS,
      },
    ],
    [
      'modelreg-api-tasks-below-desired',
      {
        alarm_name: 'modelreg-api-tasks-below-desired',
        alarm_description:
          'Running tasks of ECS service modelreg-api below the desired count for 10 minutes ' +
          '(tasks failing to start or crash-looping, or no Fargate capacity).',
        metric_query: [
          insightsQuery('desired', 'DesiredTaskCount'),
          insightsQuery('running', 'RunningTaskCount'),
          {
            id: 'missing_tasks',
            expression: 'desired - running',
            label: 'Desired minus running tasks',
            return_data: true,
          },
        ],
        comparison_operator: 'GreaterThanThreshold',
        threshold: 0,
        evaluation_periods: 10,
        datapoints_to_alarm: 10,
        treat_missing_data: 'notBreaching',
        ...ACTIONS,
      },
    ],
  ])('synthesizes %s exactly', (name, expected) => {
    expect(built().byName[name]).toEqual(expected);
  });
});

describe('EcsServiceAlarms options', () => {
  it('names the service in descriptions even with a prefix, and uses the given numbers', () => {
    const { byName } = build({
      namePrefix: 'api',
      cpuThresholdPercent: 70,
      memoryThresholdPercent: 75,
      minimumRunningTasks: 2,
      belowDesiredForMinutes: 15,
    });
    expect(Object.values(byName).map((b) => [b.alarm_name, b.alarm_description])).toEqual(
      expect.arrayContaining([
        ['api-cpu-high', 'Average CPU of ECS service modelreg-api above 70% for 5 minutes.'],
        ['api-memory-high', 'Average memory of ECS service modelreg-api above 75% for 5 minutes.'],
        [
          'api-running-tasks-low',
          'Fewer than 2 running tasks in ECS service modelreg-api for 3 minutes ' +
            '(no data, e.g. Container Insights off, also alarms).',
        ],
        [
          'api-tasks-below-desired',
          'Running tasks of ECS service modelreg-api below the desired count for 15 minutes ' +
            '(tasks failing to start or crash-looping, or no Fargate capacity).',
        ],
      ]),
    );
    expect(Object.keys(byName)).toHaveLength(4);
  });

  const DEFAULT_MISSING: Record<EcsAlarmKind, TreatMissingData> = {
    cpu: 'notBreaching',
    memory: 'notBreaching',
    runningTasks: 'breaching',
    belowDesired: 'notBreaching',
  };
  const SUFFIX: Record<EcsAlarmKind, string> = {
    cpu: 'cpu-high',
    memory: 'memory-high',
    runningTasks: 'running-tasks-low',
    belowDesired: 'tasks-below-desired',
  };
  it.each<[EcsAlarmKind, TreatMissingData]>([
    ['cpu', 'ignore'],
    ['memory', 'breaching'],
    ['memory', 'ignore'],
    ['runningTasks', 'notBreaching'],
    ['runningTasks', 'missing'],
    ['belowDesired', 'breaching'],
  ])('overrides missing data of the %s alarm only, with %s', (kind, value) => {
    const { byName } = build({ treatMissingData: { [kind]: value } });
    const expected = Object.fromEntries(
      (Object.keys(SUFFIX) as EcsAlarmKind[]).map((k) => [
        `modelreg-api-${SUFFIX[k]}`,
        k === kind ? value : DEFAULT_MISSING[k],
      ]),
    );
    expect(
      Object.fromEntries(Object.values(byName).map((b) => [b.alarm_name, b.treat_missing_data])),
    ).toEqual(expected);
  });

  it.each<['cpuThresholdPercent' | 'memoryThresholdPercent' | 'minimumRunningTasks', string, string]>([
    [
      'cpuThresholdPercent',
      '${((0 < var.value) && (100 > var.value))}',
      'Invalid cpuThresholdPercent of test/alarms: it must be a percentage above 0% and below 100%.',
    ],
    [
      'memoryThresholdPercent',
      '${((0 < var.value) && (100 > var.value))}',
      'Invalid memoryThresholdPercent of test/alarms: it must be a percentage above 0% and below 100%.',
    ],
    [
      'minimumRunningTasks',
      '${(((0 < var.value) && (5000 >= var.value)) && (floor(var.value) == var.value))}',
      'Invalid minimumRunningTasks of test/alarms: it must be a whole count above 0 up to 5000.',
    ],
  ])('checks %s given as a Terraform value at plan time, on the CPU alarm', (field, condition, message) => {
    const stack = testStack();
    const value = new TerraformVariable(stack, 'value', { type: 'number' });
    const { blocks } = build({ [field]: value.numberValue }, stack);
    expect(alarmPlanChecks(blocks)).toEqual([
      ['modelreg-api-cpu-high', { precondition: [{ condition, error_message: message }] }],
    ]);
  });

  it('adds no plan-time check without the running-tasks alarm', () => {
    const { blocks } = build({ minimumRunningTasks: false });
    expect(alarmPlanChecks(blocks)).toEqual([]);
  });
});

describe('EcsServiceAlarms validation messages', () => {
  const TOPIC_FIX = 'Fix: pass "arn:aws:sns:<region>:<account>:<topic>", e.g. AlarmTopic.topicArn';
  it.each<[string, Partial<EcsServiceAlarmsProps>, string]>([
    [
      'no service',
      { service: undefined as unknown as EcsServiceAlarmTarget },
      'service = undefined: is required. Fix: pass service, an object',
    ],
    [
      'a prefix that is not a string',
      { namePrefix: 123 as unknown as string },
      "namePrefix = 123: must be 1-200 letters, digits, '-' or '_'. " +
        'Fix: use the service name, e.g. "modelreg-prod-api"',
    ],
    [
      'a topic ARN with text before it',
      { topicArn: `x${TOPIC}` },
      `topicArn = "x${TOPIC}": is not an SNS topic ARN. ${TOPIC_FIX}`,
    ],
    [
      'a topic ARN with text after it',
      { topicArn: `${TOPIC}/x` },
      `topicArn = "${TOPIC}/x": is not an SNS topic ARN. ${TOPIC_FIX}`,
    ],
    [
      'CPU 100 %',
      { cpuThresholdPercent: 100 },
      'cpuThresholdPercent = 100: the alarm fires when the percentage is above 100%, which it can never be: ' +
        'the alarm would never fire. Fix: set cpuThresholdPercent to a percentage above 0% and below 100%, e.g. 85',
    ],
  ])('refuses %s', (_case, props, problem) => {
    expect(errorOf(() => build(props))).toBe(invalidMessage('test/alarms', problem));
  });
});
