// Progress against every target at any unit and date: overview, one target's trend and its
// units (map, ranking), regional gaps and dispersion, the cities' composite, publishing and
// the public portal. Rules and scope checks live here; numbers come from core/status.
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context';
import type { OrgUnitTable, Region } from '../../db/schema';
import type { Plan } from '../../../../core/plan/schema';
import { allTargets, type PlanTargetRef } from '../../../../core/plan';
import {
  achievement,
  firstYearShare,
  isExtensive,
  unitTarget,
  coefficientOfVariation,
  targetStatus,
  theilIndex,
  trendLines,
  type Status,
  type StatusSeries,
  type StatusTarget,
  type TargetBasis,
  type TargetStatus,
  type TrendLines,
} from '../../../../core/status';
import { parsePeriod, periodBounds } from '../../../../core/periods/periods';
import { authorize, requireActor } from '../../common/access';
import { can, type Actor } from '../../common/policy';
import { AppError, badRequest, notFound } from '../../common/errors';
import { recordAudit } from '../audit/audit.service';
import { ElementStore, type Mode, type UnitSet } from './analytics.cache';
import { reportedSeries } from './analytics.series';
import { computedSeries, hasProvider } from './analytics.computed';
import { statusConfigFromEnv } from './analytics.config';
import * as repo from './analytics.repository';
import { lateOverview } from '../reporting/timeliness.service';
import { todayCst } from '../../../../core/reporting/deadlines';
import { targetHistoryOf } from '../plan/plan-changes.service';

export const PROVINCE = '440000';
export const REGIONS: Region[] = ['珠三角', '粤东', '粤西', '粤北'];
const STATUSES: Status[] = ['achieved', 'on_track', 'at_risk', 'off_track', 'no_data'];
const statusConfig = statusConfigFromEnv();

const stores = new WeakMap<AppContext, ElementStore>();
/** Loads every element in the background once the app is ready. */
export async function preloadAnalytics(ctx: AppContext): Promise<void> {
  const current = await ctx.plans.current();
  if (current) await storeOf(ctx).preload(current.plan.dataElements.map((e) => e.code));
}

export function storeOf(ctx: AppContext): ElementStore {
  let store = stores.get(ctx);
  if (!store) stores.set(ctx, (store = new ElementStore(ctx.db)));
  return store;
}

export interface AnalyticsQuery {
  unit?: string;
  period?: string;
  includeSubmitted?: boolean;
}

interface Resolved {
  plan: Plan;
  /** The number of the plan revision in force at asOf (part of every cache key). */
  revision?: number;
  /** That revision's first day in force. */
  effectiveFrom?: string;
  asOf: string;
  mode: Mode;
  actor: Actor | null;
}

export type StatusCounts = Record<Status, number>;

export interface TargetRow extends TargetStatus {
  code: string;
  domainCode: string;
  taskNumber: number | null;
  indicator: string;
  text: string;
  comparator: string;
  target: number;
  band: number | null;
  unit: string;
  kind: string;
  deadline: string;
  achievement: number | null;
  /** plan: the plan's own figure; allocation: 分解指标; share: the unit's share of the province. */
  targetBasis: TargetBasis;
}

const today = () => new Date().toISOString().slice(0, 10);

async function currentPlan(ctx: AppContext): Promise<Plan> {
  const current = await ctx.plans.current();
  if (!current)
    throw notFound('PLAN_NOT_IMPORTED', '尚未导入计划，请管理员执行 minsheng plan import');
  return current.plan;
}

/** The revision in force at a date (动态调整): its targets are the ones status is judged by. */
async function planAt(ctx: AppContext, date: string) {
  const found = await ctx.plans.inForceAt(date);
  if (!found)
    throw notFound('PLAN_NOT_IMPORTED', '尚未导入计划，请管理员执行 minsheng plan import');
  return {
    plan: found.plan,
    revision: found.revision.number,
    effectiveFrom: found.revision.effectiveFrom,
  };
}

/** The date a query asks about: the end of its period (not later than today), or today. */
export function resolveAsOf(plan: Plan, period: string | undefined, now = today()): string {
  if (period === undefined || period === '') return now;
  const p = parsePeriod(period);
  if (!p) throw badRequest('PERIOD_INVALID', `期间“${period}”格式无效，应为2025、2025Q3或2025-07`);
  const { start, end } = periodBounds(p);
  if (end < plan.start || start > plan.end)
    throw badRequest(
      'PERIOD_OUTSIDE_PLAN',
      `期间“${period}”不在计划期（${plan.start.slice(0, 4)}—${plan.end.slice(0, 4)}年）内`,
    );
  return end < now ? end : now;
}

async function resolve(
  ctx: AppContext,
  request: FastifyRequest | null,
  q: AnalyticsQuery,
): Promise<Resolved> {
  const asOf = resolveAsOf(await currentPlan(ctx), q.period);
  await storeOf(ctx).refresh();
  return {
    ...(await planAt(ctx, asOf)),
    asOf,
    mode: q.includeSubmitted ? 'withSubmitted' : 'approved',
    actor: request ? requireActor(request) : null,
  };
}

/** An area unit (province, city, county) the caller may read; 404/400/403 otherwise. */
async function areaUnit(
  ctx: AppContext,
  request: FastifyRequest,
  code: string | undefined,
): Promise<OrgUnitTable> {
  const actor = requireActor(request);
  const unitCode = code || defaultUnit(actor);
  const unit = ctx.orgs.get(unitCode);
  if (!unit) throw notFound('UNIT_NOT_FOUND', `单位“${unitCode}”不存在`);
  if (unit.level === 'department')
    throw badRequest('UNIT_NOT_AREA', `“${unit.name}”是部门，请选择省、市或县（区）`);
  await authorize(ctx, request, 'data.read', { unitCode: unit.code });
  return unit;
}

function defaultUnit(actor: Actor): string {
  return (actor.role === 'city' || actor.role === 'county' || actor.role === 'viewer') &&
    actor.unitCode
    ? actor.unitCode
    : PROVINCE;
}

function unitSet(ctx: AppContext, code: string): UnitSet {
  return { key: code, units: ctx.orgs.subtree(code) };
}

function regionSet(ctx: AppContext, region: Region): UnitSet {
  const units = new Set<string>();
  for (const city of ctx.orgs.all().filter((u) => u.level === 'city' && u.region === region))
    for (const code of ctx.orgs.subtree(city.code)) units.add(code);
  return { key: `region:${region}`, units };
}

/** Targets the actor answers for (a department sees its own domains only). */
function visibleTargets(plan: Plan, actor: Actor | null): PlanTargetRef[] {
  return allTargets(plan).filter(
    (t) => !actor || can(actor, 'data.read', { domainCode: t.domainCode }),
  );
}

async function findVisibleTarget(
  ctx: AppContext,
  request: FastifyRequest,
  plan: Plan,
  code: string,
): Promise<PlanTargetRef> {
  const target = allTargets(plan).find((t) => t.code === code);
  if (!target) throw notFound('TARGET_NOT_FOUND', `指标“${code}”不存在于现行计划中`);
  await authorize(ctx, request, 'data.read', { domainCode: target.domainCode });
  return target;
}

const statusTargetOf = (plan: Plan, t: PlanTargetRef): StatusTarget => ({
  ...t,
  start: t.start ?? plan.start,
});

interface Evaluation {
  status: TargetStatus;
  series: StatusSeries | null;
  target: StatusTarget;
  basis: TargetBasis;
}

const noDataStatus = (reason: string): TargetStatus => ({
  status: 'no_data',
  value: null,
  through: null,
  expected: null,
  progress: null,
  forecast: null,
  forecastYear: null,
  provisional: false,
  reason,
});

async function seriesFor(
  ctx: AppContext,
  r: Resolved,
  target: PlanTargetRef,
  scope: UnitSet,
): Promise<StatusSeries | string> {
  const m = target.measure;
  if ('computed' in m) {
    if (!hasProvider(m.computed)) return `由“${m.computed}”计算，相应模块尚未提供该指标`;
    if (scope.key.startsWith('region:')) return '该指标由登记数据计算，暂不支持按区域汇总';
    return computedSeries(ctx.db, m.computed, scope.key, r.plan.start, r.asOf);
  }
  const result = await reportedSeries(storeOf(ctx), r.plan, target, scope, r.mode);
  return 'series' in result ? result.series : result.unavailable;
}

/**
 * The target as it applies to a unit: the plan's figure at the province and for ratios; a
 * count target below the province is the unit's allocation or its share of the province.
 */
async function targetFor(
  ctx: AppContext,
  r: Resolved,
  target: PlanTargetRef,
  scope: UnitSet,
  series: StatusSeries,
): Promise<{ target: StatusTarget; basis: TargetBasis } | string> {
  const plain = statusTargetOf(r.plan, target);
  if (scope.key === PROVINCE || !isExtensive(target, series))
    return { target: plain, basis: 'plan' };
  const province = await seriesFor(ctx, r, target, unitSet(ctx, PROVINCE));
  const share = typeof province === 'string' ? null : firstYearShare(series, province);
  return (
    unitTarget({ ...plain, allocations: target.allocations }, scope.key, share) ??
    '全省目标未分解到本单位，且无法按占比推算'
  );
}

/** Data elements a target is computed from (none for registry-computed targets). */
function elementsOf(target: PlanTargetRef): string[] {
  const m = target.measure;
  return 'element' in m ? [m.element] : 'numerator' in m ? [m.numerator, m.denominator] : [];
}

/**
 * A target's evaluation at a unit, reused until one of its elements changes (the versions
 * are read once per request). Count targets below the province also depend on the province.
 */
async function evaluate(
  ctx: AppContext,
  r: Resolved,
  target: PlanTargetRef,
  scope: UnitSet,
  asOf = r.asOf,
): Promise<Evaluation> {
  const elements = elementsOf(target);
  if (elements.length === 0) return evaluateNow(ctx, r, target, scope, asOf);
  const key = `${r.plan.id}#${r.revision ?? 0}|${target.code}|${scope.key}|${r.mode}|${asOf}`;
  return storeOf(ctx).remember(key, elements, () => evaluateNow(ctx, r, target, scope, asOf));
}

async function evaluateNow(
  ctx: AppContext,
  r: Resolved,
  target: PlanTargetRef,
  scope: UnitSet,
  asOf: string,
): Promise<Evaluation> {
  const plain = statusTargetOf(r.plan, target);
  const series = await seriesFor(ctx, r, target, scope);
  if (typeof series === 'string')
    return { series: null, status: noDataStatus(series), target: plain, basis: 'plan' };
  if (series.points.length === 0)
    return { series, status: noDataStatus('本单位暂无该指标的数据'), target: plain, basis: 'plan' };
  const scaled = await targetFor(ctx, r, target, scope, series);
  if (typeof scaled === 'string')
    return { series, status: noDataStatus(scaled), target: plain, basis: 'plan' };
  return {
    series,
    status: targetStatus(scaled.target, series, asOf, statusConfig),
    target: scaled.target,
    basis: scaled.basis,
  };
}

function row(t: PlanTargetRef, ev: Evaluation): TargetRow {
  const { status } = ev;
  return {
    ...status,
    code: t.code,
    domainCode: t.domainCode,
    taskNumber: t.taskNumber,
    indicator: t.indicator,
    text: t.text,
    comparator: t.comparator,
    target: ev.target.value,
    band: t.band ?? null,
    unit: t.unit,
    kind: t.kind,
    deadline: t.deadline,
    achievement: achievement(ev.target, status),
    targetBasis: ev.basis,
  };
}

const planRevisionOf = (r: Resolved) => ({
  number: r.revision ?? 1,
  effectiveFrom: r.effectiveFrom ?? r.plan.start,
});

const emptyCounts = (): StatusCounts =>
  Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;

function unitInfo(u: OrgUnitTable) {
  return { code: u.code, name: u.name, level: u.level, region: u.region };
}

// ── Province (or city, county) overview ───────────────────────────────────────────────────

export async function overview(ctx: AppContext, request: FastifyRequest, q: AnalyticsQuery) {
  const unit = await areaUnit(ctx, request, q.unit);
  const r = await resolve(ctx, request, q);
  const scope = unitSet(ctx, unit.code);
  const targets = visibleTargets(r.plan, r.actor);
  const rows = await Promise.all(
    targets.map(async (t) => row(t, await evaluate(ctx, r, t, scope))),
  );
  const counts = emptyCounts();
  for (const x of rows) counts[x.status] += 1;
  const domains = r.plan.domains
    .map((d) => {
      const own = rows.filter((x) => x.domainCode === d.code);
      const c = emptyCounts();
      for (const x of own) c[x.status] += 1;
      return { code: d.code, number: d.number, name: d.name, counts: c, targets: own };
    })
    .filter((d) => d.targets.length > 0);
  return {
    asOf: r.asOf,
    includeSubmitted: r.mode === 'withSubmitted',
    planRevision: planRevisionOf(r),
    unit: unitInfo(unit),
    counts,
    domains,
    offTrack: rows.filter((x) => x.status === 'off_track'),
  };
}

// ── One target: status and trend ──────────────────────────────────────────────────────────

export async function targetDetail(
  ctx: AppContext,
  request: FastifyRequest,
  code: string,
  q: AnalyticsQuery,
) {
  const unit = await areaUnit(ctx, request, q.unit);
  const r = await resolve(ctx, request, q);
  const target = await findVisibleTarget(ctx, request, r.plan, code);
  const ev = await evaluate(ctx, r, target, unitSet(ctx, unit.code));
  const trend: TrendLines = ev.series
    ? trendLines(ev.target, ev.series, r.asOf, ev.status)
    : { actual: [], trajectory: [], forecast: [] };
  return {
    asOf: r.asOf,
    includeSubmitted: r.mode === 'withSubmitted',
    planRevision: planRevisionOf(r),
    unit: unitInfo(unit),
    target: row(target, ev),
    trend,
    // Where the target moved (动态调整), for the trend chart's marks.
    history: targetHistoryOf(await ctx.plans.revisions(), code),
  };
}

// ── One target across the units below one unit (map, ranking) ─────────────────────────────

export async function targetUnits(
  ctx: AppContext,
  request: FastifyRequest,
  code: string,
  q: AnalyticsQuery,
) {
  const parent = await areaUnit(ctx, request, q.unit);
  const r = await resolve(ctx, request, q);
  const target = await findVisibleTarget(ctx, request, r.plan, code);
  const children = ctx.orgs
    .all()
    .filter((u) => u.parent_code === parent.code && (u.level === 'city' || u.level === 'county'))
    .sort((a, b) => a.sort_order - b.sort_order || a.code.localeCompare(b.code));
  const rows = await Promise.all(
    children.map(async (u) => {
      const ev = await evaluate(ctx, r, target, unitSet(ctx, u.code));
      return { org: u, ...row(target, ev), rank: null as number | null };
    }),
  );
  const ranked = rows
    .filter((x) => x.achievement !== null)
    .sort((a, b) => b.achievement! - a.achievement!);
  ranked.forEach((x, i) => (x.rank = i + 1));
  const own = await evaluate(ctx, r, target, unitSet(ctx, parent.code));
  return {
    asOf: r.asOf,
    includeSubmitted: r.mode === 'withSubmitted',
    parent: unitInfo(parent),
    target: row(target, own),
    units: rows.map(({ org, rank, ...x }) => ({
      unitCode: org.code,
      unitName: org.name,
      level: org.level,
      region: org.region,
      rank,
      status: x.status,
      target: x.target,
      targetBasis: x.targetBasis,
      value: x.value,
      through: x.through,
      progress: x.progress,
      achievement: x.achievement,
      provisional: x.provisional,
      reason: x.reason,
    })),
  };
}

// ── Regions: values, gap, dispersion over time ────────────────────────────────────────────

export async function targetRegions(
  ctx: AppContext,
  request: FastifyRequest,
  code: string,
  q: AnalyticsQuery,
) {
  // Region and city comparisons are province-wide figures.
  await authorize(ctx, request, 'data.read', { unitCode: PROVINCE });
  const r = await resolve(ctx, request, q);
  const target = await findVisibleTarget(ctx, request, r.plan, code);
  const dates: string[] = [];
  for (let y = Number(r.plan.start.slice(0, 4)); `${y}-01-01` <= r.asOf; y += 1)
    dates.push(`${y}-12-31` < r.asOf ? `${y}-12-31` : r.asOf);
  const cities = ctx.orgs.all().filter((u) => u.level === 'city');
  const regionValues = await Promise.all(
    REGIONS.map(async (region) => ({
      region,
      values: (await statusesAt(ctx, r, target, regionSet(ctx, region), dates)).map((x, i) =>
        ofYear(x, dates[i]!),
      ),
    })),
  );
  const cityValues = await Promise.all(
    cities.map(async (c) => ({
      code: c.code,
      statuses: await statusesAt(ctx, r, target, unitSet(ctx, c.code), dates),
    })),
  );
  // Counts differ by city size: their dispersion is taken over completion rates instead.
  const byProgress =
    cityValues.some((c) => c.statuses.some((x) => x.progress !== null)) &&
    target.unit !== '%' &&
    !('numerator' in target.measure) &&
    target.comparator !== 'decreasing';
  const dispersionOf: 'value' | 'progress' = byProgress ? 'progress' : 'value';
  const years = dates.map((date, i) => {
    const present = regionValues
      .map((rv) => ({ region: rv.region, value: rv.values[i]! }))
      .filter((x): x is { region: Region; value: number } => x.value !== null);
    const sorted = [...present].sort((a, b) => b.value - a.value);
    const cityNumbers = cityValues
      .map((c) => (ofYear(c.statuses[i]!, date) === null ? null : c.statuses[i]![dispersionOf]))
      .filter((v): v is number => v !== null);
    return {
      year: Number(date.slice(0, 4)),
      date,
      regions: Object.fromEntries(regionValues.map((rv) => [rv.region, rv.values[i] ?? null])),
      gap: sorted.length >= 2 ? sorted[0]!.value - sorted[sorted.length - 1]!.value : null,
      highest: sorted[0]?.region ?? null,
      lowest: sorted[sorted.length - 1]?.region ?? null,
      cities: cityNumbers.length,
      cv: coefficientOfVariation(cityNumbers),
      theil: theilIndex(cityNumbers.map((value) => ({ value }))),
    };
  });
  return {
    asOf: r.asOf,
    includeSubmitted: r.mode === 'withSubmitted',
    target: {
      code: target.code,
      indicator: target.indicator,
      unit: target.unit,
      text: target.text,
    },
    regions: REGIONS,
    dispersionOf,
    years,
  };
}

/** A year's value only when that year has data (a yearly element's 2026 is not 2025's). */
function ofYear(status: TargetStatus, date: string): number | null {
  return status.through?.slice(0, 4) === date.slice(0, 4) ? status.value : null;
}

async function statusesAt(
  ctx: AppContext,
  r: Resolved,
  target: PlanTargetRef,
  scope: UnitSet,
  dates: string[],
): Promise<TargetStatus[]> {
  return Promise.all(dates.map(async (d) => (await evaluate(ctx, r, target, scope, d)).status));
}

// ── Cities' composite (the mayor's-office view) ───────────────────────────────────────────

export async function cityComposite(ctx: AppContext, request: FastifyRequest, q: AnalyticsQuery) {
  const r = await resolve(ctx, request, q);
  const actor = requireActor(request);
  const targets = visibleTargets(r.plan, r.actor);
  const rows = await rankedCities(ctx, r, targets);
  const late = await lateReportsByCity(ctx, actor);
  const supervision = await supervisionByCity(ctx);
  return {
    asOf: r.asOf,
    includeSubmitted: r.mode === 'withSubmitted',
    targets: targets.length,
    // The rank is among all 21 cities; the rows are only those the caller may see.
    cities: rows
      .filter((x) => can(actor, 'data.read', { unitCode: x.code }))
      .map((x) => ({
        ...x,
        lateReports: late ? (late.get(x.code) ?? 0) : null,
        openSupervision: supervision.get(x.code)?.open ?? 0,
        overdueSupervision: supervision.get(x.code)?.overdue ?? 0,
      })),
    notes: late ? [] : ['逾期报送情况暂不可用（数据报送模块未返回）'],
  };
}

/** The city a unit belongs to (itself for a city), or null for departments and the province. */
function cityOf(ctx: AppContext, unitCode: string): string | null {
  const unit = ctx.orgs.get(unitCode);
  if (unit?.level === 'city') return unit.code;
  return unit?.level === 'county' ? unit.parent_code : null;
}

/** Open supervision and rectification items per city, its counties' included. */
async function supervisionByCity(ctx: AppContext) {
  const counts = new Map<string, { open: number; overdue: number }>();
  for (const row of await repo.openSupervisionByUnit(ctx.db, todayCst(new Date()))) {
    const city = cityOf(ctx, row.unitCode);
    if (!city) continue;
    const c = counts.get(city) ?? { open: 0, overdue: 0 };
    c.open += Number(row.open);
    c.overdue += Number(row.overdue ?? 0);
    counts.set(city, c);
  }
  return counts;
}

/** Each city's counts of target statuses, ranked by the share of achieved + on-track targets. */
async function rankedCities(ctx: AppContext, r: Resolved, targets: PlanTargetRef[]) {
  const cities = ctx.orgs
    .all()
    .filter((u) => u.level === 'city')
    .sort((a, b) => a.sort_order - b.sort_order || a.code.localeCompare(b.code));
  const rows = await Promise.all(
    cities.map(async (city) => {
      const scope = unitSet(ctx, city.code);
      const counts = emptyCounts();
      for (const t of targets) counts[(await evaluate(ctx, r, t, scope)).status.status] += 1;
      const assessed = targets.length - counts.no_data;
      const good = counts.achieved + counts.on_track;
      return {
        ...unitInfo(city),
        counts,
        assessed,
        onTrackShare: assessed > 0 ? good / assessed : null,
        rank: null as number | null,
      };
    }),
  );
  [...rows]
    .filter((x) => x.onTrackShare !== null)
    .sort((a, b) => b.onTrackShare! - a.onTrackShare! || b.counts.achieved - a.counts.achieved)
    .forEach((x, i) => (x.rank = i + 1));
  return rows;
}

/**
 * Province-wide progress at any date for documents made without a request (bulletins): every
 * target's status at the province and the cities' ranking, approved values only.
 */
export async function provinceProgressAt(ctx: AppContext, asOf: string) {
  const inForce = await planAt(ctx, asOf);
  const plan = inForce.plan;
  await storeOf(ctx).refresh();
  const r: Resolved = { ...inForce, asOf, mode: 'approved', actor: null };
  const targets = visibleTargets(plan, null);
  const scope = unitSet(ctx, PROVINCE);
  const rows = await Promise.all(
    targets.map(async (t) => row(t, await evaluate(ctx, r, t, scope))),
  );
  return { plan, targets: rows, cities: await rankedCities(ctx, r, targets) };
}

/** Reports due in the last 90 days and not submitted, per city (its counties included). */
async function lateReportsByCity(
  ctx: AppContext,
  actor: Actor,
): Promise<Map<string, number> | null> {
  try {
    const items = await lateOverview(ctx, actor);
    const counts = new Map<string, number>();
    for (const item of items) {
      const city = cityOf(ctx, item.unitCode);
      if (city) counts.set(city, (counts.get(city) ?? 0) + 1);
    }
    return counts;
  } catch {
    // The reporting module is another engineer's; the composite stays usable without it.
    return null;
  }
}

// ── Publishing and the public portal ──────────────────────────────────────────────────────

export async function listPublished(ctx: AppContext) {
  const rows = await repo.listPublished(ctx.db);
  return rows.map((x) => ({
    code: x.target_code,
    publishedAt: x.published_at,
    publishedBy: x.published_by,
  }));
}

export async function setPublished(
  ctx: AppContext,
  request: FastifyRequest,
  code: string,
  published: boolean,
): Promise<void> {
  const actor = requireActor(request);
  const plan = await currentPlan(ctx);
  if (published && !allTargets(plan).some((t) => t.code === code))
    throw notFound('TARGET_NOT_FOUND', `指标“${code}”不存在于现行计划中`);
  await ctx.db.transaction().execute(async (trx) => {
    const changed = published
      ? await repo.insertPublished(trx, {
          target_code: code,
          published_at: new Date().toISOString(),
          published_by: actor.username,
        })
      : await repo.deletePublished(trx, code);
    if (!changed)
      throw new AppError(
        409,
        published ? 'ALREADY_PUBLISHED' : 'NOT_PUBLISHED',
        published ? `指标“${code}”已公开` : `指标“${code}”未公开`,
      );
    await recordAudit(trx, {
      action: published ? 'analytics.publish' : 'analytics.unpublish',
      actor,
      ip: request.ip,
      targetType: 'target',
      targetId: code,
    });
  });
}

/** Published targets at the province, approved values only — for anyone, without login. */
export async function publicProgress(ctx: AppContext) {
  const r = await resolve(ctx, null, {});
  const codes = new Set((await repo.listPublished(ctx.db)).map((x) => x.target_code));
  const scope = unitSet(ctx, PROVINCE);
  const domains = new Map(r.plan.domains.map((d) => [d.code, d.name]));
  const targets = allTargets(r.plan).filter((t) => codes.has(t.code));
  const rows = await Promise.all(
    targets.map(async (t) => {
      const { status } = await evaluate(ctx, { ...r, mode: 'approved' }, t, scope);
      return {
        code: t.code,
        domainName: domains.get(t.domainCode) ?? '',
        text: t.text,
        indicator: t.indicator,
        comparator: t.comparator,
        target: t.value,
        unit: t.unit,
        deadline: t.deadline,
        status: status.status,
        value: status.value,
        through: status.through,
        progress: status.progress,
        reason: status.reason,
      };
    }),
  );
  return { asOf: r.asOf, title: r.plan.title, targets: rows };
}

// ── Targets that are not the plan's own (十件民生实事) ─────────────────────────────────────

/**
 * Status rows, like the overview's, of targets kept outside the plan (a year's 十件民生实事)
 * at a unit and date, approved values only. Their definitions can be edited, so the cache
 * key carries a fingerprint of each definition as well as its code.
 */
export async function evaluateTargetsAt(
  ctx: AppContext,
  targets: PlanTargetRef[],
  asOf: string,
  unitCode = PROVINCE,
): Promise<TargetRow[]> {
  const current = await ctx.plans.current();
  if (!current)
    throw notFound('PLAN_NOT_IMPORTED', '尚未导入计划，请管理员执行 minsheng plan import');
  await storeOf(ctx).refresh();
  const r: Resolved = { plan: current.plan, asOf, mode: 'approved', actor: null };
  const scope = unitSet(ctx, unitCode);
  return Promise.all(
    targets.map(async (t) => {
      const keyed = { ...t, code: `${t.code}#${definitionHash(t)}` };
      return { ...row(t, await evaluate(ctx, r, keyed, scope)), code: t.code };
    }),
  );
}

/** A short fingerprint of a target's definition (FNV-1a over its JSON). */
function definitionHash(t: PlanTargetRef): string {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(t)) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(36);
}
