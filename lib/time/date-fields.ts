import { z } from 'zod';
import { cambodianLocalToDate } from './cambodia';
import { cambodianToday, isCalendarDay, isLocalDateTime } from './calendar';

/**
 * The one date and time vocabulary of the shared form and filter schemas. Each field accepts real calendar
 * values only, within a range that makes sense for it; every refusal is an i18n key the form shows on the field.
 * Both bounds are inclusive and read in Cambodian time.
 */

/** Nothing a case is about happened before this day: older values are typing mistakes (0001, 1926 for 2026). */
export const earliestCaseDay = '1990-01-01';
export const earliestBirthDay = '1900-01-01';

/** How far ahead "now" may be for an event: a field officer's clock a few minutes fast is not an error. */
const clockSkewMs = 5 * 60_000;

const notAfterNow = (value: string) => cambodianLocalToDate(value).getTime() <= Date.now() + clockSkewMs;

/** A `datetime-local` value that exists, from `earliestCaseDay` up to now. */
export const caseMomentField = z
  .string()
  .min(1, 'validation.required')
  .refine(isLocalDateTime, 'validation.dateTime')
  .refine((value) => !isLocalDateTime(value) || value.slice(0, 10) >= earliestCaseDay, 'validation.caseTimeTooEarly')
  .refine((value) => !isLocalDateTime(value) || notAfterNow(value), 'validation.notInFuture');

/** The same, or empty (a time that is not known yet). */
export const optionalCaseMomentField = z.union([z.literal(''), caseMomentField]);

/** A date of birth: a real day from 1900 up to today, or empty. */
export const dateOfBirthField = z
  .string()
  .trim()
  .refine((value) => value === '' || isCalendarDay(value), 'validation.date')
  .refine((value) => value === '' || !isCalendarDay(value) || (value >= earliestBirthDay && value <= cambodianToday()), 'validation.dateOfBirthRange');

/** A day something was done on a case (a cooperation action): real, from `earliestCaseDay` up to tomorrow. */
export const caseDayField = z
  .string()
  .min(1, 'validation.required')
  .refine(isCalendarDay, 'validation.date')
  .refine((value) => !isCalendarDay(value) || value >= earliestCaseDay, 'validation.caseTimeTooEarly')
  .refine((value) => !isCalendarDay(value) || value <= cambodianToday(1), 'validation.notInFuture');

/**
 * A day in a URL's filter (`from`, `to`): a real day within the years records can have, else not understood.
 * Used with `.optional().catch(undefined)` so a bad one is dropped, never sent to the database.
 */
export const filterDayField = z.string().refine((value) => isCalendarDay(value) && value >= earliestCaseDay && value <= '2100-12-31');
