// Queries for forms, their elements and cross-element rules.
import type { Kysely } from 'kysely';
import type { DB, ReportFormElementTable, ReportFormTable, ReportRuleTable } from '../../db/schema';

export function listForms(db: Kysely<DB>): Promise<ReportFormTable[]> {
  return db.selectFrom('report_forms').selectAll().orderBy('code').execute();
}

export function listFormElements(db: Kysely<DB>): Promise<ReportFormElementTable[]> {
  return db
    .selectFrom('report_form_elements')
    .selectAll()
    .orderBy('form_code')
    .orderBy('sort_order')
    .execute();
}

export function listRules(db: Kysely<DB>) {
  return db.selectFrom('report_rules').selectAll().orderBy('form_code').orderBy('id').execute();
}

export async function insertFormIfMissing(db: Kysely<DB>, row: ReportFormTable): Promise<void> {
  await db
    .insertInto('report_forms')
    .values(row)
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

export async function insertElementIfUnassigned(
  db: Kysely<DB>,
  row: ReportFormElementTable,
): Promise<boolean> {
  const res = await db
    .insertInto('report_form_elements')
    .values(row)
    .onConflict((oc) => oc.column('element_code').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function insertRuleIfMissing(
  db: Kysely<DB>,
  row: Omit<ReportRuleTable, 'id'>,
): Promise<void> {
  await db
    .insertInto('report_rules')
    .values(row)
    .onConflict((oc) => oc.columns(['form_code', 'code']).doNothing())
    .execute();
}

export async function updateForm(
  db: Kysely<DB>,
  code: string,
  patch: Partial<Omit<ReportFormTable, 'code'>>,
): Promise<void> {
  await db.updateTable('report_forms').set(patch).where('code', '=', code).execute();
}

export async function setElementBounds(
  db: Kysely<DB>,
  formCode: string,
  elementCode: string,
  bounds: { min_value: number | null; max_value: number | null },
): Promise<number> {
  const res = await db
    .updateTable('report_form_elements')
    .set(bounds)
    .where('form_code', '=', formCode)
    .where('element_code', '=', elementCode)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function replaceAdminRules(
  db: Kysely<DB>,
  formCode: string,
  rules: Array<Omit<ReportRuleTable, 'id'>>,
): Promise<void> {
  await db
    .deleteFrom('report_rules')
    .where('form_code', '=', formCode)
    .where('origin', '=', 'admin')
    .execute();
  if (rules.length) await db.insertInto('report_rules').values(rules).execute();
}
