// A city's or county's part of a province-wide count target (550万人 is the province's total,
// not every city's). The plan's own allocation (分解指标) wins; without one, the unit's share of
// the province in the first year both have data — "keep your share of the effort".
import type { Target } from '../plan/schema';
import { observations, years, type StatusSeries } from './series';
import type { StatusTarget } from './status';

export type TargetBasis = 'plan' | 'allocation' | 'share';

/** Counts add up across units; ratios, percentages and "falls every year" do not. */
export function isExtensive(
  target: Pick<Target, 'unit' | 'comparator'>,
  series: StatusSeries,
): boolean {
  return series.scale === undefined && target.unit !== '%' && target.comparator !== 'decreasing';
}

/** The unit's share of the province in the first year both report; null when unknown. */
export function firstYearShare(unit: StatusSeries, province: StatusSeries): number | null {
  const all = Number.MAX_SAFE_INTEGER;
  const p = years(province, observations(province, all));
  const u = new Map(years(unit, observations(unit, all)).map((y) => [y.year, y.value]));
  const first = p.find((y) => u.has(y.year) && y.value > 0);
  return first ? u.get(first.year)! / first.value : null;
}

/** The target scaled for a unit: by its allocation, or by its share of the province. */
export function unitTarget(
  target: StatusTarget & Pick<Target, 'allocations'>,
  unitCode: string,
  share: number | null,
): { target: StatusTarget; basis: TargetBasis } | null {
  const allocated = target.allocations?.find((a) => a.unit === unitCode);
  const factor = allocated ? allocated.value / target.value : share;
  if (factor === null || !Number.isFinite(factor)) return null;
  return {
    basis: allocated ? 'allocation' : 'share',
    target: {
      ...target,
      value: allocated ? allocated.value : target.value * factor,
      baseline: target.baseline && { ...target.baseline, value: target.baseline.value * factor },
      milestones: target.milestones?.map((m) => ({ ...m, value: m.value * factor })),
    },
  };
}
