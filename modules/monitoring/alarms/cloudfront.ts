import { Construct } from 'constructs';
import { TerraformProvider, Token } from 'cdktf';
import {
  CloudwatchMetricAlarm,
  CloudwatchMetricAlarmMetricQuery,
} from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Validator, requireProps } from '../../core/validation';
import { PERCENT_SCALE, checkAlarmThreshold, addThresholdPlanChecks, ThresholdRule } from './thresholds';
import { providerRegion } from '../../core/providers';
import { Tags } from '../../core/tags';
import type { TreatMissingData } from '../treat-missing-data';

/** Props of {@link CloudFrontAlarms}. */
export interface CloudFrontAlarmsProps {
  /** Prefix of the alarm names (`<name>-cloudfront-5xx-rate`, ...): 1-200 letters, digits, `-`, `_`. */
  readonly name: string;
  /** The distribution's id (`StaticSite.distributionId`). */
  readonly distributionId: string;
  /**
   * SNS topic notified on ALARM and OK. CloudWatch alarms only notify topics in their own region,
   * so this topic must be in us-east-1 too.
   */
  readonly topicArn: string;
  /**
   * Provider for us-east-1. CloudFront publishes its metrics only there (dimension
   * `Region = Global`), so the alarms must be created there; synthesis fails when the provider
   * is known to be in another region.
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
  /** Alarm when more than this percentage of requests get a 5xx. @default 5 */
  readonly error5xxRatePercent?: number;
  /**
   * Alarm when more than this percentage of requests get a 4xx. Off by default: bots probing for
   * `/wp-admin` and expired links make 4xx noisy; a jump in it can still mean a broken deploy.
   * @default - no 4xx alarm
   */
  readonly error4xxRatePercent?: number;
  /**
   * Requests per period below which the rate counts as 0, so two failed requests at night don't
   * page anyone.
   * @default 100
   */
  readonly minRequests?: number;
  /** Period, 60 or a multiple of 60 seconds. @default 300 */
  readonly periodInSeconds?: number;
  /**
   * Periods without data (no traffic). No requests is not an error, so the default is
   * `notBreaching`.
   * @default 'notBreaching'
   */
  readonly treatMissingData?: TreatMissingData;
  /** Tags for the alarms. @default - none */
  readonly tags?: Tags;
}

const NAME_RE = /^[A-Za-z0-9_-]{1,200}$/;
const DISTRIBUTION_ID_RE = /^E[A-Z0-9]{5,20}$/;
const TOPIC_ARN_RE = /^arn:aws(-cn|-us-gov)?:sns:([a-z0-9-]+):\d{12}:[A-Za-z0-9_-]{1,256}$/;

/** How each threshold is compared, and what its metric can take (see `thresholds.ts`). */
const CLOUDFRONT_THRESHOLD_RULES: Readonly<
  Record<'error5xxRatePercent' | 'error4xxRatePercent', ThresholdRule>
> = {
  error5xxRatePercent: { comparison: 'GreaterThanThreshold', scale: PERCENT_SCALE, example: 5 },
  error4xxRatePercent: { comparison: 'GreaterThanThreshold', scale: PERCENT_SCALE, example: 5 },
};

/**
 * Error-rate alarms of a CloudFront distribution.
 *
 * | Alarm (`<name>-...`)     | Expression                                                | Period, datapoints | Fires when |
 * |--------------------------|-----------------------------------------------------------|--------------------|------------|
 * | `cloudfront-5xx-rate`    | `IF(Requests >= minRequests, 5xxErrorRate, 0)`            | 5 min, 2 of 3      | > 5 %      |
 * | `cloudfront-4xx-rate`    | same with `4xxErrorRate` (only with `error4xxRatePercent`) | 5 min, 2 of 3      | > the value |
 *
 * Metrics are `AWS/CloudFront` with dimensions `DistributionId` and `Region = Global`, published
 * in us-east-1 only: create this construct with a us-east-1 provider and a us-east-1 topic. Missing
 * data counts as not breaching (no traffic is not an error). Origin latency and cache hit rate need
 * CloudFront's additional metrics (billed per distribution) and are not used.
 */
export class CloudFrontAlarms extends Construct {
  public readonly error5xxAlarm: CloudwatchMetricAlarm;
  public readonly error4xxAlarm?: CloudwatchMetricAlarm;
  /** Names of the alarms created, literal. */
  public readonly alarmNames: readonly string[];

  constructor(scope: Construct, id: string, props: CloudFrontAlarmsProps) {
    super(scope, id);
    requireProps(this, props, { name: 'string', distributionId: 'string', topicArn: 'string' });
    const v = new Validator(this);
    v.check(
      NAME_RE.test(props.name),
      'name',
      props.name,
      "must be 1-200 letters, digits, '-' or '_'",
      'use a name such as "shop-prod"',
    );
    v.checkOptional(
      props.distributionId,
      (d) => DISTRIBUTION_ID_RE.test(d),
      'distributionId',
      'is not a CloudFront distribution id',
      'pass the id, e.g. StaticSite.distributionId ("E2QWRUHAPOMQZL")',
    );
    const topicRegion = Token.isUnresolved(props.topicArn)
      ? undefined
      : TOPIC_ARN_RE.exec(props.topicArn)?.[2];
    v.checkOptional(
      props.topicArn,
      (a) => TOPIC_ARN_RE.test(a),
      'topicArn',
      'is not an SNS topic ARN',
      'pass "arn:aws:sns:us-east-1:<account>:<topic>"',
    );
    v.check(
      topicRegion === undefined || topicRegion === 'us-east-1',
      'topicArn',
      props.topicArn,
      `is in ${topicRegion}; alarms in us-east-1 can only notify topics in us-east-1`,
      'create an alarm topic in us-east-1 (AlarmTopic with the us-east-1 provider)',
    );
    const region = providerRegion(this, props.provider);
    v.check(
      region === undefined || region === 'us-east-1',
      'provider',
      region,
      'is not in us-east-1, the only region with CloudFront metrics',
      "pass a provider for us-east-1, e.g. new AwsProvider(stack, 'us-east-1', { alias: 'us-east-1', region: 'us-east-1' })",
    );
    for (const [key, rule] of Object.entries(CLOUDFRONT_THRESHOLD_RULES)) {
      checkAlarmThreshold(v, key, props[key as keyof typeof CLOUDFRONT_THRESHOLD_RULES], rule);
    }
    v.checkIntRange(props.minRequests, 0, 1_000_000_000, 'minRequests');
    v.checkOptional(
      props.periodInSeconds,
      (p) => Number.isInteger(p) && p >= 60 && p % 60 === 0 && p <= 86_400,
      'periodInSeconds',
      'must be a multiple of 60 from 60 to 86400 (CloudFront publishes one-minute data)',
      'use 300 (default) or another multiple of 60',
    );
    v.throwIfInvalid();

    const make = (kind: '5xx' | '4xx', threshold: number): CloudwatchMetricAlarm =>
      new CloudwatchMetricAlarm(this, `${kind}-rate`, {
        provider: props.provider,
        alarmName: `${props.name}-cloudfront-${kind}-rate`,
        alarmDescription:
          `More than ${threshold}% of requests to CloudFront distribution ${props.distributionId} got a ${kind} ` +
          `response (periods with fewer than ${props.minRequests ?? 100} requests count as 0).`,
        comparisonOperator: 'GreaterThanThreshold',
        threshold,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: props.treatMissingData ?? 'notBreaching',
        metricQuery: errorRateQuery(kind, props),
        alarmActions: [props.topicArn],
        okActions: [props.topicArn],
        tags: props.tags,
      });

    this.error5xxAlarm = make('5xx', props.error5xxRatePercent ?? 5);
    const names = [`${props.name}-cloudfront-5xx-rate`];
    if (props.error4xxRatePercent !== undefined) {
      this.error4xxAlarm = make('4xx', props.error4xxRatePercent);
      names.push(`${props.name}-cloudfront-4xx-rate`);
    }
    this.alarmNames = names;
    addThresholdPlanChecks(this.error5xxAlarm, props, CLOUDFRONT_THRESHOLD_RULES, '');
  }
}

function errorRateQuery(
  kind: '5xx' | '4xx',
  props: CloudFrontAlarmsProps,
): CloudwatchMetricAlarmMetricQuery[] {
  const period = props.periodInSeconds ?? 300;
  const dimensions = { DistributionId: props.distributionId, Region: 'Global' };
  return [
    {
      id: 'requests',
      metric: { namespace: 'AWS/CloudFront', metricName: 'Requests', stat: 'Sum', period, dimensions },
    },
    {
      id: 'rate',
      metric: {
        namespace: 'AWS/CloudFront',
        metricName: `${kind}ErrorRate`,
        stat: 'Average',
        period,
        dimensions,
      },
    },
    {
      id: 'guarded',
      expression: `IF(requests >= ${props.minRequests ?? 100}, rate, 0)`,
      label: `${kind} error rate (%)`,
      returnData: true,
    },
  ];
}
