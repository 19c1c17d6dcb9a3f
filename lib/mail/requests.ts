import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { getDb, type Database } from '@/db/client';
import {
  caseMessages,
  cases,
  cooperationActions,
  notifications,
  organisations,
  provinces,
  users,
  type CooperationActionStatus,
  type CooperationActionType,
  type CooperationSide,
} from '@/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import { localizedName, type LocalizedNames } from '@/lib/i18n/localized-name';
import { logger } from '@/lib/logger';
import { mailConfig, type MailConfig } from './config';
import { queueDeliveries } from './deliveries';
import { usersAsRecipients, type Recipient } from './recipients';
import { renderForRecipient, translatorFor, type MailSection, type RenderedMail } from './render';

/**
 * Request e-mails: one side of a case's thread (the police of its province, or the notified embassy) wrote
 * something the other side should answer, and the people working that thread on the other side hear of it at once
 * (those who chose `immediate` for requests; `daily` ones find it in the digest).
 *
 * What is e-mailed: every message, and a cooperation action that asks something of the other side (status
 * `requested`) or answers one of theirs (`respondsToId`). An action a side records about its own work (a visit done,
 * an interpreter found) is not: it is in the thread and on the timeline, and mailing it would make "requests" mean
 * "everything". The e-mail never holds what was written — a message or a description may name people — only who
 * wrote (the organisation), what kind of thing it is, the case's reference and province, and a link to the thread.
 */
export function isRequestMailAction(action: { status: CooperationActionStatus; respondsToId: string | null }): boolean {
  return action.status === 'requested' || action.respondsToId !== null;
}

/** What was written, as a request e-mail may say it: its kind, never its text. */
export type RequestMailSubject =
  | { kind: 'message' }
  | { kind: 'request'; actionType: CooperationActionType }
  | { kind: 'answer'; actionType: CooperationActionType; status: CooperationActionStatus };

/** What a request e-mail may say about its thread. */
export interface RequestMailFacts {
  caseId: string;
  caseReferenceNumber: string;
  province: LocalizedNames;
  embassyOrganisationId: string;
  /** The organisation of whoever wrote: the police force or the embassy. */
  from: LocalizedNames;
  /** The side the e-mail goes to: its link opens that side's page of the case. */
  toSide: CooperationSide;
  what: RequestMailSubject;
  /** The public address of CaseBridge (NEXTAUTH_URL), without a trailing slash. */
  baseUrl: string;
}

/** The thread on the recipient's page of the case: both pages give it the same anchor (components/cooperation/thread-panel.tsx). */
export function threadLinkOf(facts: Pick<RequestMailFacts, 'baseUrl' | 'toSide' | 'caseId' | 'embassyOrganisationId'>): string {
  return `${facts.baseUrl}/${facts.toSide}/cases/${facts.caseId}#thread-${facts.embassyOrganisationId}`;
}

function requestSection(facts: RequestMailFacts, locale: Locale): MailSection {
  const t = translatorFor(locale);
  const values = { organisation: localizedName(facts.from, locale), reference: facts.caseReferenceNumber, province: localizedName(facts.province, locale) };
  const { what } = facts;
  const action = what.kind === 'message' ? '' : t(`enums.cooperationActionType.${what.actionType}`);
  const status = what.kind === 'answer' ? t(`enums.cooperationActionStatus.${what.status}`) : '';
  const factLines: MailSection['facts'] = [
    [t('mail.fields.reference'), facts.caseReferenceNumber],
    [t('mail.fields.province'), values.province],
    [t('mail.request.from'), values.organisation],
  ];
  if (what.kind !== 'message') factLines.push([t('mail.request.action'), action]);
  if (what.kind === 'answer') factLines.push([t('mail.request.status'), status]);
  return {
    locale,
    subject: t(`mail.request.${what.kind}.subject`, { ...values, action }),
    paragraphs: [t(`mail.request.${what.kind}.intro`, { ...values, action, status }), t('mail.request.preferences')],
    facts: factLines,
    link: { label: t('mail.request.open'), href: threadLinkOf(facts) },
    footer: t('mail.footer'),
  };
}

/** A request e-mail in the recipient's language. They go to people working the thread, never to duty addresses. */
export function renderRequestMail(facts: RequestMailFacts, locale: Locale | null): RenderedMail {
  return renderForRecipient(locale, (sectionLocale) => requestSection(facts, sectionLocale));
}

/** What was written, and by whom, as the planner needs it. */
interface ThreadWrite {
  /** The message's or action's id: the e-mail's subject key. */
  subjectKey: string;
  caseId: string;
  embassyOrganisationId: string;
  authorId: string;
  authorSide: CooperationSide;
  what: RequestMailSubject;
}

type Db = Pick<Database, 'select' | 'selectDistinct'>;

/** Who on one side wrote in the thread: posted a message or recorded an action. */
async function threadWritersOf(db: Db, write: ThreadWrite, side: CooperationSide): Promise<string[]> {
  const [posters, recorders] = await Promise.all([
    db
      .selectDistinct({ userId: caseMessages.authorId })
      .from(caseMessages)
      .where(and(eq(caseMessages.caseId, write.caseId), eq(caseMessages.embassyOrganisationId, write.embassyOrganisationId), eq(caseMessages.authorSide, side))),
    db
      .selectDistinct({ userId: cooperationActions.createdBy })
      .from(cooperationActions)
      .where(
        and(eq(cooperationActions.caseId, write.caseId), eq(cooperationActions.embassyOrganisationId, write.embassyOrganisationId), eq(cooperationActions.recordedBySide, side)),
      ),
  ]);
  return [...posters, ...recorders].map((row) => row.userId);
}

const onlyImmediate = { of: 'requests', is: 'immediate' } as const;

/** One recipient with the organisation the delivery belongs to. */
type AddressedRecipient = { organisationId: string; recipient: Recipient };

/**
 * The police who work the thread: the case's assigned officer (its creator while nobody is assigned) and every
 * officer or supervisor who wrote in it — as long as they are still police of the case's province (someone moved
 * elsewhere no longer sees the case). The province may have several police organisations; each delivery names the
 * recipient's own.
 */
async function policeRecipients(db: Db, write: ThreadWrite, thread: { provinceCode: string; responsibleId: string }): Promise<AddressedRecipient[]> {
  const candidateIds = [...new Set([thread.responsibleId, ...(await threadWritersOf(db, write, 'police'))])].filter((id) => id !== write.authorId);
  if (candidateIds.length === 0) return [];
  const forces = await db
    .selectDistinct({ id: organisations.id })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(inArray(users.id, candidateIds), eq(organisations.kind, 'police'), eq(organisations.provinceCode, thread.provinceCode)));
  const perForce = await Promise.all(
    forces.map(async (force) =>
      (await usersAsRecipients(db, force.id, ['police_officer', 'police_supervisor'], { userIds: candidateIds, preference: onlyImmediate })).map((recipient) => ({
        organisationId: force.id,
        recipient,
      })),
    ),
  );
  return perForce.flat();
}

/**
 * The embassy's liaison officers who work the thread: those who wrote in it or opened or acknowledged the
 * notification and are still active. While none has, every active liaison officer of the embassy: someone must hear
 * of the first request.
 */
async function embassyRecipients(db: Db, write: ThreadWrite, notification: { firstOpenedBy: string | null; acknowledgedBy: string | null }): Promise<AddressedRecipient[]> {
  const embassyId = write.embassyOrganisationId;
  const workedIds = [...(await threadWritersOf(db, write, 'embassy')), notification.firstOpenedBy, notification.acknowledgedBy].filter((id): id is string => id !== null);
  const workers = await usersAsRecipients(db, embassyId, ['embassy_liaison'], { userIds: [...new Set(workedIds)] });
  const recipients = await usersAsRecipients(db, embassyId, ['embassy_liaison'], {
    ...(workers.length > 0 ? { userIds: workers.flatMap((worker) => (worker.userId ? [worker.userId] : [])) } : {}),
    preference: onlyImmediate,
  });
  return recipients.filter((recipient) => recipient.userId !== write.authorId).map((recipient) => ({ organisationId: embassyId, recipient }));
}

/**
 * Plans the request e-mails of one write to the thread: one delivery per recipient on the other side, attached to
 * the notification of that case and embassy (so the notification record lists it and row-level security of
 * deliveries applies). Runs in a worker as the owner; planning it twice creates nothing the second time.
 */
async function planRequestMail(write: ThreadWrite, now: Date, config: MailConfig): Promise<string[]> {
  const db = getDb();
  const [thread] = await db
    .select({
      notificationId: notifications.id,
      firstOpenedBy: notifications.firstOpenedBy,
      acknowledgedBy: notifications.acknowledgedBy,
      referenceNumber: cases.referenceNumber,
      provinceCode: cases.provinceCode,
      assignedTo: cases.assignedTo,
      createdBy: cases.createdBy,
      province: { en: provinces.nameEn, km: provinces.nameKm, zh: provinces.nameZh },
      from: { en: organisations.nameEn, km: organisations.nameKm, zh: organisations.nameZh },
    })
    .from(notifications)
    .innerJoin(cases, eq(cases.id, notifications.caseId))
    .innerJoin(provinces, eq(provinces.code, cases.provinceCode))
    // The author's organisation: the police force or the embassy the e-mail says wrote.
    .innerJoin(users, eq(users.id, write.authorId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(notifications.caseId, write.caseId), eq(notifications.embassyOrganisationId, write.embassyOrganisationId)));
  if (!thread) {
    // The case was deleted since: nobody is left to tell.
    logger.warn({ subjectKey: write.subjectKey }, 'mail: thread of a request no longer exists');
    return [];
  }
  const toSide: CooperationSide = write.authorSide === 'police' ? 'embassy' : 'police';
  const recipients =
    toSide === 'police'
      ? await policeRecipients(db, write, { provinceCode: thread.provinceCode, responsibleId: thread.assignedTo ?? thread.createdBy })
      : await embassyRecipients(db, write, thread);
  const facts: RequestMailFacts = {
    caseId: write.caseId,
    caseReferenceNumber: thread.referenceNumber,
    province: thread.province,
    embassyOrganisationId: write.embassyOrganisationId,
    from: thread.from,
    toSide,
    what: write.what,
    baseUrl: config.baseUrl,
  };
  return queueDeliveries(
    db,
    recipients.map(({ organisationId, recipient }) => ({
      kind: 'request',
      subjectKey: write.subjectKey,
      notificationId: thread.notificationId,
      organisationId,
      recipient,
      mail: renderRequestMail(facts, recipient.locale),
    })),
    now,
  );
}

/** The `cooperation.message_posted` outbox message's job: every message is e-mailed to the other side. */
export async function planMessageRequestMail(messageId: string, now: Date = new Date(), config: MailConfig = mailConfig()): Promise<string[]> {
  const [message] = await getDb()
    .select({ caseId: caseMessages.caseId, embassyOrganisationId: caseMessages.embassyOrganisationId, authorId: caseMessages.authorId, authorSide: caseMessages.authorSide })
    .from(caseMessages)
    .where(eq(caseMessages.id, messageId));
  if (!message) return [];
  return planRequestMail({ subjectKey: messageId, ...message, what: { kind: 'message' } }, now, config);
}

/** The `cooperation.action_recorded` outbox message's job: a request or an answer is e-mailed, other actions are not. */
export async function planActionRequestMail(actionId: string, now: Date = new Date(), config: MailConfig = mailConfig()): Promise<string[]> {
  const [action] = await getDb()
    .select({
      caseId: cooperationActions.caseId,
      embassyOrganisationId: cooperationActions.embassyOrganisationId,
      authorId: cooperationActions.createdBy,
      authorSide: cooperationActions.recordedBySide,
      actionType: cooperationActions.actionType,
      status: cooperationActions.status,
      respondsToId: cooperationActions.respondsToId,
    })
    .from(cooperationActions)
    .where(eq(cooperationActions.id, actionId));
  if (!action || !isRequestMailAction(action)) return [];
  const what: RequestMailSubject = action.respondsToId ? { kind: 'answer', actionType: action.actionType, status: action.status } : { kind: 'request', actionType: action.actionType };
  return planRequestMail(
    { subjectKey: actionId, caseId: action.caseId, embassyOrganisationId: action.embassyOrganisationId, authorId: action.authorId, authorSide: action.authorSide, what },
    now,
    config,
  );
}
