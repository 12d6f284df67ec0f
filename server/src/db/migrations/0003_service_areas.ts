// Service-area registry (tasks 20 and 21): the areas as they are now, and every change as a
// full snapshot with the date it took effect, so the registry at any past date can be rebuilt.
import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Columns } from './columns';

/** The fields both tables share: one snapshot of a service area. */
function areaColumns<T extends string>(
  table: CreateTableBuilder<T, 'id'>,
): CreateTableBuilder<T, 'id'> {
  return table
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('road', 'text', (c) => c.notNull())
    .addColumn('road_class', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('city_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('county_code', 'text', (c) => c.references('org_units.code'))
    .addColumn('longitude', 'double precision', (c) => c.notNull())
    .addColumn('latitude', 'double precision', (c) => c.notNull())
    .addColumn('parking_spaces', 'integer', (c) => c.notNull())
    .addColumn('charging_spaces', 'integer', (c) => c.notNull())
    .addColumn('charger_count', 'integer', (c) => c.notNull())
    .addColumn('charger_power_kw', 'double precision', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_date', 'text')
    .addColumn('operator', 'text', (c) => c.notNull());
}

export async function up(db: Kysely<unknown>, col: Columns): Promise<void> {
  await areaColumns(col.id(db.schema.createTable('service_areas')))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('created_at', col.timestamp, (c) => c.notNull())
    .addColumn('updated_at', col.timestamp, (c) => c.notNull())
    .addColumn('deleted_at', col.timestamp)
    .execute();
  await db.schema
    .createIndex('service_areas_city')
    .on('service_areas')
    .column('city_code')
    .execute();

  await areaColumns(col.id(db.schema.createTable('service_area_history')))
    .addColumn('area_id', 'integer', (c) => c.notNull().references('service_areas.id'))
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('recorded_at', col.timestamp, (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('service_area_history_valid')
    .on('service_area_history')
    .columns(['valid_from', 'area_id'])
    .execute();
  await db.schema
    .createIndex('service_area_history_area')
    .on('service_area_history')
    .column('area_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('service_area_history').ifExists().execute();
  await db.schema.dropTable('service_areas').ifExists().execute();
}
