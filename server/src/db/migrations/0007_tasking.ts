// 任务督办: work-task ledgers (工作任务台账) with milestones and progress reports, evidence
// files, supervision items (督办事项) and their replies, unannounced inspections (暗访督查)
// whose findings become rectification items, periodic bulletins (通报), and the runs of
// scheduled jobs.
import type { Kysely } from 'kysely';
import type { Columns } from './columns';

export async function up(db: Kysely<unknown>, col: Columns): Promise<void> {
  await col
    .id(db.schema.createTable('ledger_items'))
    /** `T05-003`: the task number and a running number, as departments label their rows. */
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('task_number', 'integer', (c) => c.notNull())
    .addColumn('domain_code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    /** JSON array of unit codes (配合单位). */
    .addColumn('cooperating_units', 'text', (c) => c.notNull())
    .addColumn('city_code', 'text', (c) => c.references('org_units.code'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    /** 万元; null where the ledger gives none. */
    .addColumn('budget', 'double precision')
    /** JSON array of target codes the item serves. */
    .addColumn('target_codes', 'text', (c) => c.notNull())
    .addColumn('percent_done', 'double precision', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    /** Set when a person overrode the status the rule proposed, with their reason. */
    .addColumn('status_override_reason', 'text')
    .addColumn('last_reported_at', col.timestamp)
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', col.timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', col.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_items_task')
    .on('ledger_items')
    .columns(['task_number', 'id'])
    .execute();
  await db.schema.createIndex('ledger_items_city').on('ledger_items').column('city_code').execute();
  await db.schema
    .createIndex('ledger_items_owner')
    .on('ledger_items')
    .column('owner_unit_code')
    .execute();

  await col
    .id(db.schema.createTable('ledger_milestones'))
    .addColumn('item_id', 'integer', (c) =>
      c.notNull().references('ledger_items.id').onDelete('cascade'),
    )
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('definition_of_done', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text')
    .execute();
  await db.schema
    .createIndex('ledger_milestones_item')
    .on('ledger_milestones')
    .column('item_id')
    .execute();

  await col
    .id(db.schema.createTable('ledger_progress_reports'))
    .addColumn('item_id', 'integer', (c) =>
      c.notNull().references('ledger_items.id').onDelete('cascade'),
    )
    .addColumn('milestone_id', 'integer', (c) => c.references('ledger_milestones.id'))
    .addColumn('percent_done', 'double precision', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('proposed_status', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('override_reason', 'text')
    .addColumn('reported_at', col.timestamp, (c) => c.notNull())
    .addColumn('reported_by', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_progress_reports_item')
    .on('ledger_progress_reports')
    .columns(['item_id', 'id'])
    .execute();

  // Files live in the database so that backups, restores and several app processes all see
  // the same evidence without a shared volume; each is at most a few MB (checked on upload).
  await col
    .id(db.schema.createTable('evidence_files'))
    /** 'progress' | 'supervision_event' | 'inspection' */
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', col.blob, (c) => c.notNull())
    /** Unit and domain of what the file is evidence for: who may download it. */
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('domain_code', 'text')
    .addColumn('uploaded_at', col.timestamp, (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('evidence_files_owner')
    .on('evidence_files')
    .columns(['owner_type', 'owner_id'])
    .execute();

  await col
    .id(db.schema.createTable('inspections'))
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('city_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('county_code', 'text', (c) => c.references('org_units.code'))
    .addColumn('visited_on', 'text', (c) => c.notNull())
    /** JSON array of names. */
    .addColumn('inspectors', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('domain_code', 'text')
    .addColumn('created_at', col.timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();

  await col
    .id(db.schema.createTable('supervision_items'))
    /** 'supervision' (督办) | 'rectification' (整改, from an inspection finding). */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** 'general' 一般督办 | 'key' 重点督办 | 'listed' 挂牌督办 */
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    /** 'manual' | 'rule' */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('rule_code', 'text')
    /** Rules raise an item once per cause: the same key is never raised twice. */
    .addColumn('dedup_key', 'text', (c) => c.unique())
    .addColumn('issuer_unit_code', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('target_unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('domain_code', 'text')
    .addColumn('task_number', 'integer')
    .addColumn('ledger_item_id', 'integer', (c) => c.references('ledger_items.id'))
    .addColumn('inspection_id', 'integer', (c) => c.references('inspections.id'))
    /** 'open' | 'replied' | 'returned' | 'closed' */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reply_due', 'text', (c) => c.notNull())
    /** 0 = as issued; each late reply raises it one step (重点 → 挂牌 → 挂牌 + 上报). */
    .addColumn('escalation_level', 'integer', (c) => c.notNull())
    .addColumn('created_at', col.timestamp, (c) => c.notNull())
    .addColumn('updated_at', col.timestamp, (c) => c.notNull())
    .addColumn('closed_at', col.timestamp)
    .execute();
  await db.schema
    .createIndex('supervision_items_target')
    .on('supervision_items')
    .columns(['target_unit_code', 'status'])
    .execute();
  await db.schema
    .createIndex('supervision_items_status')
    .on('supervision_items')
    .columns(['status', 'reply_due'])
    .execute();

  await col
    .id(db.schema.createTable('supervision_events'))
    .addColumn('item_id', 'integer', (c) =>
      c.notNull().references('supervision_items.id').onDelete('cascade'),
    )
    /** 'issued' | 'replied' | 'accepted' | 'returned' | 'escalated' | 'reminded' */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text')
    .addColumn('at', col.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supervision_events_item')
    .on('supervision_events')
    .columns(['item_id', 'id'])
    .execute();

  /** Rule settings the supervision office can change (thresholds, levels, on/off). */
  await db.schema
    .createTable('supervision_rules')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    /** JSON object of the rule's parameters. */
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('updated_at', col.timestamp, (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await col
    .id(db.schema.createTable('bulletins'))
    /** 'monthly' | 'quarterly' | 'adhoc' */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** The period it reports on: `2026-10`, `2026Q3`, or the as-of date of an ad-hoc one. */
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    /** 文号, e.g. 粤民生督〔2026〕12号; a placeholder until published. */
    .addColumn('doc_number', 'text', (c) => c.notNull())
    /** 'draft' | 'published' */
    .addColumn('status', 'text', (c) => c.notNull())
    /** The frozen content (JSON): what the docx and the HTML were made from. */
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('docx', col.blob, (c) => c.notNull())
    .addColumn('created_at', col.timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('published_at', col.timestamp)
    .addColumn('published_by', 'text')
    .execute();
  await db.schema
    .createIndex('bulletins_kind_period')
    .on('bulletins')
    .columns(['kind', 'period'])
    .execute();

  /** One row per scheduled run: `run_key` (job + its slot) is unique, so a slot runs once. */
  await col
    .id(db.schema.createTable('job_runs'))
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('run_key', 'text', (c) => c.notNull().unique())
    .addColumn('started_at', col.timestamp, (c) => c.notNull())
    .addColumn('finished_at', col.timestamp)
    .addColumn('outcome', 'text')
    .addColumn('summary', 'text')
    .addColumn('worker', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'job_runs',
    'bulletins',
    'supervision_rules',
    'supervision_events',
    'supervision_items',
    'inspections',
    'evidence_files',
    'ledger_progress_reports',
    'ledger_milestones',
    'ledger_items',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
