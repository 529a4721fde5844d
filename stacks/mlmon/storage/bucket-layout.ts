/**
 * Key prefixes of the model-monitoring bucket. Every service that reads or writes the bucket
 * (the host's sync jobs, IAM policies, lifecycle rules) takes its prefix from here.
 */
export const BUCKET_LAYOUT = {
  /** Trained model artifacts (`models/<model>/model.pkl`, `metadata.json`). Kept; versioned. */
  models: 'models/',
  /** Parent of everything the monitoring stack writes. */
  monitoring: 'monitoring/',
  /** Evidently drift and quality reports. */
  evidentlyReports: 'monitoring/evidently-reports/',
  /** Prometheus snapshots / backups. */
  prometheusData: 'monitoring/prometheus-data/',
  /** Exported Grafana dashboards. */
  grafanaDashboards: 'monitoring/grafana-dashboards/',
  /** Application logs shipped from the host; expire after `logsExpirationInDays`. */
  logs: 'logs/',
  /** Reference datasets; move to Intelligent-Tiering. */
  data: 'data/',
} as const;

/** A key of {@link BUCKET_LAYOUT}. */
export type BucketLayoutKey = keyof typeof BUCKET_LAYOUT;

/** Every prefix of the layout, parents before children. */
export function layoutPrefixes(): string[] {
  return Object.values(BUCKET_LAYOUT).sort();
}

/**
 * True for a key prefix that S3 lifecycle, replication and IAM resources can use as written:
 * non-empty, no leading '/', ends with '/', no empty segment.
 */
export function isValidKeyPrefix(prefix: string): boolean {
  return /^[^/]+(\/[^/]+)*\/$/.test(prefix) && !/[*?]/.test(prefix);
}
