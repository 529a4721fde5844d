import { Testing } from 'cdktf';
import {
  RdsInstanceAlarms,
  RdsInstanceAlarmsProps,
  estimatedMaxConnections,
  rdsInstanceMemoryInGiB,
} from '../../../../modules/monitoring';
import { PostgresInstance } from '../../../../modules/rds-postgres';
import { applyPolicyPack } from '../../../../modules/policy';
import { SynthJson, configs, newStack, validationError } from '../../secrets/synth-helpers';
import { lazy } from '../../../support/lazy';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:alarms';
const BASE: RdsInstanceAlarmsProps = {
  instance: { instanceId: 'modelreg-dev', instanceClass: 'db.t4g.micro', allocatedStorageInGiB: 20 },
  topicArn: TOPIC,
};

function synth(props: Partial<RdsInstanceAlarmsProps> = {}) {
  const stack = newStack();
  const alarms = new RdsInstanceAlarms(stack, 'db-alarms', { ...BASE, ...props });
  return { alarms, json: JSON.parse(Testing.synth(stack)) as SynthJson };
}

const GIB = 1024 ** 3;

/** The alarms in the order the construct created them (the JSON is keyed by construct id). */
function alarmsInOrder(json: SynthJson): Record<string, unknown>[] {
  const order = [
    'cpu-high',
    'free-storage-low',
    'free-storage-percent-low',
    'connections-high',
    'freeable-memory-low',
    'read-latency-high',
    'write-latency-high',
  ];
  const rank = (a: Record<string, unknown>) =>
    order.findIndex((suffix) => String(a.alarm_name).endsWith(`-${suffix}`));
  return configs(json, 'aws_cloudwatch_metric_alarm').sort((a, b) => rank(a) - rank(b));
}
const DIMENSIONS = { DBInstanceIdentifier: 'modelreg-dev' };
const ACTIONS = { alarm_actions: [TOPIC], ok_actions: [TOPIC], treat_missing_data: 'missing' };

describe('RdsInstanceAlarms defaults (db.t4g.micro, 20 GiB)', () => {
  const built = lazy(() => synth());

  it('creates CPU, storage, connection and memory alarms notifying the topic on ALARM and OK', () => {
    expect(alarmsInOrder(built().json)).toEqual([
      {
        alarm_name: 'modelreg-dev-cpu-high',
        alarm_description: 'CPU of RDS instance modelreg-dev above 80% for 15 minutes.',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 80,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        namespace: 'AWS/RDS',
        metric_name: 'CPUUtilization',
        statistic: 'Average',
        period: 300,
        dimensions: DIMENSIONS,
        ...ACTIONS,
      },
      {
        alarm_name: 'modelreg-dev-free-storage-low',
        alarm_description: 'Free storage of RDS instance modelreg-dev below 2 GiB for 10 minutes.',
        comparison_operator: 'LessThanThreshold',
        threshold: 2 * GIB,
        evaluation_periods: 2,
        datapoints_to_alarm: 2,
        namespace: 'AWS/RDS',
        metric_name: 'FreeStorageSpace',
        statistic: 'Minimum',
        period: 300,
        dimensions: DIMENSIONS,
        ...ACTIONS,
      },
      {
        alarm_name: 'modelreg-dev-free-storage-percent-low',
        alarm_description: 'Free storage of RDS instance modelreg-dev below 10% of 20 GiB for 10 minutes.',
        comparison_operator: 'LessThanThreshold',
        threshold: 10,
        evaluation_periods: 2,
        datapoints_to_alarm: 2,
        metric_query: [
          {
            id: 'free',
            return_data: false,
            metric: {
              namespace: 'AWS/RDS',
              metric_name: 'FreeStorageSpace',
              stat: 'Minimum',
              period: 300,
              dimensions: DIMENSIONS,
            },
          },
          {
            id: 'percent',
            expression: `100 * free / ${20 * GIB}`,
            label: 'Free storage (%)',
            return_data: true,
          },
        ],
        ...ACTIONS,
      },
      {
        alarm_name: 'modelreg-dev-connections-high',
        alarm_description: 'More than 67 connections to RDS instance modelreg-dev for 15 minutes.',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 67,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        namespace: 'AWS/RDS',
        metric_name: 'DatabaseConnections',
        statistic: 'Maximum',
        period: 300,
        dimensions: DIMENSIONS,
        ...ACTIONS,
      },
      {
        alarm_name: 'modelreg-dev-freeable-memory-low',
        alarm_description: 'Freeable memory of RDS instance modelreg-dev below 102 MiB for 15 minutes.',
        comparison_operator: 'LessThanThreshold',
        threshold: 102 * 1024 ** 2,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        namespace: 'AWS/RDS',
        metric_name: 'FreeableMemory',
        statistic: 'Minimum',
        period: 300,
        dimensions: DIMENSIONS,
        ...ACTIONS,
      },
    ]);
    expect(built().alarms.alarmNames).toEqual([
      'modelreg-dev-cpu-high',
      'modelreg-dev-free-storage-low',
      'modelreg-dev-free-storage-percent-low',
      'modelreg-dev-connections-high',
      'modelreg-dev-freeable-memory-low',
    ]);
  });
});

describe('RdsInstanceAlarms options', () => {
  it('adds latency alarms, takes thresholds, a prefix, missing-data handling and tags', () => {
    const { json } = synth({
      alarmNamePrefix: 'registry-db',
      thresholds: {
        cpuUtilizationPercent: 90,
        freeStorageSpaceInGiB: 5,
        freeStorageSpacePercent: 15,
        databaseConnections: 150,
        freeableMemoryInMiB: 64,
        readLatencyInMs: 20,
        writeLatencyInMs: 50,
      },
      treatMissingData: 'breaching',
      tags: { Team: 'ml' },
    });
    expect(alarmsInOrder(json).map((a) => [a.alarm_name, a.threshold, a.treat_missing_data])).toEqual([
      ['registry-db-cpu-high', 90, 'breaching'],
      ['registry-db-free-storage-low', 5 * GIB, 'breaching'],
      ['registry-db-free-storage-percent-low', 15, 'breaching'],
      ['registry-db-connections-high', 150, 'breaching'],
      ['registry-db-freeable-memory-low', 64 * 1024 ** 2, 'breaching'],
      ['registry-db-read-latency-high', 0.02, 'breaching'],
      ['registry-db-write-latency-high', 0.05, 'breaching'],
    ]);
    expect(alarmsInOrder(json)[5]).toMatchObject({
      metric_name: 'ReadLatency',
      statistic: 'Average',
      tags: { Team: 'ml' },
    });
  });

  it('leaves out disabled alarms, and then needs no class or storage', () => {
    const { json } = synth({
      instance: { instanceId: 'modelreg-dev' },
      disabledAlarms: ['freeStoragePercent', 'connections', 'freeableMemory'],
    });
    expect(alarmsInOrder(json).map((a) => a.alarm_name)).toEqual([
      'modelreg-dev-cpu-high',
      'modelreg-dev-free-storage-low',
    ]);
  });

  it('takes a PostgresInstance as the target, and passes the policy pack', () => {
    const stack = newStack();
    const db = new PostgresInstance(stack, 'db', {
      identifier: 'modelreg-prod',
      vpcId: 'vpc-0123456789abcdef0',
      subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      instanceClass: 'db.m7g.large',
      allocatedStorageInGiB: 100,
    });
    new RdsInstanceAlarms(stack, 'db-alarms', { instance: db, topicArn: TOPIC });
    applyPolicyPack(stack, { log: () => undefined });
    const json = JSON.parse(Testing.synth(stack, true)) as SynthJson;
    expect(alarmsInOrder(json).map((a) => [a.alarm_name, a.threshold ?? a.metric_query])).toEqual([
      ['modelreg-prod-cpu-high', 80],
      ['modelreg-prod-free-storage-low', 2 * GIB],
      ['modelreg-prod-free-storage-percent-low', 10],
      ['modelreg-prod-connections-high', 540],
      ['modelreg-prod-freeable-memory-low', 819 * 1024 ** 2],
    ]);
  });
});

describe('RDS instance memory and connection estimates', () => {
  it.each<[string, number | undefined, number | undefined]>([
    ['db.t4g.micro', 1, 84],
    ['db.t3.small', 2, 168],
    ['db.t4g.medium', 4, 337],
    ['db.t4g.2xlarge', 32, 2703],
    ['db.m7g.large', 8, 675],
    ['db.m6i.4xlarge', 64, 5000],
    ['db.r6g.large', 16, 1351],
    ['db.r7g.2xlarge', 64, 5000],
    ['db.m5.micro', undefined, undefined],
    ['db.t3.4xlarge', undefined, undefined],
    ['db.x2g.large', undefined, undefined],
    ['db.m6i.metal', undefined, undefined],
  ])('%s: %s GiB, ~%s connections', (instanceClass, gib, connections) => {
    expect([rdsInstanceMemoryInGiB(instanceClass), estimatedMaxConnections(instanceClass)]).toEqual([
      gib,
      connections,
    ]);
  });
});

describe('RdsInstanceAlarms validation', () => {
  it.each<[string, Partial<RdsInstanceAlarmsProps>, string, unknown, string, string]>([
    [
      'a topic name',
      { topicArn: 'alarms' },
      'topicArn',
      'alarms',
      'is not an SNS topic ARN',
      'AlarmTopic.topicArn',
    ],
    [
      'a prefix with a space',
      { alarmNamePrefix: 'db alarms' },
      'alarmNamePrefix',
      'db alarms',
      'usable alarm name prefix',
      'modelreg-prod-db',
    ],
    [
      'CPU 0%',
      { thresholds: { cpuUtilizationPercent: 0 } },
      'thresholds.cpuUtilizationPercent',
      0,
      'is above 0%: at the edge of the scale',
      'a percentage above 0% and below 100%, e.g. 80',
    ],
    [
      'CPU 100% (never exceeded)',
      { thresholds: { cpuUtilizationPercent: 100 } },
      'thresholds.cpuUtilizationPercent',
      100,
      'the alarm would never fire',
      'a percentage above 0% and below 100%',
    ],
    [
      'CPU 101%',
      { thresholds: { cpuUtilizationPercent: 101 } },
      'thresholds.cpuUtilizationPercent',
      101,
      'the alarm would never fire',
      'a percentage above 0% and below 100%',
    ],
    [
      '0% free storage (never below)',
      { thresholds: { freeStorageSpacePercent: 0 } },
      'thresholds.freeStorageSpacePercent',
      0,
      'the alarm would never fire',
      'a percentage above 0% and below 100%, e.g. 10',
    ],
    [
      '100% free storage (always below)',
      { thresholds: { freeStorageSpacePercent: 100 } },
      'thresholds.freeStorageSpacePercent',
      100,
      'at the edge of the scale',
      'a percentage above 0% and below 100%',
    ],
    [
      'free storage below the whole volume',
      { thresholds: { freeStorageSpaceInGiB: 20 } },
      'thresholds.freeStorageSpaceInGiB',
      20,
      'is not below the allocated 20 GiB: free storage is always below it, so the alarm would never clear',
      'set it well below 20 GiB, e.g. 2',
    ],
    [
      'freeable memory below all of the class memory',
      { thresholds: { freeableMemoryInMiB: 1024 } },
      'thresholds.freeableMemoryInMiB',
      1024,
      'is not below the 1024 MiB of db.t4g.micro',
      'e.g. 102 (10%)',
    ],
    [
      'a read latency of 0 ms (always above)',
      { thresholds: { readLatencyInMs: 0 } },
      'thresholds.readLatencyInMs',
      0,
      'is below 0.1, which the metric never goes under: the alarm would never clear',
      'an amount from 0.1 up to 60000',
    ],
    [
      'a threshold that is not a number',
      { thresholds: { writeLatencyInMs: '20' as unknown as number } },
      'thresholds.writeLatencyInMs',
      '20',
      'is not a number',
      'e.g. 20',
    ],
    [
      '1.5 connections',
      { thresholds: { databaseConnections: 1.5 } },
      'thresholds.databaseConnections',
      1.5,
      'whole number',
      '100000',
    ],
    [
      'no storage size for the percentage alarm',
      { instance: { instanceId: 'x', instanceClass: 'db.t4g.micro' } },
      'instance.allocatedStorageInGiB',
      undefined,
      'is needed for the free-storage percentage alarm',
      'disabledAlarms: ["freeStoragePercent"]',
    ],
    [
      'an unknown class without a connection threshold',
      { instance: { instanceId: 'x', instanceClass: 'db.x2g.large', allocatedStorageInGiB: 20 } },
      'thresholds.databaseConnections',
      undefined,
      'has no default for instance class "db.x2g.large"',
      'set thresholds.databaseConnections',
    ],
    [
      'an unknown class without a memory threshold',
      {
        instance: { instanceId: 'x', instanceClass: 'db.x2g.large', allocatedStorageInGiB: 20 },
        thresholds: { databaseConnections: 100 },
      },
      'thresholds.freeableMemoryInMiB',
      undefined,
      'has no default for instance class "db.x2g.large"',
      'set thresholds.freeableMemoryInMiB',
    ],
    [
      'missing data "ignored"',
      { treatMissingData: 'ignored' as never },
      'treatMissingData',
      'ignored',
      'must be "missing"',
      '"missing" (default)',
    ],
  ])('refuses %s', (_name, props, field, value, problem, fix) => {
    const error = validationError(() => synth(props));
    const found = error.problems.find((p) => p.field === field && p.problem.includes(problem));
    expect({ field: found?.field, value: found?.value }).toEqual({ field, value });
    expect(found?.fix).toContain(fix);
  });

  it.each<[string, Partial<RdsInstanceAlarmsProps>]>([
    ['CPU 0.5% and 99.5%', { thresholds: { cpuUtilizationPercent: 99.5, freeStorageSpacePercent: 0.5 } }],
    [
      'free storage just below the volume and memory just below the class',
      { thresholds: { freeStorageSpaceInGiB: 19.9, freeableMemoryInMiB: 1023 } },
    ],
    ['a read latency of 0.1 ms', { thresholds: { readLatencyInMs: 0.1 } }],
    [
      'an unknown class with both thresholds',
      {
        instance: { instanceId: 'x', instanceClass: 'db.x2g.large', allocatedStorageInGiB: 20 },
        thresholds: { databaseConnections: 100, freeableMemoryInMiB: 512 },
      },
    ],
    ['a 200-character prefix', { alarmNamePrefix: 'a'.repeat(200) }],
  ])('accepts %s', (_name, props) => expect(() => synth(props)).not.toThrow());
});
