import { expect, test } from '@playwright/test';
import { accounts } from './fixtures/accounts';
import { addPerson } from './fixtures/case-intake';
import { signInAs } from './fixtures/session';

test.use({ locale: 'en-GB' });

const unique = () => Math.random().toString(36).slice(2, 8).toUpperCase();

test('an officer records an Indonesian detainee (off CaseBridge), prints the letter, records the diplomatic note', async ({ page }) => {
  await signInAs(page, accounts.kohKongOfficer);
  await page.goto('/police/cases/new');
  const title = `Fishing boat seizure ${unique()}`;
  const passport = `C${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
  await page.getByLabel('Crime type').selectOption('other');
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('District').fill('Koh Kong');
  await page.getByLabel('Occurred at').fill('2026-11-20T22:00');
  await page.getByLabel('Reported at').fill('2026-11-21T06:30');
  await addPerson(page, 'suspect', { name: 'Budi Santoso', nationality: 'Indonesia', passport, detainedAt: '2026-11-21T05:00' });
  const suspect = page.getByRole('group', { name: /^Person \d+: suspect$/i }).last();
  await suspect.getByLabel('Informed of the right at').fill('2026-11-21T05:30');
  await suspect.getByLabel("The detainee's answer").selectOption('requests');
  await page.getByRole('button', { name: 'Record case' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // Indonesia has no accounts on CaseBridge: no embassy notification, an official-notification task instead.
  await expect(page.getByRole('region', { name: 'Embassy notifications' }).getByRole('row', { name: /Indonesia/ })).toHaveCount(0);
  const official = page.getByRole('region', { name: 'Official notifications (missions off CaseBridge)' });
  await expect(official.getByRole('heading', { name: /Indonesia/ })).toBeVisible();
  await expect(official.getByText(/^To notify by /)).toBeVisible();
  await expect(page.getByRole('region', { name: 'People' }).getByText(/Informed of the right to consular notification .*: Requests consular notification/)).toBeVisible();

  // The letter, in English and Khmer, with the national's particulars.
  await official.getByRole('link', { name: 'Notification letter (English and Khmer)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Consular notification letter' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Notification of the detention of a national of Indonesia/ })).toBeVisible();
  await expect(page.locator('section[lang="km"]')).toContainText('Budi Santoso');
  await expect(page.locator('section[lang="en"]')).toContainText(passport);
  await expect(page.getByRole('button', { name: 'Print the letter' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print the letter' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await page.goBack();

  // The diplomatic note through the Ministry of Foreign Affairs, recorded on the task.
  const form = official.getByRole('form', { name: /Record the official notification of Indonesia/ });
  await form.getByLabel('How').selectOption('diplomatic_note_via_mfa');
  await form.getByLabel('When').fill('2026-11-21T09:00');
  await form.getByLabel('Whom (name and office)').fill('Consular section, Embassy of Indonesia');
  await form.getByLabel('Reference (note number, message id)').fill('MFA/KH/2026/0412');
  await form.getByRole('button', { name: 'Record the notification' }).click();
  await expect(official.getByText(/Informed .* by Diplomatic note through the Ministry of Foreign Affairs, to Consular section, Embassy of Indonesia \(reference MFA\/KH\/2026\/0412\)/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Timeline' }).getByText(/recorded the official notification of Indonesia/)).toBeVisible();
});
