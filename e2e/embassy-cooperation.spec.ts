import { expect, test } from '@playwright/test';
import { accounts } from './fixtures/accounts';
import { addPerson } from './fixtures/case-intake';
import { text } from './fixtures/messages';
import { signedInPage } from './fixtures/session';

test.use({ locale: 'en-GB' });

test('police record a detained Chinese suspect and a Vietnamese victim; each embassy sees exactly its own', async ({ browser }) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const suspect = `Zhang Wei ${suffix}`;
  const victim = `Nguyen Thi Hoa ${suffix}`;
  const title = `Compound raid with foreign nationals ${suffix}`;

  // 1. The police officer records the case.
  const police = await signedInPage(browser, accounts.kohKongOfficer);
  await police.goto('/police/cases/new');
  await police.getByLabel('Crime type').selectOption('online_scam');
  await police.getByLabel('Title', { exact: true }).fill(title);
  await police.getByLabel('Occurred at').fill('2026-11-23T20:00');
  await addPerson(police, 'suspect', { name: suspect, nationality: 'China', detainedAt: '2026-11-23T22:00' });
  await addPerson(police, 'victim', { name: victim, nationality: 'Vietnam' });
  await police.getByRole('button', { name: 'Record case' }).click();
  await expect(police.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const caseUrl = new URL(police.url()).pathname;
  const caseId = caseUrl.split('/').at(-1) ?? '';
  const reference = (await police.getByText(/^KKG-\d{4}-\d{6}$/).textContent()) ?? '';

  // 2. The Chinese embassy (working in Chinese) sees a detention notification with its deadline.
  const china = await signedInPage(browser, accounts.chinaLiaison);
  await china.goto('/embassy');
  const row = china.getByRole('row').filter({ hasText: reference });
  await expect(row).toContainText(text('zh-CN', 'enums.notificationKind.detention'));
  await expect(row).toContainText(text('zh-CN', 'embassy.pending'));
  await row.getByRole('link', { name: reference }).click();
  await expect(china.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const nationals = china.getByRole('region', { name: text('zh-CN', 'embassy.yourNationals') });
  await expect(nationals.getByRole('rowheader', { name: suspect })).toBeVisible();
  await expect(china.getByText(victim)).toHaveCount(0);

  // It acknowledges and records a consular visit.
  await china.getByLabel(text('zh-CN', 'embassy.acknowledgeNote')).fill('领事官员已指派');
  await china.getByRole('button', { name: text('zh-CN', 'embassy.acknowledgeSubmit') }).click();
  await expect(china.getByRole('status', { name: text('zh-CN', 'embassy.acknowledgedDone') })).toBeVisible();
  await china.getByText(text('zh-CN', 'cooperation.recordAction')).click();
  await china.getByLabel(text('zh-CN', 'cooperation.actionType')).selectOption('consular_visit');
  await china.getByLabel(text('zh-CN', 'cooperation.description')).fill('Consular visit to the detained national at the provincial commissariat.');
  await china.getByRole('button', { name: text('zh-CN', 'cooperation.submitAction') }).click();
  await expect(china.getByRole('status', { name: text('zh-CN', 'cooperation.actionRecorded') })).toBeVisible();

  // 3. The police officer sees the acknowledgement and the action.
  await police.reload();
  const notifications = police.getByRole('region', { name: 'Embassy notifications' });
  await expect(notifications.getByRole('row', { name: /China/ })).toContainText(accounts.chinaLiaison.name);
  const timeline = police.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByText(/acknowledged the notification/)).toBeVisible();
  await expect(timeline.getByText(/Cooperation action recorded with/)).toBeVisible();
  await expect(police.getByText('Consular visit to the detained national at the provincial commissariat.')).toBeVisible();

  // The printable record proves when the embassy was informed, opened and acknowledged.
  const recordHref = (await china.getByRole('link', { name: text('zh-CN', 'embassy.printRecord') }).getAttribute('href')) ?? '';
  const record = await china.context().newPage();
  await record.goto(recordHref);
  await expect(record.getByRole('heading', { level: 1, name: text('zh-CN', 'record.title') })).toBeVisible();
  await expect(record.getByRole('row', { name: new RegExp(text('zh-CN', 'record.acknowledgedAt')) })).toContainText(accounts.chinaLiaison.name);

  // 4. The Thai embassy gets "not found" for the case and for its notification record.
  const thai = await signedInPage(browser, accounts.thaiLiaison);
  const thaiResponse = await thai.goto(`/embassy/cases/${caseId}`);
  expect(thaiResponse?.status()).toBe(404);
  expect((await thai.goto(recordHref))?.status()).toBe(404);

  // 5. The Vietnamese embassy sees its victim withheld until the police record her consent.
  const vietnam = await signedInPage(browser, accounts.vietnamLiaison);
  await vietnam.goto(`/embassy/cases/${caseId}`);
  await expect(vietnam.getByText(text('en', 'embassy.withheldVictim'))).toBeVisible();
  await expect(vietnam.getByText(victim)).toHaveCount(0);

  await police.getByLabel(`Consent of ${victim} to consular contact`).selectOption('yes');
  await police.getByRole('button', { name: 'Save consent' }).click();
  await expect(police.getByRole('status').filter({ hasText: 'Consent saved.' })).toBeVisible();

  await vietnam.reload();
  await expect(vietnam.getByRole('rowheader', { name: victim })).toBeVisible();
  await expect(vietnam.getByText(text('en', 'embassy.withheldVictim'))).toHaveCount(0);
});

test('an embassy inbox shows a new notification within seconds of the police saving, without a reload', async ({ browser }) => {
  const china = await signedInPage(browser, accounts.chinaLiaison);
  await china.goto('/embassy');
  await expect(china.getByRole('heading', { level: 1, name: text('zh-CN', 'embassy.inboxTitle') })).toBeVisible();

  const police = await signedInPage(browser, accounts.kohKongOfficer);
  await police.goto('/police/cases/new');
  await police.getByLabel('Title', { exact: true }).fill(`Live update check ${Math.random().toString(36).slice(2, 7)}`);
  await police.getByLabel('Occurred at').fill('2026-11-24T08:00');
  await addPerson(police, 'suspect', { name: 'Wang Fang', nationality: 'China' });
  await police.getByRole('button', { name: 'Record case' }).click();
  const reference = (await police.getByText(/^KKG-\d{4}-\d{6}$/).textContent()) ?? '';
  expect(reference).not.toBe('');

  await expect(china.getByRole('link', { name: reference })).toBeVisible({ timeout: 15_000 });
});

test('a supervisor discloses a victim without consent; the confirmation stays and her embassy sees her with the justification', async ({ browser }) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const victim = `Tran Thi Lan ${suffix}`;
  const title = `Victim found at a checkpoint ${suffix}`;
  const justification = 'She is missing and her family asked the embassy to find her.';

  const police = await signedInPage(browser, accounts.kohKongOfficer);
  await police.goto('/police/cases/new');
  await police.getByLabel('Crime type').selectOption('human_trafficking');
  await police.getByLabel('Title', { exact: true }).fill(title);
  await police.getByLabel('Occurred at').fill('2026-11-23T20:00');
  await addPerson(police, 'victim', { name: victim, nationality: 'Vietnam' });
  await police.getByRole('button', { name: 'Record case' }).click();
  await expect(police.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const caseUrl = new URL(police.url()).pathname;
  const caseId = caseUrl.split('/').at(-1) ?? '';
  // The officer may not override; the supervisor (working in Khmer) may.
  await expect(police.getByText('Disclose without consent (supervisor)')).toHaveCount(0);

  const supervisor = await signedInPage(browser, accounts.kohKongSupervisor);
  await supervisor.goto(caseUrl);
  await supervisor.getByText(text('km', 'consent.override')).click();
  const justificationField = supervisor.getByLabel(text('km', 'consent.justification'));
  const submit = supervisor.getByRole('button', { name: text('km', 'consent.overrideSubmit') });
  await justificationField.fill('Too short');
  await submit.click();
  await expect(supervisor.getByText(text('km', 'embassy.validation.justificationTooShort'))).toBeVisible();
  await justificationField.fill(justification);
  await submit.click();
  // The form goes with the refresh; its confirmation must not.
  await expect(supervisor.getByRole('status', { name: text('km', 'consent.overrideDone') })).toBeVisible();
  await expect(supervisor.getByText(text('km', 'consent.overridden', { justification }))).toBeVisible();
  await expect(submit).toHaveCount(0);

  const vietnam = await signedInPage(browser, accounts.vietnamLiaison);
  await vietnam.goto(`/embassy/cases/${caseId}`);
  await expect(vietnam.getByRole('rowheader', { name: victim })).toBeVisible();
  await expect(vietnam.getByText(text('en', 'embassy.overrideNotice', { justification }))).toBeVisible();
});
