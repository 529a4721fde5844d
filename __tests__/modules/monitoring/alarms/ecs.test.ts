import { TerraformVariable, Token } from 'cdktf';
import { EcsServiceAlarms, EcsServiceAlarmsProps } from '../../../../modules/monitoring';
import { Loose, all, expectProblem, newStack, problemsOf, synth } from '../../ecs-fargate/helpers';
import { lazy } from '../../../support/lazy';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:modelreg-alarms';
const SERVICE = { clusterName: 'modelreg-prod', serviceName: 'modelreg-prod-api' };

function build(props: Partial<EcsServiceAlarmsProps> = {}) {
  const stack = newStack();
  const alarms = new EcsServiceAlarms(stack, 'alarms', { service: SERVICE, topicArn: TOPIC, ...props });
  return { alarms, ...synth(stack) };
}

function byName(json: Loose, name: string): Loose {
  const found = all(json, 'aws_cloudwatch_metric_alarm').find((a: Loose) => a.alarm_name === name);
  if (!found) throw new Error(`no alarm ${name}`);
  return found;
}

const DIMS = { ClusterName: 'modelreg-prod', ServiceName: 'modelreg-prod-api' };

describe('EcsServiceAlarms', () => {
  describe('defaults', () => {
    const built = lazy(() => build());
    const json = () => built().json;

    it('creates four alarms named after the service, each notifying the topic on ALARM and OK', () => {
      expect(built().alarms.alarmNames).toEqual([
        'modelreg-prod-api-cpu-high',
        'modelreg-prod-api-memory-high',
        'modelreg-prod-api-running-tasks-low',
        'modelreg-prod-api-tasks-below-desired',
      ]);
      for (const a of all(json(), 'aws_cloudwatch_metric_alarm')) {
        expect([a.alarm_actions, a.ok_actions]).toEqual([[TOPIC], [TOPIC]]);
      }
    });

    it('CPU: service average above 85 % for 5 of 5 minutes, no data is not breaching', () => {
      expect(byName(json(), 'modelreg-prod-api-cpu-high')).toMatchObject({
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
      });
    });

    it('memory: service average above 85 %', () => {
      expect(byName(json(), 'modelreg-prod-api-memory-high')).toMatchObject({
        namespace: 'AWS/ECS',
        metric_name: 'MemoryUtilization',
        threshold: 85,
        treat_missing_data: 'notBreaching',
      });
    });

    it('running tasks: Container Insights minimum below 1 for 3 minutes, no data breaches', () => {
      expect(byName(json(), 'modelreg-prod-api-running-tasks-low')).toMatchObject({
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
      });
    });

    it('below desired: desired - running above 0 for 10 of 10 minutes', () => {
      const a = byName(json(), 'modelreg-prod-api-tasks-below-desired');
      expect(a).toMatchObject({
        comparison_operator: 'GreaterThanThreshold',
        threshold: 0,
        evaluation_periods: 10,
        datapoints_to_alarm: 10,
        treat_missing_data: 'notBreaching',
      });
      expect(a.metric_query).toEqual([
        {
          id: 'desired',
          metric: {
            namespace: 'ECS/ContainerInsights',
            metric_name: 'DesiredTaskCount',
            stat: 'Average',
            period: 60,
            dimensions: DIMS,
          },
          return_data: false,
        },
        {
          id: 'running',
          metric: {
            namespace: 'ECS/ContainerInsights',
            metric_name: 'RunningTaskCount',
            stat: 'Average',
            period: 60,
            dimensions: DIMS,
          },
          return_data: false,
        },
        {
          id: 'missing_tasks',
          expression: 'desired - running',
          label: 'Desired minus running tasks',
          return_data: true,
        },
      ]);
    });
  });

  it('takes thresholds, a prefix and missing-data overrides, and drops the task alarms on request', () => {
    const { json, alarms } = build({
      namePrefix: 'api',
      cpuThresholdPercent: 70,
      memoryThresholdPercent: 80,
      minimumRunningTasks: false,
      belowDesiredForMinutes: false,
      treatMissingData: { cpu: 'missing' },
    });
    expect(alarms.alarmNames).toEqual(['api-cpu-high', 'api-memory-high']);
    expect(byName(json, 'api-cpu-high')).toMatchObject({ threshold: 70, treat_missing_data: 'missing' });
    expect(byName(json, 'api-memory-high').threshold).toBe(80);
  });

  it('alarms below the minimum capacity and waits the given minutes', () => {
    const { json } = build({ minimumRunningTasks: 2, belowDesiredForMinutes: 15 });
    expect(byName(json, 'modelreg-prod-api-running-tasks-low').threshold).toBe(2);
    expect(byName(json, 'modelreg-prod-api-tasks-below-desired').evaluation_periods).toBe(15);
  });

  it('uses token dimensions with a literal prefix', () => {
    const stack = newStack();
    const name = new TerraformVariable(stack, 'service-name', { type: 'string' }).stringValue;
    new EcsServiceAlarms(stack, 'alarms', {
      service: { clusterName: 'c', serviceName: name },
      namePrefix: 'api',
      topicArn: TOPIC,
    });
    expect(byName(synth(stack).json, 'api-cpu-high').dimensions).toEqual({
      ClusterName: 'c',
      ServiceName: '${var.service-name}',
    });
  });

  it.each<[string, Partial<EcsServiceAlarmsProps>, Parameters<typeof expectProblem>[1]]>([
    [
      'a token service name without prefix',
      { service: { clusterName: 'c', serviceName: Token.asString({ ref: 'x.name' }) } },
      { field: 'namePrefix', problem: /unknown at synth/, fix: /literal/ },
    ],
    [
      'a prefix with a space',
      { namePrefix: 'a b' },
      { field: 'namePrefix', value: 'a b', problem: /1-200 letters/, fix: /modelreg-prod-api/ },
    ],
    [
      'a topic that is not an ARN',
      { topicArn: 'alarms' },
      { field: 'topicArn', value: 'alarms', problem: /not an SNS topic ARN/, fix: /AlarmTopic/ },
    ],
    [
      'CPU threshold 0',
      { cpuThresholdPercent: 0 },
      {
        field: 'cpuThresholdPercent',
        value: 0,
        problem: /at the edge of the scale/,
        fix: /^set cpuThresholdPercent to a percentage above 0% and below 100%, e\.g\. 85$/,
      },
    ],
    [
      'memory threshold 101',
      { memoryThresholdPercent: 101 },
      {
        field: 'memoryThresholdPercent',
        value: 101,
        problem: /the alarm would never fire/,
        fix: /memoryThresholdPercent to a percentage above 0% and below 100%/,
      },
    ],
    [
      'memory threshold 100',
      { memoryThresholdPercent: 100 },
      {
        field: 'memoryThresholdPercent',
        value: 100,
        problem: /the alarm would never fire/,
        fix: /above 0% and below 100%/,
      },
    ],
    [
      'minimum of 0 tasks',
      { minimumRunningTasks: 0 },
      {
        field: 'minimumRunningTasks',
        value: 0,
        problem: /below 0, which it can never be: the alarm would never fire/,
        fix: /a whole count above 0 up to 5000/,
      },
    ],
    [
      'a minimum of 1.5 tasks',
      { minimumRunningTasks: 1.5 },
      { field: 'minimumRunningTasks', value: 1.5, problem: /whole number/, fix: /whole count/ },
    ],
    [
      '1 minute below desired',
      { belowDesiredForMinutes: 1 },
      { field: 'belowDesiredForMinutes', value: 1, problem: /2 to 1440/, fix: /false for no alarm/ },
    ],
    [
      'an unknown missing-data mode',
      { treatMissingData: { cpu: 'zero' as 'missing' } },
      {
        field: 'treatMissingData.cpu',
        value: 'zero',
        problem: /missing, ignore, breaching or notBreaching/,
        fix: /one of those/,
      },
    ],
  ])('refuses %s', (_name, props, expected) => {
    expectProblem(
      problemsOf(() => build(props)),
      expected,
    );
  });

  it.each<[string, Partial<EcsServiceAlarmsProps>]>([
    ['thresholds just inside 0 and 100', { cpuThresholdPercent: 0.1, memoryThresholdPercent: 99.9 }],
    ['a minimum of 5000 tasks', { minimumRunningTasks: 5000 }],
    ['a minimum of 1 and 1440 minutes', { minimumRunningTasks: 1, belowDesiredForMinutes: 1440 }],
    ['2 minutes below desired', { belowDesiredForMinutes: 2 }],
  ])('accepts %s', (_name, props) => {
    expect(() => build(props)).not.toThrow();
  });
});
