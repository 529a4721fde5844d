import {
  dailyWindowProblem,
  parseDailyWindow,
  parseTimeOfDay,
  parseWeeklyWindow,
  weeklyOverlapsDaily,
  weeklyWindowProblem,
} from '../../../modules/core/windows';

describe('parseDailyWindow', () => {
  it.each([
    ['03:00-04:00', { start: 180, length: 60 }],
    ['23:30-00:30', { start: 1410, length: 60 }],
    ['00:00-23:59', { start: 0, length: 1439 }],
  ])('%s', (text, expected) => expect(parseDailyWindow(text)).toEqual(expected));
  it.each(['3:00-4:00', '03:00-03:00', '24:00-01:00', '03:60-04:00', '03:00 - 04:00', ''])(
    'refuses %j',
    (text) => expect(parseDailyWindow(text)).toBeUndefined(),
  );
});

describe('parseWeeklyWindow', () => {
  it.each([
    ['mon:00:00-mon:01:00', { start: 0, length: 60 }],
    ['sun:05:00-sun:06:00', { start: 6 * 1440 + 300, length: 60 }],
    ['SUN:23:00-MON:01:00', { start: 6 * 1440 + 1380, length: 120 }],
  ])('%s', (text, expected) => expect(parseWeeklyWindow(text)).toEqual(expected));
  it.each(['sun:05:00-sun:05:00', 'sunday:05:00-sunday:06:00', 'sun:5:00-sun:6:00', 'xyz:05:00-sun:06:00'])(
    'refuses %j',
    (text) => expect(parseWeeklyWindow(text)).toBeUndefined(),
  );
});

describe('window problems', () => {
  it('wants at least the minimum length', () => {
    expect(dailyWindowProblem('03:00-04:00', 60)).toBeUndefined();
    expect(dailyWindowProblem('03:00-03:59', 60)).toBe('lasts 59 minutes; at least 60 are required');
    expect(dailyWindowProblem('bad', 60)).toMatch(/is not a UTC window "hh24:mi-hh24:mi"/);
    expect(weeklyWindowProblem('sun:05:00-sun:06:00', 60, 1440)).toBeUndefined();
    expect(weeklyWindowProblem('sun:05:00-mon:05:00', 60, 1440)).toBeUndefined();
    expect(weeklyWindowProblem('sun:05:00-mon:05:01', 60, 1440)).toBe(
      'lasts 1441 minutes; at most 1440 are allowed',
    );
    expect(weeklyWindowProblem('sun:05:00-sun:05:59', 60, 1440)).toBe(
      'lasts 59 minutes; at least 60 are required',
    );
    expect(weeklyWindowProblem('bad', 60, 1440)).toMatch(/ddd = mon..sun/);
  });
});

describe('weeklyOverlapsDaily', () => {
  const w = (t: string) => parseWeeklyWindow(t) as NonNullable<ReturnType<typeof parseWeeklyWindow>>;
  const d = (t: string) => parseDailyWindow(t) as NonNullable<ReturnType<typeof parseDailyWindow>>;
  it.each([
    ['sun:05:00-sun:06:00', '03:00-04:00', false],
    ['sun:05:00-sun:06:00', '04:00-05:00', false],
    ['sun:05:00-sun:06:00', '06:00-07:00', false],
    ['sun:05:00-sun:06:00', '05:30-06:30', true],
    ['tue:03:30-tue:04:30', '03:00-04:00', true],
    ['sun:23:30-mon:00:30', '00:00-01:00', true],
    ['sun:23:30-mon:00:30', '23:00-23:30', false],
    ['mon:01:00-mon:02:00', '23:30-01:30', true],
    ['sun:06:00-mon:05:00', '05:00-06:00', false],
  ])('%s vs %s: %s', (weekly, daily, overlaps) =>
    expect(weeklyOverlapsDaily(w(weekly), d(daily))).toBe(overlaps),
  );
});

describe('parseTimeOfDay', () => {
  it('reads hh24:mi', () => {
    expect(parseTimeOfDay('22:00')).toEqual({ hours: 22, minutes: 0 });
    expect(parseTimeOfDay('00:59')).toEqual({ hours: 0, minutes: 59 });
    expect(parseTimeOfDay('24:00')).toBeUndefined();
    expect(parseTimeOfDay('7:00')).toBeUndefined();
  });
});
