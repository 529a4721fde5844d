import { TerraformStack, TerraformVariable } from 'cdktf';
import {
  RdsAlarmKind,
  RdsAlarmTarget,
  RdsInstanceAlarms,
  RdsInstanceAlarmsProps,
  RdsTreatMissingData,
  estimatedMaxConnections,
  rdsInstanceMemoryInGiB,
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

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:alarms';
const INSTANCE: RdsAlarmTarget = {
  instanceId: 'modelreg-dev',
  instanceClass: 'db.t4g.micro',
  allocatedStorageInGiB: 100,
};
const ALL_KINDS: RdsAlarmKind[] = [
  'cpu',
  'freeStorage',
  'freeStoragePercent',
  'connections',
  'freeableMemory',
  'readLatency',
  'writeLatency',
];
const ALL_NAMES = [
  'modelreg-dev-cpu-high',
  'modelreg-dev-free-storage-low',
  'modelreg-dev-free-storage-percent-low',
  'modelreg-dev-connections-high',
  'modelreg-dev-freeable-memory-low',
  'modelreg-dev-read-latency-high',
  'modelreg-dev-write-latency-high',
];
/** Thresholds that turn on the opt-in latency alarms. */
const LATENCY = { readLatencyInMs: 20, writeLatencyInMs: 50 };

function build(props: Partial<RdsInstanceAlarmsProps> = {}, stack: TerraformStack = testStack()) {
  const alarms = new RdsInstanceAlarms(stack, 'db-alarms', { instance: INSTANCE, topicArn: TOPIC, ...props });
  const blocks = resources(synthJson(stack).json, 'aws_cloudwatch_metric_alarm');
  const byName = Object.fromEntries(Object.values(blocks).map((b) => [b.alarm_name as string, b]));
  return { alarms, blocks, byName };
}

describe('rdsInstanceMemoryInGiB reads only whole class names', () => {
  it.each<[string, number | undefined, number | undefined]>([
    ['db.r6g.12xlarge', 384, 5000],
    ['db.m6i.16xlarge', 256, 5000],
    ['db.m10.large', 8, 675],
    ['db.t4g.xlarge', 16, 1351],
    ['xdb.t4g.micro', undefined, undefined],
    ['db.t4g.micro-x', undefined, undefined],
    ['db.t4g.micro ', undefined, undefined],
    ['db.m6i.12xlarge.metal', undefined, undefined],
  ])('%j: %s GiB, ~%s connections', (instanceClass, gib, connections) => {
    expect([rdsInstanceMemoryInGiB(instanceClass), estimatedMaxConnections(instanceClass)]).toEqual([
      gib,
      connections,
    ]);
  });
});

describe('RdsInstanceAlarms latency alarms', () => {
  it.each<[string, Block]>([
    [
      'modelreg-dev-read-latency-high',
      {
        alarm_name: 'modelreg-dev-read-latency-high',
        alarm_description: 'Read latency of RDS instance modelreg-dev above 20 ms for 15 minutes.',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 0.02,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        namespace: 'AWS/RDS',
        metric_name: 'ReadLatency',
        statistic: 'Average',
        period: 300,
        dimensions: { DBInstanceIdentifier: 'modelreg-dev' },
        treat_missing_data: 'missing',
        alarm_actions: [TOPIC],
        ok_actions: [TOPIC],
      },
    ],
    [
      'modelreg-dev-write-latency-high',
      {
        alarm_name: 'modelreg-dev-write-latency-high',
        alarm_description: 'Write latency of RDS instance modelreg-dev above 50 ms for 15 minutes.',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 0.05,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        namespace: 'AWS/RDS',
        metric_name: 'WriteLatency',
        statistic: 'Average',
        period: 300,
        dimensions: { DBInstanceIdentifier: 'modelreg-dev' },
        treat_missing_data: 'missing',
        alarm_actions: [TOPIC],
        ok_actions: [TOPIC],
      },
    ],
  ])('synthesizes %s exactly', (name, expected) => {
    expect(build({ thresholds: LATENCY }).byName[name]).toEqual(expected);
  });

  it('exposes all seven alarms by kind, in creation order', () => {
    const { alarms, byName } = build({ thresholds: LATENCY });
    expect(Object.keys(alarms.alarms)).toEqual(ALL_KINDS);
    expect(alarms.alarmNames).toEqual(ALL_NAMES);
    expect(Object.keys(byName).sort()).toEqual([...ALL_NAMES].sort());
  });

  it.each(ALL_KINDS.map((kind, i) => [kind, ALL_NAMES[i]]))(
    'leaves out %s (%s) when disabled',
    (kind, name) => {
      const { alarms, byName } = build({ thresholds: LATENCY, disabledAlarms: [kind as RdsAlarmKind] });
      expect(Object.keys(alarms.alarms)).toEqual(ALL_KINDS.filter((k) => k !== kind));
      expect(alarms.alarmNames).toEqual(ALL_NAMES.filter((n) => n !== name));
      expect(Object.keys(byName)).toHaveLength(6);
    },
  );
});

describe('RdsInstanceAlarms missing-data treatment', () => {
  it.each<RdsTreatMissingData>(['missing', 'ignore', 'breaching', 'notBreaching'])(
    'applies %s to every alarm',
    (treatMissingData) => {
      const { byName } = build({ treatMissingData });
      expect(Object.values(byName).map((b) => b.treat_missing_data)).toEqual(Array(5).fill(treatMissingData));
    },
  );
});

describe('RdsInstanceAlarms free storage in GiB without the allocated size', () => {
  it('accepts an absolute threshold when the percentage alarm is disabled', () => {
    const { alarms, byName } = build({
      instance: { instanceId: 'modelreg-dev', instanceClass: 'db.t4g.micro' },
      disabledAlarms: ['freeStoragePercent'],
      thresholds: { freeStorageSpaceInGiB: 5 },
    });
    expect(alarms.alarmNames).toEqual([
      'modelreg-dev-cpu-high',
      'modelreg-dev-free-storage-low',
      'modelreg-dev-connections-high',
      'modelreg-dev-freeable-memory-low',
    ]);
    expect(byName['modelreg-dev-free-storage-low']).toMatchObject({
      alarm_description: 'Free storage of RDS instance modelreg-dev below 5 GiB for 10 minutes.',
      threshold: 5 * 1024 ** 3,
    });
  });
});

describe('RdsInstanceAlarms plan-time threshold checks', () => {
  it.each<[string, RdsAlarmKind[], string]>([
    ['the CPU alarm', [], 'modelreg-dev-cpu-high'],
    ['the free-storage alarm when CPU is disabled', ['cpu'], 'modelreg-dev-free-storage-low'],
  ])('puts the check of a Terraform-valued threshold on %s', (_case, disabledAlarms, name) => {
    const stack = testStack();
    const cpu = new TerraformVariable(stack, 'cpu', { type: 'number' });
    const { blocks } = build(
      { thresholds: { cpuUtilizationPercent: cpu.numberValue }, disabledAlarms },
      stack,
    );
    expect(alarmPlanChecks(blocks)).toEqual([
      [
        name,
        {
          precondition: [
            {
              condition: '${((0 < var.cpu) && (100 > var.cpu))}',
              error_message:
                'Invalid thresholds.cpuUtilizationPercent of test/db-alarms: it must be a percentage above 0% and below 100%.',
            },
          ],
        },
      ],
    ]);
  });

  it('creates nothing, and fails nothing, with every alarm disabled and a Terraform-valued threshold', () => {
    const stack = testStack();
    const cpu = new TerraformVariable(stack, 'cpu', { type: 'number' });
    const { alarms, blocks } = build(
      { thresholds: { cpuUtilizationPercent: cpu.numberValue }, disabledAlarms: ALL_KINDS },
      stack,
    );
    expect([alarms.alarmNames, alarms.alarms, blocks]).toEqual([[], {}, {}]);
  });
});

describe('RdsInstanceAlarms validation messages', () => {
  const PREFIX_PROBLEM =
    'is not a usable alarm name prefix (1-200 letters, digits, "-", "_"; a token is not known at synth). ' +
    'Fix: pass alarmNamePrefix, e.g. "modelreg-prod-db"';
  it.each<[string, Partial<RdsInstanceAlarmsProps>, string]>([
    [
      'no instance',
      { instance: undefined as unknown as RdsAlarmTarget },
      'instance = undefined: is required. Fix: pass instance, an object',
    ],
    [
      'an instance id unusable as a prefix, without a prefix',
      { instance: { ...INSTANCE, instanceId: 'model reg' } },
      `instance.instanceId = "model reg": ${PREFIX_PROBLEM}`,
    ],
    [
      'a prefix that is not a string',
      { alarmNamePrefix: 123 as unknown as string },
      `alarmNamePrefix = 123: ${PREFIX_PROBLEM}`,
    ],
    [
      'allocated storage below 20 GiB',
      { instance: { ...INSTANCE, allocatedStorageInGiB: 10 } },
      'instance.allocatedStorageInGiB = 10: must be a whole number from 20 to 65536. ' +
        'Fix: set instance.allocatedStorageInGiB to a whole number from 20 to 65536',
    ],
    [
      'a free-storage threshold above the allocated size',
      { thresholds: { freeStorageSpaceInGiB: 150 } },
      'thresholds.freeStorageSpaceInGiB = 150: is not below the allocated 100 GiB: free storage is always ' +
        'below it, so the alarm would never clear. Fix: set it well below 100 GiB, e.g. 10',
    ],
    [
      'an unknown missing-data treatment',
      { treatMissingData: 'ignored' as RdsTreatMissingData },
      'treatMissingData = "ignored": must be "missing", "ignore", "breaching" or "notBreaching". ' +
        'Fix: use "missing" (default)',
    ],
  ])('refuses %s', (_case, props, problem) => {
    expect(errorOf(() => build(props))).toBe(invalidMessage('test/db-alarms', problem));
  });
});
