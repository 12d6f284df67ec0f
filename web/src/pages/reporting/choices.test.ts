import { describe, expect, it } from 'vitest';
import type { OrgUnit } from '../../api/orgUnits';
import { defaultPeriod, recentPeriods, unitChoices } from './choices';

const unit = (code: string, level: OrgUnit['level'], parentCode: string | null): OrgUnit => ({
  code,
  name: code,
  level,
  parentCode,
  region: null,
});

const units: OrgUnit[] = [
  unit('440000', 'province', null),
  unit('441400', 'city', '440000'),
  unit('441402', 'county', '441400'),
  unit('441403', 'county', '441400'),
  unit('441900', 'city', '440000'), // 东莞: no counties, reports county forms itself
  unit('440300', 'city', '440000'),
  unit('440303', 'county', '440300'),
];

describe('reporting pickers', () => {
  it('offers county forms for the user’s own unit and the units below it', () => {
    expect(unitChoices(units, 'county', '441403').map((u) => u.code)).toEqual(['441403']);
    expect(unitChoices(units, 'county', '441400').map((u) => u.code)).toEqual(['441402', '441403']);
    expect(unitChoices(units, 'county', null).map((u) => u.code)).toEqual([
      '441402',
      '441403',
      '441900',
      '440303',
    ]);
    expect(unitChoices(units, 'city', '441403')).toEqual([]);
    expect(unitChoices(units, 'department', 'GD-HRSS').map((u) => u.code)).toEqual(['440000']);
  });

  it('lists recent periods newest first and picks the one being reported now', () => {
    const today = new Date('2025-08-05T04:00:00Z');
    expect(recentPeriods('quarter', today)).toEqual([
      '2025Q3',
      '2025Q2',
      '2025Q1',
      '2024Q4',
      '2024Q3',
      '2024Q2',
      '2024Q1',
      '2023Q4',
    ]);
    expect(recentPeriods('month', today)[0]).toBe('2025-08');
    expect(defaultPeriod('month', 30, today)).toBe('2025-07');
    expect(defaultPeriod('month', 30, new Date('2025-09-15T00:00:00Z'))).toBe('2025-08');
    expect(defaultPeriod('month', 30, new Date('2025-10-31T12:00:00Z'))).toBe('2025-10');
  });
});
