/**
 * X-Ray actions for active tracing. X-Ray supports no resource-level permissions, so statements
 * with these actions use `Resource: "*"` (the policy pack exempts the service).
 */
export const XRAY_ACTIONS = {
  write: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
} as const;
