import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashEvent, verifyBatch, type ChainedFields } from './audit-chain';

function chain(n: number) {
  const events: Array<ChainedFields & { hash: string }> = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: ChainedFields = {
      seq,
      at: `2026-01-01T00:00:0${seq}Z`,
      actor_id: 1,
      actor_username: 'admin',
      action: 'user.create',
      outcome: 'ok',
      target_type: 'user',
      target_id: String(seq),
      unit_code: null,
      ip: '127.0.0.1',
      details: '{}',
      prev_hash: prev,
    };
    const hash = hashEvent(fields);
    events.push({ ...fields, hash });
    prev = hash;
  }
  return events;
}

describe('audit hash chain', () => {
  it('verifies an intact chain', () => {
    expect(verifyBatch(chain(5), GENESIS_HASH, 0)).toMatchObject({ ok: true, lastSeq: 5 });
  });

  it('detects an altered field', () => {
    const events = chain(5);
    events[2]!.actor_username = 'mallory';
    expect(verifyBatch(events, GENESIS_HASH, 0)).toEqual({
      ok: false,
      broken: { seq: 3, reason: 'hash-mismatch' },
    });
  });

  it('detects a deleted row', () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verifyBatch(events, GENESIS_HASH, 0)).toEqual({
      ok: false,
      broken: { seq: 3, reason: 'gap' },
    });
  });

  it('detects a row rewritten with a recomputed hash', () => {
    const events = chain(5);
    const forged = { ...events[1]!, action: 'noop' };
    events[1] = { ...forged, hash: hashEvent(forged) };
    expect(verifyBatch(events, GENESIS_HASH, 0)).toEqual({
      ok: false,
      broken: { seq: 3, reason: 'prev-hash-mismatch' },
    });
  });
});
