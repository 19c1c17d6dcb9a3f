import { expect, test } from '@playwright/test';
import { accounts, demoAccount } from './fixtures/accounts';
import { text } from './fixtures/messages';
import { signedInPage } from './fixtures/session';

test.use({ locale: 'en-GB' });

test("the consulate-general sends a Kampong Cham case, outside its district, on to Viet Nam's embassy", async ({ browser }) => {
  // The demo data's one Kampong Cham case was notified by hand to the consulate-general in Preah Sihanouk
  // (demo-data/seed/plan-misrouted-case.ts); Kampong Cham is its embassy's.
  const postLiaison = demoAccount('liaison@vn-cg-psn.embassy.demo');
  const postLocale = postLiaison.preferredLocale;
  const post = await signedInPage(browser, postLiaison);
  await post.goto('/embassy');
  const misrouted = post.getByRole('row').filter({ hasText: /KCM-\d{4}-\d{6}/ });
  await expect(misrouted).toHaveCount(1);
  const reference = (await misrouted.getByRole('link', { name: /KCM-\d{4}-\d{6}/ }).textContent())?.trim() ?? '';
  await misrouted.getByRole('link', { name: reference }).click();
  await expect(post.getByRole('heading', { level: 1 })).toBeVisible();

  const sendOn = post.getByRole('region', { name: text(postLocale, 'embassy.answer.redirectHeading') });
  // Nothing chosen: the field says so and nothing moves.
  await sendOn.getByRole('button', { name: text(postLocale, 'embassy.answer.redirectSubmit') }).click();
  await expect(sendOn.getByLabel(text(postLocale, 'embassy.answer.target'))).toHaveAttribute('aria-invalid', 'true');
  const target = sendOn.getByLabel(text(postLocale, 'embassy.answer.target'));
  const embassyValue = await target.locator('option', { hasText: 'Embassy of Viet Nam' }).getAttribute('value');
  await target.selectOption(embassyValue ?? '');
  await sendOn.getByLabel(text(postLocale, 'embassy.answer.redirectNote')).fill('Kampong Cham is outside our consular district.');
  await sendOn.getByRole('button', { name: text(postLocale, 'embassy.answer.redirectSubmit') }).click();
  await expect(post).toHaveURL(/\/embassy$/);
  await expect(post.getByRole('row').filter({ hasText: reference })).toHaveCount(0);

  // The embassy has it now, waiting, as its own (no "Received by" post named).
  const embassy = await signedInPage(browser, accounts.vietnamLiaison);
  const locale = accounts.vietnamLiaison.preferredLocale;
  await embassy.goto('/embassy');
  const row = embassy.getByRole('row').filter({ hasText: reference });
  await expect(row).toContainText(text(locale, 'embassy.pending'));
  await expect(row).not.toContainText(/Consulate-General/);
});
