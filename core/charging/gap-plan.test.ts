import { describe, expect, it } from 'vitest';
import { apportion, gapPlan } from './gap-plan';

describe('gapPlan', () => {
  it('spreads a gap evenly, remainders to the earliest years', () => {
    const plan = gapPlan([{ key: 'A', gap: 10 }], { fromYear: 2025, toYear: 2027, spread: 'even' });
    expect(plan.years).toEqual([2025, 2026, 2027]);
    expect(plan.rows[0]!.perYear).toEqual([4, 3, 3]);
  });

  it('front-loads with weights 3:2:1', () => {
    // 12 × 3/6 = 6, 12 × 2/6 = 4, 12 × 1/6 = 2.
    const plan = gapPlan(
      [
        { key: 'A', gap: 12 },
        { key: 'B', gap: 7 },
      ],
      {
        fromYear: 2025,
        toYear: 2027,
        spread: 'front-loaded',
      },
    );
    expect(plan.rows[0]!.perYear).toEqual([6, 4, 2]);
    // 7 → 3.5, 2.33, 1.17 → floors 3,2,1 (6) + 1 to the largest remainder (3.5) → 4,2,1.
    expect(plan.rows[1]!.perYear).toEqual([4, 2, 1]);
    expect(plan.totals).toEqual([10, 6, 3]);
    expect(plan.total).toBe(19);
  });

  it('puts everything in one year when the plan has one year, and zero gaps stay zero', () => {
    const plan = gapPlan(
      [
        { key: 'A', gap: 9 },
        { key: 'B', gap: 0 },
      ],
      {
        fromYear: 2027,
        toYear: 2027,
        spread: 'even',
      },
    );
    expect(plan.rows.map((r) => r.perYear)).toEqual([[9], [0]]);
  });

  it('rejects a target year before the first year', () => {
    expect(() => gapPlan([], { fromYear: 2027, toYear: 2026, spread: 'even' })).toThrow(RangeError);
  });

  it('always adds up to the gap', () => {
    for (let gap = 0; gap < 60; gap++)
      for (const shares of [[1, 1, 1, 1], [4, 3, 2, 1], [5, 4, 3, 2, 1], [1]])
        expect(apportion(gap, shares).reduce((a, b) => a + b, 0)).toBe(gap);
  });
});
