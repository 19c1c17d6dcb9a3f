import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openSignedOutBrowser } from './fixtures/browsers';
import { accounts } from './fixtures/accounts';
import { signInAs } from './fixtures/session';

test.use({ locale: 'en-GB' });

function unique(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** The admin creates a Koh Kong police officer through the form and reads the one-time password shown once. */
async function createOfficerThroughAdmin(page: Page, name: string): Promise<{ email: string; oneTimePassword: string }> {
  const email = `officer.${unique()}@kkg.police.test`;
  await page.goto('/admin/users');
  await page.getByRole('link', { name: 'New user' }).click();
  await expect(page.getByRole('heading', { name: 'New user' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Organisation').selectOption({ label: 'Koh Kong Provincial Police (Police)' });
  await page.getByLabel('Role').selectOption({ label: 'Police officer' });
  await page.getByRole('button', { name: 'Create user' }).click();
  const notice = page.getByRole('status', { name: 'Account created' });
  await expect(notice).toBeVisible();
  const oneTimePassword = (await notice.getByRole('status', { name: 'One-time password' }).textContent())?.trim() ?? '';
  expect(oneTimePassword).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
  return { email, oneTimePassword };
}

test.describe('platform administration', () => {
  test('the admin creates an embassy and edits its acknowledgement deadlines', async ({ page }) => {
    const countries = ['Iceland', 'Estonia', 'Uruguay', 'Ghana', 'Jamaica', 'Kenya', 'Tunisia', 'Peru'];
    const country = countries[Math.floor(Math.random() * countries.length)] ?? 'Iceland';
    const name = `Embassy of ${country} ${unique()}`;
    await signInAs(page, accounts.admin);
    await page.goto('/admin');
    await page.getByRole('link', { name: 'New organisation' }).click();
    await page.getByLabel('Kind').selectOption({ label: 'Embassy' });
    await page.getByLabel('Name in English').fill(name);
    await page.getByLabel('Name in Khmer').fill('ស្ថានទូត');
    await page.getByLabel('Name in Chinese').fill('大使馆');
    await page.getByRole('combobox', { name: 'Country represented' }).fill(country);
    await page.getByRole('option', { name: country, exact: true }).click();
    await page.getByLabel('Ordinary notification (hours)').fill('60');
    await page.getByLabel('Detention notification (hours)').fill('12');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

    // A detention deadline longer than the ordinary one is explained at its field, and nothing is saved.
    await page.getByLabel('Ordinary notification (hours)').fill('96');
    await page.getByLabel('Detention notification (hours)').fill('200');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByLabel('Detention notification (hours)')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('The detention deadline cannot be longer than the ordinary one.')).toBeVisible();

    await page.getByLabel('Detention notification (hours)').fill('8');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status', { name: 'Changes saved.' })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Ordinary notification (hours)')).toHaveValue('96');
    await expect(page.getByLabel('Detention notification (hours)')).toHaveValue('8');

    // An address that names no organisation is a real 404.
    const missing = await page.goto('/admin/organisations/00000000-0000-4000-8000-000000000000');
    expect(missing?.status()).toBe(404);
  });

  test('a new user signs in with the one-time password and must choose their own', async ({ page, browser }) => {
    await signInAs(page, accounts.admin);
    const { email, oneTimePassword } = await createOfficerThroughAdmin(page, `New Officer ${unique()}`);

    const user = await openSignedOutBrowser(browser);
    await user.page.goto('/sign-in');
    await user.page.getByLabel('Email address').fill(email);
    await user.page.getByLabel('Password').fill(oneTimePassword);
    await user.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(user.page).toHaveURL('/account/password');
    await expect(user.page.getByRole('heading', { name: 'Change your password' })).toBeVisible();
    await expect(user.page.getByRole('status', { name: 'Choose your own password' })).toBeVisible();
    // Nothing else opens until the password is changed.
    await user.page.goto('/police/cases');
    await expect(user.page).toHaveURL('/account/password');

    await user.page.getByLabel('Current password').fill(oneTimePassword);
    await user.page.getByLabel('New password', { exact: true }).fill('password1234567890');
    await user.page.getByLabel('Repeat the new password').fill('password1234567890');
    await user.page.getByRole('button', { name: 'Change password' }).click();
    await expect(user.page.getByText('This password is too common or too easy to guess.', { exact: false })).toBeVisible();
    await expect(user.page.getByLabel('New password', { exact: true })).toHaveAttribute('aria-invalid', 'true');

    const ownPassword = 'river lanterns over the old bridge';
    await user.page.getByLabel('New password', { exact: true }).fill(ownPassword);
    await user.page.getByLabel('Repeat the new password').fill(ownPassword);
    await user.page.getByRole('button', { name: 'Change password' }).click();
    await expect(user.page).toHaveURL('/police');
    await expect(user.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');

    // "Sign out everywhere" ends this session too.
    await user.page.goto('/account');
    await user.page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(user.page).toHaveURL(/\/sign-in/);
    await user.page.goto('/police');
    await expect(user.page).toHaveURL(/\/sign-in/);
    await user.context.close();
  });

  test('deactivating a user ends their open session at their next request', async ({ page, browser }) => {
    await signInAs(page, accounts.admin);
    const name = `Deactivation Trainee ${unique()}`;
    const { email, oneTimePassword } = await createOfficerThroughAdmin(page, name);

    const user = await openSignedOutBrowser(browser);
    await signInAs(user.page, { ...accounts.kohKongOfficer, email, password: oneTimePassword });
    await user.page.goto('/account/password');
    await expect(user.page).not.toHaveURL(/\/sign-in/);

    await page.getByRole('link', { name: 'Open the account' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await page.getByRole('button', { name: 'Deactivate user' }).click();
    await page.getByRole('button', { name: 'Confirm: Deactivate user' }).click();
    await expect(page.getByRole('status', { name: 'The user is deactivated and signed out everywhere.' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reactivate user' })).toBeVisible();

    await user.page.reload();
    await expect(user.page).toHaveURL(/\/sign-in/);
    await user.context.close();
  });

  test('the audit viewer filters entries and exports them as CSV', async ({ page }) => {
    await signInAs(page, accounts.admin);
    const name = `Audit Trail Officer ${unique()}`;
    await createOfficerThroughAdmin(page, name);
    await page.getByRole('link', { name: 'Open the account' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const userId = new URL(page.url()).pathname.split('/').at(-1) ?? '';

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit log' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
    const filters = page.getByRole('search', { name: 'Filter audit entries' });
    await filters.getByLabel('Action').selectOption('admin.user.create');
    await filters.getByLabel('Case or record').fill(userId);
    await filters.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/action=admin\.user\.create/);
    const table = page.getByRole('table', { name: 'Audit log' });
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table.getByRole('row').nth(1)).toContainText(userId);
    await expect(table.getByRole('row').nth(1)).toContainText(accounts.admin.email);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^casebridge-audit-\d{8}-\d{4}\.csv$/);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('id,occurred_at,actor_user_id');
    expect(lines[1]).toContain('"admin.user.create"');
    expect(lines[1]).toContain(userId);

    // The export is itself in the log.
    await page.goto('/admin/audit?action=audit.export');
    await expect(table.getByRole('row').nth(1)).toContainText(accounts.admin.email);
    await expect(table.getByRole('row').nth(1)).toContainText(userId);
  });

  test('other roles get "not found" for every admin page', async ({ page }) => {
    await signInAs(page, accounts.kohKongSupervisor);
    for (const path of ['/admin/users', '/admin/users/new', '/admin/organisations/new', '/admin/audit', '/admin/audit/export']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
  });
});
