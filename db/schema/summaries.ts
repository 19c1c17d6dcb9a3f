import { sql } from 'drizzle-orm';
import { char, date, doublePrecision, integer, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { caseStatus, cooperationActionType, crimeType } from './enums';

/*
 * Rollups of the summary figures, kept exact by triggers in the same transaction as every change to cases,
 * people, notifications and cooperation actions (migration 0010), so the governor's and ministry's pages read a
 * few hundred rows instead of scanning ten years of cases. `month` is the first day of a Cambodian (UTC+7)
 * calendar month. `summary_rebuild()` recomputes them all from the base tables (after a bulk load, and in the
 * test that proves the triggers keep them exact).
 */

/** Cases by the month they were reported in, crime type and current status. */
export const summaryCaseMonths = pgTable(
  'summary_case_months',
  {
    provinceCode: char('province_code', { length: 3 }).notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    crimeType: crimeType('crime_type').notNull(),
    status: caseStatus('status').notNull(),
    cases: integer('cases').notNull(),
  },
  (t) => [primaryKey({ name: 'summary_case_months_pkey', columns: [t.provinceCode, t.month, t.crimeType, t.status] })],
);

/** Cases by the month they were closed in. */
export const summaryClosureMonths = pgTable(
  'summary_closure_months',
  {
    provinceCode: char('province_code', { length: 3 }).notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    closed: integer('closed').notNull(),
  },
  (t) => [primaryKey({ name: 'summary_closure_months_pkey', columns: [t.provinceCode, t.month] })],
);

/** How many people of each nationality a case has: lets the triggers count a case once per nationality. */
export const summaryCaseNationalities = pgTable(
  'summary_case_nationalities',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    nationality: char('nationality', { length: 2 }).notNull(),
    people: integer('people').notNull(),
  },
  (t) => [primaryKey({ name: 'summary_case_nationalities_pkey', columns: [t.caseId, t.nationality] })],
);

/** By the month its case was reported in: cases with someone of the nationality, people ever detained, still detained. */
export const summaryPeopleMonths = pgTable(
  'summary_people_months',
  {
    provinceCode: char('province_code', { length: 3 }).notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    nationality: char('nationality', { length: 2 }).notNull(),
    cases: integer('cases').notNull(),
    detained: integer('detained').notNull(),
    stillDetained: integer('still_detained').notNull(),
  },
  (t) => [primaryKey({ name: 'summary_people_months_pkey', columns: [t.provinceCode, t.month, t.nationality] })],
);

/**
 * Notifications by the month they were sent in, their case's province and the embassy, with the hours each
 * acknowledged one took: percentiles over them stay exact, and read a few thousand short arrays instead of every
 * notification and its case.
 */
export const summaryNotificationMonths = pgTable(
  'summary_notification_months',
  {
    provinceCode: char('province_code', { length: 3 }).notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    embassyOrganisationId: uuid('embassy_organisation_id').notNull(),
    sent: integer('sent').notNull(),
    acknowledged: integer('acknowledged').notNull(),
    acknowledgedHours: doublePrecision('acknowledged_hours').array().notNull().default(sql`'{}'`),
    /** The deadlines of those still unacknowledged: "overdue" (deadline before now) is counted from them at any moment. */
    pendingDueAt: timestamp('pending_due_at', { withTimezone: true }).array().notNull().default(sql`'{}'`),
  },
  (t) => [primaryKey({ name: 'summary_notification_months_pkey', columns: [t.provinceCode, t.month, t.embassyOrganisationId] })],
);

/**
 * Cooperation actions by the month they were recorded in, province, embassy and type; `requests` are the actions
 * that answer nothing, `answered` those of them done, declined or answered by the other side.
 */
export const summaryActionMonths = pgTable(
  'summary_action_months',
  {
    provinceCode: char('province_code', { length: 3 }).notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    embassyOrganisationId: uuid('embassy_organisation_id').notNull(),
    actionType: cooperationActionType('action_type').notNull(),
    actions: integer('actions').notNull(),
    requests: integer('requests').notNull(),
    answered: integer('answered').notNull(),
  },
  (t) => [primaryKey({ name: 'summary_action_months_pkey', columns: [t.provinceCode, t.month, t.embassyOrganisationId, t.actionType] })],
);
