import { expect, test } from '@playwright/test';
import { accounts } from './fixtures/accounts';
import { addPerson } from './fixtures/case-intake';
import { text } from './fixtures/messages';
import { signedInPage } from './fixtures/session';

test.use({ locale: 'en-GB' });

/** The text before a message's first placeholder: what a line shows whatever time or name it holds. */
const leadOf = (locale: string, key: string) => text(locale, key).split('{')[0]!.trim();

test('the Thai embassy declines "not our national"; the Koh Kong officer sees the reason and corrects the nationality', async ({ browser }) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const title = `Border crossing ${suffix}`;

  const police = await signedInPage(browser, accounts.kohKongOfficer);
  await police.goto('/police/cases/new');
  await police.getByLabel('Crime type').selectOption('drug_trafficking');
  await police.getByLabel('Title', { exact: true }).fill(title);
  await police.getByLabel('Occurred at').fill('2026-11-24T04:00');
  await addPerson(police, 'suspect', { name: `Khamla Vongsa ${suffix}`, nationality: 'Thailand' });
  await police.getByRole('button', { name: 'Record case' }).click();
  await expect(police.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const caseUrl = new URL(police.url()).pathname;
  const caseId = caseUrl.split('/').at(-1) ?? '';
  const reference = (await police.getByText(/^KKG-\d{4}-\d{6}$/).textContent()) ?? '';

  // The Thai liaison officer opens the case and declines: the person is not a Thai national.
  const thailand = await signedInPage(browser, accounts.thaiLiaison);
  const locale = accounts.thaiLiaison.preferredLocale;
  await thailand.goto(`/embassy/cases/${caseId}`);
  const decline = thailand.getByRole('form', { name: text(locale, 'embassy.answer.declineHeading') });
  // Without a reason the shared schema refuses, next to the reasons.
  await decline.getByRole('button', { name: text(locale, 'embassy.answer.declineSubmit') }).click();
  await expect(decline.getByText(text(locale, 'validation.chooseDeclineReason'))).toBeVisible();
  await decline.getByRole('radio', { name: text(locale, 'enums.notificationDeclineReason.not_our_national') }).check();
  await decline.getByLabel(text(locale, 'embassy.answer.note')).fill('The passport shown is Lao.');
  await decline.getByRole('button', { name: text(locale, 'embassy.answer.declineSubmit') }).click();
  await expect(thailand.getByRole('status').filter({ hasText: text(locale, 'embassy.answer.declinedDone') })).toBeVisible();
  await expect(thailand.getByText(text(locale, 'embassy.answer.awaitingPolice'))).toBeVisible();
  // The inbox shows the row as declined, with its reason.
  await thailand.goto('/embassy');
  const row = thailand.getByRole('row').filter({ hasText: reference });
  await expect(row).toContainText(leadOf(locale, 'embassy.declinedRow'));
  await expect(row).toContainText(text(locale, 'enums.notificationDeclineReason.not_our_national'));

  // The officer sees the reason on the workspace, with the two choices.
  await police.reload();
  const declined = police.getByRole('region', { name: /Declined by Royal Thai Embassy/ });
  await expect(declined).toContainText(text('en', 'enums.notificationDeclineReason.not_our_national'));
  await expect(declined).toContainText('The passport shown is Lao.');
  await expect(declined.getByRole('button', { name: text('en', 'cases.decline.confirm') })).toBeVisible();
  await declined.getByRole('link', { name: text('en', 'cases.decline.correct') }).click();

  // Correcting the person's nationality withdraws the Thai notification and records the correction.
  await expect(police).toHaveURL(new RegExp(`${caseUrl}/edit$`));
  const person = police.getByRole('group', { name: /^Person 1: suspect$/i });
  await person.getByRole('combobox', { name: 'Nationality' }).fill('Laos');
  await person.getByRole('listbox', { name: 'Nationality' }).getByRole('option', { name: 'Laos', exact: true }).click();
  await police.getByRole('button', { name: 'Save changes' }).click();
  await expect(police.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const notifications = police.getByRole('region', { name: 'Embassy notifications' });
  await expect(notifications.getByRole('row', { name: /Royal Thai Embassy/ })).toContainText(leadOf('en', 'cases.workspace.withdrawn'));
  await expect(notifications.getByRole('region', { name: /Declined by Royal Thai Embassy/ })).toContainText(text('en', 'enums.nationalityResolution.corrected'));
  await expect(police.getByRole('region', { name: 'Timeline' }).getByText(/corrected the nationality Royal Thai Embassy declined/)).toBeVisible();
});
