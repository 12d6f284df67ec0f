// Queries of the append-only audit log. Appends go through the single audit_head row, which
// serialises writers on both engines (row lock on PostgreSQL, the write lock on SQLite).
import type { Kysely } from 'kysely';
import type { AuditEventTable, DB } from '../../db/schema';

export type AuditRow = AuditEventTable;

export async function advanceHead(db: Kysely<DB>): Promise<{ seq: number; lastHash: string }> {
  const head = await db
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  return { seq: head.seq, lastHash: head.last_hash };
}

export async function appendEvent(db: Kysely<DB>, row: AuditRow): Promise<void> {
  await db.insertInto('audit_events').values(row).execute();
  await db.updateTable('audit_head').set({ last_hash: row.hash }).where('id', '=', 1).execute();
}

export async function readBatch(
  db: Kysely<DB>,
  afterSeq: number,
  limit: number,
): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function readHead(db: Kysely<DB>): Promise<{ seq: number; last_hash: string }> {
  return db
    .selectFrom('audit_head')
    .select(['seq', 'last_hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
}

export interface AuditQuery {
  action?: string;
  actor?: string;
  limit: number;
  beforeSeq?: number;
}

export async function listEvents(db: Kysely<DB>, q: AuditQuery): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(q.limit);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.actor) query = query.where('actor_username', '=', q.actor);
  if (q.beforeSeq) query = query.where('seq', '<', q.beforeSeq);
  return query.execute();
}
