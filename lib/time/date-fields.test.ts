import { describe, expect, it } from 'vitest';
import { caseListFiltersFrom, createCaseSchema } from '@/lib/cases/schemas';
import { buildCaseInput, buildPersonInput } from '@/lib/testing/factories';
import { cambodianToday, isCalendarDay, isLocalDateTime } from './calendar';
import { caseDayField, caseMomentField, dateOfBirthField, filterDayField } from './date-fields';

const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) => (result.success ? null : result.error!.issues[0]!.message);

describe('real calendar values', () => {
  it.each(['2024-02-29', '2026-12-31', '2026-01-01', '2000-02-29', '1000-01-01'])('accepts the day %s', (day) => {
    expect(isCalendarDay(day)).toBe(true);
  });

  it.each(['2026-02-30', '2023-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '0001-01-01', '26-01-01', '2026-1-1', '2026-01-01T00:00', ''])(
    'refuses %j, which no calendar has (or is not a day)',
    (day) => {
      expect(isCalendarDay(day)).toBe(false);
    },
  );

  it('accepts a real moment and refuses a rolled-over day or an impossible time', () => {
    expect(isLocalDateTime('2026-03-01T23:59')).toBe(true);
    expect(isLocalDateTime('2026-02-30T10:00')).toBe(false);
    expect(isLocalDateTime('2026-03-01T24:00')).toBe(false);
    expect(isLocalDateTime('2026-03-01T10:60')).toBe(false);
  });

  it('knows the Cambodian day, which starts at 17:00 UTC', () => {
    expect(cambodianToday(0, new Date('2026-06-30T16:59:00Z'))).toBe('2026-06-30');
    expect(cambodianToday(0, new Date('2026-06-30T17:00:00Z'))).toBe('2026-07-01');
    expect(cambodianToday(1, new Date('2026-06-30T17:00:00Z'))).toBe('2026-07-02');
  });
});

describe('the fields of the shared schemas', () => {
  it('answers an impossible or out-of-range occurrence time with the field message', () => {
    expect(firstMessage(caseMomentField.safeParse('2026-02-30T10:00'))).toBe('validation.dateTime');
    expect(firstMessage(caseMomentField.safeParse('0001-03-01T10:00'))).toBe('validation.dateTime');
    expect(firstMessage(caseMomentField.safeParse('1989-12-31T23:59'))).toBe('validation.caseTimeTooEarly');
    expect(firstMessage(caseMomentField.safeParse('2999-01-01T00:00'))).toBe('validation.notInFuture');
    expect(caseMomentField.safeParse('1990-01-01T00:00').success).toBe(true);
  });

  it('takes a date of birth from 1900 to today, and refuses 30 February with a field message', () => {
    expect(firstMessage(dateOfBirthField.safeParse('2026-02-30'))).toBe('validation.date');
    expect(firstMessage(dateOfBirthField.safeParse('1899-12-31'))).toBe('validation.dateOfBirthRange');
    expect(firstMessage(dateOfBirthField.safeParse(cambodianToday(1)))).toBe('validation.dateOfBirthRange');
    expect(dateOfBirthField.safeParse('1900-01-01').success).toBe(true);
    expect(dateOfBirthField.safeParse('').success).toBe(true);
  });

  it('takes a cooperation action day up to tomorrow', () => {
    expect(caseDayField.safeParse(cambodianToday(1)).success).toBe(true);
    expect(firstMessage(caseDayField.safeParse(cambodianToday(2)))).toBe('validation.notInFuture');
    expect(firstMessage(caseDayField.safeParse('2026-02-29'))).toBe('validation.date');
  });

  it('refuses a detention before the day the case occurred, on that person', () => {
    const result = createCaseSchema.safeParse(
      buildCaseInput({ occurredAt: '2026-03-01T08:00', people: [buildPersonInput({ detentionStatus: 'detained', detentionChangedAt: '2026-02-28T23:00' })] }),
    );
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['people.0.detentionChangedAt', 'cases.validation.detentionBeforeOccurrence']]);
    // Earlier on the same day is fine: the occurrence time is often approximate.
    expect(createCaseSchema.safeParse(buildCaseInput({ occurredAt: '2026-03-01T08:00', people: [buildPersonInput({ detentionStatus: 'detained', detentionChangedAt: '2026-03-01T06:00' })] })).success).toBe(true);
  });

  it('drops a filter day that is not real or outside the years records have', () => {
    for (const day of ['0001-01-01', '9999-12-31', '2026-02-30', '1989-12-31']) expect(filterDayField.safeParse(day).success).toBe(false);
    expect(caseListFiltersFrom({ from: '0001-01-01', to: '9999-12-31' })).toMatchObject({ filters: { from: undefined, to: undefined }, notUnderstood: ['from', 'to'] });
    expect(caseListFiltersFrom({ from: '2026-01-01', to: '2026-12-31' }).filters).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
  });
});
