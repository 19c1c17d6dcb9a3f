import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAuditFiltersLeniently } from '@/lib/audit/schemas';
import { caseListFilterFields, createCaseSchema, personSchema } from '@/lib/cases/schemas';
import { recordCooperationActionSchema } from '@/lib/cooperation/schemas';
import { listUsersQueryFields } from '@/lib/directory/schemas';
import { outboxFilterFields } from '@/lib/mail/schemas';
import { inboxFilterFields } from '@/lib/notifications/schemas';
import { parseFilters, type FilterFields } from '@/lib/search-params';
import { summaryQuerySchema } from '@/lib/summaries/period';
import { buildCaseInput, buildPersonInput } from '@/lib/testing/factories';
import { isCalendarDay, isLocalDateTime } from '@/lib/time/calendar';

// Whatever arrives — from a hand-edited URL, a crafted request or a pasted spreadsheet cell — the shared schemas and
// the URL parsers answer with a value or a refusal, never an exception, and what they accept reads back the same.

const pad = (value: number, width: number) => String(value).padStart(width, '0');
/** Strings that look like dates and times, most of them not real: the edges where roll-over used to slip through. */
const dateLike = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
const dateTimeLike = fc.tuple(dateLike, fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })).map(([day, h, m]) => `${day}T${pad(h, 2)}:${pad(m, 2)}`);
/** Any text: full Unicode (lone surrogates and control characters too), near-dates, and the values of the enums. */
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  dateLike,
  dateTimeLike,
  fc.constantFrom('', ' ', '\u0000', '1', '-1', '1e9', 'NaN', 'pending', 'overdue', 'detained', 'KKG', 'CN', 'under_investigation', 'stored'),
);
const anyValue = fc.oneof(anyText, fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(anyText, { maxLength: 3 }));

const listFields: [string, FilterFields][] = [
  ['case list', caseListFilterFields],
  ['embassy inbox', inboxFilterFields],
  ['user list', listUsersQueryFields],
  ['outbox', outboxFilterFields],
];

/** Search params made of the fields' own names (with arbitrary values, sometimes repeated) and stray ones. */
function paramsFor(fields: FilterFields) {
  return fc.dictionary(fc.oneof(fc.constantFrom(...Object.keys(fields)), fc.string()), fc.oneof(anyText, fc.array(anyText, { minLength: 1, maxLength: 3 })));
}

/** The filters as a page links to them: every value that is set, as text. */
function asSearchParams(filters: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])));
}

describe('the URL parsers, for any query string', () => {
  for (const [name, fields] of listFields) {
    it(`${name}: never throw, and what they accept reads back the same`, () => {
      fc.assert(
        fc.property(paramsFor(fields), (params) => {
          const { filters, notUnderstood } = parseFilters(fields, params);
          expect(notUnderstood.every((key) => key in fields)).toBe(true);
          const again = parseFilters(fields, asSearchParams(filters));
          expect(again.filters).toEqual(filters);
          expect(again.notUnderstood).toEqual([]);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('audit viewer and summaries: never throw', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('user', 'organisationId', 'action', 'entityId', 'from', 'to', 'cursor', 'months', 'province'), anyText), (params) => {
        const { filters } = parseAuditFiltersLeniently(params);
        expect(parseAuditFiltersLeniently(asSearchParams(filters)).filters).toEqual(filters);
        const summary = summaryQuerySchema.safeParse(params);
        if (summary.success) expect(summaryQuerySchema.parse(asSearchParams(summary.data))).toEqual(summary.data);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the form schemas, for any input', () => {
  it('a person: any value in any field is refused or accepted, never thrown, and an accepted person parses again to itself', () => {
    const base = buildPersonInput();
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(base)), anyValue, (field, value) => {
        const result = personSchema.safeParse({ ...base, [field]: value });
        if (result.success) expect(personSchema.parse(result.data)).toEqual(result.data);
        if (result.success && result.data.dateOfBirth !== '') expect(isCalendarDay(result.data.dateOfBirth)).toBe(true);
        if (result.success && result.data.detentionChangedAt !== '') expect(isLocalDateTime(result.data.detentionChangedAt)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a case: arbitrary times, titles and whole values never throw, and only real calendar moments are accepted', () => {
    fc.assert(
      fc.property(fc.oneof(dateTimeLike, anyText), fc.oneof(dateTimeLike, anyText), anyText, (occurredAt, reportedAt, title) => {
        const result = createCaseSchema.safeParse(buildCaseInput({ occurredAt, reportedAt, title }));
        if (!result.success) return;
        expect(isLocalDateTime(result.data.occurredAt) && isLocalDateTime(result.data.reportedAt)).toBe(true);
        expect(result.data.occurredAt >= '1990-01-01').toBe(true);
        expect(createCaseSchema.parse(result.data)).toEqual(result.data);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(anyValue, (input) => {
        expect(() => createCaseSchema.safeParse(input)).not.toThrow();
      }),
    );
  });

  it('a cooperation action: any action date is refused or a real day', () => {
    fc.assert(
      fc.property(fc.oneof(dateLike, anyText), (actionDate) => {
        const input = { caseId: '0b6f6c1e-3b0a-4f43-9a59-3b8b3f6f8f3a', embassyOrganisationId: '', actionType: 'consular_visit', status: 'done', actionDate, description: 'Visit', respondsToId: '', handlingCode: 'H0', handlingNote: '' };
        const result = recordCooperationActionSchema.safeParse(input);
        if (result.success) expect(isCalendarDay(result.data.actionDate)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
