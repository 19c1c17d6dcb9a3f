import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { casePeople, notifications, personRole } from '@/db/schema';
import { toEmbassyPersonView, toWithheldVictimView, type EmbassyPersonView } from './embassy-person-view';

type Reader = Pick<Database, 'select'>;

/**
 * Victims of the embassy's nationality it may not know by name. Row-level security hides their rows from the
 * embassy altogether; this database function tells it, for a case it was notified of, that they exist.
 */
const withheldVictimsOf = (caseId: string) => sql`casebridge_embassy_withheld_victims(${caseId})`;

const roleOrder = (role: EmbassyPersonView['roleInCase']) => personRole.enumValues.indexOf(role);

/**
 * The embassy's nationals in one case, suspects first, then victims and witnesses, each in the order they were
 * added: in full when disclosed, as "details withheld" otherwise. Runs in the embassy's scoped transaction.
 */
export async function listEmbassyNationals(db: Reader, embassy: { countryCode: string }, caseId: string): Promise<EmbassyPersonView[]> {
  const [people, withheld] = await Promise.all([
    db
      .select()
      .from(casePeople)
      .where(and(eq(casePeople.caseId, caseId), eq(casePeople.nationality, embassy.countryCode)))
      .orderBy(asc(casePeople.roleInCase), asc(casePeople.createdAt)),
    db
      .select({ id: sql<string>`id`, isSensitiveVictim: sql<boolean>`is_sensitive_victim`, createdAt: sql<Date>`created_at`.mapWith(casePeople.createdAt) })
      .from(withheldVictimsOf(caseId))
      .orderBy(sql`created_at`),
  ]);
  const nationals = [
    ...people.map((person) => ({ view: toEmbassyPersonView(person), createdAt: person.createdAt })),
    ...withheld.map((victim) => ({ view: toWithheldVictimView(victim), createdAt: victim.createdAt })),
  ];
  return nationals
    .sort((a, b) => roleOrder(a.view.roleInCase) - roleOrder(b.view.roleInCase) || a.createdAt.getTime() - b.createdAt.getTime())
    .map((national) => national.view);
}

/** Whether a national of the embassy's country is in the case, withheld victims included. */
export async function involvesEmbassyNational(db: Reader, embassy: { countryCode: string }, caseId: string): Promise<boolean> {
  const [disclosed] = await db
    .select({ id: casePeople.id })
    .from(casePeople)
    .where(and(eq(casePeople.caseId, caseId), eq(casePeople.nationality, embassy.countryCode)))
    .limit(1);
  if (disclosed) return true;
  const [withheld] = await db.select({ id: sql<string>`id` }).from(withheldVictimsOf(caseId)).limit(1);
  return withheld !== undefined;
}

/**
 * A case stays open to an embassy while one of its nationals is in it — a withheld victim counts — or when the
 * police notified it by hand, and while its notification is not withdrawn; otherwise it is "not found" to the
 * embassy, its case view and its thread alike.
 */
export async function isCaseOpenToEmbassy(
  db: Reader,
  embassy: { countryCode: string },
  notification: Pick<typeof notifications.$inferSelect, 'caseId' | 'reason' | 'withdrawnAt'>,
): Promise<boolean> {
  if (notification.withdrawnAt) return false;
  return notification.reason === 'manual' || involvesEmbassyNational(db, embassy, notification.caseId);
}
