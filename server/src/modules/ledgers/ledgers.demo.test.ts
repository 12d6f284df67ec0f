import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateLedgerItem } from '../../../../core/tasking';
import type { Plan } from '../../../../core/plan/schema';
import { testDialects } from '../../testing/databases';
import { createTestApp, type TestApp } from '../../testing/app';
import { generateDemoLedger, seedLedgerDemo } from './ledgers.demo';
import { planIndex, validationContext } from './ledgers.model';

describe.each(testDialects())('ledger demo on $name', (dialect) => {
  let t: TestApp;
  let plan: Plan;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    plan = (await t.ctx.plans.current())!.plan;
  });
  afterAll(() => t?.close());

  it('gives every task 2–4 valid items, the same for the same seed', async () => {
    const items = generateDemoLedger(plan, t.ctx.orgs, 42);
    expect(generateDemoLedger(plan, t.ctx.orgs, 42)).toEqual(items);
    const vctx = validationContext(t.ctx, await planIndex(t.ctx));
    const perTask = new Map<number, number>();
    for (const i of items) {
      perTask.set(i.taskNumber, (perTask.get(i.taskNumber) ?? 0) + 1);
      const problems = validateLedgerItem(
        {
          taskNumber: i.taskNumber,
          title: i.title,
          description: i.description,
          ownerUnitCode: i.owner,
          cooperatingUnits: i.cooperating,
          cityCode: i.city,
          startDate: i.start,
          dueDate: i.due,
          budget: i.budget,
          targetCodes: i.targets,
          milestones: i.milestones.map((m) => ({
            title: m.title,
            dueDate: m.due,
            definitionOfDone: m.dod,
          })),
        },
        vctx,
      );
      expect(problems, `${i.code} ${i.title}`).toEqual([]);
    }
    expect(perTask.size).toBe(27);
    for (const n of perTask.values()) expect(n).toBeGreaterThanOrEqual(2);
    for (const n of perTask.values()) expect(n).toBeLessThanOrEqual(4);
    expect(items.some((i) => i.taskNumber === 1 && i.city === '441400')).toBe(true);
  });

  it('seeds a ledger with progress and a few late items relative to now', async () => {
    const now = new Date('2026-06-15T02:00:00Z');
    await t.ctx.db
      .transaction()
      .execute((trx) => seedLedgerDemo(trx, plan, t.ctx.orgs, { seed: 42, now, label: 'demo' }));
    const rows = await t.ctx.db
      .selectFrom('ledger_items')
      .select(['status', 'percent_done'])
      .execute();
    const statuses = new Set(rows.map((r) => r.status));
    console.log(
      'DIST',
      JSON.stringify(
        rows.reduce<Record<string, number>>(
          (a, r) => ({ ...a, [r.status]: (a[r.status] ?? 0) + 1 }),
          {},
        ),
      ),
    );
    expect(statuses.has('delayed')).toBe(true);
    expect(statuses.has('on_track')).toBe(true);
    expect(statuses.has('at_risk')).toBe(true);
    expect(rows.filter((r) => r.status === 'delayed').length).toBeLessThan(rows.length / 2);
    const reports = await t.ctx.db.selectFrom('ledger_progress_reports').select('id').execute();
    expect(reports.length).toBeGreaterThan(rows.length);
  });
});
