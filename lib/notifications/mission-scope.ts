import 'server-only';
import { eq, inArray, sql, type AnyColumn, type Placeholder, type SQL } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import { arrayParameter, prebuilt } from '@/db/prebuilt';
import { notifications } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { withActorScope } from '@/lib/auth/actor-scope';
import { ownEmbassy } from './own-embassy';

/**
 * The organisations whose notifications the actor's mission answers for: its own; and, when it is its country's
 * embassy, each consular post of its country on CaseBridge (decision 021) — a post answers for itself only.
 * Read, inside the actor's scoped transaction, from the database function the row-level policies use
 * (migration 0034), so the WHERE clauses of lib/ and the policies cannot disagree about a post.
 */
export async function missionOrganisationIdsOf(db: Database | Transaction, actor: Actor): Promise<string[]> {
  ownEmbassy(actor);
  const rows = await selectMissionOrganisationIds(db, {});
  return rows.map((row) => row.id);
}

// Built once (db/prebuilt.ts): every embassy page reads it.
const selectMissionOrganisationIds = prebuilt((db) =>
  db.select({ id: sql<string>`organisation_id::text` }).from(sql`unnest(casebridge_scope_mission_organisations()) as organisation_id`),
);

/** The same set in a transaction of its own: the embassy's live channel listens for each of them (app/api/live). */
export async function listMissionOrganisationIds(actor: Actor): Promise<string[]> {
  return withActorScope(actor, (db) => missionOrganisationIdsOf(db, actor));
}

/**
 * `column` (a notification's or a thread's organisation) is one of the mission's. An embassy without posts — every
 * mission so far — compares by equality, so the inbox keeps reading along its (organisation, due) index in order.
 */
export function inMissionScope(column: AnyColumn, organisationIds: readonly string[]): SQL {
  const [only, ...others] = organisationIds;
  if (only !== undefined && others.length === 0) return eq(column, only);
  return inArray(column, [...organisationIds]);
}

/** For a statement built once: one organisation or several (part of its shape), and its placeholder's value. */
export function missionScopeOf(organisationIds: readonly string[]): { missions: 'one' | 'many'; missionIds: string } {
  const [only, ...others] = organisationIds;
  return only !== undefined && others.length === 0 ? { missions: 'one', missionIds: only } : { missions: 'many', missionIds: arrayParameter(organisationIds) };
}

/** `inMissionScope` with the organisations in a placeholder (`missionScopeOf`): equality for one, an array for several. */
export function inMissionScopeOf(column: AnyColumn, missions: 'one' | 'many', missionIds: Placeholder): SQL {
  return missions === 'one' ? eq(column, missionIds) : sql`${column} = any(${missionIds}::uuid[])`;
}

/**
 * Which of a case's notifications the embassy acts on when the police notified both it and one of its posts (by
 * hand): a standing one before a withdrawn one, then the embassy's own.
 */
export function caseNotificationPreference(actor: Pick<Actor, 'organisationId'>): SQL[] {
  return [sql`(${notifications.withdrawnAt} is null) desc`, sql`(${notifications.embassyOrganisationId} = ${actor.organisationId}) desc`];
}
