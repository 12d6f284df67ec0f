// 动态调整: every plan revision is in force from a date, and target changes go through a
// proposal → supervisor review before they become a revision. Existing revisions: the first of
// a plan is in force from the plan's start, later (imported) ones from their import date.
import type { Kysely } from 'kysely';
import type { Columns } from './columns';

interface RevisionRow {
  id: number;
  plan_id: string;
  number: number;
  document: string;
  created_at: string | Date;
  effective_from: string | null;
}

export async function up(db: Kysely<unknown>, col: Columns): Promise<void> {
  await db.schema.alterTable('plan_revisions').addColumn('effective_from', 'text').execute();
  await backfillEffectiveFrom(db);

  await col
    .id(db.schema.createTable('plan_change_requests'))
    .addColumn('plan_id', 'text', (c) => c.notNull())
    /** The revision the proposal was written against. */
    .addColumn('base_revision_id', 'integer', (c) => c.notNull().references('plan_revisions.id'))
    /** 'proposed' | 'approved' | 'rejected' | 'withdrawn' */
    .addColumn('status', 'text', (c) => c.notNull())
    /** JSON array of core/plan/revisions TargetChange. */
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_unit', 'text')
    .addColumn('created_at', col.timestamp, (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', col.timestamp)
    .addColumn('review_comment', 'text')
    /** The revision the approval created. */
    .addColumn('revision_id', 'integer', (c) => c.references('plan_revisions.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('plan_change_requests_status')
    .on('plan_change_requests')
    .columns(['status', 'id'])
    .execute();
}

/** Existing revisions: the first of a plan from the plan's start, later ones from their import date. */
export async function backfillEffectiveFrom(db: Kysely<unknown>): Promise<void> {
  const raw = db as unknown as Kysely<{ plan_revisions: RevisionRow }>;
  const rows = await raw
    .selectFrom('plan_revisions')
    .select(['id', 'number', 'document', 'created_at'])
    .where('effective_from', 'is', null)
    .execute();
  for (const row of rows) {
    const effective =
      row.number === 1
        ? (JSON.parse(row.document) as { start: string }).start
        : new Date(row.created_at).toISOString().slice(0, 10);
    await raw
      .updateTable('plan_revisions')
      .set({ effective_from: effective })
      .where('id', '=', row.id)
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('plan_change_requests').execute();
  await db.schema.alterTable('plan_revisions').dropColumn('effective_from').execute();
}
