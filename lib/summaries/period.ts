import { z } from 'zod';
import { cambodianMonthOf, cambodianMonthStart } from '@/lib/time/cambodia';

// Whole calendar months in Cambodian time (lib/time/cambodia.ts), so monthly trends line up with the period.
const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const periodPresets = [3, 6, 12, 24] as const;
export type PeriodPreset = (typeof periodPresets)[number];
export const defaultPeriodMonths: PeriodPreset = 12;
/** Longest custom period: five years of months is still a readable trend. */
export const maxPeriodMonths = 60;

const emptyAsUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);
const monthField = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .regex(monthPattern)
    .refine((value) => Number(value.slice(0, 4)) >= 2000)
    .optional(),
);

/** The fields every summary URL may carry: a preset (`months`) or an explicit `from`/`to`, and a province. */
export const summaryQueryFields = {
  months: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number()
      .int()
      .refine((value): value is PeriodPreset => (periodPresets as readonly number[]).includes(value))
      .optional(),
  ),
  from: monthField,
  to: monthField,
  province: z.preprocess(emptyAsUndefined, z.string().regex(/^[A-Z]{3}$/).optional()),
};

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthOfIndex(index: number): string {
  const year = Math.floor(index / 12);
  return `${year}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function periodRangeIsValid(query: { from?: string; to?: string }): boolean {
  if (!query.from || !query.to) return true;
  const span = monthIndex(query.to) - monthIndex(query.from) + 1;
  return span >= 1 && span <= maxPeriodMonths;
}

export const summaryQuerySchema = z.object(summaryQueryFields).refine(periodRangeIsValid, { message: 'summaries.invalidPeriod', path: ['to'] });
export type SummaryQuery = z.infer<typeof summaryQuerySchema>;

export interface SummaryPeriod {
  /** First month of the period, `YYYY-MM`. */
  fromMonth: string;
  /** Last month of the period, `YYYY-MM`. */
  toMonth: string;
  /** The preset the period came from, or null for an explicit from/to. */
  presetMonths: PeriodPreset | null;
  /** Inclusive start: midnight in Cambodia on the first day of `fromMonth`. */
  start: Date;
  /** Exclusive end: the start of the month after `toMonth`, or now if that is earlier. */
  end: Date;
  /** Every month of the period in order, `YYYY-MM`. */
  monthKeys: string[];
}

/** The `YYYY-MM` month after a `YYYY-MM` month. */
export function monthAfter(month: string): string {
  return monthOfIndex(monthIndex(month) + 1);
}

/**
 * The period a (valid) query asks for, as of `now`. A preset ends with the current month; an explicit range is
 * cut at the current month, and a missing end of it defaults to the current month, a missing start to a year
 * before the end.
 */
export function resolvePeriod(query: Pick<SummaryQuery, 'months' | 'from' | 'to'>, now: Date): SummaryPeriod {
  const current = monthIndex(cambodianMonthOf(now));
  let fromIndex: number;
  let toIndex: number;
  let presetMonths: PeriodPreset | null = null;
  if (query.from || query.to) {
    toIndex = Math.min(query.to ? monthIndex(query.to) : current, current);
    fromIndex = Math.min(query.from ? monthIndex(query.from) : toIndex - 11, toIndex);
    fromIndex = Math.max(fromIndex, toIndex - maxPeriodMonths + 1);
  } else {
    presetMonths = (query.months as PeriodPreset | undefined) ?? defaultPeriodMonths;
    toIndex = current;
    fromIndex = current - presetMonths + 1;
  }
  const fromMonth = monthOfIndex(fromIndex);
  const toMonth = monthOfIndex(toIndex);
  const monthEnd = cambodianMonthStart(monthOfIndex(toIndex + 1));
  return {
    fromMonth,
    toMonth,
    presetMonths,
    start: cambodianMonthStart(fromMonth),
    end: monthEnd.getTime() < now.getTime() ? monthEnd : new Date(now),
    monthKeys: Array.from({ length: toIndex - fromIndex + 1 }, (_, offset) => monthOfIndex(fromIndex + offset)),
  };
}

/** The URL search string that asks for the same period (and province) again. */
export function summarySearchParams(period: Pick<SummaryPeriod, 'fromMonth' | 'toMonth' | 'presetMonths'>, provinceCode?: string | null): URLSearchParams {
  const params = new URLSearchParams();
  if (period.presetMonths) params.set('months', String(period.presetMonths));
  else {
    params.set('from', period.fromMonth);
    params.set('to', period.toMonth);
  }
  if (provinceCode) params.set('province', provinceCode);
  return params;
}
