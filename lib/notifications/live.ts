import { sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';

/** PostgreSQL channel on which each change to an embassy's notifications is announced with the embassy id. */
export const embassyChannel = 'casebridge_embassy';

/** Announces a change to an embassy's inbox; delivered when the surrounding transaction commits. */
export async function announceEmbassyChange(tx: Pick<Transaction, 'execute'>, embassyOrganisationId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${embassyChannel}, ${embassyOrganisationId})`);
}
