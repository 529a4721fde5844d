import { TerraformStack, TerraformVariable } from 'cdktf';
import {
  ElastiCacheAlarmKind,
  ElastiCacheAlarms,
  ElastiCacheAlarmsProps,
  ElastiCacheAlarmTarget,
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

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:alarms';
const TWO_NODES: ElastiCacheAlarmTarget = {
  replicationGroupId: 'app-cache',
  memberClusterIds: ['app-cache-001', 'app-cache-002'],
};
const KINDS: ElastiCacheAlarmKind[] = [
  'cpu',
  'engineCpu',
  'memory',
  'evictions',
  'connections',
  'replicationLag',
];
const SUFFIXES = [
  'cpu-high',
  'engine-cpu-high',
  'memory-high',
  'evictions',
  'connections-high',
  'replication-lag-high',
];
const namesWithout = (suffix?: string) =>
  ['app-cache-001', 'app-cache-002'].flatMap((node) =>
    SUFFIXES.filter((s) => s !== suffix).map((s) => `${node}-${s}`),
  );

function build(props: Partial<ElastiCacheAlarmsProps> = {}, stack: TerraformStack = testStack()) {
  const alarms = new ElastiCacheAlarms(stack, 'alarms', { cache: TWO_NODES, topicArn: TOPIC, ...props });
  const blocks = resources(synthJson(stack).json, 'aws_cloudwatch_metric_alarm');
  const byName = Object.fromEntries(Object.values(blocks).map((b) => [b.alarm_name as string, b]));
  return { alarms, blocks, byName };
}

/** One alarm of node `app-cache-002` as synthesized. */
function alarm(
  suffix: string,
  description: string,
  metric: string,
  statistic: string,
  period: number,
  threshold: number,
  periods: number,
  missing: string,
): Block {
  return {
    alarm_name: `app-cache-002-${suffix}`,
    alarm_description: description,
    namespace: 'AWS/ElastiCache',
    metric_name: metric,
    statistic,
    period,
    dimensions: { CacheClusterId: 'app-cache-002' },
    comparison_operator: 'GreaterThanThreshold',
    threshold,
    evaluation_periods: periods,
    datapoints_to_alarm: periods,
    treat_missing_data: missing,
    alarm_actions: [TOPIC],
    ok_actions: [TOPIC],
  };
}

describe('ElastiCacheAlarms on a two-node replication group', () => {
  const built = lazy(() => build());

  it('creates six alarms per node, node by node, and exposes them by node and kind', () => {
    expect(built().alarms.alarmNames).toEqual(namesWithout());
    expect(Object.keys(built().byName).sort()).toEqual(namesWithout().sort());
    expect(Object.keys(built().alarms.alarms)).toEqual(['app-cache-001', 'app-cache-002']);
    expect(Object.keys(built().alarms.alarms['app-cache-001'])).toEqual(KINDS);
    expect(Object.keys(built().alarms.alarms['app-cache-002'])).toEqual(KINDS);
    expect(built().alarms.alarmArns).toHaveLength(12);
  });

  it.each<[string, Block]>([
    [
      'cpu-high',
      alarm(
        'cpu-high',
        'Host CPU of cache node app-cache-002 above 90% for 15 minutes.',
        'CPUUtilization',
        'Average',
        300,
        90,
        3,
        'missing',
      ),
    ],
    [
      'engine-cpu-high',
      alarm(
        'engine-cpu-high',
        'Engine thread CPU of cache node app-cache-002 above 90% for 15 minutes: commands queue up.',
        'EngineCPUUtilization',
        'Average',
        300,
        90,
        3,
        'missing',
      ),
    ],
    [
      'memory-high',
      alarm(
        'memory-high',
        'Cache node app-cache-002 uses more than 80% of maxmemory for 15 minutes.',
        'DatabaseMemoryUsagePercentage',
        'Maximum',
        300,
        80,
        3,
        'missing',
      ),
    ],
    [
      'evictions',
      alarm(
        'evictions',
        'Cache node app-cache-002 evicted more than 100 keys in 5 minutes: memory is full.',
        'Evictions',
        'Sum',
        300,
        100,
        1,
        'notBreaching',
      ),
    ],
    [
      'connections-high',
      alarm(
        'connections-high',
        'More than 1000 client connections to cache node app-cache-002 for 15 minutes.',
        'CurrConnections',
        'Maximum',
        300,
        1000,
        3,
        'missing',
      ),
    ],
    [
      'replication-lag-high',
      alarm(
        'replication-lag-high',
        'Cache node app-cache-002 is more than 10 s behind the primary for 5 minutes (replicas only).',
        'ReplicationLag',
        'Maximum',
        60,
        10,
        5,
        'notBreaching',
      ),
    ],
  ])('synthesizes app-cache-002-%s exactly', (suffix, expected) => {
    expect(built().byName[`app-cache-002-${suffix}`]).toEqual(expected);
  });
});

describe('ElastiCacheAlarms options', () => {
  it.each(KINDS.map((kind, i) => [kind, SUFFIXES[i]]))(
    'leaves out %s (<node>-%s) on every node when disabled',
    (kind, suffix) => {
      const { alarms, byName } = build({ disabled: [kind as ElastiCacheAlarmKind] });
      expect(alarms.alarmNames).toEqual(namesWithout(suffix));
      expect(Object.keys(byName)).toHaveLength(10);
      expect(Object.keys(alarms.alarms['app-cache-002'])).toEqual(KINDS.filter((k) => k !== kind));
    },
  );

  it('keeps the default for a threshold set to undefined', () => {
    const { alarms, byName } = build({ thresholds: { cpuPercent: undefined, evictions: 5 } });
    expect(alarms.thresholds).toEqual({
      cpuPercent: 90,
      engineCpuPercent: 90,
      memoryUsedPercent: 80,
      evictions: 5,
      currentConnections: 1000,
      replicationLagSeconds: 10,
    });
    expect(byName['app-cache-001-cpu-high']).toMatchObject({
      threshold: 90,
      alarm_description: 'Host CPU of cache node app-cache-001 above 90% for 15 minutes.',
    });
  });

  it.each<[string, ElastiCacheAlarmKind[], string]>([
    ['the first node CPU alarm', [], 'app-cache-001-cpu-high'],
    ['the first node engine CPU alarm when host CPU is disabled', ['cpu'], 'app-cache-001-engine-cpu-high'],
  ])('checks a Terraform-valued threshold at plan time on %s', (_case, disabled, name) => {
    const stack = testStack();
    const cpu = new TerraformVariable(stack, 'cpu', { type: 'number' });
    const { blocks } = build({ thresholds: { cpuPercent: cpu.numberValue }, disabled }, stack);
    expect(alarmPlanChecks(blocks)).toEqual([
      [
        name,
        {
          precondition: [
            {
              condition: '${((0 < var.cpu) && (100 > var.cpu))}',
              error_message:
                'Invalid thresholds.cpuPercent of test/alarms: it must be a percentage above 0% and below 100%.',
            },
          ],
        },
      ],
    ]);
  });

  it('creates nothing, and fails nothing, with every alarm disabled and a Terraform-valued threshold', () => {
    const stack = testStack();
    const cpu = new TerraformVariable(stack, 'cpu', { type: 'number' });
    const { alarms, blocks } = build({ thresholds: { cpuPercent: cpu.numberValue }, disabled: KINDS }, stack);
    expect([alarms.alarmNames, alarms.alarmArns, blocks]).toEqual([[], [], {}]);
    expect(alarms.alarms).toEqual({ 'app-cache-001': {}, 'app-cache-002': {} });
  });
});

describe('ElastiCacheAlarms validation messages', () => {
  it.each<[string, Partial<ElastiCacheAlarmsProps>, string]>([
    [
      'no cache',
      { cache: undefined as unknown as ElastiCacheAlarmTarget },
      'cache = undefined: is required. Fix: pass cache, an object',
    ],
    [
      'no node ids',
      { cache: { replicationGroupId: 'app-cache', memberClusterIds: [] } },
      'cache.memberClusterIds = []: must be a literal, non-empty list of node ids (they name the alarms). ' +
        'Fix: pass the ElastiCacheReplicationGroup, or ids such as ["app-cache-001"]',
    ],
    [
      'an unknown alarm kind',
      { disabled: ['disk'] as unknown as ElastiCacheAlarmKind[] },
      'disabled = ["disk"]: names alarms that do not exist. ' +
        'Fix: use cpu, engineCpu, memory, evictions, connections, replicationLag',
    ],
    [
      'engine CPU 100 %',
      { thresholds: { engineCpuPercent: 100 } },
      'thresholds.engineCpuPercent = 100: the alarm fires when the percentage is above 100%, which it can ' +
        'never be: the alarm would never fire. ' +
        'Fix: set thresholds.engineCpuPercent to a percentage above 0% and below 100%, e.g. 90',
    ],
    [
      'memory 100 %',
      { thresholds: { memoryUsedPercent: 100 } },
      'thresholds.memoryUsedPercent = 100: the alarm fires when the percentage is above 100%, which it can ' +
        'never be: the alarm would never fire. ' +
        'Fix: set thresholds.memoryUsedPercent to a percentage above 0% and below 100%, e.g. 80',
    ],
    [
      'negative evictions',
      { thresholds: { evictions: -1 } },
      'thresholds.evictions = -1: the alarm fires when the count is above -1, which it always is: the alarm ' +
        'would never clear. Fix: set thresholds.evictions to a count from 0 up to 1000000000, e.g. 100',
    ],
    [
      'a negative connection count',
      { thresholds: { currentConnections: -1 } },
      'thresholds.currentConnections = -1: the alarm fires when the count is above -1, which it always is: ' +
        'the alarm would never clear. ' +
        'Fix: set thresholds.currentConnections to a whole count from 0 up to 65000, e.g. 1000',
    ],
    [
      'a negative replication lag',
      { thresholds: { replicationLagSeconds: -1 } },
      'thresholds.replicationLagSeconds = -1: the alarm fires when the amount is above -1, which it always ' +
        'is: the alarm would never clear. ' +
        'Fix: set thresholds.replicationLagSeconds to an amount from 0 up to 3600, e.g. 10',
    ],
  ])('refuses %s', (_case, props, problem) => {
    expect(errorOf(() => build(props))).toBe(invalidMessage('test/alarms', problem));
  });
});
