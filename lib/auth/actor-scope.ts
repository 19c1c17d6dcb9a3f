import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { prebuiltSql, type Placeholders } from '@/db/prebuilt';
import type { Actor } from './actor';
import type { Role } from '@/db/schema';

/**
 * The database role each application role acts as (db/migrations/0006_row_level_security.sql). The roles'
 * row-level security policies are the second wall behind the WHERE clauses of lib/: even a query that forgot
 * its scope returns only rows of the actor's province, embassy or nationality.
 */
export const databaseRoleOf: Record<Role, string> = {
  police_officer: 'casebridge_police',
  police_supervisor: 'casebridge_police',
  embassy_liaison: 'casebridge_embassy',
  governor_viewer: 'casebridge_governor',
  ministry_analyst: 'casebridge_ministry',
  admin: 'casebridge_admin',
  // Granted the directory and the audit trail's INSERT only (migration 0032): no case content at all.
  organisation_admin: 'casebridge_organisation_admin',
};

type ActorScope = Pick<Actor, 'userId' | 'role' | 'organisationId' | 'provinceCode' | 'countryCode'>;

// Built once (db/prebuilt.ts): it opens every signed-in user's transaction.
const setScope = prebuiltSql(
  (p: Placeholders<{ role: string; userId: string; organisationId: string; provinceCode: string; countryCode: string }>) => sql`select
      set_config('role', ${p.role}, true),
      set_config('casebridge.user_id', ${p.userId}, true),
      set_config('casebridge.organisation_id', ${p.organisationId}, true),
      set_config('casebridge.province_code', ${p.provinceCode}, true),
      set_config('casebridge.country_code', ${p.countryCode}, true)`,
);

const activeScope = new AsyncLocalStorage<{ actor: ActorScope; tx: Transaction }>();

/**
 * Runs `fn` in one transaction as the actor's database role, with the actor's scope in transaction-local
 * settings that the policies read. The role and every setting are set by one statement, so the scope costs
 * one round trip; they end with the transaction, so a pooled connection never carries them to the next
 * request. A data-access function called from inside another one's scope (same actor) joins that
 * transaction instead of opening a second one, which PGlite's single connection could never grant.
 */
export async function withActorScope<T>(actor: ActorScope, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  const active = activeScope.getStore();
  if (active) {
    if (active.actor.userId !== actor.userId || active.actor.role !== actor.role) {
      throw new Error('A data-access function was called for another user inside an actor scope');
    }
    return fn(active.tx);
  }
  return getDb().transaction(async (tx) => {
    await setScope(tx, {
      role: databaseRoleOf[actor.role],
      userId: actor.userId,
      organisationId: actor.organisationId,
      provinceCode: actor.provinceCode ?? '',
      countryCode: actor.countryCode ?? '',
    });
    return activeScope.run({ actor, tx }, () => fn(tx));
  });
}
