import { expect, test, type Page } from '@playwright/test';
import { accounts, demoAccounts } from './fixtures/accounts';
import { text } from './fixtures/messages';
import { homeNavKey, homePathOf } from './fixtures/session';

test.use({ locale: 'en-GB' });

async function submitSignIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

function signInAlert(page: Page) {
  return page.getByRole('alert', { name: 'Sign-in failed' });
}

const rolesLandingAccounts = demoAccounts.filter(
  (account) => account.isActive && account !== accounts.lockoutTraining && account !== accounts.phnomPenhOfficer,
);

test.describe('signing in', () => {
  for (const account of rolesLandingAccounts) {
    test(`${account.role} ${account.name} lands on their own dashboard`, async ({ page }) => {
      await page.goto('/sign-in');
      await submitSignIn(page, account.email, account.password);
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
