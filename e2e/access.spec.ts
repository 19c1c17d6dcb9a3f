import { expect, test } from '@playwright/test';
import { accounts, type DemoAccount } from './fixtures/accounts';
import { text } from './fixtures/messages';
import { signInAs } from './fixtures/session';

const areas = ['/police', '/embassy', '/summaries', '/admin'] as const;

const refusals: { account: DemoAccount; allowed: (typeof areas)[number] }[] = [
  { account: accounts.kohKongOfficer, allowed: '/police' },
  { account: accounts.thaiLiaison, allowed: '/embassy' },
  { account: accounts.ministryAnalyst, allowed: '/summaries' },
  { account: accounts.admin, allowed: '/admin' },
];

test.describe('pages of another role', () => {
  for (const { account, allowed } of refusals) {
    test(`${account.role} is refused every area but ${allowed}`, async ({ page }) => {
      await signInAs(page, account);
      for (const area of areas.filter((candidate) => candidate !== allowed)) {
        const response = await page.goto(area);
        expect(response?.status(), `${account.role} opening ${area}`).toBe(404);
        await expect(page.getByRole('heading', { name: text(account.preferredLocale, 'common.notFoundTitle') })).toBeVisible();
      }
      const own = await page.goto(allowed);
      expect(own?.status()).toBe(200);
    });
  }

  test('without a session every area sends the visitor to sign in', async ({ page }) => {
    for (const area of areas) {
      await page.goto(area);
      await expect(page).toHaveURL(/\/sign-in/);
    }
    await page.goto('/account');
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
