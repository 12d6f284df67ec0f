// Reporting periods: `2025` (year), `2025Q3` (quarter), `2025-07` (month).
export type PeriodType = 'year' | 'quarter' | 'month';

export interface Period {
  type: PeriodType;
  year: number;
  /** Quarter 1–4 or month 1–12; 0 for a year. */
  index: number;
}

const PATTERNS: Array<[PeriodType, RegExp]> = [
  ['year', /^(\d{4})$/],
  ['quarter', /^(\d{4})Q([1-4])$/],
  ['month', /^(\d{4})-(0[1-9]|1[0-2])$/],
];

export function parsePeriod(code: string): Period | null {
  for (const [type, re] of PATTERNS) {
    const m = re.exec(code);
    if (m) return { type, year: Number(m[1]), index: m[2] ? Number(m[2]) : 0 };
  }
  return null;
}

export function formatPeriod(p: Period): string {
  if (p.type === 'year') return String(p.year);
  if (p.type === 'quarter') return `${p.year}Q${p.index}`;
  return `${p.year}-${String(p.index).padStart(2, '0')}`;
}

/** First and last day (inclusive, YYYY-MM-DD) of a period. */
export function periodBounds(p: Period): { start: string; end: string } {
  const [firstMonth, months] =
    p.type === 'year' ? [1, 12] : p.type === 'quarter' ? [(p.index - 1) * 3 + 1, 3] : [p.index, 1];
  const start = new Date(Date.UTC(p.year, firstMonth - 1, 1));
  const end = new Date(Date.UTC(p.year, firstMonth - 1 + months, 0));
  return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
}

/** The period of a type that contains a date. */
export function periodContaining(type: PeriodType, date: Date): Period {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  if (type === 'year') return { type, year, index: 0 };
  if (type === 'quarter') return { type, year, index: Math.ceil(month / 3) };
  return { type, year, index: month };
}

export function nextPeriod(p: Period): Period {
  const perYear = p.type === 'year' ? 1 : p.type === 'quarter' ? 4 : 12;
  if (p.type === 'year') return { ...p, year: p.year + 1 };
  return p.index === perYear ? { ...p, year: p.year + 1, index: 1 } : { ...p, index: p.index + 1 };
}

/** Every period of a type from the one containing `from` to the one containing `to`. */
export function periodsBetween(type: PeriodType, from: Date, to: Date): Period[] {
  const last = formatPeriod(periodContaining(type, to));
  const result: Period[] = [];
  for (let p = periodContaining(type, from); ; p = nextPeriod(p)) {
    result.push(p);
    if (formatPeriod(p) === last || result.length > 10_000) return result;
  }
}
