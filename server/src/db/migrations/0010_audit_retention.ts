// The audit log becomes append-only in the database itself: triggers refuse any UPDATE, and
// any DELETE of an event younger than the 180-day retention (so even a bug or a stray SQL
// session cannot rewrite history unseen). Pruning older events keeps the chain verifiable
// from an anchor: the seq and hash of the last pruned event, kept on audit_head.
import { sql, type Kysely } from 'kysely';
import type { Columns } from './columns';

/** Events younger than this many days can never be deleted (docs/security.md). */
export const AUDIT_RETENTION_DAYS = 180;

export async function up(db: Kysely<unknown>, col: Columns): Promise<void> {
  await db.schema
    .alterTable('audit_head')
    .addColumn('anchor_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('audit_head')
    .addColumn('anchor_hash', 'text', (c) => c.notNull().defaultTo('0'.repeat(64)))
    .execute();

  await installAuditGuards(db, col.timestamp !== 'text');
}

/** The triggers; exported so a test can simulate a superuser who turned them off. */
export async function installAuditGuards(db: Kysely<unknown>, postgres: boolean): Promise<void> {
  if (!postgres) {
    await sql`
      create trigger audit_events_no_update before update on audit_events
      begin
        select raise(abort, 'audit_events is append-only: UPDATE refused');
      end`.execute(db);
    await sql
      .raw(
        `
      create trigger audit_events_no_delete before delete on audit_events
      when old.at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-${AUDIT_RETENTION_DAYS} days')
      begin
        select raise(abort, 'audit_events is append-only: events younger than ${AUDIT_RETENTION_DAYS} days cannot be deleted');
      end`,
      )
      .execute(db);
    return;
  }
  await sql
    .raw(
      `
    create function audit_events_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and old.at < now() - interval '${AUDIT_RETENTION_DAYS} days' then
        return old;
      end if;
      raise exception 'audit_events is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege';
    end $$`,
    )
    .execute(db);
  await sql`
    create trigger audit_events_guard before update or delete on audit_events
    for each row execute function audit_events_guard()`.execute(db);
  await sql`
    create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_guard()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = await sql`select version()`.execute(db).then(
    () => true,
    () => false,
  );
  await removeAuditGuards(db, postgres);
  await db.schema.alterTable('audit_head').dropColumn('anchor_hash').execute();
  await db.schema.alterTable('audit_head').dropColumn('anchor_seq').execute();
}

export async function removeAuditGuards(db: Kysely<unknown>, postgres: boolean): Promise<void> {
  const triggers = postgres
    ? ['audit_events_guard on audit_events', 'audit_events_no_truncate on audit_events']
    : ['audit_events_no_update', 'audit_events_no_delete'];
  for (const trigger of triggers) await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
  if (postgres) await sql`drop function if exists audit_events_guard`.execute(db);
}
