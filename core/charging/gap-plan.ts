// The gap plan: for each city, the charging spaces to add in each year so that every service
// area reaches its threshold by the target year — spread evenly, or front-loaded (the first
// year carries the most). Integers that add up exactly to the gap.

export type Spread = 'even' | 'front-loaded';

export interface GapPlanOptions {
  fromYear: number;
  toYear: number;
  spread: Spread;
}

export interface GapPlanRow<K extends string = string> {
  key: K;
  gap: number;
  /** Spaces to add in each year of `years`, in order. */
  perYear: number[];
}

export interface GapPlan<K extends string = string> {
  years: number[];
  rows: GapPlanRow<K>[];
  totals: number[];
  total: number;
}

export function planYears(options: Pick<GapPlanOptions, 'fromYear' | 'toYear'>): number[] {
  const years: number[] = [];
  for (let y = options.fromYear; y <= options.toYear; y++) years.push(y);
  return years;
}

/** Year weights: equal, or N, N−1, …, 1 for front-loading. */
function weights(count: number, spread: Spread): number[] {
  return Array.from({ length: count }, (_, i) => (spread === 'even' ? 1 : count - i));
}

/** Splits `total` in proportion to `weights` with the largest-remainder method (ties → earlier). */
export function apportion(total: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return shares.map(() => 0);
  const exact = shares.map((w) => (total * w) / sum);
  const result = exact.map((x) => Math.floor(x + 1e-9));
  let left = total - result.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x + 1e-9) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    result[i]! += 1;
    left -= 1;
  }
  return result;
}

export function gapPlan<K extends string>(
  gaps: ReadonlyArray<{ key: K; gap: number }>,
  options: GapPlanOptions,
): GapPlan<K> {
  if (options.toYear < options.fromYear)
    throw new RangeError(`toYear ${options.toYear} is before fromYear ${options.fromYear}`);
  const years = planYears(options);
  const w = weights(years.length, options.spread);
  const rows = gaps.map(({ key, gap }) => ({ key, gap, perYear: apportion(gap, w) }));
  const totals = years.map((_, i) => rows.reduce((sum, r) => sum + r.perYear[i]!, 0));
  return { years, rows, totals, total: rows.reduce((sum, r) => sum + r.gap, 0) };
}
