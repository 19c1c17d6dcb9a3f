import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET, POST } from '@/app/mail/unsubscribe/route';
import { getDb } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { unsubscribeFromMail } from '@/lib/account/commands';
import { actorFor, createOrganisation, createUser } from '@/lib/testing/factories';
import { startTestSmtpServer, type TestSmtpServer } from '@/lib/testing/smtp-server';
import { withTestDatabase } from '@/lib/testing/test-database';
import { mailConfig, type MailConfig } from './config';
import { queueDeliveries } from './deliveries';
import { getOutboxMessage } from './queries';
import { renderForRecipient, translatorFor } from './render';
import { sendMailDelivery } from './send';
import { listUnsubscribeHeadersOf, unsubscribeTokenFor, verifyUnsubscribeToken } from './unsubscribe';

// The route handler reads the request's address for the audit log from next/headers, as in production.
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '198.51.100.7', 'user-agent': 'Mail client one-click' }) }));

withTestDatabase();

const baseUrl = 'https://casebridge.example';

async function settingsOf(userId: string) {
  const [row] = await getDb().select({ updates: users.updateMailFrequency, requests: users.requestMailFrequency }).from(users).where(eq(users.id, userId));
  return row;
}

async function unsubscribeAudits(userId: string) {
  return getDb()
    .select({ actorUserId: auditLog.actorUserId, ipAddress: auditLog.ipAddress, userAgent: auditLog.userAgent, details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.entityId, userId), eq(auditLog.action, 'account.unsubscribe')))
    .orderBy(auditLog.id);
}

const oneClick = (url: string) =>
  POST(new Request(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' }));

describe('unsubscribe tokens', () => {
  const userId = '6f1c2a0e-8b1d-4c3e-9a7f-2d5e4b3c1a09';

  it('name the user and the setting they turn off, and nothing else passes', () => {
    const token = unsubscribeTokenFor(userId, 'updates');
    expect(verifyUnsubscribeToken(token)).toEqual({ userId, preference: 'updates' });
    expect(verifyUnsubscribeToken(unsubscribeTokenFor(userId, 'requests'))).toEqual({ userId, preference: 'requests' });
    const [, , signature] = token.split('.');
    // The other setting, or another user, with this signature.
    expect(verifyUnsubscribeToken(`${userId}.requests.${signature}`)).toBeNull();
    expect(verifyUnsubscribeToken(`${userId.replace(/9$/, '8')}.updates.${signature}`)).toBeNull();
    // A changed or shortened signature, a setting that does not exist, extra parts, garbage.
    const flipped = `${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const tampered of [`${userId}.updates.${flipped}`, `${userId}.updates.${signature!.slice(0, 20)}`, `${userId}.digest.${signature}`, `${token}.x`, 'updates', '', `not-a-uuid.updates.${signature}`]) {
      expect(verifyUnsubscribeToken(tampered), tampered).toBeNull();
    }
  });

  it('go only on what may be turned off, sent to a user: updates and requests, not a duty address, a new notification or the digest', () => {
    const headers = listUnsubscribeHeadersOf({ kind: 'notification_update', recipientUserId: userId }, baseUrl);
    expect(headers).toEqual({
      'List-Unsubscribe': `<${baseUrl}/mail/unsubscribe?token=${unsubscribeTokenFor(userId, 'updates')}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(listUnsubscribeHeadersOf({ kind: 'request', recipientUserId: userId }, baseUrl)['List-Unsubscribe']).toContain(unsubscribeTokenFor(userId, 'requests'));
    for (const kind of ['new_notification', 'reminder', 'escalation', 'digest', 'invitation', 'password_reset'] as const) {
      expect(listUnsubscribeHeadersOf({ kind, recipientUserId: userId }, baseUrl), kind).toEqual({});
    }
    expect(listUnsubscribeHeadersOf({ kind: 'notification_update', recipientUserId: null }, baseUrl)).toEqual({});
  });
});

describe('unsubscribing', () => {
  it('turns the setting off with a one-click POST, without a session, and audits it with the request', async () => {
    const user = await createUser({ role: 'embassy_liaison', updateMailFrequency: 'daily' });
    const response = await oneClick(`${baseUrl}/mail/unsubscribe?token=${unsubscribeTokenFor(user.id, 'updates')}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('you will no longer receive these e-mails');
    expect(await settingsOf(user.id)).toEqual({ updates: 'off', requests: 'immediate' });
    expect(await unsubscribeAudits(user.id)).toEqual([
      { actorUserId: null, ipAddress: '198.51.100.7', userAgent: 'Mail client one-click', details: { preference: 'updates', from: 'daily', to: 'off', channel: 'one_click' } },
    ]);
    // A client that posts twice gets the same answer; nothing more is recorded.
    expect((await oneClick(`${baseUrl}/mail/unsubscribe?token=${unsubscribeTokenFor(user.id, 'updates')}`)).status).toBe(200);
    expect(await unsubscribeAudits(user.id)).toHaveLength(1);
  });

  it('refuses a link CaseBridge did not sign with 400 and a message in every language, changing nothing', async () => {
    const user = await createUser({ role: 'police_officer' });
    const [, , signature] = unsubscribeTokenFor(user.id, 'updates').split('.');
    for (const query of [`?token=${user.id}.requests.${signature}`, `?token=${user.id}.requests.`, '', '?token=']) {
      const response = await oneClick(`${baseUrl}/mail/unsubscribe${query}`);
      expect(response.status, query).toBe(400);
      const body = await response.text();
      expect(body).toContain('This unsubscribe link does not work');
      expect(body).toContain(translatorFor('km')('unsubscribe.invalidLink'));
      expect(body).toContain(translatorFor('zh-CN')('unsubscribe.invalidLink'));
    }
    expect(await settingsOf(user.id)).toEqual({ updates: 'immediate', requests: 'immediate' });
    expect(await unsubscribeAudits(user.id)).toEqual([]);
    // The command refuses it the same way (the page's button goes through it).
    await expect(unsubscribeFromMail({ token: `${user.id}.requests.${signature}` }, 'page')).rejects.toMatchObject({ kind: 'invalid', fieldErrors: { _form: ['unsubscribe.invalidLink'] } });
    // A signed token of a user that does not exist changes nothing either.
    await expect(unsubscribeFromMail({ token: unsubscribeTokenFor('6f1c2a0e-8b1d-4c3e-9a7f-2d5e4b3c1a09', 'requests') }, 'page')).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('changes nothing on a GET, which leads to the page that asks first (mail scanners open links)', async () => {
    const user = await createUser({ role: 'police_supervisor' });
    const token = unsubscribeTokenFor(user.id, 'requests');
    const response = await GET(new Request(`${baseUrl}/mail/unsubscribe?token=${token}`));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/mail/unsubscribe/confirm?token=${encodeURIComponent(token)}`);
    expect(await settingsOf(user.id)).toEqual({ updates: 'immediate', requests: 'immediate' });
    // The page's button: the same command.
    expect(await unsubscribeFromMail({ token }, 'page')).toEqual({ preference: 'requests' });
    expect(await settingsOf(user.id)).toEqual({ updates: 'immediate', requests: 'off' });
    expect((await unsubscribeAudits(user.id)).map((entry) => entry.details)).toEqual([{ preference: 'requests', from: 'immediate', to: 'off', channel: 'page' }]);
  });
});

describe('the List-Unsubscribe header of a message sent', () => {
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });

  afterAll(async () => {
    await smtp.close();
  });

  it('reaches the mail server on an update to a user, not on one to a duty address, and the outbox shows it as sent; its link works', async () => {
    // The outbox derives the headers from the configuration, as it shows From: the same as sent while it is unchanged.
    const config: MailConfig = { ...mailConfig(), smtpUrl: smtp.url };
    const embassy = await createOrganisation({ kind: 'embassy', countryCode: 'CN' });
    const liaison = await createUser({ role: 'embassy_liaison', organisationId: embassy.id });
    // A message of a kind the user may turn off, planned as any planner does; its text does not matter here.
    const mail = renderForRecipient('en', (locale) => ({ locale, subject: 'Update', paragraphs: ['An update.'], facts: [], link: { label: 'Open', href: `${baseUrl}/embassy` }, footer: 'Footer' }));
    const ids = await queueDeliveries(
      getDb(),
      [
        { kind: 'notification_update', subjectKey: 'test-batch', notificationId: null, organisationId: embassy.id, recipient: { userId: liaison.id, address: liaison.email, locale: 'en' }, mail },
        { kind: 'notification_update', subjectKey: 'test-batch', notificationId: null, organisationId: embassy.id, recipient: { userId: null, address: 'duty@cn.example', locale: null }, mail },
      ],
      new Date(),
    );
    for (const id of ids) expect(await sendMailDelivery(id, new Date(), config)).toBe('sent');
    const received = (address: string) => smtp.received.find((message) => message.envelopeTo.includes(address));
    // Header lines as the server got them, unfolded.
    const headerOf = (address: string, key: string) =>
      received(address)
        ?.parsed.headerLines.find((header) => header.key === key)
        ?.line.replace(/\r?\n[ \t]+/g, ' ');
    const expected = `<${config.baseUrl}/mail/unsubscribe?token=${unsubscribeTokenFor(liaison.id, 'updates')}>`;
    expect(headerOf(liaison.email, 'list-unsubscribe')).toBe(`List-Unsubscribe: ${expected}`);
    expect(headerOf(liaison.email, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(headerOf('duty@cn.example', 'list-unsubscribe')).toBeUndefined();

    const admin = await actorFor(await createUser({ role: 'admin' }));
    const [personal, duty] = await Promise.all(ids.map((id) => getOutboxMessage(admin, id)));
    const shown = [personal, duty].find((message) => !message?.isDutyAddress);
    expect(shown?.headers).toEqual([
      ['List-Unsubscribe', expected],
      ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
    ]);
    expect([personal, duty].find((message) => message?.isDutyAddress)?.headers).toEqual([]);

    // What a mail client does with the header: POST to its address.
    expect((await oneClick(expected.slice(1, -1))).status).toBe(200);
    expect(await settingsOf(liaison.id)).toEqual({ updates: 'off', requests: 'immediate' });
    const audits = await getDb().select({ action: auditLog.action }).from(auditLog).where(inArray(auditLog.entityId, [liaison.id]));
    expect(audits.map((entry) => entry.action)).toContain('account.unsubscribe');
  });
});
