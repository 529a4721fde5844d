/**
 * Monitoring: `AlarmTopic` (the KMS-encrypted SNS topic every alarm notifies), `LogGroup`, and
 * alarm builders per service (ALB, Batch, CloudFront, ECS, ElastiCache, OpenSearch, RDS) with
 * documented thresholds. Import from `@ml-platform/cdktf-aws/monitoring`.
 * @packageDocumentation
 */
export { AlarmTopic } from './alarm-topic';
export type { AlarmTopicProps } from './alarm-topic';
export { LogGroup } from './log-group';
export type { LogGroupProps } from './log-group';
export { TREAT_MISSING_DATA } from './treat-missing-data';
export type { TreatMissingData } from './treat-missing-data';
export * from './alarms';
