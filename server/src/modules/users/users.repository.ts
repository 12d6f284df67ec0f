import type { Insertable, Kysely } from 'kysely';
import type { DB, UserTable } from '../../db/schema';

export async function findByUsername(db: Kysely<DB>, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function insertUser(db: Kysely<DB>, user: Insertable<UserTable>): Promise<number> {
  const row = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePassword(db: Kysely<DB>, id: number, hash: string, at: string) {
  await db
    .updateTable('users')
    .set({ password_hash: hash, password_changed_at: at })
    .where('id', '=', id)
    .execute();
}

export async function listUsers(db: Kysely<DB>) {
  return db
    .selectFrom('users')
    .leftJoin('org_units', 'org_units.code', 'users.unit_code')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.unit_code',
      'org_units.name as unit_name',
      'users.disabled',
      'users.created_at',
    ])
    .orderBy('users.id')
    .execute();
}
