import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { organisations, users } from './directory';
import {
  cooperationActionStatus,
  cooperationActionType,
  cooperationSide,
  handlingCode,
  nationalityResolution,
  notificationDeclineReason,
  notificationKind,
  notificationReason,
  notificationUpdateKind,
} from './enums';

/** One notification per case and embassy; later changes are appended as notification updates. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    embassyOrganisationId: uuid('embassy_organisation_id')
      .notNull()
      .references(() => organisations.id),
    kind: notificationKind('kind').notNull().default('ordinary'),
    reason: notificationReason('reason').notNull(),
    manualReason: text('manual_reason'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    firstOpenedAt: timestamp('first_opened_at', { withTimezone: true }),
    firstOpenedBy: uuid('first_opened_by').references(() => users.id),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
    acknowledgementNote: text('acknowledgement_note'),
    lastUpdatedAt: timestamp('last_updated_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * When three quarters of the acknowledgement time have passed: kept by a trigger from created_at and due_at
     * (migration 0025; the default is overwritten), so the reminder scan is an index range, not arithmetic over every pending row.
     */
    remindAt: timestamp('remind_at', { withTimezone: true }).notNull().defaultNow(),
    /** The workers' marks (lib/mail): the reminder and the escalation were planned; updates were e-mailed up to here. */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    updatesMailedUntil: timestamp('updates_mailed_until', { withTimezone: true }),
    /**
     * The case no longer involves any national of the embassy's country (and the notification was not made by
     * hand): it stops waiting, and the embassy no longer sees the case. Cleared when a national is added again.
     */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /**
     * The embassy's answer that the notification is not its to handle (lib/notifications/answers.ts): it stops
     * waiting like an acknowledged one, and the police must confirm or correct the nationality.
     */
    declinedAt: timestamp('declined_at', { withTimezone: true }),
    declinedBy: uuid('declined_by').references(() => users.id),
    declineReason: notificationDeclineReason('decline_reason'),
    declineNote: text('decline_note'),
    /** The police's answer to the decline: confirmed as recorded, or corrected (the person was edited). */
    nationalityResolvedAt: timestamp('nationality_resolved_at', { withTimezone: true }),
    nationalityResolvedBy: uuid('nationality_resolved_by').references(() => users.id),
    nationalityResolution: nationalityResolution('nationality_resolution'),
    nationalityResolutionNote: text('nationality_resolution_note'),
  },
  (t) => [
    uniqueIndex('notifications_case_embassy_key').on(t.caseId, t.embassyOrganisationId),
    index('notifications_embassy_inbox_idx').on(t.embassyOrganisationId, t.acknowledgedAt, t.dueAt),
    index('notifications_embassy_updated_idx').on(t.embassyOrganisationId, t.lastUpdatedAt.desc()),
    // The pending part of the inbox, in the order it is shown (soonest due first).
    index('notifications_embassy_pending_idx').on(t.embassyOrganisationId, t.dueAt, t.id).where(sql`${t.acknowledgedAt} is null and ${t.withdrawnAt} is null and ${t.declinedAt} is null`),
    index('notifications_embassy_created_idx').on(t.embassyOrganisationId, t.createdAt.desc(), t.id.desc()),
    index('notifications_embassy_unopened_idx').on(t.embassyOrganisationId).where(sql`${t.firstOpenedAt} is null`),
    index('notifications_created_idx').on(t.createdAt),
    // The summaries' "overdue" figure, counted live among the notifications still waiting.
    index('notifications_pending_created_idx').on(t.createdAt).where(sql`${t.acknowledgedAt} is null and ${t.withdrawnAt} is null and ${t.declinedAt} is null`),
    // The workers' deadline scans (lib/mail/deadlines.ts): reminders and escalations still to plan.
    index('notifications_reminder_due_idx').on(t.remindAt).where(sql`${t.acknowledgedAt} is null and ${t.withdrawnAt} is null and ${t.declinedAt} is null and ${t.remindedAt} is null`),
    index('notifications_escalation_due_idx').on(t.dueAt).where(sql`${t.acknowledgedAt} is null and ${t.withdrawnAt} is null and ${t.declinedAt} is null and ${t.escalatedAt} is null`),
    check('notifications_due_after_created', sql`${t.dueAt} > ${t.createdAt}`),
    check('notifications_manual_reason', sql`(${t.reason} = 'manual') = (${t.manualReason} is not null)`),
    check('notifications_ack_pair', sql`(${t.acknowledgedAt} is null) = (${t.acknowledgedBy} is null)`),
    check('notifications_decline_pair', sql`(${t.declinedAt} is null) = (${t.declinedBy} is null) and (${t.declinedAt} is null) = (${t.declineReason} is null)`),
    check('notifications_decline_note_length', sql`${t.declineNote} is null or char_length(${t.declineNote}) between 1 and 2000`),
    check(
      'notifications_resolution_pair',
      sql`(${t.nationalityResolvedAt} is null) = (${t.nationalityResolvedBy} is null) and (${t.nationalityResolvedAt} is null) = (${t.nationalityResolution} is null)`,
    ),
    // Only a decline is resolved.
    check('notifications_resolution_needs_decline', sql`${t.nationalityResolvedAt} is null or ${t.declinedAt} is not null`),
    check('notifications_resolution_note_length', sql`${t.nationalityResolutionNote} is null or char_length(${t.nationalityResolutionNote}) between 1 and 2000`),
  ],
);

export const notificationUpdates = pgTable(
  'notification_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    kind: notificationUpdateKind('kind').notNull(),
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    readBy: uuid('read_by').references(() => users.id),
  },
  (t) => [index('notification_updates_notification_idx').on(t.notificationId, t.createdAt), index('notification_updates_unread_idx').on(t.notificationId).where(sql`${t.readAt} is null`)],
);

export const cooperationActions = pgTable(
  'cooperation_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    embassyOrganisationId: uuid('embassy_organisation_id')
      .notNull()
      .references(() => organisations.id),
    actionType: cooperationActionType('action_type').notNull(),
    status: cooperationActionStatus('status').notNull().default('requested'),
    recordedBySide: cooperationSide('recorded_by_side').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    actionDate: date('action_date').notNull(),
    description: text('description').notNull(),
    handlingCode: handlingCode('handling_code').notNull().default('H0'),
    handlingNote: text('handling_note'),
    /** A request from one side answered by the other. */
    respondsToId: uuid('responds_to_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cooperation_actions_case_idx').on(t.caseId, t.embassyOrganisationId),
    index('cooperation_actions_embassy_idx').on(t.embassyOrganisationId, t.createdAt),
    index('cooperation_actions_responds_to_idx').on(t.respondsToId).where(sql`${t.respondsToId} is not null`),
    index('cooperation_actions_created_idx').on(t.createdAt),
    check('cooperation_actions_description_length', sql`char_length(${t.description}) between 1 and 5000`),
    check('cooperation_actions_h3_needs_note', sql`${t.handlingCode} <> 'H3' or ${t.handlingNote} is not null`),
  ],
);

/** The thread between the police and one embassy about one case. */
export const caseMessages = pgTable(
  'case_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    embassyOrganisationId: uuid('embassy_organisation_id')
      .notNull()
      .references(() => organisations.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    authorSide: cooperationSide('author_side').notNull(),
    body: text('body').notNull(),
    handlingCode: handlingCode('handling_code').notNull().default('H0'),
    handlingNote: text('handling_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_messages_thread_idx').on(t.caseId, t.embassyOrganisationId, t.createdAt),
    check('case_messages_body_length', sql`char_length(${t.body}) between 1 and 10000`),
    check('case_messages_h3_needs_note', sql`${t.handlingCode} <> 'H3' or ${t.handlingNote} is not null`),
  ],
);

/** How far each side has read a thread. */
export const caseMessageReadMarkers = pgTable(
  'case_message_read_markers',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    embassyOrganisationId: uuid('embassy_organisation_id')
      .notNull()
      .references(() => organisations.id),
    readerSide: cooperationSide('reader_side').notNull(),
    lastReadAt: timestamp('last_read_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.embassyOrganisationId, t.readerSide] })],
);
