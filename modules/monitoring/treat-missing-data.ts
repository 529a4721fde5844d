/**
 * What CloudWatch does with alarm periods that have no data. Every alarm builder chooses one per
 * alarm deliberately and documents why.
 */
export type TreatMissingData = 'missing' | 'ignore' | 'breaching' | 'notBreaching';

/** Every value of {@link TreatMissingData}, for validation. */
export const TREAT_MISSING_DATA: readonly TreatMissingData[] = [
  'missing',
  'ignore',
  'breaching',
  'notBreaching',
];
