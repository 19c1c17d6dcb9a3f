import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { pageEntries } from '@/lib/auth/access-matrix';
import { instancesOf, isAllowed, prepareMatrixRecords, signedInContexts, visitors, type CaseRecord, type MatrixRecords, type Visitor } from './fixtures/access-matrix';
import { text } from './fixtures/messages';
import { signInAs } from './fixtures/session';

/**
 * Every page of lib/auth/access-matrix.ts, opened in the browser as every demo account (and without a session),
 * says where the user is in its title, in the user's language: the record or the page first, then the area it
 * sits in, then the app ("KKG-2026-000123 · Cases · CaseBridge"); and no two pages a user can open share a title.
 */

// Without a session the browser's language decides: English.
test.use({ locale: 'en-GB' });

interface TitleContext {
  t: (key: string) => string;
  visitor: Visitor;
  record: CaseRecord | null;
  page: Page;
}

/** Pages that only send a visitor elsewhere, and so have no title anyone sees: home, and sign-in once signed in. */
function onlyRedirects(path: string, visitor: Visitor): boolean {
  return path === '/' || (path === '/sign-in' && visitor.role !== null);
}

/** What each page's title must be once it has opened. */
const expectedTitles: Record<string, (context: TitleContext) => Promise<string> | string> = {
  // "Sign in to CaseBridge" names the app itself.
  '/sign-in': ({ t }) => t('signIn.title'),
  // The spec's link is one that does not work.
  '/invite/[token]': ({ t }) => titled(t, t('invitation.invalidTitle')),
  '/mail/unsubscribe/confirm': ({ t }) => titled(t, t('unsubscribe.title')),
  '/account': ({ t }) => titled(t, t('account.title')),
  '/account/password': ({ t }) => titled(t, t('password.title'), t('nav.account')),
  '/account/two-factor': ({ t }) => titled(t, t('twoFactor.title'), t('nav.account')),
  '/police': ({ t }) => titled(t, t('nav.policeHome')),
  '/police/cases': ({ t }) => titled(t, t('cases.listTitle')),
  '/police/cases/new': ({ t }) => titled(t, t('nav.newCase'), t('nav.cases')),
  '/police/cases/[id]': ({ t, record }) => titled(t, record!.referenceNumber, t('nav.cases')),
  '/police/cases/[id]/edit': ({ t, record }) => titled(t, t('cases.workspace.edit'), record!.referenceNumber, t('nav.cases')),
  '/police/cases/[id]/official-notifications/[notificationId]/letter': ({ t, record }) => titled(t, t('consular.letter.title'), record!.referenceNumber, t('nav.cases')),
  '/embassy': ({ t }) => titled(t, t('embassy.inboxTitle')),
  '/embassy/cases/[id]': ({ t, record }) => titled(t, record!.referenceNumber, t('nav.embassyHome')),
  // Under the case for its police, under the inbox for the embassy.
  '/notification-record/[id]': ({ t, record, visitor }) =>
    titled(t, t('record.title'), record!.referenceNumber, visitor.countryCode ? t('nav.embassyHome') : t('nav.cases')),
  '/summaries': ({ t }) => titled(t, t('nav.summariesHome')),
  '/summaries/cases': ({ t }) => titled(t, t('nav.cases'), t('nav.summariesHome')),
  '/admin': ({ t }) => titled(t, t('nav.adminHome')),
  '/admin/users': ({ t }) => titled(t, t('admin.usersTitle')),
  '/admin/audit': ({ t }) => titled(t, t('audit.title')),
  '/admin/outbox': ({ t }) => titled(t, t('outbox.title')),
  '/admin/jobs': ({ t }) => titled(t, t('jobs.title')),
  '/admin/consular-rules': ({ t }) => titled(t, t('consular.rules.title')),
  '/admin/missions': ({ t }) => titled(t, t('missions.title')),
  '/admin/missions/new': ({ t }) => titled(t, t('missions.new'), t('nav.adminMissions')),
  '/admin/users/new': ({ t }) => titled(t, t('admin.newUser'), t('nav.adminUsers')),
  '/admin/organisations/new': ({ t }) => titled(t, t('admin.newOrganisation'), t('nav.adminHome')),
  // Records of the directory by the name their page is headed with, an e-mail by its subject (as the outbox lists it).
  '/admin/users/[id]': async ({ t, page }) => titled(t, await mainHeading(page), t('nav.adminUsers')),
  '/admin/organisations/[id]': async ({ t, page }) => titled(t, await mainHeading(page), t('nav.adminHome')),
  '/admin/missions/[id]': async ({ t, page }) => titled(t, await mainHeading(page), t('nav.adminMissions')),
  '/admin/organisations/[id]/api-keys': async ({ t, page }) => titled(t, t('apiKeys.title'), await mainHeading(page), t('nav.adminHome')),
  '/organisation': ({ t }) => titled(t, t('nav.organisationHome')),
  '/organisation/webhooks': ({ t }) => titled(t, t('webhooks.title'), t('nav.organisationHome')),
  '/organisation/webhooks/[id]': ({ t }) => titled(t, t('webhooks.log'), t('webhooks.title')),
  '/admin/outbox/[id]': async ({ t, page }) => titled(t, await definitionOf(page, t('outbox.subject')), t('nav.adminOutbox')),
};

function titled(t: TitleContext['t'], ...parts: string[]): string {
  return [...parts, t('common.appName')].join(' · ');
}

async function mainHeading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).innerText()).trim();
}

/** The value beside a label of a description list (`<dt>label</dt><dd>value</dd>`). */
async function definitionOf(page: Page, term: string): Promise<string> {
  const label = page.getByRole('term').filter({ hasText: new RegExp(`^\\s*${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }).first();
  return (await label.locator('xpath=following-sibling::dd[1]').innerText()).trim();
}

let contexts: Map<string, APIRequestContext>;
let records: MatrixRecords;

test.beforeAll(async ({ baseURL }) => {
  contexts = await signedInContexts(baseURL!);
  records = await prepareMatrixRecords(contexts, baseURL!);
});

test.afterAll(async () => {
  for (const context of contexts.values()) await context.dispose();
});

test('every page of the access matrix has its expected title here', () => {
  const seenPages = pageEntries.map((entry) => entry.path).filter((path) => !visitors.every((visitor) => onlyRedirects(path, visitor)));
  expect(seenPages.filter((path) => !(path in expectedTitles)), 'give these pages their expected title in e2e/page-titles.spec.ts').toEqual([]);
});

for (const visitor of visitors) {
  const locale = visitor.role ? visitor.account!.preferredLocale : 'en';
  test(`every page ${visitor.name} opens has its own title, in ${locale}`, async ({ page }) => {
    const t = (key: string) => text(locale, key);
    if (visitor.role) await signInAs(page, visitor.account!);
    const seen = new Map<string, string>();
    for (const entry of pageEntries) {
      for (const { url, record } of instancesOf(entry, records)) {
        if (!isAllowed(entry.access, visitor, record) || onlyRedirects(entry.path, visitor)) continue;
        const response = await page.goto(url);
        expect(response?.status(), `${visitor.name} → ${url}`).toBe(200);
        const expected = await expectedTitles[entry.path]!({ t, visitor, record, page });
        await expect(page, `${visitor.name} → ${url}`).toHaveTitle(expected);
        expect(seen.get(expected), `${url} has the title of ${seen.get(expected)}`).toBeUndefined();
        seen.set(expected, url);
      }
    }
    // Every visitor opens some page: the loop above did check titles.
    expect(seen.size, visitor.name).toBeGreaterThan(0);
  });
}

test('a record page reads its record once for its title and its body: one audited read per visit', async () => {
  const admin = contexts.get('admin')!;
  const { id } = records.kohKongChinaCase;
  /** Audit entries of reading the case, from the admin's CSV export (one row per entry). */
  const readsBy = async (email: string) => {
    const csv = await (await admin.get(`/admin/audit/export?action=case.read&entityId=${id}`)).text();
    return csv.split('\n').filter((row) => row.includes(`"${id}"`) && row.includes('"case.read"') && row.includes(`"${email}"`)).length;
  };
  for (const [visitor, url] of [
    [visitors.find((candidate) => candidate.name === 'Koh Kong officer')!, `/police/cases/${id}`],
    [visitors.find((candidate) => candidate.name === 'China embassy (the case’s nationals)')!, `/embassy/cases/${id}`],
  ] as const) {
    const email = visitor.account!.email;
    const before = await readsBy(email);
    const response = await contexts.get(visitor.name)!.get(url);
    expect(response.status(), url).toBe(200);
    expect(await response.text(), `${url} is titled by the case`).toContain(`<title>${records.kohKongChinaCase.referenceNumber} · `);
    expect(await readsBy(email), `reads of the case by ${email} after one visit of ${url}`).toBe(before + 1);
  }
});
