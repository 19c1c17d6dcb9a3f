import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import { arrayParameter, prebuilt, type Placeholders } from '@/db/prebuilt';
import { withActorScope } from '@/lib/auth/actor-scope';
import { caseMessageReadMarkers, caseMessages, cooperationActions, organisations, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import type { LocalizedNames } from '@/lib/i18n/localized-name';
import type { ThreadScope } from './thread-access';
import { resolveThreadScope } from './thread-access';
import type { CooperationThread } from './views';

/** The rows a thread is made of, as its reads select them (one thread's, or every thread's of a case). */
export interface ThreadRows {
  actions: { action: typeof cooperationActions.$inferSelect; createdByName: string }[];
  messages: { message: typeof caseMessages.$inferSelect; authorName: string }[];
  /** The other side's read marker, if it ever read the thread. */
  otherSideLastReadAt: Date | null;
}

type ThreadValues = { caseId: string; embassyIds: string };

const inThreads = (table: typeof cooperationActions | typeof caseMessages, p: Placeholders<ThreadValues>) =>
  and(eq(table.caseId, p.caseId), sql`${table.embassyOrganisationId} = any(${p.embassyIds}::uuid[])`);

// Built once (db/prebuilt.ts): one thread's page and the police workspace's every thread share them.
const selectThreadActions = prebuilt((db, p: Placeholders<ThreadValues>) =>
  db
    .select({ action: cooperationActions, createdByName: users.name })
    .from(cooperationActions)
    .innerJoin(users, eq(users.id, cooperationActions.createdBy))
    .where(inThreads(cooperationActions, p))
    .orderBy(asc(cooperationActions.createdAt)),
);

const selectThreadMessages = prebuilt((db, p: Placeholders<ThreadValues>) =>
  db
    .select({ message: caseMessages, authorName: users.name })
    .from(caseMessages)
    .innerJoin(users, eq(users.id, caseMessages.authorId))
    .where(inThreads(caseMessages, p))
    .orderBy(asc(caseMessages.createdAt)),
);

/**
 * The actions and the messages of the case's threads with the embassies `embassyIds`, oldest first, with their
 * authors' names: one statement each, for one thread or for every thread of a case.
 */
export function threadActionsAndMessages(db: Database | Transaction, caseId: string, embassyIds: readonly string[]): Promise<[ThreadRows['actions'], ThreadRows['messages']]> {
  const values = { caseId, embassyIds: arrayParameter(embassyIds) };
  return Promise.all([selectThreadActions(db, values), selectThreadMessages(db, values)]);
}

/** One thread's view, from its rows: what either side's page shows. */
export function threadView(scope: ThreadScope, embassy: LocalizedNames, rows: ThreadRows): CooperationThread {
  return {
    embassyOrganisationId: scope.embassyOrganisationId,
    embassy,
    actions: rows.actions.map(({ action, createdByName }) => ({
      id: action.id,
      actionType: action.actionType,
      status: action.status,
      recordedBySide: action.recordedBySide,
      createdByName,
      actionDate: action.actionDate,
      description: action.description,
      handlingCode: action.handlingCode,
      handlingNote: action.handlingNote,
      respondsToId: action.respondsToId,
      version: action.version,
      createdAt: action.createdAt,
    })),
    messages: rows.messages.map(({ message, authorName }) => ({
      id: message.id,
      authorName,
      authorSide: message.authorSide,
      body: message.body,
      handlingCode: message.handlingCode,
      handlingNote: message.handlingNote,
      createdAt: message.createdAt,
      isUnreadByOtherSide: message.authorSide !== scope.side ? false : !rows.otherSideLastReadAt || rows.otherSideLastReadAt < message.createdAt,
    })),
    otherSideLastReadAt: rows.otherSideLastReadAt,
  };
}

/**
 * The thread between the police and one embassy about one case: its cooperation actions and messages. Only a
 * read: the page marks it read first (`markThreadRead`). Each embassy only ever reaches its own thread. The
 * police's case workspace reads all its threads at once (`openPoliceCaseThreads`).
 */
export async function getCooperationThread(actor: Actor, caseId: string, embassyOrganisationId = ''): Promise<CooperationThread> {
  return withActorScope(actor, async (db) => {
    const scope = await resolveThreadScope(db, actor, caseId, embassyOrganisationId, 'read');
    const [[embassy], [actions, messages], markers] = await Promise.all([
      db.select({ en: organisations.nameEn, km: organisations.nameKm, zh: organisations.nameZh }).from(organisations).where(eq(organisations.id, scope.embassyOrganisationId)),
      threadActionsAndMessages(db, scope.caseId, [scope.embassyOrganisationId]),
      db
        .select()
        .from(caseMessageReadMarkers)
        .where(and(eq(caseMessageReadMarkers.caseId, scope.caseId), eq(caseMessageReadMarkers.embassyOrganisationId, scope.embassyOrganisationId))),
    ]);
    const otherSide = scope.side === 'police' ? 'embassy' : 'police';
    return threadView(scope, embassy ?? { en: '', km: '', zh: '' }, {
      actions,
      messages,
      otherSideLastReadAt: markers.find((marker) => marker.readerSide === otherSide)?.lastReadAt ?? null,
    });
  });
}
