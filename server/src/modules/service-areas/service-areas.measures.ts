// The plan's computed measures for tasks 20 and 21 (`measure: { computed: … }` in
// plans/guangdong-2023-2027.yaml), evaluated from the registry as it stood on any date, so a
// target's status, forecast and history work like those of reported indicators.
// Ratios are percentages (the targets' unit is %), computed from the sums.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import {
  countNewOrUpgraded,
  isOperating,
  PLAN_START,
  ratioPercent,
  type AssessedRoadClass,
} from '../../../../core/charging';
import { toChargingArea } from './service-areas.model';
import { registryAt, type Snapshot } from './service-areas.compliance';

export interface MeasureQuery {
  /** '440000' for the province, a city or county code for that unit. */
  unitCode: string;
  /** YYYY-MM-DD */
  at: string;
}

export interface MeasureValue {
  value: number | null;
  numerator?: number;
  denominator?: number;
}

export type Measure = (db: Kysely<DB>, q: MeasureQuery) => Promise<MeasureValue>;

const PROVINCE = '440000';

async function areasOf(db: Kysely<DB>, q: MeasureQuery): Promise<Snapshot[]> {
  const rows = await registryAt(db, q.at);
  if (q.unitCode === PROVINCE) return rows;
  return rows.filter((r) => r.city_code === q.unitCode || r.county_code === q.unitCode);
}

function chargingRatio(roadClass: AssessedRoadClass): Measure {
  return async (db, q) => {
    const areas = (await areasOf(db, q))
      .map(toChargingArea)
      .filter((a) => a.roadClass === roadClass && isOperating(a));
    const numerator = areas.reduce((s, a) => s + a.chargingSpaces, 0);
    const denominator = areas.reduce((s, a) => s + a.parkingSpaces, 0);
    return { value: ratioPercent(numerator, denominator), numerator, denominator };
  };
}

const newOrUpgraded: Measure = async (db, q) => {
  const areas = (await areasOf(db, q)).map(toChargingArea);
  return { value: countNewOrUpgraded(areas, { from: PLAN_START, to: q.at }) };
};

export const serviceAreaMeasures: Record<string, Measure> = {
  'service-areas.new-or-upgraded': newOrUpgraded,
  'service-areas.charging-ratio.expressway': chargingRatio('expressway'),
  'service-areas.charging-ratio.national': chargingRatio('national'),
};

/**
 * A change counter of the registry ("count:lastId" of its history): equal strings mean equal
 * answers from every measure above, so callers may cache on it.
 */
export { registryVersion } from './service-areas.repository';
