// When a job is due, in Beijing time: "every N minutes" or a time of day on given days. Each
// due moment is a slot with a stable key, so a slot can be recorded once (job_runs.run_key)
// whichever process reaches it first. The same schedules are written as cron lines for pg-boss.

const CST_OFFSET_MS = 8 * 3600_000;
const MINUTE_MS = 60_000;

export type Schedule =
  | { every: number }
  /** At `at` (HH:MM) Beijing time on `monthDay` of the listed months (all months if absent). */
  | { at: string; monthDay: number; months?: number[] }
  /** At `at` (HH:MM) Beijing time on `weekday` (0 = Sunday … 6 = Saturday). */
  | { at: string; weekday: number };

export interface Slot {
  /** `2026-11-01T08:00` — the due moment in Beijing time. */
  key: string;
  at: Date;
}

/** A Beijing wall-clock time as a Date: the UTC instant plus eight hours. */
const toCst = (d: Date) => new Date(d.getTime() + CST_OFFSET_MS);
const fromCst = (d: Date) => new Date(d.getTime() - CST_OFFSET_MS);
const keyOf = (cst: Date) => cst.toISOString().slice(0, 16);

function hourMinute(at: string): [number, number] {
  const m = /^(\d{2}):(\d{2})$/.exec(at);
  if (!m) throw new Error(`invalid time of day ${at}`);
  return [Number(m[1]), Number(m[2])];
}

/** The latest due moment at or before `now`. */
export function lastSlot(schedule: Schedule, now: Date): Slot {
  const cstNow = toCst(now);
  if ('every' in schedule) {
    const step = schedule.every * MINUTE_MS;
    const start = new Date(Math.floor(cstNow.getTime() / step) * step);
    return { key: keyOf(start), at: fromCst(start) };
  }
  const [h, m] = hourMinute(schedule.at);
  let candidate: Date;
  if ('weekday' in schedule) {
    candidate = new Date(
      Date.UTC(cstNow.getUTCFullYear(), cstNow.getUTCMonth(), cstNow.getUTCDate(), h, m),
    );
    candidate.setUTCDate(
      candidate.getUTCDate() - ((candidate.getUTCDay() - schedule.weekday + 7) % 7),
    );
    if (candidate > cstNow) candidate.setUTCDate(candidate.getUTCDate() - 7);
  } else {
    const months = schedule.months ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    let y = cstNow.getUTCFullYear();
    let mo = cstNow.getUTCMonth();
    for (;;) {
      candidate = new Date(Date.UTC(y, mo, schedule.monthDay, h, m));
      if (months.includes(mo + 1) && candidate <= cstNow) break;
      mo -= 1;
      if (mo < 0) [y, mo] = [y - 1, 11];
    }
  }
  return { key: keyOf(candidate), at: fromCst(candidate) };
}

/** The same schedule as a cron line in the Asia/Shanghai time zone (for pg-boss). */
export function cronOf(schedule: Schedule): string {
  if ('every' in schedule) {
    if (schedule.every % 60 === 0) return `0 */${schedule.every / 60} * * *`;
    return `*/${schedule.every} * * * *`;
  }
  const [h, m] = hourMinute(schedule.at);
  if ('weekday' in schedule) return `${m} ${h} * * ${schedule.weekday}`;
  return `${m} ${h} ${schedule.monthDay} ${schedule.months ? schedule.months.join(',') : '*'} *`;
}

/** Words for `minsheng jobs list`. */
export function describeSchedule(schedule: Schedule): string {
  if ('every' in schedule)
    return schedule.every % 60 === 0 ? `每${schedule.every / 60}小时` : `每${schedule.every}分钟`;
  if ('weekday' in schedule)
    return `每周${'日一二三四五六'[schedule.weekday]} ${schedule.at}（北京时间）`;
  const months = schedule.months ? `${schedule.months.join('、')}月` : '每月';
  return `${months}${schedule.monthDay}日 ${schedule.at}（北京时间）`;
}
