import { expect, test } from '@playwright/test';
import { accounts } from './fixtures/accounts';
import { addPerson } from './fixtures/case-intake';
import { signInAs } from './fixtures/session';

test.use({ locale: 'en-GB' });

const unique = () => Math.random().toString(36).slice(2, 8).toUpperCase();

test('an officer records a case with two foreign suspects and a victim, finds it, edits it and works it to closure', async ({ page }) => {
  await signInAs(page, accounts.kohKongOfficer);
  await page.goto('/police/cases/new');
  const title = `Scam compound raid ${unique()}`;
  const passport = `E${Math.floor(10_000_000 + Math.random() * 89_999_999)}`;

  await page.getByLabel('Crime type').selectOption('online_scam');
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Narrative', { exact: true }).fill('Forty workers held in a compound; two managers arrested.');
  await page.getByLabel('District').fill('Botum Sakor');
  await page.getByLabel('Occurred at').fill('2026-11-20T22:00');
  await page.getByLabel('Reported at').fill('2026-11-21T06:30');
  await addPerson(page, 'suspect', { name: 'Zhang Wei', nationality: 'China', passport, detainedAt: '2026-11-21T05:00' });
  await addPerson(page, 'suspect', { name: 'Tran Van Hung', nationality: 'Vietnam' });
  await addPerson(page, 'victim', { name: 'Siti Rahma', nationality: 'Indonesia' });
  await page.getByRole('button', { name: 'Record case' }).click();

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const reference = (await page.getByText(/^KKG-\d{4}-\d{6}$/).textContent()) ?? '';
  expect(reference).toMatch(/^KKG-2026-\d{6}$/);
  const people = page.getByRole('region', { name: 'People' });
  await expect(people.getByRole('row')).toHaveCount(4);
  const notifications = page.getByRole('region', { name: 'Embassy notifications' });
  await expect(notifications.getByRole('row', { name: /China/ })).toContainText('Detention');
  await expect(notifications.getByRole('row', { name: /Viet Nam|Vietnam/ })).toContainText('Ordinary');
  const caseUrl = page.url();

  // Find it by passport number, typed in lower case.
  await page.goto('/police/cases');
  await page.getByRole('searchbox', { name: 'Search' }).fill(passport.toLowerCase());
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 case' })).toBeVisible();
  await page.getByRole('link', { name: reference }).click();
  await expect(page).toHaveURL(caseUrl);

  // Edit it.
  await page.getByRole('link', { name: 'Edit case' }).click();
  await page.getByLabel('Title', { exact: true }).fill(`${title} (updated)`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${title} (updated)` })).toBeVisible();

  // Work it through the status workflow.
  const statusPanel = page.getByRole('region', { name: 'Change status' });
  await expect(page.getByText(/^Version 2,/)).toBeVisible();
  for (const [status, version] of [
    ['under_investigation', 3],
    ['referred_to_prosecutor', 4],
  ] as const) {
    await statusPanel.getByLabel('New status').selectOption(status);
    await statusPanel.getByRole('button', { name: 'Change status' }).click();
    await expect(page.getByText(new RegExp(`^Version ${version},`))).toBeVisible();
  }
  await statusPanel.getByLabel('New status').selectOption('closed');
  await statusPanel.getByRole('button', { name: 'Change status' }).click();
  await expect(statusPanel.getByText('Choose why the case is closed.')).toBeVisible();
  await statusPanel.getByLabel('Reason for closing').selectOption('solved');
  await statusPanel.getByRole('button', { name: 'Change status' }).click();
  await expect(statusPanel.getByText('No status change is open to you for this case.')).toBeVisible();

  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByText(/recorded the case/)).toBeVisible();
  await expect(timeline.getByText(/edited title/)).toBeVisible();
  await expect(timeline.getByText(/changed the status from Reported to Under investigation/)).toBeVisible();
  await expect(timeline.getByText(/closed the case \(Solved\)/)).toBeVisible();
  await expect(timeline.getByText(/was notified/)).toHaveCount(2);

  // Typing the same passport into a new intake points to this case.
  await page.goto('/police/cases/new');
  await page.getByRole('button', { name: 'Add suspect' }).click();
  await page.getByLabel('ID document').selectOption('passport');
  await page.getByLabel('Document number').fill(passport);
  await expect(page.getByRole('link', { name: `This person appears in case ${reference}` })).toHaveAttribute('href', new URL(caseUrl).pathname);

  // An officer of another province gets "not found" for the same address.
  const otherContext = await page.context().browser()!.newContext({ locale: 'en-GB' });
  const otherPage = await otherContext.newPage();
  await signInAs(otherPage, accounts.sihanoukOfficer);
  const response = await otherPage.goto(caseUrl);
  expect(response?.status()).toBe(404);
  await expect(otherPage.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await otherContext.close();
});

test('the second of two officers saving the same case is told who changed it first, and nothing is overwritten', async ({ page, browser }) => {
  await signInAs(page, accounts.kohKongOfficer);
  await page.goto('/police/cases/new');
  const title = `Conflict check ${unique()}`;
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Occurred at').fill('2026-11-01T10:00');
  await page.getByRole('button', { name: 'Record case' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const editUrl = `${page.url()}/edit`;

  const supervisorContext = await browser.newContext({ locale: 'en-GB' });
  const supervisorPage = await supervisorContext.newPage();
  await signInAs(supervisorPage, accounts.kohKongSupervisor);
  await supervisorPage.goto(editUrl);
  await page.goto(editUrl);

  await supervisorPage.locator('input[name="title"]').fill(`${title} — supervisor`);
  await supervisorPage.locator('form button[type="submit"]').click();
  await expect(supervisorPage.getByRole('heading', { level: 1, name: `${title} — supervisor` })).toBeVisible();

  await page.getByLabel('Title', { exact: true }).fill(`${title} — officer`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  const alert = page.getByRole('alert', { name: 'Someone else changed this case' });
  await expect(alert).toContainText(`${accounts.kohKongSupervisor.name} saved changes`);
  await alert.getByRole('link', { name: 'Open the latest version' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${title} — supervisor` })).toBeVisible();
  await supervisorContext.close();
});

test('an intake with missing and inconsistent fields is explained field by field and saves nothing', async ({ page }) => {
  await signInAs(page, accounts.kohKongOfficer);
  await page.goto('/police/cases/new');
  await page.getByLabel('Occurred at').fill('2026-11-22T10:00');
  await page.getByLabel('Reported at').fill('2026-11-21T10:00');
  await page.getByRole('button', { name: 'Add victim' }).click();
  await page.getByRole('button', { name: 'Record case' }).click();
  await expect(page.getByLabel('Title', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('A case cannot be reported before it occurred.')).toBeVisible();
  await expect(page.getByLabel('Name (Latin script)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/police\/cases\/new$/);
});

test('an intake says when a time is before 1990 or a detention before the occurrence, and that 50 people is the limit', async ({ page }) => {
  await signInAs(page, accounts.kohKongOfficer);
  await page.goto('/police/cases/new');
  await page.getByLabel('Occurred at').fill('1989-12-31T10:00');
  await page.getByRole('button', { name: 'Add suspect' }).click();
  await page.getByLabel('Detention').selectOption('detained');
  await page.getByLabel('Detained or released at').fill('1989-12-30T10:00');
  await page.getByRole('button', { name: 'Record case' }).click();
  await expect(page.getByText('Enter a time from 1 January 1990 on.').first()).toBeVisible();
  await expect(page.getByLabel('Occurred at')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Occurred at').fill('2026-11-20T10:00');
  await page.getByLabel('Detained or released at').fill('2026-11-19T10:00');
  await page.getByRole('button', { name: 'Record case' }).click();
  await expect(page.getByText('Detention or release cannot be before the day the case occurred.')).toBeVisible();

  // The form itself stops at 50 people and says why, rather than refusing a 51st silently.
  const addWitness = page.getByRole('button', { name: 'Add witness' });
  for (let count = 1; count < 50; count++) await addWitness.click();
  await expect(page.getByRole('group', { name: /^Person \d+: /i })).toHaveCount(50);
  await expect(addWitness).toBeDisabled();
  await expect(addWitness).toHaveAccessibleDescription('This case lists 50 people, the most one case can. Record the others in a further case.');
  await expect(page).toHaveURL(/\/police\/cases\/new$/);
});
