// Queries of the hotline module: ticket upserts by id, imports, closure counts.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, HotlineImportTable, HotlineTicketTable } from '../../db/schema';

export async function existingIds(db: Kysely<DB>, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('hotline_tickets')
    .select('ticket_id')
    .where('ticket_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.ticket_id));
}

export async function upsertTickets(db: Kysely<DB>, rows: Insertable<HotlineTicketTable>[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('hotline_tickets')
    .values(rows)
    .onConflict((oc) =>
      oc.column('ticket_id').doUpdateSet((eb) => ({
        received_at: eb.ref('excluded.received_at'),
        due_at: eb.ref('excluded.due_at'),
        closed_at: eb.ref('excluded.closed_at'),
        month: eb.ref('excluded.month'),
        category: eb.ref('excluded.category'),
        consumer: eb.ref('excluded.consumer'),
        city_code: eb.ref('excluded.city_code'),
        county_code: eb.ref('excluded.county_code'),
        status: eb.ref('excluded.status'),
        on_time: eb.ref('excluded.on_time'),
        import_id: eb.ref('excluded.import_id'),
      })),
    )
    .execute();
}

export async function insertImport(db: Kysely<DB>, row: Insertable<HotlineImportTable>) {
  const r = await db
    .insertInto('hotline_imports')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function finishImport(
  db: Kysely<DB>,
  id: number,
  counts: { rows: number; inserted: number; updated: number },
) {
  await db.updateTable('hotline_imports').set(counts).where('id', '=', id).execute();
}

export const listImports = (db: Kysely<DB>) =>
  db.selectFrom('hotline_imports').selectAll().orderBy('id', 'desc').limit(50).execute();

/** Closure counts per place × month × category, the open ones split by `now`. */
export async function closureCounts(
  db: Kysely<DB>,
  filter: {
    from: string;
    to: string;
    level: 'city' | 'county';
    now: string;
    consumerOnly?: boolean;
  },
) {
  const place = filter.level === 'city' ? 'city_code' : 'county_code';
  let q = db
    .selectFrom('hotline_tickets')
    .select([
      `${place} as place_code`,
      'month',
      'category',
      'consumer',
      sql<number>`sum(case when on_time = 1 then 1 else 0 end)`.as('closed_on_time'),
      sql<number>`sum(case when on_time = 0 then 1 else 0 end)`.as('closed_late'),
      sql<number>`sum(case when on_time is null and due_at < ${filter.now} then 1 else 0 end)`.as(
        'open_overdue',
      ),
      sql<number>`sum(case when on_time is null and due_at >= ${filter.now} then 1 else 0 end)`.as(
        'open_pending',
      ),
    ])
    .where('month', '>=', filter.from)
    .where('month', '<=', filter.to)
    .groupBy([place, 'month', 'category', 'consumer']);
  if (filter.level === 'county') q = q.where('county_code', 'is not', null);
  if (filter.consumerOnly) q = q.where('consumer', '=', 1);
  return q.execute();
}

export async function latestMonth(db: Kysely<DB>): Promise<string | null> {
  const row = await db
    .selectFrom('hotline_tickets')
    .select((eb) => eb.fn.max('month').as('month'))
    .executeTakeFirst();
  return (row?.month as string | null | undefined) ?? null;
}
