import type { CasePersonRow, NotificationKind, NotificationReason, organisations } from '@/db/schema';

export type RoutablePerson = Pick<CasePersonRow, 'nationality' | 'detentionStatus'>;

export type RoutableEmbassy = Pick<
  typeof organisations.$inferSelect,
  'id' | 'countryCode' | 'ackDeadlineHours' | 'detentionAckDeadlineHours'
>;

export interface NotificationRoute<E extends RoutableEmbassy> {
  embassy: E;
  kind: NotificationKind;
  reason: Extract<NotificationReason, 'national_detained' | 'national_involved'>;
}

/** Cambodians need no consular notification, and an unknown nationality (`XX`) has no embassy to tell. */
const nationalitiesNeverRouted: ReadonlySet<string> = new Set(['KH', 'XX']);

/**
 * The embassies a case must be notified to: one route per embassy whose country has a national in the case,
 * whatever their role (consent limits what a victim's embassy may see, not whether it hears of the case).
 * A route is a detention one as soon as one of those nationals is detained now; a released national is no
 * longer in custody, so their embassy's clock is the ordinary one.
 */
export function routeNotifications<E extends RoutableEmbassy>(
  people: readonly RoutablePerson[],
  embassies: readonly E[],
): NotificationRoute<E>[] {
  const routes: NotificationRoute<E>[] = [];
  for (const embassy of embassies) {
    const countryCode = embassy.countryCode;
    if (countryCode === null || nationalitiesNeverRouted.has(countryCode)) continue;
    const nationals = people.filter((person) => person.nationality === countryCode);
    if (nationals.length === 0) continue;
    const isAnyNationalDetained = nationals.some((person) => person.detentionStatus === 'detained');
    routes.push(
      isAnyNationalDetained
        ? { embassy, kind: 'detention', reason: 'national_detained' }
        : { embassy, kind: 'ordinary', reason: 'national_involved' },
    );
  }
  return routes;
}
