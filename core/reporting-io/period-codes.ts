// Period codes as people and other systems write them: Chinese labels for templates, the
// previous period for “上期值”, and DHIS2's ISO period format (202507, 2025Q3, 2025).
import { formatPeriod, parsePeriod, type Period } from '../periods/periods';

export function periodLabel(code: string): string {
  const p = parsePeriod(code);
  if (!p) return code;
  if (p.type === 'year') return `${p.year}年`;
  if (p.type === 'quarter') return `${p.year}年第${p.index}季度`;
  return `${p.year}年${p.index}月`;
}

export function previousPeriod(code: string): string | null {
  const p = parsePeriod(code);
  if (!p) return null;
  if (p.type === 'year') return formatPeriod({ ...p, year: p.year - 1 });
  const perYear = p.type === 'quarter' ? 4 : 12;
  const prev: Period =
    p.index === 1 ? { ...p, year: p.year - 1, index: perYear } : { ...p, index: p.index - 1 };
  return formatPeriod(prev);
}

/** Ours → DHIS2: `2025-07` → `202507`; quarters and years are the same in both. */
export function toDhis2Period(code: string): string {
  const p = parsePeriod(code);
  if (p?.type === 'month') return `${p.year}${String(p.index).padStart(2, '0')}`;
  return code;
}

/** DHIS2 → ours; also accepts `2025-07` (DHIS2 reads it too). Null when not a period we keep. */
export function fromDhis2Period(code: string): string | null {
  const trimmed = code.trim();
  const month = /^(\d{4})(0[1-9]|1[0-2])$/.exec(trimmed);
  if (month) return `${month[1]}-${month[2]}`;
  return parsePeriod(trimmed) ? trimmed : null;
}
