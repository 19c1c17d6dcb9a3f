import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, mailDeliveries, outboxMessages, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { createUserAccount } from '@/lib/directory/commands';
import { createUserSchema } from '@/lib/directory/schemas';
import { emailInvitationIn, issueInvitationIn, lookUpInvitation, reissueInvitation } from '@/lib/invitations/commands';
import { reissueInvitationSchema } from '@/lib/invitations/schemas';
import { actorFor, createOrganisation, createUser, uniqueSuffix } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import type { MailConfig } from './config';
import { removedTokenPlaceholder } from './invitation';
import { sendMailDelivery } from './send';

// Invitation and password-reset e-mails as the admin's commands queue them, without workers: what is stored, in
// which transaction, and what a stored (never sent) message keeps. lib/mail/requests-and-invitations-delivery.test.ts
// sends them through the workers and a real SMTP server.
withTestDatabase();

const stored: MailConfig = { smtpUrl: undefined, from: 'CaseBridge <no-reply@casebridge.example>', baseUrl: 'https://casebridge.example' };
let admin: Actor;
let policeForceId: string;

beforeAll(async () => {
  admin = await actorFor(await createUser({ role: 'admin', organisationId: (await createOrganisation({ kind: 'platform' })).id }));
  policeForceId = (await createOrganisation({ kind: 'police', provinceCode: 'KKG', nameEn: 'Koh Kong Provincial Police', nameKm: 'ស្នងការដ្ឋាននគរបាលខេត្តកោះកុង', nameZh: '国公省警察局' })).id;
});

const tokenIn = (text: string) => /\/invite\/([A-Za-z0-9_-]{43})/.exec(text)?.[1] ?? null;

async function deliveryRow(id: string) {
  const [row] = await getDb().select().from(mailDeliveries).where(eq(mailDeliveries.id, id));
  if (!row) throw new Error('no delivery');
  return row;
}

async function tableSizes() {
  const [deliveries] = await getDb().select({ total: count() }).from(mailDeliveries);
  const [outbox] = await getDb().select({ total: count() }).from(outboxMessages);
  return { deliveries: deliveries?.total, outbox: outbox?.total };
}

describe('e-mailed invitation links', () => {
  it('queue the invitation with the new account, in its language, to its address only, and never return the link', async () => {
    const name = `Sokha Chhim ${uniqueSuffix()}`;
    const email = `sokha.${uniqueSuffix()}@kkg.police.test`;
    const input = createUserSchema.parse({ name, email, role: 'police_officer', organisationId: policeForceId, preferredLocale: 'zh-CN', credential: 'emailed_invitation' });
    const created = await createUserAccount(admin, input);
    if (created.credential !== 'emailed_invitation') throw new Error('expected an e-mailed invitation');
    expect(created).not.toHaveProperty('invitation');
    expect(created.emailed).toMatchObject({ kind: 'invitation', address: email, isStoredOnly: true });

    const row = await deliveryRow(created.emailed.deliveryId);
    expect(row).toMatchObject({ kind: 'invitation', recipientUserId: created.id, recipientAddress: email, organisationId: policeForceId, notificationId: null, locale: 'zh-CN', status: 'queued' });
    expect(row.subject).toBe('您的 CaseBridge 账户：请设置密码');
    expect(row.textBody).toContain('国公省警察局');
    // The account holder's name is personal data: the message names the organisation and role only.
    expect(`${row.subject}${row.textBody}${row.htmlBody}`).not.toContain(name);
    const token = tokenIn(row.textBody);
    expect(token).not.toBeNull();
    expect(row.textBody).toContain(`/invite/${token}`);
    expect(row.htmlBody).toContain(`/invite/${token}`);
    expect(await lookUpInvitation(token!)).toMatchObject({ email });

    // Committed with the account: the outbox message that makes the workers send it, and the audit entry saying so.
    const queued = await getDb().select({ payload: outboxMessages.payload }).from(outboxMessages).where(eq(outboxMessages.topic, 'mail.queued'));
    expect(queued.map((message) => message.payload)).toContainEqual({ deliveryId: row.id });
    const [entry] = await getDb().select({ details: auditLog.details }).from(auditLog).where(and(eq(auditLog.action, 'admin.user.create'), eq(auditLog.entityId, created.id)));
    expect(entry?.details).toMatchObject({ credential: 'emailed_invitation', mail: { kind: 'invitation', deliveryId: row.id } });
  });

  it('queue nothing when the transaction that issued the link rolls back', async () => {
    const user = await createUser({ role: 'police_officer', organisationId: policeForceId });
    const before = await tableSizes();
    await expect(
      getDb().transaction(async (tx) => {
        await emailInvitationIn(tx, user, await issueInvitationIn(tx, user.id, admin.userId));
        throw new Error('something later in the same change failed');
      }),
    ).rejects.toThrow('something later');
    expect(await tableSizes()).toEqual(before);
  });

  it('e-mail a reissued link as an invitation to an account never signed in to, and as a password reset once it has', async () => {
    const fresh = await createUser({ role: 'police_officer', organisationId: policeForceId, preferredLocale: 'km' });
    const invited = await reissueInvitation(admin, reissueInvitationSchema.parse({ id: fresh.id, version: fresh.version, sendByEmail: true }));
    if (!('emailed' in invited)) throw new Error('expected an e-mail');
    expect(invited.emailed.kind).toBe('invitation');
    expect((await deliveryRow(invited.emailed.deliveryId)).subject).toBe('គណនី CaseBridge របស់អ្នក៖ សូមជ្រើសរើសពាក្យសម្ងាត់');

    const regular = await createUser({ role: 'police_officer', organisationId: policeForceId, lastSignInAt: new Date('2026-02-01T02:00:00Z') });
    const first = await reissueInvitation(admin, { id: regular.id, version: regular.version, sendByEmail: true });
    const second = await reissueInvitation(admin, { id: regular.id, version: first.version, sendByEmail: true });
    if (!('emailed' in first) || !('emailed' in second)) throw new Error('expected e-mails');
    const [firstRow, secondRow] = [await deliveryRow(first.emailed.deliveryId), await deliveryRow(second.emailed.deliveryId)];
    expect(secondRow).toMatchObject({ kind: 'password_reset', locale: 'en', subject: 'Set a new password for your CaseBridge account' });
    expect(secondRow.textBody).toContain('Your current password works until you use the link');
    // One message per link; the newer link replaced the older, whose e-mail now leads nowhere.
    expect(secondRow.idempotencyKey).not.toBe(firstRow.idempotencyKey);
    expect(await lookUpInvitation(tokenIn(firstRow.textBody)!)).toBeNull();
    expect(await lookUpInvitation(tokenIn(secondRow.textBody)!)).not.toBeNull();
    const entries = await getDb().select({ details: auditLog.details }).from(auditLog).where(and(eq(auditLog.action, 'admin.user.invitation.issue'), eq(auditLog.entityId, regular.id)));
    expect(entries.map((entry) => entry.details)).toContainEqual(expect.objectContaining({ delivery: 'email', replaced: 1, mail: { kind: 'password_reset', deliveryId: secondRow.id } }));

    // Shown instead: no e-mail, the link is returned once as before.
    const shown = await reissueInvitation(admin, { id: regular.id, version: second.version, sendByEmail: false });
    expect(shown).toMatchObject({ shown: { token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) } });
    expect(shown).not.toHaveProperty('emailed');
  });

  it('keep the link in a message only stored (no mail server), for the admin to pass on from the outbox', async () => {
    const user = await createUser({ role: 'police_officer', organisationId: policeForceId });
    const reissued = await reissueInvitation(admin, { id: user.id, version: user.version, sendByEmail: true });
    if (!('emailed' in reissued)) throw new Error('expected an e-mail');
    const before = await deliveryRow(reissued.emailed.deliveryId);
    expect(await sendMailDelivery(before.id, new Date(), stored)).toBe('stored');
    const after = await deliveryRow(before.id);
    expect(after.textBody).toBe(before.textBody);
    expect(after.textBody).not.toContain(removedTokenPlaceholder);
    expect(await lookUpInvitation(tokenIn(after.textBody)!)).not.toBeNull();
  });

  it('need an explicit choice to e-mail a reissued link, and refuse an account that is not active', async () => {
    expect(reissueInvitationSchema.safeParse({ id: admin.userId, version: 1 }).success).toBe(false);
    expect(createUserSchema.safeParse({ name: 'x', email: 'x@y.example', role: 'police_officer', organisationId: policeForceId, preferredLocale: 'en', credential: 'e-mail' }).success).toBe(false);
    const gone = await createUser({ role: 'police_officer', organisationId: policeForceId, isActive: false });
    const before = await tableSizes();
    await expect(reissueInvitation(admin, { id: gone.id, version: gone.version, sendByEmail: true })).rejects.toMatchObject({ kind: 'invalid' });
    expect(await tableSizes()).toEqual(before);
    const [row] = await getDb().select({ version: users.version }).from(users).where(eq(users.id, gone.id));
    expect(row?.version).toBe(gone.version);
  });
});
