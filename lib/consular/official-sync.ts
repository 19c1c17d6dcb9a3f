import 'server-only';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import {
  casePeople,
  countryConsularRules,
  foreignMissions,
  missionDistricts,
  officialNotifications,
  organisations,
} from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { recordCaseEvent } from '@/lib/cases/case-events';
import { escalateToDetention, notificationDueAt } from '@/lib/notifications/deadlines';
import { nationalitiesOf } from './nationals';
import { offCaseBridgeDeadlines, planOfficialNotifications } from './official-plan';

/** The countries each with mandatory notification, read once per sync (a short admin-managed list). */
export async function loadMandatoryCountries(tx: Pick<Transaction, 'select'>): Promise<(country: string) => boolean> {
  const rows = await tx.select({ countryCode: countryConsularRules.countryCode }).from(countryConsularRules).where(eq(countryConsularRules.mandatoryNotification, true));
  const mandatory = new Set(rows.map((row) => row.countryCode));
  return (country) => mandatory.has(country);
}

/** The competent mission of `countryCode` for a case in `provinceCode`: the post whose district has it, else the embassy. */
async function competentMissionId(tx: Pick<Transaction, 'select'>, countryCode: string, provinceCode: string): Promise<string | null> {
  const [post] = await tx
    .select({ id: foreignMissions.id })
    .from(foreignMissions)
    .innerJoin(missionDistricts, eq(missionDistricts.missionId, foreignMissions.id))
    .where(and(eq(foreignMissions.countryCode, countryCode), eq(foreignMissions.isActive, true), eq(missionDistricts.provinceCode, provinceCode)))
    .limit(1);
  if (post) return post.id;
  const [embassy] = await tx
    .select({ id: foreignMissions.id })
    .from(foreignMissions)
    .where(and(eq(foreignMissions.countryCode, countryCode), eq(foreignMissions.isActive, true), eq(foreignMissions.missionType, 'embassy')))
    .limit(1);
  return embassy?.id ?? null;
}

/**
 * Keeps a case's official-notification tasks in step with its people, inside the transaction that changed them
 * (beside syncCaseNotifications): a task appears for each off-CaseBridge country with a national to notify, a
 * new detention shortens a task not yet done, and a task whose nationals are all gone stops being due (a task
 * already done stays, as the record of what the police did).
 */
export async function syncOfficialNotifications(tx: Transaction, input: { caseId: string; provinceCode: string; actor: Actor; now: Date }): Promise<void> {
  const { caseId, provinceCode, actor, now } = input;
  const people = await tx
    .select({
      nationality: casePeople.nationality,
      otherNationalities: casePeople.otherNationalities,
      detentionStatus: casePeople.detentionStatus,
      notificationWish: casePeople.notificationWish,
      dualNationalDecision: casePeople.dualNationalDecision,
    })
    .from(casePeople)
    .where(eq(casePeople.caseId, caseId));
  const existing = await tx.select().from(officialNotifications).where(eq(officialNotifications.caseId, caseId));
  if (people.length === 0 && existing.length === 0) return;
  const countries = [...new Set(people.flatMap(nationalitiesOf))];
  const onCaseBridge = countries.length
    ? await tx
        .select({ countryCode: organisations.countryCode })
        .from(organisations)
        .where(and(eq(organisations.kind, 'embassy'), eq(organisations.isActive, true), isNotNull(organisations.countryCode), inArray(organisations.countryCode, countries)))
    : [];
  const isMandatoryCountry = await loadMandatoryCountries(tx);
  const plans = planOfficialNotifications(people, new Set(onCaseBridge.map((row) => row.countryCode ?? '')), isMandatoryCountry);
  const existingByCountry = new Map(existing.map((task) => [task.countryCode, task]));
  const plannedCountries = new Set(plans.map((plan) => plan.countryCode));
  const eventContext = { caseId, actor, occurredAt: now };

  for (const plan of plans) {
    const task = existingByCountry.get(plan.countryCode);
    if (!task) {
      const [created] = await tx
        .insert(officialNotifications)
        .values({
          caseId,
          provinceCode,
          countryCode: plan.countryCode,
          missionId: await competentMissionId(tx, plan.countryCode, provinceCode),
          kind: plan.kind,
          createdAt: now,
          dueAt: notificationDueAt(plan.kind, offCaseBridgeDeadlines, now),
          updatedAt: now,
        })
        .returning({ id: officialNotifications.id, dueAt: officialNotifications.dueAt });
      if (!created) throw new Error('official notification insert returned nothing');
      await recordCaseEvent(tx, eventContext, {
        kind: 'official_notification_due',
        details: { officialNotificationId: created.id, countryCode: plan.countryCode, kind: plan.kind, dueAt: created.dueAt.toISOString() },
      });
      continue;
    }
    if (task.informedAt !== null) continue;
    const isReturning = task.withdrawnAt !== null;
    const isNewDetention = plan.kind === 'detention' && task.kind === 'ordinary';
    if (!isReturning && !isNewDetention) continue;
    // Back in the case after being withdrawn: due again from now, by its kind's deadline.
    const dueAt = isReturning ? notificationDueAt(plan.kind, offCaseBridgeDeadlines, now) : escalateToDetention(task, offCaseBridgeDeadlines, now).dueAt;
    await tx
      .update(officialNotifications)
      .set({ kind: plan.kind, dueAt, withdrawnAt: null, version: task.version + 1, updatedAt: now })
      .where(eq(officialNotifications.id, task.id));
    await recordCaseEvent(tx, eventContext, {
      kind: 'official_notification_due',
      details: { officialNotificationId: task.id, countryCode: task.countryCode, kind: plan.kind, dueAt: dueAt.toISOString() },
    });
  }

  const noLongerNeeded = existing.filter((task) => !plannedCountries.has(task.countryCode) && task.informedAt === null && task.withdrawnAt === null);
  for (const task of noLongerNeeded) {
    await tx.update(officialNotifications).set({ withdrawnAt: now, version: task.version + 1, updatedAt: now }).where(eq(officialNotifications.id, task.id));
  }
}
