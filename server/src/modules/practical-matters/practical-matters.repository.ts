// 十件民生实事: Kysely queries only.
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, PracticalMatterTable } from '../../db/schema';

export type MatterRow = Selectable<PracticalMatterTable>;

export function listYear(db: Kysely<DB>, year: number): Promise<MatterRow[]> {
  return db
    .selectFrom('practical_matters')
    .selectAll()
    .where('year', '=', year)
    .orderBy('seq')
    .execute();
}

export function find(db: Kysely<DB>, id: number): Promise<MatterRow | undefined> {
  return db.selectFrom('practical_matters').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insert(
  db: Kysely<DB>,
  row: Insertable<PracticalMatterTable>,
): Promise<number> {
  const r = await db
    .insertInto('practical_matters')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Updates the row only at the version the editor saw; false when it moved on (or is gone). */
export async function update(
  db: Kysely<DB>,
  id: number,
  version: number,
  row: Updateable<PracticalMatterTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('practical_matters')
    .set({ ...row, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function remove(db: Kysely<DB>, id: number, version: number): Promise<boolean> {
  const r = await db
    .deleteFrom('practical_matters')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
