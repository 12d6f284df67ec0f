// Records every login, denied access and write into the hash-chained audit log, inside the
// caller's transaction when there is one, so a write and its audit event commit together.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Actor } from '../../common/policy';
import { GENESIS_HASH, hashEvent, verifyBatch, type ChainBreak } from './audit-chain';
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
  | { ok: true; events: number }
  | { ok: false; events: number; broken: ChainBreak | { seq: number; reason: 'head-mismatch' } };

/** Walks the whole chain in batches; also checks the head so a truncated tail is caught. */
export async function verifyAuditChain(db: Kysely<DB>, batchSize = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  for (;;) {
    const batch = await repo.readBatch(db, prevSeq, batchSize);
    if (batch.length === 0) break;
    const result = verifyBatch(batch, prevHash, prevSeq);
    if (!result.ok) return { ok: false, events: prevSeq, broken: result.broken };
    prevHash = result.lastHash;
    prevSeq = result.lastSeq;
  }
  const head = await repo.readHead(db);
  if (head.seq !== prevSeq || head.last_hash !== prevHash)
    return { ok: false, events: prevSeq, broken: { seq: prevSeq + 1, reason: 'head-mismatch' } };
  return { ok: true, events: prevSeq };
}

export { listEvents } from './audit.repository';
