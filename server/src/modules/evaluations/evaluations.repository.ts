// Queries of the mid-term evaluation: evaluations, their assessments, and the rows the
// snapshot reads from other modules' tables (ledger items, open supervision items).
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB, MidtermAssessmentTable, MidtermEvaluationTable } from '../../db/schema';

export type EvaluationRow = Selectable<MidtermEvaluationTable>;
export type AssessmentRow = Selectable<MidtermAssessmentTable>;

export async function insertEvaluation(
  db: Kysely<DB>,
  row: Insertable<MidtermEvaluationTable>,
): Promise<number> {
  const r = await db
    .insertInto('midterm_evaluations')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export function findEvaluation(db: Kysely<DB>, id: number) {
  return db.selectFrom('midterm_evaluations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The list without the snapshots, with the number of assessments of each. */
export function listEvaluations(db: Kysely<DB>) {
  return db
    .selectFrom('midterm_evaluations as e')
    .select([
      'e.id',
      'e.title',
      'e.as_of',
      'e.plan_revision_id',
      'e.status',
      'e.created_by',
      'e.created_at',
      'e.signed_by',
      'e.signed_at',
      'e.sign_comment',
      'e.version',
    ])
    .select((eb) =>
      eb
        .selectFrom('midterm_assessments as a')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('a.evaluation_id', '=', 'e.id')
        .as('assessed'),
    )
    .orderBy('e.id', 'desc')
    .execute();
}

/**
 * Holds the evaluation row for the rest of the transaction while it is a draft (a no-op
 * update takes PostgreSQL's row lock; SQLite serialises writers anyway), so an assessment
 * and a sign-off cannot interleave. False when it is signed (or gone).
 */
export async function lockDraft(db: Kysely<DB>, id: number): Promise<boolean> {
  const r = await db
    .updateTable('midterm_evaluations')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function signEvaluation(
  db: Kysely<DB>,
  id: number,
  version: number,
  set: { signed_by: string; signed_at: string; sign_comment: string | null },
): Promise<boolean> {
  const r = await db
    .updateTable('midterm_evaluations')
    .set((eb) => ({ ...set, status: 'signed' as const, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function assessmentsOf(db: Kysely<DB>, evaluationId: number) {
  return db
    .selectFrom('midterm_assessments')
    .selectAll()
    .where('evaluation_id', '=', evaluationId)
    .orderBy('target_code')
    .execute();
}

export function findAssessment(db: Kysely<DB>, evaluationId: number, targetCode: string) {
  return db
    .selectFrom('midterm_assessments')
    .selectAll()
    .where('evaluation_id', '=', evaluationId)
    .where('target_code', '=', targetCode)
    .executeTakeFirst();
}

export async function insertAssessment(
  db: Kysely<DB>,
  row: Insertable<MidtermAssessmentTable>,
): Promise<void> {
  await db.insertInto('midterm_assessments').values(row).execute();
}

export async function updateAssessmentAtVersion(
  db: Kysely<DB>,
  id: number,
  version: number,
  set: Pick<
    AssessmentRow,
    'action' | 'text' | 'proposed_value' | 'assessed_by' | 'assessed_unit' | 'updated_at'
  >,
): Promise<boolean> {
  const r = await db
    .updateTable('midterm_assessments')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ── Other modules' rows, read for the snapshot ────────────────────────────────────────────

export function ledgerRowsBefore(db: Kysely<DB>, createdBefore: string) {
  return db
    .selectFrom('ledger_items')
    .select(['task_number', 'status', 'percent_done'])
    .where('created_at', '<', createdBefore)
    .execute();
}

/** Supervision items raised before `endTs` and not closed by then. */
export function supervisionOpenAt(db: Kysely<DB>, endTs: string) {
  return db
    .selectFrom('supervision_items')
    .select([
      'id',
      'title',
      'level',
      'status',
      'target_unit_code',
      'domain_code',
      'task_number',
      'reply_due',
      'created_at',
      'closed_at',
    ])
    .where('created_at', '<', endTs)
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', endTs)]))
    .orderBy('id')
    .execute();
}
