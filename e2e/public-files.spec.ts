import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { icoImages, pngSize } from '@/lib/testing/image-sizes';
import { accounts } from './fixtures/accounts';
import { publicFiles } from './fixtures/public-files';
import { signInAs } from './fixtures/session';

/**
 * What a browser, a phone and a crawler find besides the pages: the icons the pages link, the web app manifest a
 * phone installs CaseBridge from, robots.txt and the X-Robots-Tag header that keep it out of search engines, and
 * security.txt. Sizes are read from the files' own bytes, never taken from a name or from what the page says.
 */

test.use({ locale: 'en-GB' });

interface LinkedIcon {
  rel: string;
  href: string;
  sizes: string | null;
  type: string | null;
}

/** The icons and the manifest a page links, as the browser sees them (React puts them in the head). */
async function linksOf(page: Page): Promise<LinkedIcon[]> {
  return page.locator('link[rel="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]').evaluateAll((links) =>
    links.map((link) => ({ rel: link.getAttribute('rel') ?? '', href: link.getAttribute('href') ?? '', sizes: link.getAttribute('sizes'), type: link.getAttribute('type') })),
  );
}

/** `192x192` → its width and height. */
function sizesOf(sizes: string): { width: number; height: number } {
  const [width, height] = sizes.split('x').map(Number);
  return { width: width!, height: height! };
}

/** The width and height of a served image, from its bytes (the largest image of an ICO). */
async function imageSize(response: APIResponse): Promise<{ width: number; height: number }> {
  const bytes = await response.body();
  if ((response.headers()['content-type'] ?? '').includes('icon')) {
    return icoImages(bytes).reduce((largest, image) => (image.png.width > largest.width ? image.png : largest), { width: 0, height: 0 });
  }
  return pngSize(bytes);
}

interface WebManifest {
  name?: string;
  short_name?: string;
  lang?: string;
  start_url?: string;
  scope?: string;
  display?: string;
  theme_color?: string;
  background_color?: string;
  prefer_related_applications?: boolean;
  icons?: { src: string; sizes?: string; type?: string; purpose?: string }[];
}

test('every public file is served, with its content type', async ({ request }) => {
  for (const file of publicFiles) {
    const response = await request.get(file.path);
    expect(response.status(), file.path).toBe(200);
    expect(response.headers()['content-type'], file.path).toMatch(file.contentType);
  }
});

test('pages link a favicon, an SVG icon and Apple’s touch icon that are the sizes they say', async ({ page, request }) => {
  await page.goto('/sign-in');
  const links = await linksOf(page);
  const icons = links.filter((link) => link.rel === 'icon');
  expect(icons.map((icon) => icon.href)).toEqual(expect.arrayContaining(['/favicon.ico', '/icon.svg']));
  for (const icon of links.filter((link) => link.rel !== 'manifest')) {
    const response = await request.get(icon.href);
    expect(response.status(), icon.href).toBe(200);
    if (icon.type) expect(response.headers()['content-type'], icon.href).toContain(icon.type);
    if (icon.href.endsWith('.svg')) {
      const svg = await response.text();
      expect(svg, icon.href).toMatch(/^<svg [^>]*viewBox="0 0 (\d+) \1"/);
      continue;
    }
    expect(icon.sizes, `${icon.href} states its size`).toMatch(/^\d+x\d+$/);
    if (icon.href.endsWith('.ico')) {
      // An ICO holds several sizes; the one stated must be among them.
      const held = icoImages(await response.body()).map((image) => `${image.png.width}x${image.png.height}`);
      expect(held, icon.href).toContain(icon.sizes);
    } else {
      expect(await imageSize(response), icon.href).toEqual(sizesOf(icon.sizes!));
    }
  }
  const apple = links.find((link) => link.rel === 'apple-touch-icon');
  expect(apple?.sizes, 'iOS home screens ask for 180 × 180').toBe('180x180');
});

test('the web app manifest has what browsers require to install the app, and its icons are what it says', async ({ page, request, baseURL }) => {
  await page.goto('/sign-in');
  const manifestLink = (await linksOf(page)).find((link) => link.rel === 'manifest');
  expect(manifestLink?.href, 'every page links the manifest').toBe('/manifest.webmanifest');
  const response = await request.get(manifestLink!.href);
  expect(response.headers()['content-type']).toContain('application/manifest+json');
  const manifest = (await response.json()) as WebManifest;

  // Chromium's installability criteria: a name, icons of 192 and 512 pixels, a start URL of this site, a display
  // mode without the browser frame, no native app preferred instead.
  expect(manifest.name).toMatch(/^CaseBridge\b/);
  expect(manifest.short_name).toBe('CaseBridge');
  expect(new URL(manifest.start_url ?? '', baseURL).href).toBe(new URL('/', baseURL).href);
  expect(['standalone', 'fullscreen', 'minimal-ui']).toContain(manifest.display);
  expect(manifest.prefer_related_applications ?? false).toBe(false);
  const icons = manifest.icons ?? [];
  const purposesOf = (icon: (typeof icons)[number]) => (icon.purpose ?? 'any').split(' ');
  for (const size of ['192x192', '512x512']) {
    expect(icons.some((icon) => icon.sizes === size && purposesOf(icon).includes('any')), `an icon of ${size}`).toBe(true);
    expect(icons.some((icon) => icon.sizes === size && purposesOf(icon).includes('maskable')), `a maskable icon of ${size}`).toBe(true);
  }
  for (const icon of icons) {
    const served = await request.get(new URL(icon.src, new URL(manifestLink!.href, baseURL)).href);
    expect(served.status(), icon.src).toBe(200);
    expect(served.headers()['content-type'], icon.src).toBe(icon.type);
    expect(await imageSize(served), icon.src).toEqual(sizesOf(icon.sizes!));
  }
  // The frame of the installed app and of the browser tab are one colour.
  expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe(manifest.theme_color);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);

  // Chromium parses it without a critical error (what its install prompt reads).
  const session = await page.context().newCDPSession(page);
  const { url, errors } = (await session.send('Page.getAppManifest')) as { url: string; errors: { message: string; critical: number }[] };
  expect(url).toBe(new URL('/manifest.webmanifest', baseURL).href);
  expect(errors.filter((error) => error.critical)).toEqual([]);
});

test('the manifest speaks the language of the request, as the pages do', async ({ request }) => {
  const manifestFor = async (headers: Record<string, string>) => (await (await request.get('/manifest.webmanifest', { headers })).json()) as WebManifest;
  const khmer = await manifestFor({ 'Accept-Language': 'km-KH,km;q=0.9,en;q=0.5' });
  expect(khmer.lang).toBe('km');
  expect(khmer.name).toMatch(/[\u1780-\u17FF]/);
  const chinese = await manifestFor({ 'Accept-Language': 'zh-CN,zh;q=0.9' });
  expect(chinese.lang).toBe('zh-CN');
  expect(chinese.name).toMatch(/[\u4E00-\u9FFF]/);
  const english = await manifestFor({ 'Accept-Language': 'en-GB' });
  expect(english.lang).toBe('en');
  // The language switcher's choice wins over the browser's, as on every page.
  expect((await manifestFor({ 'Accept-Language': 'en-GB', Cookie: 'NEXT_LOCALE=km' })).lang).toBe('km');
  expect(new Set([khmer.name, chinese.name, english.name]).size).toBe(3);
});

test('robots.txt turns every crawler away from everything', async ({ request }) => {
  const robots = await request.get('/robots.txt');
  expect(robots.headers()['content-type']).toMatch(/^text\/plain/);
  const lines = (await robots.text())
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  expect(lines).toEqual(['User-Agent: *', 'Disallow: /']);
});

test('X-Robots-Tag: noindex, nofollow on pages, redirects, not-found, route handlers and static files', async ({ page, request }) => {
  const expectNoIndex = (response: APIResponse | null, label: string) => {
    expect(response, label).not.toBeNull();
    expect(response!.headers()['x-robots-tag'], label).toBe('noindex, nofollow');
  };
  await page.goto('/sign-in');
  const script = await page.locator('script[src^="/_next/static/"]').first().getAttribute('src');
  expect(script, 'the page loads a script from /_next/static').toBeTruthy();
  const responses: [string, APIResponse][] = [
    ['a page', await request.get('/sign-in')],
    ['a redirect', await request.get('/', { maxRedirects: 0 })],
    ['an unknown page', await request.get('/no-such-page')],
    ['a route handler', await request.get('/api/health')],
    ['next-auth’s endpoint', await request.get('/api/auth/csrf')],
    ['a route refusing a visitor without a session', await request.get('/summaries/export?table=crimeTypes&months=12')],
    ['a built script', await request.get(script!)],
    ...(await Promise.all(publicFiles.map(async (file) => [file.path, await request.get(file.path)] as [string, APIResponse]))),
  ];
  for (const [label, response] of responses) expectNoIndex(response, label);
  expect(responses.find(([label]) => label === 'a redirect')![1].status()).toBe(307);

  // And on a signed-in user's page.
  await signInAs(page, accounts.kohKongOfficer);
  const signedIn = await page.goto('/police');
  expect(signedIn?.status()).toBe(200);
  expect((await signedIn!.allHeaders())['x-robots-tag']).toBe('noindex, nofollow');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex, nofollow');
});

test('security.txt (RFC 9116) names a contact, an expiry ahead, the app’s languages and its own address', async ({ request, baseURL }) => {
  const response = await request.get('/.well-known/security.txt');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('text/plain; charset=utf-8');
  const fields = (await response.text())
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [, name, value] = /^([A-Za-z-]+): (.+)$/.exec(line) ?? [];
      expect(name, `a field line: ${line}`).toBeTruthy();
      return { name: name!, value: value! };
    });
  const valuesOf = (name: string) => fields.filter((field) => field.name === name).map((field) => field.value);

  const contacts = valuesOf('Contact');
  expect(contacts.length).toBeGreaterThan(0);
  for (const contact of contacts) expect(contact).toMatch(/^(mailto:|https:\/\/|tel:)/);
  const expires = valuesOf('Expires');
  expect(expires, 'exactly one Expires').toHaveLength(1);
  const expiresAt = new Date(expires[0]!);
  expect(expires[0]).toBe(expiresAt.toISOString());
  expect(expiresAt.getTime()).toBeGreaterThan(Date.now());
  expect(expiresAt.getTime() - Date.now(), 'less than a year ahead, as the RFC recommends').toBeLessThan(365 * 24 * 60 * 60 * 1000);
  expect(valuesOf('Preferred-Languages')).toEqual(['en, km, zh-CN']);
  expect(valuesOf('Canonical')).toEqual([new URL('/.well-known/security.txt', baseURL).href]);
});
