// The demo lists: ten valid matters for 2025 and 2026 over the demo values, re-seeding
// replaces them, and their targets get real statuses from the demo data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type TestApp } from '../../testing/app';
import { seedDemo } from '../demo/demo.service';
import { yearStatus } from './practical-matters.service';
import { provinceProgressAt } from '../analytics/analytics.service';
import { DEMO_YEARS, demoMatters, seedPracticalMattersDemo } from './practical-matters.demo';
import { matterIssues } from '../../../../core/practical-matters';

describe.each(testDialects())('practical matters demo on $name', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t?.close());

  it('passes the checks an edit through the API would', async () => {
    const plan = (await t.ctx.plans.current())!.plan;
    for (const year of DEMO_YEARS) {
      const list = demoMatters(year);
      expect(list).toHaveLength(10);
      list.forEach((m, i) => {
        const siblings = list
          .slice(0, i)
          .map((s, j) => ({ id: j + 1, seq: s.seq, targetCodes: s.targets.map((x) => x.code) }));
        expect(matterIssues(plan, m, siblings)).toEqual([]);
      });
    }
  });

  it('seeds both years with the demo data, and gives their targets statuses', async () => {
    const plan = (await t.ctx.plans.current())!.plan;
    const now = new Date('2026-11-20T00:00:00Z');
    await seedDemo(t.ctx.db, plan, t.ctx.orgs, { seed: 42, now, label: 'demo' });
    // Re-seeding the lists replaces them rather than adding ten more.
    await t.ctx.db
      .transaction()
      .execute((trx) => seedPracticalMattersDemo(trx, plan, { now, label: 'demo' }));
    const y2025 = await yearStatus(t.ctx, 2025, '2026-11-20');
    const y2026 = await yearStatus(t.ctx, 2026, '2026-11-20');
    expect(y2025.matters.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(y2026.matters).toHaveLength(10);
    // A closed year is judged at its end: every matter has a verdict, some are short.
    expect(y2025.counts.no_data).toBe(0);
    expect(y2025.counts.achieved).toBeGreaterThan(0);
    expect(y2025.counts.off_track).toBeGreaterThan(0);
    // Every target of the closed year has a value, not only the monthly employment ones: the
    // yearly and quarterly elements count as well, and a ratio matter reads the same figure as
    // the plan's own target over that ratio (T04.3) at the same date.
    const noValue = y2025.matters.flatMap((m) => m.rows.filter((r) => r.value === null));
    expect(noValue.map((r) => `${r.code}: ${r.reason}`)).toEqual([]);
    const t043 = (await provinceProgressAt(t.ctx, '2026-01-01')).targets.find(
      (x) => x.code === 'T04.3',
    )!;
    const ss = y2025.matters.find((m) => m.seq === 3)!.rows.find((r) => r.code === 'SS2025-03-1')!;
    expect(t043.value).not.toBeNull();
    expect(ss).toMatchObject({ value: t043.value, through: t043.through });
    // The running year: values approved so far, with forecasts.
    const running = y2026.matters.flatMap((m) => m.rows.map((r) => r.status));
    expect(running).toContain('achieved');
    expect(running).toContain('at_risk');
  });
});
