// Queries of supervision items, their events, inspections and the rule settings.
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type {
  DB,
  InspectionTable,
  SupervisionEventTable,
  SupervisionItemTable,
  SupervisionRuleTable,
} from '../../db/schema';

export type ItemRow = Selectable<SupervisionItemTable>;
export type EventRow = Selectable<SupervisionEventTable>;
export type InspectionRow = Selectable<InspectionTable>;

/** Which items a reader may see, as SQL: everything, or by unit / domain / own unit. */
export type ItemScope =
  { all: true } | { all: false; units: string[]; domains: string[]; ownUnit: string | null };

export interface ItemFilter {
  status?: string;
  level?: string;
  kind?: string;
  unit?: string;
  inspectionId?: number;
}

export async function listItems(
  db: Kysely<DB>,
  scope: ItemScope,
  filter: ItemFilter = {},
): Promise<ItemRow[]> {
  let q = db.selectFrom('supervision_items').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status as ItemRow['status']);
  if (filter.level) q = q.where('level', '=', filter.level as ItemRow['level']);
  if (filter.kind) q = q.where('kind', '=', filter.kind as ItemRow['kind']);
  if (filter.unit) q = q.where('target_unit_code', '=', filter.unit);
  if (filter.inspectionId !== undefined) q = q.where('inspection_id', '=', filter.inspectionId);
  if (!scope.all) {
    const { units, domains, ownUnit } = scope;
    q = q.where((eb) =>
      eb.or([
        ...(units.length ? [eb('target_unit_code', 'in', units)] : []),
        ...(domains.length ? [eb('domain_code', 'in', domains)] : []),
        ...(ownUnit
          ? [eb('issuer_unit_code', '=', ownUnit), eb('target_unit_code', '=', ownUnit)]
          : []),
        // Nothing visible: a condition that is never true keeps the query valid.
        eb('id', '<', 0),
      ]),
    );
  }
  return q.orderBy('id', 'desc').execute();
}

export function findItem(db: Kysely<DB>, id: number) {
  return db.selectFrom('supervision_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertItem(
  db: Kysely<DB>,
  row: Insertable<SupervisionItemTable>,
): Promise<number> {
  const r = await db
    .insertInto('supervision_items')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Only from the expected status: two concurrent answers cannot both win. */
export async function updateItem(
  db: Kysely<DB>,
  id: number,
  fromStatus: ItemRow['status'],
  patch: Updateable<SupervisionItemTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('supervision_items')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertEvent(
  db: Kysely<DB>,
  row: Insertable<SupervisionEventTable>,
): Promise<number> {
  const r = await db
    .insertInto('supervision_events')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export function eventsOf(db: Kysely<DB>, itemId: number) {
  return db
    .selectFrom('supervision_events')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('id')
    .execute();
}

/** Dedup keys already raised (any status), to skip them before inserting. */
export async function raisedKeys(db: Kysely<DB>): Promise<Set<string>> {
  const rows = await db
    .selectFrom('supervision_items')
    .select('dedup_key')
    .where('dedup_key', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.dedup_key!));
}

/** Items waiting for a reply whose deadline is before `today`. */
export function lateItems(db: Kysely<DB>, today: string) {
  return db
    .selectFrom('supervision_items')
    .selectAll()
    .where('status', 'in', ['open', 'returned'])
    .where('reply_due', '<', today)
    .orderBy('id')
    .execute();
}

export function ruleRows(db: Kysely<DB>) {
  return db.selectFrom('supervision_rules').selectAll().execute();
}

export async function upsertRule(db: Kysely<DB>, row: SupervisionRuleTable): Promise<void> {
  await db
    .insertInto('supervision_rules')
    .values(row)
    .onConflict((oc) =>
      oc.column('code').doUpdateSet({
        enabled: row.enabled,
        params: row.params,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();
}

/** Seeds the defaults once; a concurrent seeder's row wins quietly. */
export async function insertRuleIfMissing(db: Kysely<DB>, row: SupervisionRuleTable) {
  await db
    .insertInto('supervision_rules')
    .values(row)
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

export async function insertInspection(
  db: Kysely<DB>,
  row: Insertable<InspectionTable>,
): Promise<number> {
  const r = await db
    .insertInto('inspections')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export function listInspections(db: Kysely<DB>) {
  return db
    .selectFrom('inspections')
    .selectAll()
    .orderBy('visited_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function findInspection(db: Kysely<DB>, id: number) {
  return db.selectFrom('inspections').selectAll().where('id', '=', id).executeTakeFirst();
}

export function itemsOfInspections(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([] as ItemRow[]);
  return db
    .selectFrom('supervision_items')
    .selectAll()
    .where('inspection_id', 'in', ids)
    .orderBy('id')
    .execute();
}

// ── rule inputs (loaded once per run) ─────────────────────────────────────────────────────

/** Open milestones due before `before` with their item, in one query. */
export function openMilestonesDueBefore(db: Kysely<DB>, before: string) {
  return db
    .selectFrom('ledger_milestones as m')
    .innerJoin('ledger_items as i', 'i.id', 'm.item_id')
    .select([
      'm.id as milestone_id',
      'm.title',
      'm.due_date',
      'm.done_on',
      'i.id as item_id',
      'i.code as item_code',
      'i.title as item_title',
      'i.owner_unit_code',
      'i.city_code',
      'i.domain_code',
      'i.task_number',
    ])
    .where('m.done_on', 'is', null)
    .where('m.due_date', '<=', before)
    .execute();
}
