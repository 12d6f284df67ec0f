// Analytics: a version per data element that triggers on data_values bump in the writer's own
// transaction — whichever module writes — so the analytics cache knows at once which
// elements changed (an approval counts on the next request). And the targets an
// administrator published on the public portal.
import { sql, type Kysely } from 'kysely';
import type { Columns } from './columns';

export async function up(db: Kysely<unknown>, col: Columns): Promise<void> {
  await db.schema
    .createTable('analytics_versions')
    .addColumn('element_code', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('published_targets')
    .addColumn('target_code', 'text', (c) => c.primaryKey())
    .addColumn('published_at', col.timestamp, (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .execute();

  // columns.ts is the one dialect switch migrations get; timestamptz means PostgreSQL.
  if (col.timestamp === 'timestamptz') await postgresTriggers(db);
  else await sqliteTriggers(db);
}

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  const bump = (ref: 'NEW' | 'OLD') => `
    INSERT OR IGNORE INTO analytics_versions (element_code, version) VALUES (${ref}.element_code, 0);
    UPDATE analytics_versions SET version = version + 1 WHERE element_code = ${ref}.element_code;`;
  await sql
    .raw(`CREATE TRIGGER analytics_dv_insert AFTER INSERT ON data_values BEGIN ${bump('NEW')} END`)
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER analytics_dv_update AFTER UPDATE ON data_values BEGIN ${bump('NEW')} ${bump('OLD')} END`,
    )
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER analytics_dv_delete AFTER DELETE ON data_values BEGIN ${bump('OLD')} END`)
    .execute(db);
}

/** Statement-level triggers with transition tables: one bump per statement, not per row. */
async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  const fn = (name: string, source: string) => `
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO analytics_versions (element_code, version)
        SELECT element_code, 1 FROM (${source}) changed GROUP BY element_code ORDER BY element_code
      ON CONFLICT (element_code) DO UPDATE SET version = analytics_versions.version + 1;
      RETURN NULL;
    END $$`;
  await sql.raw(fn('analytics_bump_new', 'SELECT element_code FROM new_rows')).execute(db);
  await sql.raw(fn('analytics_bump_old', 'SELECT element_code FROM old_rows')).execute(db);
  await sql
    .raw(
      fn(
        'analytics_bump_both',
        'SELECT element_code FROM new_rows UNION SELECT element_code FROM old_rows',
      ),
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER analytics_dv_insert AFTER INSERT ON data_values REFERENCING NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION analytics_bump_new()`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER analytics_dv_update AFTER UPDATE ON data_values
       REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION analytics_bump_both()`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER analytics_dv_delete AFTER DELETE ON data_values REFERENCING OLD TABLE AS old_rows
       FOR EACH STATEMENT EXECUTE FUNCTION analytics_bump_old()`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const trigger of ['analytics_dv_insert', 'analytics_dv_update', 'analytics_dv_delete'])
    await sql.raw(`DROP TRIGGER IF EXISTS ${trigger}${await onTable(db)}`).execute(db);
  await sql
    .raw('DROP FUNCTION IF EXISTS analytics_bump_new, analytics_bump_old, analytics_bump_both')
    .execute(db)
    .catch(() => undefined);
  await db.schema.dropTable('published_targets').ifExists().execute();
  await db.schema.dropTable('analytics_versions').ifExists().execute();
}

/** PostgreSQL names a trigger's table when dropping it; SQLite does not accept that. */
async function onTable(db: Kysely<unknown>): Promise<string> {
  try {
    await sql`select version()`.execute(db);
    return ' ON data_values';
  } catch {
    return '';
  }
}
