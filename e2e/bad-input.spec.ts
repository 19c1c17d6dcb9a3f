import { expect, test } from '@playwright/test';
import { accounts, type DemoAccount } from './fixtures/accounts';
import { text } from './fixtures/messages';
import { signInAs } from './fixtures/session';

test.use({ locale: 'en-GB' });

// Hand-edited, stale or hostile links: every list answers with its page, drops what it cannot read and says so.
const garbage = new URLSearchParams({
  q: 'scam\u0000compound',
  cursor: "' or 1=1 --",
  from: '0001-01-01',
  to: '9999-12-31',
  status: 'nonsense',
  page: '-4',
  state: 'everything',
  role: 'king',
}).toString();

const lists: { account: DemoAccount; path: string; headingKey: string }[] = [
  { account: accounts.kohKongOfficer, path: '/police/cases', headingKey: 'cases.listTitle' },
  { account: accounts.ministryAnalyst, path: '/summaries/cases', headingKey: 'cases.listTitle' },
  { account: accounts.chinaLiaison, path: '/embassy', headingKey: 'embassy.inboxTitle' },
  { account: accounts.admin, path: '/admin/users', headingKey: 'admin.usersTitle' },
  { account: accounts.admin, path: '/admin/outbox', headingKey: 'outbox.title' },
  { account: accounts.admin, path: '/admin/missions', headingKey: 'missions.title' },
];

for (const { account, path, headingKey } of lists) {
  test(`${path} with a garbage query string shows its list and says some filters were not understood`, async ({ page }) => {
    await signInAs(page, account);
    const response = await page.goto(`${path}?${garbage}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(text(account.preferredLocale, headingKey));
    await expect(page.getByRole('alert', { name: text(account.preferredLocale, 'common.filtersNotUnderstoodHeading') })).toBeVisible();
  });
}

// The export routes answer files, not pages with a note: a parameter they cannot use is refused with 400 and the field named.
const refusedExports: { account: DemoAccount; path: string; field: string }[] = [
  { account: accounts.ministryAnalyst, path: '/summaries/export?table=crimeTypes&months=7', field: 'months' },
  { account: accounts.ministryAnalyst, path: '/summaries/export?table=crimeTypes&from=0001-01&to=9999-12', field: 'from' },
  { account: accounts.admin, path: '/admin/audit/export?from=2026-02-30', field: 'from' },
  { account: accounts.admin, path: '/admin/audit/export?user=scam%00compound', field: 'user' },
];

for (const { account, path, field } of refusedExports) {
  test(`${path} is refused with 400 naming ${field}`, async ({ page }) => {
    await signInAs(page, account);
    const response = await page.request.get(path);
    expect(response.status()).toBe(400);
    const body = (await response.json()) as { kind: string; fieldErrors?: Record<string, string[]> };
    expect(body.kind).toBe('invalid');
    expect(Object.keys(body.fieldErrors ?? {})).toContain(field);
  });
}
