const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a value from a URL or cursor is a record id. Checked before it reaches a `uuid` column, where a
 * malformed one would be a database error (a 500) instead of the "not found" any other unknown id gets.
 */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
