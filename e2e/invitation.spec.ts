import { expect, test } from '@playwright/test';
import { openSignedOutBrowser } from './fixtures/browsers';
import { accounts } from './fixtures/accounts';
import { signInAs } from './fixtures/session';

test.use({ locale: 'en-GB' });

function unique(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

test.describe('invitation links', () => {
  test('the admin invites an officer, who sets a password through the link and lands on the police area; the link works once', async ({ page, browser }) => {
    const name = `Invited Officer ${unique()}`;
    const email = `invited.${unique()}@kkg.police.test`;
    await signInAs(page, accounts.admin);
    await page.goto('/admin/users/new');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Organisation').selectOption({ label: 'Koh Kong Provincial Police (Police)' });
    await page.getByLabel('Role').selectOption({ label: 'Police officer' });
    const howTheyGetIn = page.getByRole('group', { name: 'How will they get in?' });
    await expect(howTheyGetIn.getByRole('radio', { name: 'A one-time password, shown to you once' })).toBeChecked();
    await howTheyGetIn.getByRole('radio', { name: 'An invitation link, shown to you once' }).check();
    await expect(howTheyGetIn.getByText('You pass the link on yourself.', { exact: false })).toBeVisible();
    await page.getByRole('button', { name: 'Create user' }).click();

    const notice = page.getByRole('status', { name: 'Account created' });
    await expect(notice).toBeVisible();
    const link = (await notice.getByRole('status', { name: 'Invitation link' }).textContent())?.trim() ?? '';
    expect(link).toMatch(/^http:\/\/localhost:\d+\/invite\/[A-Za-z0-9_-]{43}$/);

    // The user page shows the open link without showing it again.
    await page.getByRole('link', { name: 'Open the account' }).click();
    await expect(page.getByRole('region', { name: 'Invitation link' }).getByText('A link is open until', { exact: false })).toBeVisible();
    await expect(page.getByText(link)).toHaveCount(0);

    const visitor = await openSignedOutBrowser(browser);
    await visitor.page.goto(link);
    await expect(visitor.page.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
    await expect(visitor.page.getByText(`Welcome, ${name}.`, { exact: false })).toBeVisible();
    // The policy applies: a common password is explained at its field.
    await visitor.page.getByLabel('New password', { exact: true }).fill('password1234567890');
    await visitor.page.getByLabel('Repeat the new password').fill('password1234567890');
    await visitor.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect(visitor.page.getByText('This password is too common or too easy to guess.', { exact: false })).toBeVisible();
    await expect(visitor.page.getByLabel('New password', { exact: true })).toHaveAttribute('aria-invalid', 'true');

    const ownPassword = 'monsoon clouds over the cardamom hills';
    await visitor.page.getByLabel('New password', { exact: true }).fill(ownPassword);
    await visitor.page.getByLabel('Repeat the new password').fill(ownPassword);
    await visitor.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect(visitor.page).toHaveURL('/police');
    await expect(visitor.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');
    await visitor.context.close();

    // A second use of the link, from anywhere, gets the one message that reveals nothing.
    const second = await openSignedOutBrowser(browser);
    await second.page.goto(link);
    await expect(second.page.getByRole('heading', { name: 'This invitation link does not work' })).toBeVisible();
    await expect(second.page.getByLabel('New password', { exact: true })).toHaveCount(0);
    // An unknown link reads exactly the same.
    await second.page.goto(`/invite/${'x'.repeat(43)}`);
    await expect(second.page.getByRole('heading', { name: 'This invitation link does not work' })).toBeVisible();
    await second.context.close();

    await page.reload();
    await expect(page.getByRole('region', { name: 'Invitation link' }).getByText('The last link was used on', { exact: false })).toBeVisible();
  });
});
