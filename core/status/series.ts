// Reading a unit's reported series in a target's own terms: period dates as month indexes,
// values in the target's unit (万人 over 人 divides by 10 000), ratios recomputed from their
// summed parts (never averaged), yearly values and trailing windows.
import { parsePeriod, periodBounds, type Period } from '../periods/periods';

export interface SeriesPoint {
  period: string;
  /** Element measures: the value in element units. Ratio measures: the summed numerator. */
  value: number;
  /** Ratio measures only: the summed denominator. */
  denominator?: number;
  /** True when the point includes submitted values not yet approved. */
  provisional?: boolean;
  /**
   * A flow period only some reporting units have reached yet (one county approved). Its
   * values count, but the clock — expected value, run rate — stays at the last full period.
   */
  partial?: boolean;
}

export interface StatusSeries {
  /** flow: summed over time; stock: the latest value counts. */
  aggregation: 'flow' | 'stock';
  /** Element units per target unit (10 000 for 万人 over 人); 1 for ratios. */
  magnitude: number;
  /** Ratio measures: value = Σnumerator ÷ Σdenominator × scale. */
  scale?: number;
  /** How a stock's year is read: its last value, or the mean of its periods (survey rates). */
  stockYear?: 'last' | 'mean';
  points: SeriesPoint[];
}

export interface Observation {
  period: string;
  /** Month index (year × 12 + month − 1) of the period's last month. */
  month: number;
  /** Months the period spans (1, 3 or 12). */
  months: number;
  year: number;
  point: SeriesPoint;
}

export const monthIndex = (year: number, month1: number) => year * 12 + month1 - 1;

/** Month index of an ISO date (YYYY-MM-DD). */
export function monthOfDate(date: string): number {
  return monthIndex(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
}

export function monthLabel(month: number): string {
  return `${Math.floor(month / 12)}年${(month % 12) + 1}月`;
}

const SPAN: Record<Period['type'], number> = { year: 12, quarter: 3, month: 1 };

/** The series' points as observations ending on or before `asOfMonth`, oldest first. */
export function observations(series: StatusSeries, asOfMonth: number): Observation[] {
  const result: Observation[] = [];
  for (const point of series.points) {
    const p = parsePeriod(point.period);
    if (!p) continue;
    const month = monthOfDate(periodBounds(p).end);
    if (month > asOfMonth) continue;
    result.push({ period: point.period, month, months: SPAN[p.type], year: p.year, point });
  }
  return result.sort((a, b) => a.month - b.month || b.months - a.months);
}

/** Σ over observations (flows), ratios from Σ parts; in target units; null without data. */
export function combine(series: StatusSeries, obs: Observation[]): number | null {
  if (obs.length === 0) return null;
  const num = obs.reduce((s, o) => s + o.point.value, 0);
  if (series.scale === undefined) return num / series.magnitude;
  const den = obs.reduce((s, o) => s + (o.point.denominator ?? 0), 0);
  return den > 0 ? (num / den) * series.scale : null;
}

/** One observation's own value in target units. */
export function single(series: StatusSeries, o: Observation): number | null {
  return combine(series, [o]);
}

/** Stock value of a year (last or mean of its periods) or flow total of a year. */
export function yearValue(series: StatusSeries, obs: Observation[]): number | null {
  if (obs.length === 0) return null;
  if (series.aggregation === 'flow') return combine(series, obs);
  if (series.stockYear === 'mean') {
    const values = obs.map((o) => single(series, o)).filter((v): v is number => v !== null);
    return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  }
  return single(series, obs[obs.length - 1]!);
}

export interface YearSummary {
  year: number;
  value: number;
  /** Month index of the last data month in the year. */
  through: number;
  complete: boolean;
  provisional: boolean;
}

/** Yearly values, oldest first; a year is complete when data reaches its December. */
export function years(series: StatusSeries, obs: Observation[]): YearSummary[] {
  const byYear = new Map<number, Observation[]>();
  for (const o of obs) byYear.set(o.year, [...(byYear.get(o.year) ?? []), o]);
  const result: YearSummary[] = [];
  for (const [year, yearObs] of [...byYear.entries()].sort((a, b) => a[0] - b[0])) {
    const value = yearValue(series, yearObs);
    if (value === null) continue;
    const full = yearObs.filter((o) => !o.point.partial);
    const through = Math.max(...(full.length ? full : yearObs).map((o) => o.month));
    result.push({
      year,
      value,
      through,
      complete: through === monthIndex(year, 12),
      provisional: yearObs.some((o) => o.point.provisional),
    });
  }
  return result;
}

/** The last observation of a full period (every reporting unit in), else the last one. */
export function lastFull(obs: Observation[]): Observation {
  for (let i = obs.length - 1; i >= 0; i -= 1) if (!obs[i]!.point.partial) return obs[i]!;
  return obs[obs.length - 1]!;
}

/** Months covered by observations (a quarter counts 3). */
export const monthsCovered = (obs: Observation[]) => obs.reduce((s, o) => s + o.months, 0);

/** Observations whose period ends within the `months` months up to and including `last`. */
export function trailing(obs: Observation[], last: number, months: number): Observation[] {
  return obs.filter((o) => o.month > last - months && o.month <= last);
}

/** Least-squares slope of value per month; null with fewer than two distinct months. */
export function slopePerMonth(points: Array<{ month: number; value: number }>): number | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.month, 0) / n;
  const my = points.reduce((s, p) => s + p.value, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.month - mx) ** 2, 0);
  if (sxx === 0) return null;
  return points.reduce((s, p) => s + (p.month - mx) * (p.value - my), 0) / sxx;
}
