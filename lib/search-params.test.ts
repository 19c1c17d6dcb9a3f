import { describe, expect, it } from 'vitest';
import { caseListFilterFields } from '@/lib/cases/schemas';
import { inboxFilterFields } from '@/lib/notifications/schemas';
import { cleanParameter, parseFilters } from './search-params';

describe('filters read from a URL', () => {
  it('keeps what parses, drops and names what does not, and ignores unknown parameters', () => {
    const { filters, notUnderstood } = parseFilters(caseListFilterFields, {
      q: '  compound  ',
      status: 'under_investigation',
      crimeType: 'piracy',
      from: '0001-01-01',
      to: '9999-12-31',
      cursor: "' or 1=1 --",
      sort: 'updated',
      utm_source: 'mail',
    });
    expect(filters).toMatchObject({ q: 'compound', status: 'under_investigation', crimeType: undefined, from: undefined, to: undefined, cursor: undefined, sort: 'updated' });
    expect(notUnderstood).toEqual(['crimeType', 'from', 'to', 'cursor']);
  });

  it('treats an empty value (an unset select in a GET form) as no filter, not as a mistake', () => {
    expect(parseFilters(inboxFilterFields, { state: '', province: '', page: '' })).toEqual({
      filters: { state: undefined, reason: undefined, province: undefined, crimeType: undefined, status: undefined, from: undefined, to: undefined, page: 1 },
      notUnderstood: [],
    });
  });

  it('strips control characters and caps a text parameter instead of failing', () => {
    expect(cleanParameter('a\u0000b\u001fc\u007fd')).toBe('abcd');
    const { filters, notUnderstood } = parseFilters(caseListFilterFields, { q: `scam\u0000${'x'.repeat(500)}` });
    expect(filters.q).toBe(`scam${'x'.repeat(96)}`);
    expect(notUnderstood).toEqual([]);
  });

  it('takes the first of a repeated parameter, and a page number only when it is one', () => {
    expect(parseFilters(inboxFilterFields, { state: ['overdue', 'pending'], page: '3' }).filters).toMatchObject({ state: 'overdue', page: 3 });
    for (const page of ['0', '-1', '1.5', '1e3', '99999999999', 'NaN']) expect(parseFilters(inboxFilterFields, { page })).toMatchObject({ filters: { page: 1 }, notUnderstood: ['page'] });
  });
});
