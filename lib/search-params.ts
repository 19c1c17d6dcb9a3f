/** A page's search params as Next.js passes them: a name given twice arrives as an array. */
export type PageSearchParams = Record<string, string | string[] | undefined>;

/** One value per name, the first of a repeated one, ready for a page's filter schema. */
export function firstValues(searchParams: PageSearchParams): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
}
