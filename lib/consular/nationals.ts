import type { CasePersonRow } from '@/db/schema';

/** Cambodians need no consular notification, and an unknown nationality (`XX`) has no mission to tell. */
export const nationalitiesNeverNotified: ReadonlySet<string> = new Set(['KH', 'XX']);

export type ConsularPerson = Pick<
  CasePersonRow,
  'nationality' | 'otherNationalities' | 'detentionStatus' | 'notificationWish' | 'dualNationalDecision'
>;

/** Every nationality a person holds, the main one first, without repeats. */
export function nationalitiesOf(person: Pick<CasePersonRow, 'nationality' | 'otherNationalities'>): string[] {
  return [...new Set([person.nationality, ...person.otherNationalities])];
}

/** A Cambodian who holds another nationality too: Cambodia may treat them as its own (no dual nationality in custody). */
export function isCambodianDualNational(person: Pick<CasePersonRow, 'nationality' | 'otherNationalities'>): boolean {
  const all = nationalitiesOf(person);
  return all.includes('KH') && all.some((country) => !nationalitiesNeverNotified.has(country));
}

/** A detainee (or one since released) who, informed of the right, declined consular notification. */
export function hasDeclinedNotification(person: Pick<CasePersonRow, 'detentionStatus' | 'notificationWish'>): boolean {
  return person.detentionStatus !== 'not_detained' && person.notificationWish === 'declines';
}

/**
 * Whether `country` is told of this person (through CaseBridge or by the police's official notification):
 * one of their nationalities; not a detainee who declined, unless the country's agreement makes notification
 * mandatory; and for a Cambodian dual national only once a supervisor decided the other country is notified.
 * The database holds the same rule as `casebridge_is_notified_national` behind the embassy's policy on
 * case_people (migration 0031; nationals.test.ts checks the two agree).
 */
export function isNotifiedNational(person: ConsularPerson, country: string, isMandatoryCountry: (country: string) => boolean): boolean {
  if (nationalitiesNeverNotified.has(country)) return false;
  if (!nationalitiesOf(person).includes(country)) return false;
  if (hasDeclinedNotification(person) && !isMandatoryCountry(country)) return false;
  if (isCambodianDualNational(person) && person.dualNationalDecision !== 'notify') return false;
  return true;
}

/**
 * The people as routing sees them: one entry per person and country told of them, carrying that country as its
 * `nationality`. The hook between the consular rules and lib/notifications/routing.ts (which routes by
 * `nationality`), so every nationality of a dual national is routed and a declined detention is not.
 */
export function routablePeopleOf<P extends ConsularPerson>(people: readonly P[], isMandatoryCountry: (country: string) => boolean): (P & { nationality: string })[] {
  return people.flatMap((person) =>
    nationalitiesOf(person)
      .filter((country) => isNotifiedNational(person, country, isMandatoryCountry))
      .map((country) => ({ ...person, nationality: country })),
  );
}
