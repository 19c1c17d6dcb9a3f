/** A value as PostgreSQL's COPY text format wants it; `null` and `undefined` become `\N`. */
export type CopyValue = string | number | boolean | Date | null | undefined | Record<string, unknown>;

const specialCharacters = /[\\\t\n\r]/;

function escapeText(text: string): string {
  if (!specialCharacters.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (character) => (character === '\\' ? '\\\\' : character === '\t' ? '\\t' : character === '\n' ? '\\n' : '\\r'));
}

export function copyValue(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot COPY ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  return escapeText(JSON.stringify(value));
}

/** One line of COPY text: the values tab-separated, ending in a newline. */
export function copyRow(values: readonly CopyValue[]): string {
  let line = '';
  for (let index = 0; index < values.length; index += 1) {
    if (index > 0) line += '\t';
    line += copyValue(values[index]);
  }
  return `${line}\n`;
}
