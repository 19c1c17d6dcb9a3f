import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import type { Locale } from '@/lib/i18n/locales';

export async function updatePreferredLocale(actor: Actor, locale: Locale): Promise<void> {
  requirePermission(actor, 'update:account:own');
  await getDb().transaction(async (tx) => {
    await tx
      .update(users)
      .set({ preferredLocale: locale, updatedAt: sql`now()` })
      .where(eq(users.id, actor.userId));
    await recordAudit(tx, {
      actor,
      action: 'account.change_locale',
      entityType: 'user',
      entityId: actor.userId,
      details: { from: actor.locale, to: locale },
    });
  });
}
