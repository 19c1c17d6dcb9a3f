import { expect, test } from '@playwright/test';
import { accounts } from './fixtures/accounts';
import { signInAs } from './fixtures/session';

test.use({ locale: 'en-GB' });

test('a ministry analyst reads every province\'s case list, filters one province and cannot open a case', async ({ page }) => {
  await signInAs(page, accounts.ministryAnalyst);
  await page.goto('/summaries');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Cases' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cases' })).toBeVisible();
  const provinceCells = page.getByRole('row').locator('td:nth-child(2)');
  await expect(provinceCells.first()).toBeVisible();
  const provincesShown = new Set(await provinceCells.allTextContents());
  expect(provincesShown.size).toBeGreaterThan(1);

  await page.getByLabel('Province').selectOption('PSN');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/province=PSN/);
  await expect(provinceCells.first()).toHaveText('Preah Sihanouk');
  expect(new Set(await provinceCells.allTextContents())).toEqual(new Set(['Preah Sihanouk']));
  await expect(page.getByRole('table').getByRole('link')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Record a new case' })).toHaveCount(0);
});

test('police cannot open the national case list', async ({ page }) => {
  await signInAs(page, accounts.kohKongOfficer);
  const response = await page.goto('/summaries/cases');
  expect(response?.status()).toBe(404);
});
