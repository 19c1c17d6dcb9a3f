/** ID numbers are kept in capitals without spaces, so the same passport typed twice matches. */
export function normaliseDocumentNumber(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}
