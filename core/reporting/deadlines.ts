// Due and expiry dates of a reporting period, and timeliness. Deadlines are whole days in
// China Standard Time (UTC+8): "10 days after period end" ends at 24:00 Beijing time.
import { parsePeriod, periodBounds } from '../periods/periods';

const CST_OFFSET_MS = 8 * 3600_000;

/** The calendar day (YYYY-MM-DD) `days` after the period's last day. */
export function daysAfterPeriodEnd(period: string, days: number): string {
  const p = parsePeriod(period);
  if (!p) throw new Error(`invalid period ${period}`);
  const end = new Date(`${periodBounds(p).end}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + days);
  return end.toISOString().slice(0, 10);
}

/** The instant a deadline day ends: the next midnight in Beijing, as UTC. */
export function endOfDayCst(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000 - CST_OFFSET_MS);
}

/** Today's date in Beijing. */
export function todayCst(now: Date): string {
  return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

export interface Deadlines {
  /** Last day for an on-time submission. */
  dueDate: string;
  /** Last day on which entry is open (after it, entry locks unless a reviewer returns it). */
  expiryDate: string;
}

export function deadlinesOf(period: string, dueDays: number, expiryDays: number): Deadlines {
  return {
    dueDate: daysAfterPeriodEnd(period, dueDays),
    expiryDate: daysAfterPeriodEnd(period, expiryDays),
  };
}

export function isOnTime(submittedAt: string, dueDate: string): boolean {
  return Date.parse(submittedAt) < endOfDayCst(dueDate).getTime();
}

export function isExpired(expiryDate: string, now: Date): boolean {
  return now.getTime() >= endOfDayCst(expiryDate).getTime();
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type ReminderKind = 'before' | 'due';

/**
 * Which reminder is due today for a deadline: 'before' within `daysBefore` days of it,
 * 'due' on the day itself, none otherwise (late units are shown in the overview instead).
 */
export function reminderFor(
  dueDate: string,
  today: string,
  daysBefore: number,
): ReminderKind | null {
  const left = daysBetween(today, dueDate);
  if (left === 0) return 'due';
  if (left > 0 && left <= daysBefore) return 'before';
  return null;
}

/** The period before, of the same type (2025-01 → 2024-12, 2025Q1 → 2024Q4, 2025 → 2024). */
export function previousPeriod(code: string): string | null {
  const p = parsePeriod(code);
  if (!p) return null;
  if (p.type === 'year') return String(p.year - 1);
  const perYear = p.type === 'quarter' ? 4 : 12;
  const year = p.index === 1 ? p.year - 1 : p.year;
  const index = p.index === 1 ? perYear : p.index - 1;
  return p.type === 'quarter' ? `${year}Q${index}` : `${year}-${String(index).padStart(2, '0')}`;
}
