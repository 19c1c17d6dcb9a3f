/**
 * What would fix each benchmarked query that misses its target, from reading its plans at a million cases
 * (bench/results.plans.json). Written by hand; printed under a query only when it misses. Nothing here is applied:
 * the queries and indexes belong to the teams that own them.
 */
const listAdvice =
  'The filtered list has no index that matches it: PNH holds ~15 % of the table, so the planner either scans all of `cases` ' +
  '(the count) or walks `cases_province_reported_idx` and filters status and crime type row by row (the page). ' +
  'An index `cases (province_code, status, crime_type, reported_at desc, id desc)` turns the page into a range scan that stops after 26 rows ' +
  '(the keyset condition `(reported_at, id) < (…)` rides on it, so a deep page costs the same as the first) and the count into an ' +
  'index-only scan of the matching entries. Filters used alone (only a crime type, "mine", nationality) each need their own leading ' +
  'columns or the generic `cases_province_reported_idx` with an early LIMIT. The exact total is the other half of the cost: count at most ' +
  '1,000 (`select count(*) from (select 1 … limit 1001)`) and show "1,000+", as big case lists usually do.';

const searchAdvice =
  'The free-text condition ORs `reference_number ilike`, `title ilike` and an `exists (select … from case_people …)` per case, so the planner ' +
  'walks every case of the province (~150,000 via `cases_reference_sequence_key`) and probes a hashed subplan for each. Rewrite it as a ' +
  'semi-join that starts from the trigram indexes: `cases.id in (select case_id from case_people where latin_name ilike $q or native_name ilike $q ' +
  'or upper(id_document_number) like $doc union all select id from cases where reference_number ilike $q or title ilike $q)` plus the province ' +
  'condition; each branch is a bitmap scan of a GIN index and returns a handful of rows. For ID numbers, try the exact match first ' +
  '(`upper(id_document_number) = $doc` uses `case_people_id_document_idx`) and add `text_pattern_ops` to that btree for prefix searches. ' +
  'Chinese names are often two characters (王伟), which give pg_trgm no trigram at all, so that search falls back to a Seq Scan of ' +
  '`case_people`: match one- and two-character queries by equality/prefix on `native_name` (btree with `text_pattern_ops`) instead of ' +
  '`%…%`. Cap the total as for the list.';

const inboxAdvice =
  'Its ORDER BY (`acknowledged_at is null` desc, a CASE on due_at, created_at desc) matches no index, so all ~414,000 notifications of the ' +
  'Chinese embassy are read and sorted for 25 rows, and the total joins every one of them with `cases`. Read the page in two index-ordered ' +
  'parts — pending: `where embassy_organisation_id = $1 and acknowledged_at is null order by due_at` (`notifications_embassy_inbox_idx`); ' +
  'then, to fill the page, acknowledged: `… and acknowledged_at is not null order by created_at desc, id desc` with a new partial index ' +
  '`notifications (embassy_organisation_id, created_at desc, id desc) where acknowledged_at is not null` — with keyset cursors instead of ' +
  'OFFSET. Count without the join to `cases` when no case filter is set (`case_id` is a NOT NULL foreign key, the join changes nothing), or ' +
  'keep per-embassy pending/acknowledged counters updated in the transactions that create and acknowledge notifications.';

const inboxPendingAdvice =
  'About 17,000 notifications of the Chinese embassy were never acknowledged; the filter reads all of them through a bitmap heap scan and ' +
  'sorts them, and the count probes `cases_pkey` once per row. An index-ordered read of `notifications_embassy_inbox_idx` (equality on ' +
  'embassy, `acknowledged_at is null`, order by due_at) with LIMIT, a covering partial index `(embassy_organisation_id, due_at) include ' +
  '(case_id, kind, reason, created_at, first_opened_at) where acknowledged_at is null`, and the count without the join to `cases` bring ' +
  'it to a few milliseconds.';

const dashboardAdvice =
  'Every figure is an aggregate over raw rows: the open-case count reads every case ever reported (all ten years), the monthly, nationality, ' +
  'notification and cooperation figures join 12 months of `cases` with `case_people`, `notifications` and `cooperation_actions` by hash ' +
  'join after sequential scans. No index makes that ≤ 200 ms at a million cases; rollups do, and they can stay exact: small tables ' +
  'keyed by (province, Cambodian month, crime type, status), (province, month, nationality) with people/detained counts, (embassy, ' +
  'province, month) with sent/acknowledged counts and an hours-to-acknowledge histogram (exact medians need the distribution, which ' +
  'buckets approximate; or read 12 months of one embassy through an index `notifications (embassy_organisation_id, created_at) include ' +
  '(acknowledged_at)`), and (embassy, month, action type), each updated in the same transaction as the write that changes it (intake, ' +
  'status change, acknowledgement, action). Open cases: a partial index `cases (province_code) where closed_at is null` makes that ' +
  'count index-only. "Overdue" depends on the clock: count it from the small set of unacknowledged notifications (partial index on ' +
  '`due_at where acknowledged_at is null`).';

const advice: Record<string, string> = {
  'list.first-page': listAdvice,
  'list.deep-page': listAdvice,
  'search.id-number': searchAdvice,
  'search.latin-name': searchAdvice,
  'search.native-name': searchAdvice,
  'search.khmer-name': searchAdvice,
  inbox: inboxAdvice,
  'inbox.pending': inboxPendingAdvice,
  'inbox.unread-count':
    'It sums a correlated `count(*)` of unread updates for each of the embassy\'s ~414,000 notifications, so it reads them all on every ' +
    'embassy page (it sits in the navigation). Count the two parts separately from partial indexes — notifications `where first_opened_at is ' +
    'null` (index on embassy_organisation_id) and unread updates by a join driven by `notification_updates_unread_idx` — or, better, carry ' +
    '`embassy_organisation_id` on notification_updates (partial index `where read_at is null`), or keep a per-embassy unread counter updated ' +
    'where updates are added and read.',
  workspace:
    'Its reads are single-digit milliseconds through `*_case_idx` indexes. What can make it slow is its write: the `case.read` audit entry ' +
    'goes through the hash-chain trigger, whose advisory lock serialises every audited write of the whole system until commit (WAL flush), ' +
    'so a busy server queues workspace reads behind intakes. Chaining audit entries asynchronously (a background job that hashes committed ' +
    'entries in id order) or per-organisation chains would take that lock out of the request path.',
  'dashboard.governor': dashboardAdvice,
  'dashboard.ministry': dashboardAdvice,
};

export function adviceFor(name: string): string | undefined {
  return advice[name];
}
