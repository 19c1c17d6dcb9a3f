import { randomUUID } from 'node:crypto';
import { cambodianDate } from '@/demo-data/shared/case-lifecycle';
import { demoDocument, demoName } from '@/demo-data/shared/demo-names';
import { SeededRandom } from '@/demo-data/shared/prng';
import { notificationDueAt } from '@/lib/notifications/deadlines';
import type { DemoCasePlan, DemoDirectory } from './plan-demo-cases';

const hour = 3_600_000;

/**
 * Kampong Cham's one demo case, notified to the wrong post on purpose: a Vietnamese victim whose notification the
 * officer sent by hand to the consulate-general in Preah Sihanouk (she was recruited in Sihanoukville), although
 * Kampong Cham is outside its consular district, so Viet Nam's embassy is competent. It is there for the journey in
 * which the consulate-general redirects a notification to its embassy (e2e, issue 13); it is still waiting, so the
 * consulate-general's inbox shows it at the top. Planned apart from the bulk, with its own seed, so that the 200
 * generated cases stay the same.
 */
export function planMisroutedCase(directory: DemoDirectory, plan: DemoCasePlan, now: Date): void {
  const rng = new SeededRandom(20_261_202);
  const consulateGeneral = directory.organisation('embassy-vn-cg-psn');
  const officer = directory.userId('pisey.chhim@kcm.police.demo');
  const policeOrganisationId = directory.organisation('police-kcm').id;
  const caseId = randomUUID();
  const reportedAt = new Date(Math.floor((now.getTime() - 26 * hour) / 60_000) * 60_000);
  const occurredAt = new Date(reportedAt.getTime() - 10 * hour);
  const victim = { ...demoName(rng, 'VN', 'female'), document: demoDocument(rng, 'VN') };
  const suspect = demoName(rng, 'KH', 'male');

  plan.cases.push({
    policeOrganisationId,
    row: {
      id: caseId,
      provinceCode: 'KCM',
      crimeType: 'human_trafficking',
      status: 'reported',
      district: 'Kampong Cham',
      commune: 'Veal Vong',
      placeDescription: 'Riverside guesthouse near the Kizuna Bridge, room on the second floor',
      occurredAt,
      reportedAt,
      title: 'Vietnamese woman held at a riverside guesthouse in Kampong Cham',
      narrative:
        'A Vietnamese woman was found locked in a guesthouse room after a neighbour heard her calling for help. She says she was recruited in Sihanoukville for restaurant work and brought here by car two days ago; her passport was taken. The guesthouse manager was arrested at the scene.',
      isNarrativeShareable: true,
      narrativeHandlingCode: 'H1',
      createdBy: officer,
      version: 1,
      createdAt: reportedAt,
      updatedAt: reportedAt,
    },
  });
  const person = (row: Omit<DemoCasePlan['people'][number], 'caseId' | 'provinceCode' | 'createdAt' | 'updatedAt'>) => ({
    ...row,
    caseId,
    provinceCode: 'KCM',
    createdAt: reportedAt,
    updatedAt: reportedAt,
  });
  plan.people.push(
    person({
      id: randomUUID(),
      roleInCase: 'victim',
      latinName: victim.latinName,
      nativeName: victim.nativeName,
      sex: 'female',
      dateOfBirth: cambodianDate(reportedAt.getTime() - (24 * 365 + 100) * 24 * hour),
      nationality: 'VN',
      idDocumentType: victim.document?.idDocumentType ?? null,
      idDocumentNumber: victim.document?.idDocumentNumber ?? null,
      detentionStatus: 'not_detained',
      isSensitiveVictim: true,
      consularConsent: 'yes',
      consentRecordedAt: reportedAt,
      consentRecordedBy: officer,
    }),
    person({
      id: randomUUID(),
      roleInCase: 'suspect',
      latinName: suspect.latinName,
      nativeName: suspect.nativeName,
      sex: 'male',
      approximateAge: 45,
      nationality: 'KH',
      detentionStatus: 'detained',
      detentionChangedAt: reportedAt,
    }),
  );

  const notificationId = randomUUID();
  plan.notifications.push({
    id: notificationId,
    caseId,
    embassyOrganisationId: consulateGeneral.id,
    kind: 'ordinary',
    reason: 'manual',
    manualReason: 'She was recruited in Sihanoukville; the consulate-general there asked to be told of her case.',
    createdBy: officer,
    createdAt: reportedAt,
    dueAt: notificationDueAt('ordinary', consulateGeneral, reportedAt),
    lastUpdatedAt: reportedAt,
    updatesMailedUntil: now,
  });
  plan.events.push({
    caseId,
    kind: 'notification_sent',
    actorUserId: officer,
    actorOrganisationId: policeOrganisationId,
    embassyOrganisationId: consulateGeneral.id,
    occurredAt: reportedAt,
    details: { notificationId, kind: 'ordinary', reason: 'manual' },
  });
}
