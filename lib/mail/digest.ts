import 'server-only';
import { and, asc, count, eq, gte, inArray, lt } from 'drizzle-orm';
import { getDb, type Database } from '@/db/client';
import { caseMessages, cases, cooperationActions, notifications, notificationUpdates, organisations, type CooperationSide } from '@/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import { countryName, localizedName, type LocalizedNames } from '@/lib/i18n/localized-name';
import { digestItemLimit, queryOverdueDigest, type OverdueDigest } from '@/lib/notifications/digest';
import { cambodianDateOf, cambodianDayStart, displayTimeZone } from '@/lib/time/cambodia';
import type { MailConfig } from './config';
import { queueDeliveries, type PlannedDelivery } from './deliveries';
import { dutyAddressesOf, usersAsRecipients, withDutyAddresses, type Recipient } from './recipients';
import { renderForRecipient, translatorFor, type MailList, type MailSection, type RenderedMail } from './render';

/**
 * The daily digest (the `mail.digest` schedule, 07:30 Cambodian time): one message per address and Cambodian
 * day with what is overdue that morning, exactly as the inbox and the police home page show it, and, for those
 * who chose the digest over immediate e-mail, yesterday's updates to notifications and activity in cooperation
 * threads. "Yesterday" is the Cambodian calendar day before the digest's, so a late or repeated run covers the
 * same hours, and the day is the message's subject key: planned twice, by one worker or several, it is sent once.
 */

/** A notification that had updates during the day: its case and how many, nothing of what they said. */
export interface UpdatedNotification {
  caseId: string;
  caseReferenceNumber: string;
  updates: number;
}

/** A cooperation thread (case and embassy) in which one side wrote during the day: how many messages and actions. */
export interface ThreadActivity {
  caseId: string;
  caseReferenceNumber: string;
  embassy: LocalizedNames;
  messages: number;
  actions: number;
}

/** The first `digestItemLimit` of a day's list, and how many there were in all. */
export interface DayList<T> {
  items: T[];
  total: number;
}

/** What a digest may say: references, kinds, deadlines, counts and links, never a person. */
export interface DigestFacts {
  /** Whose pages the links open. */
  side: CooperationSide;
  /** The Cambodian date of the digest (`YYYY-MM-DD`); yesterday's lists are of the day before. */
  day: string;
  /** Null for a reader who is not given them (a police officer who is not a supervisor). */
  overdue: OverdueDigest | null;
  /** Null unless the reader chose the digest for updates. */
  updates: DayList<UpdatedNotification> | null;
  /** Null unless the reader chose the digest for requests and messages. */
  threads: DayList<ThreadActivity> | null;
  /** The public address of CaseBridge (NEXTAUTH_URL), without a trailing slash. */
  baseUrl: string;
}

function isEmpty(facts: DigestFacts): boolean {
  return (facts.overdue?.total ?? 0) === 0 && (facts.overdue?.official.total ?? 0) === 0 && (facts.updates?.total ?? 0) === 0 && (facts.threads?.total ?? 0) === 0;
}

const shortTime = (moment: Date, locale: Locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: displayTimeZone }).format(moment);
// The day is a calendar date: formatted as such, at UTC midnight, so no time zone can move it to another day.
const longDate = (day: string, locale: Locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

function digestSection(facts: DigestFacts, locale: Locale): MailSection {
  const t = translatorFor(locale);
  const caseHref = (caseId: string) => `${facts.baseUrl}/${facts.side}/cases/${caseId}`;
  const embassyOf = (names: LocalizedNames) => (facts.side === 'police' ? ` · ${localizedName(names, locale)}` : '');
  const more = (list: { items: unknown[]; total: number; totalIsCapped?: boolean }) =>
    list.total > list.items.length ? t(list.totalIsCapped ? 'mail.digest.moreCapped' : 'mail.digest.more', { count: list.total - list.items.length }) : undefined;
  const lists: MailList[] = [];
  const counts: [string, string][] = [];
  const { overdue, updates, threads } = facts;
  if (overdue) {
    counts.push([t('mail.digest.overdueCount'), overdue.totalIsCapped ? t('mail.digest.capped', { count: overdue.total }) : String(overdue.total)]);
    if (overdue.total > 0) {
      lists.push({
        heading: t('mail.digest.overdueHeading'),
        items: overdue.items.map((item) => ({
          text: `${item.caseReferenceNumber} · ${t(`enums.notificationKind.${item.kind}`)}${embassyOf(item.embassy)} · ${t('mail.digest.dueAt', { due: shortTime(item.dueAt, locale) })}`,
          href: caseHref(item.caseId),
        })),
        more: more(overdue),
        // The embassy's inbox lists them all; the police home page shows the same digest as this.
        link: facts.side === 'embassy' ? { label: t('mail.digest.overdueAll'), href: `${facts.baseUrl}/embassy?state=overdue` } : undefined,
      });
    }
    if (overdue.official.total > 0) {
      counts.push([t('mail.digest.officialCount'), overdue.official.totalIsCapped ? t('mail.digest.capped', { count: overdue.official.total }) : String(overdue.official.total)]);
      lists.push({
        heading: t('mail.digest.officialHeading'),
        items: overdue.official.items.map((item) => ({
          text: `${item.caseReferenceNumber} · ${countryName(item.countryCode, locale)} · ${t(`enums.notificationKind.${item.kind}`)} · ${t('mail.digest.dueAt', { due: shortTime(item.dueAt, locale) })}`,
          href: caseHref(item.caseId),
        })),
        more: more(overdue.official),
      });
    }
  }
  if (updates) {
    counts.push([t('mail.digest.updatedCount'), String(updates.total)]);
    if (updates.total > 0) {
      lists.push({
        heading: t('mail.digest.updatesHeading'),
        items: updates.items.map((item) => ({ text: `${item.caseReferenceNumber}: ${t('mail.digest.updates', { count: item.updates })}`, href: caseHref(item.caseId) })),
        more: more(updates),
      });
    }
  }
  if (threads) {
    counts.push([t('mail.digest.threadCount'), String(threads.total)]);
    if (threads.total > 0) {
      lists.push({
        heading: t(facts.side === 'embassy' ? 'mail.digest.threadsHeadingEmbassy' : 'mail.digest.threadsHeadingPolice'),
        items: threads.items.map((item) => ({
          text: `${item.caseReferenceNumber}${embassyOf(item.embassy)}: ${t('mail.digest.threadActivity', { messages: item.messages, actions: item.actions })}`,
          href: caseHref(item.caseId),
        })),
        more: more(threads),
      });
    }
  }
  return {
    locale,
    subject: t('mail.digest.subject', { date: longDate(facts.day, locale) }),
    paragraphs: [
      t('mail.digest.intro'),
      ...(overdue ? [t('mail.digest.overdueAsOf')] : []),
      // Only a user who chose the digest gets yesterday's lists, and is told where that choice is made.
      ...(updates || threads ? [t('mail.digest.yesterday', { url: `${facts.baseUrl}/account` })] : []),
    ],
    facts: counts,
    lists,
    link: { label: t('mail.digest.open'), href: `${facts.baseUrl}/${facts.side}` },
    footer: t('mail.footer'),
  };
}

/** A digest in the recipient's language; `null` for every language in one message (a duty address). */
export function renderDigestMail(facts: DigestFacts, locale: Locale | null): RenderedMail {
  return renderForRecipient(locale, (sectionLocale) => digestSection(facts, sectionLocale));
}

interface DayWindow {
  since: Date;
  until: Date;
}

interface UpdatedNotificationRow extends UpdatedNotification {
  embassyId: string;
}

interface ThreadActivityRow extends ThreadActivity {
  embassyId: string;
  provinceCode: string;
  /** Who wrote: the digest of the other side lists it. */
  side: CooperationSide;
}

/**
 * Every notification updated during the day, with its embassy: one read per digest run, which each embassy's
 * digest then takes its own from. The day's updates are a few hundred rows even nationally; reading them once
 * costs one scan a day instead of one per embassy.
 */
async function updatesOfDay(db: Pick<Database, 'select'>, window: DayWindow): Promise<UpdatedNotificationRow[]> {
  const updates = count();
  return db
    .select({ embassyId: notifications.embassyOrganisationId, caseId: cases.id, caseReferenceNumber: cases.referenceNumber, updates })
    .from(notificationUpdates)
    .innerJoin(notifications, eq(notifications.id, notificationUpdates.notificationId))
    .innerJoin(cases, eq(cases.id, notifications.caseId))
    .where(and(gte(notificationUpdates.createdAt, window.since), lt(notificationUpdates.createdAt, window.until)))
    .groupBy(notifications.id, notifications.embassyOrganisationId, cases.id, cases.referenceNumber)
    .orderBy(asc(cases.referenceNumber));
}

/** Every thread one side wrote in during the day (messages and cooperation actions), once per run, like the updates. */
async function threadsOfDay(db: Pick<Database, 'select'>, window: DayWindow): Promise<ThreadActivityRow[]> {
  const activityOf = (table: typeof caseMessages | typeof cooperationActions, side: typeof caseMessages.authorSide | typeof cooperationActions.recordedBySide) =>
    db
      .select({
        caseId: cases.id,
        caseReferenceNumber: cases.referenceNumber,
        provinceCode: cases.provinceCode,
        embassyId: organisations.id,
        en: organisations.nameEn,
        km: organisations.nameKm,
        zh: organisations.nameZh,
        side,
        total: count(),
      })
      .from(table)
      .innerJoin(cases, eq(cases.id, table.caseId))
      .innerJoin(organisations, eq(organisations.id, table.embassyOrganisationId))
      .where(and(gte(table.createdAt, window.since), lt(table.createdAt, window.until)))
      .groupBy(cases.id, cases.referenceNumber, cases.provinceCode, organisations.id, organisations.nameEn, organisations.nameKm, organisations.nameZh, side);
  const [messages, actions] = await Promise.all([activityOf(caseMessages, caseMessages.authorSide), activityOf(cooperationActions, cooperationActions.recordedBySide)]);
  const threads = new Map<string, ThreadActivityRow>();
  for (const [rows, field] of [
    [messages, 'messages'],
    [actions, 'actions'],
  ] as const) {
    for (const row of rows) {
      const key = `${row.caseId}:${row.embassyId}:${row.side}`;
      const thread = threads.get(key) ?? {
        caseId: row.caseId,
        caseReferenceNumber: row.caseReferenceNumber,
        provinceCode: row.provinceCode,
        embassyId: row.embassyId,
        embassy: { en: row.en, km: row.km, zh: row.zh },
        side: row.side,
        messages: 0,
        actions: 0,
      };
      thread[field] = row.total;
      threads.set(key, thread);
    }
  }
  return [...threads.values()].sort((a, b) => a.caseReferenceNumber.localeCompare(b.caseReferenceNumber));
}

/** The busiest first, then by reference; the first `digestItemLimit` named, all counted. */
function dayListOf<T extends { caseReferenceNumber: string }>(rows: T[], weight: (row: T) => number): DayList<T> {
  const sorted = [...rows].sort((a, b) => weight(b) - weight(a) || a.caseReferenceNumber.localeCompare(b.caseReferenceNumber));
  return { items: sorted.slice(0, digestItemLimit), total: rows.length };
}

interface DigestRun {
  db: Database;
  day: string;
  now: Date;
  config: MailConfig;
  updates: UpdatedNotificationRow[];
  threads: ThreadActivityRow[];
}

function deliveryOf(run: DigestRun, organisationId: string, recipient: Recipient, facts: Omit<DigestFacts, 'day' | 'baseUrl'>): PlannedDelivery | null {
  const complete: DigestFacts = { ...facts, day: run.day, baseUrl: run.config.baseUrl };
  if (isEmpty(complete)) return null;
  return { kind: 'digest', subjectKey: run.day, notificationId: null, organisationId, recipient, mail: renderDigestMail(complete, recipient.locale) };
}

/** An embassy: overdue to every liaison officer and duty address; yesterday's lists to those who chose the digest. */
async function embassyDigests(run: DigestRun, embassyId: string): Promise<PlannedDelivery[]> {
  const { db } = run;
  const [liaisons, updatesDaily, requestsDaily, dutyAddresses, overdue] = await Promise.all([
    usersAsRecipients(db, embassyId, ['embassy_liaison']),
    usersAsRecipients(db, embassyId, ['embassy_liaison'], { preference: { of: 'updates', is: 'daily' } }),
    usersAsRecipients(db, embassyId, ['embassy_liaison'], { preference: { of: 'requests', is: 'daily' } }),
    dutyAddressesOf(db, embassyId),
    // Each mission's own: a post's overdue notifications are e-mailed to the post, not again to its embassy.
    queryOverdueDigest(db, { embassyOrganisationIds: [embassyId] }, run.now),
  ]);
  const wantsUpdates = new Set(updatesDaily.map((recipient) => recipient.userId));
  const wantsRequests = new Set(requestsDaily.map((recipient) => recipient.userId));
  const updates = dayListOf(
    run.updates.filter((row) => row.embassyId === embassyId),
    (row) => row.updates,
  );
  const threads = dayListOf(
    run.threads.filter((row) => row.embassyId === embassyId && row.side === 'police'),
    (row) => row.messages + row.actions,
  );
  return withDutyAddresses(liaisons, dutyAddresses).flatMap((recipient) => {
    const delivery = deliveryOf(run, embassyId, recipient, {
      side: 'embassy',
      overdue,
      updates: recipient.userId && wantsUpdates.has(recipient.userId) ? updates : null,
      threads: recipient.userId && wantsRequests.has(recipient.userId) ? threads : null,
    });
    return delivery ? [delivery] : [];
  });
}

/** A police force: its province's overdue to the supervisors; the embassies' activity of yesterday to those who chose the digest. */
async function policeDigests(run: DigestRun, policeId: string, provinceCode: string): Promise<PlannedDelivery[]> {
  const { db } = run;
  const [supervisors, requestsDaily] = await Promise.all([
    usersAsRecipients(db, policeId, ['police_supervisor']),
    usersAsRecipients(db, policeId, ['police_officer', 'police_supervisor'], { preference: { of: 'requests', is: 'daily' } }),
  ]);
  const overdue = supervisors.length > 0 ? await queryOverdueDigest(db, { provinceCode }, run.now) : null;
  const isSupervisor = new Set(supervisors.map((recipient) => recipient.userId));
  const wantsRequests = new Set(requestsDaily.map((recipient) => recipient.userId));
  const threads = dayListOf(
    run.threads.filter((row) => row.provinceCode === provinceCode && row.side === 'embassy'),
    (row) => row.messages + row.actions,
  );
  const recipients = [...supervisors, ...requestsDaily.filter((recipient) => !isSupervisor.has(recipient.userId))];
  return recipients.flatMap((recipient) => {
    const delivery = deliveryOf(run, policeId, recipient, {
      side: 'police',
      overdue: isSupervisor.has(recipient.userId) ? overdue : null,
      updates: null,
      threads: wantsRequests.has(recipient.userId) ? threads : null,
    });
    return delivery ? [delivery] : [];
  });
}

/**
 * Plans the digest of `now`'s Cambodian day for every active embassy and police force, as the owner (a worker),
 * and returns the ids of the deliveries it created, one send job each. A digest with nothing in it is not sent.
 * Police duty addresses get none: the overdue list is the supervisors' to act on, and nothing else in it is
 * shared mailbox work.
 */
export async function planDailyDigests(now: Date, config: MailConfig): Promise<string[]> {
  const db = getDb();
  const day = cambodianDateOf(now);
  const window = { since: cambodianDayStart(day, -1), until: cambodianDayStart(day) };
  const [updates, threads, readers] = await Promise.all([
    updatesOfDay(db, window),
    threadsOfDay(db, window),
    db
      .select({ id: organisations.id, kind: organisations.kind, provinceCode: organisations.provinceCode })
      .from(organisations)
      .where(and(eq(organisations.isActive, true), inArray(organisations.kind, ['embassy', 'police'])))
      .orderBy(asc(organisations.slug)),
  ]);
  const run: DigestRun = { db, day, now, config, updates, threads };
  const created: string[] = [];
  // One organisation at a time: each insert stays small, and what was planned before a failure is kept (the retry
  // plans the rest; what exists already is left alone by its idempotency key).
  for (const organisation of readers) {
    const planned =
      organisation.kind === 'embassy' ? await embassyDigests(run, organisation.id) : organisation.provinceCode ? await policeDigests(run, organisation.id, organisation.provinceCode) : [];
    created.push(...(await queueDeliveries(db, planned, now)));
  }
  return created;
}
