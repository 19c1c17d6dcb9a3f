import { cambodianDateOf } from './cambodia';

/**
 * Real calendar dates and times, as the inputs hold them (`YYYY-MM-DD`, `YYYY-MM-DDTHH:mm`). JavaScript's Date rolls
 * an impossible day over (2026-02-30 becomes 2 March) and reads years below 100 as 19xx, so nothing here goes
 * through it to decide whether a value is real: the parts are checked against the calendar themselves.
 */

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const localDateTimePattern = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** A `YYYY-MM-DD` day that exists (no 30 February, no month 13), from year 1000 on. */
export function isCalendarDay(value: string): boolean {
  const parts = dayPattern.exec(value);
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A `YYYY-MM-DDTHH:mm` moment whose day exists and whose time is 00:00 to 23:59. */
export function isLocalDateTime(value: string): boolean {
  const parts = localDateTimePattern.exec(value);
  return Boolean(parts && isCalendarDay(parts[1]!) && Number(parts[2]) <= 23 && Number(parts[3]) <= 59);
}

/** Today's Cambodian calendar day, `offsetDays` later: the upper bound of "not after today (or tomorrow)". */
export function cambodianToday(offsetDays = 0, now: Date = new Date()): string {
  return cambodianDateOf(now.getTime() + offsetDays * 86_400_000);
}
