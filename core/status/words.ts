// Chinese wording of values, periods and comparisons for status reasons.
import type { Comparator } from '../plan/schema';
import { monthLabel } from './series';

/**
 * 512.4, 85.33, 0.72, 0.0123: at most two decimals (one from 100 up, none from 1000 up),
 * three significant digits below 0.1, trimmed.
 */
export function formatNumber(x: number): string {
  const abs = Math.abs(x);
  if (abs > 0 && abs < 0.1) return String(Number(x.toPrecision(3)));
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : 2;
  return String(Number(x.toFixed(digits)));
}

export const withUnit = (x: number, unit: string) => `${formatNumber(x)}${unit}`;

/** '2025-07' → 2025年7月, '2025Q3' → 2025年第3季度, '2025' → 2025年. */
export function periodLabel(period: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return `${month[1]}年${Number(month[2])}月`;
  const quarter = /^(\d{4})Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[1]}年第${quarter[2]}季度`;
  return `${period}年`;
}

export { monthLabel };

export interface Goal {
  comparator: Comparator;
  value: number;
  band?: number;
  unit: string;
}

/** The target in words: ≥550万人, ≤5所, 5.5%左右(±0.5), 100%. */
export function goalText(goal: Goal): string {
  const v = withUnit(goal.value, goal.unit);
  switch (goal.comparator) {
    case '>=':
      return `${v}以上`;
    case '<=':
      return `${v}以内`;
    case '≈':
      return `${v}左右(±${formatNumber(goal.band ?? 0)})`;
    case '==':
      return v;
    case 'decreasing':
      return '逐年下降';
  }
}

/** How a value stands against the goal: 低于目标550万人, 达到目标100%, 偏离目标区间5–6%. */
export function relationText(x: number, goal: Goal, meets: boolean): string {
  const v = withUnit(goal.value, goal.unit);
  switch (goal.comparator) {
    case '>=':
      return meets ? `达到目标${v}` : `低于目标${v}`;
    case '<=':
      return meets ? `未超过目标上限${v}` : `超过目标上限${v}`;
    case '==':
      return meets ? `达到目标${v}` : `未达到目标${v}`;
    case '≈': {
      const band = goal.band ?? 0;
      const range = `${formatNumber(goal.value - band)}–${withUnit(goal.value + band, goal.unit)}`;
      return meets ? `处于目标区间${range}` : `${x > goal.value ? '高于' : '低于'}目标区间${range}`;
    }
    case 'decreasing':
      return meets ? '保持下降' : '未能下降';
  }
}
