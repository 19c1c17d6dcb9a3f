import type { Database } from '@/db/client';
import {
  caseEvents,
  type CaseStatus,
  type ClosureReason,
  type ConsularConsent,
  type CooperationActionStatus,
  type CooperationActionType,
  type DualNationalDecision,
  type NationalityResolution,
  type NotificationDeclineReason,
  type NotificationKind,
  type NotificationReason,
  type NotificationUpdateKind,
  type OfficialNotificationMethod,
  type PersonRole,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import type { LocalizedNames } from '@/lib/i18n/localized-name';

/**
 * Everything that can happen to a case, each kind with the details it keeps: the one vocabulary of the timeline.
 * Writers build one of these (the compiler checks the details), the timeline reads them back by switching on
 * `kind`. Events that concern one embassy name it, so an embassy's part of the timeline can be told apart.
 * A person is named as the police saw them at the time (`name`); `case_events` is readable by the case's police
 * only (row-level security, docs/decisions/009-disclosure.md), like the person rows themselves.
 */
export type CaseEvent =
  | { kind: 'case_created'; details: { referenceNumber: string; people?: number } }
  | { kind: 'case_edited'; details: { fields: string[] } }
  | { kind: 'status_changed'; details: { from: CaseStatus; to: CaseStatus; closureReason?: ClosureReason } }
  | { kind: 'note_added'; details: { noteId: string } }
  | { kind: 'case_assigned'; details: { assignedTo: string | null } }
  | { kind: 'person_added'; details: { personId: string; name: string; role: PersonRole } }
  | { kind: 'person_edited'; details: { personId: string; name: string; fields: string[]; consent?: ConsularConsent } }
  | { kind: 'person_removed'; details: { personId: string; name: string } }
  | { kind: 'official_notification_due'; details: { officialNotificationId: string; countryCode: string; kind: NotificationKind; dueAt: string } }
  | { kind: 'official_notification_recorded'; details: { officialNotificationId: string; countryCode: string; method: OfficialNotificationMethod } }
  | { kind: 'official_notification_answered'; details: { officialNotificationId: string; countryCode: string } }
  | { kind: 'dual_national_decided'; details: { personId: string; name: string; decision: DualNationalDecision } }
  | EmbassyEvent<'notification_sent', { notificationId: string; kind: NotificationKind; reason: NotificationReason }>
  | EmbassyEvent<'notification_updated', { notificationId: string; update: NotificationUpdateKind }>
  | EmbassyEvent<'notification_opened', { notificationId: string }>
  | EmbassyEvent<'notification_acknowledged', { notificationId: string; note?: string }>
  | EmbassyEvent<'notification_withdrawn', { notificationId: string }>
  | EmbassyEvent<'notification_declined', { notificationId: string; reason: NotificationDeclineReason; note?: string }>
  /** The embassy named is the one that sent it on; the target's names as they were then. */
  | EmbassyEvent<'notification_redirected', { notificationId: string; toOrganisationId: string; to: LocalizedNames; note?: string }>
  /** The embassy named is the one that declined. */
  | EmbassyEvent<'nationality_resolved', { notificationId: string; resolution: NationalityResolution; note?: string }>
  | EmbassyEvent<'cooperation_action_recorded', { actionId: string; actionType: CooperationActionType; status: CooperationActionStatus }>
  | EmbassyEvent<'cooperation_action_updated', { actionId: string; from: CooperationActionStatus; to: CooperationActionStatus }>
  | EmbassyEvent<'message_posted', { messageId: string }>;

type EmbassyEvent<K extends string, D> = { kind: K; embassyOrganisationId: string; details: D };

/** The details an event of kind `K` keeps: for writers that build many rows at once (the demo-data generators). */
export type CaseEventDetails<K extends CaseEvent['kind']> = Extract<CaseEvent, { kind: K }>['details'];

/** Which case, who acted and when: shared by every event a write records. */
export interface CaseEventContext {
  caseId: string;
  actor: Pick<Actor, 'userId' | 'organisationId'>;
  occurredAt: Date;
}

/** The row an event is stored as; the demo-data generators insert the same rows in bulk. */
export function caseEventRow(context: CaseEventContext, event: CaseEvent): typeof caseEvents.$inferInsert {
  return {
    caseId: context.caseId,
    kind: event.kind,
    actorUserId: context.actor.userId,
    actorOrganisationId: context.actor.organisationId,
    embassyOrganisationId: 'embassyOrganisationId' in event ? event.embassyOrganisationId : null,
    occurredAt: context.occurredAt,
    details: event.details,
  };
}

/** Adds events to the case's timeline, in the transaction of the write they describe. */
export async function recordCaseEvent(db: Pick<Database, 'insert'>, context: CaseEventContext, ...events: CaseEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.insert(caseEvents).values(events.map((event) => caseEventRow(context, event)));
}

/** A stored row read back: only recordCaseEvent and caseEventRow write them, so its details match its kind. */
export function caseEventOf(row: { kind: CaseEvent['kind']; details: unknown; embassyOrganisationId: string | null }): CaseEvent {
  return { kind: row.kind, details: row.details, ...(row.embassyOrganisationId ? { embassyOrganisationId: row.embassyOrganisationId } : {}) } as CaseEvent;
}
