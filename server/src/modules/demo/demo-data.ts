// A believable, reproducible demo: values for every data element in every reporting unit for
// each period from the plan's start to the last complete period, moving towards (or, for
// some cities, falling short of) the targets they feed. Pure: same seed, same data.
import type { DataElement, Plan, Target } from '../../../../core/plan/schema';
import { allTargets, unitMagnitude } from '../../../../core/plan';
import {
  formatPeriod,
  periodBounds,
  periodsBetween,
  type Period,
} from '../../../../core/periods/periods';

export interface DemoUnit {
  code: string;
  level: 'province' | 'city' | 'county';
  /** Share of the province's population, 0–1 (counties share their city's). */
  weight: number;
  /** How well the unit performs against the plan: ~0.85 (lagging) to ~1.1 (ahead). */
  performance: number;
}

export interface DemoValue {
  elementCode: string;
  unitCode: string;
  period: string;
  value: number;
}

/** mulberry32: small, fast and good enough for demo noise. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Context {
  plan: Plan;
  units: DemoUnit[];
  random: () => number;
  periods: (e: DataElement) => Period[];
  planMonths: number;
}

export function generateDemoValues(
  plan: Plan,
  units: DemoUnit[],
  seed: number,
  now: Date,
): DemoValue[] {
  return [...demoValueStream(plan, units, seed, now)];
}

/** The same values one at a time (the full-scale volume does not fit in an array cheaply). */
export function* demoValueStream(
  plan: Plan,
  units: DemoUnit[],
  seed: number,
  now: Date,
): Generator<DemoValue> {
  const random = seededRandom(seed);
  const start = new Date(`${plan.start}T00:00:00Z`);
  const lastComplete = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  const ctx: Context = {
    plan,
    units,
    random,
    planMonths: monthsBetween(plan.start, plan.end),
    periods: (e) =>
      periodsBetween(e.periodType, start, lastComplete).filter(
        (p) => periodBounds(p).end <= lastComplete.toISOString().slice(0, 10),
      ),
  };
  const targets = allTargets(plan);
  const denominators = new Map<string, Map<string, number>>();
  const byCode = new Map(plan.dataElements.map((e) => [e.code, e]));
  // Denominators before numerators, so a ratio's parts stay consistent.
  const ordered = [...plan.dataElements].sort((a, b) => rank(a, targets) - rank(b, targets));
  for (const element of ordered) {
    const ratioTarget = targets.find(
      (t) => 'numerator' in t.measure && t.measure.numerator === element.code,
    );
    const unitsFor = reportingUnits(element, units);
    // Looked up once per element, not per value: the full scale makes ~800k of them.
    const isDenominator = targets.some(
      (t) => 'denominator' in t.measure && t.measure.denominator === element.code,
    );
    const target = targets.find(
      (t) => 'element' in t.measure && t.measure.element === element.code,
    );
    const magnitude = target ? unitMagnitude(target.unit, element.unit) : undefined;
    for (const period of ctx.periods(element)) {
      const periodCode = formatPeriod(period);
      const progress = progressAt(plan, period);
      for (const unit of unitsFor) {
        let value: number;
        if (ratioTarget && 'denominator' in ratioTarget.measure) {
          const den = denominators
            .get(`${ratioTarget.measure.denominator}|${periodCode}`)
            ?.get(unit.code);
          const denominator = den ?? baseCount(unit, byCode.get(ratioTarget.measure.denominator));
          value =
            (denominator * ratioLevel(ratioTarget, unit, progress, random)) /
            ratioTarget.measure.scale;
        } else {
          value = elementValue(ctx, element, target, magnitude, unit, period, progress);
        }
        value = round(element, Math.max(0, value));
        if (isDenominator) {
          const key = `${element.code}|${periodCode}`;
          if (!denominators.has(key)) denominators.set(key, new Map());
          denominators.get(key)!.set(unit.code, value);
        }
        yield { elementCode: element.code, unitCode: unit.code, period: periodCode, value };
      }
    }
  }
}

function rank(e: DataElement, targets: ReturnType<typeof allTargets>): number {
  return targets.some((t) => 'numerator' in t.measure && t.measure.numerator === e.code) ? 1 : 0;
}

/** The lowest level that reports an element; cities without counties stand in for them. */
export function reportingUnits(e: DataElement, units: DemoUnit[]): DemoUnit[] {
  if (e.reportedBy.includes('county')) {
    const citiesWithCounties = new Set(
      units.filter((u) => u.level === 'county').map((u) => parentOf(u.code)),
    );
    return units.filter(
      (u) => u.level === 'county' || (u.level === 'city' && !citiesWithCounties.has(u.code)),
    );
  }
  if (e.reportedBy.includes('city')) return units.filter((u) => u.level === 'city');
  return units.filter((u) => u.level === 'province');
}

const parentOf = (countyCode: string) => `${countyCode.slice(0, 4)}00`;

function progressAt(plan: Plan, period: Period): number {
  const end = periodBounds(period).end;
  return Math.min(
    1,
    Math.max(0, monthsBetween(plan.start, end) / monthsBetween(plan.start, plan.end)),
  );
}

function monthsBetween(from: string, to: string): number {
  const a = new Date(`${from}T00:00:00Z`);
  const b = new Date(`${to}T00:00:00Z`);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth()) + 1;
}

function periodsPerYear(e: DataElement): number {
  return e.periodType === 'year' ? 1 : e.periodType === 'quarter' ? 4 : 12;
}

function noise(random: () => number, spread: number): number {
  return 1 + (random() * 2 - 1) * spread;
}

/** A ratio's level: from ~80% of the target at the start towards the target × performance. */
function ratioLevel(t: Target, unit: DemoUnit, progress: number, random: () => number): number {
  const goal =
    t.comparator === '<=' ? t.value * (2 - unit.performance) : t.value * unit.performance;
  const startLevel = t.baseline?.value ?? t.value * 0.8;
  const level = startLevel + (goal - startLevel) * progress;
  return Math.min(t.measure && t.unit === '%' ? 100 : Infinity, level * noise(random, 0.02));
}

const GUANGDONG_POPULATION = 127_000_000;

function baseCount(unit: DemoUnit, e: DataElement | undefined): number {
  if (e?.name.includes('常住人口')) return GUANGDONG_POPULATION * unit.weight;
  const provinceTotal = e?.aggregation === 'flow' ? 200_000 : 1_000_000;
  return provinceTotal * unit.weight;
}

function elementValue(
  ctx: Context,
  e: DataElement,
  target: Target | undefined,
  magnitude: number | undefined,
  unit: DemoUnit,
  period: Period,
  progress: number,
): number {
  const { random } = ctx;
  if (e.valueType === 'percentage') {
    const goal = target?.value ?? 90;
    if (target?.comparator === '≈') return goal * noise(random, 0.06);
    const perf = target?.comparator === '<=' ? 2 - unit.performance : unit.performance;
    return Math.min(100, (goal * 0.9 + goal * 0.1 * progress) * perf * noise(random, 0.01));
  }
  if (!target || !magnitude) return baseCount(unit, e) * noise(random, 0.1);
  const goalInElementUnit = target.value * magnitude;
  const share = unit.level === 'province' ? 1 : unit.weight;
  if (target.comparator === 'decreasing') {
    const yearsIn = period.year - Number(ctx.plan.start.slice(0, 4));
    return (
      baseCount(unit, e) * 0.01 * Math.pow(0.96, yearsIn) * unit.performance * noise(random, 0.05)
    );
  }
  switch (target.kind) {
    case 'cumulative': {
      const perPeriod = goalInElementUnit / ((ctx.planMonths / 12) * periodsPerYear(e));
      return perPeriod * share * unit.performance * noise(random, 0.15);
    }
    case 'annual':
      return (
        (goalInElementUnit / periodsPerYear(e)) * share * unit.performance * noise(random, 0.1)
      );
    case 'level':
    case 'maintain': {
      const startLevel =
        target.baseline?.value !== undefined
          ? target.baseline.value * magnitude
          : goalInElementUnit * 0.7;
      const level = startLevel + (goalInElementUnit * unit.performance - startLevel) * progress;
      return level * share * noise(random, 0.02);
    }
  }
}

function round(e: DataElement, value: number): number {
  if (e.valueType === 'integer') return Math.round(value);
  return Math.round(value * 100) / 100;
}
