// Kysely queries for bulletins and the figures they report (ledger items, supervision items,
// survey waves). Timestamps are ISO strings on both engines, so ranges compare as text.
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { BulletinTable, DB } from '../../db/schema';
import { BULLETIN_DOC_PREFIX } from '../../../../core/tasking/bulletin';

const SUMMARY = [
  'id',
  'kind',
  'period',
  'as_of',
  'title',
  'doc_number',
  'status',
  'created_at',
  'created_by',
  'published_at',
  'published_by',
] as const;

export function listBulletins(db: Kysely<DB>, opts: { includeDrafts: boolean }) {
  let q = db.selectFrom('bulletins').select(SUMMARY);
  if (!opts.includeDrafts) q = q.where('status', '=', 'published');
  return q.orderBy('as_of', 'desc').orderBy('id', 'desc').execute();
}

export function findBulletin(db: Kysely<DB>, id: number) {
  return db.selectFrom('bulletins').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertBulletin(db: Kysely<DB>, row: Insertable<BulletinTable>) {
  const r = await db.insertInto('bulletins').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Updates a draft only: a published bulletin is never changed (0 rows → the caller's 409). */
export async function updateDraft(db: Kysely<DB>, id: number, set: Updateable<BulletinTable>) {
  const r = await db
    .updateTable('bulletins')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function findDraft(db: Kysely<DB>, kind: string, period: string) {
  return db
    .selectFrom('bulletins')
    .select(['id'])
    .where('kind', '=', kind as BulletinTable['kind'])
    .where('period', '=', period)
    .where('status', '=', 'draft')
    .executeTakeFirst();
}

/** How many bulletins were numbered in a year (the next 文号 is one more). */
export async function publishedInYear(db: Kysely<DB>, year: string): Promise<number> {
  const r = await db
    .selectFrom('bulletins')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'published')
    .where('doc_number', 'like', `${BULLETIN_DOC_PREFIX}〔${year}〕%`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ── Ledger items ───────────────────────────────────────────────────────────────────────────

export async function countLedgerItems(db: Kysely<DB>, createdBefore: string): Promise<number> {
  const r = await db
    .selectFrom('ledger_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_at', '<', createdBefore)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Items not done at `asOf` that are late: past their due date, with a milestone past due and
 * not done, or marked delayed / at risk. Most overdue first.
 */
export function lateLedgerItems(db: Kysely<DB>, asOf: string, createdBefore: string) {
  return db
    .selectFrom('ledger_items as i')
    .select([
      'i.id',
      'i.code',
      'i.title',
      'i.owner_unit_code',
      'i.city_code',
      'i.due_date',
      'i.percent_done',
      'i.status',
    ])
    .where('i.status', '!=', 'done')
    .where('i.created_at', '<', createdBefore)
    .where((eb) =>
      eb.or([
        eb('i.due_date', '<', asOf),
        eb('i.status', 'in', ['delayed', 'at_risk']),
        eb.exists(
          eb
            .selectFrom('ledger_milestones as m')
            .select(sql<number>`1`.as('x'))
            .whereRef('m.item_id', '=', 'i.id')
            .where('m.due_date', '<', asOf)
            .where((m) => m.or([m('m.done_on', 'is', null), m('m.done_on', '>', asOf)])),
        ),
      ]),
    )
    .orderBy('i.due_date')
    .orderBy('i.id')
    .execute();
}

/** The earliest overdue, not-done milestone of each item. */
export async function overdueMilestones(db: Kysely<DB>, itemIds: number[], asOf: string) {
  if (itemIds.length === 0) return new Map<number, { title: string; due_date: string }>();
  const rows = await db
    .selectFrom('ledger_milestones')
    .select(['item_id', 'title', 'due_date'])
    .where('item_id', 'in', itemIds)
    .where('due_date', '<', asOf)
    .where((eb) => eb.or([eb('done_on', 'is', null), eb('done_on', '>', asOf)]))
    .orderBy('item_id')
    .orderBy('due_date')
    .execute();
  const first = new Map<number, { title: string; due_date: string }>();
  for (const r of rows) if (!first.has(r.item_id)) first.set(r.item_id, r);
  return first;
}

// ── Supervision items ──────────────────────────────────────────────────────────────────────

export function supervisionInRange(db: Kysely<DB>, fromTs: string, toTs: string) {
  return db
    .selectFrom('supervision_items')
    .select([
      'id',
      'title',
      'level',
      'status',
      'target_unit_code',
      'reply_due',
      'created_at',
      'closed_at',
    ])
    .where('created_at', '<', toTs)
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', fromTs)]))
    .orderBy('reply_due')
    .orderBy('id')
    .execute();
}

// ── Survey waves ───────────────────────────────────────────────────────────────────────────

/** The latest wave opened by `beforeTs`, of any survey. */
export function latestWave(db: Kysely<DB>, beforeTs: string) {
  return db
    .selectFrom('survey_waves')
    .select(['id', 'survey_id', 'code', 'opens_at', 'closes_at'])
    .where('opens_at', '<', beforeTs)
    .orderBy('closes_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}
