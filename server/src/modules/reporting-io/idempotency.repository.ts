// Queries for idempotency keys (table of migration 0006).
import type { Kysely } from 'kysely';
import type { DB, IdempotencyKeyTable } from '../../db/schema';

export async function reserve(db: Kysely<DB>, row: IdempotencyKeyTable): Promise<boolean> {
  const result = await db
    .insertInto('idempotency_keys')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export function find(db: Kysely<DB>, userId: number, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Takes over an abandoned reservation; false when another request got there first. */
export async function takeOver(
  db: Kysely<DB>,
  userId: number,
  key: string,
  staleBefore: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('idempotency_keys')
    .set({ created_at: now })
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .where('state', '=', 'pending')
    .where('created_at', '<', staleBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function complete(
  db: Kysely<DB>,
  userId: number,
  key: string,
  answer: { statusCode: number; contentType: string; response: string; completedAt: string },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({
      state: 'done',
      status_code: answer.statusCode,
      content_type: answer.contentType,
      response: answer.response,
      completed_at: answer.completedAt,
    })
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .execute();
}

export async function release(db: Kysely<DB>, userId: number, key: string): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .where('state', '=', 'pending')
    .execute();
}

export async function deleteExpired(db: Kysely<DB>, userId: number, before: string): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', userId)
    .where('created_at', '<', before)
    .execute();
}
