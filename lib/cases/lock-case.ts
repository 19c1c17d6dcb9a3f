import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { cases } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { DomainError } from '@/lib/domain-error';

/** Police act only in their own province; a record elsewhere does not exist for them. */
export function ownProvince(actor: Actor): string {
  if (!actor.provinceCode) throw DomainError.notFound('case');
  return actor.provinceCode;
}

/**
 * Locks the case row for the rest of the transaction, within the actor's province, or answers "not found": every
 * change to a case or its people takes this lock first, so concurrent changes queue instead of interleaving.
 */
export async function lockCaseInScope(tx: Transaction, actor: Actor, caseId: string) {
  const [row] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), eq(cases.provinceCode, ownProvince(actor))))
    .for('update');
  if (!row) throw DomainError.notFound('case');
  return row;
}
