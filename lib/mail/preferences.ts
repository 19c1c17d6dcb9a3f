import type { MailKind, Role, users } from '@/db/schema';

/**
 * The e-mail a user may turn down, each with its own setting (`users.update_mail_frequency`,
 * `users.request_mail_frequency`): at once, in the daily digest, or not at all. New notifications, detentions,
 * reminders and escalations are what the acknowledgement deadline rests on, so they have no setting.
 */
export const mailPreferences = ['updates', 'requests'] as const;
export type MailPreference = (typeof mailPreferences)[number];

/** The column of `users` each setting is kept in. */
export const frequencyFieldOf = {
  updates: 'updateMailFrequency',
  requests: 'requestMailFrequency',
} as const satisfies Record<MailPreference, keyof typeof users.$inferSelect>;

/**
 * Which of them a role receives at all, so the settings a user sees are the ones that change something. Updates
 * are what the police add to a notification, told to the embassy; requests and messages go to whichever side did
 * not write them. Governors' offices, the ministry and administrators receive neither (only invitations and
 * password resets, which cannot be turned off), so they have nothing to choose.
 */
export function mailPreferencesOf(role: Role): readonly MailPreference[] {
  switch (role) {
    case 'embassy_liaison':
      return mailPreferences;
    case 'police_officer':
    case 'police_supervisor':
      return ['requests'];
    default:
      return [];
  }
}

/** The setting that governs a kind of e-mail; null for what cannot be turned off. */
export function preferenceOfMailKind(kind: MailKind): MailPreference | null {
  switch (kind) {
    case 'notification_update':
      return 'updates';
    case 'request':
      return 'requests';
    default:
      // The digest is not one list: its overdue part cannot be turned off (see lib/mail/unsubscribe.ts).
      return null;
  }
}
