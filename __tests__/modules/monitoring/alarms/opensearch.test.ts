import { TerraformStack, Testing } from 'cdktf';
import { OpenSearchAlarms, OpenSearchAlarmsProps } from '../../../../modules/monitoring';
import { OpenSearchDomain } from '../../../../modules/opensearch';
import {
  Block,
  blocksOf,
  errorOf,
  only,
  policyFindings,
  synthJson,
  testStack,
} from '../../../support/synth-json';
import { lazy } from '../../../support/lazy';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:alarms';
const DOMAIN = {
  domainName: 'search',
  domainArn: 'arn:aws:es:us-east-1:111122223333:domain/search',
  instanceCount: 1,
  volumeSizeInGiB: 10,
  dedicatedMasterCount: 0,
};

function build(props: Partial<OpenSearchAlarmsProps> = {}) {
  const stack = testStack();
  const alarms = new OpenSearchAlarms(stack, 'alarms', { domain: DOMAIN, topicArn: TOPIC, ...props });
  return { alarms, stack, ...synthJson(stack) };
}
const byName = (alarms: Block[]) => Object.fromEntries(alarms.map((a) => [a.alarm_name as string, a]));

describe('OpenSearchAlarms on a single-node domain', () => {
  const built = lazy(() => build());
  const alarms = () => built().alarms;
  const all = lazy(() => byName(blocksOf(built().json, 'aws_cloudwatch_metric_alarm')));

  it('creates the recommended alarms, without yellow status (always yellow on one node) or master alarms', () => {
    expect(alarms().alarmNames).toEqual([
      'search-cluster-red',
      'search-free-storage-low',
      'search-index-writes-blocked',
      'search-automated-snapshot-failure',
      'search-cpu-high',
      'search-jvm-memory-pressure-high',
      'search-kms-key-error',
      'search-kms-key-inaccessible',
    ]);
    expect(Object.keys(all()).sort()).toEqual([...alarms().alarmNames].sort());
    expect(alarms().alarmArns).toHaveLength(8);
  });

  it.each([
    [
      'search-cluster-red',
      'ClusterStatus.red',
      'Maximum',
      60,
      'GreaterThanOrEqualToThreshold',
      1,
      1,
      'missing',
    ],
    [
      'search-free-storage-low',
      'FreeStorageSpace',
      'Minimum',
      60,
      'LessThanOrEqualToThreshold',
      2560,
      1,
      'missing',
    ],
    [
      'search-index-writes-blocked',
      'ClusterIndexWritesBlocked',
      'Maximum',
      300,
      'GreaterThanOrEqualToThreshold',
      1,
      1,
      'notBreaching',
    ],
    [
      'search-automated-snapshot-failure',
      'AutomatedSnapshotFailure',
      'Maximum',
      60,
      'GreaterThanOrEqualToThreshold',
      1,
      1,
      'notBreaching',
    ],
    ['search-cpu-high', 'CPUUtilization', 'Maximum', 300, 'GreaterThanOrEqualToThreshold', 80, 3, 'missing'],
    [
      'search-jvm-memory-pressure-high',
      'JVMMemoryPressure',
      'Maximum',
      300,
      'GreaterThanOrEqualToThreshold',
      85,
      3,
      'missing',
    ],
    [
      'search-kms-key-error',
      'KMSKeyError',
      'Maximum',
      60,
      'GreaterThanOrEqualToThreshold',
      1,
      1,
      'notBreaching',
    ],
    [
      'search-kms-key-inaccessible',
      'KMSKeyInaccessible',
      'Maximum',
      60,
      'GreaterThanOrEqualToThreshold',
      1,
      1,
      'notBreaching',
    ],
  ])(
    '%s: %s %s over %is %s %d, %d periods, missing data %s',
    (name, metric, statistic, period, operator, threshold, periods, missing) => {
      expect(all()[name]).toMatchObject({
        namespace: 'AWS/ES',
        metric_name: metric,
        statistic,
        period,
        comparison_operator: operator,
        threshold,
        evaluation_periods: periods,
        datapoints_to_alarm: periods,
        treat_missing_data: missing,
        dimensions: { DomainName: 'search', ClientId: '111122223333' },
        alarm_actions: [TOPIC],
        ok_actions: [TOPIC],
      });
    },
  );

  it('passes the policy pack', () => {
    expect(policyFindings(built().stack).errors).toEqual([]);
  });
});

describe('OpenSearchAlarms on a production domain', () => {
  const built = lazy(() => {
    const stack = testStack();
    const domain = new OpenSearchDomain(stack, 'search', {
      domainName: 'prod-search',
      vpc: {
        vpcId: 'vpc-0123456789abcdef0',
        privateSubnetIds: [
          'subnet-0aaaaaaaaaaaaaaaa',
          'subnet-0bbbbbbbbbbbbbbbb',
          'subnet-0cccccccccccccccc',
        ],
        availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      },
      masterUserArn: 'arn:aws:iam::111122223333:role/search-admin',
      instanceType: 'r7g.large.search',
      instanceCount: 3,
      availabilityZoneCount: 3,
      dedicatedMasters: {},
      ebs: { volumeSizeInGiB: 100 },
    });
    const alarms = new OpenSearchAlarms(stack, 'alarms', {
      domain,
      topicArn: TOPIC,
      thresholds: { freeStoragePercent: 20, masterCpuPercent: 60 },
      disabled: ['kmsKeyInaccessible'],
    });
    const { json } = synthJson(stack);
    return { alarms, json };
  });
  const all = lazy(() => byName(blocksOf(built().json, 'aws_cloudwatch_metric_alarm')));

  it('adds yellow-status and master alarms, leaves out the disabled one', () => {
    expect(Object.keys(all())).toEqual(
      expect.arrayContaining([
        'prod-search-cluster-yellow',
        'prod-search-master-cpu-high',
        'prod-search-master-jvm-memory-pressure-high',
      ]),
    );
    expect(all()['prod-search-kms-key-inaccessible']).toBeUndefined();
    expect(all()['prod-search-cluster-yellow']).toMatchObject({
      metric_name: 'ClusterStatus.yellow',
      evaluation_periods: 5,
    });
    expect(all()['prod-search-master-cpu-high']).toMatchObject({
      metric_name: 'MasterCPUUtilization',
      threshold: 60,
    });
    expect(built().alarms.alarmNames).toHaveLength(10);
  });

  it('sets free storage to 20 % of a 100 GiB volume, in MiB', () => {
    expect(all()['prod-search-free-storage-low'].threshold).toBe(20480);
  });

  it('reads the account for ClientId from the domain ARN at apply time', () => {
    const id = only(built().json, 'aws_opensearch_domain').id;
    expect((all()['prod-search-cluster-red'].dimensions as Block).ClientId).toBe(
      `\${element(split(":", aws_opensearch_domain.${id}.arn), 4)}`,
    );
  });

  it('keeps yellow off on request even with several nodes, and on for one node on request', () => {
    const off = build({ domain: { ...DOMAIN, instanceCount: 3 }, clusterYellow: false }).alarms;
    expect(off.alarmNames).not.toContain('search-cluster-yellow');
    const on = build({ clusterYellow: true }).alarms;
    expect(on.alarmNames).toContain('search-cluster-yellow');
  });
});

describe('OpenSearchAlarms validation', () => {
  const stackFor = () => new TerraformStack(Testing.app(), 'test');
  it.each([
    ['no domain name', { domain: { ...DOMAIN, domainName: '' } }, 'domain.domainName', 'literal domain name'],
    ['zero nodes', { domain: { ...DOMAIN, instanceCount: 0 } }, 'domain.instanceCount', 'from 1 to 1000'],
    ['zero volume', { domain: { ...DOMAIN, volumeSizeInGiB: 0 } }, 'domain.volumeSizeInGiB', 'from 1 to'],
    [
      'six masters',
      { domain: { ...DOMAIN, dedicatedMasterCount: 6 } },
      'domain.dedicatedMasterCount',
      'from 0 to 5',
    ],
    ['a topic name', { topicArn: 'alarms' }, 'topicArn', 'not an SNS topic ARN'],
    [
      'free storage 100 % (always at or below)',
      { thresholds: { freeStoragePercent: 100 } },
      'thresholds.freeStoragePercent',
      'at or below 100%, which it always is: the alarm would never clear',
    ],
    [
      'free storage 0 %',
      { thresholds: { freeStoragePercent: 0 } },
      'thresholds.freeStoragePercent',
      'at the edge of the scale',
    ],
    [
      'CPU 100 % (>= 100 only at full load)',
      { thresholds: { cpuPercent: 100 } },
      'thresholds.cpuPercent',
      'at the edge of the scale',
    ],
    [
      'JVM memory pressure 0 % (always at or above)',
      { thresholds: { jvmMemoryPressurePercent: 0 } },
      'thresholds.jvmMemoryPressurePercent',
      'which it always is: the alarm would never clear',
    ],
    [
      'unknown alarm',
      { disabled: ['disk'] as unknown as OpenSearchAlarmsProps['disabled'] },
      'disabled',
      'do not exist',
    ],
  ] as [string, Partial<OpenSearchAlarmsProps>, string, string][])(
    'fails on %s',
    (_case, props, field, problem) => {
      const message = errorOf(
        () => new OpenSearchAlarms(stackFor(), 'alarms', { domain: DOMAIN, topicArn: TOPIC, ...props }),
      );
      expect(message).toContain('Invalid input for test/alarms');
      expect(message).toMatch(new RegExp(`${field.replace(/\./g, '\\.')} = .*${problem}.*Fix: `));
    },
  );

  it('accepts the boundaries', () => {
    expect(() =>
      build({
        domain: { ...DOMAIN, dedicatedMasterCount: 5 },
        thresholds: { freeStoragePercent: 99.9, cpuPercent: 99.9 },
      }),
    ).not.toThrow();
    expect(() =>
      build({ thresholds: { freeStoragePercent: 0.1, jvmMemoryPressurePercent: 0.1 } }),
    ).not.toThrow();
  });
});
