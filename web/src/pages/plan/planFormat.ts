// Pure helpers that turn plan data into the words and numbers the plan browser shows.
import type { TFunction } from 'i18next';
import type { Domain, Plan, Target, Task } from '../../api/plan';

const chineseDigits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 27 → 二十七 (for 1–99; other numbers stay Arabic). */
export function toChineseNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 1 || value > 99) return String(value);
  const digit = (n: number) => chineseDigits[n] ?? String(n);
  if (value < 10) return digit(value);
  const tens = Math.floor(value / 10);
  const ones = value % 10;
  return `${tens === 1 ? '' : digit(tens)}十${ones === 0 ? '' : digit(ones)}`;
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language, {
    maximumFractionDigits: 4,
    useGrouping: Math.abs(value) >= 10_000,
  }).format(value);
}

/** "≥ 550万人", "≈ 5.5±0.5%", "逐年下降" … */
export function formatTargetValue(target: Target, t: TFunction, language: string): string {
  const amount = `${formatNumber(target.value, language)}${target.unit}`;
  switch (target.comparator) {
    case '>=':
      return `≥ ${amount}`;
    case '<=':
      return `≤ ${amount}`;
    case '==':
      return `= ${amount}`;
    case '≈':
      return target.band === undefined
        ? `≈ ${amount}`
        : `≈ ${formatNumber(target.value, language)}±${formatNumber(target.band, language)}${target.unit}`;
    case 'decreasing':
      return t('plan.decreasing');
  }
}

/** "2027年底" for year ends (as the plan words it), otherwise the full date. */
export function formatDeadline(isoDate: string, t: TFunction, language: string): string {
  const yearEnd = /^(\d{4})-12-31$/.exec(isoDate);
  if (yearEnd) return t('plan.endOfYear', { year: yearEnd[1] });
  const date = new Date(`${isoDate}T00:00:00`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(date);
}

export interface ScopeLabel {
  label: string;
  note?: string;
}

const knownRoadClasses = ['expressway', 'national'] as const;
type KnownRoadClass = (typeof knownRoadClasses)[number];

function isKnownRoadClass(value: string): value is KnownRoadClass {
  return knownRoadClasses.some((roadClass) => roadClass === value);
}

/** Road class codes of the plan file (expressway, national) in words; others as written. */
function roadClassName(roadClass: string | undefined, t: TFunction): string {
  if (!roadClass) return t('plan.scope.province');
  return isKnownRoadClass(roadClass) ? t(`plan.roadClasses.${roadClass}`) : roadClass;
}

export function formatScope(scope: Target['scope'], t: TFunction): ScopeLabel {
  const note = scope?.note;
  switch (scope?.type) {
    case undefined:
    case 'province':
      return { label: t('plan.scope.province'), note };
    case 'region':
      return { label: scope.regions?.join('、') ?? t('plan.scope.province'), note };
    case 'roadClass':
      return { label: roadClassName(scope.roadClass, t), note };
  }
}

export interface PlanCounts {
  domains: number;
  tasks: number;
  targets: number;
}

export function countPlan(plan: Plan): PlanCounts {
  let tasks = 0;
  let targets = 0;
  for (const domain of plan.domains) {
    targets += domain.targets?.length ?? 0;
    for (const task of domain.tasks) {
      tasks += 1;
      targets += task.targets.length;
    }
  }
  return { domains: plan.domains.length, tasks, targets };
}

/** Names of the given unit codes, in order; unknown codes are shown as they are. */
export function unitNames(plan: Plan, codes: readonly string[]): string[] {
  const names = new Map(plan.units.map((unit) => [unit.code, unit.name]));
  return codes.map((code) => names.get(code) ?? code);
}

export interface TargetMatch {
  domain: Domain;
  /** null for a domain-level target. */
  task: Task | null;
  target: Target;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}

/** Targets whose original text or indicator contains the query, in plan order. */
export function searchTargets(plan: Plan, query: string): TargetMatch[] {
  const needle = normalise(query);
  if (!needle) return [];
  const matches = (target: Target) =>
    normalise(target.text).includes(needle) || normalise(target.indicator).includes(needle);
  const found: TargetMatch[] = [];
  for (const domain of plan.domains) {
    for (const target of domain.targets ?? []) {
      if (matches(target)) found.push({ domain, task: null, target });
    }
    for (const task of domain.tasks) {
      for (const target of task.targets) {
        if (matches(target)) found.push({ domain, task, target });
      }
    }
  }
  return found;
}

/** Splits text around case-insensitive occurrences of the query, for highlighting. */
export function splitByQuery(text: string, query: string): { text: string; match: boolean }[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [{ text, match: false }];
  const parts: { text: string; match: boolean }[] = [];
  const haystack = text.toLowerCase();
  let from = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, from)) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return parts;
}
