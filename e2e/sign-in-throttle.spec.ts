import { expect, test } from '@playwright/test';

// The per-account limit, through the real form. The requests claim an address of their own (as the trusted
// proxy would report it), so these failures never count against the address every other journey signs in from.
test.use({ locale: 'en-GB', extraHTTPHeaders: { 'X-Forwarded-For': `198.18.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}` } });

/** signInLimits.account.attempts of lib/auth/sign-in-throttle.ts, which is server-only and can't be imported here. */
const accountAttempts = 10;

test('too many failed sign-ins for one address are refused with when to retry', async ({ page }) => {
  const email = `nobody.${Date.now().toString(36)}@nowhere.example`;
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  for (let attempt = 1; attempt <= accountAttempts; attempt++) {
    await page.getByLabel('Password').fill(`wrong guess number ${attempt}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert', { name: 'Sign-in failed' })).toContainText('The email address or password is incorrect.');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  }
  await page.getByLabel('Password').fill('one guess too many');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert', { name: 'Sign-in failed' })).toContainText(/Too many sign-in attempts .* Try again in \d+ minutes?\./);
});
