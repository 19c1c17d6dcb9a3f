import 'server-only';
import { and, count, eq, gte, lt, ne, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cases, notifications } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { can, NotFoundError } from '@/lib/auth/permissions';
import type { CrimeType } from '@/lib/cases/views';

/** Counts only: a summary carries no field that could name or identify a person. */
export interface SummaryOverview {
  /** Null for the whole country. */
  provinceCode: string | null;
  periodStart: Date;
  openCases: number;
  newCases: number;
  closedCases: number;
  notificationsSent: number;
  notificationsAcknowledged: number;
  notificationsOverdue: number;
  newCasesByCrimeType: { crimeType: CrimeType; total: number }[];
}

/** The province a summary reader may see: their own for a governor's office, any (or all) for the ministry. */
function summaryScope(actor: Actor): string | null {
  if (can(actor, 'read:summary:national')) return null;
  if (can(actor, 'read:summary:own-province') && actor.provinceCode) return actor.provinceCode;
  throw new NotFoundError('summary');
}

export async function getSummaryOverview(actor: Actor, now = new Date()): Promise<SummaryOverview> {
  const provinceCode = summaryScope(actor);
  const periodStart = new Date(now);
  periodStart.setUTCFullYear(periodStart.getUTCFullYear() - 1);
  const inProvince: SQL | undefined = provinceCode ? eq(cases.provinceCode, provinceCode) : undefined;
  const db = getDb();
  const [[caseCounts], [notificationCounts], byCrimeType] = await Promise.all([
    db
      .select({
        open: sql<number>`count(*) filter (where ${ne(cases.status, 'closed')})`.mapWith(Number),
        created: sql<number>`count(*) filter (where ${gte(cases.reportedAt, periodStart)})`.mapWith(Number),
        closed: sql<number>`count(*) filter (where ${gte(cases.closedAt, periodStart)})`.mapWith(Number),
      })
      .from(cases)
      .where(inProvince),
    db
      .select({
        sent: count(),
        acknowledged: sql<number>`count(${notifications.acknowledgedAt})`.mapWith(Number),
        overdue: sql<number>`count(*) filter (where ${notifications.acknowledgedAt} is null and ${lt(notifications.dueAt, now)})`.mapWith(
          Number,
        ),
      })
      .from(notifications)
      .innerJoin(cases, eq(cases.id, notifications.caseId))
      .where(and(inProvince, gte(notifications.createdAt, periodStart))),
    db
      .select({ crimeType: cases.crimeType, total: count() })
      .from(cases)
      .where(and(inProvince, gte(cases.reportedAt, periodStart)))
      .groupBy(cases.crimeType)
      .orderBy(sql`count(*) desc`),
  ]);
  return {
    provinceCode,
    periodStart,
    openCases: caseCounts?.open ?? 0,
    newCases: caseCounts?.created ?? 0,
    closedCases: caseCounts?.closed ?? 0,
    notificationsSent: notificationCounts?.sent ?? 0,
    notificationsAcknowledged: notificationCounts?.acknowledged ?? 0,
    notificationsOverdue: notificationCounts?.overdue ?? 0,
    newCasesByCrimeType: byCrimeType,
  };
}
