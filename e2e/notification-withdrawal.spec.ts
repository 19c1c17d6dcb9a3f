import { expect, test } from '@playwright/test';
import { accounts } from './fixtures/accounts';
import { addPerson } from './fixtures/case-intake';
import { text } from './fixtures/messages';
import { signedInPage } from './fixtures/session';

test.use({ locale: 'en-GB' });

/** The text before a message's first placeholder: what a row shows whatever time it names. */
const leadOf = (locale: string, key: string) => text(locale, key).split('{')[0]!.trim();

test('the Vietnamese embassy sees its notification withdrawn when its national is removed, and can no longer open or acknowledge it', async ({ browser }) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const title = `Boat interception ${suffix}`;

  const police = await signedInPage(browser, accounts.kohKongOfficer);
  await police.goto('/police/cases/new');
  await police.getByLabel('Crime type').selectOption('drug_trafficking');
  await police.getByLabel('Title', { exact: true }).fill(title);
  await police.getByLabel('Occurred at').fill('2026-11-24T04:00');
  await addPerson(police, 'suspect', { name: `Chen Hao ${suffix}`, nationality: 'China' });
  await addPerson(police, 'witness', { name: `Pham Van Long ${suffix}`, nationality: 'Vietnam' });
  await police.getByRole('button', { name: 'Record case' }).click();
  await expect(police.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const caseUrl = new URL(police.url()).pathname;
  const reference = (await police.getByText(/^KKG-\d{4}-\d{6}$/).textContent()) ?? '';

  const vietnam = await signedInPage(browser, accounts.vietnamLiaison);
  const locale = accounts.vietnamLiaison.preferredLocale;
  await vietnam.goto('/embassy');
  await expect(vietnam.getByRole('row').filter({ hasText: reference })).toContainText(text(locale, 'embassy.pending'));
  const withdrawnRows = vietnam.getByRole('row').filter({ hasText: leadOf(locale, 'embassy.withdrawnRow') });
  const withdrawnBefore = await withdrawnRows.count();

  // The officer corrects the case: the Vietnamese witness was recorded by mistake.
  await police.goto(`${caseUrl}/edit`);
  await police.getByRole('button', { name: 'Remove person 2' }).click();
  await police.getByRole('button', { name: 'Save changes' }).click();
  await expect(police.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const notifications = police.getByRole('region', { name: 'Embassy notifications' });
  await expect(notifications.getByRole('row', { name: /Viet Nam/ })).toContainText(leadOf('en', 'cases.workspace.withdrawn'));
  await expect(notifications.getByRole('row', { name: /China/ })).toContainText(text('en', 'cases.workspace.pending'));
  await expect(police.getByRole('region', { name: 'Timeline' }).getByText(/withdrawn/i).first()).toBeVisible();
  await expect(police.getByText(text('en', 'cooperation.closedWithdrawn').split('{')[0]!.trim())).toBeVisible();

  // The embassy's inbox keeps a withdrawn row with its time, without the case or a link; the case is gone.
  await vietnam.reload();
  await expect(vietnam.getByRole('row').filter({ hasText: reference })).toHaveCount(0);
  await expect(withdrawnRows).toHaveCount(withdrawnBefore + 1);
  await expect(withdrawnRows.first().getByRole('link')).toHaveCount(0);
  const caseId = caseUrl.split('/').at(-1) ?? '';
  expect((await vietnam.goto(`/embassy/cases/${caseId}`))?.status()).toBe(404);
  await expect(vietnam.getByRole('button', { name: text(locale, 'embassy.acknowledgeSubmit') })).toHaveCount(0);
});
