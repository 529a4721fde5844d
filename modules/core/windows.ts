/**
 * Maintenance and backup windows in the formats AWS services take (UTC): a daily window
 * `hh24:mi-hh24:mi` (ElastiCache snapshot window, RDS backup window) and a weekly window
 * `ddd:hh24:mi-ddd:hh24:mi` (ElastiCache and RDS maintenance windows). Pure functions, so the
 * checks are tested without synthesizing anything.
 */

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const TIME = '([01]\\d|2[0-3]):([0-5]\\d)';
const DAILY_RE = new RegExp(`^${TIME}-${TIME}$`);
const WEEKLY_RE = new RegExp(`^(mon|tue|wed|thu|fri|sat|sun):${TIME}-(mon|tue|wed|thu|fri|sat|sun):${TIME}$`);

/** A window as minutes from its period's origin (midnight for daily, Monday 00:00 for weekly). */
export interface Window {
  /** First minute of the window. */
  readonly start: number;
  /** Length in minutes (a window may wrap past midnight or Sunday). */
  readonly length: number;
}

/** Parses `hh24:mi-hh24:mi` (UTC), e.g. `03:00-04:00`; undefined when malformed or empty. */
export function parseDailyWindow(text: string): Window | undefined {
  const m = DAILY_RE.exec(text);
  if (!m) return undefined;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  const length = (end - start + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return length === 0 ? undefined : { start, length };
}

/** Parses `ddd:hh24:mi-ddd:hh24:mi` (UTC, any case), e.g. `sun:05:00-sun:06:00`; undefined when malformed. */
export function parseWeeklyWindow(text: string): Window | undefined {
  const m = WEEKLY_RE.exec(text.toLowerCase());
  if (!m) return undefined;
  const at = (day: string, h: string, mi: string) =>
    DAYS.indexOf(day as (typeof DAYS)[number]) * MINUTES_PER_DAY + Number(h) * 60 + Number(mi);
  const start = at(m[1], m[2], m[3]);
  const end = at(m[4], m[5], m[6]);
  const length = (end - start + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
  return length === 0 ? undefined : { start, length };
}

/**
 * Why a daily window is unusable, or undefined when it is fine: it must parse and last at least
 * `minMinutes` (ElastiCache: 60).
 */
export function dailyWindowProblem(text: string, minMinutes: number): string | undefined {
  const w = parseDailyWindow(text);
  if (!w) return 'is not a UTC window "hh24:mi-hh24:mi" with different start and end';
  if (w.length < minMinutes) return `lasts ${w.length} minutes; at least ${minMinutes} are required`;
  return undefined;
}

/**
 * Why a weekly window is unusable, or undefined when it is fine: it must parse and last from
 * `minMinutes` to `maxMinutes` (ElastiCache: 60 minutes to 24 hours).
 */
export function weeklyWindowProblem(
  text: string,
  minMinutes: number,
  maxMinutes: number,
): string | undefined {
  const w = parseWeeklyWindow(text);
  if (!w)
    return 'is not a UTC window "ddd:hh24:mi-ddd:hh24:mi" (ddd = mon..sun) with different start and end';
  if (w.length < minMinutes) return `lasts ${w.length} minutes; at least ${minMinutes} are required`;
  if (w.length > maxMinutes) return `lasts ${w.length} minutes; at most ${maxMinutes} are allowed`;
  return undefined;
}

/** True when a weekly window overlaps the daily window on any day of the week. */
export function weeklyOverlapsDaily(weekly: Window, daily: Window): boolean {
  for (let day = 0; day < 8; day++) {
    // Day 7 is the Monday after, for weekly windows that wrap past Sunday.
    const start = day * MINUTES_PER_DAY + daily.start;
    for (const offset of [0, MINUTES_PER_WEEK]) {
      const wStart = weekly.start + offset;
      if (start < wStart + weekly.length && wStart < start + daily.length) return true;
    }
  }
  return false;
}

/** Parses a time of day `hh24:mi`, e.g. `22:30`, into hours and minutes; undefined when malformed. */
export function parseTimeOfDay(
  text: string,
): { readonly hours: number; readonly minutes: number } | undefined {
  const m = new RegExp(`^${TIME}$`).exec(text);
  return m ? { hours: Number(m[1]), minutes: Number(m[2]) } : undefined;
}
