// Queries of the evidence module: stored files and their metadata.
import type { Insertable, Kysely } from 'kysely';
import type { DB, EvidenceFileTable, EvidenceOwner } from '../../db/schema';

export async function insertFile(db: Kysely<DB>, row: Insertable<EvidenceFileTable>) {
  const r = await db
    .insertInto('evidence_files')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Metadata only: listing never reads the file contents. */
export async function listByOwners(db: Kysely<DB>, type: EvidenceOwner, ownerIds: number[]) {
  if (ownerIds.length === 0) return [];
  return db
    .selectFrom('evidence_files')
    .select(['id', 'owner_id', 'file_name', 'media_type', 'size'])
    .where('owner_type', '=', type)
    .where('owner_id', 'in', ownerIds)
    .orderBy('id')
    .execute();
}

export async function findFile(db: Kysely<DB>, id: number) {
  return db.selectFrom('evidence_files').selectAll().where('id', '=', id).executeTakeFirst();
}
