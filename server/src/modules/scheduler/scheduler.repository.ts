// job_runs: one row per run of a job's slot; the unique run_key is what makes a slot run once.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** Claims a slot: the new row's id, or null when another process (or an earlier run) has it. */
export async function claimRun(
  db: Kysely<DB>,
  row: { job: string; run_key: string; started_at: string; worker: string },
): Promise<number | null> {
  const inserted = await db
    .insertInto('job_runs')
    .values(row)
    .onConflict((oc) => oc.column('run_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

export async function finishRun(
  db: Kysely<DB>,
  id: number,
  outcome: 'ok' | 'failed',
  summary: string,
): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ finished_at: new Date().toISOString(), outcome, summary })
    .where('id', '=', id)
    .execute();
}

export function lastRuns(db: Kysely<DB>, limit = 50) {
  return db.selectFrom('job_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

export function runsOf(db: Kysely<DB>, job: string) {
  return db.selectFrom('job_runs').selectAll().where('job', '=', job).orderBy('id').execute();
}
