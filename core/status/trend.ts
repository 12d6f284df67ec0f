// What a trend chart draws for a target at a unit: the actual values as the target reads
// them (running totals, levels, yearly values), the expected trajectory, and the forecast.
import type { StatusSeries } from './series';
import { combine, monthOfDate, observations, single, years } from './series';
import {
  interpolate,
  lastCompleteMonth,
  trajectoryKnots,
  type StatusTarget,
  type TargetStatus,
} from './status';

export interface ChartPoint {
  /** Last day of the period (YYYY-MM-DD). */
  date: string;
  value: number;
  provisional?: boolean;
}

export interface TrendLines {
  actual: ChartPoint[];
  trajectory: ChartPoint[];
  forecast: ChartPoint[];
}

/** Last day of the month with the given index. */
export function monthEnd(month: number): string {
  const y = Math.floor(month / 12);
  const m = month % 12;
  return new Date(Date.UTC(y, m + 1, 0)).toISOString().slice(0, 10);
}

export function trendLines(
  target: StatusTarget,
  series: StatusSeries,
  asOf: string,
  status: TargetStatus,
): TrendLines {
  const obs = observations(series, lastCompleteMonth(asOf));
  const yearly = target.kind === 'annual' || target.comparator === 'decreasing';
  let actual: ChartPoint[];
  if (yearly || (target.kind === 'level' && series.aggregation === 'flow')) {
    actual = years(series, obs).map((y) => ({
      date: monthEnd(y.through),
      value: y.value,
      provisional: y.provisional,
    }));
  } else if (target.kind === 'cumulative' && series.aggregation === 'flow') {
    const from = monthOfDate(target.start) - 1;
    const counted = obs.filter((o) => o.month - o.months >= from);
    actual = counted.map((o, i) => ({
      date: monthEnd(o.month),
      value: combine(series, counted.slice(0, i + 1)) ?? 0,
      provisional: counted.slice(0, i + 1).some((c) => c.point.provisional),
    }));
  } else {
    actual = obs.flatMap((o) => {
      const v = single(series, o);
      return v === null
        ? []
        : [{ date: monthEnd(o.month), value: v, provisional: o.point.provisional }];
    });
  }
  const deadline = target.deadline;
  const first = actual[0];
  let trajectory: ChartPoint[] = [];
  if (yearly || target.kind === 'maintain') {
    if (target.comparator !== 'decreasing' && first)
      trajectory = [
        { date: first.date, value: target.value },
        { date: deadline, value: target.value },
      ];
  } else {
    const anchor = target.baseline
      ? { month: monthOfDate(target.baseline.date), value: target.baseline.value }
      : target.kind === 'cumulative'
        ? { month: monthOfDate(target.start) - 1, value: 0 }
        : first
          ? { month: monthOfDate(first.date), value: first.value }
          : null;
    if (anchor) {
      const knots = trajectoryKnots(target, anchor);
      trajectory = knots
        .sort((a, b) => a.month - b.month)
        .map((k) => ({ date: monthEnd(k.month), value: interpolate(knots, k.month) }));
    }
  }
  const lastActual = actual[actual.length - 1];
  const forecastDate = yearly && status.forecastYear ? `${status.forecastYear}-12-31` : deadline;
  const forecast =
    lastActual && status.forecast !== null
      ? [
          { date: lastActual.date, value: lastActual.value },
          { date: forecastDate, value: status.forecast },
        ]
      : [];
  return { actual, trajectory, forecast };
}

/**
 * How well a unit does against the target, for rankings: 1 = exactly on target, higher is
 * better whatever the comparator. Null without a value.
 */
export function achievement(target: StatusTarget, status: TargetStatus): number | null {
  const x = status.value;
  if (x === null) return null;
  switch (target.comparator) {
    case '>=':
    case '==':
      return target.value === 0 ? null : x / target.value;
    case '<=':
      return x === 0 ? null : target.value / x;
    case '≈':
      return target.value === 0 ? null : 1 - Math.abs(x - target.value) / target.value;
    case 'decreasing':
      return status.expected && status.forecast !== null ? status.expected / status.forecast : null;
  }
}
