import type { CasePersonRow } from '@/db/schema';
import { personDetailsOf, type PersonDetails } from './person-details';
import { isDisclosedToEmbassy } from './rule';

/** A national of the embassy's country, as that embassy may see them. */
export type EmbassyPersonView =
  | ({
      disclosure: 'full';
      /** Set when a supervisor disclosed a victim without consent: the justification is shown to both sides. */
      overrideJustification: string | null;
    } & PersonDetails)
  | WithheldVictimView;

/** "A victim of your nationality — details withheld": all an embassy learns of a victim who has not consented. */
export type WithheldVictimView = { disclosure: 'withheld'; id: string; roleInCase: 'victim'; isSensitiveVictim: boolean };

export function toWithheldVictimView(victim: { id: string; isSensitiveVictim: boolean }): WithheldVictimView {
  return { disclosure: 'withheld', id: victim.id, roleInCase: 'victim', isSensitiveVictim: victim.isSensitiveVictim };
}

/** What one embassy may see of one of its nationals. Other nationalities never reach this function. */
export function toEmbassyPersonView(person: CasePersonRow): EmbassyPersonView {
  if (!isDisclosedToEmbassy(person)) return toWithheldVictimView(person);
  return {
    disclosure: 'full',
    ...personDetailsOf(person),
    overrideJustification: person.consularConsent === 'yes' ? null : person.disclosureOverrideJustification,
  };
}
