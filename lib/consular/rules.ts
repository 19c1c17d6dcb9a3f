import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { countryConsularRules } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { DomainError } from '@/lib/domain-error';
import type { SetConsularRuleInput } from './schemas';

export interface ConsularRuleView {
  countryCode: string;
  mandatoryNotification: boolean;
  version: number;
  updatedAt: Date;
}

/** The countries with a rule, for the admin's page. Reference data, read on the owner's connection like the directory. */
export async function listConsularRules(actor: Actor): Promise<ConsularRuleView[]> {
  requirePermission(actor, 'manage:directory:all');
  return getDb()
    .select({ countryCode: countryConsularRules.countryCode, mandatoryNotification: countryConsularRules.mandatoryNotification, version: countryConsularRules.version, updatedAt: countryConsularRules.updatedAt })
    .from(countryConsularRules)
    .orderBy(asc(countryConsularRules.countryCode));
}

/**
 * Marks a country's notification mandatory (a bilateral agreement) or not. A new rule is version 0 to the form; an
 * existing one must be saved from the version the admin saw. Cases already recorded follow the new rule at their
 * next change of people.
 */
export async function setConsularRule(actor: Actor, input: SetConsularRuleInput): Promise<{ version: number }> {
  requirePermission(actor, 'manage:directory:all');
  return getDb().transaction(async (tx) => {
    const [current] = await tx.select().from(countryConsularRules).where(eq(countryConsularRules.countryCode, input.countryCode)).for('update');
    if ((current?.version ?? 0) !== input.version) throw DomainError.conflict('admin.errors.conflict', { changedBy: null, changedAt: current?.updatedAt ?? new Date() });
    const [saved] = current
      ? await tx
          .update(countryConsularRules)
          .set({ mandatoryNotification: input.mandatoryNotification, version: current.version + 1, updatedAt: new Date() })
          .where(and(eq(countryConsularRules.countryCode, input.countryCode), eq(countryConsularRules.version, current.version)))
          .returning({ version: countryConsularRules.version })
      : await tx.insert(countryConsularRules).values({ countryCode: input.countryCode, mandatoryNotification: input.mandatoryNotification }).returning({ version: countryConsularRules.version });
    if (!saved) throw DomainError.conflict('admin.errors.conflict', { changedBy: null, changedAt: new Date() });
    await recordAudit(tx, {
      actor,
      action: 'admin.consular_rule.set',
      entityType: 'country_consular_rule',
      details: { countryCode: input.countryCode, mandatoryNotification: input.mandatoryNotification },
    });
    return saved;
  });
}
