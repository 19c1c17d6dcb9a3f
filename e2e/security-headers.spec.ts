import { expect, test, type Page, type Response } from '@playwright/test';
import { staticSecurityHeaders } from '@/lib/security/headers';
import { accounts, type DemoAccount } from './fixtures/accounts';
import { publicFiles } from './fixtures/public-files';
import { signInAs } from './fixtures/session';

/**
 * Every role's main pages under the Content-Security-Policy of proxy.ts: the headers are there, and the browser
 * reports no violation — Next's scripts carry the nonce, recharts' style attributes are allowed, nothing else
 * inline runs. A page whose scripts were blocked would also never hydrate, which each visit checks.
 */

interface Violation {
  directive: string;
  blockedURI: string;
  sample: string;
}

/**
 * Records CSP violations (reported to the test through a binding, so they survive navigations) and CSP console
 * errors from the first byte of every document the page loads.
 */
async function watchViolations(page: Page): Promise<{ violations: Violation[]; consoleErrors: string[] }> {
  const watched = { violations: [] as Violation[], consoleErrors: [] as string[] };
  page.on('console', (message) => {
    if (message.type() === 'error' && /content security policy|refused to (execute|load|apply)/i.test(message.text())) watched.consoleErrors.push(message.text());
  });
  await page.exposeFunction('__reportCspViolation', (violation: Violation) => {
    watched.violations.push(violation);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation: (violation: Violation) => void }).__reportCspViolation;
      report({ directive: event.violatedDirective, blockedURI: event.blockedURI, sample: event.sample });
    });
  });
  return watched;
}

function expectSecurityHeaders(response: Response | null, path: string) {
  expect(response, path).not.toBeNull();
  const headers = response!.headers();
  const policy = headers['content-security-policy'] ?? '';
  const scriptSrc = policy.split(';').map((directive) => directive.trim()).find((directive) => directive.startsWith('script-src ')) ?? '';
  expect(scriptSrc, `script-src of ${path}`).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scriptSrc, `script-src of ${path}`).toContain("'strict-dynamic'");
  expect(scriptSrc, `script-src of ${path}`).not.toContain('unsafe-inline');
  expect(scriptSrc, `script-src of ${path}`).not.toContain('unsafe-eval');
  expect(policy, path).toContain("frame-ancestors 'none'");
  expect(policy, path).toContain("object-src 'none'");
  expect(headers['x-frame-options'], path).toBe('DENY');
  expect(headers['x-content-type-options'], path).toBe('nosniff');
  expect(headers['referrer-policy'], path).toBe('same-origin');
  expect(headers['permissions-policy'], path).toContain('camera=()');
  expect(headers['x-robots-tag'], path).toBe('noindex, nofollow');
  // Served over plain HTTP here: no HSTS (see the HTTPS test below).
  expect(headers['strict-transport-security'], path).toBeUndefined();
}

/** Opens a page, checks its headers, waits until React has hydrated it (its scripts ran under the policy). */
async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  expectSecurityHeaders(response, path);
  // useHydrated-gated controls are enabled only once the client bundle runs.
  await page.waitForFunction(() => document.readyState === 'complete');
  await expect(page.locator('main')).toBeVisible();
}

/** The first link on the page to a record under `prefix` (a uuid), to open one real case per role. */
async function firstRecordLink(page: Page, prefix: string): Promise<string> {
  const hrefs = await page.locator(`a[href^="${prefix}"]`).evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  const href = hrefs.find((candidate) => new RegExp(`^${prefix}[0-9a-f-]{36}$`).test(candidate));
  expect(href, `a link to ${prefix}…`).toBeTruthy();
  return href!;
}

const journeys: { account: DemoAccount; paths: string[]; recordFrom?: { list: string; prefix: string }; check?: (page: Page) => Promise<void> }[] = [
  {
    account: accounts.kohKongOfficer,
    paths: ['/police', '/police/cases', '/police/cases/new', '/account', '/account/password'],
    recordFrom: { list: '/police/cases', prefix: '/police/cases/' },
  },
  { account: accounts.chinaLiaison, paths: ['/embassy', '/account'], recordFrom: { list: '/embassy', prefix: '/embassy/cases/' } },
  {
    account: accounts.governor,
    paths: ['/summaries'],
    // recharts draws with inline style attributes: the charts must render under the policy.
    check: async (page) => {
      await expect(page.locator('.recharts-surface').first()).toBeVisible();
    },
  },
  {
    account: accounts.ministryAnalyst,
    paths: ['/summaries', '/summaries/cases'],
    check: async (page) => {
      await page.goto('/summaries');
      await expect(page.locator('.recharts-surface').first()).toBeVisible();
    },
  },
  { account: accounts.admin, paths: ['/admin', '/admin/users', '/admin/users/new', '/admin/audit'] },
];

test.describe('security headers and Content-Security-Policy', () => {
  test('pages without a session: headers, a fresh nonce per response, a working sign-in form', async ({ page }) => {
    const watch = await watchViolations(page);
    const first = await page.goto('/sign-in');
    expectSecurityHeaders(first, '/sign-in');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    const second = await page.goto('/sign-in');
    const nonceOf = (response: Response | null) => /'nonce-([^']+)'/.exec(response?.headers()['content-security-policy'] ?? '')?.[1];
    expect(nonceOf(first)).toBeTruthy();
    expect(nonceOf(second)).not.toBe(nonceOf(first));
    const invitation = await page.goto('/invite/this-link-does-not-exist');
    expectSecurityHeaders(invitation, '/invite/…');
    // Route handlers and next-auth's endpoints get the headers too.
    const health = await page.request.get('/api/health');
    expect(health.headers()['x-content-type-options']).toBe('nosniff');
    expect(health.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(watch.violations).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  });

  test('the icons, the manifest, robots.txt, security.txt and built scripts get every header that needs no nonce', async ({ page, request }) => {
    await page.goto('/sign-in');
    const script = await page.locator('script[src^="/_next/static/"]').first().getAttribute('src');
    expect(script, 'the page loads a script from /_next/static').toBeTruthy();
    for (const path of [...publicFiles.map((file) => file.path), script!]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      const headers = response.headers();
      for (const { key, value } of staticSecurityHeaders) expect(headers[key.toLowerCase()], `${key} of ${path}`).toBe(value);
      expect(headers['strict-transport-security'], path).toBeUndefined();
    }
    // Over HTTPS they get HSTS like the pages (next.config.ts, not the proxy).
    for (const path of publicFiles.map((file) => file.path)) {
      const overHttps = await request.get(path, { headers: { 'X-Forwarded-Proto': 'https' } });
      expect(overHttps.headers()['strict-transport-security'], path).toBe('max-age=63072000; includeSubDomains');
    }
  });

  test('behind an HTTPS proxy: HSTS and upgrade-insecure-requests', async ({ request }) => {
    const overHttps = await request.get('/sign-in', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(overHttps.headers()['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    expect(overHttps.headers()['content-security-policy']).toContain('upgrade-insecure-requests');
    const overHttp = await request.get('/sign-in');
    expect(overHttp.headers()['strict-transport-security']).toBeUndefined();
    expect(overHttp.headers()['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  for (const journey of journeys) {
    test(`${journey.account.role} (${journey.account.preferredLocale}): no violation on the main pages`, async ({ page }) => {
      const watch = await watchViolations(page);
      await signInAs(page, journey.account);
      for (const path of journey.paths) await visit(page, path);
      if (journey.recordFrom) {
        await visit(page, journey.recordFrom.list);
        await visit(page, await firstRecordLink(page, journey.recordFrom.prefix));
      }
      await journey.check?.(page);
      expect(watch.violations, `CSP violations for ${journey.account.role}`).toEqual([]);
      expect(watch.consoleErrors, `CSP console errors for ${journey.account.role}`).toEqual([]);
    });
  }
});
