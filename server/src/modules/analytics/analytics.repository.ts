// Queries of the analytics module: element versions (bumped by triggers), one element's
// reported values (primary-key prefix), and the published targets.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export async function readVersions(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('analytics_versions')
    .select(['element_code', 'version'])
    .execute();
  return new Map(rows.map((r) => [r.element_code, Number(r.version)]));
}

export interface ValueRow {
  unit_code: string;
  period: string;
  value: number;
  status: 'draft' | 'submitted' | 'approved';
}

/** Submitted and approved values of one element (drafts never count). */
export function elementValues(db: Kysely<DB>, elementCode: string): Promise<ValueRow[]> {
  return db
    .selectFrom('data_values')
    .select(['unit_code', 'period', 'value', 'status'])
    .where('element_code', '=', elementCode)
    .where('status', 'in', ['submitted', 'approved'])
    .execute();
}

export function listPublished(db: Kysely<DB>) {
  return db.selectFrom('published_targets').selectAll().orderBy('target_code').execute();
}

export async function insertPublished(
  db: Kysely<DB>,
  row: { target_code: string; published_at: string; published_by: string },
): Promise<boolean> {
  const existing = await db
    .selectFrom('published_targets')
    .select('target_code')
    .where('target_code', '=', row.target_code)
    .executeTakeFirst();
  if (existing) return false;
  await db.insertInto('published_targets').values(row).execute();
  return true;
}

export async function deletePublished(db: Kysely<DB>, targetCode: string): Promise<boolean> {
  const result = await db
    .deleteFrom('published_targets')
    .where('target_code', '=', targetCode)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Supervision items not yet closed (销号), per unit they are addressed to, and how many are late. */
export async function openSupervisionByUnit(db: Kysely<DB>, today: string) {
  return db
    .selectFrom('supervision_items')
    .where('status', '!=', 'closed')
    .groupBy('target_unit_code')
    .select((eb) => [
      'target_unit_code as unitCode',
      eb.fn.countAll<string | number>().as('open'),
      eb.fn
        .sum<string | number | null>(eb.case().when('reply_due', '<', today).then(1).else(0).end())
        .as('overdue'),
    ])
    .execute();
}
