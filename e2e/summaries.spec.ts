import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { accounts } from './fixtures/accounts';
import { text } from './fixtures/messages';
import { signInAs } from './fixtures/session';

/** The value of a headline figure: the `dd` that follows the figure's term in the figures list. */
function figure(page: Page, label: string) {
  return page.getByRole('term').filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).locator('xpath=following-sibling::dd[1]');
}

function csvLines(path: string): string[] {
  return fs.readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
}

test.describe('governor\'s office (Khmer)', () => {
  const km = (key: string, values?: Record<string, string>) => text('km', key, values);
  /** "Last N months" in Khmer: the `other` branch of the plural message, with N in place of `#`. */
  const presetLabel = (months: number) => (km('summaries.presetMonths').match(/other \{(.*)\}\}$/)?.[1] ?? '').replace('#', String(months));

  test('reads its province, changes the period, sees the figures change and downloads a CSV', async ({ page }) => {
    await signInAs(page, accounts.governor);
    await page.goto('/summaries');
    await expect(page.getByRole('heading', { level: 1, name: km('summaries.titleProvince', { province: 'កោះកុង' }) })).toBeVisible();

    const presets = page.getByRole('navigation', { name: km('summaries.presets') });
    await expect(presets.getByRole('link', { name: presetLabel(12) })).toHaveAttribute('aria-current', 'page');
    const newCases = figure(page, km('summaries.figures.newCases'));
    const twelveMonths = await newCases.textContent();
    expect(Number(twelveMonths)).toBeGreaterThan(10);

    await presets.getByRole('link', { name: presetLabel(3) }).click();
    await expect(page).toHaveURL(/months=3/);
    await expect(presets.getByRole('link', { name: presetLabel(3) })).toHaveAttribute('aria-current', 'page');
    await expect(newCases).not.toHaveText(twelveMonths ?? '');
    const threeMonths = Number(await newCases.textContent());
    expect(threeMonths).toBeLessThan(Number(twelveMonths));

    const crimeTypes = page.getByRole('table', { name: km('summaries.tables.crimeTypes') });
    await expect(crimeTypes.getByRole('row')).toHaveCount(7);

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: km('summaries.downloadCsvOf', { table: km('summaries.tables.crimeTypes') }) }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^casebridge-crimeTypes-kkg-\d{4}-\d{2}-to-\d{4}-\d{2}\.csv$/);
    const lines = csvLines(await download.path());
    expect(lines[0]).toBe(`${km('summaries.columns.crimeType')},${km('summaries.columns.newCases')}`);
    expect(lines).toHaveLength(7);
    for (const line of lines.slice(1)) expect(line).toMatch(/,(\d+|<3)$/);
    const total = lines.slice(1).reduce((sum, line) => sum + (Number(line.split(',').at(-1)) || 0), 0);
    expect(total).toBeLessThanOrEqual(threeMonths);
  });

  test('gets "not found" for another province and for the national comparison', async ({ page }) => {
    await signInAs(page, accounts.governor);
    expect((await page.goto('/summaries?province=PSN'))?.status()).toBe(404);
    expect((await page.request.get('/summaries/export?table=provinces')).status()).toBe(404);
    expect((await page.request.get('/summaries/export?table=crimeTypes&province=PSN')).status()).toBe(404);
    expect((await page.request.get('/summaries/export?table=nonsense')).status()).toBe(400);
  });
});

test.describe('ministry analyst (English)', () => {
  test.use({ locale: 'en-GB' });

  test('compares two provinces side by side and one at a time', async ({ page }) => {
    await signInAs(page, accounts.ministryAnalyst);
    await page.goto('/summaries');
    await expect(page.getByRole('heading', { level: 1, name: 'Cambodia at a glance' })).toBeVisible();

    const comparison = page.getByRole('table', { name: 'Provinces side by side' });
    await expect(comparison.getByRole('row')).toHaveCount(26);
    const newCasesIn = async (province: string) => {
      const row = comparison.getByRole('row').filter({ has: page.getByRole('rowheader', { name: province, exact: true }) });
      return (await row.getByRole('cell').first().textContent()) ?? '';
    };
    const kohKong = await newCasesIn('Koh Kong');
    const sihanouk = await newCasesIn('Preah Sihanouk');
    expect(Number(kohKong)).toBeGreaterThan(0);
    expect(Number(sihanouk)).toBeGreaterThan(0);
    expect(await newCasesIn('Kampot')).toBe('0');

    // Consular notification per country: the demo's Chinese nationals are notified through CaseBridge.
    const consular = page.getByRole('table', { name: 'Consular notification by country' });
    await expect(consular.getByRole('columnheader', { name: 'Median hours from detention to notification' })).toBeVisible();
    await expect(consular.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'China', exact: true }) }).getByRole('cell').first()).toHaveText('On CaseBridge');

    for (const [code, name, expected] of [
      ['KKG', 'Koh Kong', kohKong],
      ['PSN', 'Preah Sihanouk', sihanouk],
    ] as const) {
      await page.getByLabel('Province', { exact: true }).selectOption(code);
      await page.getByRole('button', { name: 'Show' }).click();
      await expect(page).toHaveURL(new RegExp(`province=${code}`));
      await expect(page.getByRole('heading', { level: 1, name: `${name} province at a glance` })).toBeVisible();
      await expect(figure(page, 'New cases')).toHaveText(expected);
      // Exact counts for the ministry: no cell is suppressed.
      await expect(page.getByRole('cell', { name: '<3' })).toHaveCount(0);
    }

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download “Provinces side by side” as CSV' }).click();
    const lines = csvLines(await (await downloading).path());
    expect(lines[0]).toBe('Province,New cases,Closed cases,Open cases,Foreign nationals detained,Sent,Overdue,Median hours to acknowledge');
    expect(lines).toHaveLength(26);
    expect(lines.find((line) => line.startsWith('Koh Kong,'))?.split(',')[1]).toBe(kohKong);
  });
});

test('police cannot open summaries or their exports', async ({ page }) => {
  await signInAs(page, accounts.kohKongOfficer);
  expect((await page.goto('/summaries'))?.status()).toBe(404);
  expect((await page.request.get('/summaries/export?table=overview')).status()).toBe(404);
});
