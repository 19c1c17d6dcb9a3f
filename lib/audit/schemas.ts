import { z } from 'zod';
import { filterDayField } from '@/lib/time/date-fields';

// The audit viewer names a filter it did not understand (validation.date) rather than dropping it silently.
const dateField = z
  .string()
  .trim()
  .refine((value) => value === '' || filterDayField.safeParse(value).success, 'validation.date');

/**
 * The audit viewer's filters, as they appear in its URL and in the CSV export's: the user (id, name or
 * e-mail), the acting organisation, the action, the record (an id, or a case reference number), the period
 * (days in Cambodian time, both included) and a keyset cursor (the id below which the next page starts).
 */
export const auditFiltersSchema = z
  .object({
    user: z.string().trim().max(254, 'validation.tooLong').default(''),
    organisationId: z.union([z.literal(''), z.uuid('validation.invalidChoice')]).default(''),
    action: z
      .string()
      .trim()
      .max(100, 'validation.tooLong')
      .regex(/^[a-z0-9_.]*$/, 'validation.invalidChoice')
      .default(''),
    entityId: z.string().trim().max(100, 'validation.tooLong').default(''),
    from: dateField.default(''),
    to: dateField.default(''),
    cursor: z
      .string()
      .trim()
      .regex(/^\d{0,18}$/, 'validation.invalidChoice')
      .default(''),
  })
  .superRefine((value, context) => {
    if (value.from && value.to && value.to < value.from) context.addIssue({ code: 'custom', path: ['to'], message: 'audit.validation.periodOrder' });
  });
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export const emptyAuditFilters: AuditFilters = { user: '', organisationId: '', action: '', entityId: '', from: '', to: '', cursor: '' };

/** For the viewer page: a filter that does not parse is dropped (and reported) instead of failing the page. */
export function parseAuditFiltersLeniently(params: Record<string, string | undefined>): { filters: AuditFilters; invalid: string[] } {
  const strict = auditFiltersSchema.safeParse(params);
  if (strict.success) return { filters: strict.data, invalid: [] };
  const invalid = [...new Set(strict.error.issues.map((issue) => String(issue.path[0])))];
  const kept = Object.fromEntries(Object.entries(params).filter(([key]) => !invalid.includes(key)));
  const retry = auditFiltersSchema.safeParse(kept);
  return { filters: retry.success ? retry.data : emptyAuditFilters, invalid };
}
