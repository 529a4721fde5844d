/** Alarm builders, one file per service. */
export * from './rds';
