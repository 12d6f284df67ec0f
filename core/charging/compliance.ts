// Compliance of one service area and of groups of them. The ratio of a group is computed from
// its sums (Σcharging ÷ Σparking), never averaged; the share of areas individually compliant
// is reported beside it, because "原则上" applies to each service area.
import {
  ASSESSED_ROAD_CLASSES,
  type AssessedRoadClass,
  type ChargingArea,
  type Thresholds,
} from './types';

export interface AreaCompliance {
  /** null for road classes without a threshold. */
  thresholdPercent: number | null;
  /** charging ÷ parking × 100; null when there are no small-car spaces. */
  ratioPercent: number | null;
  /** ceil(threshold × parking): the charging spaces the threshold asks for. */
  required: number | null;
  /** Charging spaces still to add, never negative. */
  gap: number;
  /** null when not assessed (no threshold, no parking, or not yet operating). */
  compliant: boolean | null;
}

/** ceil(percent × spaces / 100) without floating-point noise (15% of 40 is 6, not 7). */
export function requiredSpaces(percent: number, parkingSpaces: number): number {
  const exact = (percent * parkingSpaces) / 100;
  return Math.max(0, Math.ceil(exact - 1e-9));
}

export function ratioPercent(charging: number, parking: number): number | null {
  return parking > 0 ? (charging / parking) * 100 : null;
}

/** Areas under construction are not yet operating: they are listed, but not assessed. */
export function isOperating(area: Pick<ChargingArea, 'status'>): boolean {
  return area.status !== 'under-construction';
}

export function thresholdFor(area: ChargingArea, thresholds: Thresholds): number | null {
  return area.roadClass === 'other' ? null : thresholds[area.roadClass];
}

export function areaCompliance(area: ChargingArea, thresholds: Thresholds): AreaCompliance {
  const threshold = thresholdFor(area, thresholds);
  const ratio = ratioPercent(area.chargingSpaces, area.parkingSpaces);
  if (threshold === null) {
    return { thresholdPercent: null, ratioPercent: ratio, required: null, gap: 0, compliant: null };
  }
  const required = requiredSpaces(threshold, area.parkingSpaces);
  const gap = Math.max(0, required - area.chargingSpaces);
  const assessed = area.parkingSpaces > 0 && isOperating(area);
  return {
    thresholdPercent: threshold,
    ratioPercent: ratio,
    required,
    gap,
    compliant: assessed ? gap === 0 : null,
  };
}

export interface ClassSummary {
  roadClass: AssessedRoadClass;
  thresholdPercent: number;
  /** Operating service areas of this class. */
  areas: number;
  parkingSpaces: number;
  chargingSpaces: number;
  /** Σcharging ÷ Σparking × 100. */
  ratioPercent: number | null;
  /** Areas with small-car spaces, i.e. those judged compliant or not. */
  assessed: number;
  compliant: number;
  /** compliant ÷ assessed × 100. */
  compliantSharePercent: number | null;
  /** Σ of every area's own gap: what "原则上" per area asks for. */
  gap: number;
  /** Spaces that would lift the ratio of the sums to the threshold. */
  aggregateGap: number;
}

function emptySummary(roadClass: AssessedRoadClass, thresholds: Thresholds): ClassSummary {
  return {
    roadClass,
    thresholdPercent: thresholds[roadClass],
    areas: 0,
    parkingSpaces: 0,
    chargingSpaces: 0,
    ratioPercent: null,
    assessed: 0,
    compliant: 0,
    compliantSharePercent: null,
    gap: 0,
    aggregateGap: 0,
  };
}

function finish(s: ClassSummary): ClassSummary {
  return {
    ...s,
    ratioPercent: ratioPercent(s.chargingSpaces, s.parkingSpaces),
    compliantSharePercent: s.assessed > 0 ? (s.compliant / s.assessed) * 100 : null,
    aggregateGap: Math.max(
      0,
      requiredSpaces(s.thresholdPercent, s.parkingSpaces) - s.chargingSpaces,
    ),
  };
}

export interface GroupSummary {
  expressway: ClassSummary;
  national: ClassSummary;
  /** Per-area gaps of both classes together. */
  gap: number;
}

/** Summaries per key (e.g. city code) and for all areas together. */
export function summarize<K extends string>(
  areas: readonly ChargingArea[],
  thresholds: Thresholds,
  keyOf: (area: ChargingArea) => K,
): { total: GroupSummary; groups: Map<K, GroupSummary> } {
  const make = () =>
    Object.fromEntries(
      ASSESSED_ROAD_CLASSES.map((c) => [c, emptySummary(c, thresholds)]),
    ) as Record<AssessedRoadClass, ClassSummary>;
  const total = make();
  const groups = new Map<K, Record<AssessedRoadClass, ClassSummary>>();
  for (const area of areas) {
    if (area.roadClass === 'other' || !isOperating(area)) continue;
    const key = keyOf(area);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = make()));
    const c = areaCompliance(area, thresholds);
    for (const s of [total[area.roadClass], group[area.roadClass]]) {
      s.areas += 1;
      s.parkingSpaces += area.parkingSpaces;
      s.chargingSpaces += area.chargingSpaces;
      s.gap += c.gap;
      if (c.compliant !== null) {
        s.assessed += 1;
        if (c.compliant) s.compliant += 1;
      }
    }
  }
  const close = (g: Record<AssessedRoadClass, ClassSummary>): GroupSummary => {
    const expressway = finish(g.expressway);
    const national = finish(g.national);
    return { expressway, national, gap: expressway.gap + national.gap };
  };
  return {
    total: close(total),
    groups: new Map([...groups].map(([k, g]) => [k, close(g)])),
  };
}

/** The records that count for task 20: expressway, new or upgraded, status date in [from, to]. */
export function isNewOrUpgraded(area: ChargingArea, range: { from: string; to: string }): boolean {
  return (
    area.roadClass === 'expressway' &&
    (area.status === 'new' || area.status === 'upgraded') &&
    area.statusDate !== null &&
    area.statusDate >= range.from &&
    area.statusDate <= range.to
  );
}

/** Task 20: service areas (both sides of a site count once) new or upgraded within the range. */
export function countNewOrUpgraded(
  areas: readonly ChargingArea[],
  range: { from: string; to: string },
): number {
  const sites = new Set<string>();
  let unnamed = 0;
  for (const a of areas) {
    if (!isNewOrUpgraded(a, range)) continue;
    if (a.site === undefined) unnamed += 1;
    else sites.add(a.site);
  }
  return sites.size + unnamed;
}
