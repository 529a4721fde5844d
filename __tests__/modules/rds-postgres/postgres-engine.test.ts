import {
  isBurstableInstanceClass,
  isValidDbInstanceClass,
  isValidPerformanceInsightsRetention,
  parameterGroupFamily,
} from '../../../modules/rds-postgres';
import { parsePostgresVersion } from '../../../modules/rds-postgres/postgres-engine';
import { postgresParameters } from '../../../modules/rds-postgres/postgres-parameters';

describe('PostgreSQL engine helpers', () => {
  it.each<[string, ReturnType<typeof parsePostgresVersion>]>([
    ['17', { major: 17, minor: undefined }],
    ['16.4', { major: 16, minor: 4 }],
    ['13.22', { major: 13, minor: 22 }],
    ['9.6', undefined],
    ['16.4.1', undefined],
    ['latest', undefined],
    ['', undefined],
  ])('parses %j', (version, parsed) => expect(parsePostgresVersion(version)).toEqual(parsed));

  it('derives the parameter group family from the major version', () => {
    expect([13, 17, 18].map(parameterGroupFamily)).toEqual(['postgres13', 'postgres17', 'postgres18']);
  });

  it.each<[string, boolean]>([
    ['db.t4g.micro', true],
    ['db.m7g.2xlarge', true],
    ['db.r6idn.large', true],
    ['t4g.micro', false],
    ['db.t4g', false],
    ['db.t4g.huge', false],
  ])('instance class %s is valid: %s', (c, ok) => expect(isValidDbInstanceClass(c)).toBe(ok));

  it('knows burstable classes', () => {
    expect(['db.t3.micro', 'db.t4g.small', 'db.m7g.large'].map(isBurstableInstanceClass)).toEqual([
      true,
      true,
      false,
    ]);
  });

  it.each<[number, boolean]>([
    [7, true],
    [31, true],
    [713, true],
    [731, true],
    [8, false],
    [30, false],
    [744, false],
    [0, false],
  ])('Performance Insights retention %d is valid: %s', (d, ok) =>
    expect(isValidPerformanceInsightsRetention(d)).toBe(ok),
  );

  it('builds the default parameters, and drops owned names from extra parameters', () => {
    expect(postgresParameters({ parameters: { 'rds.force_ssl': '0', work_mem: '4MB' } })).toEqual([
      { name: 'rds.force_ssl', value: '1', applyMethod: 'pending-reboot' },
      { name: 'ssl_min_protocol_version', value: 'TLSv1.2', applyMethod: 'pending-reboot' },
      { name: 'log_connections', value: '1', applyMethod: 'immediate' },
      { name: 'log_disconnections', value: '1', applyMethod: 'immediate' },
      { name: 'log_min_duration_statement', value: '-1', applyMethod: 'immediate' },
      { name: 'work_mem', value: '4MB', applyMethod: 'pending-reboot' },
    ]);
  });
});
