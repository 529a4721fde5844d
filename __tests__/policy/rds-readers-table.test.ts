/** The RDS readers the RDS rules share: engine families and the literal major version. */
import { engineOf, isMysqlEngine, isPostgresEngine, majorVersionOf } from '../../modules/policy/rds';

describe('engine families', () => {
  it.each<[string | undefined, boolean, boolean]>([
    ['postgres', true, false],
    ['aurora-postgresql', true, false],
    ['mysql', false, true],
    ['mariadb', false, true],
    ['aurora-mysql', false, true],
    ['aurora', false, true],
    ['Postgres', false, false],
    ['aurora-postgres', false, false],
    ['sqlserver-ex', false, false],
    ['oracle-ee', false, false],
    ['', false, false],
    [undefined, false, false],
  ])('%s: PostgreSQL %s, MySQL %s', (engine, postgres, mysql) => {
    expect([isPostgresEngine(engine), isMysqlEngine(engine)]).toEqual([postgres, mysql]);
  });
});

describe('engineOf', () => {
  it.each<[string, object, string | undefined]>([
    ['a literal engine', { engine: 'postgres' }, 'postgres'],
    ['no engine (a read replica)', {}, undefined],
    ['an engine that is not a string', { engine: 7 }, undefined],
  ])('reads %s', (_name, config, expected) => {
    expect(engineOf(config as never)).toBe(expected);
  });
});

describe('majorVersionOf', () => {
  it.each<[string, object, number | undefined]>([
    ['a major version', { engine_version: '17' }, 17],
    ['a minor version', { engine_version: '16.4' }, 16],
    ['MySQL 8.0', { engine_version: '8.0.39' }, 8],
    ['an Aurora version', { engine_version: '5.7.mysql_aurora.2.11.2' }, 5],
    ['a version after text', { engine_version: 'v16.4' }, undefined],
    ['a reference', { engine_version: '${var.version}' }, undefined],
    ['no version', {}, undefined],
    ['a number', { engine_version: 16 }, undefined],
  ])('reads %s', (_name, config, expected) => {
    expect(majorVersionOf(config as never)).toBe(expected);
  });
});
