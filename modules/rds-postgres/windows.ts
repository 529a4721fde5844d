/**
 * RDS backup and maintenance windows: parsing, length, and overlap (RDS refuses a backup window
 * that overlaps the maintenance window, but only at apply time).
 */

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const TIME = '([01]\\d|2[0-3]):([0-5]\\d)';
const BACKUP_RE = new RegExp(`^${TIME}-${TIME}$`);
const MAINTENANCE_RE = new RegExp(`^(${DAYS.join('|')}):${TIME}-(${DAYS.join('|')}):${TIME}$`);

/** Minutes since midnight of `hh`, `mm`. */
function minutes(hh: string, mm: string): number {
  return Number(hh) * 60 + Number(mm);
}

/** A daily backup window `hh24:mi-hh24:mi` (UTC) as [start, end) minutes of the day; end may wrap. */
export function parseBackupWindow(window: string): { start: number; end: number } | undefined {
  const m = BACKUP_RE.exec(window);
  if (!m) return undefined;
  return { start: minutes(m[1], m[2]), end: minutes(m[3], m[4]) };
}

/** A weekly maintenance window `ddd:hh24:mi-ddd:hh24:mi` (UTC) as [start, end) minutes of the week. */
export function parseMaintenanceWindow(window: string): { start: number; end: number } | undefined {
  const m = MAINTENANCE_RE.exec(window.toLowerCase());
  if (!m) return undefined;
  const day = (d: string) => DAYS.indexOf(d as (typeof DAYS)[number]) * MINUTES_PER_DAY;
  return { start: day(m[1]) + minutes(m[2], m[3]), end: day(m[4]) + minutes(m[5], m[6]) };
}

/** Length in minutes of [start, end) on a cycle of `period` minutes. */
export function windowLength(start: number, end: number, period: number): number {
  return (((end - start) % period) + period) % period;
}

/** True when the daily backup window and the weekly maintenance window share a minute. */
export function windowsOverlap(backup: string, maintenance: string): boolean {
  const b = parseBackupWindow(backup);
  const w = parseMaintenanceWindow(maintenance);
  if (!b || !w) return false;
  const wLen = windowLength(w.start, w.end, MINUTES_PER_WEEK);
  const bLen = windowLength(b.start, b.end, MINUTES_PER_DAY);
  for (let day = 0; day < 7; day++) {
    const bStart = day * MINUTES_PER_DAY + b.start;
    // Two intervals on a circle overlap when either start lies inside the other interval.
    const inside = (point: number, start: number, len: number) =>
      windowLength(start, point, MINUTES_PER_WEEK) < len;
    if (inside(bStart, w.start, wLen) || inside(w.start, bStart, bLen)) return true;
  }
  return false;
}

/** Minutes per day and per week, for length checks. */
export const WINDOW_PERIODS = { day: MINUTES_PER_DAY, week: MINUTES_PER_WEEK } as const;
