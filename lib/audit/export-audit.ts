import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { withActorScope } from '@/lib/auth/actor-scope';
import { requirePermission } from '@/lib/auth/permissions';
import { iterateAuditEntries, type AuditEntryView } from './queries';
import { recordAudit } from './record-audit';
import type { AuditFilters } from './schemas';

/** The most entries one download holds; narrower filters give the rest. */
export const maxExportedEntries = 100_000;

export const auditCsvColumns = [
  'id',
  'occurred_at',
  'actor_user_id',
  'actor_name',
  'actor_email',
  'actor_organisation_id',
  'actor_organisation',
  'actor_role',
  'action',
  'outcome',
  'entity_type',
  'entity_id',
  'ip_address',
  'user_agent',
  'details',
  'prev_hash',
  'hash',
] as const;

/**
 * One CSV field: always quoted, quotes doubled, and a leading = + - @ tab or carriage return defused with an
 * apostrophe so a spreadsheet never runs a cell as a formula (OWASP "CSV injection").
 */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function auditCsvRow(entry: AuditEntryView): string {
  return [
    entry.id,
    entry.occurredAt.toISOString(),
    entry.actor?.userId,
    entry.actor?.name,
    entry.actor?.email,
    entry.organisation?.id,
    entry.organisation?.names?.en,
    entry.role,
    entry.action,
    entry.outcome,
    entry.entityType,
    entry.entityId,
    entry.ipAddress,
    entry.userAgent,
    entry.details,
    entry.prevHash,
    entry.hash,
  ]
    .map((value) => csvField(typeof value === 'number' ? String(value) : value))
    .join(',');
}

/**
 * Every entry matching the filters, newest first, as a CSV stream (UTF-8 with a byte-order mark so
 * spreadsheets read Khmer and Chinese names). The export is itself audited before the first byte is sent,
 * so a download cannot go unrecorded.
 */
export async function exportAuditCsv(actor: Actor, filters: AuditFilters): Promise<ReadableStream<Uint8Array>> {
  requirePermission(actor, 'export:audit:all');
  const exported = { ...filters, cursor: '' };
  await withActorScope(actor, (tx) =>
    recordAudit(tx, {
      actor,
      action: 'audit.export',
      entityType: 'audit_log',
      details: { filters: Object.fromEntries(Object.entries(exported).filter(([, value]) => value !== '')), maxEntries: maxExportedEntries },
    }),
  );
  const entries = iterateAuditEntries(actor, exported, maxExportedEntries);
  const encoder = new TextEncoder();
  let isHeaderSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!isHeaderSent) {
        isHeaderSent = true;
        controller.enqueue(encoder.encode(`\uFEFF${auditCsvColumns.join(',')}\r\n`));
        return;
      }
      const lines: string[] = [];
      for (let next = await entries.next(); ; next = await entries.next()) {
        if (next.done) {
          if (lines.length > 0) controller.enqueue(encoder.encode(lines.join('')));
          controller.close();
          return;
        }
        lines.push(`${auditCsvRow(next.value)}\r\n`);
        if (lines.length >= 500) break;
      }
      controller.enqueue(encoder.encode(lines.join('')));
    },
    async cancel() {
      await entries.return(undefined);
    },
  });
}
