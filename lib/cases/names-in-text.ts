/**
 * Free text that governors' offices and the ministry see (a case's title, on the national list) must not carry
 * the people of the case: their names, in either script, and their document numbers are in the people list, which
 * those readers never see. This finds them in a text, whatever the case, spacing or Unicode form they were typed in.
 */

interface PersonMention {
  latinName: string;
  nativeName: string;
  idDocumentNumber: string;
}

function normalised(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/gu, ' ').trim();
}

/**
 * Shorter values say too little to be a person (a Latin "Li" is in many words); a two-character name in Chinese
 * or Khmer script is a whole name, so the native script's threshold is lower.
 */
const shortestLatinValue = 4;
const shortestNativeValue = 2;

/** Whether `text` contains a person's full Latin or native name or document number. */
export function mentionsAnyone(text: string, people: readonly PersonMention[]): boolean {
  const haystack = normalised(text);
  if (haystack === '') return false;
  return people.some((person) => {
    const values = [
      [person.latinName, shortestLatinValue],
      [person.idDocumentNumber, shortestLatinValue],
      [person.nativeName, shortestNativeValue],
    ] as const;
    return values.some(([value, shortest]) => {
      const needle = normalised(value);
      return needle.length >= shortest && haystack.includes(needle);
    });
  });
}
