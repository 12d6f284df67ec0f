// 十件民生实事: the province's yearly list of (at most) ten practical livelihood matters, each
// linked to plan tasks and carrying its own targets for the year in the plan's target format.
import type { Kysely } from 'kysely';
import type { Columns } from './columns';

export async function up(db: Kysely<unknown>, col: Columns): Promise<void> {
  await col
    .id(db.schema.createTable('practical_matters'))
    .addColumn('year', 'integer', (c) => c.notNull())
    /** 1 … 10 within the year. */
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    /** A unit code of the plan (the lead department). */
    .addColumn('lead_unit', 'text', (c) => c.notNull())
    /** JSON array of {domainCode, taskNumber}. */
    .addColumn('task_refs', 'text', (c) => c.notNull())
    /** JSON array of plan-format targets; codes unique within the year. */
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('created_at', col.timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', col.timestamp, (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('practical_matters_year_seq')
    .on('practical_matters')
    .columns(['year', 'seq'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('practical_matters').ifExists().execute();
}
