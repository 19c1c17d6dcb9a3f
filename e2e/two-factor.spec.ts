import { expect, test } from '@playwright/test';
import { openSignedOutBrowser } from './fixtures/browsers';
import { accounts } from './fixtures/accounts';
import { signInAs, submitSignIn, totpCodeAt, totpStepAt } from './fixtures/session';

test.use({ locale: 'en-GB' });

function unique(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

test.describe('two-step sign-in', () => {
  test('an officer turns it on with an authenticator code, and then signs in only with a right, unused code', async ({ page, browser }) => {
    // A new officer, so no demo account changes: the admin (who has two-step sign-in) creates one.
    const name = `Two-step Officer ${unique()}`;
    const email = `two.step.${unique()}@kkg.police.test`;
    await signInAs(page, accounts.admin);
    await page.goto('/admin/users/new');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Organisation').selectOption({ label: 'Koh Kong Provincial Police (Police)' });
    await page.getByLabel('Role').selectOption({ label: 'Police officer' });
    await page.getByRole('button', { name: 'Create user' }).click();
    const notice = page.getByRole('status', { name: 'Account created' });
    const oneTimePassword = (await notice.getByRole('status', { name: 'One-time password' }).textContent())?.trim() ?? '';
    expect(oneTimePassword).not.toBe('');

    const user = await openSignedOutBrowser(browser);
    const officer = user.page;
    await officer.goto('/sign-in');
    await submitSignIn(officer, email, oneTimePassword);
    await expect(officer).toHaveURL('/account/password');
    const password = 'monsoon clouds over cardamom hills';
    await officer.getByLabel('Current password').fill(oneTimePassword);
    await officer.getByLabel('New password', { exact: true }).fill(password);
    await officer.getByLabel('Repeat the new password').fill(password);
    await officer.getByRole('button', { name: 'Change password' }).click();
    await expect(officer).toHaveURL('/police');

    // Set it up from the account page: a QR code with a text alternative, and the key as text.
    await officer.goto('/account');
    const section = officer.getByRole('region', { name: 'Two-step sign-in' });
    await expect(section.getByText('Off: signing in needs only your password.', { exact: false })).toBeVisible();
    await section.getByRole('link', { name: 'Set up two-step sign-in' }).click();
    await expect(officer.getByRole('heading', { level: 1, name: 'Two-step sign-in' })).toBeVisible();
    await officer.getByRole('button', { name: 'Start set-up' }).click();
    await expect(officer.getByRole('img', { name: 'QR code that adds CaseBridge to an authenticator app', exact: false })).toBeVisible();
    const secret = await officer.getByLabel('Setup key').inputValue();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    // A wrong code does not turn it on.
    const firstCode = totpCodeAt(secret, Date.now());
    await officer.getByLabel('Code from the app').fill(firstCode === '000000' ? '111111' : '000000');
    await officer.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await expect(officer.getByRole('alert', { name: 'Two-step sign-in was not changed' })).toBeVisible();
    await expect(officer.getByLabel('Code from the app')).toHaveAttribute('aria-invalid', 'true');

    const enableStep = totpStepAt(Date.now());
    await officer.getByLabel('Code from the app').fill(totpCodeAt(secret, Date.now()));
    await officer.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await expect(officer.getByRole('heading', { level: 2, name: 'Two-step sign-in is on' })).toBeVisible();

    // Sign out, then back in: the password alone is not enough.
    await officer.getByRole('button', { name: 'Sign out' }).click();
    await expect(officer).toHaveURL(/\/sign-in/);
    await submitSignIn(officer, email, password);
    await expect(officer.getByRole('status', { name: 'Enter your code' })).toBeVisible();
    const codeField = officer.getByLabel('Authentication code');
    await expect(codeField).toBeFocused();
    await expect(officer).toHaveURL(/\/sign-in/);

    // A wrong code is refused, and so is the code that just turned it on (each code works once).
    await codeField.fill(totpCodeAt(secret, Date.now()) === '000000' ? '111111' : '000000');
    await officer.getByRole('button', { name: 'Sign in' }).click();
    const refusal = officer.getByRole('alert', { name: 'Sign-in failed' });
    await expect(refusal).toContainText('The code is incorrect or was already used.');
    if (totpStepAt(Date.now()) === enableStep) {
      await codeField.fill(totpCodeAt(secret, enableStep * 30_000));
      await officer.getByRole('button', { name: 'Sign in' }).click();
      await expect(refusal).toContainText('The code is incorrect or was already used.');
      await expect(officer).toHaveURL(/\/sign-in/);
    }
    // The next code from the app signs in.
    await expect.poll(() => totpStepAt(Date.now()), { timeout: 35_000, intervals: [1_000] }).toBeGreaterThan(enableStep);
    await codeField.fill(totpCodeAt(secret, Date.now()));
    await officer.getByRole('button', { name: 'Sign in' }).click();
    await expect(officer).toHaveURL('/police');

    // The admin sees it on the account and can reset it for a lost phone.
    await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    await page.getByRole('link', { name }).click();
    await expect(page.getByText('On since', { exact: false })).toBeVisible();
    await page.getByRole('button', { name: 'Reset two-step sign-in' }).click();
    await page.getByRole('button', { name: 'Confirm: Reset two-step sign-in' }).click();
    await expect(page.getByRole('status', { name: 'Two-step sign-in was reset and the user is signed out everywhere.' })).toBeVisible();
    // Their session has ended; the password alone signs in again.
    await officer.reload();
    await expect(officer).toHaveURL(/\/sign-in/);
    await submitSignIn(officer, email, password);
    await expect(officer).toHaveURL('/police');
    await user.context.close();
  });
});
