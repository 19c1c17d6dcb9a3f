import { sql, type Placeholder, type Query, type SQL } from 'drizzle-orm';
import type { PgPreparedQuery, PreparedQueryConfig } from 'drizzle-orm/pg-core';
import type { Database, Transaction } from './client';

/**
 * Statements whose SQL text is built once and then run in whichever transaction asks, with new values each time.
 *
 * Building a select with drizzle — the builder, then its SQL text — costs more than sending it: a case-list page
 * takes longer to build than the 10,000-case database takes to answer it (bench/results.md measured the
 * difference as app over raw). drizzle's own `.prepare()` would build once, but it ties the statement to the
 * session it was built on, and every read here runs in the actor's own transaction (`withActorScope`), on a
 * connection of the pool or on PGlite's only one (drizzle-orm issue 2826). So the builder runs once, with
 * `sql.placeholder`s where the values go, and each call hands the kept text, parameters and selected fields to
 * the calling transaction's session — the same `prepareQuery` its own builders end in, on postgres.js and PGlite
 * alike. The statements stay unnamed (no server-side PREPARE), so the server plans each one with its values, as
 * before.
 *
 * A placeholder in a condition gets its value as given, past the column's encoder, so pass what the driver takes
 * (a timestamp as its ISO text, not a Date); one in an insert's values goes through its column's encoder.
 */

/**
 * A list of values for one placeholder, as `column = any(${p.ids}::uuid[])`: one statement whatever the number
 * of values (`inArray` writes one parameter per value, so one text per length). Given as PostgreSQL's array
 * text, since a placeholder in a condition bypasses the encoders and the two drivers pass arrays differently.
 */
export function arrayParameter(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/** Reaches the session behind a drizzle database or transaction: the one internal drizzle-orm 0.45 exposes for this. */
interface Session {
  prepareQuery(query: Query, fields: unknown, name: string | undefined, isResponseInArrayMode: boolean): PgPreparedQuery<PreparedQueryConfig> & { joinsNotNullableMap?: unknown };
}

interface Template {
  query: Query;
  fields: unknown;
  isResponseInArrayMode: boolean;
  joinsNotNullableMap: unknown;
}

/** What a builder's `.prepare()` result keeps besides its SQL (PostgresJsPreparedQuery and PglitePreparedQuery alike). */
interface PreparedInternals {
  fields?: unknown;
  joinsNotNullableMap?: unknown;
  isResponseInArrayMode(): boolean;
}

type Preparable = { prepare(name: string): PgPreparedQuery<PreparedQueryConfig> };
type ResultOf<TQuery extends Preparable> = Awaited<ReturnType<ReturnType<TQuery['prepare']>['execute']>>;

/** `p.status` is the placeholder named "status". */
export type Placeholders<TValues> = { readonly [K in keyof TValues & string]: Placeholder<K> };

function placeholdersFor<TValues>(): Placeholders<TValues> {
  return new Proxy({} as Placeholders<TValues>, { get: (_target, name) => sql.placeholder(String(name)) });
}

function templateOf(prepared: PgPreparedQuery<PreparedQueryConfig>): Template {
  const internals = prepared as unknown as PreparedInternals;
  return {
    query: prepared.getQuery(),
    fields: internals.fields,
    isResponseInArrayMode: internals.isResponseInArrayMode(),
    joinsNotNullableMap: internals.joinsNotNullableMap,
  };
}

function runTemplate(db: Database | Transaction, template: Template, values: object): Promise<unknown> {
  const session = (db as unknown as { session: Session }).session;
  const query = session.prepareQuery(template.query, template.fields, undefined, template.isResponseInArrayMode);
  query.joinsNotNullableMap = template.joinsNotNullableMap;
  return query.execute(values as Record<string, unknown>);
}

/**
 * One statement of fixed shape: `build` runs on the first call only (with the database it is given, which only
 * lends it its dialect), every later call reuses its SQL.
 */
export function prebuilt<TValues extends object, TQuery extends Preparable>(
  build: (db: Database | Transaction, p: Placeholders<TValues>) => TQuery,
): (db: Database | Transaction, values: TValues) => Promise<ResultOf<TQuery>> {
  let template: Template | null = null;
  return (db, values) => {
    template ??= templateOf(build(db, placeholdersFor<TValues>()).prepare('prebuilt'));
    return runTemplate(db, template, values) as Promise<ResultOf<TQuery>>;
  };
}

/**
 * Statements whose shape depends on which filters are given: one template per shape, built the first time that
 * shape is asked for. `shape` must name everything `build` branches on (which filters are present, the sort), and
 * nothing that varies freely (the values themselves go in placeholders), so the number of templates stays that
 * of the combinations of filters.
 */
export function prebuiltByShape<TShape, TValues extends object, TQuery extends Preparable>(
  keyOf: (shape: TShape) => string,
  build: (db: Database | Transaction, p: Placeholders<TValues>, shape: TShape) => TQuery,
): (db: Database | Transaction, shape: TShape, values: TValues) => Promise<ResultOf<TQuery>> {
  const templates = new Map<string, Template>();
  return (db, shape, values) => {
    const key = keyOf(shape);
    let template = templates.get(key);
    if (!template) {
      template = templateOf(build(db, placeholdersFor<TValues>(), shape).prepare('prebuilt'));
      templates.set(key, template);
    }
    return runTemplate(db, template, values) as Promise<ResultOf<TQuery>>;
  };
}

/**
 * A statement written as `sql` (no selected fields, rows as the driver returns them, as `db.execute` gives),
 * built once like the others: for the statement that opens every actor's transaction.
 */
export function prebuiltSql<TValues extends object>(build: (p: Placeholders<TValues>) => SQL): (db: Database | Transaction, values: TValues) => Promise<unknown> {
  let template: Template | null = null;
  return (db, values) => {
    const dialect = (db as unknown as { dialect: { sqlToQuery(query: SQL): Query } }).dialect;
    template ??= { query: dialect.sqlToQuery(build(placeholdersFor<TValues>())), fields: undefined, isResponseInArrayMode: false, joinsNotNullableMap: undefined };
    return runTemplate(db, template, values);
  };
}
