import { expect, test } from '@playwright/test';
import { openSignedOutBrowser } from './fixtures/browsers';
import { accounts } from './fixtures/accounts';
import { addPerson } from './fixtures/case-intake';
import { mailsTo, waitForMail } from './fixtures/mail-sink';
import { text } from './fixtures/messages';
import { signInAs, submitSignIn } from './fixtures/session';

test.use({ locale: 'en-GB' });

// The delivery journey end to end: a police save, the outbox, the workers, the SMTP server the app is configured
// with (the journeys' own, on 127.0.0.1), and the link in the message leading through sign-in to the case.
test('a case with a Chinese suspect is e-mailed to the Chinese liaison officer, whose link leads through sign-in to the case', async ({ page, browser }) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const suspect = `Chen Jun ${suffix}`;
  const passport = `E${Math.floor(Math.random() * 1e8)}`;
  const title = `Scam compound call centre ${suffix}`;

  await signInAs(page, accounts.kohKongOfficer);
  await page.goto('/police/cases/new');
  await page.getByLabel('Crime type').selectOption('online_scam');
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Occurred at').fill('2026-11-28T21:00');
  await addPerson(page, 'suspect', { name: suspect, nationality: 'China', passport });
  await page.getByRole('button', { name: 'Record case' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const casePath = new URL(page.url()).pathname;
  const caseId = casePath.split('/').at(-1) ?? '';
  const reference = (await page.getByText(/^KKG-\d{4}-\d{6}$/).textContent()) ?? '';

  // Within a minute of the save, the liaison officer's message arrives, in her language (Chinese).
  const mail = await waitForMail(accounts.chinaLiaison.email, reference);
  expect(mail.subject).toContain(reference);
  expect(mail.text).toContain(text('zh-CN', 'enums.crimeType.online_scam'));
  // E-mail is not a protected channel: neither the suspect's name nor the passport number is in it.
  for (const personal of [suspect, passport, title]) {
    expect(mail.text).not.toContain(personal);
    expect(mail.html).not.toContain(personal);
  }
  // The embassy's duty address got one too, in every language; each recipient exactly one.
  const duty = await waitForMail('consular.duty@cn.embassy.demo', reference);
  expect(duty.text).toContain('Koh Kong');
  expect((await mailsTo(accounts.chinaLiaison.email)).filter((message) => message.subject.includes(reference))).toHaveLength(1);

  // The police workspace shows the proof.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Embassy notifications' })).toContainText(/E-mailed to \d+ officers? and the duty address at/);

  // The link, opened in a browser that is not signed in, goes through sign-in straight to the case.
  const link = /https?:\/\/\S+\/embassy\/cases\/[0-9a-f-]{36}/.exec(mail.text)?.[0] ?? '';
  expect(new URL(link).pathname).toBe(`/embassy/cases/${caseId}`);
  const visitor = await openSignedOutBrowser(browser);
  await visitor.page.goto(new URL(link).pathname);
  await expect(visitor.page).toHaveURL(/\/sign-in\?next=/);
  await submitSignIn(visitor.page, accounts.chinaLiaison.email, accounts.chinaLiaison.password);
  await expect(visitor.page).toHaveURL(`/embassy/cases/${caseId}`);
  await expect(visitor.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await visitor.context.close();
});
