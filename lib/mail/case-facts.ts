import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { cases, notifications, organisations, provinces, type CrimeType, type NotificationKind } from '@/db/schema';
import type { LocalizedNames } from '@/lib/i18n/localized-name';

/**
 * What an e-mail about a notification may say of it and its case — and, by leaving everything else out, what it
 * cannot: no person's row is read here, so none can reach a message (lib/mail/render.ts).
 */
export interface NotifiedCaseFacts {
  notificationId: string;
  kind: NotificationKind;
  dueAt: Date;
  acknowledgedAt: Date | null;
  embassyId: string;
  embassyName: LocalizedNames;
  caseId: string;
  caseReferenceNumber: string;
  crimeType: CrimeType;
  provinceCode: string;
  province: LocalizedNames;
}

/** The facts of each notification given that still exists (a deleted case takes its notifications with it). */
export async function notifiedCaseFactsOf(db: Pick<Database, 'select'>, notificationIds: readonly string[]): Promise<Map<string, NotifiedCaseFacts>> {
  if (notificationIds.length === 0) return new Map();
  const rows = await db
    .select({
      notificationId: notifications.id,
      kind: notifications.kind,
      dueAt: notifications.dueAt,
      acknowledgedAt: notifications.acknowledgedAt,
      embassyId: notifications.embassyOrganisationId,
      embassyName: { en: organisations.nameEn, km: organisations.nameKm, zh: organisations.nameZh },
      caseId: cases.id,
      caseReferenceNumber: cases.referenceNumber,
      crimeType: cases.crimeType,
      provinceCode: cases.provinceCode,
      province: { en: provinces.nameEn, km: provinces.nameKm, zh: provinces.nameZh },
    })
    .from(notifications)
    .innerJoin(organisations, eq(organisations.id, notifications.embassyOrganisationId))
    .innerJoin(cases, eq(cases.id, notifications.caseId))
    .innerJoin(provinces, eq(provinces.code, cases.provinceCode))
    .where(inArray(notifications.id, [...notificationIds]));
  return new Map(rows.map((row) => [row.notificationId, row]));
}
