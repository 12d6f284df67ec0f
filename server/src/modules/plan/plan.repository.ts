// Queries for plan revisions, their targets and the data elements they declare.
import type { Kysely } from 'kysely';
import type { DB, DataElementTable, PlanTargetTable } from '../../db/schema';

export async function latestRevision(db: Kysely<DB>, planId?: string) {
  let q = db.selectFrom('plan_revisions').selectAll().orderBy('id', 'desc').limit(1);
  if (planId) q = q.where('plan_id', '=', planId);
  return q.executeTakeFirst();
}

export async function insertRevision(
  db: Kysely<DB>,
  rev: { plan_id: string; title: string; document: string; reason: string; created_by: string },
): Promise<{ id: number; number: number }> {
  const last = await db
    .selectFrom('plan_revisions')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('plan_id', '=', rev.plan_id)
    .executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  const row = await db
    .insertInto('plan_revisions')
    .values({ ...rev, number, created_at: new Date().toISOString() })
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
