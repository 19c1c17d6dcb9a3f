import { z } from 'zod';
import { mailDeliveryStatus, mailKind } from '@/db/schema/mail';
import { pageFilter } from '@/lib/search-params';

/** The outbox's filters in its URL (lib/search-params.ts parses them, dropping and naming what it cannot read). */
export const outboxFilterFields = {
  status: z.union([z.literal(''), z.enum(mailDeliveryStatus.enumValues)]).default(''),
  kind: z.union([z.literal(''), z.enum(mailKind.enumValues)]).default(''),
  page: pageFilter(100_000),
};
export const outboxFiltersSchema = z.object(outboxFilterFields);
export type OutboxFilters = z.infer<typeof outboxFiltersSchema>;
