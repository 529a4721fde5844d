import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import {
  OpenSearchAlarmKind,
  OpenSearchAlarms,
  OpenSearchAlarmsProps,
  OpenSearchAlarmTarget,
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
/** Three data nodes and three dedicated masters: every alarm kind applies. */
const DOMAIN: OpenSearchAlarmTarget = {
  domainName: 'search',
  domainArn: 'arn:aws:es:us-east-1:111122223333:domain/search',
  instanceCount: 3,
  volumeSizeInGiB: 100,
  dedicatedMasterCount: 3,
};
const KINDS: OpenSearchAlarmKind[] = [
  'clusterRed',
  'clusterYellow',
  'freeStorage',
  'indexWritesBlocked',
  'snapshotFailure',
  'cpu',
  'jvmMemoryPressure',
  'masterCpu',
  'masterJvmMemoryPressure',
  'kmsKeyError',
  'kmsKeyInaccessible',
];
const NAMES = [
  'search-cluster-red',
  'search-cluster-yellow',
  'search-free-storage-low',
  'search-index-writes-blocked',
  'search-automated-snapshot-failure',
  'search-cpu-high',
  'search-jvm-memory-pressure-high',
  'search-master-cpu-high',
  'search-master-jvm-memory-pressure-high',
  'search-kms-key-error',
  'search-kms-key-inaccessible',
];

function build(props: Partial<OpenSearchAlarmsProps> = {}, stack: TerraformStack = testStack()) {
  const alarms = new OpenSearchAlarms(stack, 'alarms', { domain: DOMAIN, topicArn: TOPIC, ...props });
  new TerraformOutput(stack, 'alarm-arns', { value: alarms.alarmArns });
  const { json } = synthJson(stack);
  const blocks = resources(json, 'aws_cloudwatch_metric_alarm');
  const byName = Object.fromEntries(Object.values(blocks).map((b) => [b.alarm_name as string, b]));
  return { alarms, json, blocks, byName };
}

/** One alarm of the domain `search` as synthesized, with the fields every alarm shares. */
function alarm(
  name: string,
  description: string,
  metric: string,
  statistic: string,
  period: number,
  operator: string,
  threshold: number,
  periods: number,
  missing: string,
  clientId = '111122223333',
): Block {
  return {
    alarm_name: name,
    alarm_description: description,
    namespace: 'AWS/ES',
    metric_name: metric,
    statistic,
    period,
    dimensions: { DomainName: 'search', ClientId: clientId },
    comparison_operator: operator,
    threshold,
    evaluation_periods: periods,
    datapoints_to_alarm: periods,
    treat_missing_data: missing,
    alarm_actions: [TOPIC],
    ok_actions: [TOPIC],
  };
}

const GE = 'GreaterThanOrEqualToThreshold';

describe('OpenSearchAlarms on a domain with three data nodes and dedicated masters', () => {
  const built = lazy(() => build());

  it('creates every alarm kind, in order, and exposes names, alarms by kind and ARNs', () => {
    expect(built().alarms.alarmNames).toEqual(NAMES);
    expect(Object.keys(built().alarms.alarms)).toEqual(KINDS);
    expect(Object.keys(built().byName).sort()).toEqual([...NAMES].sort());
    const ids = Object.keys(built().blocks);
    const idOf = (name: string) => ids.find((id) => built().blocks[id].alarm_name === name);
    expect(built().json.output?.['alarm-arns'].value).toEqual(
      NAMES.map((n) => `\${aws_cloudwatch_metric_alarm.${idOf(n)}.arn}`),
    );
  });

  it('keeps the default thresholds in effect', () => {
    expect(built().alarms.thresholds).toEqual({
      freeStoragePercent: 25,
      cpuPercent: 80,
      jvmMemoryPressurePercent: 85,
      masterCpuPercent: 50,
      masterJvmMemoryPressurePercent: 85,
    });
  });

  it.each<[string, Block]>([
    [
      'search-cluster-red',
      alarm(
        'search-cluster-red',
        'OpenSearch domain search is red: at least one primary shard is unassigned (data unavailable).',
        'ClusterStatus.red',
        'Maximum',
        60,
        GE,
        1,
        1,
        'missing',
      ),
    ],
    [
      'search-cluster-yellow',
      alarm(
        'search-cluster-yellow',
        'OpenSearch domain search has been yellow for 5 minutes: replica shards are unassigned.',
        'ClusterStatus.yellow',
        'Maximum',
        60,
        GE,
        1,
        5,
        'missing',
      ),
    ],
    [
      'search-free-storage-low',
      alarm(
        'search-free-storage-low',
        'A data node of search has 25600 MiB (25% of 100 GiB) or less free; at 20 GiB or 5 % free, writes are blocked.',
        'FreeStorageSpace',
        'Minimum',
        60,
        'LessThanOrEqualToThreshold',
        25600,
        1,
        'missing',
      ),
    ],
    [
      'search-index-writes-blocked',
      alarm(
        'search-index-writes-blocked',
        'OpenSearch domain search is blocking writes (storage or memory pressure).',
        'ClusterIndexWritesBlocked',
        'Maximum',
        300,
        GE,
        1,
        1,
        'notBreaching',
      ),
    ],
    [
      'search-automated-snapshot-failure',
      alarm(
        'search-automated-snapshot-failure',
        'The automated snapshot of OpenSearch domain search failed (often: red status).',
        'AutomatedSnapshotFailure',
        'Maximum',
        60,
        GE,
        1,
        1,
        'notBreaching',
      ),
    ],
    [
      'search-cpu-high',
      alarm(
        'search-cpu-high',
        'Data node CPU of search at or above 80% for 15 minutes.',
        'CPUUtilization',
        'Maximum',
        300,
        GE,
        80,
        3,
        'missing',
      ),
    ],
    [
      'search-jvm-memory-pressure-high',
      alarm(
        'search-jvm-memory-pressure-high',
        'JVM heap of a search data node at or above 85% for 15 minutes; at 92 % writes are blocked.',
        'JVMMemoryPressure',
        'Maximum',
        300,
        GE,
        85,
        3,
        'missing',
      ),
    ],
    [
      'search-master-cpu-high',
      alarm(
        'search-master-cpu-high',
        'Master CPU of search at or above 50% for 15 minutes.',
        'MasterCPUUtilization',
        'Maximum',
        300,
        GE,
        50,
        3,
        'missing',
      ),
    ],
    [
      'search-master-jvm-memory-pressure-high',
      alarm(
        'search-master-jvm-memory-pressure-high',
        'Master JVM heap of search at or above 85% for 15 minutes.',
        'MasterJVMMemoryPressure',
        'Maximum',
        300,
        GE,
        85,
        3,
        'missing',
      ),
    ],
    [
      'search-kms-key-error',
      alarm(
        'search-kms-key-error',
        'The KMS key of OpenSearch domain search is disabled: the domain cannot read its data.',
        'KMSKeyError',
        'Maximum',
        60,
        GE,
        1,
        1,
        'notBreaching',
      ),
    ],
    [
      'search-kms-key-inaccessible',
      alarm(
        'search-kms-key-inaccessible',
        'The KMS key of OpenSearch domain search was deleted or its grants revoked.',
        'KMSKeyInaccessible',
        'Maximum',
        60,
        GE,
        1,
        1,
        'notBreaching',
      ),
    ],
  ])('synthesizes %s exactly', (name, expected) => {
    expect(built().byName[name]).toEqual(expected);
  });
});

describe('OpenSearchAlarms options', () => {
  it.each(KINDS.map((kind, i) => [kind, NAMES[i]]))('leaves out %s (%s) when disabled', (kind, name) => {
    const { alarms, byName } = build({ disabled: [kind as OpenSearchAlarmKind] });
    expect(alarms.alarmNames).toEqual(NAMES.filter((n) => n !== name));
    expect(Object.keys(alarms.alarms)).toEqual(KINDS.filter((k) => k !== kind));
    expect(Object.keys(byName)).toHaveLength(10);
    expect(byName[name]).toBeUndefined();
  });

  it('applies given thresholds and keeps the default for a threshold set to undefined', () => {
    const { alarms, byName } = build({
      thresholds: { cpuPercent: undefined, freeStoragePercent: 10, masterCpuPercent: 60 },
    });
    expect(alarms.thresholds).toEqual({
      freeStoragePercent: 10,
      cpuPercent: 80,
      jvmMemoryPressurePercent: 85,
      masterCpuPercent: 60,
      masterJvmMemoryPressurePercent: 85,
    });
    expect([byName['search-cpu-high'].threshold, byName['search-cpu-high'].alarm_description]).toEqual([
      80,
      'Data node CPU of search at or above 80% for 15 minutes.',
    ]);
    expect(byName['search-free-storage-low']).toMatchObject({
      threshold: 10240,
      alarm_description:
        'A data node of search has 10240 MiB (10% of 100 GiB) or less free; at 20 GiB or 5 % free, writes are blocked.',
    });
    expect(byName['search-master-cpu-high'].threshold).toBe(60);
  });

  it('uses an empty ClientId when the literal domain ARN has no account field', () => {
    const { byName } = build({ domain: { ...DOMAIN, domainArn: 'search' } });
    expect(byName['search-kms-key-error']).toEqual(
      alarm(
        'search-kms-key-error',
        'The KMS key of OpenSearch domain search is disabled: the domain cannot read its data.',
        'KMSKeyError',
        'Maximum',
        60,
        GE,
        1,
        1,
        'notBreaching',
        '',
      ),
    );
  });

  it('checks a threshold given as a Terraform value at plan time, on the first alarm created', () => {
    const stack = testStack();
    const cpu = new TerraformVariable(stack, 'cpu', { type: 'number' });
    const { blocks } = build(
      { thresholds: { cpuPercent: cpu.numberValue }, disabled: ['clusterRed'] },
      stack,
    );
    expect(alarmPlanChecks(blocks)).toEqual([
      [
        'search-cluster-yellow',
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
    const alarms = new OpenSearchAlarms(stack, 'alarms', {
      domain: DOMAIN,
      topicArn: TOPIC,
      thresholds: { cpuPercent: cpu.numberValue },
      disabled: KINDS,
    });
    expect([alarms.alarmNames, alarms.alarmArns, alarms.alarms]).toEqual([[], [], {}]);
    expect(resources(synthJson(stack).json, 'aws_cloudwatch_metric_alarm')).toEqual({});
  });
});

describe('OpenSearchAlarms validation messages', () => {
  it.each<[string, Partial<OpenSearchAlarmsProps>, string]>([
    [
      'no domain',
      { domain: undefined as unknown as OpenSearchAlarmTarget },
      'domain = undefined: is required. Fix: pass domain, an object',
    ],
    [
      'a domain name that is not a string',
      { domain: { ...DOMAIN, domainName: 7 as unknown as string } },
      'domain.domainName = 7: must be a string, not a number. Fix: pass domain.domainName as a string',
    ],
    [
      'an empty domain name',
      { domain: { ...DOMAIN, domainName: '' } },
      'domain.domainName = "": must be a literal domain name (it names the alarms). ' +
        'Fix: pass the OpenSearchDomain, or { domainName: "sentiment-dev", ... }',
    ],
    [
      'an unknown alarm kind',
      { disabled: ['cpu', 'disk'] as unknown as OpenSearchAlarmKind[] },
      'disabled = ["disk"]: names alarms that do not exist. Fix: use clusterRed, clusterYellow, freeStorage, ' +
        'indexWritesBlocked, snapshotFailure, cpu, jvmMemoryPressure, masterCpu, masterJvmMemoryPressure, ' +
        'kmsKeyError, kmsKeyInaccessible',
    ],
  ])('refuses %s', (_case, props, problem) => {
    expect(errorOf(() => build(props))).toBe(invalidMessage('test/alarms', problem));
  });
});
