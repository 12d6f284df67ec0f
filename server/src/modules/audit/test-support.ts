// For tests only: what an attacker with database superuser rights could do (switch the
// append-only triggers off and rewrite a row), and events backdated beyond the retention.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import type { AuditEventTable, DB } from '../../db/schema';
import { installAuditGuards, removeAuditGuards } from '../../db/migrations/0010_audit_retention';
import { hashEvent } from './audit-chain';
import * as repo from './audit.repository';

/** Rewrites audit rows behind the triggers' back, then puts the triggers back. */
export async function tamperAuditEvents(
  database: Pick<Database, 'db' | 'dialect'>,
  seq: number,
  set: Partial<AuditEventTable>,
): Promise<void> {
  const postgres = database.dialect === 'postgres';
  const db = database.db as unknown as Kysely<unknown>;
  await removeAuditGuards(db, postgres);
  try {
    await database.db.updateTable('audit_events').set(set).where('seq', '=', seq).execute();
  } finally {
    await installAuditGuards(db, postgres);
  }
}

/** Appends a correctly chained event as if it had been recorded at `at`. */
export async function appendBackdated(db: Kysely<DB>, action: string, at: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { seq, lastHash } = await repo.advanceHead(trx);
    const fields = {
      seq,
      at,
      actor_id: null,
      actor_username: 'backdated',
      action,
      outcome: 'ok' as const,
      target_type: null,
      target_id: null,
      unit_code: null,
      ip: null,
      details: '{}',
      prev_hash: lastHash,
    };
    await repo.appendEvent(trx, { ...fields, hash: hashEvent(fields) });
  });
}
