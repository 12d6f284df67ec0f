import { describe, expect, it } from 'vitest';
import { PLAN_THRESHOLDS, stateAt, summarize } from '../../../../core/charging';
import { guangdongUnits } from '../org-units/administrative-units';
import { OrgDirectory } from '../org-units/org-units.service';
import { generateDemoRegistry } from './service-areas.demo';
import { toChargingArea, toFields } from './service-areas.model';
import { checkArea } from './service-areas.validation';

const orgs = OrgDirectory.from(guangdongUnits());
const now = new Date('2026-11-28T00:00:00Z');

describe('demo registry', () => {
  const areas = generateDemoRegistry(orgs, 2027, now);

  it('has about 300 valid areas in all 21 cities, the same for the same seed', () => {
    expect(areas.length).toBeGreaterThan(250);
    expect(areas.length).toBeLessThan(400);
    expect(new Set(areas.map((a) => a.versions[0]!.data.cityCode)).size).toBe(21);
    for (const a of areas)
      for (const v of a.versions) {
        const checked = checkArea({ ...v.data, effectiveDate: v.validFrom }, orgs, '2026-11-28');
        expect(checked.errors).toEqual([]);
        expect(checked.warnings).toEqual([]); // inside its own city
      }
    expect(JSON.stringify(generateDemoRegistry(orgs, 2027, now))).toBe(JSON.stringify(areas));
  });

  it('raises the charging ratio year by year since 2023', () => {
    const entries = areas.flatMap((a, areaId) =>
      a.versions.map((v, seq) => ({ areaId, seq, validFrom: v.validFrom, change: v.change, v })),
    );
    const ratio = (at: string) =>
      summarize(
        stateAt(entries, at).map((e) => toChargingArea(toFields(e.v.data))),
        PLAN_THRESHOLDS,
        () => 'all',
      ).total.expressway.ratioPercent!;
    const years = ['2023-06-30', '2024-06-30', '2025-06-30', '2026-06-30'].map(ratio);
    for (let i = 1; i < years.length; i++) expect(years[i]!).toBeGreaterThan(years[i - 1]!);
  });
});
