import { expect, test, type Page } from '@playwright/test';
import { accounts, demoAccounts, type DemoAccount } from './fixtures/accounts';
import { text } from './fixtures/messages';
import { homeNavKey, homePathOf, submitSignIn } from './fixtures/session';
import { claimTotpCode } from './fixtures/totp-claims';

test.use({ locale: 'en-GB' });

function signInAlert(page: Page) {
  return page.getByRole('alert', { name: 'Sign-in failed' });
}

/**
 * The second step of two-step sign-in (the demo admin). A code works once, and other tests sign the same
 * account in, so a refused code is retried with the next step's.
 */
async function enterCode(page: Page, secret: string) {
  await expect(page.getByRole('status', { name: 'Enter your code' })).toBeVisible();
  for (let attempt = 1; attempt <= 3; attempt++) {
    await page.getByLabel('Authentication code').fill(await claimTotpCode(secret));
    await page.getByRole('button', { name: 'Sign in' }).click();
    const isRefused = await Promise.race([
      page.waitForURL((url) => !url.pathname.startsWith('/sign-in')).then(() => false),
      signInAlert(page).waitFor().then(() => true),
    ]);
    if (!isRefused) return;
    await expect(signInAlert(page)).toContainText('The code is incorrect or was already used.');
  }
  throw new Error('every code was refused');
}

const rolesLandingAccounts = demoAccounts.filter(
  (account) => account.isActive && account !== accounts.lockoutTraining && account !== accounts.phnomPenhOfficer,
);

test.describe('signing in', () => {
  for (const account of rolesLandingAccounts) {
    test(`${account.role} ${account.name} lands on their own dashboard`, async ({ page }) => {
      await page.goto('/sign-in');
      await submitSignIn(page, account.email, account.password);
      const totpSecret = (account as DemoAccount).totpSecret;
      if (totpSecret) await enterCode(page, totpSecret);
      const home = homePathOf(account.role);
      await expect(page).toHaveURL(home);
      const locale = account.preferredLocale;
      const navigation = page.getByRole('navigation', { name: text(locale, 'common.mainNavigation') });
      const homeKey = homeNavKey[home];
      if (!homeKey) throw new Error(`no nav entry for ${home}`);
      await expect(navigation.getByRole('link', { name: text(locale, homeKey) })).toHaveAttribute('aria-current', 'page');
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.getByText(text(locale, 'common.signedInAs', { name: account.name }), { exact: false })).toBeVisible();
    });
  }

  test('a wrong password gets a clear message that does not say which part was wrong', async ({ page }) => {
    await page.goto('/sign-in');
    await submitSignIn(page, accounts.kohKongOfficer.email, 'definitely-not-the-password');
    await expect(signInAlert(page)).toContainText('The email address or password is incorrect.');
    await submitSignIn(page, 'nobody@unknown.example', 'definitely-not-the-password');
    await expect(signInAlert(page)).toContainText('The email address or password is incorrect.');
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test('five wrong passwords lock the account, and then even the right one is refused', async ({ page }) => {
    const account = accounts.lockoutTraining;
    await page.goto('/sign-in');
    for (let attempt = 1; attempt < 5; attempt++) {
      await submitSignIn(page, account.email, `wrong-guess-number-${attempt}`);
      await expect(signInAlert(page)).toContainText('incorrect');
    }
    await submitSignIn(page, account.email, 'wrong-guess-number-5');
    await expect(signInAlert(page)).toContainText('locked for 15 minutes');
    await submitSignIn(page, account.email, account.password);
    await expect(signInAlert(page)).toContainText('locked for 15 minutes');
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test('a deactivated account is refused', async ({ page }) => {
    await page.goto('/sign-in');
    await submitSignIn(page, accounts.deactivated.email, accounts.deactivated.password);
    await expect(signInAlert(page)).toContainText('deactivated');
  });

  test('empty and malformed input is explained next to each field', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('This field is required.')).toHaveCount(2);
    await page.getByLabel('Email address').fill('not-an-address');
    await page.getByLabel('Password').fill('x');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Enter a valid email address', { exact: false })).toBeVisible();
  });

  test('signing out ends the session', async ({ page }) => {
    await page.goto('/sign-in');
    await submitSignIn(page, accounts.sihanoukOfficer.email, accounts.sihanoukOfficer.password);
    await expect(page).toHaveURL('/police');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto('/police');
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
