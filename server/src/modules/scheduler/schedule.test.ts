import { describe, expect, it } from 'vitest';
import { cronOf, lastSlot } from './schedule';

// Beijing is UTC+8: 2026-11-01T08:00 Beijing = 2026-11-01T00:00Z.
const at = (iso: string) => new Date(iso);

describe('schedule slots (Beijing time)', () => {
  it('every N minutes: the slot the moment falls in', () => {
    expect(lastSlot({ every: 15 }, at('2026-11-28T23:07:00Z')).key).toBe('2026-11-29T07:00');
    expect(lastSlot({ every: 15 }, at('2026-11-28T23:15:00Z')).key).toBe('2026-11-29T07:15');
    expect(lastSlot({ every: 60 }, at('2026-11-28T23:59:59Z')).key).toBe('2026-11-29T07:00');
  });

  it('monthly on the 1st at 08:00: before it, the previous month', () => {
    const monthly = { at: '08:00', monthDay: 1 };
    expect(lastSlot(monthly, at('2026-11-01T00:00:00Z'))).toEqual({
      key: '2026-11-01T08:00',
      at: at('2026-11-01T00:00:00Z'),
    });
    expect(lastSlot(monthly, at('2026-10-31T23:59:00Z')).key).toBe('2026-10-01T08:00');
    expect(lastSlot(monthly, at('2026-01-01T00:00:00Z')).key).toBe('2026-01-01T08:00');
    expect(lastSlot(monthly, at('2025-12-31T23:00:00Z')).key).toBe('2025-12-01T08:00');
  });

  it('quarterly: the first day of the quarter', () => {
    const q = { at: '08:00', monthDay: 1, months: [1, 4, 7, 10] };
    expect(lastSlot(q, at('2026-11-28T00:00:00Z')).key).toBe('2026-10-01T08:00');
    expect(lastSlot(q, at('2026-03-31T00:00:00Z')).key).toBe('2026-01-01T08:00');
    expect(lastSlot(q, at('2025-12-31T23:59:00Z')).key).toBe('2025-10-01T08:00');
  });

  it('weekly on Monday 07:30 Beijing (Sunday 23:30 UTC)', () => {
    const w = { at: '07:30', weekday: 1 };
    // 2026-11-30 is a Monday.
    expect(lastSlot(w, at('2026-11-29T23:30:00Z')).key).toBe('2026-11-30T07:30');
    expect(lastSlot(w, at('2026-11-29T23:29:00Z')).key).toBe('2026-11-23T07:30');
    expect(lastSlot(w, at('2026-12-03T12:00:00Z')).key).toBe('2026-11-30T07:30');
  });

  it('writes the same schedules as cron lines for pg-boss', () => {
    expect(cronOf({ every: 15 })).toBe('*/15 * * * *');
    expect(cronOf({ every: 60 })).toBe('0 */1 * * *');
    expect(cronOf({ at: '08:00', monthDay: 1 })).toBe('0 8 1 * *');
    expect(cronOf({ at: '08:00', monthDay: 1, months: [1, 4, 7, 10] })).toBe('0 8 1 1,4,7,10 *');
    expect(cronOf({ at: '07:30', weekday: 1 })).toBe('30 7 * * 1');
  });
});
