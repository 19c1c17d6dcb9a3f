import 'server-only';
import { count, desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cases, caseStatus } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { NotFoundError, requirePermission } from '@/lib/auth/permissions';
import type { CaseStatus, PoliceDashboard } from './views';

function provinceOf(actor: Actor): string {
  if (!actor.provinceCode) throw new NotFoundError('province');
  return actor.provinceCode;
}

export async function getPoliceDashboard(actor: Actor, recentLimit = 8): Promise<PoliceDashboard> {
  requirePermission(actor, 'read:case:own-province');
  const provinceCode = provinceOf(actor);
  const db = getDb();
  const [countRows, recentCases] = await Promise.all([
    db.select({ status: cases.status, total: count() }).from(cases).where(eq(cases.provinceCode, provinceCode)).groupBy(cases.status),
    db
      .select({
        id: cases.id,
        referenceNumber: cases.referenceNumber,
        title: cases.title,
        crimeType: cases.crimeType,
        status: cases.status,
        reportedAt: cases.reportedAt,
      })
      .from(cases)
      .where(eq(cases.provinceCode, provinceCode))
      .orderBy(desc(cases.reportedAt), desc(cases.id))
      .limit(recentLimit),
  ]);
  const statusCounts = Object.fromEntries(caseStatus.enumValues.map((status) => [status, 0])) as Record<CaseStatus, number>;
  for (const row of countRows) statusCounts[row.status] = row.total;
  return { provinceCode, statusCounts, recentCases };
}
