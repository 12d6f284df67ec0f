// Queries of the 优秀案例评选 module (Kysely only; rules live in cases.service.ts).
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { CaseCallStatus, CaseCallTable, CaseSubmissionTable, DB } from '../../db/schema';

export type CallRow = Selectable<CaseCallTable>;
export type SubmissionRow = Selectable<CaseSubmissionTable>;

export async function insertCall(db: Kysely<DB>, row: Insertable<CaseCallTable>) {
  const r = await db.insertInto('case_calls').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Updates only while the call is still in one of `statuses` (guards concurrent moves). */
export async function updateCall(
  db: Kysely<DB>,
  id: number,
  statuses: CaseCallStatus[],
  patch: Updateable<CaseCallTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('case_calls')
    .set(patch)
    .where('id', '=', id)
    .where('status', 'in', statuses)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function findCall(db: Kysely<DB>, id: number) {
  return db.selectFrom('case_calls').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listCalls(db: Kysely<DB>) {
  return db.selectFrom('case_calls').selectAll().orderBy('id', 'desc').execute();
}

export async function submissionCounts(db: Kysely<DB>): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('case_submissions')
    .select(['call_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('call_id')
    .execute();
  return new Map(rows.map((r) => [r.call_id, Number(r.n)]));
}

export function reviewersOf(db: Kysely<DB>, callId: number) {
  return db
    .selectFrom('case_reviewers as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.user_id', 'u.display_name', 'u.unit_code'])
    .where('r.call_id', '=', callId)
    .orderBy('r.user_id')
    .execute();
}

export async function reviewerCallIds(db: Kysely<DB>, userId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('case_reviewers')
    .select('call_id')
    .where('user_id', '=', userId)
    .execute();
  return new Set(rows.map((r) => r.call_id));
}

export async function replaceReviewers(
  db: Kysely<DB>,
  callId: number,
  userIds: number[],
  at: string,
  by: string,
): Promise<void> {
  await db.deleteFrom('case_reviewers').where('call_id', '=', callId).execute();
  if (userIds.length)
    await db
      .insertInto('case_reviewers')
      .values(
        userIds.map((id) => ({ call_id: callId, user_id: id, assigned_at: at, assigned_by: by })),
      )
      .execute();
}

export function usersByIds(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'unit_code', 'disabled'])
    .where('id', 'in', ids)
    .execute();
}

export function activeUsers(db: Kysely<DB>) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'unit_code'])
    .where('disabled', '=', 0)
    .where('role', '!=', 'sysadmin')
    .orderBy('id')
    .execute();
}

export async function insertSubmission(db: Kysely<DB>, row: Insertable<CaseSubmissionTable>) {
  const r = await db
    .insertInto('case_submissions')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateSubmission(
  db: Kysely<DB>,
  id: number,
  patch: Updateable<CaseSubmissionTable>,
) {
  await db.updateTable('case_submissions').set(patch).where('id', '=', id).execute();
}

export function findSubmission(db: Kysely<DB>, id: number) {
  return db.selectFrom('case_submissions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function submissionsOf(db: Kysely<DB>, callId: number) {
  return db
    .selectFrom('case_submissions')
    .selectAll()
    .where('call_id', '=', callId)
    .orderBy('id')
    .execute();
}

export function scoresOfCall(db: Kysely<DB>, callId: number) {
  return db
    .selectFrom('case_scores as s')
    .innerJoin('case_submissions as c', 'c.id', 's.submission_id')
    .innerJoin('users as u', 'u.id', 's.reviewer_id')
    .select([
      's.id',
      's.submission_id',
      's.reviewer_id',
      's.scores',
      's.weighted',
      's.comment',
      's.scored_at',
      'u.display_name',
    ])
    .where('c.call_id', '=', callId)
    .orderBy('s.id')
    .execute();
}

export function findScore(db: Kysely<DB>, submissionId: number, reviewerId: number) {
  return db
    .selectFrom('case_scores')
    .select('id')
    .where('submission_id', '=', submissionId)
    .where('reviewer_id', '=', reviewerId)
    .executeTakeFirst();
}

export async function insertScore(
  db: Kysely<DB>,
  row: {
    submission_id: number;
    reviewer_id: number;
    scores: string;
    weighted: number;
    comment: string;
    scored_at: string;
  },
) {
  const r = await db
    .insertInto('case_scores')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function caseAttachment(db: Kysely<DB>, fileId: number) {
  return db
    .selectFrom('evidence_files')
    .selectAll()
    .where('id', '=', fileId)
    .where('owner_type', '=', 'case')
    .executeTakeFirst();
}

export async function deleteAttachments(db: Kysely<DB>, submissionId: number, ids: number[]) {
  if (!ids.length) return 0;
  const r = await db
    .deleteFrom('evidence_files')
    .where('owner_type', '=', 'case')
    .where('owner_id', '=', submissionId)
    .where('id', 'in', ids)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export function publishedWinners(db: Kysely<DB>) {
  return db
    .selectFrom('case_submissions as c')
    .innerJoin('case_calls as k', 'k.id', 'c.call_id')
    .selectAll('c')
    .select(['k.title as call_title', 'k.published_at as call_published_at'])
    .where('k.status', '=', 'published')
    .where('c.winner', '=', 1)
    .orderBy('k.published_at', 'desc')
    .orderBy('c.final_rank')
    .execute();
}

/** Removes a call and everything under it (demo re-seeding only). */
export async function deleteCall(db: Kysely<DB>, id: number): Promise<void> {
  const subs = await db
    .selectFrom('case_submissions')
    .select('id')
    .where('call_id', '=', id)
    .execute();
  const ids = subs.map((s) => s.id);
  if (ids.length) {
    await db
      .deleteFrom('evidence_files')
      .where('owner_type', '=', 'case')
      .where('owner_id', 'in', ids)
      .execute();
    await db.deleteFrom('case_scores').where('submission_id', 'in', ids).execute();
  }
  await db.deleteFrom('case_submissions').where('call_id', '=', id).execute();
  await db.deleteFrom('case_reviewers').where('call_id', '=', id).execute();
  await db.deleteFrom('case_calls').where('id', '=', id).execute();
}
