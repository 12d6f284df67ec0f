// Queries of the ledger module: items, their milestones and progress reports.
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type {
  DB,
  LedgerItemTable,
  LedgerMilestoneTable,
  LedgerProgressReportTable,
  LedgerStatus,
} from '../../db/schema';

export type ItemRow = Selectable<LedgerItemTable>;
export type MilestoneRow = Selectable<LedgerMilestoneTable>;
export type ReportRow = Selectable<LedgerProgressReportTable>;

export interface ItemFilter {
  taskNumber?: number;
  domainCode?: string;
  cityCode?: string;
  ownerUnitCode?: string;
}

/** Large `in` lists are split so neither engine meets its parameter limit. */
const CHUNK = 500;
async function chunked<T>(ids: number[], run: (part: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await run(ids.slice(i, i + CHUNK))));
  return out;
}

export async function listItems(db: Kysely<DB>, f: ItemFilter = {}): Promise<ItemRow[]> {
  let q = db.selectFrom('ledger_items').selectAll();
  if (f.taskNumber !== undefined) q = q.where('task_number', '=', f.taskNumber);
  if (f.domainCode !== undefined) q = q.where('domain_code', '=', f.domainCode);
  if (f.cityCode !== undefined) q = q.where('city_code', '=', f.cityCode);
  if (f.ownerUnitCode !== undefined) q = q.where('owner_unit_code', '=', f.ownerUnitCode);
  return q.orderBy('task_number').orderBy('code').execute();
}

export async function findItem(db: Kysely<DB>, id: number): Promise<ItemRow | undefined> {
  return db.selectFrom('ledger_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findItemsByCodes(db: Kysely<DB>, codes: string[]): Promise<ItemRow[]> {
  if (codes.length === 0) return [];
  const out: ItemRow[] = [];
  for (let i = 0; i < codes.length; i += CHUNK)
    out.push(
      ...(await db
        .selectFrom('ledger_items')
        .selectAll()
        .where('code', 'in', codes.slice(i, i + CHUNK))
        .execute()),
    );
  return out;
}

/** Codes already used under a task (`T05-…`), to number new items after them. */
export async function codesOfTask(db: Kysely<DB>, taskNumber: number): Promise<string[]> {
  const rows = await db
    .selectFrom('ledger_items')
    .select('code')
    .where('task_number', '=', taskNumber)
    .execute();
  return rows.map((r) => r.code);
}

export async function milestonesOf(db: Kysely<DB>, itemIds: number[]): Promise<MilestoneRow[]> {
  return chunked(itemIds, (part) =>
    db
      .selectFrom('ledger_milestones')
      .selectAll()
      .where('item_id', 'in', part)
      .orderBy('item_id')
      .orderBy('sort_order')
      .execute(),
  );
}

export async function insertItem(db: Kysely<DB>, row: Insertable<LedgerItemTable>) {
  const r = await db
    .insertInto('ledger_items')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Updates only when the stored version is `version`; returns whether it did. */
export async function updateItemAtVersion(
  db: Kysely<DB>,
  id: number,
  version: number,
  set: Updateable<LedgerItemTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('ledger_items')
    .set(set)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setStatus(
  db: Kysely<DB>,
  id: number,
  status: LedgerStatus,
  updatedAt: string,
): Promise<void> {
  await db
    .updateTable('ledger_items')
    .set({ status, updated_at: updatedAt })
    .where('id', '=', id)
    .execute();
}

export async function deleteItem(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('ledger_milestones').where('item_id', '=', id).execute();
  await db.deleteFrom('ledger_items').where('id', '=', id).execute();
}

export async function insertMilestone(db: Kysely<DB>, row: Insertable<LedgerMilestoneTable>) {
  const r = await db
    .insertInto('ledger_milestones')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateMilestone(
  db: Kysely<DB>,
  id: number,
  set: Updateable<LedgerMilestoneTable>,
): Promise<void> {
  await db.updateTable('ledger_milestones').set(set).where('id', '=', id).execute();
}

/** Removes milestones; reports that pointed at one keep their text but lose the link. */
export async function deleteMilestones(db: Kysely<DB>, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('ledger_progress_reports')
    .set({ milestone_id: null })
    .where('milestone_id', 'in', ids)
    .execute();
  await db.deleteFrom('ledger_milestones').where('id', 'in', ids).execute();
}

export async function insertReport(
  db: Kysely<DB>,
  row: Insertable<LedgerProgressReportTable>,
): Promise<number> {
  const r = await db
    .insertInto('ledger_progress_reports')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function reportsOf(db: Kysely<DB>, itemId: number): Promise<ReportRow[]> {
  return db
    .selectFrom('ledger_progress_reports')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('id', 'desc')
    .execute();
}

/** The latest report text of each item, for the export's 最新进展 column. */
export async function latestReportTexts(
  db: Kysely<DB>,
  itemIds: number[],
): Promise<Map<number, string>> {
  const rows = await chunked(itemIds, (part) =>
    db
      .selectFrom('ledger_progress_reports')
      .select(['item_id', 'id', 'text', 'reported_at'])
      .where('item_id', 'in', part)
      .execute(),
  );
  const latest = new Map<number, { id: number; text: string; reported_at: string }>();
  for (const r of rows) {
    const seen = latest.get(r.item_id);
    if (!seen || r.id > seen.id) latest.set(r.item_id, r);
  }
  return new Map([...latest].map(([id, r]) => [id, `${r.reported_at.slice(0, 10)} ${r.text}`]));
}

export async function countReports(db: Kysely<DB>, itemId: number): Promise<number> {
  const r = await db
    .selectFrom('ledger_progress_reports')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('item_id', '=', itemId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countSupervisionLinks(db: Kysely<DB>, itemId: number): Promise<number> {
  const r = await db
    .selectFrom('supervision_items')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('ledger_item_id', '=', itemId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Items whose status the rule decides (no standing override), for the scheduled refresh. */
export async function itemsForRefresh(db: Kysely<DB>) {
  return db
    .selectFrom('ledger_items')
    .select([
      'id',
      'code',
      'title',
      'owner_unit_code',
      'start_date',
      'due_date',
      'percent_done',
      'status',
      'last_reported_at',
    ])
    .where('status_override_reason', 'is', null)
    .execute();
}

export async function allMilestones(db: Kysely<DB>) {
  return db
    .selectFrom('ledger_milestones')
    .select(['item_id', 'title', 'due_date', 'done_on', 'sort_order'])
    .orderBy('item_id')
    .orderBy('sort_order')
    .execute();
}
