import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type TestApp } from '../../testing/app';
import { seedSupervisionDemo } from './supervision.demo';
import { board } from './supervision.service';

const NOW = new Date('2026-11-15T02:00:00Z');

describe.each(testDialects())('supervision demo on $name', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  const snapshot = () =>
    t.ctx.db
      .selectFrom('supervision_items')
      .select(['kind', 'level', 'status', 'target_unit_code', 'reply_due', 'title'])
      .orderBy('id')
      .execute();

  it('seeds the same items on every run, with an overdue 挂牌督办 to 梅州市 and an inspection', async () => {
    const seed = () =>
      t.ctx.db
        .transaction()
        .execute((trx) => seedSupervisionDemo(trx, t.ctx.orgs, { now: NOW, label: 'demo' }));
    const first = await seed();
    const rows = await snapshot();
    await seed();
    expect(await snapshot()).toEqual(rows);
    expect(first).toEqual({ items: 7, inspections: 1 });
    expect(rows.map((r) => r.status).sort()).toEqual(
      ['closed', 'open', 'open', 'open', 'open', 'replied', 'returned'].sort(),
    );
    expect(rows.filter((r) => r.kind === 'rectification')).toHaveLength(2);

    const system = {
      userId: 0,
      username: 'x',
      role: 'supervisor' as const,
      unitCode: null,
      unitScope: 'all' as const,
      domainScope: 'all' as const,
    };
    const b = await board(t.ctx, system, NOW);
    expect(b.overdue[0]).toMatchObject({ level: 'listed', targetUnitName: '梅州市', daysLate: 5 });
    expect(b.recentlyClosed).toHaveLength(1);
    expect(b.summary.closedThisMonth).toBe(1);
  });
});
