// Queries for current values, their history, and submissions with their trail.
import { CompiledQuery, sql, type Kysely, type Selectable } from 'kysely';
import type {
  DB,
  DataValueHistoryTable,
  DataValueTable,
  ReportSubmissionTable,
} from '../../db/schema';

export type StoredValue = Pick<
  DataValueTable,
  'element_code' | 'unit_code' | 'period' | 'value' | 'status' | 'updated_at' | 'updated_by'
> & { version: number; comment: string | null };

const CHUNK = 400;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Parameters per multi-row statement on SQLite: well under its limit of 32,766. */
const MAX_PARAMETERS = 8000;
/** Rows per statement on PostgreSQL, where each column travels as one array parameter. */
const PG_ROWS = 5000;

/** A column of a bulk insert with its PostgreSQL type (for the array cast). */
type BulkColumn<T> = [keyof T & string, 'text' | 'double precision' | 'integer' | 'timestamptz'];

/**
 * Multi-row INSERT of plain rows, precompiled: on 100,000 rows building Kysely's query tree
 * costs more than the insert itself. SQLite gets VALUES lists (a full chunk's text repeats, so
 * the prepared statement is reused); PostgreSQL gets one array per column through unnest, which
 * it parses and plans far faster than thousands of parameters. Returns the rows inserted.
 */
async function bulkInsert<T extends object>(
  db: Kysely<DB>,
  table: string,
  columns: Array<BulkColumn<T>>,
  rows: T[],
  suffix = '',
): Promise<number> {
  if (!rows.length) return 0;
  const postgres = sql`${0}`.compile(db).sql === '$1';
  const names = columns.map(([name]) => name);
  const perChunk = postgres ? PG_ROWS : Math.floor(MAX_PARAMETERS / columns.length);
  let inserted = 0;
  for (let i = 0; i < rows.length; i += perChunk) {
    const part = rows.slice(i, i + perChunk);
    const query = postgres
      ? unnestInsert(table, columns, part, suffix)
      : valuesInsert(table, names, part, suffix);
    inserted += Number((await db.executeQuery(query)).numAffectedRows ?? 0);
  }
  return inserted;
}

function valuesInsert<T extends object>(
  table: string,
  names: Array<keyof T & string>,
  rows: T[],
  suffix: string,
): CompiledQuery {
  const params: unknown[] = [];
  const tuple = `(${names.map(() => '?').join(', ')})`;
  for (const row of rows) for (const name of names) params.push(row[name]);
  const text = `insert into ${table} (${names.join(', ')}) values ${Array(rows.length).fill(tuple).join(', ')}${suffix}`;
  return CompiledQuery.raw(text, params);
}

function unnestInsert<T extends object>(
  table: string,
  columns: Array<BulkColumn<T>>,
  rows: T[],
  suffix: string,
): CompiledQuery {
  const params = columns.map(([name]) => rows.map((row) => row[name]));
  const arrays = columns.map(([, type], i) => `cast($${i + 1} as ${type}[])`).join(', ');
  const text = `insert into ${table} (${columns.map(([name]) => name).join(', ')}) select * from unnest(${arrays})${suffix}`;
  return CompiledQuery.raw(text, params);
}

const VALUE_COLUMNS: Array<BulkColumn<StoredValue>> = [
  ['element_code', 'text'],
  ['unit_code', 'text'],
  ['period', 'text'],
  ['value', 'double precision'],
  ['status', 'text'],
  ['updated_at', 'timestamptz'],
  ['updated_by', 'text'],
  ['version', 'integer'],
  ['comment', 'text'],
];

type HistoryRow = Omit<DataValueHistoryTable, 'id'>;
const HISTORY_COLUMNS: Array<BulkColumn<HistoryRow>> = [
  ['element_code', 'text'],
  ['unit_code', 'text'],
  ['period', 'text'],
  ['old_value', 'double precision'],
  ['new_value', 'double precision'],
  ['version', 'integer'],
  ['comment', 'text'],
  ['source', 'text'],
  ['changed_at', 'timestamptz'],
  ['changed_by', 'text'],
];

/** Current values of some elements for some units and periods. */
export async function findValues(
  db: Kysely<DB>,
  q: { elementCodes?: string[]; unitCodes: string[]; periods: string[] },
): Promise<StoredValue[]> {
  if (!q.unitCodes.length || !q.periods.length || q.elementCodes?.length === 0) return [];
  const out: StoredValue[] = [];
  for (const units of chunks([...new Set(q.unitCodes)])) {
    let query = db
      .selectFrom('data_values')
      .selectAll()
      .where('unit_code', 'in', units)
      .where('period', 'in', [...new Set(q.periods)]);
    if (q.elementCodes) query = query.where('element_code', 'in', [...new Set(q.elementCodes)]);
    out.push(...(await query.orderBy('element_code').orderBy('unit_code').execute()));
  }
  return out;
}

/** A unit's earlier values of some elements, newest first (for last period and outliers). */
export async function findHistory(
  db: Kysely<DB>,
  q: { elementCodes: string[]; unitCode: string; before: string },
): Promise<Array<{ element_code: string; period: string; value: number }>> {
  if (!q.elementCodes.length) return [];
  return db
    .selectFrom('data_values')
    .select(['element_code', 'period', 'value'])
    .where('unit_code', '=', q.unitCode)
    .where('element_code', 'in', q.elementCodes)
    .where('period', '<', q.before)
    .orderBy('period', 'desc')
    .execute();
}

/** Inserts new values; false when another writer created one of them meanwhile. */
export async function insertValues(db: Kysely<DB>, rows: StoredValue[]): Promise<boolean> {
  const inserted = await bulkInsert(
    db,
    'data_values',
    VALUE_COLUMNS,
    rows,
    ' on conflict (element_code, unit_code, period) do nothing',
  );
  return inserted === rows.length;
}

/**
 * Updates many values in one statement per chunk, each only if it still has the version it was
 * read with (`version` is the new version, stored version + 1). Returns how many rows changed;
 * fewer than given means another writer got there first. The values travel as a VALUES list
 * (cast, so PostgreSQL knows their types) joined on the key.
 */
export async function updateValues(
  db: Kysely<DB>,
  rows: Array<
    Pick<StoredValue, 'element_code' | 'unit_code' | 'period' | 'value' | 'comment'> & {
      version: number;
    }
  >,
  set: Pick<StoredValue, 'status' | 'updated_at' | 'updated_by'>,
): Promise<number> {
  let changed = 0;
  for (const part of chunks(rows)) {
    const list = sql.join(
      part.map(
        (r) =>
          sql`(${r.element_code}, ${r.unit_code}, ${r.period}, cast(${r.version} as integer), cast(${r.value} as double precision), cast(${r.comment} as text))`,
      ),
    );
    const res = await sql`with v (e, u, p, ver, val, cmt) as (values ${list})
      update data_values set value = v.val, comment = v.cmt, status = ${set.status},
        updated_at = ${set.updated_at}, updated_by = ${set.updated_by}, version = v.ver
      from v
      where data_values.element_code = v.e and data_values.unit_code = v.u
        and data_values.period = v.p and data_values.version = v.ver - 1`.execute(db);
    changed += Number(res.numAffectedRows ?? 0);
  }
  return changed;
}

export async function updateValue(
  db: Kysely<DB>,
  key: { element_code: string; unit_code: string; period: string; version: number },
  set: Pick<StoredValue, 'value' | 'comment' | 'updated_at' | 'updated_by' | 'status'>,
): Promise<boolean> {
  const res = await db
    .updateTable('data_values')
    .set({ ...set, version: key.version + 1 })
    .where('element_code', '=', key.element_code)
    .where('unit_code', '=', key.unit_code)
    .where('period', '=', key.period)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteValue(
  db: Kysely<DB>,
  key: { element_code: string; unit_code: string; period: string; version: number },
): Promise<boolean> {
  const res = await db
    .deleteFrom('data_values')
    .where('element_code', '=', key.element_code)
    .where('unit_code', '=', key.unit_code)
    .where('period', '=', key.period)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

export async function insertHistory(db: Kysely<DB>, rows: HistoryRow[]): Promise<void> {
  await bulkInsert(db, 'data_value_history', HISTORY_COLUMNS, rows);
}

export function listHistory(
  db: Kysely<DB>,
  key: { elementCode: string; unitCode: string; period: string },
) {
  return db
    .selectFrom('data_value_history')
    .selectAll()
    .where('element_code', '=', key.elementCode)
    .where('unit_code', '=', key.unitCode)
    .where('period', '=', key.period)
    .orderBy('id', 'desc')
    .execute();
}

/** Mirrors a submission's state onto its values (analytics read data_values.status). */
export async function setValueStatus(
  db: Kysely<DB>,
  q: { elementCodes: string[]; unitCode: string; period: string },
  status: DataValueTable['status'],
): Promise<void> {
  if (!q.elementCodes.length) return;
  await db
    .updateTable('data_values')
    .set({ status })
    .where('unit_code', '=', q.unitCode)
    .where('period', '=', q.period)
    .where('element_code', 'in', q.elementCodes)
    .execute();
}

export type Submission = Selectable<ReportSubmissionTable>;

export function findSubmission(
  db: Kysely<DB>,
  key: { formCode: string; unitCode: string; period: string },
): Promise<Submission | undefined> {
  return db
    .selectFrom('report_submissions')
    .selectAll()
    .where('form_code', '=', key.formCode)
    .where('unit_code', '=', key.unitCode)
    .where('period', '=', key.period)
    .executeTakeFirst();
}

export async function findSubmissions(
  db: Kysely<DB>,
  q: {
    formCodes?: string[];
    unitCodes?: string[];
    periods?: string[];
    states?: string[];
    /** PostgreSQL only: lock the rows until the transaction ends (SQLite has one writer). */
    forUpdate?: boolean;
  },
): Promise<Submission[]> {
  let query = db.selectFrom('report_submissions').selectAll();
  if (q.forUpdate) query = query.forUpdate();
  if (q.formCodes) query = query.where('form_code', 'in', q.formCodes.length ? q.formCodes : ['']);
  if (q.periods) query = query.where('period', 'in', q.periods.length ? q.periods : ['']);
  if (q.states) query = query.where('state', 'in', q.states as Submission['state'][]);
  // A short unit list narrows in SQL; a long one (a whole province) is cheaper filtered here.
  if (q.unitCodes && q.unitCodes.length <= CHUNK)
    query = query.where('unit_code', 'in', q.unitCodes.length ? q.unitCodes : ['']);
  const rows = await query.orderBy('period').orderBy('form_code').orderBy('unit_code').execute();
  if (!q.unitCodes) return rows;
  const units = new Set(q.unitCodes);
  return rows.filter((r) => units.has(r.unit_code));
}

/** Creates draft submissions for keys that have none, a chunk per statement. */
export async function insertSubmissions(
  db: Kysely<DB>,
  keys: Array<{ formCode: string; unitCode: string; period: string }>,
  at: string,
): Promise<void> {
  await bulkInsert(
    db,
    'report_submissions',
    [
      ['form_code', 'text'],
      ['unit_code', 'text'],
      ['period', 'text'],
      ['state', 'text'],
      ['updated_at', 'timestamptz'],
    ],
    keys.map((key) => ({
      form_code: key.formCode,
      unit_code: key.unitCode,
      period: key.period,
      state: 'draft',
      updated_at: at,
    })),
    ' on conflict (form_code, unit_code, period) do nothing',
  );
}

/** Creates the draft submission if there is none; returns the row either way. */
export async function ensureSubmission(
  db: Kysely<DB>,
  key: { formCode: string; unitCode: string; period: string },
  at: string,
): Promise<Submission> {
  await db
    .insertInto('report_submissions')
    .values({
      form_code: key.formCode,
      unit_code: key.unitCode,
      period: key.period,
      state: 'draft',
      first_submitted_at: null,
      submitted_at: null,
      submitted_by: null,
      reviewed_at: null,
      reviewed_by: null,
      reason: null,
      updated_at: at,
    })
    .onConflict((oc) => oc.columns(['form_code', 'unit_code', 'period']).doNothing())
    .execute();
  return (await findSubmission(db, key))!;
}

/** Moves a submission only if it is still in the state it was read in (no lost transitions). */
export async function transitionSubmission(
  db: Kysely<DB>,
  id: number,
  from: Submission['state'],
  set: Partial<Omit<Submission, 'id'>>,
): Promise<boolean> {
  const res = await db
    .updateTable('report_submissions')
    .set(set)
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertSubmissionEvent(
  db: Kysely<DB>,
  row: {
    submission_id: number;
    action: string;
    from_state: string;
    to_state: string;
    reason: string | null;
    at: string;
    by_user: string;
  },
): Promise<void> {
  await db.insertInto('report_submission_events').values(row).execute();
}

export function listSubmissionEvents(db: Kysely<DB>, submissionId: number) {
  return db
    .selectFrom('report_submission_events')
    .selectAll()
    .where('submission_id', '=', submissionId)
    .orderBy('id')
    .execute();
}
