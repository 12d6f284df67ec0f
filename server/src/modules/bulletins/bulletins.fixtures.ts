// Rows for bulletin tests and the bench: ledger items with milestones and supervision items,
// inserted directly (the ledger and supervision modules have their own tests).
import type { Insertable, Kysely } from 'kysely';
import type { DB, LedgerItemTable, SupervisionItemTable } from '../../db/schema';

export function ledgerItem(
  i: number,
  over: Partial<Insertable<LedgerItemTable>> = {},
): Insertable<LedgerItemTable> {
  const at = '2026-01-05T00:00:00.000Z';
  return {
    code: `T01-${String(i).padStart(5, '0')}`,
    task_number: 1,
    domain_code: 'D01',
    title: `零工市场建设项目${i}`,
    description: '',
    owner_unit_code: '441400',
    cooperating_units: '[]',
    city_code: '441400',
    start_date: '2026-01-01',
    due_date: '2026-12-31',
    budget: null,
    target_codes: '["T01.1"]',
    percent_done: 40,
    status: 'on_track',
    status_override_reason: null,
    last_reported_at: null,
    version: 1,
    created_at: at,
    created_by: 'test',
    updated_at: at,
    ...over,
  };
}

export async function insertLedgerItem(
  db: Kysely<DB>,
  item: Insertable<LedgerItemTable>,
  milestones: Array<{ title: string; due_date: string; done_on?: string | null }>,
): Promise<number> {
  const { id } = await db
    .insertInto('ledger_items')
    .values(item)
    .returning('id')
    .executeTakeFirstOrThrow();
  if (milestones.length)
    await db
      .insertInto('ledger_milestones')
      .values(
        milestones.map((m, k) => ({
          item_id: id,
          sort_order: k + 1,
          title: m.title,
          due_date: m.due_date,
          definition_of_done: '验收通过',
          done_on: m.done_on ?? null,
        })),
      )
      .execute();
  return id;
}

export function supervisionItem(
  over: Partial<Insertable<SupervisionItemTable>> = {},
): Insertable<SupervisionItemTable> {
  return {
    kind: 'supervision',
    level: 'general',
    title: '督办事项',
    body: '',
    source: 'manual',
    rule_code: null,
    dedup_key: null,
    issuer_unit_code: '440000',
    issued_by: 'test',
    target_unit_code: '441400',
    domain_code: 'D01',
    task_number: 1,
    ledger_item_id: null,
    inspection_id: null,
    status: 'open',
    reply_due: '2026-08-15',
    escalation_level: 0,
    created_at: '2026-08-01T02:00:00.000Z',
    updated_at: '2026-08-01T02:00:00.000Z',
    closed_at: null,
    ...over,
  };
}
