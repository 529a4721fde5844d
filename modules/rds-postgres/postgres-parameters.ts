import { DbParameterGroupParameter } from '@cdktf/provider-aws/lib/db-parameter-group';

/** What the parameter group settings are made from. */
export interface PostgresParameterInputs {
  readonly logConnections?: boolean;
  readonly logMinDurationStatementInMs?: number;
  readonly parameters?: Readonly<Record<string, string>>;
}

/** Parameters the construct sets itself: they cannot be passed in `parameters` (value: why). */
export const OWNED_PARAMETERS: Readonly<Record<string, string>> = {
  'rds.force_ssl': 'it is always 1 (TLS required)',
  log_connections: 'use the logConnections prop',
  log_disconnections: 'use the logConnections prop',
  log_min_duration_statement: 'use the logMinDurationStatementInMs prop',
};

/**
 * The parameter group's parameters:
 *
 * | parameter                    | value                                  | apply method   |
 * |------------------------------|----------------------------------------|----------------|
 * | `rds.force_ssl`              | `1` (clients must use TLS)             | pending-reboot |
 * | `ssl_min_protocol_version`   | `TLSv1.2` (or `TLSv1.3` if given)      | pending-reboot |
 * | `log_connections`            | `1` (`0` with `logConnections: false`) | immediate      |
 * | `log_disconnections`         | same as `log_connections`              | immediate      |
 * | `log_min_duration_statement` | `logMinDurationStatementInMs` or `-1`  | immediate      |
 * | anything in `parameters`     | as given                               | pending-reboot |
 *
 * `pending-reboot` is accepted for static and dynamic parameters alike, and RDS applies every
 * parameter when it creates the instance; the log settings are dynamic and change at once.
 */
export function postgresParameters(inputs: PostgresParameterInputs): DbParameterGroupParameter[] {
  const logConnections = (inputs.logConnections ?? true) ? '1' : '0';
  const list: DbParameterGroupParameter[] = [
    { name: 'rds.force_ssl', value: '1', applyMethod: 'pending-reboot' },
    {
      name: 'ssl_min_protocol_version',
      value: inputs.parameters?.ssl_min_protocol_version ?? 'TLSv1.2',
      applyMethod: 'pending-reboot',
    },
    { name: 'log_connections', value: logConnections, applyMethod: 'immediate' },
    { name: 'log_disconnections', value: logConnections, applyMethod: 'immediate' },
    {
      name: 'log_min_duration_statement',
      value: String(inputs.logMinDurationStatementInMs ?? -1),
      applyMethod: 'immediate',
    },
  ];
  for (const [name, value] of Object.entries(inputs.parameters ?? {})) {
    if (name in OWNED_PARAMETERS || name === 'ssl_min_protocol_version') continue;
    list.push({ name, value, applyMethod: 'pending-reboot' });
  }
  return list;
}
