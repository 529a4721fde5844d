import {
  parseBackupWindow,
  parseMaintenanceWindow,
  windowLength,
  windowsOverlap,
} from '../../../modules/rds-postgres/windows';

describe('RDS windows', () => {
  it('parses backup and maintenance windows into minutes', () => {
    expect(parseBackupWindow('03:00-04:30')).toEqual({ start: 180, end: 270 });
    expect(parseMaintenanceWindow('Mon:23:30-tue:00:30')).toEqual({ start: 1440 + 1410, end: 2 * 1440 + 30 });
  });

  it.each(['3:00-04:00', '24:00-01:00', '03:60-04:00', '03:00 - 04:00', ''])(
    'rejects backup window %j',
    (w) => {
      expect(parseBackupWindow(w)).toBeUndefined();
    },
  );

  it.each(['sun:04:00', 'sun:4:00-sun:05:00', 'sunday:04:00-sunday:05:00', 'xyz:04:00-sun:05:00'])(
    'rejects maintenance window %j',
    (w) => expect(parseMaintenanceWindow(w)).toBeUndefined(),
  );

  it('measures windows that wrap around midnight and the week', () => {
    expect(windowLength(1410, 30, 1440)).toBe(60);
    expect(windowLength(6 * 1440 + 1410, 30, 7 * 1440)).toBe(60);
  });

  it.each<[string, string, boolean]>([
    ['03:00-04:00', 'sun:04:30-sun:05:30', false],
    ['03:00-04:31', 'sun:04:30-sun:05:30', true],
    ['04:30-05:00', 'sun:04:00-sun:04:30', false],
    ['04:29-05:00', 'sun:04:00-sun:04:30', true],
    ['05:00-05:30', 'wed:04:00-wed:06:00', true],
    ['23:30-00:30', 'mon:00:00-mon:01:00', true],
    ['23:30-00:30', 'sun:23:00-sun:23:30', false],
    ['01:00-02:00', 'sat:23:00-sun:01:30', true],
    ['01:30-02:00', 'sat:23:00-sun:01:30', false],
  ])('backup %s and maintenance %s overlap: %s', (backup, maintenance, overlap) => {
    expect(windowsOverlap(backup, maintenance)).toBe(overlap);
  });
});
