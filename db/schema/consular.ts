import { sql } from 'drizzle-orm';
import { char, check, foreignKey, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { foreignMissions, users } from './directory';
import { notificationKind, officialNotificationMethod } from './enums';

/**
 * The police's own task to notify a country whose missions are not on CaseBridge (VCCR Art. 36): one per case and
 * country, kept in step with the case's people by lib/consular/official-sync.ts. Done once the police record how,
 * when and whom they informed; the mission's answer comes later. Same deadlines as an on-CaseBridge notification.
 */
export const officialNotifications = pgTable(
  'official_notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    /** The case's province, held here too (the foreign key keeps it equal) for row-level security. */
    provinceCode: char('province_code', { length: 3 }).notNull(),
    /** ISO 3166-1 alpha-2 country to notify. */
    countryCode: char('country_code', { length: 2 }).notNull(),
    /** The competent mission in the directory when there is one: its contacts go on the task and the letter. */
    missionId: uuid('mission_id').references(() => foreignMissions.id),
    kind: notificationKind('kind').notNull().default('ordinary'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    method: officialNotificationMethod('method'),
    informedAt: timestamp('informed_at', { withTimezone: true }),
    informedWhom: text('informed_whom'),
    reference: text('reference'),
    informedBy: uuid('informed_by').references(() => users.id),
    answer: text('answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: uuid('answered_by').references(() => users.id),
    /** No national of the country is left to notify (before the police informed the mission): it stops being due. */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: 'official_notifications_case_province_fk', columns: [t.caseId, t.provinceCode], foreignColumns: [cases.id, cases.provinceCode] }).onDelete('cascade'),
    uniqueIndex('official_notifications_case_country_key').on(t.caseId, t.countryCode),
    // The overdue digest and the workspace: what a province has still to send, soonest due first.
    index('official_notifications_pending_idx').on(t.provinceCode, t.dueAt).where(sql`${t.informedAt} is null and ${t.withdrawnAt} is null`),
    check('official_notifications_country_format', sql`${t.countryCode} ~ '^[A-Z]{2}$'`),
    check(
      'official_notifications_informed_complete',
      sql`(${t.informedAt} is null) = (${t.method} is null) and (${t.informedAt} is null) = (${t.informedWhom} is null)`,
    ),
    check('official_notifications_answer_pair', sql`(${t.answer} is null) = (${t.answeredAt} is null)`),
    check('official_notifications_answer_after_informed', sql`${t.answeredAt} is null or ${t.informedAt} is not null`),
  ],
);

export type OfficialNotificationRow = typeof officialNotifications.$inferSelect;
