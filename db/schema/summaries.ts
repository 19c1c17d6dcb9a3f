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

/*
 * Consular figures per country (docs/decisions/024-consular-figures.md). A person counts under every nationality
 * they hold but Cambodian and "not known" (lib/consular/nationals.ts `nationalitiesOf`). "Detained" is detained or
 * since released; "notified" is the case's earliest standing notification to an organisation of the country
 * (`notifications.created_at`) or the police's record of informing its mission (`official_notifications.informed_at`).
 * Whether a country's agreement makes notification mandatory is the admin's to change at any time, so what depends
 * on it (a declined detainee is still due) is kept apart and applied when the figures are read.
 */
const consularFigureColumns = {
  /** People holding the nationality. */
  involved: integer('involved').notNull(),
  /** Of those, detained (now or since released). */
  detained: integer('detained').notNull(),
  /** Of the detained, those who, informed of the right, declined consular notification. */
  declined: integer('declined').notNull(),
  /** Detained, not declined, told by the rules (a Cambodian dual national only once decided), and not notified. */
  unnotified: integer('unnotified').notNull(),
  /** Detained, declined and not notified: un-notified too where notification is mandatory. */
  unnotifiedDeclined: integer('unnotified_declined').notNull(),
  /** Hours from detention to notification of each detained, not declined, notified person whose detention time is known. */
  notifiedHours: doublePrecision('notified_hours').array().notNull().default(sql`'{}'`),
  /** The same for those who declined (counted where notification is mandatory). */
  declinedNotifiedHours: doublePrecision('declined_notified_hours').array().notNull().default(sql`'{}'`),
};

/**
 * What each case adds to `summary_consular_months` per country, under its province and reported month: the triggers
 * recompute a touched case's rows from the base tables and apply the difference, so any statement keeps the
 * rollup exact however many rows it writes.
 */
export const summaryCaseCountries = pgTable(
  'summary_case_countries',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    countryCode: char('country_code', { length: 2 }).notNull(),
    provinceCode: char('province_code', { length: 3 }).notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    ...consularFigureColumns,
  },
  (t) => [primaryKey({ name: 'summary_case_countries_pkey', columns: [t.caseId, t.countryCode] })],
);

/** The consular figures by the month the case was reported in, its province and the country. */
export const summaryConsularMonths = pgTable(
  'summary_consular_months',
  {
    provinceCode: char('province_code', { length: 3 }).notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    countryCode: char('country_code', { length: 2 }).notNull(),
    ...consularFigureColumns,
  },
  (t) => [primaryKey({ name: 'summary_consular_months_pkey', columns: [t.provinceCode, t.month, t.countryCode] })],
);
