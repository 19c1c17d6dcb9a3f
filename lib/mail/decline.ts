import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cases, notifications, organisations, provinces, type NotificationDeclineReason } from '@/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import { localizedName, type LocalizedNames } from '@/lib/i18n/localized-name';
import { mailConfig, type MailConfig } from './config';
import { queueDeliveries, type PlannedDelivery } from './deliveries';
import { usersAsRecipients, type Recipient } from './recipients';
import { formatMailTime, renderForRecipient, translatorFor, type MailSection, type RenderedMail } from './render';

/**
 * The police hear at once that an embassy declined a notification, because they must answer it (confirm or
 * correct the nationality): the case's responsible officer (its assignee, else its creator) and the supervisors of
 * the province, whatever their preferences. The message names the embassy and the reason, never the embassy's
 * note (it may name the person) nor anyone in the case.
 */
export interface DeclineMailFacts {
  caseId: string;
  caseReferenceNumber: string;
  province: LocalizedNames;
  embassyName: LocalizedNames;
  reason: NotificationDeclineReason;
  declinedAt: Date;
  /** The public address of CaseBridge (NEXTAUTH_URL), without a trailing slash. */
  baseUrl: string;
}

function declineSection(facts: DeclineMailFacts, locale: Locale): MailSection {
  const t = translatorFor(locale);
  const embassy = localizedName(facts.embassyName, locale);
  const reason = t(`enums.notificationDeclineReason.${facts.reason}`);
  return {
    locale,
    subject: t('mail.decline.subject', { reference: facts.caseReferenceNumber, embassy }),
    paragraphs: [t('mail.decline.intro', { embassy, reason }), t('mail.decline.answer')],
    facts: [
      [t('mail.fields.reference'), facts.caseReferenceNumber],
      [t('mail.fields.province'), localizedName(facts.province, locale)],
      [t('mail.escalation.embassy'), embassy],
      [t('mail.decline.reason'), reason],
      [t('mail.decline.at'), formatMailTime(facts.declinedAt, locale)],
    ],
    link: { label: t('mail.decline.open'), href: `${facts.baseUrl}/police/cases/${facts.caseId}#notifications` },
    footer: t('mail.footer'),
  };
}

export function renderDeclineMail(facts: DeclineMailFacts, locale: Locale | null): RenderedMail {
  return renderForRecipient(locale, (sectionLocale) => declineSection(facts, sectionLocale));
}

/**
 * Part of the `notification.updated` job: when the notification is declined, plans the police's message once per
 * decline (its time is the key: planning it again adds nothing). Any other update plans nothing here.
 */
export async function planDeclineMail(notificationId: string, now: Date = new Date(), config: MailConfig = mailConfig()): Promise<string[]> {
  const db = getDb();
  const [found] = await db
    .select({
      declinedAt: notifications.declinedAt,
      reason: notifications.declineReason,
      caseId: cases.id,
      caseReferenceNumber: cases.referenceNumber,
      provinceCode: cases.provinceCode,
      responsibleId: cases.assignedTo,
      createdBy: cases.createdBy,
      province: { en: provinces.nameEn, km: provinces.nameKm, zh: provinces.nameZh },
      embassyName: { en: organisations.nameEn, km: organisations.nameKm, zh: organisations.nameZh },
    })
    .from(notifications)
    .innerJoin(cases, eq(cases.id, notifications.caseId))
    .innerJoin(provinces, eq(provinces.code, cases.provinceCode))
    .innerJoin(organisations, eq(organisations.id, notifications.embassyOrganisationId))
    .where(eq(notifications.id, notificationId));
  if (!found?.declinedAt || !found.reason) return [];
  const facts: DeclineMailFacts = { ...found, declinedAt: found.declinedAt, reason: found.reason, baseUrl: config.baseUrl };
  const forces = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.kind, 'police'), eq(organisations.provinceCode, found.provinceCode), eq(organisations.isActive, true)))
    .orderBy(asc(organisations.slug));
  const planned: PlannedDelivery[] = [];
  const addressed = new Set<string>();
  for (const force of forces) {
    const recipients: Recipient[] = [
      ...(await usersAsRecipients(db, force.id, ['police_officer', 'police_supervisor'], { userIds: [found.responsibleId ?? found.createdBy] })),
      ...(await usersAsRecipients(db, force.id, ['police_supervisor'])),
    ];
    for (const recipient of recipients) {
      if (addressed.has(recipient.address.toLowerCase())) continue;
      addressed.add(recipient.address.toLowerCase());
      planned.push({
        kind: 'notification_declined',
        subjectKey: `${notificationId}:${found.declinedAt.toISOString()}`,
        notificationId,
        organisationId: force.id,
        recipient,
        mail: renderDeclineMail(facts, recipient.locale),
      });
    }
  }
  return queueDeliveries(db, planned, now);
}
