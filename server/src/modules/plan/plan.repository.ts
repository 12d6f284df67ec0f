// Queries for plan revisions, their targets and the data elements they declare.
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type {
  DB,
  DataElementTable,
  PlanChangeRequestTable,
  PlanTargetTable,
} from '../../db/schema';

export async function latestRevision(db: Kysely<DB>, planId?: string) {
  let q = db.selectFrom('plan_revisions').selectAll().orderBy('id', 'desc').limit(1);
  if (planId) q = q.where('plan_id', '=', planId);
  return q.executeTakeFirst();
}

export async function insertRevision(
  db: Kysely<DB>,
  rev: {
    plan_id: string;
    title: string;
    document: string;
    reason: string;
    created_by: string;
    /** Absent: the first revision from the plan's start, later ones from today (UTC, as analytics' asOf). */
    effective_from?: string;
  },
): Promise<{ id: number; number: number }> {
  const last = await db
    .selectFrom('plan_revisions')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('plan_id', '=', rev.plan_id)
    .executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  const now = new Date();
  const effective_from =
    rev.effective_from ??
    (number === 1
      ? (JSON.parse(rev.document) as { start: string }).start
      : now.toISOString().slice(0, 10));
  const row = await db
    .insertInto('plan_revisions')
    .values({ ...rev, number, effective_from, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, number };
}

export async function insertTargets(db: Kysely<DB>, rows: PlanTargetTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('plan_targets')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

export async function upsertElements(db: Kysely<DB>, rows: DataElementTable[]): Promise<void> {
  for (const row of rows) {
    const { code: _code, ...rest } = row;
    await db
      .insertInto('data_elements')
      .values(row)
      .onConflict((oc) => oc.column('code').doUpdateSet(rest))
      .execute();
  }
}

export async function listElements(db: Kysely<DB>) {
  return db.selectFrom('data_elements').selectAll().orderBy('code').execute();
}

/** Every revision of the plan of the latest revision, oldest first, documents included. */
export async function listRevisions(db: Kysely<DB>) {
  const latest = await latestRevision(db);
  if (!latest) return [];
  return db
    .selectFrom('plan_revisions')
    .selectAll()
    .where('plan_id', '=', latest.plan_id)
    .orderBy('number')
    .execute();
}

export type ChangeRequestRow = Selectable<PlanChangeRequestTable>;

export async function insertChangeRequest(
  db: Kysely<DB>,
  row: Insertable<PlanChangeRequestTable>,
): Promise<number> {
  const r = await db
    .insertInto('plan_change_requests')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function getChangeRequest(db: Kysely<DB>, id: number) {
  return db.selectFrom('plan_change_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listChangeRequests(db: Kysely<DB>) {
  return db.selectFrom('plan_change_requests').selectAll().orderBy('id', 'desc').execute();
}

/** Moves a request on from `proposed` only if nobody did first; false when the race was lost. */
export async function closeChangeRequest(
  db: Kysely<DB>,
  id: number,
  version: number,
  set: Updateable<PlanChangeRequestTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('plan_change_requests')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'proposed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
