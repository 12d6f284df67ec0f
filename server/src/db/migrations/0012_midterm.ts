// 中期评估: an evaluation freezes the figures at its as-of date in `snapshot` (JSON text), the
// responsible departments add one assessment per target, a supervisor signs it off. The
// database itself keeps the record: triggers refuse any change of the snapshot, any deletion
// of an evaluation, any change of a signed one, and any change of a signed one's assessments.
import { sql, type Kysely } from 'kysely';
import type { Columns } from './columns';

export async function up(db: Kysely<unknown>, col: Columns): Promise<void> {
  await col
    .id(db.schema.createTable('midterm_evaluations'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('plan_revision_id', 'integer', (c) => c.notNull().references('plan_revisions.id'))
    /** 'draft' | 'signed' */
    .addColumn('status', 'text', (c) => c.notNull())
    /** JSON EvaluationSnapshot (core/evaluation); never changes after insert. */
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', col.timestamp, (c) => c.notNull())
    .addColumn('signed_by', 'text')
    .addColumn('signed_at', col.timestamp)
    .addColumn('sign_comment', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await col
    .id(db.schema.createTable('midterm_assessments'))
    .addColumn('evaluation_id', 'integer', (c) => c.notNull().references('midterm_evaluations.id'))
    .addColumn('target_code', 'text', (c) => c.notNull())
    .addColumn('domain_code', 'text', (c) => c.notNull())
    /** 'keep' | 'raise' | 'lower' | 'replace' | 'drop' */
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('proposed_value', 'double precision')
    .addColumn('assessed_by', 'text', (c) => c.notNull())
    .addColumn('assessed_unit', 'text')
    .addColumn('updated_at', col.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('midterm_assessments_target', ['evaluation_id', 'target_code'])
    .execute();

  await installGuards(db, col.timestamp !== 'text');
}

async function installGuards(db: Kysely<unknown>, postgres: boolean): Promise<void> {
  if (!postgres) {
    await sql`
      create trigger midterm_evaluations_frozen before update on midterm_evaluations
      when new.snapshot is not old.snapshot or new.as_of is not old.as_of
        or new.plan_revision_id is not old.plan_revision_id or old.status = 'signed'
      begin
        select raise(abort, 'midterm_evaluations: the snapshot and signed evaluations are frozen');
      end`.execute(db);
    await sql`
      create trigger midterm_evaluations_no_delete before delete on midterm_evaluations
      begin
        select raise(abort, 'midterm_evaluations: DELETE refused');
      end`.execute(db);
    for (const [op, row] of [
      ['insert', 'new'],
      ['update', 'old'],
      ['delete', 'old'],
    ] as const)
      await sql
        .raw(
          `
      create trigger midterm_assessments_signed_${op} before ${op} on midterm_assessments
      when (select status from midterm_evaluations where id = ${row}.evaluation_id) = 'signed'
      begin
        select raise(abort, 'midterm_assessments: the evaluation is signed');
      end`,
        )
        .execute(db);
    return;
  }
  await sql`
    create function midterm_evaluations_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and new.snapshot = old.snapshot and new.as_of = old.as_of
         and new.plan_revision_id = old.plan_revision_id and old.status <> 'signed' then
        return new;
      end if;
      raise exception 'midterm_evaluations: % refused (snapshot and signed evaluations are frozen)', tg_op
        using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`
    create trigger midterm_evaluations_guard before update or delete on midterm_evaluations
    for each row execute function midterm_evaluations_guard()`.execute(db);
  await sql`
    create trigger midterm_evaluations_no_truncate before truncate on midterm_evaluations
    for each statement execute function midterm_evaluations_guard()`.execute(db);
  await sql`
    create function midterm_assessments_guard() returns trigger language plpgsql as $$
    declare
      evaluation integer := case when tg_op = 'INSERT' then new.evaluation_id else old.evaluation_id end;
    begin
      if (select status from midterm_evaluations where id = evaluation) = 'signed' then
        raise exception 'midterm_assessments: evaluation % is signed', evaluation
          using errcode = 'insufficient_privilege';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db);
  await sql`
    create trigger midterm_assessments_guard before insert or update or delete on midterm_assessments
    for each row execute function midterm_assessments_guard()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = await sql`select version()`.execute(db).then(
    () => true,
    () => false,
  );
  if (postgres) {
    await sql`drop table if exists midterm_assessments`.execute(db);
    await sql`drop table if exists midterm_evaluations`.execute(db);
    await sql`drop function if exists midterm_assessments_guard`.execute(db);
    await sql`drop function if exists midterm_evaluations_guard`.execute(db);
    return;
  }
  // Dropping a table drops its triggers on SQLite.
  await db.schema.dropTable('midterm_assessments').ifExists().execute();
  await db.schema.dropTable('midterm_evaluations').ifExists().execute();
}
