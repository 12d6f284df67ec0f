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

export interface AuditHead {
  seq: number;
  last_hash: string;
  anchor_seq: number;
  anchor_hash: string;
}

export async function readHead(db: Kysely<DB>): Promise<AuditHead> {
  return db
    .selectFrom('audit_head')
    .select(['seq', 'last_hash', 'anchor_seq', 'anchor_hash'])
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

/** The newest prune event: it names the anchor that verification must start from. */
export async function lastPruneEvent(db: Kysely<DB>): Promise<AuditRow | undefined> {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', 'audit.prune')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The last seq of the prefix of events all older than `before` (0 when there is none). */
export async function lastSeqOfOldPrefix(db: Kysely<DB>, before: string): Promise<number> {
  const firstYoung = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.min('seq').as('seq'))
    .where('at', '>=', before)
    .executeTakeFirst();
  if (firstYoung?.seq != null) return Number(firstYoung.seq) - 1;
  const head = await readHead(db);
  return head.seq;
}

export async function deleteThrough(db: Kysely<DB>, seq: number): Promise<number> {
  const result = await db.deleteFrom('audit_events').where('seq', '<=', seq).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function setAnchor(db: Kysely<DB>, seq: number, hash: string): Promise<void> {
  await db
    .updateTable('audit_head')
    .set({ anchor_seq: seq, anchor_hash: hash })
    .where('id', '=', 1)
    .execute();
}

export async function hashAt(db: Kysely<DB>, seq: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('audit_events')
    .select('hash')
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row?.hash;
}
