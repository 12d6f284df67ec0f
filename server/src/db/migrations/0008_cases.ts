// 优秀案例评选: calls for best-practice cases, their assigned expert reviewers, the cases the
// cities and departments submit (attachments are rows of evidence_files with owner_type 'case'),
// and the reviewers' score sheets (one per reviewer and case, blind to each other).
import type { Kysely } from 'kysely';
import type { Columns } from './columns';

export async function up(db: Kysely<unknown>, col: Columns): Promise<void> {
  await col
    .id(db.schema.createTable('case_calls'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    /** JSON array of domain codes; empty = every domain. */
    .addColumn('domain_codes', 'text', (c) => c.notNull())
    /** Calendar dates (Beijing time): submissions close at the end of this day. */
    .addColumn('submission_deadline', 'text', (c) => c.notNull())
    .addColumn('review_deadline', 'text', (c) => c.notNull())
    /** JSON array of {key, name, weight}; weights sum to 100. */
    .addColumn('criteria', 'text', (c) => c.notNull())
    /** Scores run from 0 to scale_max (10 or 100 in practice). */
    .addColumn('scale_max', 'integer', (c) => c.notNull())
    .addColumn('winners', 'integer', (c) => c.notNull())
    /** 'top_criterion' | 'criteria_by_weight' | 'earliest_submission' (core/cases). */
    .addColumn('tie_rule', 'text', (c) => c.notNull())
    /** 'draft' | 'open' | 'reviewing' | 'closed' | 'published' */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', col.timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', col.timestamp, (c) => c.notNull())
    .addColumn('published_at', col.timestamp)
    .addColumn('published_by', 'text')
    .execute();

  await db.schema
    .createTable('case_reviewers')
    .addColumn('call_id', 'integer', (c) =>
      c.notNull().references('case_calls.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('assigned_at', col.timestamp, (c) => c.notNull())
    .addColumn('assigned_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_reviewers_pk', ['call_id', 'user_id'])
    .execute();

  await col
    .id(db.schema.createTable('case_submissions'))
    .addColumn('call_id', 'integer', (c) =>
      c.notNull().references('case_calls.id').onDelete('cascade'),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('domain_code', 'text', (c) => c.notNull())
    .addColumn('task_number', 'integer', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('results', 'text', (c) => c.notNull())
    /** JSON array of {label, value, unit}. */
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', col.timestamp, (c) => c.notNull())
    .addColumn('updated_at', col.timestamp, (c) => c.notNull())
    /** Frozen when the results are published. */
    .addColumn('final_score', 'double precision')
    .addColumn('final_rank', 'integer')
    .addColumn('winner', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('case_submissions_call')
    .on('case_submissions')
    .columns(['call_id', 'id'])
    .execute();

  await col
    .id(db.schema.createTable('case_scores'))
    .addColumn('submission_id', 'integer', (c) =>
      c.notNull().references('case_submissions.id').onDelete('cascade'),
    )
    .addColumn('reviewer_id', 'integer', (c) => c.notNull().references('users.id'))
    /** JSON object criterion key → score. */
    .addColumn('scores', 'text', (c) => c.notNull())
    .addColumn('weighted', 'double precision', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('scored_at', col.timestamp, (c) => c.notNull())
    // A reviewer scores a case once: the constraint holds even against two requests at once.
    .addUniqueConstraint('case_scores_once', ['submission_id', 'reviewer_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['case_scores', 'case_submissions', 'case_reviewers', 'case_calls'])
    await db.schema.dropTable(table).ifExists().execute();
}
