import { describe, expect, it } from 'vitest';
import { areaCompliance, countNewOrUpgraded, requiredSpaces, summarize } from './compliance';
import { PLAN_THRESHOLDS, type ChargingArea } from './types';

const area = (over: Partial<ChargingArea>): ChargingArea => ({
  roadClass: 'expressway',
  status: 'existing',
  statusDate: null,
  cityCode: '441400',
  countyCode: null,
  parkingSpaces: 100,
  chargingSpaces: 0,
  ...over,
});

describe('requiredSpaces', () => {
  it('is ceil(threshold × parking) without floating-point noise', () => {
    // 0.15 × 40 is 6.000000000000001 in floating point; the answer is 6.
    expect(requiredSpaces(15, 40)).toBe(6);
    expect(requiredSpaces(15, 41)).toBe(7); // 6.15 → 7
    expect(requiredSpaces(10, 55)).toBe(6); // 5.5 → 6
    expect(requiredSpaces(10, 0)).toBe(0);
    expect(requiredSpaces(12.5, 8)).toBe(1);
  });
});

describe('areaCompliance', () => {
  it('computes ratio, required, gap and compliance against the class threshold', () => {
    // Expressway, 80 small-car spaces, 10 charging: 12.5% < 15%; ceil(12) = 12 → gap 2.
    expect(
      areaCompliance(area({ parkingSpaces: 80, chargingSpaces: 10 }), PLAN_THRESHOLDS),
    ).toEqual({ thresholdPercent: 15, ratioPercent: 12.5, required: 12, gap: 2, compliant: false });
    // National road, 55 spaces, 6 charging: required ceil(5.5) = 6 → compliant.
    const national = areaCompliance(
      area({ roadClass: 'national', parkingSpaces: 55, chargingSpaces: 6 }),
      PLAN_THRESHOLDS,
    );
    expect(national).toMatchObject({ thresholdPercent: 10, required: 6, gap: 0, compliant: true });
  });

  it('never gives a negative gap, and leaves unassessable areas out', () => {
    expect(
      areaCompliance(area({ parkingSpaces: 20, chargingSpaces: 20 }), PLAN_THRESHOLDS).gap,
    ).toBe(0);
    expect(
      areaCompliance(area({ roadClass: 'other', chargingSpaces: 0 }), PLAN_THRESHOLDS),
    ).toMatchObject({ thresholdPercent: null, gap: 0, compliant: null });
    expect(areaCompliance(area({ parkingSpaces: 0 }), PLAN_THRESHOLDS).compliant).toBeNull();
    expect(
      areaCompliance(area({ status: 'under-construction', chargingSpaces: 1 }), PLAN_THRESHOLDS),
    ).toMatchObject({ gap: 14, compliant: null });
  });

  it('follows a what-if threshold', () => {
    expect(areaCompliance(area({ chargingSpaces: 15 }), { expressway: 20, national: 10 }).gap).toBe(
      5,
    );
  });
});

describe('summarize', () => {
  // Hand calculation. City A: expressway 100/10 (gap 5), 40/8 (ok); national 50/5 (ok).
  // City B: expressway 60/3 (required 9, gap 6); one under construction (ignored); one 'other'.
  const areas: ChargingArea[] = [
    area({ cityCode: 'A', parkingSpaces: 100, chargingSpaces: 10 }),
    area({ cityCode: 'A', parkingSpaces: 40, chargingSpaces: 8 }),
    area({ cityCode: 'A', roadClass: 'national', parkingSpaces: 50, chargingSpaces: 5 }),
    area({ cityCode: 'B', parkingSpaces: 60, chargingSpaces: 3 }),
    area({ cityCode: 'B', status: 'under-construction', parkingSpaces: 500, chargingSpaces: 0 }),
    area({ cityCode: 'B', roadClass: 'other', parkingSpaces: 30, chargingSpaces: 0 }),
  ];
  const { total, groups } = summarize(areas, PLAN_THRESHOLDS, (a) => a.cityCode);

  it('computes the province ratio from the sums, not the mean of ratios', () => {
    // Σcharging 21 ÷ Σparking 200 = 10.5% (the mean of 10%, 20%, 5% would be 11.67%).
    expect(total.expressway).toMatchObject({
      areas: 3,
      parkingSpaces: 200,
      chargingSpaces: 21,
      ratioPercent: 10.5,
      assessed: 3,
      compliant: 1,
      gap: 11,
      aggregateGap: 9, // ceil(30) − 21
    });
    expect(total.expressway.compliantSharePercent).toBeCloseTo(33.333, 2);
    expect(total.national).toMatchObject({ areas: 1, ratioPercent: 10, compliant: 1, gap: 0 });
    expect(total.gap).toBe(11);
  });

  it('groups by city', () => {
    expect(groups.get('A')!.expressway).toMatchObject({
      parkingSpaces: 140,
      chargingSpaces: 18,
      gap: 5,
    });
    expect(groups.get('A')!.expressway.aggregateGap).toBe(3); // ceil(21) − 18
    expect(groups.get('B')!.expressway).toMatchObject({
      areas: 1,
      gap: 6,
      compliantSharePercent: 0,
    });
    expect(groups.get('B')!.national.ratioPercent).toBeNull();
  });
});

describe('countNewOrUpgraded', () => {
  it('counts expressway areas new or upgraded within the range', () => {
    const areas = [
      area({ status: 'new', statusDate: '2023-05-01' }),
      area({ status: 'upgraded', statusDate: '2025-12-31' }),
      area({ status: 'upgraded', statusDate: '2022-12-31' }), // before the plan
      area({ status: 'new', statusDate: '2026-01-01' }), // after the date asked
      area({ status: 'new', statusDate: '2024-01-01', roadClass: 'national' }),
      area({ status: 'existing' }),
    ];
    expect(countNewOrUpgraded(areas, { from: '2023-01-01', to: '2025-12-31' })).toBe(2);
  });

  it('counts the two sides of one service area once', () => {
    const side = (site: string) => area({ status: 'upgraded', statusDate: '2024-03-01', site });
    const areas = [side('梅县|G25'), side('梅县|G25'), side('蕉岭|G25')];
    expect(countNewOrUpgraded(areas, { from: '2023-01-01', to: '2025-12-31' })).toBe(2);
  });
});
