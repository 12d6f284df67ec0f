// Satisfaction monitoring: surveys, waves, anonymous responses with their running aggregates,
// single-use panel links, a shared rate-limit store, and 12345 hotline tickets.
import type { Kysely } from 'kysely';
import type { Columns } from './columns';

export async function up(db: Kysely<unknown>, col: Columns): Promise<void> {
  await col
    .id(db.schema.createTable('surveys'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('min_n', 'integer', (c) => c.notNull())
    .addColumn('created_at', col.timestamp, (c) => c.notNull())
    .addColumn('updated_at', col.timestamp, (c) => c.notNull())
    .execute();

  await col
    .id(db.schema.createTable('survey_waves'))
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('opens_at', col.timestamp, (c) => c.notNull())
    .addColumn('closes_at', col.timestamp, (c) => c.notNull())
    .addColumn('created_at', col.timestamp, (c) => c.notNull())
    .addUniqueConstraint('survey_waves_code', ['survey_id', 'code'])
    .execute();

  // No IP, no user agent: only the place, the answers and a keyed hash of the respondent token.
  await col
    .id(db.schema.createTable('survey_responses'))
    .addColumn('wave_id', 'integer', (c) => c.notNull().references('survey_waves.id'))
    .addColumn('city_code', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text')
    .addColumn('respondent', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('submitted_at', col.timestamp, (c) => c.notNull())
    .addUniqueConstraint('survey_responses_once', ['wave_id', 'respondent'])
    .execute();

  // n, Σx, Σx² per wave × city × county × domain, updated in the response's transaction.
  // county_code is '' for responses from a city-wide link (part of the primary key). Each
  // place's totals are spread over a few shards (summed when read) so concurrent responses
  // from one city do not queue on one row lock on PostgreSQL.
  await db.schema
    .createTable('survey_aggregates')
    .addColumn('wave_id', 'integer', (c) => c.notNull())
    .addColumn('city_code', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('domain_code', 'text', (c) => c.notNull())
    .addColumn('shard', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('sum', 'double precision', (c) => c.notNull())
    .addColumn('sum_sq', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_aggregates_pk', [
      'wave_id',
      'city_code',
      'county_code',
      'domain_code',
      'shard',
    ])
    .execute();

  await db.schema
    .createTable('survey_panel_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('wave_id', 'integer', (c) => c.notNull().references('survey_waves.id'))
    .addColumn('place_code', 'text', (c) => c.notNull())
    .addColumn('created_at', col.timestamp, (c) => c.notNull())
    .addColumn('used_at', col.timestamp)
    .execute();

  // Fixed-window counters shared by every app process when Redis is not configured.
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'double precision', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();

  await col
    .id(db.schema.createTable('hotline_imports'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('inserted', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('imported_at', col.timestamp, (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('hotline_tickets')
    .addColumn('ticket_id', 'text', (c) => c.primaryKey())
    .addColumn('received_at', col.timestamp, (c) => c.notNull())
    .addColumn('due_at', col.timestamp, (c) => c.notNull())
    .addColumn('closed_at', col.timestamp)
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('consumer', 'integer', (c) => c.notNull())
    .addColumn('city_code', 'text', (c) => c.notNull())
    .addColumn('county_code', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('on_time', 'integer')
    .addColumn('import_id', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('hotline_tickets_month_city')
    .on('hotline_tickets')
    .columns(['month', 'city_code', 'category'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'hotline_tickets',
    'hotline_imports',
    'rate_limits',
    'survey_panel_links',
    'survey_aggregates',
    'survey_responses',
    'survey_waves',
    'surveys',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
