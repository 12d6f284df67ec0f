// The hash chain of the audit log: each event's hash covers its content and the previous
// hash, so altering, deleting or reordering any row breaks verification from there on.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  at: string;
  actor_id: number | null;
  actor_username: string | null;
  action: string;
  outcome: string;
  target_type: string | null;
  target_id: string | null;
  unit_code: string | null;
  ip: string | null;
  details: string;
  prev_hash: string;
}

export function hashEvent(event: ChainedFields): string {
  const canonical = JSON.stringify([
    event.seq,
    event.at,
    event.actor_id,
    event.actor_username,
    event.action,
    event.outcome,
    event.target_type,
    event.target_id,
    event.unit_code,
    event.ip,
    event.details,
    event.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface ChainBreak {
  seq: number;
  reason: 'hash-mismatch' | 'prev-hash-mismatch' | 'gap';
}

/** Checks events in seq order, continuing from `prevHash`/`prevSeq` of the last checked batch. */
export function verifyBatch(
  events: Array<ChainedFields & { hash: string }>,
  prevHash: string,
  prevSeq: number,
): { ok: true; lastHash: string; lastSeq: number } | { ok: false; broken: ChainBreak } {
  let hash = prevHash;
  let seq = prevSeq;
  for (const event of events) {
    if (event.seq !== seq + 1) return { ok: false, broken: { seq: event.seq, reason: 'gap' } };
    if (event.prev_hash !== hash)
      return { ok: false, broken: { seq: event.seq, reason: 'prev-hash-mismatch' } };
    if (hashEvent(event) !== event.hash)
      return { ok: false, broken: { seq: event.seq, reason: 'hash-mismatch' } };
    hash = event.hash;
    seq = event.seq;
  }
  return { ok: true, lastHash: hash, lastSeq: seq };
}
