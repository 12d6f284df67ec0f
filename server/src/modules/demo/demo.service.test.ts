import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type TestApp } from '../../testing/app';
import { allTargets } from '../../../../core/plan';
import { seedDemo } from './demo.service';
import { generateDemoValues } from './demo-data';
import { demoUnits } from './demo.service';

const NOW = new Date('2026-11-15T00:00:00Z');

describe.each(testDialects())('demo data on $name', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('covers every data element, every city, from 2023 to the last complete period', async () => {
    const current = (await t.ctx.plans.current())!;
    const { values } = await seedDemo(t.ctx.db, current.plan, t.ctx.orgs, {
      seed: 7,
      now: NOW,
      label: 'test',
    });
    expect(values).toBeGreaterThan(10_000);
    const elements = await t.ctx.db
      .selectFrom('data_values')
      .select('element_code')
      .distinct()
      .execute();
    expect(elements).toHaveLength(current.plan.dataElements.length);
    const periods = await t.ctx.db.selectFrom('data_values').select('period').distinct().execute();
    const codes = periods.map((p) => p.period).sort();
    expect(codes[0]).toMatch(/^2023/);
    // Only complete periods: up to October 2026, 2026Q3 and the year 2025.
    const last = (re: RegExp) => codes.filter((c) => re.test(c)).at(-1);
    expect(last(/^\d{4}-\d{2}$/)).toBe('2026-10');
    expect(last(/Q/)).toBe('2026Q3');
    expect(last(/^\d{4}$/)).toBe('2025');
    const cityLevel = await t.ctx.db
      .selectFrom('data_values')
      .innerJoin('org_units', 'org_units.code', 'data_values.unit_code')
      .select(['org_units.parent_code', 'org_units.code', 'org_units.level'])
      .distinct()
      .execute();
    const cities = new Set(cityLevel.map((u) => (u.level === 'county' ? u.parent_code : u.code)));
    for (const city of t.ctx.orgs.all().filter((u) => u.level === 'city'))
      expect(cities.has(city.code)).toBe(true);
    // Only the last months are left for review: from September 2026 (NOW is 15 November), so
    // 2026Q3 (ends in September) is submitted while 2026Q1/Q2 and earlier are approved.
    const statuses = await t.ctx.db
      .selectFrom('data_values')
      .select(['period', 'status'])
      .where('period', 'in', ['2026Q1', '2026Q2', '2026Q3', '2026-08', '2026-09', '2025'])
      .distinct()
      .execute();
    const statusOf = Object.fromEntries(statuses.map((r) => [r.period, r.status]));
    expect(statusOf).toEqual({
      '2026Q1': 'approved',
      '2026Q2': 'approved',
      '2026Q3': 'submitted',
      '2026-08': 'approved',
      '2026-09': 'submitted',
      '2025': 'approved',
    });
  });

  it('keeps ratios consistent: a numerator never exceeds its denominator for shares', async () => {
    const current = (await t.ctx.plans.current())!;
    const shares = allTargets(current.plan).filter(
      (x) => 'numerator' in x.measure && x.unit === '%',
    );
    for (const target of shares.slice(0, 10)) {
      if (!('numerator' in target.measure)) continue;
      const { numerator, denominator } = target.measure;
      const rows = await t.ctx.db
        .selectFrom('data_values as n')
        .innerJoin('data_values as d', (j) =>
          j.onRef('d.unit_code', '=', 'n.unit_code').onRef('d.period', '=', 'n.period'),
        )
        .select(['n.value as num', 'd.value as den'])
        .where('n.element_code', '=', numerator)
        .where('d.element_code', '=', denominator)
        .execute();
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.num).toBeLessThanOrEqual(r.den);
    }
  });
});

describe('demo data generator', () => {
  it('is reproducible from its seed and differs with another seed', async () => {
    const { parsePlanYaml } = await import('../../../../core/plan');
    const fs = await import('node:fs');
    const { plan } = parsePlanYaml(fs.readFileSync('plans/guangdong-2023-2027.yaml', 'utf8'));
    const units = [
      { code: '440000', level: 'province' as const, weight: 1, performance: 1 },
      { code: '441400', level: 'city' as const, weight: 0.03, performance: 0.9 },
    ];
    const a = generateDemoValues(plan!, units, 1, NOW);
    expect(generateDemoValues(plan!, units, 1, NOW)).toEqual(a);
    expect(generateDemoValues(plan!, units, 2, NOW)).not.toEqual(a);
    expect(demoUnits).toBeTypeOf('function');
  });
});
