import type { Kysely } from 'kysely';
import type { DB, OrgUnitTable } from '../../db/schema';

export async function upsertUnits(db: Kysely<DB>, units: OrgUnitTable[]): Promise<void> {
  // Parents first, so the self-reference holds while inserting.
  for (const unit of units) {
    await db
      .insertInto('org_units')
      .values(unit)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet({
          name: unit.name,
          level: unit.level,
          parent_code: unit.parent_code,
          region: unit.region,
          sort_order: unit.sort_order,
        }),
      )
      .execute();
  }
}

export async function listUnits(db: Kysely<DB>): Promise<OrgUnitTable[]> {
  return db.selectFrom('org_units').selectAll().orderBy('level').orderBy('sort_order').execute();
}

export async function findUnit(db: Kysely<DB>, code: string): Promise<OrgUnitTable | undefined> {
  return db.selectFrom('org_units').selectAll().where('code', '=', code).executeTakeFirst();
}
