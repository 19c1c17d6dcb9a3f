import { expect, test } from '@playwright/test';
import { accounts } from './fixtures/accounts';
import { text } from './fixtures/messages';
import { signInAs } from './fixtures/session';

test.use({ locale: 'en-GB' });

test('the language switcher turns the app into Khmer and Chinese and remembers the choice per user', async ({ page, browser }) => {
  const account = accounts.phnomPenhOfficer;
  await signInAs(page, account);
  await page.goto('/police');
  const navigation = (locale: string) => page.getByRole('navigation', { name: text(locale, 'common.mainNavigation') });

  await page.getByLabel(text('en', 'common.language')).selectOption('km');
  await expect(page.locator('html')).toHaveAttribute('lang', 'km');
  await expect(navigation('km').getByRole('link', { name: text('km', 'nav.policeHome') })).toBeVisible();
  await expect(page.getByText(text('km', 'police.recentCases'))).toBeVisible();

  await page.getByLabel(text('km', 'common.language')).selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(navigation('zh-CN').getByRole('link', { name: text('zh-CN', 'nav.policeHome') })).toBeVisible();

  // A new browser with no cookies: the stored preference follows the user.
  const otherBrowser = await browser.newContext({ locale: 'en-GB' });
  const otherPage = await otherBrowser.newPage();
  await signInAs(otherPage, account);
  await otherPage.goto('/police');
  await expect(otherPage.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(otherPage.getByText(text('zh-CN', 'police.recentCases'))).toBeVisible();
  await otherBrowser.close();

  await page.getByLabel(text('zh-CN', 'common.language')).selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('the sign-in page can be switched before signing in', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: text('en', 'signIn.title') })).toBeVisible();
  await page.getByLabel(text('en', 'common.language')).selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: text('zh-CN', 'signIn.title') })).toBeVisible();
  await page.getByLabel(text('zh-CN', 'common.language')).selectOption('km');
  await expect(page.getByRole('heading', { name: text('km', 'signIn.title') })).toBeVisible();
  await expect(page.getByLabel(text('km', 'signIn.email'))).toBeVisible();
});

test('a Khmer browser gets Khmer before anyone signs in', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'km-KH' });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'km');
  await expect(page.getByRole('heading', { name: text('km', 'signIn.title') })).toBeVisible();
  await context.close();
});
