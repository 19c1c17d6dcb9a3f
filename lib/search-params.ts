import { z } from 'zod';

/** A page's search params as Next.js passes them: a name given twice arrives as an array. */
export type PageSearchParams = Record<string, string | string[] | undefined>;

/** One value per name, the first of a repeated one, ready for a page's filter schema. */
export function firstValues(searchParams: PageSearchParams): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
}

/** Longer than any filter a form can produce; a parameter is cut here before any schema reads it. */
const longestParameter = 1000;

/**
 * A parameter as a schema may read it: without control characters (a NUL would end a query at the database with
 * an error, not a result) and no longer than any form makes one.
 */
export function cleanParameter(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, longestParameter);
}

/** A URL's filters: each field's schema, which must accept `undefined` (no filter) with its default. */
export type FilterFields = Record<string, z.ZodType>;
export type FiltersOf<Fields extends FilterFields> = { [Key in keyof Fields]: z.output<Fields[Key]> };

export interface ParsedFilters<Fields extends FilterFields> {
  filters: FiltersOf<Fields>;
  /** The names of the parameters that were given but not understood, and so not applied (the page says so). */
  notUnderstood: (keyof Fields & string)[];
}

/**
 * Reads a page's (or an export route's) filters field by field: a value that does not parse is dropped — the field
 * falls back to "no filter" — and named in `notUnderstood`, so a hand-edited or stale link never reaches the
 * error page and never sends the database a value it would refuse. Unknown parameters are ignored.
 */
export function parseFilters<Fields extends FilterFields>(fields: Fields, searchParams: PageSearchParams): ParsedFilters<Fields> {
  const given = firstValues(searchParams);
  const filters: Record<string, unknown> = {};
  const notUnderstood: (keyof Fields & string)[] = [];
  for (const [name, field] of Object.entries(fields)) {
    const value = given[name];
    const parsed = field.safeParse(value === undefined ? undefined : cleanParameter(value));
    if (parsed.success) {
      filters[name] = parsed.data;
      continue;
    }
    filters[name] = field.parse(undefined);
    if (value !== '') notUnderstood.push(name);
  }
  return { filters: filters as FiltersOf<Fields>, notUnderstood };
}

/** A free-text filter (a search): trimmed and cut to `max` characters rather than refused; empty when absent. */
export function textFilter(max: number) {
  return z
    .string()
    .optional()
    .transform((value) => (value ?? '').trim().slice(0, max));
}

/** A page number: 1 when absent, refused (and so back to 1) when not a whole number from 1 to `max`. */
export function pageFilter(max: number) {
  return z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(max))
    .optional()
    .transform((value) => value ?? 1);
}
