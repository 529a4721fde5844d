import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { ElastiCacheAlarms, ElastiCacheAlarmsProps } from '../../../../modules/monitoring';
import { ElastiCacheReplicationGroup } from '../../../../modules/elasticache-redis';
import { Block, blocksOf, errorOf, policyFindings, synthJson, testStack } from '../../../support/synth-json';
import { lazy } from '../../../support/lazy';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:alarms';
const ONE_NODE = { replicationGroupId: 'app-cache', memberClusterIds: ['app-cache-001'] };
const TWO_NODES = { replicationGroupId: 'app-cache', memberClusterIds: ['app-cache-001', 'app-cache-002'] };

function build(props: Partial<ElastiCacheAlarmsProps> = {}) {
  const stack = testStack();
  const alarms = new ElastiCacheAlarms(stack, 'alarms', { cache: ONE_NODE, topicArn: TOPIC, ...props });
  return { alarms, stack, ...synthJson(stack) };
}
const byName = (alarms: Block[]) => Object.fromEntries(alarms.map((a) => [a.alarm_name as string, a]));

describe('ElastiCacheAlarms on a single node', () => {
  const built = lazy(() => build());
  const alarms = () => built().alarms;
  const all = lazy(() => byName(blocksOf(built().json, 'aws_cloudwatch_metric_alarm')));

  it('creates five alarms for the node and none for replication lag', () => {
    expect(alarms().alarmNames).toEqual([
      'app-cache-001-cpu-high',
      'app-cache-001-engine-cpu-high',
      'app-cache-001-memory-high',
      'app-cache-001-evictions',
      'app-cache-001-connections-high',
    ]);
    expect(Object.keys(all()).sort()).toEqual([...alarms().alarmNames].sort());
    expect(alarms().alarmArns).toHaveLength(5);
  });

  it.each([
    ['app-cache-001-cpu-high', 'CPUUtilization', 'Average', 300, 90, 3, 'missing'],
    ['app-cache-001-engine-cpu-high', 'EngineCPUUtilization', 'Average', 300, 90, 3, 'missing'],
    ['app-cache-001-memory-high', 'DatabaseMemoryUsagePercentage', 'Maximum', 300, 80, 3, 'missing'],
    ['app-cache-001-evictions', 'Evictions', 'Sum', 300, 100, 1, 'notBreaching'],
    ['app-cache-001-connections-high', 'CurrConnections', 'Maximum', 300, 1000, 3, 'missing'],
  ])(
    '%s: %s %s over %is > %d, %d periods, missing data %s',
    (name, metric, statistic, period, threshold, periods, missing) => {
      expect(all()[name]).toMatchObject({
        namespace: 'AWS/ElastiCache',
        metric_name: metric,
        statistic,
        period,
        threshold,
        comparison_operator: 'GreaterThanThreshold',
        evaluation_periods: periods,
        datapoints_to_alarm: periods,
        treat_missing_data: missing,
        dimensions: { CacheClusterId: 'app-cache-001' },
        alarm_actions: [TOPIC],
        ok_actions: [TOPIC],
      });
    },
  );

  it('passes the policy pack (every alarm has actions)', () => {
    expect(policyFindings(built().stack).errors).toEqual([]);
  });
});

describe('ElastiCacheAlarms on a replicated group', () => {
  const built = lazy(() =>
    build({
      cache: TWO_NODES,
      thresholds: { evictions: 0, replicationLagSeconds: 30, memoryUsedPercent: 70 },
      disabled: ['connections'],
    }),
  );
  const all = lazy(() => byName(blocksOf(built().json, 'aws_cloudwatch_metric_alarm')));

  it('watches every node, with a replication-lag alarm on each (any node can be a replica after failover)', () => {
    expect(Object.keys(all()).filter((n) => n.endsWith('replication-lag-high'))).toEqual([
      'app-cache-001-replication-lag-high',
      'app-cache-002-replication-lag-high',
    ]);
    expect(all()['app-cache-002-replication-lag-high']).toMatchObject({
      metric_name: 'ReplicationLag',
      statistic: 'Maximum',
      period: 60,
      threshold: 30,
      evaluation_periods: 5,
      treat_missing_data: 'notBreaching',
      dimensions: { CacheClusterId: 'app-cache-002' },
    });
  });

  it('applies thresholds and leaves out disabled alarms', () => {
    expect(all()['app-cache-001-evictions'].threshold).toBe(0);
    expect(all()['app-cache-002-memory-high'].threshold).toBe(70);
    expect(Object.keys(all()).some((n) => n.includes('connections'))).toBe(false);
    expect(Object.keys(all())).toHaveLength(10);
  });
});

describe('ElastiCacheAlarms from the construct', () => {
  it('reads the node ids of an ElastiCacheReplicationGroup', () => {
    const stack = testStack();
    const cache = new ElastiCacheReplicationGroup(stack, 'cache', {
      name: 'prod-cache',
      vpc: {
        vpcId: 'vpc-0123456789abcdef0',
        privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'],
        availabilityZones: ['us-east-1a', 'us-east-1b'],
      },
      nodeCount: 2,
      multiAz: true,
    });
    const alarms = new ElastiCacheAlarms(stack, 'alarms', { cache, topicArn: TOPIC });
    expect(alarms.alarmNames.filter((n) => n.endsWith('-cpu-high') && !n.includes('engine'))).toEqual([
      'prod-cache-001-cpu-high',
      'prod-cache-002-cpu-high',
    ]);
  });
});

describe('ElastiCacheAlarms validation', () => {
  const stackFor = () => new TerraformStack(Testing.app(), 'test');
  it.each([
    [
      'no nodes',
      { cache: { replicationGroupId: 'x', memberClusterIds: [] } },
      'cache.memberClusterIds',
      'literal, non-empty',
    ],
    ['a topic name', { topicArn: 'alarms' }, 'topicArn', 'not an SNS topic ARN'],
    ['no topic', { topicArn: '' }, 'topicArn', 'is required'],
    [
      'CPU over 100 %',
      { thresholds: { cpuPercent: 101 } },
      'thresholds.cpuPercent',
      'the alarm would never fire',
    ],
    ['CPU 100 %', { thresholds: { cpuPercent: 100 } }, 'thresholds.cpuPercent', 'the alarm would never fire'],
    ['engine CPU 0 %', { thresholds: { engineCpuPercent: 0 } }, 'thresholds.engineCpuPercent', 'at the edge'],
    ['negative evictions', { thresholds: { evictions: -1 } }, 'thresholds.evictions', 'would never clear'],
    [
      'half a connection',
      { thresholds: { currentConnections: 10.5 } },
      'thresholds.currentConnections',
      'whole number',
    ],
    [
      'a two-hour lag',
      { thresholds: { replicationLagSeconds: 7200 } },
      'thresholds.replicationLagSeconds',
      'is above 3600',
    ],
    [
      'thresholds that are a number',
      { thresholds: 5 as unknown as ElastiCacheAlarmsProps['thresholds'] },
      'thresholds',
      'must be an object',
    ],
    [
      'unknown threshold',
      { thresholds: { diskPercent: 5 } as unknown as ElastiCacheAlarmsProps['thresholds'] },
      'thresholds.diskPercent',
      'not a threshold',
    ],
    [
      'unknown alarm',
      { disabled: ['disk'] as unknown as ElastiCacheAlarmsProps['disabled'] },
      'disabled',
      'do not exist',
    ],
  ] as [string, Partial<ElastiCacheAlarmsProps>, string, string][])(
    'fails on %s',
    (_case, props, field, problem) => {
      const message = errorOf(
        () => new ElastiCacheAlarms(stackFor(), 'alarms', { cache: ONE_NODE, topicArn: TOPIC, ...props }),
      );
      expect(message).toContain('Invalid input for test/alarms');
      expect(message).toMatch(new RegExp(`${field.replace(/\./g, '\\.')} = .*${problem}.*Fix: `));
    },
  );

  it('refuses unresolved node ids, which name the alarms', () => {
    const stack = stackFor();
    const ids = new TerraformVariable(stack, 'ids', { type: 'list(string)' });
    expect(
      errorOf(
        () =>
          new ElastiCacheAlarms(stack, 'alarms', {
            cache: { replicationGroupId: 'x', memberClusterIds: ids.listValue },
            topicArn: TOPIC,
          }),
      ),
    ).toMatch(/cache\.memberClusterIds = "<token>"/);
  });

  it('accepts a topic reference and the threshold boundaries', () => {
    const stack = stackFor();
    const topic = new TerraformVariable(stack, 'topic', { type: 'string' });
    expect(
      () =>
        new ElastiCacheAlarms(stack, 'alarms', {
          cache: ONE_NODE,
          topicArn: topic.stringValue,
          thresholds: {
            cpuPercent: 99.9,
            engineCpuPercent: 0.1,
            evictions: 0,
            currentConnections: 65000,
            replicationLagSeconds: 3600,
          },
        }),
    ).not.toThrow();
  });
});
