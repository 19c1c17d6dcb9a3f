import { sql } from 'drizzle-orm';
import { char, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { organisations, users } from './directory';

/**
 * An organisation's key to the partner API (/api/v1). The key is shown once; only the SHA-256 of its secret is
 * stored (the secret is 256 random bits, so a slow hash would add nothing). Each key acts through its own
 * account (`actor_user_id`, a user of the key's organisation with the one role fixed for that kind of
 * organisation), so everything it does goes through the same data-access functions, row-level security and
 * audit trail as a person — named "API key …" there — and never exceeds the organisation's role.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    actorUserId: uuid('actor_user_id')
      .notNull()
      .references(() => users.id),
    name: varchar('name', { length: 80 }).notNull(),
    /** The public part of the key (`cbk_<prefix>_…`), to find it and to show which key is which. */
    prefix: char('prefix', { length: 12 }).notNull(),
    secretHash: char('secret_hash', { length: 64 }).notNull(),
    scopes: text('scopes').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_keys_prefix_key').on(t.prefix),
    uniqueIndex('api_keys_actor_user_key').on(t.actorUserId),
    index('api_keys_organisation_idx').on(t.organisationId, t.createdAt),
    check('api_keys_expiry_after_creation', sql`${t.expiresAt} > ${t.createdAt}`),
    check('api_keys_revocation', sql`(${t.revokedAt} is null) = (${t.revokedBy} is null)`),
    check('api_keys_secret_hash_format', sql`${t.secretHash} ~ '^[0-9a-f]{64}$'`),
    check('api_keys_has_scopes', sql`cardinality(${t.scopes}) > 0`),
  ],
);

/**
 * Requests per key in fixed one-minute windows, in the database so every app instance counts the same
 * requests. Windows older than a few minutes are pruned.
 */
export const apiRateLimitCounters = pgTable(
  'api_rate_limit_counters',
  {
    apiKeyId: uuid('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
    requests: integer('requests').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'api_rate_limit_counters_pkey', columns: [t.apiKeyId, t.windowStartedAt] }),
    index('api_rate_limit_counters_window_idx').on(t.windowStartedAt),
  ],
);

/**
 * The `Idempotency-Key` of every POST, per API key: reserved before the command runs, completed with the
 * response it got, so a retry returns that response and does nothing twice. A request with the same key but
 * another body is refused (the key was reused by mistake).
 */
export const apiIdempotencyRecords = pgTable(
  'api_idempotency_records',
  {
    apiKeyId: uuid('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    idempotencyKey: varchar('idempotency_key', { length: 255 }).notNull(),
    /** SHA-256 of method, path and body. */
    requestHash: char('request_hash', { length: 64 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    responseStatus: integer('response_status'),
    responseHeaders: jsonb('response_headers').$type<Record<string, string>>(),
    responseBody: text('response_body'),
  },
  (t) => [
    primaryKey({ name: 'api_idempotency_records_pkey', columns: [t.apiKeyId, t.idempotencyKey] }),
    index('api_idempotency_records_created_idx').on(t.createdAt),
    check('api_idempotency_records_completion', sql`(${t.completedAt} is null) = (${t.responseStatus} is null)`),
  ],
);
