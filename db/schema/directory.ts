import { sql } from 'drizzle-orm';
import { bigint, boolean, check, char, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { locale, mailFrequency, missionType, organisationKind, userRole } from './enums';

export const provinces = pgTable(
  'provinces',
  {
    code: varchar('code', { length: 3 }).primaryKey(),
    nameEn: text('name_en').notNull(),
    nameKm: text('name_km').notNull(),
    nameZh: text('name_zh').notNull(),
    /** 2019 census population, used to weight generated load data. */
    population: integer('population').notNull(),
  },
  (t) => [check('provinces_code_format', sql`${t.code} ~ '^[A-Z]{3}$'`)],
);

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable natural key (e.g. `police-kkg`, `embassy-cn`) so seeds and partner systems can refer to it. */
    slug: varchar('slug', { length: 64 }).notNull(),
    kind: organisationKind('kind').notNull(),
    nameEn: text('name_en').notNull(),
    nameKm: text('name_km').notNull(),
    nameZh: text('name_zh').notNull(),
    provinceCode: varchar('province_code', { length: 3 }).references(() => provinces.code),
    /** ISO 3166-1 alpha-2 country an embassy represents. */
    countryCode: char('country_code', { length: 2 }),
    ackDeadlineHours: integer('ack_deadline_hours').notNull().default(72),
    detentionAckDeadlineHours: integer('detention_ack_deadline_hours').notNull().default(24),
    requiresTotp: boolean('requires_totp').notNull().default(false),
    /** The mission's shared mailboxes: every new notification is e-mailed to them as well as to its liaison officers. */
    dutyEmailAddresses: text('duty_email_addresses').array().notNull().default(sql`'{}'::text[]`),
    isActive: boolean('is_active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organisations_slug_key').on(t.slug),
    // Several organisations of kind `embassy` may share a country: the embassy and its consular posts on CaseBridge
    // (`foreign_missions` says which is which, and which provinces each post covers).
    index('organisations_embassy_country_idx').on(t.countryCode).where(sql`${t.kind} = 'embassy'`),
    index('organisations_province_idx').on(t.provinceCode),
    check(
      'organisations_province_required',
      sql`(${t.kind} in ('police', 'governor_office')) = (${t.provinceCode} is not null)`,
    ),
    check('organisations_country_required', sql`(${t.kind} = 'embassy') = (${t.countryCode} is not null)`),
    check('organisations_country_format', sql`${t.countryCode} is null or ${t.countryCode} ~ '^[A-Z]{2}$'`),
    check('organisations_ack_deadline_range', sql`${t.ackDeadlineHours} between 1 and 720`),
    check('organisations_detention_deadline_range', sql`${t.detentionAckDeadlineHours} between 1 and ${t.ackDeadlineHours}`),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: userRole('role').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    preferredLocale: locale('preferred_locale').notNull().default('en'),
    /** E-mail about updates to notifications and about requests from the other side (set at /account). */
    updateMailFrequency: mailFrequency('update_mail_frequency').notNull().default('immediate'),
    requestMailFrequency: mailFrequency('request_mail_frequency').notNull().default('immediate'),
    isActive: boolean('is_active').notNull().default(true),
    failedSignInCount: integer('failed_sign_in_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    /** Bumped to end every existing session (deactivation, role change, password reset, sign out everywhere). */
    sessionVersion: integer('session_version').notNull().default(1),
    /** The authenticator secret, AES-256-GCM encrypted (lib/auth/totp-secret-box.ts); set but not enabled while being set up. */
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The 30-second time step of the last code accepted, so a code cannot be used twice (RFC 6238 §5.2). */
    totpLastUsedStep: bigint('totp_last_used_step', { mode: 'number' }),
    /** The password is shorter than the policy allows without a second factor: losing the factor forces a change. */
    passwordNeedsSecondFactor: boolean('password_needs_second_factor').notNull().default(false),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /**
     * The account an API key acts through (db/schema/api.ts): it never signs in, receives no e-mail and is
     * nobody's assignee; its keys page shows it, not the users list.
     */
    isApiKeyAccount: boolean('is_api_key_account').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    index('users_organisation_idx').on(t.organisationId),
    check('users_email_length', sql`char_length(${t.email}) between 3 and 254`),
    check('users_failed_sign_in_count_nonnegative', sql`${t.failedSignInCount} >= 0`),
  ],
);

/**
 * The directory of foreign missions accredited to Cambodia, on CaseBridge or not: where official notification of a
 * national goes. A mission on CaseBridge is an organisation (kind `embassy`) with accounts; one off CaseBridge has
 * contacts only, and the police notify it themselves through an official channel.
 */
export const foreignMissions = pgTable(
  'foreign_missions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: varchar('slug', { length: 64 }).notNull(),
    /** ISO 3166-1 alpha-2 country the mission represents. */
    countryCode: char('country_code', { length: 2 }).notNull(),
    missionType: missionType('mission_type').notNull(),
    nameEn: text('name_en').notNull(),
    nameKm: text('name_km').notNull(),
    nameZh: text('name_zh').notNull(),
    city: text('city').notNull(),
    /** Contacts for official notification. */
    email: text('email'),
    phone: text('phone'),
    fax: text('fax'),
    /** Set when the mission is on CaseBridge: the organisation whose accounts receive its notifications. */
    organisationId: uuid('organisation_id').references(() => organisations.id),
    isActive: boolean('is_active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('foreign_missions_slug_key').on(t.slug),
    uniqueIndex('foreign_missions_organisation_key').on(t.organisationId),
    // One embassy per country; it covers every province no post of its country covers.
    uniqueIndex('foreign_missions_embassy_country_key').on(t.countryCode).where(sql`${t.missionType} = 'embassy'`),
    index('foreign_missions_country_idx').on(t.countryCode),
    check('foreign_missions_country_format', sql`${t.countryCode} ~ '^[A-Z]{2}$'`),
    check('foreign_missions_email_length', sql`${t.email} is null or char_length(${t.email}) between 3 and 254`),
  ],
);

/** A consular post's district: the provinces it covers. An embassy has none listed (it covers the rest). */
export const missionDistricts = pgTable(
  'mission_districts',
  {
    missionId: uuid('mission_id')
      .notNull()
      .references(() => foreignMissions.id, { onDelete: 'cascade' }),
    provinceCode: varchar('province_code', { length: 3 })
      .notNull()
      .references(() => provinces.code),
  },
  (t) => [primaryKey({ columns: [t.missionId, t.provinceCode] }), index('mission_districts_province_idx').on(t.provinceCode)],
);

/**
 * Countries whose nationals must be notified whatever the detained person wishes (bilateral consular agreements),
 * admin-managed. A country not listed follows the person's wish.
 */
export const countryConsularRules = pgTable(
  'country_consular_rules',
  {
    countryCode: char('country_code', { length: 2 }).primaryKey(),
    mandatoryNotification: boolean('mandatory_notification').notNull().default(false),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('country_consular_rules_country_format', sql`${t.countryCode} ~ '^[A-Z]{2}$'`)],
);
