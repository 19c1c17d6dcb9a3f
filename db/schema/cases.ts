import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { organisations, provinces, users } from './directory';
import {
  caseEventKind,
  caseStatus,
  closureReason,
  consularConsent,
  consularNotificationWish,
  crimeType,
  dualNationalDecision,
  detentionStatus,
  handlingCode,
  idDocumentType,
  personRole,
  sex,
} from './enums';

/** Last reference number issued per province and year; updated in the intake transaction so numbers are gap-free. */
export const caseReferenceCounters = pgTable(
  'case_reference_counters',
  {
    provinceCode: varchar('province_code', { length: 3 })
      .notNull()
      .references(() => provinces.code),
    year: smallint('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.year] }), check('case_reference_counters_positive', sql`${t.lastNumber} > 0`)],
);

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referenceNumber: varchar('reference_number', { length: 20 }).notNull(),
    referenceYear: smallint('reference_year').notNull(),
    referenceSequence: integer('reference_sequence').notNull(),
    provinceCode: varchar('province_code', { length: 3 })
      .notNull()
      .references(() => provinces.code),
    crimeType: crimeType('crime_type').notNull(),
    status: caseStatus('status').notNull().default('reported'),
    closureReason: closureReason('closure_reason'),
    district: text('district'),
    commune: text('commune'),
    placeDescription: text('place_description'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    title: text('title').notNull(),
    narrative: text('narrative').notNull().default(''),
    isNarrativeShareable: boolean('is_narrative_shareable').notNull().default(false),
    narrativeHandlingCode: handlingCode('narrative_handling_code').notNull().default('H0'),
    narrativeHandlingNote: text('narrative_handling_note'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    assignedTo: uuid('assigned_to').references(() => users.id),
    /** Who made the latest change, so a conflicting editor can be told who changed the case before them. */
    updatedBy: uuid('updated_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('cases_reference_number_key').on(t.referenceNumber),
    // Referenced by case_people (case_id, province_code).
    uniqueIndex('cases_id_province_key').on(t.id, t.provinceCode),
    uniqueIndex('cases_reference_sequence_key').on(t.provinceCode, t.referenceYear, t.referenceSequence),
    index('cases_province_reported_idx').on(t.provinceCode, t.reportedAt.desc(), t.id.desc()),
    index('cases_province_updated_idx').on(t.provinceCode, t.updatedAt.desc(), t.id.desc()),
    index('cases_province_status_reported_idx').on(t.provinceCode, t.status, t.reportedAt.desc(), t.id.desc()),
    index('cases_province_crime_reported_idx').on(t.provinceCode, t.crimeType, t.reportedAt.desc(), t.id.desc()),
    index('cases_province_status_crime_reported_idx').on(t.provinceCode, t.status, t.crimeType, t.reportedAt.desc(), t.id.desc()),
    index('cases_reported_idx').on(t.reportedAt.desc(), t.id.desc()),
    index('cases_assigned_idx').on(t.assignedTo),
    index('cases_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
    index('cases_reference_trgm_idx').using('gin', t.referenceNumber.op('gin_trgm_ops')),
    check('cases_reported_after_occurred', sql`${t.reportedAt} >= ${t.occurredAt}`),
    check('cases_closure_reason_iff_closed', sql`(${t.status} = 'closed') = (${t.closureReason} is not null)`),
    check('cases_title_length', sql`char_length(${t.title}) between 1 and 200`),
    check('cases_version_positive', sql`${t.version} > 0`),
    check('cases_h3_needs_note', sql`${t.narrativeHandlingCode} <> 'H3' or ${t.narrativeHandlingNote} is not null`),
  ],
);

export const casePeople = pgTable(
  'case_people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /**
     * The case's province, held here too (the foreign key below keeps it equal) so that row-level security and
     * the people search scope a person by a column of its own instead of a lookup of its case per row.
     */
    provinceCode: char('province_code', { length: 3 }).notNull(),
    roleInCase: personRole('role_in_case').notNull(),
    latinName: text('latin_name').notNull(),
    nativeName: text('native_name'),
    sex: sex('sex').notNull().default('unknown'),
    dateOfBirth: date('date_of_birth'),
    approximateAge: smallint('approximate_age'),
    /** ISO 3166-1 alpha-2; `XX` when the nationality is not known. */
    nationality: char('nationality', { length: 2 }).notNull(),
    idDocumentType: idDocumentType('id_document_type'),
    idDocumentNumber: text('id_document_number'),
    detentionStatus: detentionStatus('detention_status').notNull().default('not_detained'),
    detentionChangedAt: timestamp('detention_changed_at', { withTimezone: true }),
    /**
     * When the person was detained: `detentionChangedAt` while detained, kept on release (which moves
     * `detentionChangedAt` to the release). Set by a trigger (migration 0036) so every writer keeps it; null when
     * never detained, or when first recorded as already released without the time of detention.
     */
    detainedAt: timestamp('detained_at', { withTimezone: true }),
    isSensitiveVictim: boolean('is_sensitive_victim').notNull().default(false),
    consularConsent: consularConsent('consular_consent').notNull().default('not_asked'),
    consentRecordedAt: timestamp('consent_recorded_at', { withTimezone: true }),
    consentRecordedBy: uuid('consent_recorded_by').references(() => users.id),
    disclosureOverrideJustification: text('disclosure_override_justification'),
    disclosureOverrideBy: uuid('disclosure_override_by').references(() => users.id),
    disclosureOverrideAt: timestamp('disclosure_override_at', { withTimezone: true }),
    /** Nationalities besides `nationality` (ISO alpha-2 each): every one of them is routed (lib/consular/nationals.ts). */
    otherNationalities: text('other_nationalities').array().notNull().default(sql`'{}'::text[]`),
    /** When a detained foreign national was told of the right to consular notification, and what they answered. */
    rightsInformedAt: timestamp('rights_informed_at', { withTimezone: true }),
    notificationWish: consularNotificationWish('notification_wish'),
    /** A Cambodian dual national: whether the supervisor decided to notify the other country (Cambodia may treat them as its own). */
    dualNationalDecision: dualNationalDecision('dual_national_decision'),
    dualNationalDecidedBy: uuid('dual_national_decided_by').references(() => users.id),
    dualNationalDecidedAt: timestamp('dual_national_decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: 'case_people_case_province_fk', columns: [t.caseId, t.provinceCode], foreignColumns: [cases.id, cases.provinceCode] }).onDelete('cascade'),
    index('case_people_case_idx').on(t.caseId),
    index('case_people_nationality_case_idx').on(t.nationality, t.caseId),
    // text_pattern_ops serves equality and the prefix searches of one- and two-character queries alike.
    index('case_people_id_document_idx').on(sql`upper(${t.idDocumentNumber}) text_pattern_ops`),
    index('case_people_latin_name_prefix_idx').on(sql`upper(${t.latinName}) text_pattern_ops`),
    index('case_people_native_name_prefix_idx').on(sql`${t.nativeName} text_pattern_ops`),
    // Led by the province (btree_gin, migration 0019): a search is always within the officer's province.
    index('case_people_province_latin_name_trgm_idx').using('gin', t.provinceCode, t.latinName.op('gin_trgm_ops')),
    index('case_people_province_native_name_trgm_idx').using('gin', t.provinceCode, t.nativeName.op('gin_trgm_ops')),
    index('case_people_province_id_document_trgm_idx').using('gin', t.provinceCode, sql`upper(${t.idDocumentNumber}) gin_trgm_ops`),
    index('case_people_detained_idx').on(t.caseId).where(sql`${t.detentionStatus} = 'detained'`),
    check('case_people_nationality_format', sql`${t.nationality} ~ '^[A-Z]{2}$'`),
    check('case_people_age_range', sql`${t.approximateAge} is null or ${t.approximateAge} between 0 and 120`),
    check('case_people_sensitive_only_victims', sql`not ${t.isSensitiveVictim} or ${t.roleInCase} = 'victim'`),
    check('case_people_document_pair', sql`(${t.idDocumentType} is null) = (${t.idDocumentNumber} is null)`),
    check('case_people_detention_time', sql`${t.detentionStatus} = 'not_detained' or ${t.detentionChangedAt} is not null`),
    check('case_people_detained_at_needs_detention', sql`${t.detentionStatus} <> 'not_detained' or ${t.detainedAt} is null`),
    check('case_people_latin_name_length', sql`char_length(${t.latinName}) between 1 and 200`),
    check('case_people_other_nationalities_format', sql`array_to_string(${t.otherNationalities}, ',') ~ '^([A-Z]{2}(,[A-Z]{2})*)?$' and cardinality(${t.otherNationalities}) <= 4`),
    check('case_people_wish_needs_rights', sql`(${t.notificationWish} is null) = (${t.rightsInformedAt} is null)`),
    check('case_people_dual_decision_pair', sql`(${t.dualNationalDecision} is null) = (${t.dualNationalDecidedAt} is null)`),
  ],
);

/** The case timeline: one row for everything that happened to a case, shown to police in order. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: caseEventKind('kind').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    actorOrganisationId: uuid('actor_organisation_id').references(() => organisations.id),
    /** The embassy an event concerns (notifications, actions, messages), so embassy timelines can be filtered. */
    embassyOrganisationId: uuid('embassy_organisation_id').references(() => organisations.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index('case_events_case_time_idx').on(t.caseId, t.occurredAt, t.id)],
);

export const caseNotes = pgTable(
  'case_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_notes_case_idx').on(t.caseId, t.createdAt), check('case_notes_body_length', sql`char_length(${t.body}) between 1 and 5000`)],
);

export type CaseRow = typeof cases.$inferSelect;
export type CasePersonRow = typeof casePeople.$inferSelect;
