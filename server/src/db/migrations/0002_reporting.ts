// Reporting (数据报送): forms and their elements and rules, value versions and history,
// submissions with their approval trail, notifications and per-unit webhooks.
// data_values stays "the current value per (element, unit, period)".
import type { Kysely } from 'kysely';
import type { Columns } from './columns';

export async function up(db: Kysely<unknown>, col: Columns): Promise<void> {
  await db.schema
    .createTable('report_forms')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('domain_code', 'text')
    .addColumn('period_type', 'text', (c) => c.notNull())
    .addColumn('reporter_level', 'text', (c) => c.notNull())
    .addColumn('approval_levels', 'text', (c) => c.notNull())
    .addColumn('due_days', 'integer', (c) => c.notNull())
    .addColumn('expiry_days', 'integer', (c) => c.notNull())
    .addColumn('reminder_days_before', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', col.timestamp, (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('report_form_elements')
    .addColumn('form_code', 'text', (c) =>
      c.notNull().references('report_forms.code').onDelete('cascade'),
    )
    .addColumn('element_code', 'text', (c) => c.notNull().references('data_elements.code'))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('min_value', 'double precision')
    .addColumn('max_value', 'double precision')
    .addPrimaryKeyConstraint('report_form_elements_pk', ['form_code', 'element_code'])
    .execute();
  // An element belongs to one form, so a value knows its submission.
  await db.schema
    .createIndex('report_form_elements_element')
    .on('report_form_elements')
    .column('element_code')
    .unique()
    .execute();

  await col
    .id(db.schema.createTable('report_rules'))
    .addColumn('form_code', 'text', (c) =>
      c.notNull().references('report_forms.code').onDelete('cascade'),
    )
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('left_element', 'text', (c) => c.notNull())
    .addColumn('operator', 'text', (c) => c.notNull())
    .addColumn('right_element', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addUniqueConstraint('report_rules_code', ['form_code', 'code'])
    .execute();

  await db.schema
    .alterTable('data_values')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('data_values').addColumn('comment', 'text').execute();

  await col
    .id(db.schema.createTable('data_value_history'))
    .addColumn('element_code', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('old_value', 'double precision')
    .addColumn('new_value', 'double precision')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('changed_at', col.timestamp, (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('data_value_history_cell')
    .on('data_value_history')
    .columns(['element_code', 'unit_code', 'period'])
    .execute();

  await col
    .id(db.schema.createTable('report_submissions'))
    .addColumn('form_code', 'text', (c) => c.notNull().references('report_forms.code'))
    .addColumn('unit_code', 'text', (c) => c.notNull().references('org_units.code'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('first_submitted_at', col.timestamp)
    .addColumn('submitted_at', col.timestamp)
    .addColumn('submitted_by', 'text')
    .addColumn('reviewed_at', col.timestamp)
    .addColumn('reviewed_by', 'text')
    .addColumn('reason', 'text')
    .addColumn('updated_at', col.timestamp, (c) => c.notNull())
    .addUniqueConstraint('report_submissions_key', ['form_code', 'unit_code', 'period'])
    .execute();
  await db.schema
    .createIndex('report_submissions_state')
    .on('report_submissions')
    .columns(['state', 'period'])
    .execute();

  await col
    .id(db.schema.createTable('report_submission_events'))
    .addColumn('submission_id', 'integer', (c) =>
      c.notNull().references('report_submissions.id').onDelete('cascade'),
    )
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('at', col.timestamp, (c) => c.notNull())
    .addColumn('by_user', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_submission_events_submission')
    .on('report_submission_events')
    .column('submission_id')
    .execute();

  await col
    .id(db.schema.createTable('notifications'))
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('dedup_key', 'text', (c) => c.unique())
    .addColumn('created_at', col.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notifications_unit')
    .on('notifications')
    .columns(['unit_code', 'created_at'])
    .execute();

  await db.schema
    .createTable('notification_reads')
    .addColumn('notification_id', 'integer', (c) =>
      c.notNull().references('notifications.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('read_at', col.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_reads_pk', ['notification_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('unit_webhooks')
    .addColumn('unit_code', 'text', (c) => c.primaryKey().references('org_units.code'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('updated_at', col.timestamp, (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('last_attempt_at', col.timestamp)
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'unit_webhooks',
    'notification_reads',
    'notifications',
    'report_submission_events',
    'report_submissions',
    'data_value_history',
    'report_rules',
    'report_form_elements',
    'report_forms',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await db.schema.alterTable('data_values').dropColumn('comment').execute();
  await db.schema.alterTable('data_values').dropColumn('version').execute();
}
