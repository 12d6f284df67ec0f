// 督办事项 as pure rules: levels and their reply deadlines (calendar or working days), the
// status machine (open → replied → closed, or returned → replied …), overdue days, and the
// escalation of a late reply (一般 → 重点 → 挂牌 → 挂牌并上报省政府), with the words for each.

export type SupervisionLevel = 'general' | 'key' | 'listed';
export type SupervisionStatus = 'open' | 'replied' | 'returned' | 'closed';
export type SupervisionAction = 'reply' | 'accept' | 'return';
export type DayKind = 'calendar' | 'working';

export const SUPERVISION_LEVELS: readonly SupervisionLevel[] = ['general', 'key', 'listed'];
export const SUPERVISION_STATUSES: readonly SupervisionStatus[] = [
  'open',
  'replied',
  'returned',
  'closed',
];

export const LEVEL_WORDS: Record<SupervisionLevel, string> = {
  general: '一般督办',
  key: '重点督办',
  listed: '挂牌督办',
};

export const STATUS_WORDS: Record<SupervisionStatus, string> = {
  open: '待答复',
  replied: '已答复待审核',
  returned: '已退回待重新答复',
  closed: '已销号',
};

export const ACTION_WORDS: Record<SupervisionAction, string> = {
  reply: '答复',
  accept: '销号',
  return: '退回',
};

export interface LevelDeadline {
  days: number;
  dayKind: DayKind;
}

export type DeadlineConfig = Record<SupervisionLevel, LevelDeadline>;

/** 15 / 7 / 3 calendar days; the supervision office can change them (rule `reply-deadlines`). */
export const DEFAULT_DEADLINES: DeadlineConfig = {
  general: { days: 15, dayKind: 'calendar' },
  key: { days: 7, dayKind: 'calendar' },
  listed: { days: 3, dayKind: 'calendar' },
};

const DAY_MS = 86_400_000;
const toTime = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromTime = (t: number) => new Date(t).toISOString().slice(0, 10);

export const isCalendarDate = (s: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && fromTime(toTime(s)) === s;

const isWeekend = (t: number) => {
  const day = new Date(t).getUTCDay();
  return day === 0 || day === 6;
};

/**
 * The date `days` after `from`: calendar days, or working days (Monday to Friday; public
 * holidays are not modelled, so a deadline over 国庆 is a little early rather than late).
 */
export function addDeadlineDays(from: string, days: number, dayKind: DayKind = 'calendar'): string {
  let t = toTime(from);
  if (dayKind === 'calendar') return fromTime(t + days * DAY_MS);
  let left = days;
  while (left > 0) {
    t += DAY_MS;
    if (!isWeekend(t)) left -= 1;
  }
  return fromTime(t);
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export const dayDiff = (from: string, to: string): number =>
  Math.round((toTime(to) - toTime(from)) / DAY_MS);

export function replyDueFor(
  level: SupervisionLevel,
  issuedOn: string,
  config: DeadlineConfig = DEFAULT_DEADLINES,
): string {
  const d = config[level];
  return addDeadlineDays(issuedOn, d.days, d.dayKind);
}

/** Waiting for the target unit's answer (a returned item waits again). */
export const awaitsReply = (status: SupervisionStatus): boolean =>
  status === 'open' || status === 'returned';

/** Days past the reply deadline of an item still waiting for its answer; 0 when not late. */
export function daysLate(item: { status: SupervisionStatus; replyDue: string }, today: string) {
  if (!awaitsReply(item.status)) return 0;
  return Math.max(0, dayDiff(item.replyDue, today));
}

export type TransitionResult =
  { ok: true; status: SupervisionStatus } | { ok: false; code: string; message: string };

/** The status after `action`, or why it is refused (a reply after closure, a double accept…). */
export function transition(status: SupervisionStatus, action: SupervisionAction): TransitionResult {
  if (status === 'closed')
    return {
      ok: false,
      code: 'SUPERVISION_CLOSED',
      message: `该督办事项已销号，不能再${ACTION_WORDS[action]}`,
    };
  if (action === 'reply') {
    if (awaitsReply(status)) return { ok: true, status: 'replied' };
    return { ok: false, code: 'SUPERVISION_REPLIED', message: '已答复，正等待督办单位审核' };
  }
  if (status !== 'replied')
    return {
      ok: false,
      code: 'SUPERVISION_NOT_REPLIED',
      message: `承办单位尚未答复，不能${ACTION_WORDS[action]}`,
    };
  return { ok: true, status: action === 'accept' ? 'closed' : 'returned' };
}

export interface EscalationInput {
  level: SupervisionLevel;
  escalationLevel: number;
  status: SupervisionStatus;
  replyDue: string;
}

export interface Escalation {
  level: SupervisionLevel;
  escalationLevel: number;
  replyDue: string;
  /** Reported to the provincial government (上报省政府): a late 挂牌督办. */
  reported: boolean;
  text: string;
}

/**
 * One escalation step of an item whose reply deadline has passed without an answer:
 * 一般 → 重点 → 挂牌, and a late 挂牌督办 is reported to the provincial government; each step
 * sets a new deadline from today at the new level. Null when the item is not late.
 */
export function escalationStep(
  item: EscalationInput,
  today: string,
  config: DeadlineConfig = DEFAULT_DEADLINES,
): Escalation | null {
  if (!awaitsReply(item.status) || today <= item.replyDue) return null;
  const late = dayDiff(item.replyDue, today);
  const next: SupervisionLevel =
    item.level === 'general' ? 'key' : item.level === 'key' ? 'listed' : 'listed';
  const reported = item.level === 'listed';
  const replyDue = replyDueFor(next, today, config);
  const text = reported
    ? `挂牌督办逾期 ${late} 天未答复，上报省政府，限 ${replyDue} 前答复`
    : `逾期 ${late} 天未答复，由${LEVEL_WORDS[item.level]}升级为${LEVEL_WORDS[next]}，限 ${replyDue} 前答复`;
  return { level: next, escalationLevel: item.escalationLevel + 1, replyDue, reported, text };
}

/** The words of an item's current standing, e.g. 挂牌督办（已上报省政府）. */
export function levelLabel(level: SupervisionLevel, reportedToProvince: boolean): string {
  return reportedToProvince ? `${LEVEL_WORDS[level]}（已上报省政府）` : LEVEL_WORDS[level];
}
