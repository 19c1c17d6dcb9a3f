import 'server-only';
import type { Database } from '@/db/client';
import { mailDeliveries, type MailKind } from '@/db/schema';
import type { Recipient } from './recipients';
import type { RenderedMail } from './render';

/** One message planned for one recipient, rendered in the recipient's language. */
export interface PlannedDelivery {
  kind: MailKind;
  /**
   * What makes this message itself: with the kind and the address it is the idempotency key, so planning the same
   * message twice (a retried job, two workers) creates one row. A notification's id, a batch's, a day's …
   */
  subjectKey: string;
  notificationId: string | null;
  /** The recipient's organisation (for a duty address, the organisation whose address it is). */
  organisationId: string;
  recipient: Recipient;
  isUrgent?: boolean;
  mail: RenderedMail;
}

export function idempotencyKeyOf(kind: MailKind, subjectKey: string, address: string): string {
  return `${kind}:${subjectKey}:${address.toLowerCase()}`;
}

/**
 * Stores planned messages as queued deliveries and returns the ids of those it created (none for a message
 * planned before). The caller enqueues their send jobs; the mail sweep (lib/mail/queues.ts) enqueues any a
 * crash left behind.
 */
export async function queueDeliveries(db: Pick<Database, 'insert'>, planned: readonly PlannedDelivery[], now: Date): Promise<string[]> {
  if (planned.length === 0) return [];
  const created = await db
    .insert(mailDeliveries)
    .values(
      planned.map((delivery) => ({
        kind: delivery.kind,
        notificationId: delivery.notificationId,
        organisationId: delivery.organisationId,
        recipientUserId: delivery.recipient.userId,
        recipientAddress: delivery.recipient.address,
        locale: delivery.recipient.locale,
        isUrgent: delivery.isUrgent ?? false,
        subject: delivery.mail.subject,
        textBody: delivery.mail.text,
        htmlBody: delivery.mail.html,
        queuedAt: now,
        idempotencyKey: idempotencyKeyOf(delivery.kind, delivery.subjectKey, delivery.recipient.address),
      })),
    )
    .onConflictDoNothing({ target: mailDeliveries.idempotencyKey })
    .returning({ id: mailDeliveries.id });
  return created.map((row) => row.id);
}
