// Compliance of the registry as the actor may see it — now, or at any past date rebuilt from
// the change history — and the gap plan with its what-if parameters.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context';
import type { Actor } from '../../common/policy';
import type { DB } from '../../db/schema';
import {
  areaCompliance,
  countNewOrUpgraded,
  isNewOrUpgraded,
  type ChargingArea,
  gapPlan,
  NEW_OR_UPGRADED_TARGET,
  PLAN_START,
  summarize,
  type GapPlan,
  type GroupSummary,
  type Spread,
  type Thresholds,
} from '../../../../core/charging';
import { fromFields, toChargingArea } from './service-areas.model';
import * as repo from './service-areas.repository';
import type { ComplianceRow } from './service-areas.repository';
import { currentRows, rowsAt } from './service-areas.registry-cache';
import { canSee, today } from './service-areas.service';

export type Snapshot = ComplianceRow;

/** The registry at `at` (YYYY-MM-DD) from the history; today's state from the table itself. */
export async function registryAt(db: Kysely<DB>, at: string | null): Promise<Snapshot[]> {
  if (!at || at >= today()) return currentRows(db);
  return rowsAt(db, at);
}

const visible = (actor: Actor, rows: Snapshot[]) =>
  rows.filter((r) => canSee(actor, { cityCode: r.city_code, countyCode: r.county_code }));

export interface ComplianceOptions {
  at: string | null;
  thresholds: Thresholds;
  fixFirstLimit: number;
}

export async function complianceReport(ctx: AppContext, actor: Actor, options: ComplianceOptions) {
  const at = options.at ?? today();
  const rows = visible(actor, await registryAt(ctx.db, options.at));
  const areas = rows.map(toChargingArea);
  const { total, groups } = summarize(areas, options.thresholds, (a) => a.cityCode);
  const cityName = (code: string) => ctx.orgs.get(code)?.name ?? code;
  const cities = [...groups]
    .map(([code, g]) => ({ cityCode: code, cityName: cityName(code), ...g }))
    .sort((a, b) => a.cityCode.localeCompare(b.cityCode));
  const worst = rows
    .map((row) => ({ row, c: areaCompliance(toChargingArea(row), options.thresholds) }))
    .filter(({ c }) => c.compliant === false)
    .sort((a, b) => b.c.gap - a.c.gap || (a.c.ratioPercent ?? 0) - (b.c.ratioPercent ?? 0))
    .slice(0, options.fixFirstLimit);
  // Full records only for the few listed; at a past date they show today's names and places.
  const full = new Map(
    (
      await repo.findAreas(
        ctx.db,
        worst.map((w) => w.row.id),
      )
    ).map((r) => [r.id, r]),
  );
  const fixFirst = worst
    .filter(({ row }) => full.has(row.id))
    .map(({ row, c }) => ({
      id: row.id,
      ...fromFields({ ...full.get(row.id)!, ...row }),
      cityName: cityName(row.city_code),
      ...c,
    }));
  const range = { from: PLAN_START, to: at };
  const newByCity = new Map<string, ChargingArea[]>();
  for (const a of areas)
    if (isNewOrUpgraded(a, range))
      newByCity.set(a.cityCode, [...(newByCity.get(a.cityCode) ?? []), a]);
  return {
    at,
    thresholds: options.thresholds,
    areas: rows.length,
    province: actor.unitScope === 'all' ? (total satisfies GroupSummary) : null,
    cities: cities.map((c) => ({
      ...c,
      newOrUpgraded: countNewOrUpgraded(newByCity.get(c.cityCode) ?? [], range),
    })),
    newOrUpgraded: { count: countNewOrUpgraded(areas, range), target: NEW_OR_UPGRADED_TARGET },
    fixFirst,
  };
}

export interface GapPlanQuery {
  thresholds: Thresholds;
  fromYear: number;
  toYear: number;
  spread: Spread;
}

export interface CityGapRow {
  key: string;
  cityName: string;
  gap: number;
  expresswayGap: number;
  nationalGap: number;
  perYear: number[];
}

export type CityGapPlan = Omit<GapPlan, 'rows'> & { rows: CityGapRow[] };

export async function cityGapPlan(
  ctx: AppContext,
  actor: Actor,
  q: GapPlanQuery,
): Promise<CityGapPlan> {
  const rows = visible(actor, await currentRows(ctx.db));
  const { groups } = summarize(rows.map(toChargingArea), q.thresholds, (a) => a.cityCode);
  const gaps = [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, g]) => ({ key, gap: g.gap }));
  const plan = gapPlan(gaps, q);
  return {
    ...plan,
    rows: plan.rows.map((r) => ({
      ...r,
      cityName: ctx.orgs.get(r.key)?.name ?? r.key,
      expresswayGap: groups.get(r.key)!.expressway.gap,
      nationalGap: groups.get(r.key)!.national.gap,
    })),
  };
}
