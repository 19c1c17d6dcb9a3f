import { bigserial, check, index, inet, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { auditOutcome, userRole } from './enums';

/**
 * Who did what to which record, when and from where. Deliberately without foreign keys: entries outlive the
 * rows they describe, and a failed sign-in for an unknown address has no user at all.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorOrganisationId: uuid('actor_organisation_id'),
    actorRole: userRole('actor_role'),
    action: text('action').notNull(),
    outcome: auditOutcome('outcome').notNull().default('success'),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    ipAddress: inet('ip_address'),
    /** The browser or client the request came from, as it named itself; cut to 512 characters. */
    userAgent: text('user_agent'),
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
    /**
     * The hash chain (see docs/decisions/002-audit-hash-chain.md): the previous entry's hash and the SHA-256 of
     * this entry's canonical content followed by that hash, both set by the `audit_log_chain` trigger. The
     * empty default only lets inserts omit them; the trigger always overwrites it.
     */
    prevHash: text('prev_hash').notNull().default(''),
    hash: text('hash').notNull().default(''),
  },
  (t) => [
    index('audit_log_occurred_idx').on(t.occurredAt),
    index('audit_log_actor_idx').on(t.actorUserId, t.occurredAt),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_action_idx').on(t.action, t.occurredAt),
    index('audit_log_organisation_idx').on(t.actorOrganisationId, t.occurredAt),
    // An insert that bypassed the chain trigger keeps the empty default and is refused here.
    check('audit_log_hash_format', sql`${t.hash} ~ '^[0-9a-f]{64}$'`),
    check('audit_log_prev_hash_format', sql`${t.prevHash} ~ '^[0-9a-f]{64}$'`),
  ],
);
