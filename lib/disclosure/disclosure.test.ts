import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { casePeople, consularConsent, personRole } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';

import { createCase } from '@/lib/cases/commands';
import { getCooperationThread } from '@/lib/cooperation/queries';
import { getEmbassyCaseView } from '@/lib/notifications/embassy-queries';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { overrideDisclosure, recordConsent } from './commands';
import { isDisclosedToEmbassy } from './rule';

withTestDatabase();

let officer: Actor;
let supervisor: Actor;
let vietnam: Actor;

beforeAll(async () => {
  const police = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
  officer = await actorFor(await createUser({ role: 'police_officer', organisationId: police.id }));
  supervisor = await actorFor(await createUser({ role: 'police_supervisor', organisationId: police.id }));
  vietnam = await actorFor(await createUser({ role: 'embassy_liaison', organisationId: (await createOrganisation({ kind: 'embassy', countryCode: 'VN' })).id }));
});

async function caseWithVietnameseVictim(latinName: string) {
  const created = await createCase(officer, buildCaseInput({ people: [buildPersonInput({ latinName, nationality: 'VN', roleInCase: 'victim', isSensitiveVictim: true })] }));
  const [victim] = await getDb().select().from(casePeople).where(eq(casePeople.caseId, created.id));
  if (!victim) throw new Error('victim not created');
  return { caseId: created.id, victim };
}

describe('the disclosure rule', () => {
  const overrides = [null, new Date('2026-03-01T00:00:00Z')];
  const combinations = personRole.enumValues.flatMap((roleInCase) =>
    consularConsent.enumValues.flatMap((consent) => overrides.map((disclosureOverrideAt) => ({ roleInCase, consularConsent: consent, disclosureOverrideAt }))),
  );

  it('discloses suspects and witnesses always, a victim only with consent or an override', () => {
    const disclosed = combinations.filter(isDisclosedToEmbassy);
    expect(disclosed.filter((person) => person.roleInCase === 'victim')).toEqual([
      { roleInCase: 'victim', consularConsent: 'yes', disclosureOverrideAt: null },
      { roleInCase: 'victim', consularConsent: 'yes', disclosureOverrideAt: overrides[1] },
      { roleInCase: 'victim', consularConsent: 'no', disclosureOverrideAt: overrides[1] },
      { roleInCase: 'victim', consularConsent: 'not_asked', disclosureOverrideAt: overrides[1] },
    ]);
    expect(disclosed.filter((person) => person.roleInCase !== 'victim')).toHaveLength(12);
  });

  it('is the same rule the database applies behind the embassy\'s policy', async () => {
    for (const person of combinations) {
      const result = (await getDb().execute(
        sql`select casebridge_is_disclosed_to_embassy(${person.roleInCase}::person_role, ${person.consularConsent}::consular_consent, ${person.disclosureOverrideAt?.toISOString() ?? null}::timestamptz) as "isDisclosed"`,
      )) as unknown as { isDisclosed: boolean }[] | { rows: { isDisclosed: boolean }[] };
      const [row] = Array.isArray(result) ? result : result.rows;
      expect(row?.isDisclosed, JSON.stringify(person)).toBe(isDisclosedToEmbassy(person));
    }
  });
});

describe('consent and override', () => {
  it('withholds a victim from her embassy until consent is recorded, then discloses her', async () => {
    const { caseId, victim } = await caseWithVietnameseVictim('Nguyen Thi Mai');
    const before = await getEmbassyCaseView(vietnam, caseId);
    expect(before.nationals).toEqual([{ disclosure: 'withheld', id: victim.id, roleInCase: 'victim', isSensitiveVictim: true }]);
    expect(JSON.stringify(before)).not.toContain('Nguyen Thi Mai');
    await recordConsent(officer, { caseId, personId: victim.id, consent: 'yes' });
    const after = await getEmbassyCaseView(vietnam, caseId);
    expect(after.nationals[0]).toMatchObject({ disclosure: 'full', latinName: 'Nguyen Thi Mai', overrideJustification: null });
    expect(after.updates.map((update) => update.kind)).toContain('consent_recorded');
  });

  it('keeps the case and its cooperation thread open to an embassy whose only national is a withheld victim', async () => {
    const { caseId } = await caseWithVietnameseVictim('Pham Thi Lan');
    const view = await getEmbassyCaseView(vietnam, caseId);
    expect(view.nationals.map((national) => national.disclosure)).toEqual(['withheld']);
    expect(view.otherPeopleCount).toBe(0);
    expect((await getCooperationThread(vietnam, caseId)).embassyOrganisationId).toBe(vietnam.organisationId);
  });

  it('lets a supervisor disclose a victim without consent, with a justification both sides see', async () => {
    const { caseId, victim } = await caseWithVietnameseVictim('Tran Van Binh');
    const justification = 'The victim is a minor and the embassy must arrange guardianship.';
    await expect(overrideDisclosure(officer, { caseId, personId: victim.id, justification })).rejects.toMatchObject({ kind: 'not_found' });
    await overrideDisclosure(supervisor, { caseId, personId: victim.id, justification });
    const view = await getEmbassyCaseView(vietnam, caseId);
    expect(view.nationals[0]).toMatchObject({ disclosure: 'full', latinName: 'Tran Van Binh', overrideJustification: justification });
    expect(view.updates.find((update) => update.kind === 'disclosure_override')?.details).toEqual({ justification });
  });

  it('refuses consent and override for anyone but a victim, and an override after consent', async () => {
    const created = await createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'VN', roleInCase: 'witness' })] }));
    const [witness] = await getDb().select().from(casePeople).where(eq(casePeople.caseId, created.id));
    await expect(recordConsent(officer, { caseId: created.id, personId: witness!.id, consent: 'yes' })).rejects.toMatchObject({ kind: 'refused' });

    const { caseId, victim } = await caseWithVietnameseVictim('Le Thi Hoa');
    await recordConsent(officer, { caseId, personId: victim.id, consent: 'yes' });
    const justification = 'Consent is already recorded, so this must be refused.';
    await expect(overrideDisclosure(supervisor, { caseId, personId: victim.id, justification })).rejects.toMatchObject({ kind: 'refused' });
  });
});
