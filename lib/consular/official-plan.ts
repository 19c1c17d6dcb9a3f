import type { NotificationKind } from '@/db/schema';
import type { EmbassyDeadlines } from '@/lib/notifications/deadlines';
import { isNotifiedNational, nationalitiesOf, type ConsularPerson } from './nationals';

// No `import 'server-only'`: the demo seed (under tsx) plans its cases' tasks with these too.

/**
 * A mission off CaseBridge has no deadlines of its own in the directory: the police's task runs on the defaults
 * an embassy on CaseBridge gets (organisations.ack_deadline_hours / detention_ack_deadline_hours).
 */
export const offCaseBridgeDeadlines: EmbassyDeadlines = { ackDeadlineHours: 72, detentionAckDeadlineHours: 24 };

export interface OfficialTaskPlan {
  countryCode: string;
  kind: NotificationKind;
}

/**
 * The official-notification tasks a case needs: one per country told of one of its people (lib/consular/nationals.ts)
 * that has no active organisation on CaseBridge; a detention task as soon as one of those nationals is detained now.
 */
export function planOfficialNotifications(
  people: readonly ConsularPerson[],
  countriesOnCaseBridge: ReadonlySet<string>,
  isMandatoryCountry: (country: string) => boolean,
): OfficialTaskPlan[] {
  const countries = [...new Set(people.flatMap(nationalitiesOf))].filter((country) => !countriesOnCaseBridge.has(country)).sort();
  const plans: OfficialTaskPlan[] = [];
  for (const countryCode of countries) {
    const nationals = people.filter((person) => isNotifiedNational(person, countryCode, isMandatoryCountry));
    if (nationals.length === 0) continue;
    plans.push({ countryCode, kind: nationals.some((person) => person.detentionStatus === 'detained') ? 'detention' : 'ordinary' });
  }
  return plans;
}
