// Bulk loading for generated volumes, one transaction per call, on either engine:
// SQLite through its own better-sqlite3 connection (one prepared statement run per row — the
// fastest path SQLite has), PostgreSQL through the app's pool with one
// `INSERT … SELECT * FROM unnest($1::type[], …)` per batch: a column is one array parameter, so
// a batch of 10,000 rows is one round trip and one parse, without the 65,535-parameter limit of
// multi-row VALUES.
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Database } from '../../db/database';

/** A column and its PostgreSQL array element type (ignored on SQLite). */
export type BulkColumn = readonly [
  name: string,
  pgType: 'text' | 'integer' | 'float8' | 'timestamptz',
];

export interface BulkWriter {
  /** Runs a statement with `?` placeholders inside the transaction. */
  run(statement: string, params?: unknown[]): Promise<void>;
  /** The first row of a statement (e.g. `insert … returning id`). */
  get<R>(statement: string, params?: unknown[]): Promise<R | undefined>;
  /** Inserts rows (arrays in column order); returns how many. */
  insert(table: string, columns: readonly BulkColumn[], rows: Iterable<unknown[]>): Promise<number>;
}

const PG_BATCH = 10_000;

export async function withBulkWriter<T>(
  database: Database,
  fn: (writer: BulkWriter) => Promise<T>,
): Promise<T> {
  if (database.dialect === 'sqlite') return withSqlite(database.location, fn);
  return database.db.transaction().execute((trx) =>
    fn({
      async run(statement, params = []) {
        await withParams(statement, params).execute(trx);
      },
      async get<R>(statement: string, params: unknown[] = []) {
        return (await withParams(statement, params).execute(trx)).rows[0] as R | undefined;
      },
      async insert(table, columns, rows) {
        const names = columns.map(([n]) => n).join(', ');
        let count = 0;
        let batch: unknown[][] = columns.map(() => []);
        const flush = async () => {
          if (batch[0]!.length === 0) return;
          const arrays = columns.map(([, type], i) => sql`${batch[i]}::${sql.raw(type)}[]`);
          await sql`insert into ${sql.raw(table)} (${sql.raw(names)}) select * from unnest(${sql.join(arrays)})`.execute(
            trx,
          );
          count += batch[0]!.length;
          batch = columns.map(() => []);
        };
        for (const row of rows) {
          for (let i = 0; i < columns.length; i++) batch[i]!.push(row[i]);
          if (batch[0]!.length >= PG_BATCH) await flush();
        }
        await flush();
        return count;
      },
    }),
  );
}

/** `?` placeholders as a Kysely raw query with bound parameters. */
function withParams(statement: string, params: unknown[]) {
  const parts = statement.split('?');
  const strings = Object.assign([...parts], { raw: parts }) as unknown as TemplateStringsArray;
  return sql<Record<string, unknown>>(strings, ...params);
}

async function withSqlite<T>(file: string, fn: (writer: BulkWriter) => Promise<T>): Promise<T> {
  const raw = new SQLite(file);
  raw.pragma('busy_timeout = 30000');
  raw.pragma('foreign_keys = ON');
  // Index pages of a multi-million-row load stay in memory (~256 MB) instead of re-reading.
  raw.pragma('cache_size = -262144');
  try {
    raw.exec('begin immediate');
    const result = await fn({
      run(statement, params = []) {
        raw.prepare(statement).run(...params);
        return Promise.resolve();
      },
      get<R>(statement: string, params: unknown[] = []) {
        return Promise.resolve(raw.prepare(statement).get(...params) as R | undefined);
      },
      insert(table, columns, rows) {
        const insert = raw.prepare(
          `insert into ${table} (${columns.map(([n]) => n).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
        );
        let count = 0;
        for (const row of rows) {
          insert.run(...row);
          count++;
        }
        return Promise.resolve(count);
      },
    });
    raw.exec('commit');
    return result;
  } catch (error) {
    if (raw.inTransaction) raw.exec('rollback');
    throw error;
  } finally {
    raw.close();
  }
}
