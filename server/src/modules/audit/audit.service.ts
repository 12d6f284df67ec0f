// Records every login, denied access and write into the hash-chained audit log, inside the
// caller's transaction when there is one, so a write and its audit event commit together.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Actor } from '../../common/policy';
import { GENESIS_HASH, hashEvent, verifyBatch, type ChainBreak } from './audit-chain';
import { badRequest } from '../../common/errors';
import { AUDIT_RETENTION_DAYS } from '../../db/migrations/0010_audit_retention';
import * as repo from './audit.repository';

export interface AuditEvent {
  action: string;
  outcome?: 'ok' | 'denied' | 'failed';
  actor?: Pick<Actor, 'userId' | 'username'> | null;
  /** For events before an actor exists (a failed login names the attempted username). */
  username?: string | null;
  targetType?: string;
  targetId?: string | number;
  unitCode?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Kysely<DB>, event: AuditEvent): Promise<void> {
  if (db.isTransaction) return append(db, event);
  await db.transaction().execute((trx) => append(trx, event));
}

async function append(trx: Kysely<DB>, event: AuditEvent): Promise<void> {
  const { seq, lastHash } = await repo.advanceHead(trx);
  const fields = {
    seq,
    at: new Date().toISOString(),
    actor_id: event.actor?.userId ?? null,
    actor_username: event.actor?.username ?? event.username ?? null,
    action: event.action,
    outcome: event.outcome ?? 'ok',
    target_type: event.targetType ?? null,
    target_id: event.targetId === undefined ? null : String(event.targetId),
    unit_code: event.unitCode ?? null,
    ip: event.ip ?? null,
    details: JSON.stringify(event.details ?? {}),
    prev_hash: lastHash,
  };
  await repo.appendEvent(trx, { ...fields, hash: hashEvent(fields) });
}

export type VerifyResult =
  | { ok: true; events: number; anchorSeq: number }
  | {
      ok: false;
      events: number;
      broken: ChainBreak | { seq: number; reason: 'head-mismatch' | 'anchor-mismatch' };
    };

/**
 * Walks the chain in batches from the anchor (the last pruned event, or the genesis); also
 * checks the head so a truncated tail is caught, and that the anchor is the one the newest
 * `audit.prune` event recorded, so the anchor cannot be moved to hide deleted events.
 */
export async function verifyAuditChain(db: Kysely<DB>, batchSize = 5000): Promise<VerifyResult> {
  const start = await repo.readHead(db);
  let prevHash = start.anchor_seq > 0 ? start.anchor_hash : GENESIS_HASH;
  let prevSeq = start.anchor_seq;
  if (start.anchor_seq > 0 && !(await anchorRecorded(db, start.anchor_seq, start.anchor_hash)))
    return { ok: false, events: 0, broken: { seq: start.anchor_seq, reason: 'anchor-mismatch' } };
  for (;;) {
    const batch = await repo.readBatch(db, prevSeq, batchSize);
    if (batch.length === 0) break;
    const result = verifyBatch(batch, prevHash, prevSeq);
    if (!result.ok) return { ok: false, events: prevSeq, broken: result.broken };
    prevHash = result.lastHash;
    prevSeq = result.lastSeq;
  }
  const head = await repo.readHead(db);
  const events = prevSeq - start.anchor_seq;
  if (head.seq !== prevSeq || head.last_hash !== prevHash)
    return { ok: false, events, broken: { seq: prevSeq + 1, reason: 'head-mismatch' } };
  return { ok: true, events, anchorSeq: start.anchor_seq };
}

async function anchorRecorded(db: Kysely<DB>, seq: number, hash: string): Promise<boolean> {
  const prune = await repo.lastPruneEvent(db);
  if (!prune) return false;
  const details = JSON.parse(prune.details) as { throughSeq?: number; anchorHash?: string };
  return details.throughSeq === seq && details.anchorHash === hash;
}

/**
 * Deletes the events older than `olderThanDays` (never fewer than the 180-day retention; the
 * database triggers refuse younger ones anyway), keeping the rest verifiable: the last pruned
 * event's seq and hash become the anchor, recorded both on the head and in the prune event.
 */
export async function pruneAudit(
  db: Kysely<DB>,
  olderThanDays: number,
  label: string,
  now = new Date(),
): Promise<{ deleted: number; throughSeq: number }> {
  if (!Number.isInteger(olderThanDays) || olderThanDays < AUDIT_RETENTION_DAYS)
    throw badRequest(
      'AUDIT_RETENTION',
      `审计日志至少保留${AUDIT_RETENTION_DAYS}天，不能清理${olderThanDays}天以内的记录`,
      [{ field: 'olderThanDays', message: `不得小于${AUDIT_RETENTION_DAYS}` }],
    );
  const before = new Date(now.getTime() - olderThanDays * 86_400_000).toISOString();
  return db.transaction().execute(async (trx) => {
    // The head row lock serialises the prune with appends, as every append takes it first.
    await trx
      .updateTable('audit_head')
      .set((eb) => ({ seq: eb.ref('seq') }))
      .where('id', '=', 1)
      .execute();
    const head = await repo.readHead(trx);
    const throughSeq = await repo.lastSeqOfOldPrefix(trx, before);
    if (throughSeq <= head.anchor_seq) return { deleted: 0, throughSeq: head.anchor_seq };
    const anchorHash = await repo.hashAt(trx, throughSeq);
    if (!anchorHash) throw new Error(`audit event ${throughSeq} is missing`);
    const deleted = await repo.deleteThrough(trx, throughSeq);
    await repo.setAnchor(trx, throughSeq, anchorHash);
    await append(trx, {
      action: 'audit.prune',
      username: label,
      details: { olderThanDays, before, throughSeq, anchorHash, deleted },
    });
    return { deleted, throughSeq };
  });
}

export { listEvents } from './audit.repository';
