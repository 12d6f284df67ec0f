// What the pickers offer: the units a user may pick for a form (its reporting level, within the
// user's own unit and the units below it), and the recent periods of the form's type.
import {
  formatPeriod,
  nextPeriod,
  parsePeriod,
  periodBounds,
  periodContaining,
} from '../../../../core/periods/periods';
import type { Period, PeriodType } from '../../../../core/periods/periods';
import { periodLabel, previousPeriod } from '../../../../core/reporting-io/period-codes';
import type { OrgUnit } from '../../api/orgUnits';

export const PROVINCE_CODE = '440000';

export interface UnitChoice {
  code: string;
  name: string;
}

export function subtreeOf(units: OrgUnit[], root: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units)
    if (u.parentCode) children.set(u.parentCode, [...(children.get(u.parentCode) ?? []), u.code]);
  const result = new Set<string>();
  const stack = [root];
  while (stack.length) {
    const code = stack.pop()!;
    if (result.has(code)) continue;
    result.add(code);
    stack.push(...(children.get(code) ?? []));
  }
  return result;
}

/** Units that report a form at its level (cities without counties stand in for them). */
export function unitChoices(
  units: OrgUnit[],
  reporterLevel: 'county' | 'city' | 'department',
  userUnit: string | null,
): UnitChoice[] {
  const scope = userUnit && userUnit !== PROVINCE_CODE ? subtreeOf(units, userUnit) : null;
  const parents = new Set(units.filter((u) => u.level === 'county').map((u) => u.parentCode));
  const reporting = units.filter((u) => {
    if (reporterLevel === 'department') return u.code === PROVINCE_CODE;
    if (reporterLevel === 'city') return u.level === 'city';
    return u.level === 'county' || (u.level === 'city' && !parents.has(u.code));
  });
  const visible =
    reporterLevel === 'department' || !scope
      ? reporting
      : reporting.filter((u) => scope.has(u.code));
  return visible.map((u) => ({ code: u.code, name: u.name }));
}

const RECENT: Record<PeriodType, number> = { month: 12, quarter: 8, year: 5 };

/** The most recent periods, newest first, up to the one containing today. */
export function recentPeriods(type: PeriodType, today = new Date()): string[] {
  const current = periodContaining(type, today);
  let p: Period = current;
  for (let i = 1; i < RECENT[type]; i++) p = parsePeriod(previousPeriod(formatPeriod(p))!)!;
  const result: string[] = [];
  for (; result.length < RECENT[type]; p = nextPeriod(p)) result.unshift(formatPeriod(p));
  return result;
}

/** The period being reported now: the last one ended, while its entry is still open. */
export function defaultPeriod(type: PeriodType, expiryDays: number, today = new Date()): string {
  const current = formatPeriod(periodContaining(type, today));
  const previous = previousPeriod(current)!;
  const end = new Date(`${periodBounds(parsePeriod(previous)!).end}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + expiryDays);
  return end.getTime() >= today.getTime() - 86_400_000 ? previous : current;
}

export { periodLabel };
