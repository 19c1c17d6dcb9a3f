import type postgres from 'postgres';
import type { CapturedQuery } from './capture';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Total Time'?: number;
  'Actual Loops'?: number;
  'Actual Rows'?: number;
  'Total Cost'?: number;
  Plans?: PlanNode[];
}

export interface QueryPlan {
  sql: string;
  /** EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) for reads; EXPLAIN (FORMAT JSON) for writes, which are not run. */
  plan: unknown;
  analysed: boolean;
  executionMs: number | null;
  seqScans: string[];
  /** Index (or bitmap) scans, to show which indexes the plan uses. */
  indexes: string[];
  /** The plan's most expensive nodes (own time, summed over parallel workers), e.g. "Sort 412 ms". */
  hotspots: string[];
}

const rolledBack = new Error('rolled back after EXPLAIN');

/** Tables whose sequential scan the targets forbid: at a million cases they are the large ones. */
export const guardedTables = ['cases', 'case_people'];

function walk(node: PlanNode, visit: (node: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

function ownTimeMs(node: PlanNode): number {
  const total = (node['Actual Total Time'] ?? 0) * (node['Actual Loops'] ?? 1);
  const children = (node.Plans ?? []).reduce((sum, child) => sum + (child['Actual Total Time'] ?? 0) * (child['Actual Loops'] ?? 1), 0);
  return Math.max(0, total - children);
}

/** `set local …`: a setting of the transaction, which EXPLAIN can't take and which means nothing outside one. */
export function isSetting(query: Pick<CapturedQuery, 'sql'>): boolean {
  return /^\s*set\s/i.test(query.sql);
}

/**
 * EXPLAIN of one captured statement; with the scope statement it was sent after (a signed-in user's transaction)
 * and the settings its transaction made (`set local …`), inside a transaction that runs those first and is
 * rolled back, so the plan is the one under the row-level security policies and the app's planner settings, and
 * an explained write changes nothing.
 */
export async function explain(raw: postgres.Sql, query: CapturedQuery, context: readonly CapturedQuery[] = []): Promise<QueryPlan> {
  if (isSetting(query)) return { sql: query.sql, plan: null, analysed: false, executionMs: null, seqScans: [], indexes: [], hotspots: [] };
  const isRead = /^\s*(select|with)\b/i.test(query.sql);
  const prefix = isRead ? 'explain (analyze, buffers, format json) ' : 'explain (format json) ';
  const run = (sql: postgres.Sql | postgres.TransactionSql) => sql.unsafe(prefix + query.sql, query.params as postgres.ParameterOrJSON<never>[], { prepare: false });
  let explained: postgres.RowList<postgres.Row[]> | undefined;
  if (context.length > 0) {
    await raw
      .begin(async (tx) => {
        for (const before of context) await tx.unsafe(before.sql, before.params as postgres.ParameterOrJSON<never>[], { prepare: false });
        explained = await run(tx);
        throw rolledBack;
      })
      .catch((error: unknown) => {
        if (error !== rolledBack) throw error;
      });
  } else {
    explained = await run(raw);
  }
  const [row] = explained ?? [];
  const document = (row as Record<string, unknown>)['QUERY PLAN'] as [{ Plan: PlanNode; 'Execution Time'?: number }];
  const root = document[0].Plan;
  const seqScans = new Set<string>();
  const indexes = new Set<string>();
  const nodes: { label: string; ms: number }[] = [];
  walk(root, (node) => {
    if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) seqScans.add(node['Relation Name']);
    if (node['Index Name']) indexes.add(node['Index Name']);
    if (isRead) nodes.push({ label: `${node['Node Type']}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}`, ms: ownTimeMs(node) });
  });
  return {
    sql: query.sql,
    plan: document,
    analysed: isRead,
    executionMs: document[0]['Execution Time'] ?? null,
    seqScans: [...seqScans],
    indexes: [...indexes],
    hotspots: nodes
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
      .filter((node) => node.ms >= 1)
      .map((node) => `${node.label} ${node.ms.toFixed(0)} ms`),
  };
}
