// Login throttling rules, pure. An account locks after N failures; a source IP locks after a
// larger number across accounts, which caps how many accounts one source can lock out.

export interface ThrottleRecord {
  failures: number;
  windowStartedAt: string;
  lockedUntil: string | null;
}

export interface ThrottleLimits {
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  lockMinutes: number;
}

export const accountKey = (username: string) => `account:${username.toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

export function isLocked(record: ThrottleRecord | undefined, now: Date): boolean {
  return !!record?.lockedUntil && new Date(record.lockedUntil) > now;
}

/** The record after one more failure; failures older than the lock window are forgotten. */
export function afterFailure(
  record: ThrottleRecord | undefined,
  now: Date,
  maxFailures: number,
  lockMinutes: number,
): ThrottleRecord {
  const windowMs = lockMinutes * 60_000;
  const fresh = !record || now.getTime() - new Date(record.windowStartedAt).getTime() > windowMs;
  const failures = fresh ? 1 : record.failures + 1;
  const windowStartedAt = fresh ? now.toISOString() : record.windowStartedAt;
  const lockedUntil =
    failures >= maxFailures ? new Date(now.getTime() + windowMs).toISOString() : null;
  return { failures, windowStartedAt, lockedUntil };
}
