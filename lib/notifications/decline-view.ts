import type { notifications } from '@/db/schema';
import type { DeclineView } from './views';

/** A notification's decline and the police's answer, for either side's view of it. */
export function declineViewOf(
  notification: Pick<
    typeof notifications.$inferSelect,
    'declinedAt' | 'declineReason' | 'declineNote' | 'nationalityResolvedAt' | 'nationalityResolution' | 'nationalityResolutionNote'
  >,
  declinedByName: string | null,
  resolvedByName: string | null,
): DeclineView | null {
  if (!notification.declinedAt || !notification.declineReason) return null;
  return {
    at: notification.declinedAt,
    byName: declinedByName,
    reason: notification.declineReason,
    note: notification.declineNote,
    resolution:
      notification.nationalityResolvedAt && notification.nationalityResolution
        ? { kind: notification.nationalityResolution, at: notification.nationalityResolvedAt, byName: resolvedByName, note: notification.nationalityResolutionNote }
        : null,
  };
}
