// Hand-computed cases for every kind and comparator. Numbers in comments are the arithmetic.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATUS_CONFIG,
  interpolate,
  judge,
  lastCompleteMonth,
  targetStatus,
  type StatusTarget,
} from './status';
import type { SeriesPoint, StatusSeries } from './series';
import { monthIndex } from './series';
import { coefficientOfVariation, theilIndex } from './regions';
import { formatNumber, periodLabel } from './words';
import { firstYearShare, isExtensive, unitTarget } from './allocation';

const months = (from: string, count: number, value: (i: number) => number): SeriesPoint[] => {
  const [y, m] = from.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const idx = y * 12 + m - 1 + i;
    return {
      period: `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`,
      value: value(i),
    };
  });
};

const base = {
  start: '2023-01-01',
  deadline: '2027-12-31',
  band: undefined,
  baseline: undefined,
  milestones: undefined,
};

describe('cumulative targets (城镇新增就业累计550万人以上)', () => {
  const target: StatusTarget = {
    ...base,
    comparator: '>=',
    value: 550,
    unit: '万人',
    kind: 'cumulative',
  };
  const flow = (points: SeriesPoint[]): StatusSeries => ({
    aggregation: 'flow',
    magnitude: 10_000,
    points,
  });

  it('is on track when the run rate reaches the target', () => {
    // 34 months × 10万 = 340万; expected 34/60 × 550 = 311.67; forecast 340 + 26 × 10 = 600.
    const s = targetStatus(target, flow(months('2023-01', 34, () => 100_000)), '2025-11-15');
    expect(s.status).toBe('on_track');
    expect(s.value).toBeCloseTo(340);
    expect(s.expected).toBeCloseTo(311.667, 2);
    expect(s.progress).toBeCloseTo(61.818, 2);
    expect(s.forecast).toBeCloseTo(600);
    expect(s.through).toBe('2025-10');
    expect(s.reason).toBe(
      '截至2025年10月累计340万人，完成目标的61.82%（按进度应达311.7万人）；按当前增速，2027年预计达到600万人，达到目标550万人',
    );
  });

  it('is off track with the forecast in words when the pace is too slow', () => {
    // 34 × 8万 = 272; forecast 272 + 26 × 8 = 480 < 522.5 (550 × 0.95).
    const s = targetStatus(target, flow(months('2023-01', 34, () => 80_000)), '2025-10-31');
    expect(s.status).toBe('off_track');
    expect(s.forecast).toBeCloseTo(480);
    expect(s.reason).toContain('按当前增速，2027年预计达到480万人，低于目标550万人');
  });

  it('is at risk within the tolerance', () => {
    // 34 × 8.8 = 299.2; forecast 299.2 + 26 × 8.8 = 528 ≥ 522.5.
    const s = targetStatus(target, flow(months('2023-01', 34, () => 88_000)), '2025-10-31');
    expect(s.forecast).toBeCloseTo(528);
    expect(s.status).toBe('at_risk');
  });

  it('uses the run rate of the last 12 months', () => {
    // 22 × 5 + 12 × 15 = 290; forecast 290 + 26 × 15 = 680.
    const s = targetStatus(
      target,
      flow(months('2023-01', 34, (i) => (i < 22 ? 50_000 : 150_000))),
      '2025-10-31',
    );
    expect(s.value).toBeCloseTo(290);
    expect(s.forecast).toBeCloseTo(680);
    expect(s.status).toBe('on_track');
  });

  it('reads quarterly flows', () => {
    // 11 quarters × 30 = 330 through September (33 months); 4 quarters = 120 / 12 = 10 a month.
    const points = ['2023', '2024', '2025'].flatMap((y) =>
      [1, 2, 3, 4].map((q) => ({ period: `${y}Q${q}`, value: 300_000 })),
    );
    const s = targetStatus(target, flow(points), '2025-10-31');
    expect(s.through).toBe('2025Q3');
    expect(s.value).toBeCloseTo(330);
    expect(s.expected).toBeCloseTo(302.5);
    expect(s.forecast).toBeCloseTo(330 + 27 * 10);
  });

  it('is achieved once the total reaches the target', () => {
    const s = targetStatus(target, flow(months('2023-01', 28, () => 200_000)), '2025-10-31');
    expect(s.status).toBe('achieved');
    expect(s.reason).toBe('截至2025年4月累计560万人，完成目标的101.8%，已达到目标（550万人以上）');
  });

  it('is off track after the deadline when the target was missed', () => {
    const s = targetStatus(target, flow(months('2023-01', 60, () => 80_000)), '2028-03-31');
    expect(s.value).toBeCloseTo(480);
    expect(s.status).toBe('off_track');
    expect(s.reason).toContain('期限已过');
  });

  it('looks only at data up to the date asked', () => {
    const s = targetStatus(target, flow(months('2023-01', 34, () => 100_000)), '2024-12-31');
    expect(s.value).toBeCloseTo(240);
    expect(s.through).toBe('2024-12');
    // 2025-01-30 is not a month end: January is not complete yet.
    expect(targetStatus(target, flow(months('2023-01', 34, () => 1)), '2025-01-30').through).toBe(
      '2024-12',
    );
  });

  it('counts only periods from the target start', () => {
    const late = { ...target, start: '2024-01-01' };
    const s = targetStatus(late, flow(months('2023-01', 24, () => 100_000)), '2024-12-31');
    expect(s.value).toBeCloseTo(120);
  });

  it('says no data, and marks provisional values', () => {
    expect(targetStatus(target, flow([]), '2025-10-31')).toMatchObject({
      status: 'no_data',
      value: null,
    });
    const points = months('2023-01', 34, () => 100_000);
    points[33]!.provisional = true;
    const s = targetStatus(target, flow(points), '2025-10-31');
    expect(s.provisional).toBe(true);
    expect(s.reason).toMatch(/（含未审核数据）$/);
  });

  it('judges a stock count (a computed registry) against the trajectory', () => {
    // 60 new service areas by October 2025; expected 34/60 × 120 = 68; 60 < 64.6.
    const areas: StatusTarget = {
      ...base,
      comparator: '>=',
      value: 120,
      unit: '个',
      kind: 'cumulative',
    };
    const s = targetStatus(
      areas,
      { aggregation: 'stock', magnitude: 1, points: [{ period: '2025-10', value: 60 }] },
      '2025-11-01',
    );
    expect(s.expected).toBeCloseTo(68);
    expect(s.forecast).toBeNull();
    expect(s.status).toBe('off_track');
    expect(s.reason).toContain('数据不足以推算趋势');
  });
});

describe('level targets', () => {
  const ratio = (pairs: Array<[string, number, number]>): StatusSeries => ({
    aggregation: 'stock',
    magnitude: 1,
    scale: 100,
    points: pairs.map(([period, value, denominator]) => ({ period, value, denominator })),
  });
  const share: StatusTarget = { ...base, comparator: '>=', value: 50, unit: '%', kind: 'level' };

  it('recomputes a ratio and forecasts by the trend', () => {
    // 40% → 45%: slope 5/12 per month; 45 + 36 × 5/12 = 60. Expected 40 + 12/48 × 10 = 42.5.
    const s = targetStatus(
      share,
      ratio([
        ['2023', 400, 1000],
        ['2024', 450, 1000],
      ]),
      '2025-06-30',
    );
    expect(s.value).toBeCloseTo(45);
    expect(s.expected).toBeCloseTo(42.5);
    expect(s.progress).toBeCloseTo(90);
    expect(s.forecast).toBeCloseTo(60);
    expect(s.status).toBe('on_track');
    expect(s.reason).toBe(
      '2024年12月为45%（按进度应达42.5%）；按近期趋势，2027年预计60%，达到目标50%',
    );
  });

  it('is off track when the trend falls short', () => {
    // 40 → 41: 41 + 36/12 = 44 < 47.5.
    const s = targetStatus(
      share,
      ratio([
        ['2023', 40, 100],
        ['2024', 41, 100],
      ]),
      '2025-06-30',
    );
    expect(s.forecast).toBeCloseTo(44);
    expect(s.status).toBe('off_track');
    expect(s.reason).toContain('按近期趋势，2027年预计44%，低于目标50%');
  });

  it('caps a percentage forecast at 100 and meets ==100%', () => {
    const full: StatusTarget = { ...share, comparator: '==', value: 100 };
    const s = targetStatus(
      full,
      ratio([
        ['2023', 90, 100],
        ['2024', 95, 100],
      ]),
      '2025-06-30',
    );
    expect(s.forecast).toBe(100);
    expect(s.status).toBe('on_track');
    const done = targetStatus(full, ratio([['2024', 100, 100]]), '2025-06-30');
    expect(done.status).toBe('achieved');
  });

  it('handles an upper bound (≤5所)', () => {
    const cap: StatusTarget = { ...base, comparator: '<=', value: 5, unit: '所', kind: 'level' };
    const series = (a: number, b: number): StatusSeries => ({
      aggregation: 'stock',
      magnitude: 1,
      points: [
        { period: '2023', value: a },
        { period: '2024', value: b },
      ],
    });
    // 8 → 7: 7 − 3 = 4 ≤ 5.
    expect(targetStatus(cap, series(8, 7), '2025-01-31').status).toBe('on_track');
    const s = targetStatus(cap, series(7, 8), '2025-01-31');
    expect(s.status).toBe('off_track');
    expect(s.reason).toContain('超过目标上限5所');
    expect(targetStatus(cap, series(6, 5), '2025-01-31').status).toBe('achieved');
  });

  it('converts units (2050万人 over 人)', () => {
    const skilled: StatusTarget = {
      ...base,
      comparator: '>=',
      value: 2050,
      unit: '万人',
      kind: 'level',
    };
    const s = targetStatus(
      skilled,
      {
        aggregation: 'stock',
        magnitude: 10_000,
        points: [
          { period: '2023', value: 18_000_000 },
          { period: '2024', value: 19_000_000 },
        ],
      },
      '2025-03-31',
    );
    expect(s.value).toBeCloseTo(1900);
    expect(s.forecast).toBeCloseTo(2200);
    expect(s.status).toBe('on_track');
  });

  it('follows the baseline and milestones', () => {
    const planned: StatusTarget = {
      ...share,
      baseline: { value: 30, date: '2022-12-31' },
      milestones: [{ date: '2025-12-31', value: 45 }],
    };
    // From (2022-12, 30) to (2025-12, 45): 30 + 15 × 24/36 = 40 in 2024-12.
    const s = targetStatus(planned, ratio([['2024', 42, 100]]), '2025-03-31');
    expect(s.expected).toBeCloseTo(40);
    // One point: no trend; 42 ≥ 40 → on track against the trajectory.
    expect(s.status).toBe('on_track');
  });

  it('reads a flow over its last 12 months (诊疗量4.5亿人次)', () => {
    const visits: StatusTarget = {
      ...base,
      comparator: '>=',
      value: 4.5,
      unit: '亿人次',
      kind: 'level',
    };
    const s = targetStatus(
      visits,
      {
        aggregation: 'flow',
        magnitude: 1e8,
        points: [
          { period: '2023', value: 4.0e8 },
          { period: '2024', value: 4.2e8 },
        ],
      },
      '2025-06-30',
    );
    // 4.2 + 36 × 0.2/12 = 4.8.
    expect(s.value).toBeCloseTo(4.2);
    expect(s.forecast).toBeCloseTo(4.8);
    expect(s.status).toBe('on_track');
  });

  it('annualises a flow with less than a year of data', () => {
    const visits: StatusTarget = {
      ...base,
      comparator: '>=',
      value: 4.5,
      unit: '亿人次',
      kind: 'level',
    };
    const s = targetStatus(
      visits,
      { aggregation: 'flow', magnitude: 1e8, points: months('2023-01', 6, () => 0.2e8) },
      '2023-06-30',
    );
    expect(s.value).toBeCloseTo(2.4); // 1.2 × 12/6
  });

  it('is no data when the denominator is zero', () => {
    expect(targetStatus(share, ratio([['2024', 0, 0]]), '2025-06-30').status).toBe('no_data');
  });
});

describe('maintain targets (稳定在90%以上)', () => {
  const target: StatusTarget = {
    ...base,
    comparator: '>=',
    value: 90,
    unit: '%',
    kind: 'maintain',
  };
  const yearly = (values: number[]): StatusSeries => ({
    aggregation: 'stock',
    magnitude: 1,
    scale: 100,
    points: values.map((v, i) => ({ period: String(2023 + i), value: v, denominator: 100 })),
  });

  it('is on track while every period holds', () => {
    const s = targetStatus(target, yearly([92, 93]), '2025-03-31');
    expect(s.status).toBe('on_track');
    expect(s.expected).toBe(90);
    expect(s.reason).toBe('最近一期（2024年）为93%，持续达到目标90%');
  });

  it('is at risk just below and off track well below', () => {
    // 89 ≥ 90 × 0.95 = 85.5 → at risk; 80 → off track.
    expect(targetStatus(target, yearly([92, 89]), '2025-03-31').status).toBe('at_risk');
    const s = targetStatus(target, yearly([92, 80]), '2025-03-31');
    expect(s.status).toBe('off_track');
    expect(s.reason).toContain('低于目标90%（须始终保持90%以上）');
  });

  it('flags a recent miss even when the latest period holds', () => {
    const quarterly: StatusSeries = {
      aggregation: 'flow',
      magnitude: 1,
      scale: 100,
      points: [
        { period: '2025Q1', value: 990, denominator: 1000 },
        { period: '2025Q2', value: 880, denominator: 1000 },
        { period: '2025Q3', value: 985, denominator: 1000 },
      ],
    };
    const s = targetStatus(target, quarterly, '2025-10-31');
    expect(s.value).toBeCloseTo(98.5);
    expect(s.status).toBe('at_risk');
    expect(s.reason).toContain('近12个月有1期未达标');
  });

  it('is at risk when the trend will break the floor', () => {
    // 96 → 93: 93 − 36 × 3/12 = 84 < 90.
    const s = targetStatus(target, yearly([96, 93]), '2025-03-31');
    expect(s.forecast).toBeCloseTo(84);
    expect(s.status).toBe('at_risk');
  });

  it('is achieved when it held until the deadline', () => {
    const s = targetStatus(target, yearly([92, 93, 94, 95, 96]), '2028-01-31');
    expect(s.status).toBe('achieved');
  });
});

describe('annual targets', () => {
  const chefs: StatusTarget = {
    ...base,
    comparator: '>=',
    value: 4,
    unit: '万人次',
    kind: 'annual',
  };
  const quarters = (values: Record<string, number>): StatusSeries => ({
    aggregation: 'flow',
    magnitude: 10_000,
    points: Object.entries(values).map(([period, v]) => ({ period, value: v * 10_000 })),
  });

  it('forecasts the year from its run so far', () => {
    // 1.2 + 1.0 + 0.9 = 3.1 through September; 3.1 × 12/9 = 4.133; expected 4 × 9/12 = 3.
    const s = targetStatus(
      chefs,
      quarters({ '2025Q1': 1.2, '2025Q2': 1.0, '2025Q3': 0.9 }),
      '2025-10-31',
    );
    expect(s.value).toBeCloseTo(3.1);
    expect(s.forecast).toBeCloseTo(4.1333, 3);
    expect(s.expected).toBeCloseTo(3);
    expect(s.forecastYear).toBe(2025);
    expect(s.status).toBe('on_track');
    expect(s.reason).toBe(
      '2025年截至2025年9月为3.1万人次，按当前进度全年预计4.13万人次，达到目标4万人次',
    );
  });

  it('is achieved for the year once the total passes, but at risk after a missed year', () => {
    const done = targetStatus(chefs, quarters({ '2025Q1': 2, '2025Q2': 2.5 }), '2025-07-31');
    expect(done.status).toBe('achieved');
    const missed = targetStatus(
      chefs,
      quarters({
        '2024Q1': 1,
        '2024Q2': 1,
        '2024Q3': 0.5,
        '2024Q4': 1,
        '2025Q1': 2,
        '2025Q2': 2.5,
      }),
      '2025-07-31',
    );
    expect(missed.status).toBe('at_risk');
    expect(missed.reason).toContain('2024年未达标');
    expect(missed.years).toEqual([
      { year: 2024, value: 3.5, complete: true, met: false },
      { year: 2025, value: 4.5, complete: false, met: true },
    ]);
  });

  it('judges a complete year as final', () => {
    // 3.9 ≥ 3.8 → at risk (missed, within tolerance).
    const s = targetStatus(
      chefs,
      quarters({ '2025Q1': 1, '2025Q2': 1, '2025Q3': 1, '2025Q4': 0.9 }),
      '2026-01-31',
    );
    expect(s.status).toBe('at_risk');
    expect(s.reason).toBe('2025年为3.9万人次，低于目标4万人次');
  });

  it('keeps a rate within a band (5.5%左右), the year read as a mean', () => {
    const rate: StatusTarget = {
      ...base,
      comparator: '≈',
      value: 5.5,
      band: 0.5,
      unit: '%',
      kind: 'annual',
    };
    const series = (values: number[]): StatusSeries => ({
      aggregation: 'stock',
      magnitude: 1,
      stockYear: 'mean',
      points: months('2025-01', values.length, (i) => values[i]!),
    });
    const s = targetStatus(rate, series([5.2, 5.4, 5.6, 5.3, 5.5, 5.4]), '2025-06-30');
    expect(s.value).toBeCloseTo(5.4);
    expect(s.status).toBe('on_track');
    expect(s.reason).toContain('处于目标区间5–6%');
    // 6.2 is 0.2 outside the band, within 5.5 × 0.05 = 0.275 → at risk; 6.5 → off track.
    expect(targetStatus(rate, series([6.2]), '2025-01-31').status).toBe('at_risk');
    const high = targetStatus(rate, series([6.5]), '2025-01-31');
    expect(high.status).toBe('off_track');
    expect(high.reason).toContain('高于目标区间5–6%');
  });
});

describe('decreasing targets (逐年下降)', () => {
  const crimes: StatusTarget = {
    ...base,
    comparator: 'decreasing',
    value: 0,
    unit: '起',
    kind: 'annual',
  };
  const monthly = (perMonth: number[]): StatusSeries => ({
    aggregation: 'flow',
    magnitude: 1,
    points: perMonth.flatMap((v, yi) =>
      months(`${2023 + yi}-01`, yi === perMonth.length - 1 ? 6 : 12, () => v),
    ),
  });

  it('is on track when this year runs below last year', () => {
    // 2024: 1080; 2025: 6 × 85 = 510 → 1020 < 1080.
    const s = targetStatus(crimes, monthly([100, 90, 85]), '2025-06-30');
    expect(s.forecast).toBeCloseTo(1020);
    expect(s.expected).toBeCloseTo(1080);
    expect(s.status).toBe('on_track');
    expect(s.reason).toBe('2025年截至2025年6月为510起，全年预计1020起，低于上年1080起');
  });

  it('is at risk when level with last year and off track when above it', () => {
    expect(targetStatus(crimes, monthly([100, 90, 90]), '2025-06-30').status).toBe('at_risk');
    // 1140 > 1080 × 1.05 = 1134.
    expect(targetStatus(crimes, monthly([100, 90, 95]), '2025-06-30').status).toBe('off_track');
  });

  it('remembers a year that did not fall', () => {
    const s = targetStatus(crimes, monthly([80, 90, 70]), '2025-06-30');
    expect(s.status).toBe('at_risk');
    expect(s.reason).toContain('2024年未下降');
  });

  it('needs two years', () => {
    expect(targetStatus(crimes, monthly([100]), '2023-06-30').status).toBe('no_data');
  });

  it('reads a rate per 100 000 people from annualised parts', () => {
    const rate: StatusTarget = { ...crimes, unit: '起/十万人' };
    // Population 1.2M; each month's denominator is 1.2M × 1/12 = 100 000.
    const series: StatusSeries = {
      aggregation: 'flow',
      magnitude: 1,
      scale: 100_000,
      points: [
        ...months('2024-01', 12, () => 10).map((p) => ({ ...p, denominator: 100_000 })),
        ...months('2025-01', 6, () => 8).map((p) => ({ ...p, denominator: 100_000 })),
      ],
    };
    const s = targetStatus(rate, series, '2025-06-30');
    expect(s.expected).toBeCloseTo(10);
    expect(s.value).toBeCloseTo(8);
    expect(s.status).toBe('on_track');
  });
});

describe('helpers', () => {
  it('judges each comparator with the tolerance', () => {
    const t = 0.05;
    expect(judge(100, { comparator: '>=', value: 100, unit: '' }, t)).toBe('meets');
    expect(judge(96, { comparator: '>=', value: 100, unit: '' }, t)).toBe('near');
    expect(judge(94, { comparator: '>=', value: 100, unit: '' }, t)).toBe('misses');
    expect(judge(104, { comparator: '<=', value: 100, unit: '' }, t)).toBe('near');
    expect(judge(99.99, { comparator: '==', value: 100, unit: '' }, 0)).toBe('misses');
    expect(judge(5.9, { comparator: '≈', value: 5.5, band: 0.5, unit: '' }, t)).toBe('meets');
  });

  it('interpolates a trajectory', () => {
    const knots = [
      { month: 0, value: 0 },
      { month: 10, value: 50 },
      { month: 20, value: 60 },
    ];
    expect(interpolate(knots, -5)).toBe(0);
    expect(interpolate(knots, 5)).toBe(25);
    expect(interpolate(knots, 15)).toBe(55);
    expect(interpolate(knots, 30)).toBe(60);
  });

  it('knows which months a date completes', () => {
    expect(lastCompleteMonth('2025-10-31')).toBe(monthIndex(2025, 10));
    expect(lastCompleteMonth('2025-10-30')).toBe(monthIndex(2025, 9));
    expect(lastCompleteMonth('2024-02-29')).toBe(monthIndex(2024, 2));
  });

  it('formats numbers and periods in Chinese', () => {
    expect(formatNumber(512.43)).toBe('512.4');
    expect(formatNumber(5500000)).toBe('5500000');
    expect(formatNumber(0.726)).toBe('0.73');
    expect(formatNumber(0.012345)).toBe('0.0123');
    expect(periodLabel('2025Q3')).toBe('2025年第3季度');
    expect(periodLabel('2025-07')).toBe('2025年7月');
  });

  it('measures dispersion', () => {
    // mean 2.5, variance 1.25 → 1.1180 / 2.5.
    expect(coefficientOfVariation([1, 2, 3, 4])).toBeCloseTo(0.44721, 4);
    expect(coefficientOfVariation([5])).toBeNull();
    expect(theilIndex([1, 1, 1].map((value) => ({ value })))).toBeCloseTo(0);
    // (0.5 ln 0.5 + 1.5 ln 1.5) / 2.
    expect(theilIndex([{ value: 1 }, { value: 3 }])).toBeCloseTo(0.130812, 5);
    // Shares of the numerator .25/.75 over equal denominators: .25 ln .5 + .75 ln 1.5.
    expect(
      theilIndex([
        { value: 10, numerator: 10, denominator: 100 },
        { value: 30, numerator: 30, denominator: 100 },
      ]),
    ).toBeCloseTo(0.130812, 5);
  });

  it('uses the defaults from configuration', () => {
    expect(DEFAULT_STATUS_CONFIG.atRiskTolerance).toBe(0.05);
  });
});

describe('a unit’s part of a province count target', () => {
  const flow = (perYear: number[]): StatusSeries => ({
    aggregation: 'flow',
    magnitude: 1,
    points: perYear.map((value, i) => ({ period: String(2023 + i), value })),
  });
  const t: StatusTarget = {
    ...base,
    comparator: '>=',
    value: 550,
    unit: '万人',
    kind: 'cumulative',
  };

  it('takes the unit’s share of the first common year', () => {
    // 2023: 20 of 100 → 20%; 550 × 0.2 = 110.
    const share = firstYearShare(flow([20, 30]), flow([100, 100]));
    expect(share).toBeCloseTo(0.2);
    expect(unitTarget(t, '441400', share)).toMatchObject({
      basis: 'share',
      target: { value: 110 },
    });
  });

  it('prefers the plan’s allocation', () => {
    const allocated = { ...t, allocations: [{ unit: '441400', value: 30 }] };
    expect(unitTarget(allocated, '441400', 0.2)).toMatchObject({
      basis: 'allocation',
      target: { value: 30 },
    });
    expect(unitTarget(t, '441400', null)).toBeNull();
  });

  it('knows counts from ratios', () => {
    expect(isExtensive(t, flow([1]))).toBe(true);
    expect(isExtensive({ unit: '%', comparator: '>=' }, flow([1]))).toBe(false);
    expect(isExtensive(t, { ...flow([1]), scale: 100 })).toBe(false);
  });
});

describe('partial periods (one county approved the latest month)', () => {
  it('counts the value but keeps the clock at the last full period', () => {
    const target: StatusTarget = {
      ...base,
      comparator: '>=',
      value: 550,
      unit: '万人',
      kind: 'cumulative',
    };
    const points: SeriesPoint[] = months('2023-01', 34, () => 100_000);
    points.push({ period: '2025-11', value: 5_000, partial: true });
    const s = targetStatus(
      target,
      { aggregation: 'flow', magnitude: 10_000, points },
      '2025-11-30',
    );
    // 340 + 0.5 = 340.5; the trajectory is read at October: 311.67; run rate from full months.
    expect(s.value).toBeCloseTo(340.5);
    expect(s.through).toBe('2025-10');
    expect(s.expected).toBeCloseTo(311.667, 2);
    expect(s.forecast).toBeCloseTo(340.5 + 26 * 10);
    expect(s.reason).toContain('（含2025年11月等部分单位已报数据）');
  });
});
