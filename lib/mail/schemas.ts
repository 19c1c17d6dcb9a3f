import { z } from 'zod';
import { mailDeliveryStatus, mailKind } from '@/db/schema/mail';

/** The outbox's URL: anything unparseable falls back to no filter rather than failing the page. */
export const outboxFiltersSchema = z.object({
  status: z.union([z.literal(''), z.enum(mailDeliveryStatus.enumValues)]).catch(''),
  kind: z.union([z.literal(''), z.enum(mailKind.enumValues)]).catch(''),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type OutboxFilters = z.infer<typeof outboxFiltersSchema>;
