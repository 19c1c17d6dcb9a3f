/** `LIKE`/`ILIKE` treat `%`, `_` and the escape character `\` as wildcards: typed text must match only itself. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** A pattern matching values that contain `text` anywhere. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** A pattern matching values that start with `text` (served by `text_pattern_ops` indexes). */
export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}
