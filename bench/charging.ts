// bench/charging: compliance (per area, per city, province) and the gap plan for 10,000
// synthetic service areas — a national-scale registry. Goal: the API answer (compliance + gap
// plan, through the real app with scope filtering) < 200 ms, both with the per-process copy of
// the registry current and right after a change (reloaded). Baselines in the same run: the
// pure core functions alone, and the province/city sums by a plain SQL GROUP BY.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import {
  areaCompliance,
  gapPlan,
  PLAN_THRESHOLDS,
  summarize,
  type ChargingArea,
} from '../core/charging';
import { seededRandom } from '../server/src/modules/demo/demo-data';
import { historyRow } from '../server/src/modules/service-areas/service-areas.service';
import type { ServiceAreaData } from '../server/src/modules/service-areas/service-areas.model';
import { toFields } from '../server/src/modules/service-areas/service-areas.model';
import { benchApp, median, type BenchFigure, type Engine } from './lib';

const AREAS = Number(process.env.BENCH_CHARGING_AREAS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_CHARGING_ROUNDS ?? 7);
const CITIES = [
  '440100',
  '440200',
  '440300',
  '440400',
  '440500',
  '440600',
  '440700',
  '440800',
  '440900',
  '441200',
  '441300',
  '441400',
  '441500',
  '441600',
  '441700',
  '441800',
  '441900',
  '442000',
  '445100',
  '445200',
  '445300',
];

function synthetic(n: number): ServiceAreaData[] {
  const random = seededRandom(42);
  return Array.from({ length: n }, (_, i) => {
    const parking = 20 + Math.floor(random() * 280);
    const roadClass = random() < 0.75 ? 'expressway' : random() < 0.9 ? 'national' : 'other';
    return {
      name: `合成服务区${i}`,
      road: `G${i % 100}`,
      roadClass,
      direction: i % 2 ? '南行' : '北行',
      cityCode: CITIES[i % CITIES.length]!,
      countyCode: null,
      longitude: 113.3,
      latitude: 23.1,
      parkingSpaces: parking,
      chargingSpaces: Math.floor(parking * random() * 0.25),
      chargerCount: 1,
      chargerPowerKw: 60,
      status: random() < 0.05 ? 'under-construction' : 'existing',
      statusDate: null,
      operator: '',
    };
  });
}

async function time(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function measure(fn: () => unknown): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) times.push(await time(fn));
  return Math.round(median(times) * 10) / 10;
}

export async function charging(database: Engine): Promise<BenchFigure[]> {
  const t = await benchApp(database);
  try {
    const rows = synthetic(AREAS);
    const now = new Date().toISOString();
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500);
      const ids = await t.ctx.db
        .insertInto('service_areas')
        .values(
          batch.map((r) => ({
            ...toFields(r),
            valid_from: '2023-01-01',
            created_at: now,
            updated_at: now,
            deleted_at: null,
          })),
        )
        .returning('id')
        .execute();
      await t.ctx.db
        .insertInto('service_area_history')
        .values(
          batch.map((r, k) => historyRow(ids[k]!.id, 'create', r, '2023-01-01', now, 'bench')),
        )
        .execute();
    }
    const supervisor = await t.login('supervisor');
    const get = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url, headers: supervisor.headers });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res;
    };
    const api = await measure(async () => {
      await get('/api/service-areas/compliance');
      await get('/api/service-areas/gap-plan?fromYear=2025&toYear=2027&spread=front-loaded');
    });
    // Right after a change: the per-process copy of the registry is reloaded.
    const coldTimes: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      await t.ctx.db
        .insertInto('service_area_history')
        .values(historyRow(1, 'update', rows[0]!, '2023-01-01', now, 'bench'))
        .execute();
      coldTimes.push(
        await time(async () => {
          await get('/api/service-areas/compliance');
          await get('/api/service-areas/gap-plan?fromYear=2025&toYear=2027&spread=front-loaded');
        }),
      );
    }
    const cold = Math.round(median(coldTimes) * 10) / 10;
    const past = await measure(() => get('/api/service-areas/compliance?at=2024-06-30'));
    const areas: ChargingArea[] = rows.map((r) => ({ ...r, countyCode: null }));
    const pure = await measure(() => {
      const { groups } = summarize(areas, PLAN_THRESHOLDS, (a) => a.cityCode);
      areas.map((a) => areaCompliance(a, PLAN_THRESHOLDS)).sort((a, b) => b.gap - a.gap);
      gapPlan(
        [...groups].map(([key, g]) => ({ key, gap: g.gap })),
        { fromYear: 2025, toYear: 2027, spread: 'even' },
      );
    });
    const groupBy = await measure(() =>
      sql`select city_code, road_class, sum(charging_spaces) as charging, sum(parking_spaces) as parking, count(*) as n
          from service_areas where deleted_at is null and status <> 'under-construction'
          group by city_code, road_class`.execute(t.ctx.db),
    );
    const base = { bench: 'charging', database, unit: 'ms' } as const;
    return [
      {
        ...base,
        figure: `API compliance + gap plan, ${AREAS} areas`,
        value: api,
        goal: '< 200 ms',
        met: api < 200,
      },
      {
        ...base,
        figure: `API compliance + gap plan right after a change (registry reloaded)`,
        value: cold,
        goal: '< 200 ms',
        met: cold < 200,
      },
      {
        ...base,
        figure: `API compliance at a past date (from history), ${AREAS} areas`,
        value: past,
      },
      { ...base, figure: 'baseline: pure core functions alone', value: pure },
      { ...base, figure: 'baseline: SQL GROUP BY city, class (sums only)', value: groupBy },
      {
        ...base,
        figure: 'ratio API / pure core functions',
        value: Math.round((api / pure) * 10) / 10,
        unit: '×',
      },
    ];
  } finally {
    await t.close();
  }
}
