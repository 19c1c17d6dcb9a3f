import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cases, mailDeliveries, notifications, organisations, provinces, users } from '@/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import { logger } from '@/lib/logger';
import { mailConfig, type MailConfig } from './config';
import { renderNewNotificationMail } from './render';

/** One address a message goes to: a liaison officer in their language, or a duty address in every language. */
interface Recipient {
  userId: string | null;
  address: string;
  locale: Locale | null;
}

/**
 * The fan-out of a new notification (the `notification.created` outbox message's job): one rendered delivery
 * per active liaison officer of the embassy and per duty address, and the ids of the rows it created, one send
 * job each. Runs in a worker as the owner, not in an actor's scope. Planning it twice creates nothing the
 * second time (the idempotency key), so a retried job never doubles a message.
 */
export async function planNotificationMail(notificationId: string, now: Date = new Date(), config: MailConfig = mailConfig()): Promise<string[]> {
  const db = getDb();
  const [found] = await db
    .select({
      notification: { kind: notifications.kind, dueAt: notifications.dueAt },
      case: { id: cases.id, referenceNumber: cases.referenceNumber, crimeType: cases.crimeType },
      province: { en: provinces.nameEn, km: provinces.nameKm, zh: provinces.nameZh },
      embassy: { id: organisations.id, isActive: organisations.isActive, dutyEmailAddresses: organisations.dutyEmailAddresses },
    })
    .from(notifications)
    .innerJoin(cases, eq(cases.id, notifications.caseId))
    .innerJoin(provinces, eq(provinces.code, cases.provinceCode))
    .innerJoin(organisations, eq(organisations.id, notifications.embassyOrganisationId))
    .where(eq(notifications.id, notificationId));
  if (!found) {
    // Its case was deleted since: nobody is left to tell.
    logger.warn({ notificationId }, 'mail: notification to plan no longer exists');
    return [];
  }
  if (!found.embassy.isActive) return [];

  const liaisons = await db
    .select({ userId: users.id, address: users.email, locale: users.preferredLocale })
    .from(users)
    .where(and(eq(users.organisationId, found.embassy.id), eq(users.role, 'embassy_liaison'), eq(users.isActive, true)));
  const personal = new Set(liaisons.map((liaison) => liaison.address.toLowerCase()));
  const recipients: Recipient[] = [
    ...liaisons,
    // A duty address that is also an officer's own gets the officer's message only.
    ...found.embassy.dutyEmailAddresses.filter((address) => !personal.has(address.toLowerCase())).map((address) => ({ userId: null, address, locale: null })),
  ];
  if (recipients.length === 0) return [];

  const facts = {
    caseId: found.case.id,
    caseReferenceNumber: found.case.referenceNumber,
    crimeType: found.case.crimeType,
    province: found.province,
    kind: found.notification.kind,
    dueAt: found.notification.dueAt,
    baseUrl: config.baseUrl,
  };
  const created = await db
    .insert(mailDeliveries)
    .values(
      recipients.map((recipient) => {
        const mail = renderNewNotificationMail(facts, recipient.locale);
        return {
          kind: 'new_notification' as const,
          notificationId,
          organisationId: found.embassy.id,
          recipientUserId: recipient.userId,
          recipientAddress: recipient.address,
          locale: recipient.locale,
          isUrgent: found.notification.kind === 'detention',
          subject: mail.subject,
          textBody: mail.text,
          htmlBody: mail.html,
          queuedAt: now,
          idempotencyKey: `new_notification:${notificationId}:${recipient.address.toLowerCase()}`,
        };
      }),
    )
    .onConflictDoNothing({ target: mailDeliveries.idempotencyKey })
    .returning({ id: mailDeliveries.id });
  return created.map((row) => row.id);
}
