import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { notifications } from './cooperation';
import { organisations, users } from './directory';
import { locale } from './enums';

/** What an e-mail is about: each kind has its renderer and its planner in lib/mail. */
export const mailKind = pgEnum('mail_kind', ['new_notification', 'notification_update', 'reminder', 'escalation', 'digest', 'request', 'invitation', 'password_reset', 'webhook_disabled', 'notification_declined']);
export type MailKind = (typeof mailKind.enumValues)[number];

/**
 * - `queued`: rendered, waiting for its send job;
 * - `sent`: accepted by the mail server (`provider_message_id` is its Message-ID);
 * - `stored`: no SMTP_URL is configured, so it was kept for /admin/outbox instead of leaving the machine;
 * - `failed`: the job layer gave up after its last retry (`last_error` says why);
 * - `skipped`: the recipient (or their organisation) was deactivated before it went out.
 */
export const mailDeliveryStatus = pgEnum('mail_delivery_status', ['queued', 'sent', 'stored', 'failed', 'skipped']);
export type MailDeliveryStatus = (typeof mailDeliveryStatus.enumValues)[number];

/**
 * One e-mail to one address, rendered when it is planned and kept exactly as sent: the proof that an embassy
 * was told (the notification record lists them) and the admin's outbox. Rows carry no personal data of a
 * case: the renderers put only the reference number, crime type, province, kind, deadline and a link in them.
 */
export const mailDeliveries = pgTable(
  'mail_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: mailKind('kind').notNull(),
    notificationId: uuid('notification_id').references(() => notifications.id, { onDelete: 'cascade' }),
    /** The recipient's organisation (for a duty address, the organisation whose address it is). */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** Null for an organisation's duty address, which belongs to no user. */
    recipientUserId: uuid('recipient_user_id').references(() => users.id),
    recipientAddress: text('recipient_address').notNull(),
    /**
     * The language it is written in; null for every language in one message: a duty address is read by whoever
     * is on duty, whose language CaseBridge cannot know (lib/mail/render.ts).
     */
    locale: locale('locale'),
    /** Sent with `Importance: high` and `X-Priority: 1` (detention notifications). */
    isUrgent: boolean('is_urgent').notNull().default(false),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    status: mailDeliveryStatus('status').notNull().default('queued'),
    /** Send attempts that reached the mail server or failed trying; a stored or skipped message made none. */
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    /** When it was sent, stored, skipped or given up on. */
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** `<kind>:<subject id>:<address>`: planning the same message twice (a retried job) creates nothing. */
    idempotencyKey: text('idempotency_key').notNull(),
  },
  (t) => [
    uniqueIndex('mail_deliveries_idempotency_key').on(t.idempotencyKey),
    index('mail_deliveries_queued_idx').on(t.queuedAt.desc(), t.id.desc()),
    index('mail_deliveries_status_queued_idx').on(t.status, t.queuedAt.desc()),
    index('mail_deliveries_notification_idx').on(t.notificationId),
    check('mail_deliveries_attempts_nonnegative', sql`${t.attempts} >= 0`),
    check('mail_deliveries_finished', sql`(${t.status} = 'queued') = (${t.finishedAt} is null)`),
    check('mail_deliveries_sent_has_message_id', sql`${t.status} <> 'sent' or ${t.providerMessageId} is not null`),
  ],
);
