import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cases, notifications, provinces, type CrimeType, type NotificationKind } from '@/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import { localizedName, type LocalizedNames } from '@/lib/i18n/localized-name';
import { logger } from '@/lib/logger';
import { mailConfig, type MailConfig } from './config';
import { queueDeliveries } from './deliveries';
import { dutyAddressesOf, usersAsRecipients, withDutyAddresses } from './recipients';
import { formatMailTime, renderForRecipient, translatorFor, type MailSection, type RenderedMail } from './render';

/** What a new-notification e-mail may say about its case. */
export interface NewNotificationFacts {
  caseId: string;
  caseReferenceNumber: string;
  crimeType: CrimeType;
  province: LocalizedNames;
  kind: NotificationKind;
  dueAt: Date;
  /** The public address of CaseBridge (NEXTAUTH_URL), without a trailing slash. */
  baseUrl: string;
}

function newNotificationSection(facts: NewNotificationFacts, locale: Locale): MailSection {
  const t = translatorFor(locale);
  const isUrgent = facts.kind === 'detention';
  const due = formatMailTime(facts.dueAt, locale);
  const province = localizedName(facts.province, locale);
  const subject = t('mail.newNotification.subject', { reference: facts.caseReferenceNumber, province });
  return {
    locale,
    subject: isUrgent ? `${t('mail.urgentPrefix')} ${subject}` : subject,
    paragraphs: [
      t('mail.newNotification.intro', { province }),
      ...(isUrgent ? [t('mail.newNotification.detention')] : []),
      t('mail.newNotification.acknowledgeBy', { due }),
    ],
    facts: [
      [t('mail.fields.reference'), facts.caseReferenceNumber],
      [t('mail.fields.crimeType'), t(`enums.crimeType.${facts.crimeType}`)],
      [t('mail.fields.province'), province],
      [t('mail.fields.kind'), t(`enums.notificationKind.${facts.kind}`)],
      [t('mail.fields.dueAt'), due],
    ],
    link: { label: t('mail.newNotification.open'), href: `${facts.baseUrl}/embassy/cases/${facts.caseId}` },
    footer: t('mail.footer'),
  };
}

/** A new notification, in the recipient's language; `null` for every language in one message (a duty address). */
export function renderNewNotificationMail(facts: NewNotificationFacts, locale: Locale | null): RenderedMail {
  return renderForRecipient(locale, (sectionLocale) => newNotificationSection(facts, sectionLocale));
}

/**
 * The fan-out of a new notification (the `notification.created` outbox message's job): one rendered delivery
 * per active liaison officer of the embassy and per duty address — none of which can be turned off — and the ids
 * of the rows it created, one send job each. Runs in a worker as the owner, not in an actor's scope. Planning it
 * twice creates nothing the second time (the idempotency key), so a retried job never doubles a message.
 */
export async function planNewNotificationMail(notificationId: string, now: Date = new Date(), config: MailConfig = mailConfig()): Promise<string[]> {
  const db = getDb();
  const [found] = await db
    .select({
      notification: { kind: notifications.kind, dueAt: notifications.dueAt, embassyId: notifications.embassyOrganisationId },
      case: { id: cases.id, referenceNumber: cases.referenceNumber, crimeType: cases.crimeType },
      province: { en: provinces.nameEn, km: provinces.nameKm, zh: provinces.nameZh },
    })
    .from(notifications)
    .innerJoin(cases, eq(cases.id, notifications.caseId))
    .innerJoin(provinces, eq(provinces.code, cases.provinceCode))
    .where(eq(notifications.id, notificationId));
  if (!found) {
    // Its case was deleted since: nobody is left to tell.
    logger.warn({ notificationId }, 'mail: notification to plan no longer exists');
    return [];
  }
  const embassyId = found.notification.embassyId;
  // A deactivated embassy has neither: nobody there is told.
  const recipients = withDutyAddresses(await usersAsRecipients(db, embassyId, ['embassy_liaison']), await dutyAddressesOf(db, embassyId));
  const facts: NewNotificationFacts = {
    caseId: found.case.id,
    caseReferenceNumber: found.case.referenceNumber,
    crimeType: found.case.crimeType,
    province: found.province,
    kind: found.notification.kind,
    dueAt: found.notification.dueAt,
    baseUrl: config.baseUrl,
  };
  return queueDeliveries(
    db,
    recipients.map((recipient) => ({
      kind: 'new_notification',
      subjectKey: notificationId,
      notificationId,
      organisationId: embassyId,
      recipient,
      isUrgent: found.notification.kind === 'detention',
      mail: renderNewNotificationMail(facts, recipient.locale),
    })),
    now,
  );
}
