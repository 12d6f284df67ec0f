// The status of a target at a date — value, expected value on the trajectory, progress,
// forecast at the deadline, status and its reason in Chinese. One pure function, used by the
// API, the dashboard, the public portal and (later) the bulletins.
import type { Comparator, Target } from '../plan/schema';
import {
  combine,
  lastFull,
  monthIndex,
  monthLabel,
  monthOfDate,
  monthsCovered,
  observations,
  single,
  slopePerMonth,
  trailing,
  years,
  type Observation,
  type StatusSeries,
  type YearSummary,
} from './series';
import { goalText, periodLabel, relationText, withUnit, type Goal } from './words';

export type Status = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'no_data';

export const STATUS_LABELS: Record<Status, string> = {
  achieved: '已完成',
  on_track: '正常推进',
  at_risk: '存在风险',
  off_track: '进度滞后',
  no_data: '暂无数据',
};

export interface StatusConfig {
  /** Relative shortfall (of the forecast, or of the value) still "at risk" rather than "off track". */
  atRiskTolerance: number;
  /** Months of recent data the trend of a level or maintain target is fitted to. */
  trendMonths: number;
  /** Months of recent data the run rate of a cumulative target is taken from. */
  runRateMonths: number;
  /** A maintain target that missed in this many recent months is at risk. */
  lookbackMonths: number;
}

export const DEFAULT_STATUS_CONFIG: StatusConfig = {
  atRiskTolerance: 0.05,
  trendMonths: 24,
  runRateMonths: 12,
  lookbackMonths: 12,
};

/** A target with its start resolved (the plan's start when the target gives none). */
export type StatusTarget = Pick<
  Target,
  'comparator' | 'value' | 'band' | 'unit' | 'kind' | 'deadline' | 'baseline' | 'milestones'
> & { start: string };

export interface YearResult {
  year: number;
  value: number;
  complete: boolean;
  met: boolean;
}

export interface TargetStatus {
  status: Status;
  /** The value at the date, in the target's unit. */
  value: number | null;
  /** Period code of the latest data used. */
  through: string | null;
  /** Where the trajectory says the value should be at `through`. */
  expected: number | null;
  /** Value as a percentage of the target (completion rate). */
  progress: number | null;
  /** Forecast at the deadline (annual targets: at the end of the current year). */
  forecast: number | null;
  forecastYear: number | null;
  /** Some of the data used is submitted but not yet approved. */
  provisional: boolean;
  reason: string;
  years?: YearResult[];
}

type Verdict = 'meets' | 'near' | 'misses';

/** How a value stands against a goal, with the at-risk tolerance around it. */
export function judge(x: number, goal: Goal, tolerance: number): Verdict {
  const v = goal.value;
  const eps = 1e-9 * Math.max(1, Math.abs(v));
  const margin = tolerance * Math.abs(v);
  const within = (distance: number) =>
    distance <= eps ? 'meets' : distance <= margin + eps ? 'near' : 'misses';
  switch (goal.comparator) {
    case '>=':
      return within(v - x);
    case '<=':
      return within(x - v);
    case '==':
      return within(Math.abs(x - v));
    case '≈':
      return within(Math.abs(x - v) - (goal.band ?? 0));
    case 'decreasing':
      return 'meets';
  }
}

const STATUS_OF: Record<Verdict, Status> = {
  meets: 'on_track',
  near: 'at_risk',
  misses: 'off_track',
};

/** Last month fully covered by a date (2025-10-31 → October; 2025-10-15 → September). */
export function lastCompleteMonth(asOf: string): number {
  const d = new Date(`${asOf}T00:00:00Z`);
  const next = new Date(d.getTime() + 86_400_000);
  const m = monthIndex(d.getUTCFullYear(), d.getUTCMonth() + 1);
  return next.getUTCDate() === 1 ? m : m - 1;
}

const noData = (reason: string): TargetStatus => ({
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

export function targetStatus(
  target: StatusTarget,
  series: StatusSeries,
  asOf: string,
  config: StatusConfig = DEFAULT_STATUS_CONFIG,
): TargetStatus {
  const obs = observations(series, lastCompleteMonth(asOf));
  if (obs.length === 0) return noData(`截至${asOf.slice(0, 10)}暂无数据`);
  const input: Input = { target, series, obs, asOf, config, goal: target };
  const result =
    target.comparator === 'decreasing'
      ? decreasing(input)
      : target.kind === 'cumulative'
        ? cumulative(input)
        : target.kind === 'annual'
          ? annual(input)
          : target.kind === 'maintain'
            ? maintain(input)
            : level(input);
  if (result.provisional && result.status !== 'no_data') result.reason += '（含未审核数据）';
  return result;
}

interface Input {
  target: StatusTarget;
  series: StatusSeries;
  obs: Observation[];
  asOf: string;
  config: StatusConfig;
  goal: Goal;
}

const last = <T>(xs: T[]): T => xs[xs.length - 1]!;
const pct = (x: number, v: number) => (v === 0 ? null : (x / v) * 100);
const anyProvisional = (obs: Observation[]) => obs.some((o) => o.point.provisional === true);
const isRatio = (s: StatusSeries) => s.scale !== undefined;

/** Linear interpolation through the knots (sorted by month); flat outside them. */
export function interpolate(knots: Array<{ month: number; value: number }>, month: number): number {
  const sorted = [...knots].sort((a, b) => a.month - b.month);
  if (month <= sorted[0]!.month) return sorted[0]!.value;
  for (let i = 1; i < sorted.length; i += 1) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (month <= b.month)
      return b.month === a.month
        ? b.value
        : a.value + ((b.value - a.value) * (month - a.month)) / (b.month - a.month);
  }
  return last(sorted).value;
}

/** Knots of the expected trajectory: the anchor, the plan's milestones, the deadline. */
export function trajectoryKnots(
  target: StatusTarget,
  anchor: { month: number; value: number },
): Array<{ month: number; value: number }> {
  const milestones = (target.milestones ?? []).map((m) => ({
    month: monthOfDate(m.date),
    value: m.value,
  }));
  return [anchor, ...milestones, { month: monthOfDate(target.deadline), value: target.value }];
}

function deadlinePassed(input: Input): boolean {
  return input.asOf.slice(0, 10) > input.target.deadline;
}

function cumulative(input: Input): TargetStatus {
  const { target, series, config } = input;
  const from = monthOfDate(target.start) - 1;
  const obs = input.obs.filter((o) => o.month - o.months >= from);
  if (obs.length === 0) return noData(`${periodLabel(target.start.slice(0, 7))}以来暂无数据`);
  const full = lastFull(obs);
  const through = full.month;
  const deadline = monthOfDate(target.deadline);
  const flow = series.aggregation === 'flow';
  const value = flow ? combine(series, obs) : single(series, last(obs));
  if (value === null) return noData('分母为零，无法计算');
  const anchor = target.baseline
    ? { month: monthOfDate(target.baseline.date), value: target.baseline.value }
    : { month: from, value: 0 };
  const expected = interpolate(trajectoryKnots(target, anchor), through);
  let forecast: number | null;
  if (flow) {
    const window = trailing(obs, through, config.runRateMonths).filter((o) => !o.point.partial);
    const rate = (combine(series, window) ?? 0) / Math.max(1, monthsCovered(window));
    forecast = value + rate * Math.max(0, deadline - through);
  } else {
    forecast = trendForecast(input, obs, value, through);
  }
  const base = {
    value,
    through: full.period,
    expected,
    progress: pct(value, target.value),
    forecast,
    forecastYear: Number(target.deadline.slice(0, 4)),
    provisional: anyProvisional(obs),
  };
  const head = `截至${monthLabel(through)}累计${withUnit(value, target.unit)}${partialNote(obs, full)}，完成目标的${formatPct(base.progress)}`;
  return judgeAgainstTrajectory(
    input,
    base,
    head,
    (year, f) => `按当前增速，${year}年预计达到${f}`,
  );
}

/** Later periods that only some units have reported are counted, and said so. */
/**
 * The verdict shared by cumulative and level targets: achieved now, deadline passed, or the
 * forecast at the deadline against the goal (with the expected value on the trajectory).
 */
function judgeAgainstTrajectory(
  input: Input,
  base: Omit<TargetStatus, 'status' | 'reason'> & {
    value: number;
    expected: number;
    forecastYear: number;
  },
  head: string,
  forecastPhrase: (year: number, forecast: string) => string,
): TargetStatus {
  const { target, config, goal } = input;
  const { value, expected, forecast } = base;
  if (judge(value, goal, 0) === 'meets')
    return { ...base, status: 'achieved', reason: `${head}，已达到目标（${goalText(goal)}）` };
  if (deadlinePassed(input))
    return {
      ...base,
      status: 'off_track',
      reason: `${head}，期限已过仍${relationText(value, goal, false)}`,
    };
  const progressNote = `（按进度应达${withUnit(expected, target.unit)}）`;
  if (forecast === null) return expectedOnly(base, input, value, expected, head + progressNote);
  const verdict = judge(forecast, goal, config.atRiskTolerance);
  const predicted = forecastPhrase(base.forecastYear, withUnit(forecast, target.unit));
  return {
    ...base,
    status: STATUS_OF[verdict],
    reason: `${head}${progressNote}；${predicted}，${relationText(forecast, goal, verdict === 'meets')}`,
  };
}

function partialNote(obs: Observation[], full: Observation): string {
  const later = obs.filter((o) => o.month > full.month);
  return later.length ? `（含${periodLabel(last(later).period)}等部分单位已报数据）` : '';
}

function formatPct(p: number | null): string {
  return p === null ? '—' : `${withUnit(p, '%')}`;
}

/** Without a forecast, judge the value against where the trajectory says it should be. */
function expectedOnly(
  base: Omit<TargetStatus, 'status' | 'reason'>,
  input: Input,
  value: number,
  expected: number,
  head: string,
): TargetStatus {
  const goal = { ...input.goal, value: expected, comparator: input.goal.comparator };
  const verdict = judge(value, goal, input.config.atRiskTolerance);
  const words = verdict === 'meets' ? '进度符合预期' : '进度落后于预期';
  return { ...base, status: STATUS_OF[verdict], reason: `${head}；数据不足以推算趋势，${words}` };
}

/** Latest value plus the fitted monthly slope times the months left to the deadline. */
function trendForecast(
  input: Input,
  obs: Observation[],
  value: number,
  through: number,
): number | null {
  const points = trendPoints(input, obs);
  const slope = slopePerMonth(points);
  if (slope === null) return null;
  const forecast = value + slope * Math.max(0, monthOfDate(input.target.deadline) - through);
  const capped =
    input.target.unit === '%' && isRatio(input.series) ? Math.min(100, forecast) : forecast;
  return Math.max(0, capped);
}

/** Points the trend is fitted to: stock observations, or complete years of a flow. */
function trendPoints(input: Input, obs: Observation[]): Array<{ month: number; value: number }> {
  const { series, config } = input;
  const points =
    series.aggregation === 'stock'
      ? obs.flatMap((o) => {
          const v = single(series, o);
          return v === null ? [] : [{ month: o.month, value: v }];
        })
      : years(series, obs)
          .filter((y) => y.complete)
          .map((y) => ({ month: y.through, value: y.value }));
  if (points.length === 0) return [];
  const end = last(points).month;
  return points.filter((p) => p.month > end - config.trendMonths);
}

/** A level's current value: the latest stock, or a flow over the trailing 12 months. */
function currentLevel(series: StatusSeries, obs: Observation[]): number | null {
  if (series.aggregation === 'stock') return single(series, last(obs));
  const window = trailing(obs, lastFull(obs).month, 12).filter((o) => !o.point.partial);
  const value = combine(series, window);
  if (value === null || isRatio(series)) return value;
  return (value * 12) / Math.min(12, monthsCovered(window));
}

function level(input: Input): TargetStatus {
  const { target, series, obs, goal } = input;
  const value = currentLevel(series, obs);
  if (value === null) return noData('分母为零，无法计算');
  const throughObs = series.aggregation === 'flow' ? lastFull(obs) : last(obs);
  const through = throughObs.month;
  const anchor = target.baseline
    ? { month: monthOfDate(target.baseline.date), value: target.baseline.value }
    : (trendAnchor(input) ?? { month: through, value });
  const expected =
    goal.comparator === '≈' ? target.value : interpolate(trajectoryKnots(target, anchor), through);
  const forecast = trendForecast(input, obs, value, through);
  const base = {
    value,
    through: throughObs.period,
    expected,
    progress: pct(value, target.value),
    forecast,
    forecastYear: Number(target.deadline.slice(0, 4)),
    provisional: anyProvisional(obs),
  };
  const head = `${monthLabel(through)}为${withUnit(value, target.unit)}`;
  return judgeAgainstTrajectory(input, base, head, (year, f) => `按近期趋势，${year}年预计${f}`);
}

/** The value at plan start: the earliest observation (or complete year of a flow). */
function trendAnchor(input: Input): { month: number; value: number } | null {
  const { series, obs } = input;
  if (series.aggregation === 'stock') {
    const v = single(series, obs[0]!);
    return v === null ? null : { month: obs[0]!.month, value: v };
  }
  const first = years(series, obs).find((y) => y.complete);
  return first ? { month: first.through, value: first.value } : null;
}

function maintain(input: Input): TargetStatus {
  const { target, series, obs, config, goal } = input;
  const valued = obs.flatMap((o) => {
    const v = single(series, o);
    return v === null ? [] : [{ o, v }];
  });
  if (valued.length === 0) return noData('分母为零，无法计算');
  const latest = last(valued);
  const through = latest.o.month;
  const recentMisses = valued.filter(
    (p) => p.o.month > through - config.lookbackMonths && judge(p.v, goal, 0) !== 'meets',
  );
  const forecast = trendForecast(input, obs, latest.v, through);
  const base = {
    value: latest.v,
    through: latest.o.period,
    expected: target.value,
    progress: pct(latest.v, target.value),
    forecast,
    forecastYear: Number(target.deadline.slice(0, 4)),
    provisional: anyProvisional(obs),
  };
  const latestVerdict = judge(latest.v, goal, config.atRiskTolerance);
  const head = `最近一期（${periodLabel(latest.o.period)}）为${withUnit(latest.v, target.unit)}`;
  if (latestVerdict !== 'meets')
    return {
      ...base,
      status: STATUS_OF[latestVerdict],
      reason: `${head}，${relationText(latest.v, goal, false)}（须始终保持${goalText(goal)}）`,
    };
  const misses = recentMisses.length;
  if (misses > 0)
    return {
      ...base,
      status: 'at_risk',
      reason: `${head}，${relationText(latest.v, goal, true)}；但近${config.lookbackMonths}个月有${misses}期未达标`,
    };
  if (forecast !== null && judge(forecast, goal, 0) !== 'meets')
    return {
      ...base,
      status: 'at_risk',
      reason: `${head}，${relationText(latest.v, goal, true)}；按近期趋势，${base.forecastYear}年预计${withUnit(forecast, target.unit)}，${relationText(forecast, goal, false)}`,
    };
  const held = `${head}，持续${relationText(latest.v, goal, true)}`;
  return deadlinePassed(input)
    ? { ...base, status: 'achieved', reason: `${held}，期内保持达标` }
    : { ...base, status: 'on_track', reason: held };
}

interface YearView {
  current: YearSummary;
  value: number;
  forecast: number;
  expected: number;
  monthsIn: number;
  /** The current year's value can only grow towards a floor: a flow total (not a ratio). */
  growing: boolean;
}

function yearView(input: Input, ys: YearSummary[]): YearView {
  const { series, target } = input;
  const current = last(ys);
  const monthsIn = current.through - monthIndex(current.year, 1) + 1;
  const growing = series.aggregation === 'flow' && !isRatio(series);
  const forecast = growing && !current.complete ? (current.value * 12) / monthsIn : current.value;
  const expected =
    growing && target.comparator !== 'decreasing' ? (target.value * monthsIn) / 12 : target.value;
  return { current, value: current.value, forecast, expected, monthsIn, growing };
}

function annual(input: Input): TargetStatus {
  const { target, series, obs, config, goal } = input;
  const startYear = Number(target.start.slice(0, 4));
  const ys = years(series, obs).filter((y) => y.year >= startYear);
  if (ys.length === 0) return noData('计划期内暂无数据');
  const view = yearView(input, ys);
  const { current } = view;
  const yearResults = ys.map((y) => ({
    year: y.year,
    value: y.value,
    complete: y.complete,
    met: judge(y.value, goal, 0) === 'meets',
  }));
  const base = {
    value: view.value,
    through: last(obs).period,
    expected: view.expected,
    progress: pct(view.value, target.value),
    forecast: view.forecast,
    forecastYear: current.year,
    provisional: ys.some((y) => y.provisional),
    years: yearResults,
  };
  const final =
    current.complete || (view.growing && goal.comparator === '>=' && view.value >= target.value);
  const verdict = judge(final ? view.value : view.forecast, goal, config.atRiskTolerance);
  let status: Status = final
    ? verdict === 'meets'
      ? 'achieved'
      : STATUS_OF[verdict]
    : STATUS_OF[verdict];
  const so = current.complete ? '' : `截至${monthLabel(current.through)}`;
  let reason = final
    ? `${current.year}年${so}为${withUnit(view.value, target.unit)}，${relationText(view.value, goal, verdict === 'meets')}`
    : `${current.year}年${so}为${withUnit(view.value, target.unit)}，按当前进度全年预计${withUnit(view.forecast, target.unit)}，${relationText(view.forecast, goal, verdict === 'meets')}`;
  const missed = yearResults.filter((y) => y.complete && !y.met && y.year < current.year);
  if (missed.length > 0) {
    reason += `；${missed.map((y) => y.year).join('、')}年未达标（每年须${goalText(goal)}）`;
    if (status === 'achieved' || status === 'on_track') status = 'at_risk';
  }
  return { ...base, status, reason };
}

function decreasing(input: Input): TargetStatus {
  const { target, series, obs, config } = input;
  const ys = years(series, obs);
  if (ys.length < 2) return noData('需要至少两个年度的数据才能判断是否逐年下降');
  const view = yearView(input, ys);
  const previous = ys[ys.length - 2]!;
  const goal: Goal = { comparator: '<=', value: previous.value, unit: target.unit };
  const x = view.current.complete ? view.value : view.forecast;
  const fell = x < previous.value;
  // Level with last year is not a fall: at best "near".
  const notFalling = judge(x, goal, config.atRiskTolerance);
  const verdict: Verdict = fell ? 'meets' : notFalling === 'meets' ? 'near' : notFalling;
  const yearResults = ys.map((y, i) => ({
    year: y.year,
    value: y.value,
    complete: y.complete,
    met: i === 0 ? true : y.value < ys[i - 1]!.value,
  }));
  const base = {
    value: view.value,
    through: last(obs).period,
    expected: previous.value,
    progress: null,
    forecast: view.forecast,
    forecastYear: view.current.year,
    provisional: ys.some((y) => y.provisional),
    years: yearResults,
  };
  const what = view.current.complete
    ? `${view.current.year}年为${withUnit(x, target.unit)}`
    : `${view.current.year}年截至${monthLabel(view.current.through)}为${withUnit(view.value, target.unit)}，全年预计${withUnit(x, target.unit)}`;
  let reason = `${what}，${fell ? '低于' : '不低于'}上年${withUnit(previous.value, target.unit)}`;
  let status: Status =
    fell && deadlinePassed(input) ? 'achieved' : fell ? 'on_track' : STATUS_OF[verdict];
  const rose = yearResults.slice(0, -1).filter((y) => y.complete && !y.met);
  if (rose.length > 0) {
    reason += `；${rose.map((y) => y.year).join('、')}年未下降`;
    if (status === 'achieved' || status === 'on_track') status = 'at_risk';
  }
  return { ...base, status, reason };
}

export type { Comparator };
