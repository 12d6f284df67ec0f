// The words of tasks 20 and 21: service areas on expressways and national roads, their
// small-car parking spaces and charging spaces, and the thresholds the plan sets for 2027.

export type RoadClass = 'expressway' | 'national' | 'other';
export type ServiceAreaStatus = 'existing' | 'under-construction' | 'new' | 'upgraded';

export const ROAD_CLASSES: readonly RoadClass[] = ['expressway', 'national', 'other'];
export const SERVICE_AREA_STATUSES: readonly ServiceAreaStatus[] = [
  'existing',
  'under-construction',
  'new',
  'upgraded',
];

/** Road classes that carry a charging threshold (the plan names only these two). */
export type AssessedRoadClass = Exclude<RoadClass, 'other'>;
export const ASSESSED_ROAD_CLASSES: readonly AssessedRoadClass[] = ['expressway', 'national'];

/** Minimum charging spaces as a percentage of small-car parking spaces, per road class. */
export type Thresholds = Record<AssessedRoadClass, number>;

/** Task 21: ≥15% at expressway service areas, ≥10% at national-road ones ("原则上"). */
export const PLAN_THRESHOLDS: Thresholds = { expressway: 15, national: 10 };

/** Task 20: 120 expressway service areas newly built or upgraded in 2023–2027. */
export const NEW_OR_UPGRADED_TARGET = 120;
export const PLAN_START = '2023-01-01';
export const PLAN_DEADLINE_YEAR = 2027;

/** What the calculations need of a service area. */
export interface ChargingArea {
  roadClass: RoadClass;
  status: ServiceAreaStatus;
  /** YYYY-MM-DD: opening (new), completion (upgraded); null when unknown or not applicable. */
  statusDate: string | null;
  cityCode: string;
  countyCode: string | null;
  parkingSpaces: number;
  chargingSpaces: number;
  /**
   * The service area as a place (name + road): its two sides are two records but one service
   * area in the count against 120. Records without it count one each.
   */
  site?: string;
}
