import 'server-only';
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { organisations, users, type MailFrequency, type Role } from '@/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import { frequencyFieldOf, type MailPreference } from './preferences';

/** One address a message goes to: a user in their language, or a duty address in every language (`locale: null`). */
export interface Recipient {
  userId: string | null;
  address: string;
  locale: Locale | null;
}

/** Which of a user's preferences decides whether they get this message; unset for what cannot be turned off. */
export type { MailPreference };

/**
 * The active users of an active organisation in some roles (optionally only some of them by id), as recipients. With a
 * preference, only those who chose `frequency` for it: the immediate e-mails ask for `immediate`, the daily digest
 * for `daily`. Deactivated users get nothing, here and again when a message goes out (lib/mail/send.ts).
 */
export async function usersAsRecipients(
  db: Pick<Database, 'select'>,
  organisationId: string,
  roles: readonly Role[],
  options: { userIds?: readonly string[]; preference?: { of: MailPreference; is: MailFrequency } } = {},
): Promise<Recipient[]> {
  const conditions: SQL[] = [eq(users.organisationId, organisationId), inArray(users.role, [...roles]), eq(users.isActive, true), eq(users.isApiKeyAccount, false), eq(organisations.isActive, true)];
  if (options.userIds) {
    if (options.userIds.length === 0) return [];
    conditions.push(inArray(users.id, [...options.userIds]));
  }
  if (options.preference) conditions.push(eq(users[frequencyFieldOf[options.preference.of]], options.preference.is));
  return db
    .select({ userId: users.id, address: users.email, locale: users.preferredLocale })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(...conditions))
    .orderBy(users.email);
}

/** An organisation's duty addresses; none when it is deactivated. */
export async function dutyAddressesOf(db: Pick<Database, 'select'>, organisationId: string): Promise<string[]> {
  const [found] = await db
    .select({ isActive: organisations.isActive, addresses: organisations.dutyEmailAddresses })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return found?.isActive ? found.addresses : [];
}

/** People first, then the duty addresses none of them already has (an officer's own address gets their message only). */
export function withDutyAddresses(people: Recipient[], dutyAddresses: readonly string[]): Recipient[] {
  const personal = new Set(people.map((person) => person.address.toLowerCase()));
  return [...people, ...dutyAddresses.filter((address) => !personal.has(address.toLowerCase())).map((address) => ({ userId: null, address, locale: null }))];
}
