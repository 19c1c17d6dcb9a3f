import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { arrayParameter, prebuilt, prebuiltSql, type Placeholders } from '@/db/prebuilt';
import { withActorScope } from '@/lib/auth/actor-scope';
import { caseMessageReadMarkers, caseMessages, cases, cooperationActions, notifications, organisations } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { recordCaseEvent } from '@/lib/cases/case-events';
import { can } from '@/lib/auth/permissions';
import { announceEmbassyChange } from '@/lib/notifications/live';
import { recordOutboxMessage } from '@/lib/outbox/record-outbox-message';
import type { PostMessageInput, RecordCooperationActionInput, UpdateCooperationActionInput } from './schemas';
import { threadActionsAndMessages, threadView } from './queries';
import { resolveThreadScope, type ThreadScope } from './thread-access';
import type { CooperationThread } from './views';
import { DomainError } from '@/lib/domain-error';

/** The reader's side has read the thread up to `now`; the other side sees it as "read" from then on. */
async function moveReadMarker(tx: Pick<Transaction, 'insert'>, scope: ThreadScope, now: Date): Promise<void> {
  await tx
    .insert(caseMessageReadMarkers)
    .values({ caseId: scope.caseId, embassyOrganisationId: scope.embassyOrganisationId, readerSide: scope.side, lastReadAt: now })
    .onConflictDoUpdate({
      target: [caseMessageReadMarkers.caseId, caseMessageReadMarkers.embassyOrganisationId, caseMessageReadMarkers.readerSide],
      set: { lastReadAt: now },
    });
}

/** Either side records a cooperation action on the case; a request of one side may be answered by the other. */
export async function recordCooperationAction(actor: Actor, input: RecordCooperationActionInput): Promise<{ id: string }> {
  const now = new Date();
  return withActorScope(actor, async (tx) => {
    const scope = await resolveThreadScope(tx, actor, input.caseId, input.embassyOrganisationId, 'write');
    if (input.respondsToId) {
      const [request] = await tx
        .select({ recordedBySide: cooperationActions.recordedBySide })
        .from(cooperationActions)
        .where(and(eq(cooperationActions.id, input.respondsToId), eq(cooperationActions.caseId, scope.caseId), eq(cooperationActions.embassyOrganisationId, scope.embassyOrganisationId)));
      if (!request || request.recordedBySide === scope.side) throw DomainError.refused('errors.invalid', { respondsToId: ['cooperation.validation.answerOtherSide'] });
    }
    const [action] = await tx
      .insert(cooperationActions)
      .values({
        caseId: scope.caseId,
        embassyOrganisationId: scope.embassyOrganisationId,
        actionType: input.actionType,
        status: input.status,
        recordedBySide: scope.side,
        createdBy: actor.userId,
        actionDate: input.actionDate,
        description: input.description,
        handlingCode: input.handlingCode,
        handlingNote: input.handlingNote || null,
        respondsToId: input.respondsToId || null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: cooperationActions.id });
    if (!action) throw new Error('action insert returned nothing');
    await recordCaseEvent(tx, { caseId: scope.caseId, actor, occurredAt: now }, {
      kind: 'cooperation_action_recorded',
      embassyOrganisationId: scope.embassyOrganisationId,
      details: { actionId: action.id, actionType: input.actionType, status: input.status },
    });
    await recordAudit(tx, { actor, action: 'cooperation.record', entityType: 'cooperation_action', entityId: action.id, details: { caseId: scope.caseId } });
    // Every action, not only those that e-mail (lib/mail/requests.ts decides that): partner webhooks will want them all.
    await recordOutboxMessage(tx, { topic: 'cooperation.action_recorded', payload: { actionId: action.id } });
    await announceEmbassyChange(tx, scope.embassyOrganisationId);
    return action;
  });
}

export async function updateCooperationActionStatus(actor: Actor, input: UpdateCooperationActionInput): Promise<{ version: number }> {
  // Only the two sides of a thread may touch it; checked before the locking read, which the database roles of
  // other areas are not granted (found by lib/auth/access-matrix-actions.test.ts: it failed as an error, not "not found").
  if (!can(actor, 'update:case:own-province') && !can(actor, 'read:notification:own-embassy')) throw DomainError.notFound('cooperation action');
  const now = new Date();
  return withActorScope(actor, async (tx) => {
    const [current] = await tx.select().from(cooperationActions).where(eq(cooperationActions.id, input.actionId)).for('update');
    if (!current) throw DomainError.notFound('cooperation action');
    const scope = await resolveThreadScope(tx, actor, current.caseId, current.embassyOrganisationId, 'write');
    if (current.version !== input.version) throw DomainError.conflict('cases.conflict.bodyUnknown', { changedBy: null, changedAt: current.updatedAt });
    const [saved] = await tx
      .update(cooperationActions)
      .set({ status: input.status, version: current.version + 1, updatedAt: now })
      .where(and(eq(cooperationActions.id, current.id), eq(cooperationActions.version, input.version)))
      .returning({ version: cooperationActions.version });
    if (!saved) throw DomainError.conflict('cases.conflict.bodyUnknown', { changedBy: null, changedAt: now });
    await recordCaseEvent(tx, { caseId: scope.caseId, actor, occurredAt: now }, {
      kind: 'cooperation_action_updated',
      embassyOrganisationId: scope.embassyOrganisationId,
      details: { actionId: current.id, from: current.status, to: input.status },
    });
    await recordAudit(tx, { actor, action: 'cooperation.update', entityType: 'cooperation_action', entityId: current.id, details: { from: current.status, to: input.status } });
    await recordOutboxMessage(tx, { topic: 'cooperation.action_updated', payload: { actionId: current.id } });
    await announceEmbassyChange(tx, scope.embassyOrganisationId);
    return saved;
  });
}

export async function postCaseMessage(actor: Actor, input: PostMessageInput): Promise<{ id: string }> {
  const now = new Date();
  return withActorScope(actor, async (tx) => {
    const scope = await resolveThreadScope(tx, actor, input.caseId, input.embassyOrganisationId, 'write');
    const [message] = await tx
      .insert(caseMessages)
      .values({
        caseId: scope.caseId,
        embassyOrganisationId: scope.embassyOrganisationId,
        authorId: actor.userId,
        authorSide: scope.side,
        body: input.body,
        handlingCode: input.handlingCode,
        handlingNote: input.handlingNote || null,
        createdAt: now,
      })
      .returning({ id: caseMessages.id });
    if (!message) throw new Error('message insert returned nothing');
    await moveReadMarker(tx, scope, now);
    await recordCaseEvent(tx, { caseId: scope.caseId, actor, occurredAt: now }, { kind: 'message_posted', embassyOrganisationId: scope.embassyOrganisationId, details: { messageId: message.id } });
    await recordAudit(tx, { actor, action: 'message.post', entityType: 'case_message', entityId: message.id, details: { caseId: scope.caseId } });
    await recordOutboxMessage(tx, { topic: 'cooperation.message_posted', payload: { messageId: message.id } });
    await announceEmbassyChange(tx, scope.embassyOrganisationId);
    return message;
  });
}

/**
 * The actor opened the thread: their side's read marker moves to `now`. Pages call it before
 * `getCooperationThread`, which shows only the other side's marker and so reads the same either way. The police
 * name the embassy; an embassy's own thread needs none.
 */
export async function markThreadRead(actor: Actor, caseId: string, embassyOrganisationId = '', now = new Date()): Promise<void> {
  await withActorScope(actor, async (tx) => {
    const scope = await resolveThreadScope(tx, actor, caseId, embassyOrganisationId, 'read');
    await moveReadMarker(tx, scope, now);
  });
}

// The workspace's thread statements are built once (db/prebuilt.ts), the embassies as one array parameter.
const selectCaseThreads = prebuilt((db, p: Placeholders<{ caseId: string; province: string }>) =>
  db
    .select({ embassyOrganisationId: notifications.embassyOrganisationId, en: organisations.nameEn, km: organisations.nameKm, zh: organisations.nameZh })
    .from(notifications)
    .innerJoin(cases, eq(cases.id, notifications.caseId))
    .innerJoin(organisations, eq(organisations.id, notifications.embassyOrganisationId))
    .where(and(eq(notifications.caseId, p.caseId), eq(cases.provinceCode, p.province)))
    .orderBy(asc(organisations.nameEn)),
);

const markReadByPolice = prebuiltSql(
  (p: Placeholders<{ caseId: string; embassyIds: string; now: string }>) => sql`insert into case_message_read_markers (case_id, embassy_organisation_id, reader_side, last_read_at)
    select ${p.caseId}::uuid, embassy_id, 'police', ${p.now}::timestamptz from unnest(${p.embassyIds}::uuid[]) as embassy_id
    on conflict (case_id, embassy_organisation_id, reader_side) do update set last_read_at = excluded.last_read_at`,
);

const selectEmbassyReadMarkers = prebuilt((db, p: Placeholders<{ caseId: string; embassyIds: string }>) =>
  db
    .select({ embassyOrganisationId: caseMessageReadMarkers.embassyOrganisationId, lastReadAt: caseMessageReadMarkers.lastReadAt })
    .from(caseMessageReadMarkers)
    .where(
      and(
        eq(caseMessageReadMarkers.caseId, p.caseId),
        sql`${caseMessageReadMarkers.embassyOrganisationId} = any(${p.embassyIds}::uuid[])`,
        eq(caseMessageReadMarkers.readerSide, 'embassy'),
      ),
    ),
);

/**
 * Every thread of a case as the police's workspace shows them, marked read by the police up to `now`, in one
 * transaction with one statement per kind of data whatever the number of embassies notified (one
 * `markThreadRead` and one `getCooperationThread` transaction per thread before). Threads come in the order of
 * the workspace's notifications (embassy's English name). Out of the officer's province, there is no thread.
 */
export async function openPoliceCaseThreads(actor: Actor, caseId: string, now = new Date()): Promise<CooperationThread[]> {
  const province = actor.provinceCode;
  if (!can(actor, 'update:case:own-province') || !province) throw DomainError.notFound('thread');
  return withActorScope(actor, async (tx) => {
    const threads = await selectCaseThreads(tx, { caseId, province });
    if (threads.length === 0) return [];
    const embassyIds = threads.map((thread) => thread.embassyOrganisationId);
    const values = { caseId, embassyIds: arrayParameter(embassyIds) };
    const [, [actions, messages], embassyMarkers] = await Promise.all([
      markReadByPolice(tx, { ...values, now: now.toISOString() }),
      threadActionsAndMessages(tx, caseId, embassyIds),
      selectEmbassyReadMarkers(tx, values),
    ]);
    return threads.map(({ embassyOrganisationId, en, km, zh }) =>
      threadView({ caseId, embassyOrganisationId, side: 'police' }, { en, km, zh }, {
        actions: actions.filter(({ action }) => action.embassyOrganisationId === embassyOrganisationId),
        messages: messages.filter(({ message }) => message.embassyOrganisationId === embassyOrganisationId),
        otherSideLastReadAt: embassyMarkers.find((marker) => marker.embassyOrganisationId === embassyOrganisationId)?.lastReadAt ?? null,
      }),
    );
  });
}
