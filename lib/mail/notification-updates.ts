import 'server-only';
import { followUpKinds, urgentFollowUpKinds, type FollowUpKind } from '@/lib/consular/schemas';
import { and, asc, eq, gt, lte, type SQL } from 'drizzle-orm';
import { getDb, type Database } from '@/db/client';
import { caseStatus, notifications, notificationUpdates, type CaseStatus, type CrimeType, type NotificationUpdateKind } from '@/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import { localizedName, type LocalizedNames } from '@/lib/i18n/localized-name';
import { defineQueue, enqueueJob, type QueueDefinition } from '@/lib/jobs/jobs';
import { mailConfig, type MailConfig } from './config';
import { notifiedCaseFactsOf, type NotifiedCaseFacts } from './case-facts';
import { queueDeliveries, type PlannedDelivery } from './deliveries';
import type { MailContext } from './queues';
import { dutyAddressesOf, usersAsRecipients, withDutyAddresses } from './recipients';
import { formatMailTime, renderForRecipient, translatorFor, type MailSection, type RenderedMail } from './render';

/**
 * E-mail of what is appended to a notification (lib/notifications/sync.ts, lib/disclosure/commands.ts):
 * - ordinary updates are gathered per notification into batches of 15 minutes (of the clock: :00, :15, :30, :45),
 *   one message per batch to each liaison officer of the embassy who chose `immediate` (`daily`: the digest;
 *   `off`: nothing; duty addresses: nothing, they hear of new notifications, detentions and deadlines);
 * - a detention cannot wait and cannot be turned off: it goes out at once, urgent, to every liaison officer and
 *   every duty address.
 *
 * `notifications.updates_mailed_until` is where the batches have got to: every update at or before it has been
 * planned (or, for a notification that predates e-mail, counts as told). It moves forward only, in the transaction
 * that stores the batch's deliveries, so a batch is planned once whatever runs twice.
 */

/** How long updates to one notification are gathered into one e-mail. */
export const updateBatchMs = 15 * 60_000;

/**
 * How long after a batch's end it is closed. An update's time is taken when its transaction starts, so one made
 * at 10:14:59 may commit just after 10:15: the 10:00 batch waits a minute so that it is there to be read. (An
 * update whose transaction took longer than that would be passed over; the app's writes take milliseconds.)
 */
export const updateCommitGraceMs = 60_000;

/** The start of the batch a moment falls in. Cambodia is UTC+7, so UTC quarters are also local ones. */
export function updateBatchStartOf(moment: Date): Date {
  return new Date(Math.floor(moment.getTime() / updateBatchMs) * updateBatchMs);
}

type CountedUpdateKind = Exclude<NotificationUpdateKind, 'national_detained' | 'case_status_changed'>;

/** One line of an update e-mail: a kind of change and how often it happened, or a new case status. Never who. */
export type UpdateLine = { kind: CountedUpdateKind; count: number } | { kind: 'case_status_changed'; status: CaseStatus | null };

/** What an update e-mail may say about its case. */
export interface NotificationUpdateFacts {
  caseId: string;
  caseReferenceNumber: string;
  crimeType: CrimeType;
  province: LocalizedNames;
  /** How many updates the message covers (detentions, mailed on their own, are not among them). */
  updateCount: number;
  lines: UpdateLine[];
  /** The public address of CaseBridge (NEXTAUTH_URL), without a trailing slash. */
  baseUrl: string;
}

/** What a detention e-mail may say about its case. */
export interface DetentionFacts {
  caseId: string;
  caseReferenceNumber: string;
  crimeType: CrimeType;
  province: LocalizedNames;
  detainedCount: number;
  /** The deadline (a detention shortens it) while the notification waits for acknowledgement; null once acknowledged. */
  dueAt: Date | null;
  baseUrl: string;
}

interface UpdateRow {
  kind: NotificationUpdateKind;
  details: unknown;
  createdAt: Date;
}

/**
 * The new status of a status change. Only a status change's details are read, and only their `to`, checked against
 * the statuses: the other kinds' details hold a person's id or a supervisor's written justification, which no
 * e-mail may carry.
 */
function newStatusOf(details: unknown): CaseStatus | null {
  const to = typeof details === 'object' && details !== null ? (details as { to?: unknown }).to : undefined;
  return caseStatus.enumValues.find((status) => status === to) ?? null;
}

/** The lines of an update e-mail, in the order things happened; each counted kind on one line at its first time. */
export function summariseUpdates(updates: readonly Pick<UpdateRow, 'kind' | 'details'>[]): UpdateLine[] {
  const lines: UpdateLine[] = [];
  const counted = new Map<CountedUpdateKind, { kind: CountedUpdateKind; count: number }>();
  for (const update of updates) {
    if (update.kind === 'national_detained') continue;
    if (update.kind === 'case_status_changed') {
      lines.push({ kind: 'case_status_changed', status: newStatusOf(update.details) });
      continue;
    }
    const line = counted.get(update.kind);
    if (line) line.count += 1;
    else {
      const created = { kind: update.kind, count: 1 };
      counted.set(update.kind, created);
      lines.push(created);
    }
  }
  return lines;
}

function notificationUpdateSection(facts: NotificationUpdateFacts, locale: Locale): MailSection {
  const t = translatorFor(locale);
  const province = localizedName(facts.province, locale);
  const lineText = (line: UpdateLine) =>
    line.kind === 'case_status_changed'
      ? line.status
        ? t('mail.notificationUpdate.lines.case_status_changed', { status: t(`enums.caseStatus.${line.status}`) })
        : t('mail.notificationUpdate.statusChanged')
      : t(`mail.notificationUpdate.lines.${line.kind}`, { count: line.count });
  return {
    locale,
    subject: t('mail.notificationUpdate.subject', { reference: facts.caseReferenceNumber, province }),
    paragraphs: [t('mail.notificationUpdate.intro', { count: facts.updateCount }), ...facts.lines.map((line) => `• ${lineText(line)}`), t('mail.notificationUpdate.frequency')],
    facts: [
      [t('mail.fields.reference'), facts.caseReferenceNumber],
      [t('mail.fields.crimeType'), t(`enums.crimeType.${facts.crimeType}`)],
      [t('mail.fields.province'), province],
      [t('mail.notificationUpdate.count'), String(facts.updateCount)],
    ],
    link: { label: t('mail.newNotification.open'), href: `${facts.baseUrl}/embassy/cases/${facts.caseId}` },
    footer: t('mail.footer'),
  };
}

/** A batch of updates, in the recipient's language (liaison officers only: duty addresses get no batches). */
export function renderNotificationUpdateMail(facts: NotificationUpdateFacts, locale: Locale | null): RenderedMail {
  return renderForRecipient(locale, (sectionLocale) => notificationUpdateSection(facts, sectionLocale));
}

function detentionSection(facts: DetentionFacts, locale: Locale): MailSection {
  const t = translatorFor(locale);
  const province = localizedName(facts.province, locale);
  const due = facts.dueAt ? formatMailTime(facts.dueAt, locale) : null;
  return {
    locale,
    subject: `${t('mail.urgentPrefix')} ${t('mail.detention.subject', { reference: facts.caseReferenceNumber, province })}`,
    paragraphs: [t('mail.detention.body', { count: facts.detainedCount }), ...(due ? [t('mail.newNotification.acknowledgeBy', { due })] : [])],
    facts: [
      [t('mail.fields.reference'), facts.caseReferenceNumber],
      [t('mail.fields.crimeType'), t(`enums.crimeType.${facts.crimeType}`)],
      [t('mail.fields.province'), province],
      ...(due ? [[t('mail.fields.dueAt'), due] as [string, string]] : []),
    ],
    link: { label: t('mail.newNotification.open'), href: `${facts.baseUrl}/embassy/cases/${facts.caseId}` },
    footer: t('mail.footer'),
  };
}

/** A detention, in the recipient's language; `null` for every language in one message (a duty address). */
export function renderDetentionMail(facts: DetentionFacts, locale: Locale | null): RenderedMail {
  return renderForRecipient(locale, (sectionLocale) => detentionSection(facts, sectionLocale));
}

/** A notification's updates after `after` (all of them when null) and up to `until` (no bound when null), oldest first. */
async function updatesOf(db: Pick<Database, 'select'>, notificationId: string, after: Date | null, until: Date | null): Promise<UpdateRow[]> {
  const conditions: SQL[] = [eq(notificationUpdates.notificationId, notificationId)];
  if (after) conditions.push(gt(notificationUpdates.createdAt, after));
  if (until) conditions.push(lte(notificationUpdates.createdAt, until));
  return db
    .select({ kind: notificationUpdates.kind, details: notificationUpdates.details, createdAt: notificationUpdates.createdAt })
    .from(notificationUpdates)
    .where(and(...conditions))
    .orderBy(asc(notificationUpdates.createdAt), asc(notificationUpdates.id));
}

/**
 * One urgent message per detention among `updates` to every active liaison officer, whatever their preference,
 * and to every duty address. The nationals detained in one save share its time and make one message; that time
 * is the message's key, so planning it again (the batch re-plans the detentions it covers, in case their own job
 * came late) adds nothing.
 *
 * Because it does not wait for the batch, an officer with `immediate` updates may get a detention message and,
 * within the same 15 minutes, the batch of the other updates: the one exception to one e-mail per 15 minutes,
 * taken because a detained national needs consular help now and the deadline has just become shorter.
 */
async function plannedDetentionMail(db: Pick<Database, 'select'>, facts: NotifiedCaseFacts, updates: readonly UpdateRow[], config: MailConfig): Promise<PlannedDelivery[]> {
  const detainedAt = new Map<string, number>();
  for (const update of updates) {
    if (update.kind === 'national_detained') detainedAt.set(update.createdAt.toISOString(), (detainedAt.get(update.createdAt.toISOString()) ?? 0) + 1);
  }
  if (detainedAt.size === 0) return [];
  const recipients = withDutyAddresses(await usersAsRecipients(db, facts.embassyId, ['embassy_liaison']), await dutyAddressesOf(db, facts.embassyId));
  return [...detainedAt].flatMap(([moment, detainedCount]) => {
    const detention: DetentionFacts = {
      caseId: facts.caseId,
      caseReferenceNumber: facts.caseReferenceNumber,
      crimeType: facts.crimeType,
      province: facts.province,
      detainedCount,
      dueAt: facts.acknowledgedAt ? null : facts.dueAt,
      baseUrl: config.baseUrl,
    };
    return recipients.map((recipient) => ({
      kind: 'notification_update' as const,
      subjectKey: `${facts.notificationId}:detained:${moment}`,
      notificationId: facts.notificationId,
      organisationId: facts.embassyId,
      recipient,
      isUrgent: true,
      mail: renderDetentionMail(detention, recipient.locale),
    }));
  });
}

function urgentFollowUpSection(facts: DetentionFacts & { kind: FollowUpKind }, locale: Locale): MailSection {
  const t = translatorFor(locale);
  const province = localizedName(facts.province, locale);
  return {
    locale,
    subject: `${t('mail.urgentPrefix')} ${t('mail.followUp.subject', { update: t(`enums.notificationUpdate.${facts.kind}`), reference: facts.caseReferenceNumber, province })}`,
    paragraphs: [t(`mail.notificationUpdate.lines.${facts.kind}`, { count: facts.detainedCount })],
    facts: [
      [t('mail.fields.reference'), facts.caseReferenceNumber],
      [t('mail.fields.crimeType'), t(`enums.crimeType.${facts.crimeType}`)],
      [t('mail.fields.province'), province],
    ],
    link: { label: t('mail.newNotification.open'), href: `${facts.baseUrl}/embassy/cases/${facts.caseId}` },
    footer: t('mail.footer'),
  };
}

/**
 * A death in custody is e-mailed at once, urgent, like a detention: to every liaison officer whatever their
 * preference and to the duty addresses, keyed by the update's time so planning it again adds nothing. It is
 * also in the next batch with the other updates.
 */
async function plannedUrgentFollowUpMail(db: Pick<Database, 'select'>, facts: NotifiedCaseFacts, updates: readonly UpdateRow[], config: MailConfig): Promise<PlannedDelivery[]> {
  const urgent = new Map<string, { kind: FollowUpKind; count: number }>();
  for (const update of updates) {
    if (!(followUpKinds as readonly string[]).includes(update.kind) || !urgentFollowUpKinds.has(update.kind as FollowUpKind)) continue;
    const key = `${update.kind}:${update.createdAt.toISOString()}`;
    urgent.set(key, { kind: update.kind as FollowUpKind, count: (urgent.get(key)?.count ?? 0) + 1 });
  }
  if (urgent.size === 0) return [];
  const recipients = withDutyAddresses(await usersAsRecipients(db, facts.embassyId, ['embassy_liaison']), await dutyAddressesOf(db, facts.embassyId));
  return [...urgent].flatMap(([key, { kind, count }]) => {
    const followUp = {
      caseId: facts.caseId,
      caseReferenceNumber: facts.caseReferenceNumber,
      crimeType: facts.crimeType,
      province: facts.province,
      detainedCount: count,
      dueAt: null,
      baseUrl: config.baseUrl,
      kind,
    };
    return recipients.map((recipient) => ({
      kind: 'notification_update' as const,
      subjectKey: `${facts.notificationId}:${key}`,
      notificationId: facts.notificationId,
      organisationId: facts.embassyId,
      recipient,
      isUrgent: true,
      mail: renderForRecipient(recipient.locale, (sectionLocale) => urgentFollowUpSection(followUp, sectionLocale)),
    }));
  });
}

/**
 * What the `notification.updated` job does at once: plans the detention messages among the updates no batch has
 * covered yet, and says which batch the rest wait for — that of the newest of them, so every batch holding an
 * update gets its job (an older batch's job, still waiting, covers up to its own end only). Returns the
 * deliveries created and that batch's start, or null when every update has been covered already.
 */
export async function planImmediateUpdateMail(
  notificationId: string,
  now: Date = new Date(),
  config: MailConfig = mailConfig(),
): Promise<{ deliveryIds: string[]; batchStart: Date | null }> {
  const db = getDb();
  const [state] = await db.select({ mailedUntil: notifications.updatesMailedUntil }).from(notifications).where(eq(notifications.id, notificationId));
  const unmailed = state ? await updatesOf(db, notificationId, state.mailedUntil, null) : [];
  const newest = unmailed[unmailed.length - 1];
  if (!newest) return { deliveryIds: [], batchStart: null };
  const facts = (await notifiedCaseFactsOf(db, [notificationId])).get(notificationId);
  const planned = facts ? [...(await plannedDetentionMail(db, facts, unmailed, config)), ...(await plannedUrgentFollowUpMail(db, facts, unmailed, config))] : [];
  const deliveryIds = planned.length ? await queueDeliveries(db, planned, now) : [];
  return { deliveryIds, batchStart: updateBatchStartOf(newest.createdAt) };
}

/**
 * A batch job: one message per `immediate` liaison officer listing every update after `updates_mailed_until`
 * up to the end of the last batch closed by `now` (the end of the job's own batch when it runs on time; when it
 * runs late, every batch closed since, so a backlog makes one message, not one per quarter hour). Moves
 * `updates_mailed_until` there in the same transaction, under a lock on the notification: a second run of the
 * job, or a waiting job of an earlier batch running after a later one, finds nothing left and plans nothing. A
 * batch of detentions only moves the mark and sends no list (each detention had its own message).
 */
export async function planNotificationUpdateMail(notificationId: string, now: Date = new Date(), config: MailConfig = mailConfig()): Promise<string[]> {
  const coveredUntil = updateBatchStartOf(new Date(now.getTime() - updateCommitGraceMs));
  return getDb().transaction(async (tx) => {
    const [locked] = await tx
      .select({ mailedUntil: notifications.updatesMailedUntil })
      .from(notifications)
      .where(eq(notifications.id, notificationId))
      .for('update');
    if (!locked || (locked.mailedUntil && locked.mailedUntil.getTime() >= coveredUntil.getTime())) return [];
    const updates = await updatesOf(tx, notificationId, locked.mailedUntil, coveredUntil);
    const facts = updates.length > 0 ? (await notifiedCaseFactsOf(tx, [notificationId])).get(notificationId) : undefined;
    const planned: PlannedDelivery[] = [];
    if (facts) {
      planned.push(...(await plannedDetentionMail(tx, facts, updates, config)));
      const lines = summariseUpdates(updates);
      if (lines.length > 0) {
        const batch: NotificationUpdateFacts = {
          caseId: facts.caseId,
          caseReferenceNumber: facts.caseReferenceNumber,
          crimeType: facts.crimeType,
          province: facts.province,
          updateCount: updates.filter((update) => update.kind !== 'national_detained').length,
          lines,
          baseUrl: config.baseUrl,
        };
        const recipients = await usersAsRecipients(tx, facts.embassyId, ['embassy_liaison'], { preference: { of: 'updates', is: 'immediate' } });
        planned.push(
          ...recipients.map((recipient) => ({
            kind: 'notification_update' as const,
            subjectKey: `${notificationId}:${coveredUntil.toISOString()}`,
            notificationId,
            organisationId: facts.embassyId,
            recipient,
            mail: renderNotificationUpdateMail(batch, recipient.locale),
          })),
        );
      }
    }
    const ids = await queueDeliveries(tx, planned, now);
    await tx.update(notifications).set({ updatesMailedUntil: coveredUntil }).where(eq(notifications.id, notificationId));
    return ids;
  });
}

export interface NotificationUpdateMail {
  /** The batches: one job per notification and 15 minutes, started a minute after the batch ends. */
  queue: QueueDefinition<{ notificationId: string }>;
  /** The `notification.updated` outbox topic's handler. */
  onNotificationUpdated: (payload: { notificationId: string }) => Promise<void>;
}

export function defineNotificationUpdateMail(context: MailContext, retries: { limit: number; delaySeconds: number }): NotificationUpdateMail {
  const queue = defineQueue<{ notificationId: string }>({
    name: 'mail.notification-updates',
    retryLimit: retries.limit,
    retryDelaySeconds: retries.delaySeconds,
    retryBackoff: true,
    async handler({ notificationId }) {
      await context.send(await planNotificationUpdateMail(notificationId, context.now(), context.config()));
    },
  });
  return {
    queue,
    async onNotificationUpdated({ notificationId }) {
      const { deliveryIds, batchStart } = await planImmediateUpdateMail(notificationId, context.now(), context.config());
      await context.send(deliveryIds);
      if (!batchStart) return;
      // The key makes every update of the same 15 minutes share one job, however many messages ask for it.
      await enqueueJob(
        queue,
        { notificationId },
        { singletonKey: `${notificationId}:${batchStart.toISOString()}`, startAfter: new Date(batchStart.getTime() + updateBatchMs + updateCommitGraceMs) },
      );
    },
  };
}
