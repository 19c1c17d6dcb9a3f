import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { users, type MailFrequency } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { DomainError } from '@/lib/domain-error';
import { mailPreferencesOf, type MailPreference } from '@/lib/mail/preferences';

/** The signed-in user's e-mail settings, only those their role has, as the /account form shows them. */
export async function getMailPreferences(actor: Actor): Promise<Partial<Record<MailPreference, MailFrequency>>> {
  requirePermission(actor, 'update:mail-preferences:own');
  const [row] = await getDb().select({ updates: users.updateMailFrequency, requests: users.requestMailFrequency }).from(users).where(eq(users.id, actor.userId));
  if (!row) throw DomainError.notFound('user');
  return Object.fromEntries(mailPreferencesOf(actor.role).map((preference) => [preference, row[preference]]));
}
