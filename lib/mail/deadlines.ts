import 'server-only';
import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm';
import { getDb, type Database, type Transaction } from '@/db/client';
import { notifications, organisations, type CrimeType, type NotificationKind } from '@/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import { localizedName, type LocalizedNames } from '@/lib/i18n/localized-name';
import { defineQueue, type QueueDefinition } from '@/lib/jobs/jobs';
import { mailConfig, type MailConfig } from './config';
import { notifiedCaseFactsOf, type NotifiedCaseFacts } from './case-facts';
import { queueDeliveries, type PlannedDelivery } from './deliveries';
import type { MailContext } from './queues';
import { dutyAddressesOf, usersAsRecipients, withDutyAddresses, type Recipient } from './recipients';
import { formatMailTime, renderForRecipient, translatorFor, type MailSection, type RenderedMail } from './render';
import { recordOutboxMessage } from '@/lib/outbox/record-outbox-message';

/**
 * The two moments of an unacknowledged notification, neither of which can be turned off:
 * - the REMINDER, when three quarters of the time to acknowledge have passed (`remind_at`, kept by a trigger from
 *   `created_at` and `due_at`, so a deadline a detention shortened brings its reminder forward): to every active
 *   liaison officer and duty address of the embassy;
 * - the ESCALATION, when the deadline passes: urgent, to the embassy's duty addresses and to the police supervisors
 *   of the case's province, who can call the embassy.
 * A scheduled job looks every minute; `reminded_at` and `escalated_at` mark a moment handled, in the transaction
 * that stores its deliveries. A notification acknowledged, withdrawn or declined before its moment is never selected.
 */

/**
 * A moment that passed more than this long ago (the workers were down) is marked handled without e-mail: a
 * reminder or an overdue warning days late, dozens at once after an outage, would tell nobody anything in time,
 * and the daily digest lists every notification still overdue. The same rule keeps the first run on a database
 * from mailing its whole history.
 */
export const deadlineCatchUpMs = 24 * 3_600_000;

/** Notifications handled per transaction: a backlog is worked through in short transactions. */
const deadlineBatchSize = 100;

export type DeadlineMoment = 'reminder' | 'escalation';

/** What a reminder or an escalation may say about its case. */
export interface DeadlineFacts {
  caseId: string;
  caseReferenceNumber: string;
  crimeType: CrimeType;
  province: LocalizedNames;
  kind: NotificationKind;
  dueAt: Date;
  /** Named in the police's escalation, so the supervisor knows whom to call. */
  embassyName: LocalizedNames;
  /** The public address of CaseBridge (NEXTAUTH_URL), without a trailing slash. */
  baseUrl: string;
}

function caseFacts(t: ReturnType<typeof translatorFor>, facts: DeadlineFacts, locale: Locale, due: string): [string, string][] {
  return [
    [t('mail.fields.reference'), facts.caseReferenceNumber],
    [t('mail.fields.crimeType'), t(`enums.crimeType.${facts.crimeType}`)],
    [t('mail.fields.province'), localizedName(facts.province, locale)],
    [t('mail.fields.kind'), t(`enums.notificationKind.${facts.kind}`)],
    [t('mail.fields.dueAt'), due],
  ];
}

function reminderSection(facts: DeadlineFacts, locale: Locale): MailSection {
  const t = translatorFor(locale);
  const due = formatMailTime(facts.dueAt, locale);
  const subject = t('mail.reminder.subject', { reference: facts.caseReferenceNumber, province: localizedName(facts.province, locale) });
  return {
    locale,
    subject: facts.kind === 'detention' ? `${t('mail.urgentPrefix')} ${subject}` : subject,
    paragraphs: [t('mail.reminder.intro'), t('mail.newNotification.acknowledgeBy', { due })],
    facts: caseFacts(t, facts, locale, due),
    link: { label: t('mail.newNotification.open'), href: `${facts.baseUrl}/embassy/cases/${facts.caseId}` },
    footer: t('mail.footer'),
  };
}

/** A reminder to the embassy, in the recipient's language; `null` for every language in one message (a duty address). */
export function renderReminderMail(facts: DeadlineFacts, locale: Locale | null): RenderedMail {
  return renderForRecipient(locale, (sectionLocale) => reminderSection(facts, sectionLocale));
}

function embassyEscalationSection(facts: DeadlineFacts, locale: Locale): MailSection {
  const t = translatorFor(locale);
  const due = formatMailTime(facts.dueAt, locale);
  return {
    locale,
    subject: `${t('mail.escalation.prefix')} ${t('mail.escalation.embassySubject', { reference: facts.caseReferenceNumber, province: localizedName(facts.province, locale) })}`,
    paragraphs: [t('mail.escalation.embassyIntro', { due }), t('mail.escalation.acknowledgeNow')],
    facts: caseFacts(t, facts, locale, due),
    link: { label: t('mail.newNotification.open'), href: `${facts.baseUrl}/embassy/cases/${facts.caseId}` },
    footer: t('mail.footer'),
  };
}

function policeEscalationSection(facts: DeadlineFacts, locale: Locale): MailSection {
  const t = translatorFor(locale);
  const due = formatMailTime(facts.dueAt, locale);
  const embassy = localizedName(facts.embassyName, locale);
  return {
    locale,
    subject: `${t('mail.escalation.prefix')} ${t('mail.escalation.policeSubject', { reference: facts.caseReferenceNumber, embassy })}`,
    paragraphs: [t('mail.escalation.policeIntro', { embassy, due }), t('mail.escalation.policeAdvice')],
    facts: [...caseFacts(t, facts, locale, due), [t('mail.escalation.embassy'), embassy]],
    link: { label: t('mail.newNotification.open'), href: `${facts.baseUrl}/police/cases/${facts.caseId}` },
    footer: t('mail.footer'),
  };
}

/** An escalation: to the embassy (its duty addresses, every language) or to a police supervisor (their language, the police link). */
export function renderEscalationMail(facts: DeadlineFacts, audience: 'embassy' | 'police', locale: Locale | null): RenderedMail {
  const sectionOf = audience === 'embassy' ? embassyEscalationSection : policeEscalationSection;
  return renderForRecipient(locale, (sectionLocale) => sectionOf(facts, sectionLocale));
}

/**
 * The notifications whose moment has come and is not handled yet, oldest first, locked and skipping those another
 * worker holds: each scan is a range of its partial index (`notifications_reminder_due_idx` on `remind_at`,
 * `notifications_escalation_due_idx` on `due_at`, both over unacknowledged rows not yet marked), so it reads only
 * what is due, however many notifications there are. Exported for the test that EXPLAINs it.
 */
export function dueNotificationsQuery(db: Pick<Database, 'select'>, moment: DeadlineMoment, now: Date, limit: number) {
  const at = moment === 'reminder' ? notifications.remindAt : notifications.dueAt;
  const mark = moment === 'reminder' ? notifications.remindedAt : notifications.escalatedAt;
  return db
    .select({ id: notifications.id, remindAt: notifications.remindAt, dueAt: notifications.dueAt })
    .from(notifications)
    .where(and(isNull(notifications.acknowledgedAt), isNull(notifications.withdrawnAt), isNull(notifications.declinedAt), isNull(mark), lte(at, now)))
    .orderBy(asc(at))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Who hears of a moment, per organisation; read once per transaction however many of its notifications are due. */
class RecipientsOfBatch {
  private readonly embassies = new Map<string, Recipient[]>();
  private readonly embassyDuty = new Map<string, Recipient[]>();
  private readonly supervisors = new Map<string, { organisationId: string; recipients: Recipient[] }[]>();

  constructor(private readonly tx: Transaction) {}

  /** Every active liaison officer and every duty address (a reminder). */
  async embassy(embassyId: string): Promise<Recipient[]> {
    let found = this.embassies.get(embassyId);
    if (!found) {
      found = withDutyAddresses(await usersAsRecipients(this.tx, embassyId, ['embassy_liaison']), await dutyAddressesOf(this.tx, embassyId));
      this.embassies.set(embassyId, found);
    }
    return found;
  }

  /** The duty addresses only (an escalation: the mission's desk, not each officer again). */
  async embassyDutyDesk(embassyId: string): Promise<Recipient[]> {
    let found = this.embassyDuty.get(embassyId);
    if (!found) {
      found = withDutyAddresses([], await dutyAddressesOf(this.tx, embassyId));
      this.embassyDuty.set(embassyId, found);
    }
    return found;
  }

  /**
   * The active supervisors of every active police force of the province. A case belongs to its province, not to
   * one force (`cases` has no organisation; officers see their province's cases), so every supervisor who can
   * open it is told.
   */
  async policeSupervisors(provinceCode: string): Promise<{ organisationId: string; recipients: Recipient[] }[]> {
    let found = this.supervisors.get(provinceCode);
    if (!found) {
      const forces = await this.tx
        .select({ id: organisations.id })
        .from(organisations)
        .where(and(eq(organisations.kind, 'police'), eq(organisations.provinceCode, provinceCode), eq(organisations.isActive, true)))
        .orderBy(asc(organisations.slug));
      found = [];
      for (const force of forces) found.push({ organisationId: force.id, recipients: await usersAsRecipients(this.tx, force.id, ['police_supervisor']) });
      this.supervisors.set(provinceCode, found);
    }
    return found;
  }
}

function deadlineFactsOf(facts: NotifiedCaseFacts, config: MailConfig): DeadlineFacts {
  return {
    caseId: facts.caseId,
    caseReferenceNumber: facts.caseReferenceNumber,
    crimeType: facts.crimeType,
    province: facts.province,
    kind: facts.kind,
    dueAt: facts.dueAt,
    embassyName: facts.embassyName,
    baseUrl: config.baseUrl,
  };
}

async function plannedReminders(recipients: RecipientsOfBatch, facts: NotifiedCaseFacts, config: MailConfig): Promise<PlannedDelivery[]> {
  const deadline = deadlineFactsOf(facts, config);
  return (await recipients.embassy(facts.embassyId)).map((recipient) => ({
    kind: 'reminder',
    // The deadline is part of the key: a reminder is of one deadline.
    subjectKey: `${facts.notificationId}:${facts.dueAt.toISOString()}`,
    notificationId: facts.notificationId,
    organisationId: facts.embassyId,
    recipient,
    // A detention notification's reminder is as urgent as the notification was.
    isUrgent: facts.kind === 'detention',
    mail: renderReminderMail(deadline, recipient.locale),
  }));
}

async function plannedEscalations(recipients: RecipientsOfBatch, facts: NotifiedCaseFacts, config: MailConfig): Promise<PlannedDelivery[]> {
  const deadline = deadlineFactsOf(facts, config);
  const subjectKey = `${facts.notificationId}:${facts.dueAt.toISOString()}`;
  // Without a duty address at the embassy, the escalation still reaches the supervisors.
  const toEmbassy = (await recipients.embassyDutyDesk(facts.embassyId)).map((recipient) => ({
    kind: 'escalation' as const,
    subjectKey,
    notificationId: facts.notificationId,
    organisationId: facts.embassyId,
    recipient,
    isUrgent: true,
    mail: renderEscalationMail(deadline, 'embassy', recipient.locale),
  }));
  const toPolice = (await recipients.policeSupervisors(facts.provinceCode)).flatMap((force) =>
    force.recipients.map((recipient) => ({
      kind: 'escalation' as const,
      subjectKey,
      notificationId: facts.notificationId,
      organisationId: force.organisationId,
      recipient,
      isUrgent: true,
      mail: renderEscalationMail(deadline, 'police', recipient.locale),
    })),
  );
  return [...toEmbassy, ...toPolice];
}

/** One moment for every notification due, a batch per transaction; returns the deliveries created. */
async function planMoment(moment: DeadlineMoment, now: Date, config: MailConfig, batchSize: number): Promise<string[]> {
  const created: string[] = [];
  const tooLate = now.getTime() - deadlineCatchUpMs;
  for (;;) {
    const handled = await getDb().transaction(async (tx) => {
      const due = await dueNotificationsQuery(tx, moment, now, batchSize);
      if (due.length === 0) return 0;
      const toMail = due.filter((notification) =>
        moment === 'reminder'
          ? // A reminder once the deadline has passed would come after it: the escalation speaks instead.
            notification.remindAt.getTime() >= tooLate && notification.dueAt.getTime() > now.getTime()
          : notification.dueAt.getTime() >= tooLate,
      );
      const factsById = await notifiedCaseFactsOf(
        tx,
        toMail.map((notification) => notification.id),
      );
      const recipients = new RecipientsOfBatch(tx);
      const planned: PlannedDelivery[] = [];
      for (const facts of factsById.values()) {
        planned.push(...(moment === 'reminder' ? await plannedReminders(recipients, facts, config) : await plannedEscalations(recipients, facts, config)));
      }
      created.push(...(await queueDeliveries(tx, planned, now)));
      const ids = due.map((notification) => notification.id);
      await tx
        .update(notifications)
        .set(moment === 'reminder' ? { remindedAt: now } : { escalatedAt: now })
        .where(inArray(notifications.id, ids));
      // Partner systems hear of every deadline passed, late ones too (their webhooks: lib/webhooks).
      if (moment === 'escalation') await recordOutboxMessage(tx, ...ids.map((notificationId) => ({ topic: 'notification.overdue' as const, payload: { notificationId } })));
      return due.length;
    });
    if (handled < batchSize) return created;
  }
}

/**
 * The scheduled job's work at `now`: every reminder, then every escalation, that has come. Two workers at once
 * each take other notifications (SKIP LOCKED), and a moment is marked in the transaction that stores its
 * deliveries, so nothing is planned twice; were it planned again, the deliveries' keys (notification and deadline)
 * would add nothing.
 */
export async function planDeadlineMail(now: Date = new Date(), config: MailConfig = mailConfig(), { batchSize = deadlineBatchSize } = {}): Promise<string[]> {
  return [...(await planMoment('reminder', now, config, batchSize)), ...(await planMoment('escalation', now, config, batchSize))];
}

/** Every minute: the moments that came since the last look. A failed run is simply the next minute's work. */
export function defineDeadlineQueue(context: MailContext): QueueDefinition<Record<string, never>> {
  return defineQueue<Record<string, never>>({
    name: 'mail.deadlines',
    retryLimit: 0,
    retryDelaySeconds: 0,
    retryBackoff: false,
    schedule: { cron: '* * * * *', data: {} },
    async handler() {
      await context.send(await planDeadlineMail(context.now(), context.config()));
    },
  });
}
