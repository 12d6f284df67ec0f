// Queries over the service-area registry and its change history. Nothing else.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type {
  DB,
  ServiceAreaFields,
  ServiceAreaHistoryTable,
  ServiceAreaTable,
} from '../../db/schema';

export type AreaRow = Selectable<ServiceAreaTable>;
export type HistoryRow = Selectable<ServiceAreaHistoryTable>;

export async function listAreas(db: Kysely<DB>): Promise<AreaRow[]> {
  return db
    .selectFrom('service_areas')
    .selectAll()
    .where('deleted_at', 'is', null)
    .orderBy('city_code')
    .orderBy('id')
    .execute();
}

export async function findArea(db: Kysely<DB>, id: number): Promise<AreaRow | undefined> {
  return db
    .selectFrom('service_areas')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Live areas with the given identity (name + road + direction), for the duplicate check. */
export async function findByIdentity(
  db: Kysely<DB>,
  key: { name: string; road: string; direction: string },
): Promise<AreaRow | undefined> {
  return db
    .selectFrom('service_areas')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where('name', '=', key.name)
    .where('road', '=', key.road)
    .where('direction', '=', key.direction)
    .executeTakeFirst();
}

export async function insertArea(
  db: Kysely<DB>,
  row: Insertable<ServiceAreaTable>,
): Promise<number> {
  const r = await db
    .insertInto('service_areas')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateArea(
  db: Kysely<DB>,
  id: number,
  fields: ServiceAreaFields & { valid_from: string; updated_at: string },
): Promise<void> {
  await db.updateTable('service_areas').set(fields).where('id', '=', id).execute();
}

export async function markDeleted(db: Kysely<DB>, id: number, at: string, validFrom: string) {
  await db
    .updateTable('service_areas')
    .set({ deleted_at: at, updated_at: at, valid_from: validFrom })
    .where('id', '=', id)
    .execute();
}

export async function insertHistory(
  db: Kysely<DB>,
  rows: Insertable<ServiceAreaHistoryTable>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('service_area_history')
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function historyOf(db: Kysely<DB>, areaId: number): Promise<HistoryRow[]> {
  return db
    .selectFrom('service_area_history')
    .selectAll()
    .where('area_id', '=', areaId)
    .orderBy('valid_from')
    .orderBy('id')
    .execute();
}

/** The columns the compliance calculations need: narrow rows read several times faster. */
const COMPLIANCE_COLUMNS = [
  'name',
  'road',
  'city_code',
  'county_code',
  'road_class',
  'status',
  'status_date',
  'parking_spaces',
  'charging_spaces',
] as const;

export type ComplianceRow = Pick<AreaRow, 'id' | (typeof COMPLIANCE_COLUMNS)[number]>;

export async function listComplianceRows(db: Kysely<DB>): Promise<ComplianceRow[]> {
  return db
    .selectFrom('service_areas')
    .select(['id', ...COMPLIANCE_COLUMNS])
    .where('deleted_at', 'is', null)
    .execute();
}

export async function findAreas(db: Kysely<DB>, ids: number[]): Promise<AreaRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('service_areas').selectAll().where('id', 'in', ids).execute();
}

/** Every change (narrow columns): the input of core stateAt(). */
export async function listHistory(db: Kysely<DB>) {
  return db
    .selectFrom('service_area_history')
    .select(['id', 'area_id', 'change', 'valid_from', ...COMPLIANCE_COLUMNS])
    .execute();
}

/**
 * Changes only ever append history rows, so (count, max id) identifies a state of the
 * registry: a cheap check of whether a cached copy is still current.
 */
export async function registryVersion(db: Kysely<DB>): Promise<string> {
  const r = await db
    .selectFrom('service_area_history')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('last')])
    .executeTakeFirstOrThrow();
  return `${Number(r.n)}:${Number(r.last ?? 0)}`;
}

export async function deleteAll(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('service_area_history').execute();
  await db.deleteFrom('service_areas').execute();
}
