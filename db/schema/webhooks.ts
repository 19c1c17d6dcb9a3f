import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { organisations, users } from './directory';

/**
 * An organisation's partner endpoint (issue 14, docs/decisions/020-webhooks.md). The secret is kept in clear: an
 * HMAC can only be computed with it (Standard Webhooks), unlike an API key, which only needs to be compared. A
 * rotated-out secret stays valid until `previous_secret_expires_at`, and deliveries are signed with both meanwhile.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    url: varchar('url', { length: 2000 }).notNull(),
    description: varchar('description', { length: 200 }),
    /** The event types the endpoint gets (lib/webhooks/events.ts). */
    events: text('events').array().notNull(),
    /** `whsec_` + base64 of 32 random bytes. */
    secret: text('secret').notNull(),
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    enabled: boolean('enabled').notNull().default(true),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** `admin` (switched off by hand) or `failing` (24 hours of failed deliveries). */
    disabledReason: varchar('disabled_reason', { length: 20 }),
    /** The first failed attempt since the last success; null while the endpoint answers. */
    failingSince: timestamp('failing_since', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('webhook_endpoints_organisation_idx').on(t.organisationId, t.createdAt),
    check('webhook_endpoints_has_events', sql`cardinality(${t.events}) > 0`),
    check('webhook_endpoints_secret_format', sql`${t.secret} ~ '^whsec_[A-Za-z0-9+/=]{40,}$'`),
    check('webhook_endpoints_previous_secret', sql`(${t.previousSecret} is null) = (${t.previousSecretExpiresAt} is null)`),
    check('webhook_endpoints_disabled', sql`${t.enabled} = (${t.disabledAt} is null) and (${t.disabledAt} is null) = (${t.disabledReason} is null)`),
  ],
);

/**
 * - `pending`: waiting for its next attempt (`next_attempt_at`);
 * - `delivered`: the endpoint answered 2xx;
 * - `failed`: 24 hours of attempts failed, or the endpoint was disabled meanwhile.
 */
export const webhookDeliveryStatus = pgEnum('webhook_delivery_status', ['pending', 'delivered', 'failed']);
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatus.enumValues)[number];

/** One attempt as the delivery log shows it: when, the HTTP status (null when none came back), what went wrong. */
export interface WebhookAttempt {
  at: string;
  responseStatus: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * One event to one endpoint. The payload is thin — ids, kind, times and the API URL to fetch — and holds no
 * personal data; the partner fetches the rest with its key, through the same authorization as its officers.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    /** The `webhook-id` header: the same for every attempt and redelivery of an event, so receivers can deduplicate. */
    eventId: uuid('event_id').notNull(),
    eventType: varchar('event_type', { length: 60 }).notNull(),
    payload: jsonb('payload').notNull(),
    status: webhookDeliveryStatus('status').notNull().default('pending'),
    attemptCount: smallint('attempt_count').notNull().default(0),
    attempts: jsonb('attempts').$type<WebhookAttempt[]>().notNull().default(sql`'[]'::jsonb`),
    lastResponseStatus: smallint('last_response_status'),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** No attempt after this: 24 hours from the event, or from a redelivery. */
    retryUntil: timestamp('retry_until', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_endpoint_event_key').on(t.endpointId, t.eventId),
    index('webhook_deliveries_endpoint_created_idx').on(t.endpointId, t.createdAt.desc()),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    check('webhook_deliveries_pending_has_next', sql`(${t.status} = 'pending') = (${t.nextAttemptAt} is not null)`),
  ],
);
