// Builds a target's StatusSeries at a unit (or region) from the element store: one element in
// the target's unit, or a ratio whose numerator and denominator are summed separately and
// divided at that level — never an average of lower-level percentages.
import type { DataElement, Plan, Target } from '../../../../core/plan/schema';
import { unitMagnitude } from '../../../../core/plan';
import type { SeriesPoint, StatusSeries } from '../../../../core/status';
import { parsePeriod, periodBounds } from '../../../../core/periods/periods';
import type { ElementStore, Mode, UnitSet } from './analytics.cache';

export type SeriesResult = { series: StatusSeries } | { unavailable: string };

export async function reportedSeries(
  store: ElementStore,
  plan: Plan,
  target: Target,
  scope: UnitSet,
  mode: Mode,
): Promise<SeriesResult> {
  const elements = new Map(plan.dataElements.map((e) => [e.code, e]));
  const m = target.measure;
  if ('computed' in m) return { unavailable: 'computed' };
  if ('element' in m) {
    const e = elements.get(m.element);
    if (!e) return { unavailable: `数据元素${m.element}不在计划中` };
    return {
      series: {
        aggregation: e.aggregation,
        magnitude: unitMagnitude(target.unit, e.unit) ?? 1,
        stockYear: e.valueType === 'percentage' && e.aggregation === 'stock' ? 'mean' : 'last',
        points: await store.series(e.code, scope, mode, e.aggregation),
      },
    };
  }
  const num = elements.get(m.numerator);
  const den = elements.get(m.denominator);
  if (!num || !den) return { unavailable: '指标的分子或分母不在计划中' };
  const [numerators, denominators] = await Promise.all([
    store.series(num.code, scope, mode, num.aggregation),
    store.series(den.code, scope, mode, den.aggregation),
  ]);
  return {
    series: {
      aggregation: num.aggregation,
      magnitude: 1,
      scale: m.scale,
      points: joinRatio(numerators, denominators, num, den),
    },
  };
}

const MONTHS = { year: 12, quarter: 3, month: 1 } as const;

/**
 * Pairs each numerator period with its denominator: the same period when both are reported
 * alike; otherwise the denominator's latest value up to the period's end (a stock such as the
 * resident population). A flow over a stock is a yearly rate, so the stock is weighted by
 * the period's share of a year (a month counts 1/12): sums over any span stay correct.
 */
export function joinRatio(
  numerators: SeriesPoint[],
  denominators: SeriesPoint[],
  num: DataElement,
  den: DataElement,
): SeriesPoint[] {
  const same = num.periodType === den.periodType && num.aggregation === den.aggregation;
  const byPeriod = new Map(denominators.map((d) => [d.period, d]));
  const denEnds = denominators.map((d) => ({ d, end: endOf(d.period) }));
  const result: SeriesPoint[] = [];
  for (const n of numerators) {
    let d: SeriesPoint | undefined;
    let weight = 1;
    if (same) d = byPeriod.get(n.period);
    else {
      const end = endOf(n.period);
      d = [...denEnds].reverse().find((x) => x.end <= end)?.d ?? denEnds[0]?.d;
      const p = parsePeriod(n.period);
      if (num.aggregation === 'flow' && den.aggregation === 'stock' && p)
        weight = MONTHS[p.type] / 12;
    }
    if (!d) continue;
    result.push({
      period: n.period,
      value: n.value,
      denominator: d.value * weight,
      ...(n.provisional || d.provisional ? { provisional: true } : {}),
      ...(n.partial ? { partial: true } : {}),
    });
  }
  return result;
}

function endOf(period: string): string {
  const p = parsePeriod(period);
  return p ? periodBounds(p).end : period;
}
