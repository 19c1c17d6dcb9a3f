import { describe, expect, it } from 'vitest';
import { tableToCsv } from './csv';
import { cambodianMonthOf } from '@/lib/time/cambodia';
import { resolvePeriod, summaryQuerySchema, summarySearchParams } from './period';
import { rankOf, suppressSmallCount } from './suppression';

describe('resolvePeriod', () => {
  // 1 March 2026, 02:00 in Cambodia: still 28 February in UTC.
  const now = new Date('2026-02-28T19:00:00Z');

  it('reads months in Cambodian time', () => {
    expect(cambodianMonthOf(now)).toBe('2026-03');
  });

  it('ends a preset with the current month, at now', () => {
    const period = resolvePeriod({ months: 3 }, now);
    expect(period).toMatchObject({ fromMonth: '2026-01', toMonth: '2026-03', presetMonths: 3, monthKeys: ['2026-01', '2026-02', '2026-03'] });
    expect(period.start).toEqual(new Date('2025-12-31T17:00:00Z'));
    expect(period.end).toEqual(now);
  });

  it('defaults to the last 12 months', () => {
    expect(resolvePeriod({}, now)).toMatchObject({ fromMonth: '2025-04', toMonth: '2026-03', presetMonths: 12 });
  });

  it('takes an explicit range of whole months, cut at the current month', () => {
    const past = resolvePeriod({ from: '2024-11', to: '2025-01' }, now);
    expect(past).toMatchObject({ fromMonth: '2024-11', toMonth: '2025-01', presetMonths: null, monthKeys: ['2024-11', '2024-12', '2025-01'] });
    expect(past.end).toEqual(new Date('2025-01-31T17:00:00Z'));
    expect(resolvePeriod({ from: '2026-02', to: '2027-05' }, now)).toMatchObject({ fromMonth: '2026-02', toMonth: '2026-03' });
    expect(resolvePeriod({ to: '2025-06' }, now)).toMatchObject({ fromMonth: '2024-07', toMonth: '2025-06' });
  });
});

describe('summaryQuerySchema', () => {
  it('accepts presets, months and provinces, treating empty fields as absent', () => {
    expect(summaryQuerySchema.parse({ months: '6', from: '', to: '', province: '' })).toEqual({ months: 6 });
    expect(summaryQuerySchema.parse({ from: '2025-01', to: '2025-12', province: 'KKG' })).toEqual({ from: '2025-01', to: '2025-12', province: 'KKG' });
  });

  it('refuses what it cannot read', () => {
    for (const query of [{ months: '5' }, { from: '2025-13' }, { from: '1999-12' }, { from: '2025-06', to: '2025-01' }, { from: '2015-01', to: '2025-01' }, { province: 'kkg' }]) {
      expect(summaryQuerySchema.safeParse(query).success, JSON.stringify(query)).toBe(false);
    }
  });

  it('writes the period back into a URL', () => {
    expect(summarySearchParams({ fromMonth: '2026-01', toMonth: '2026-03', presetMonths: 3 }, 'PSN').toString()).toBe('months=3&province=PSN');
    expect(summarySearchParams({ fromMonth: '2025-01', toMonth: '2025-06', presetMonths: null }).toString()).toBe('from=2025-01&to=2025-06');
  });
});

describe('small counts', () => {
  it('shows 1 and 2 as "<3", keeps 0 and 3 and up', () => {
    expect([0, 1, 2, 3, 40].map(suppressSmallCount)).toEqual([0, '<3', '<3', 3, 40]);
  });

  it('ranks 1 and 2 alike when suppressed', () => {
    expect(rankOf(1, true)).toBe(rankOf(2, true));
    expect(rankOf(2, false)).toBe(2);
  });
});

describe('tableToCsv', () => {
  it('quotes what needs quoting and neutralises formulas', () => {
    const csv = tableToCsv({
      columns: [{ header: 'Name' }, { header: 'Value' }],
      rows: [
        ['Embassy of "X", Phnom Penh', 3],
        ['=HYPERLINK("x")', '<3'],
        ['Line\nbreak', null],
      ],
    });
    expect(csv).toBe('Name,Value\r\n"Embassy of ""X"", Phnom Penh",3\r\n"\'=HYPERLINK(""x"")",<3\r\n"Line\nbreak",\r\n');
  });
});
