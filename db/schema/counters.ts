import { integer, pgTable, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './directory';

/*
 * The counts an embassy's every page shows, one row per embassy, kept exact by triggers on notifications and
 * notification updates in the transaction of the change itself (migration 0029), so the navigation reads one
 * row instead of counting matches whose number grows with the data (decision 016). A withdrawn notification
 * counts nowhere: not unopened, not awaiting, and its unread updates are not unread.
 * `page_counters_rebuild()` recomputes every row from the base tables (after a bulk load, and in the test that
 * proves the triggers keep them exact).
 */
export const embassyPageCounters = pgTable('embassy_page_counters', {
  embassyOrganisationId: uuid('embassy_organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  /** Notifications never opened. */
  unopened: integer('unopened').notNull().default(0),
  /** Updates not yet read, of notifications not withdrawn. */
  unreadUpdates: integer('unread_updates').notNull().default(0),
  /** Notifications not yet acknowledged. */
  awaiting: integer('awaiting').notNull().default(0),
  /** Of those, detention notifications. */
  detentionAwaiting: integer('detention_awaiting').notNull().default(0),
});
