// Queries for in-app notifications, their read marks and per-unit webhooks.
import type { Kysely } from 'kysely';
import type { DB, NotificationTable } from '../../db/schema';

export async function insertNotification(
  db: Kysely<DB>,
  row: Omit<NotificationTable, 'id'>,
): Promise<number | null> {
  const res = await db
    .insertInto('notifications')
    .values(row)
    .onConflict((oc) => oc.column('dedup_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return res?.id ?? null;
}

export function listForUnit(
  db: Kysely<DB>,
  q: { unitCode: string; userId: number; unreadOnly: boolean; limit: number },
) {
  let query = db
    .selectFrom('notifications as n')
    .leftJoin('notification_reads as r', (j) =>
      j.onRef('r.notification_id', '=', 'n.id').on('r.user_id', '=', q.userId),
    )
    .select([
      'n.id',
      'n.kind',
      'n.title',
      'n.body',
      'n.link',
      'n.created_at',
      'n.unit_code',
      'r.read_at',
    ])
    .where('n.unit_code', '=', q.unitCode);
  if (q.unreadOnly) query = query.where('r.read_at', 'is', null);
  return query.orderBy('n.id', 'desc').limit(q.limit).execute();
}

export async function countUnread(db: Kysely<DB>, unitCode: string, userId: number) {
  const row = await db
    .selectFrom('notifications as n')
    .leftJoin('notification_reads as r', (j) =>
      j.onRef('r.notification_id', '=', 'n.id').on('r.user_id', '=', userId),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('n.unit_code', '=', unitCode)
    .where('r.read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findNotification(db: Kysely<DB>, id: number) {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markRead(db: Kysely<DB>, ids: number[], userId: number, at: string) {
  if (!ids.length) return;
  await db
    .insertInto('notification_reads')
    .values(ids.map((id) => ({ notification_id: id, user_id: userId, read_at: at })))
    .onConflict((oc) => oc.columns(['notification_id', 'user_id']).doNothing())
    .execute();
}

export function findWebhooks(db: Kysely<DB>, unitCodes: string[]) {
  if (!unitCodes.length) return Promise.resolve([]);
  return db.selectFrom('unit_webhooks').selectAll().where('unit_code', 'in', unitCodes).execute();
}

export async function upsertWebhook(
  db: Kysely<DB>,
  row: { unit_code: string; url: string; updated_at: string; updated_by: string },
) {
  await db
    .insertInto('unit_webhooks')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('unit_code')
        .doUpdateSet({ url: row.url, updated_at: row.updated_at, updated_by: row.updated_by }),
    )
    .execute();
}

export async function deleteWebhook(db: Kysely<DB>, unitCode: string) {
  await db.deleteFrom('unit_webhooks').where('unit_code', '=', unitCode).execute();
}

export async function recordDelivery(
  db: Kysely<DB>,
  unitCode: string,
  result: { at: string; status: number | null; error: string | null },
) {
  await db
    .updateTable('unit_webhooks')
    .set({ last_attempt_at: result.at, last_status: result.status, last_error: result.error })
    .where('unit_code', '=', unitCode)
    .execute();
}
