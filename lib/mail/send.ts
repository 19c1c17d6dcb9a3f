import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { getDb } from '@/db/client';
import { mailDeliveries, organisations, users, type MailDeliveryStatus, type MailKind } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { mailConfig, type MailConfig } from './config';
import { withoutInvitationLinks } from './invitation';
import { listUnsubscribeHeadersOf } from './unsubscribe';

/** One transporter per SMTP URL for the life of the process (in practice one: SMTP_URL's). */
const transporters = new Map<string, Transporter>();

function transporterFor(smtpUrl: string): Transporter {
  let transporter = transporters.get(smtpUrl);
  if (!transporter) {
    transporter = nodemailer.createTransport(smtpUrl);
    transporters.set(smtpUrl, transporter);
  }
  return transporter;
}

/** An SMTP error as the delivery list shows it: the server's reply, bounded, never the credentials in the URL. */
function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

/** The domain of MAIL_FROM, for Message-IDs that say where they come from. */
function senderDomain(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'casebridge.localhost';
}

/**
 * Kinds whose message carries a credential (an invitation or password-reset link). Once the mail server has
 * accepted one, the stored copy keeps the message minus its link: the outbox then shows what was sent without
 * handing a working link to whoever reads it. A stored message (no SMTP_URL) keeps its link, since the outbox is
 * then the only way it reaches anyone; a failed one too, for the admin to pass on by hand.
 */
const credentialKinds: ReadonlySet<MailKind> = new Set(['invitation', 'password_reset']);

/**
 * One attempt at sending one delivery (a send job). The outcome is the delivery's new status:
 * - already finished (a job run again after it succeeded): nothing happens;
 * - the recipient or their organisation was deactivated since it was planned: `skipped`;
 * - no SMTP_URL: `stored`, kept for /admin/outbox, nothing leaves the machine;
 * - the mail server accepted it: `sent`, with its Message-ID (and without its link, for a credential kind).
 * A failure to send counts the attempt, keeps the server's reply and rethrows, so the job is retried; when the
 * job layer gives up it calls markMailDeliveryFailed. The Message-ID is the delivery's own, so a message sent
 * again after a crash between the server's acceptance and our update is recognisable as the same one.
 */
export async function sendMailDelivery(deliveryId: string, now: Date = new Date(), config: MailConfig = mailConfig()): Promise<MailDeliveryStatus> {
  const db = getDb();
  const [found] = await db
    .select({
      delivery: mailDeliveries,
      isUserActive: users.isActive,
      isOrganisationActive: organisations.isActive,
    })
    .from(mailDeliveries)
    .innerJoin(organisations, eq(organisations.id, mailDeliveries.organisationId))
    .leftJoin(users, eq(users.id, mailDeliveries.recipientUserId))
    .where(eq(mailDeliveries.id, deliveryId));
  if (!found) throw new Error(`mail delivery ${deliveryId} does not exist`);
  const { delivery } = found;
  if (delivery.status !== 'queued') return delivery.status;

  const finish = async (status: 'skipped' | 'stored' | 'sent', changes: { providerMessageId?: string } = {}, copy: { subject?: string; textBody?: string; htmlBody?: string } = {}) => {
    await db.transaction(async (tx) => {
      // Only a queued delivery finishes: of two overlapping runs, the second changes nothing and audits nothing.
      const [finished] = await tx
        .update(mailDeliveries)
        .set({ status, finishedAt: now, ...changes, ...copy, ...(status === 'sent' ? { attempts: sql`${mailDeliveries.attempts} + 1` } : {}) })
        .where(and(eq(mailDeliveries.id, deliveryId), eq(mailDeliveries.status, 'queued')))
        .returning({ id: mailDeliveries.id });
      if (finished && status !== 'skipped') {
        await recordAudit(tx, {
          action: status === 'sent' ? 'mail.sent' : 'mail.stored',
          entityType: 'mail_delivery',
          entityId: deliveryId,
          // The recipient as a user id only: the audit log is no place for addresses (a duty address has none).
          details: { kind: delivery.kind, notificationId: delivery.notificationId, recipientUserId: delivery.recipientUserId, ...changes },
        });
      }
    });
    return status;
  };

  if (!found.isOrganisationActive || found.isUserActive === false) return finish('skipped');
  if (!config.smtpUrl) return finish('stored');

  let info: { messageId: string };
  try {
    info = (await transporterFor(config.smtpUrl).sendMail({
      from: config.from,
      to: delivery.recipientAddress,
      subject: delivery.subject,
      text: delivery.textBody,
      html: delivery.htmlBody,
      messageId: `<${delivery.id}@${senderDomain(config.from)}>`,
      date: now,
      // Importance: High, X-Priority: 1 and X-MSMail-Priority: High, which mail clients show as urgent.
      ...(delivery.isUrgent ? { priority: 'high' as const } : {}),
      // One-click unsubscribe for what the recipient may turn off (lib/mail/unsubscribe.ts).
      headers: listUnsubscribeHeadersOf(delivery, config.baseUrl),
    })) as { messageId: string };
  } catch (error) {
    await db
      .update(mailDeliveries)
      .set({ attempts: sql`${mailDeliveries.attempts} + 1`, lastError: errorText(error) })
      .where(and(eq(mailDeliveries.id, deliveryId), eq(mailDeliveries.status, 'queued')));
    throw error;
  }
  const redacted = credentialKinds.has(delivery.kind)
    ? { subject: withoutInvitationLinks(delivery.subject), textBody: withoutInvitationLinks(delivery.textBody), htmlBody: withoutInvitationLinks(delivery.htmlBody) }
    : {};
  return finish('sent', { providerMessageId: info.messageId }, redacted);
}

/** The job layer gave up on a delivery after its last retry: kept as failed, with the last error. */
export async function markMailDeliveryFailed(deliveryId: string, error: unknown, now: Date = new Date()): Promise<void> {
  await getDb()
    .update(mailDeliveries)
    .set({ status: 'failed', finishedAt: now, lastError: errorText(error) })
    .where(and(eq(mailDeliveries.id, deliveryId), eq(mailDeliveries.status, 'queued')));
}
