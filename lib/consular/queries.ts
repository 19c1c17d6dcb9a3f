import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Transaction } from '@/db/client';
import { prebuilt, type Placeholders } from '@/db/prebuilt';
import { casePeople, cases, foreignMissions, officialNotifications, organisations, users } from '@/db/schema';
import { withActorScope } from '@/lib/auth/actor-scope';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { ownProvince } from '@/lib/cases/lock-case';
import { DomainError } from '@/lib/domain-error';
import { isNotifiedNational, nationalitiesOf } from './nationals';
import { loadMandatoryCountries } from './official-sync';
import type { MissionContactView, OfficialLetterView, OfficialNotificationView } from './views';

function missionOf(row: { nameEn: string | null; nameKm: string | null; nameZh: string | null; city: string | null; email: string | null; phone: string | null; fax: string | null }): MissionContactView | null {
  if (row.nameEn === null) return null;
  return { names: { en: row.nameEn, km: row.nameKm ?? '', zh: row.nameZh ?? '' }, city: row.city ?? '', email: row.email, phone: row.phone, fax: row.fax };
}

const missionColumns = {
  nameEn: foreignMissions.nameEn,
  nameKm: foreignMissions.nameKm,
  nameZh: foreignMissions.nameZh,
  city: foreignMissions.city,
  email: foreignMissions.email,
  phone: foreignMissions.phone,
  fax: foreignMissions.fax,
};

// Built once (db/prebuilt.ts): it is one of the workspace's reads, on every view of a case.
const selectOfficialNotificationsOfCase = prebuilt((db, p: Placeholders<{ caseId: string }>) =>
  db
    .select({
      id: officialNotifications.id,
      countryCode: officialNotifications.countryCode,
      kind: officialNotifications.kind,
      createdAt: officialNotifications.createdAt,
      dueAt: officialNotifications.dueAt,
      method: officialNotifications.method,
      informedAt: officialNotifications.informedAt,
      informedWhom: officialNotifications.informedWhom,
      reference: officialNotifications.reference,
      answer: officialNotifications.answer,
      answeredAt: officialNotifications.answeredAt,
      withdrawnAt: officialNotifications.withdrawnAt,
      version: officialNotifications.version,
      ...missionColumns,
    })
    .from(officialNotifications)
    .leftJoin(foreignMissions, eq(foreignMissions.id, officialNotifications.missionId))
    .where(eq(officialNotifications.caseId, p.caseId))
    .orderBy(asc(officialNotifications.countryCode)),
);

/** A case's official-notification tasks, read in the police's scoped transaction (the caller checked the case). */
export async function listOfficialNotificationsIn(tx: Transaction, caseId: string, now: Date = new Date()): Promise<OfficialNotificationView[]> {
  const rows = await selectOfficialNotificationsOfCase(tx, { caseId });
  return rows.map((row) => ({
    id: row.id,
    countryCode: row.countryCode,
    mission: missionOf(row),
    kind: row.kind,
    createdAt: row.createdAt,
    dueAt: row.dueAt,
    isOverdue: row.informedAt === null && row.withdrawnAt === null && now.getTime() > row.dueAt.getTime(),
    method: row.method,
    informedAt: row.informedAt,
    informedWhom: row.informedWhom,
    reference: row.reference,
    answer: row.answer,
    answeredAt: row.answeredAt,
    withdrawnAt: row.withdrawnAt,
    version: row.version,
  }));
}

/**
 * The formal notification letter of one task: the nationals of its country that the country is told of (a
 * detainee who declined is left out unless notification is mandatory), the case's nature, place and time, and the
 * officer to contact — the assignee, else whoever recorded the case. Police of the case's province only.
 */
export async function getOfficialLetter(actor: Actor, caseId: string, officialNotificationId: string): Promise<OfficialLetterView> {
  requirePermission(actor, 'read:case:own-province');
  const provinceCode = ownProvince(actor);
  return withActorScope(actor, async (tx) => {
    const assignee = alias(users, 'assignee');
    const creator = alias(users, 'creator');
    const [row] = await tx
      .select({
        countryCode: officialNotifications.countryCode,
        ...missionColumns,
        referenceNumber: cases.referenceNumber,
        crimeType: cases.crimeType,
        placeDescription: cases.placeDescription,
        commune: cases.commune,
        district: cases.district,
        occurredAt: cases.occurredAt,
        assigneeName: assignee.name,
        creatorName: creator.name,
      })
      .from(officialNotifications)
      .innerJoin(cases, eq(cases.id, officialNotifications.caseId))
      .leftJoin(foreignMissions, eq(foreignMissions.id, officialNotifications.missionId))
      .leftJoin(assignee, eq(assignee.id, cases.assignedTo))
      .innerJoin(creator, eq(creator.id, cases.createdBy))
      .where(and(eq(officialNotifications.id, officialNotificationId), eq(officialNotifications.caseId, caseId), eq(cases.provinceCode, provinceCode)));
    if (!row) throw DomainError.notFound('official notification');
    const [people, [police], isMandatoryCountry] = await Promise.all([
      tx.select().from(casePeople).where(eq(casePeople.caseId, caseId)).orderBy(asc(casePeople.createdAt)),
      tx.select({ en: organisations.nameEn, km: organisations.nameKm, zh: organisations.nameZh }).from(organisations).where(eq(organisations.id, actor.organisationId)),
      loadMandatoryCountries(tx),
    ]);
    return {
      caseReferenceNumber: row.referenceNumber,
      provinceCode,
      crimeType: row.crimeType,
      place: [row.placeDescription, row.commune, row.district].filter(Boolean).join(', '),
      occurredAt: row.occurredAt,
      countryCode: row.countryCode,
      mission: missionOf(row),
      nationals: people
        .filter((person) => isNotifiedNational(person, row.countryCode, isMandatoryCountry))
        .map((person) => ({
          latinName: person.latinName,
          nativeName: person.nativeName,
          dateOfBirth: person.dateOfBirth,
          approximateAge: person.approximateAge,
          nationalities: nationalitiesOf(person),
          idDocumentType: person.idDocumentType,
          idDocumentNumber: person.idDocumentNumber,
          detentionStatus: person.detentionStatus,
          detentionChangedAt: person.detentionChangedAt,
        })),
      policeOrganisation: police ?? { en: '', km: '', zh: '' },
      contactOfficerName: row.assigneeName ?? row.creatorName,
      issuedAt: new Date(),
    };
  });
}
