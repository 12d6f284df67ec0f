// Migration 0011 on a database that already holds revisions: the first is in force from the
// plan's start, a later import from its import date; revisions already dated are left alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { testDialects, type TestDatabase } from '../../testing/databases';
import { backfillEffectiveFrom } from './0011_plan_changes';

describe.each(testDialects())('migration 0011 on $name', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await dialect.create();
  });
  afterAll(() => database.destroy());

  it('dates existing revisions from the plan start, then from their import date', async () => {
    const db = database.db;
    const document = JSON.stringify({ start: '2023-01-01' });
    const row = (number: number, created: string, effective: string | null) => ({
      plan_id: 'p',
      number,
      title: 't',
      document,
      reason: 'r',
      created_at: created,
      created_by: 'x',
      effective_from: effective,
    });
    await db
      .insertInto('plan_revisions')
      .values([
        row(1, '2024-03-05T10:00:00.000Z', null),
        row(2, '2025-06-30T23:30:00.000Z', null),
        row(3, '2026-01-02T00:00:00.000Z', '2026-02-01'),
      ])
      .execute();
    await backfillEffectiveFrom(db as unknown as Kysely<unknown>);
    const dated = await db
      .selectFrom('plan_revisions')
      .select(['number', 'effective_from'])
      .orderBy('number')
      .execute();
    expect(dated).toEqual([
      { number: 1, effective_from: '2023-01-01' },
      { number: 2, effective_from: '2025-06-30' },
      { number: 3, effective_from: '2026-02-01' },
    ]);
  });
});
