import { sql } from 'drizzle-orm';
import { char, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from './directory';

/**
 * Sign-in attempts per client address and per typed e-mail address, counted in fixed windows (a sliding
 * window is estimated from the current and the previous one). Kept in the database so every app instance
 * shares the same counters; the key is a SHA-256 so addresses typed by mistake (or passwords typed into the
 * e-mail field) are not stored. Rows older than two windows are pruned.
 */
export const signInAttemptCounters = pgTable(
  'sign_in_attempt_counters',
  {
    /** `ip` or `account`. */
    scope: varchar('scope', { length: 16 }).notNull(),
    keyHash: char('key_hash', { length: 64 }).notNull(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
    /** Attempts that reached the password check and did not succeed (reserved before the check). */
    attempts: integer('attempts').notNull().default(0),
    /** Attempts refused in this window without checking anything; only the first one is audited. */
    refusals: integer('refusals').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'sign_in_attempt_counters_pkey', columns: [t.scope, t.keyHash, t.windowStartedAt] }),
    index('sign_in_attempt_counters_window_idx').on(t.windowStartedAt),
    check('sign_in_attempt_counters_scope', sql`${t.scope} in ('ip', 'account')`),
    check('sign_in_attempt_counters_nonnegative', sql`${t.attempts} >= 0 and ${t.refusals} >= 0`),
  ],
);

/**
 * A link an administrator hands to a new user so they choose their own password. Only the SHA-256 of the
 * token is stored (the token itself is shown once); it works once and until it expires or is revoked.
 */
export const userInvitations = pgTable(
  'user_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: char('token_hash', { length: 64 }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Why it stopped working early: `reissued` (a newer link replaced it) or `revoked` by an admin. */
    revokedReason: text('revoked_reason'),
  },
  (t) => [
    uniqueIndex('user_invitations_token_hash_key').on(t.tokenHash),
    index('user_invitations_user_idx').on(t.userId, t.createdAt),
    // At most one link per user can be open at a time; reissuing revokes the previous one first.
    uniqueIndex('user_invitations_one_open_per_user').on(t.userId).where(sql`${t.usedAt} is null and ${t.revokedAt} is null`),
    check('user_invitations_expiry_after_creation', sql`${t.expiresAt} > ${t.createdAt}`),
    check('user_invitations_revoked_reason', sql`(${t.revokedAt} is null) = (${t.revokedReason} is null)`),
    check('user_invitations_token_hash_format', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
  ],
);
