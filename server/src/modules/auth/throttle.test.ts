import { describe, expect, it } from 'vitest';
import { afterFailure, isLocked } from './throttle';

const t0 = new Date('2026-01-01T08:00:00Z');
const plus = (min: number) => new Date(t0.getTime() + min * 60_000);

describe('login throttle', () => {
  it('locks on the 5th failure for 15 minutes', () => {
    let rec = undefined;
    for (let i = 0; i < 4; i++) rec = afterFailure(rec, plus(i), 5, 15);
    expect(isLocked(rec, plus(4))).toBe(false);
    rec = afterFailure(rec, plus(4), 5, 15);
    expect(isLocked(rec, plus(5))).toBe(true);
    expect(isLocked(rec, plus(18))).toBe(true);
    expect(isLocked(rec, plus(19))).toBe(false);
  });

  it('forgets failures older than the window', () => {
    let rec = afterFailure(undefined, t0, 5, 15);
    for (let i = 0; i < 3; i++) rec = afterFailure(rec, plus(1), 5, 15);
    rec = afterFailure(rec, plus(30), 5, 15);
    expect(rec.failures).toBe(1);
    expect(rec.lockedUntil).toBeNull();
  });
});
