import { isTimeZone, scheduleProblems } from '../../../modules/backup';

describe('scheduleProblems', () => {
  it.each([
    'cron(0 5 ? * * *)',
    'cron(30 2 * * ? *)',
    'cron(0 0/4 ? * MON-FRI *)',
    'cron(0 3 1 * ? *)',
    'cron(0 3 L * ? *)',
    'cron(0 3 15W * ? *)',
    'cron(0 3 ? * 6#3 *)',
    'cron(0 3 ? * 2L *)',
    'cron(0 3 ? JAN,JUL SUN 2030)',
    'cron(59 23 31 12 ? 2199)',
    'cron(0 0 ? * 1-7 1970-2199)',
    ' cron(0 5 ? * * *) ',
  ])('accepts %s', (expression) => {
    expect(scheduleProblems(expression)).toEqual([]);
  });

  it.each([
    ['rate(1 day)', 'must have the form cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)'],
    ['0 5 * * ?', 'must have the form cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)'],
    ['cron(0 5 * * ?)', 'has 5 fields; AWS cron expressions have 6'],
    ['cron(0 5 ? * * * *)', 'has 7 fields; AWS cron expressions have 6'],
    ['cron(60 5 ? * * *)', 'minutes "60" is not valid (values 0-59)'],
    ['cron(0 24 ? * * *)', 'hours "24" is not valid (values 0-23)'],
    ['cron(0 5 32 * ? *)', 'day-of-month "32" is not valid (values 1-31)'],
    ['cron(0 5 ? 13 * *)', 'month "13" is not valid (values 1-12 or JAN-DEC)'],
    ['cron(0 5 ? FOO * *)', 'month "FOO" is not valid (values 1-12 or JAN-DEC)'],
    ['cron(0 5 ? * 8 *)', 'day-of-week "8" is not valid (values 1-7 or SUN-SAT)'],
    ['cron(0 5 ? * 6#6 *)', 'day-of-week "6#6" is not valid (values 1-7 or SUN-SAT)'],
    ['cron(0 5 ? * * 1969)', 'year "1969" is not valid (values 1970-2199)'],
    ['cron(0 10-2 ? * * *)', 'hours "10-2" is not valid (values 0-23)'],
    ['cron(0 5,,6 ? * * *)', 'hours "5,,6" is not valid (values 0-23)'],
    ['cron(0 */0 ? * * *)', 'hours "*/0" is not valid (values 0-23)'],
    ['cron(0 ? ? * * *)', 'hours can\'t be "?"'],
    ['cron(0 5 * * * *)', 'exactly one of day-of-month and day-of-week must be "?"'],
    ['cron(0 5 ? * ? *)', 'exactly one of day-of-month and day-of-week must be "?"'],
    ['cron(*/30 5 ? * * *)', 'minutes must be a single value: AWS Backup runs a rule at most once an hour'],
    ['cron(0,30 5 ? * * *)', 'minutes must be a single value: AWS Backup runs a rule at most once an hour'],
  ])('refuses %s', (expression, problem) => {
    expect(scheduleProblems(expression)).toContain(problem);
  });

  it('lists several problems of one expression', () => {
    expect(scheduleProblems('cron(* 25 * * * *)')).toEqual([
      'hours "25" is not valid (values 0-23)',
      'exactly one of day-of-month and day-of-week must be "?"',
      'minutes must be a single value: AWS Backup runs a rule at most once an hour',
    ]);
  });
});

describe('isTimeZone', () => {
  it.each(['UTC', 'Etc/UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires'])('accepts %s', (zone) => {
    expect(isTimeZone(zone)).toBe(true);
  });

  it.each(['Mars/Olympus', 'Europe/Berlin ', '', 'GMT+1'])('refuses %j', (zone) => {
    expect(isTimeZone(zone)).toBe(false);
  });
});
