import { expect, test } from '@playwright/test';
import { accounts, demoAccount } from './fixtures/accounts';
import { addPerson } from './fixtures/case-intake';
import { text } from './fixtures/messages';
import { signedInPage } from './fixtures/session';

test.use({ locale: 'en-GB' });

test('a Vietnamese victim in Koh Kong reaches the consulate-general, and the embassy sees it labelled with the post', async ({ browser }) => {
  // The demo consulate-general of Viet Nam in Preah Sihanouk (district: Preah Sihanouk and Koh Kong); looked up here,
  // not in the shared fixture, so the other journeys never depend on it.
  const postLiaison = demoAccount('liaison@vn-cg-psn.embassy.demo');
  const suffix = Math.random().toString(36).slice(2, 7);
  const title = `Compound rescue ${suffix}`;

  const police = await signedInPage(browser, accounts.kohKongOfficer);
  await police.goto('/police/cases/new');
  await police.getByLabel('Crime type').selectOption('human_trafficking');
  await police.getByLabel('Title', { exact: true }).fill(title);
  await police.getByLabel('Occurred at').fill('2026-11-25T03:00');
  await addPerson(police, 'victim', { name: `Tran Thi Mai ${suffix}`, nationality: 'Vietnam' });
  await police.getByRole('button', { name: 'Record case' }).click();
  await expect(police.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const reference = (await police.getByText(/^KKG-\d{4}-\d{6}$/).textContent()) ?? '';

  // The competent post has it, in its own inbox without a "Received by" label.
  const post = await signedInPage(browser, postLiaison);
  await post.goto('/embassy');
  await expect(post.getByRole('row').filter({ hasText: reference })).toContainText(text(postLiaison.preferredLocale, 'embassy.pending'));

  // The embassy sees its post's notification, named in the "Received by" column.
  const embassy = await signedInPage(browser, accounts.vietnamLiaison);
  const locale = accounts.vietnamLiaison.preferredLocale;
  await embassy.goto('/embassy');
  await expect(embassy.getByRole('columnheader', { name: text(locale, 'embassy.receivedBy') })).toBeVisible();
  const row = embassy.getByRole('row').filter({ hasText: reference });
  await expect(row).toContainText(/Consulate-General.*Preah Sihanouk/);
  await row.getByRole('link', { name: reference }).click();
  await expect(embassy.getByRole('heading', { level: 1 })).toBeVisible();
});
