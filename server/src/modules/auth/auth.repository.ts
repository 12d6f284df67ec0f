// Queries for sessions and login throttling.
import type { Kysely } from 'kysely';
import type { DB, SessionTable } from '../../db/schema';
import type { ThrottleRecord } from './throttle';

export async function insertSession(db: Kysely<DB>, session: SessionTable): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

export async function findSessionWithUser(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.csrf_token',
      'sessions.created_at',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.unit_code',
      'users.disabled',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<DB>, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Kysely<DB>, userId: number, exceptId?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

export async function deleteExpiredSessions(
  db: Kysely<DB>,
  idleBefore: string,
  createdBefore: string,
) {
  await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([eb('last_seen_at', '<', idleBefore), eb('created_at', '<', createdBefore)]),
    )
    .execute();
}

export async function getThrottle(
  db: Kysely<DB>,
  keys: string[],
): Promise<Map<string, ThrottleRecord>> {
  const rows = await db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
  return new Map(
    rows.map((r) => [
      r.key,
      { failures: r.failures, windowStartedAt: r.window_started_at, lockedUntil: r.locked_until },
    ]),
  );
}

export async function putThrottle(db: Kysely<DB>, key: string, rec: ThrottleRecord): Promise<void> {
  const values = {
    failures: rec.failures,
    window_started_at: rec.windowStartedAt,
    locked_until: rec.lockedUntil,
  };
  await db
    .insertInto('login_throttle')
    .values({ key, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet(values))
    .execute();
}

export async function clearThrottle(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
