// Loads the demo data set into the database: every data element, every reporting unit,
// from the plan's start to the last complete period. Recent periods stay 'submitted'.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Plan } from '../../../../core/plan/schema';
import type { OrgDirectory } from '../org-units/org-units.service';
import { recordAudit } from '../audit/audit.service';
import { generateDemoValues, seededRandom, type DemoUnit } from './demo-data';
import { CITY_POPULATION_WAN } from './city-population';
import { parsePeriod, periodBounds } from '../../../../core/periods/periods';
import { seedDemoSubmissions } from '../reporting/demo-submissions';
import { seedServiceAreaDemo } from '../service-areas/service-areas.demo';
import { seedCasesDemo } from '../cases/cases.demo';
import { seedPracticalMattersDemo } from '../practical-matters/practical-matters.demo';
import { clearSupervisionDemo, seedSupervisionDemo } from '../supervision/supervision.demo';
import { seedLedgerDemo } from '../ledgers/ledgers.demo';

export async function seedDemo(
  db: Kysely<DB>,
  plan: Plan,
  orgs: OrgDirectory,
  options: { seed: number; now?: Date; label: string },
): Promise<{ values: number }> {
  const now = options.now ?? new Date();
  const values = generateDemoValues(plan, demoUnits(orgs, options.seed), options.seed, now);
  const submittedFrom = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1))
    .toISOString()
    .slice(0, 7);
  const at = now.toISOString();
  // Judged by the period's last month: '2026Q1' must compare as 2026-03, not as a string.
  const lastMonth = (period: string) => {
    const p = parsePeriod(period);
    return p ? periodBounds(p).end.slice(0, 7) : period;
  };
  const statusOf = (period: string): 'submitted' | 'approved' =>
    lastMonth(period) >= submittedFrom ? 'submitted' : 'approved';
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('data_values').execute();
    for (let i = 0; i < values.length; i += 500) {
      const rows = values.slice(i, i + 500).map((v) => ({
        element_code: v.elementCode,
        unit_code: v.unitCode,
        period: v.period,
        value: v.value,
        status: statusOf(v.period),
        updated_at: at,
        updated_by: options.label,
      }));
      await trx.insertInto('data_values').values(rows).execute();
    }
    // Supervision items point at ledger items: cleared before, seeded after the ledger demo.
    await clearSupervisionDemo(trx);
    await seedLedgerDemo(trx, plan, orgs, { seed: options.seed, now, label: options.label });
    await seedServiceAreaDemo(trx, orgs, { seed: options.seed, now, label: options.label });
    await seedDemoSubmissions(trx, orgs, now);
    await seedSupervisionDemo(trx, orgs, { now, label: options.label });
    await seedCasesDemo(trx, plan, { now, label: options.label });
    await seedPracticalMattersDemo(trx, plan, { now, label: options.label });
    await recordAudit(trx, {
      action: 'demo.seed',
      username: options.label,
      details: { seed: options.seed, values: values.length },
    });
  });
  return { values: values.length };
}

/** Cities weighted by population; a city's counties share its weight unevenly. */
export function demoUnits(orgs: OrgDirectory, seed: number): DemoUnit[] {
  const random = seededRandom(seed + 1);
  const all = orgs.all();
  const total = Object.values(CITY_POPULATION_WAN).reduce((a, b) => a + b, 0);
  const units: DemoUnit[] = [{ code: '440000', level: 'province', weight: 1, performance: 1 }];
  for (const city of all.filter((u) => u.level === 'city')) {
    const weight = (CITY_POPULATION_WAN[city.code] ?? total / 21) / total;
    // The plan's own concern: 粤东粤西粤北 lag the Pearl River Delta, and some catch up.
    const performance = (city.region === '珠三角' ? 1.03 : 0.94) + (random() - 0.5) * 0.12;
    units.push({ code: city.code, level: 'city', weight, performance });
    const counties = all.filter((u) => u.parent_code === city.code);
    const shares = counties.map(() => 0.5 + random());
    const sum = shares.reduce((a, b) => a + b, 0);
    counties.forEach((county, i) =>
      units.push({
        code: county.code,
        level: 'county',
        weight: (weight * shares[i]!) / sum,
        performance: performance + (random() - 0.5) * 0.08,
      }),
    );
  }
  return units;
}
