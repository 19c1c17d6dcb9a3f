import { expect, test, type Page } from '@playwright/test';
import { accounts } from './fixtures/accounts';
import { text } from './fixtures/messages';
import { signInAs } from './fixtures/session';

test.use({ locale: 'en-GB' });

function unique(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** A country's name as the browser's own ICU data gives it (the picker's names), which may differ from Node's. */
const regionName = (page: Page, locale: string, code: string) =>
  page.evaluate(([lang, region]) => new Intl.DisplayNames([lang], { type: 'region' }).of(region) ?? region, [locale, code] as const);

test.describe('the directory of foreign missions', () => {
  test('the admin adds an honorary consul off CaseBridge with its consular district, then takes it out of use', async ({ page }) => {
    const name = `Honorary Consul of Japan in Siem Reap ${unique()}`;
    await signInAs(page, accounts.admin);
    // The demo directory: Viet Nam's consulate-general is on CaseBridge with its district, Indonesia's embassy is not.
    await page.goto('/admin/missions?country=VN');
    await expect(page.getByRole('heading', { level: 1, name: 'Foreign missions' })).toBeVisible();
    await expect(page.getByRole('row', { name: /Consulate-General of Viet Nam in Preah Sihanouk/ })).toContainText('Koh Kong, Preah Sihanouk');
    await page.getByLabel('Country represented').selectOption({ label: 'Indonesia' });
    await page.getByLabel('On CaseBridge').selectOption('off');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect(page).toHaveURL(/country=ID/);
    await expect(page.getByRole('row', { name: /Embassy of the Republic of Indonesia/ })).toContainText('Off CaseBridge');

    await page.getByRole('link', { name: 'New mission' }).click();
    await expect(page.getByRole('heading', { level: 1, name: text('en', 'missions.new') })).toBeVisible();
    await page.getByLabel('Type').selectOption({ label: 'Honorary consul' });
    await page.getByRole('combobox', { name: 'Country represented' }).fill('Japan');
    await page.getByRole('option', { name: 'Japan', exact: true }).click();
    await page.getByLabel('Name in English').fill(name);
    await page.getByLabel('Name in Khmer').fill('កុងស៊ុលកិត្តិយសជប៉ុន');
    await page.getByLabel('Name in Chinese').fill('日本驻暹粒名誉领事');
    await page.getByLabel('City').fill('Siem Reap');
    await page.getByRole('group', { name: 'Consular district' }).getByLabel('Siem Reap').check();
    await page.getByRole('group', { name: 'Consular district' }).getByLabel('Oddar Meanchey').check();
    await page.getByLabel('Phone').fill('+855 63 000 001');
    await page.getByRole('button', { name: 'Add mission' }).click();

    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByLabel('Organisation that receives its notifications')).toHaveValue('');
    await expect(page.getByRole('group', { name: 'Consular district' }).getByLabel('Siem Reap')).toBeChecked();

    // Out of use at the end, so that the next run may give the same provinces to its own consul.
    await page.getByLabel('In use').uncheck();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status', { name: 'Changes saved.' })).toBeVisible();
    await page.goto('/admin/missions?country=JP&type=honorary_consul');
    await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Deactivated');
  });

  test('a mission that breaks a rule is explained in the admin’s language, and nothing is saved', async ({ page }) => {
    await signInAs(page, accounts.admin);
    await page.goto('/admin/missions/new');
    await page.getByLabel(text('en', 'common.language'), { exact: true }).selectOption('km');
    const km = (key: string) => text('km', key);
    await expect(page.getByRole('heading', { level: 1, name: km('missions.new') })).toBeVisible();
    try {
      // Checked in the browser: a post needs a district, and off CaseBridge some way to reach it.
      await page.getByLabel(km('missions.type')).selectOption('honorary_consul');
      const jpName = await regionName(page, 'km', 'JP');
      await page.getByRole('combobox', { name: km('missions.country') }).fill(jpName);
      await page.getByRole('option', { name: jpName, exact: true }).click();
      await page.getByLabel(km('admin.nameEn')).fill(`Honorary Consul ${unique()}`);
      await page.getByLabel(km('admin.nameKm')).fill('កុងស៊ុលកិត្តិយស');
      await page.getByLabel(km('admin.nameZh')).fill('名誉领事');
      await page.getByLabel(km('missions.city')).fill('Kampot');
      await page.getByRole('button', { name: km('missions.create') }).click();
      await expect(page.getByText(km('missions.validation.districtRequired'))).toBeVisible();
      await expect(page.getByText(km('missions.validation.contactRequired'))).toBeVisible();

      // Checked on the server: Viet Nam already has its embassy.
      await page.getByLabel(km('missions.type')).selectOption('embassy');
      const vnName = await regionName(page, 'km', 'VN');
      await page.getByRole('combobox', { name: km('missions.country') }).fill(vnName);
      await page.getByRole('option', { name: vnName, exact: true }).click();
      await page.getByLabel(km('missions.email')).fill('consular@vn-second.mission.example');
      await page.getByRole('button', { name: km('missions.create') }).click();
      await expect(page.getByText(km('missions.validation.embassyExists'))).toBeVisible();
      await expect(page.getByLabel(km('missions.type'))).toHaveAttribute('aria-invalid', 'true');
      await expect(page).toHaveURL('/admin/missions/new');
    } finally {
      // The admin's language is stored with the account: give the other journeys their English admin back.
      await page.getByLabel(km('common.language'), { exact: true }).selectOption('en');
      await expect(page.getByLabel(text('en', 'common.language'), { exact: true })).toBeVisible();
    }
  });
});
