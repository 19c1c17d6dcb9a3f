import 'server-only';
import type { Transaction } from '@/db/client';
import type { Role } from '@/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import { localizedName, type LocalizedNames } from '@/lib/i18n/localized-name';
import { recordOutboxMessage } from '@/lib/outbox/record-outbox-message';
import { queueDeliveries } from './deliveries';
import { formatMailTime, renderForRecipient, translatorFor, type MailSection, type RenderedMail } from './render';

/**
 * Invitation and password-reset e-mails: the link an administrator issued (lib/invitations), sent to the account's
 * own address. The token exists in clear only inside the transaction that issues it, so the message is rendered and
 * queued there (`mail.queued` in the outbox); a rolled-back issue sends nothing. Once the mail server has accepted
 * it, the stored copy loses the token (lib/mail/send.ts), so /admin/outbox holds no usable link.
 */

/** A first invitation, or a new link for an account that has signed in before. */
export type AccountLinkMailKind = 'invitation' | 'password_reset';

/** What such an e-mail may say: the organisation and role of the account, never its holder's name. */
export interface AccountLinkMailFacts {
  kind: AccountLinkMailKind;
  token: string;
  expiresAt: Date;
  organisation: LocalizedNames;
  role: Role;
  /** The public address of CaseBridge (NEXTAUTH_URL), without a trailing slash. */
  baseUrl: string;
}

/** The path of an invitation link; its token is base64url of 32 bytes (lib/invitations/token.ts). */
const invitationLinkPattern = /\/invite\/[A-Za-z0-9_-]{43}/g;

/** What replaces the token in the stored copy once the message has left: the link says it was there, and works no more. */
export const removedTokenPlaceholder = '/invite/[link-removed-after-sending]';

export function withoutInvitationLinks(text: string): string {
  return text.replace(invitationLinkPattern, removedTokenPlaceholder);
}

const keyOf = { invitation: 'invitation', password_reset: 'passwordReset' } as const;

function accountLinkSection(facts: AccountLinkMailFacts, locale: Locale): MailSection {
  const t = translatorFor(locale);
  const key = keyOf[facts.kind];
  const organisation = localizedName(facts.organisation, locale);
  const role = t(`roles.${facts.role}`);
  const expires = formatMailTime(facts.expiresAt, locale);
  return {
    locale,
    subject: t(`mail.${key}.subject`),
    paragraphs: [t(`mail.${key}.intro`, { organisation, role }), t('mail.accountLink.expires', { expires }), t('mail.accountLink.doNotForward')],
    facts: [
      [t('mail.accountLink.organisation'), organisation],
      [t('mail.accountLink.role'), role],
      [t('mail.accountLink.expiresAt'), expires],
    ],
    link: { label: t(`mail.${key}.open`), href: `${facts.baseUrl}/invite/${facts.token}` },
    footer: t('mail.accountLink.footer'),
  };
}

export function renderAccountLinkMail(facts: AccountLinkMailFacts, locale: Locale): RenderedMail {
  return renderForRecipient(locale, (sectionLocale) => accountLinkSection(facts, sectionLocale));
}

/**
 * Inside the transaction that issued the link: stores the rendered message for the account's holder, in their
 * language, and records `mail.queued` so the workers send it after the commit. The invitation's id is the subject
 * key: one message per link. Returns the delivery's id.
 */
export async function queueAccountLinkMail(
  tx: Transaction,
  input: { invitationId: string; user: { id: string; email: string; preferredLocale: Locale; organisationId: string }; facts: AccountLinkMailFacts },
  now: Date,
): Promise<string> {
  const [deliveryId] = await queueDeliveries(
    tx,
    [
      {
        kind: input.facts.kind,
        subjectKey: input.invitationId,
        notificationId: null,
        organisationId: input.user.organisationId,
        recipient: { userId: input.user.id, address: input.user.email, locale: input.user.preferredLocale },
        mail: renderAccountLinkMail(input.facts, input.user.preferredLocale),
      },
    ],
    now,
  );
  // A new invitation's id has never been planned before; nothing else can have taken its key.
  if (!deliveryId) throw new Error('invitation e-mail not queued');
  await recordOutboxMessage(tx, { topic: 'mail.queued', payload: { deliveryId } });
  return deliveryId;
}

