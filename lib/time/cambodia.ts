/**
 * Cambodian time: every day, month and `datetime-local` value the app reads or writes is Indochina Time, UTC+7
 * all year (Cambodia has no daylight saving), so a fixed offset is exact and needs no time-zone database.
 */
/** Cases happen in Cambodia: times are shown in Cambodian time whatever the reader's machine says. */
export const displayTimeZone = 'Asia/Phnom_Penh';

const cambodiaOffsetMs = 7 * 3_600_000;
const dayMs = 86_400_000;

/** Midnight in Cambodia at the start of a `YYYY-MM-DD` day, `offsetDays` later (1: the exclusive end of that day). */
export function cambodianDayStart(day: string, offsetDays = 0): Date {
  return new Date(Date.parse(`${day}T00:00:00+07:00`) + offsetDays * dayMs);
}

/** The Cambodian calendar date (`YYYY-MM-DD`) an instant falls on, as `date` columns and date inputs hold it. */
export function cambodianDateOf(moment: Date | number): string {
  return new Date(Number(moment) + cambodiaOffsetMs).toISOString().slice(0, 10);
}

/** A `datetime-local` value (`YYYY-MM-DDTHH:mm`), read as Cambodian time. */
export function cambodianLocalToDate(value: string): Date {
  return new Date(`${value}:00+07:00`);
}

/** The inverse, for filling `datetime-local` inputs. */
export function dateToCambodianLocal(date: Date): string {
  return new Date(date.getTime() + cambodiaOffsetMs).toISOString().slice(0, 16);
}

/** The Cambodian calendar month (`YYYY-MM`) an instant falls in. */
export function cambodianMonthOf(moment: Date): string {
  return new Date(moment.getTime() + cambodiaOffsetMs).toISOString().slice(0, 7);
}

/** Midnight in Cambodia on the first day of a `YYYY-MM` month. */
export function cambodianMonthStart(month: string): Date {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber - 1, 1) - cambodiaOffsetMs);
}
