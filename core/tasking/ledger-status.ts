// The status a ledger item (工作台账事项) should have at a date, with its reason in Chinese.
// Rules, first match wins: done at 100%; delayed when a milestone or the item itself is past
// due and unfinished; at risk when the item or its next open milestone is due soon and progress
// is short; not started at 0% before the start or before any report; otherwise on track.

export type LedgerStatus = 'not_started' | 'on_track' | 'at_risk' | 'delayed' | 'done';

export const LEDGER_STATUSES: readonly LedgerStatus[] = [
  'not_started',
  'on_track',
  'at_risk',
  'delayed',
  'done',
];

export const LEDGER_STATUS_LABELS: Record<LedgerStatus, string> = {
  not_started: '未开始',
  on_track: '正常推进',
  at_risk: '存在风险',
  delayed: '滞后',
  done: '已完成',
};

export interface LedgerStatusConfig {
  /** An item or milestone due within this many days is watched for progress. */
  atRiskDays: number;
  /** …and is at risk when progress is below this percentage (scaled for milestones, below). */
  atRiskPercent: number;
}

export const DEFAULT_LEDGER_STATUS_CONFIG: LedgerStatusConfig = {
  atRiskDays: 30,
  atRiskPercent: 80,
};

export interface LedgerStatusMilestone {
  title: string;
  dueDate: string;
  doneOn: string | null;
}

export interface LedgerStatusItem {
  startDate: string;
  dueDate: string;
  percentDone: number;
  lastReportedAt: string | null;
  /** In plan order (the order the milestones are listed in). */
  milestones: LedgerStatusMilestone[];
}

export interface LedgerStatusProposal {
  status: LedgerStatus;
  reason: string;
}

/** Whole days from `from` to `to` (YYYY-MM-DD); negative when `to` is earlier. */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const pct = (n: number) => `${Math.round(n * 10) / 10}%`;

/** Proposes the status of `item` on `today` (a Beijing calendar date, YYYY-MM-DD). */
export function proposeLedgerStatus(
  item: LedgerStatusItem,
  today: string,
  config: LedgerStatusConfig = DEFAULT_LEDGER_STATUS_CONFIG,
): LedgerStatusProposal {
  if (item.percentDone >= 100) return { status: 'done', reason: '已完成全部工作' };
  const delayed = delayReason(item, today);
  if (delayed) return { status: 'delayed', reason: delayed };
  const risk = riskReason(item, today, config);
  if (risk) return { status: 'at_risk', reason: risk };
  if (item.percentDone <= 0) {
    if (item.startDate > today)
      return { status: 'not_started', reason: `计划于${item.startDate}开始` };
    if (!item.lastReportedAt) return { status: 'not_started', reason: '尚未报送进展' };
  }
  return { status: 'on_track', reason: `按计划推进，完成进度${pct(item.percentDone)}` };
}

/** The most overdue open milestone, else the item's own deadline. */
function delayReason(item: LedgerStatusItem, today: string): string | null {
  const overdue = item.milestones
    .filter((m) => !m.doneOn && m.dueDate < today)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
  if (overdue)
    return `里程碑“${overdue.title}”已逾期${calendarDaysBetween(overdue.dueDate, today)}天`;
  if (item.dueDate < today)
    return `已超过完成时限${calendarDaysBetween(item.dueDate, today)}天，完成进度${pct(item.percentDone)}`;
  return null;
}

/**
 * The next open milestone is held to a share of the threshold: with 4 milestones the 2nd is
 * expected at ½ × X%. Holding every milestone to the full X% would flag nearly every item
 * whose first milestone is near, which is the normal state of a fresh ledger.
 */
function riskReason(
  item: LedgerStatusItem,
  today: string,
  config: LedgerStatusConfig,
): string | null {
  const within = (date: string) => {
    const days = calendarDaysBetween(today, date);
    return days >= 0 && days <= config.atRiskDays ? days : null;
  };
  const itemDays = within(item.dueDate);
  if (itemDays !== null && item.percentDone < config.atRiskPercent)
    return `距完成时限仅剩${itemDays}天，完成进度${pct(item.percentDone)}，低于${pct(config.atRiskPercent)}`;
  const count = item.milestones.length;
  const nextIndex = item.milestones.findIndex((m) => !m.doneOn);
  const next = item.milestones[nextIndex];
  if (!next) return null;
  const days = within(next.dueDate);
  const expected = (config.atRiskPercent * (nextIndex + 1)) / count;
  if (days !== null && item.percentDone < expected)
    return `里程碑“${next.title}”${days === 0 ? '今天到期' : `还有${days}天到期`}，完成进度${pct(item.percentDone)}，低于预期${pct(expected)}`;
  return null;
}

/**
 * The status a report ends with: the proposal, or a different one the reporter chose, which
 * needs a reason (so the board can show why a person disagreed with the rule).
 */
export function resolveReportedStatus(
  proposed: LedgerStatus,
  requested: LedgerStatus | null | undefined,
  overrideReason: string | null | undefined,
):
  | { ok: true; status: LedgerStatus; overrideReason: string | null }
  | { ok: false; field: string; message: string } {
  const reason = overrideReason?.trim() ?? '';
  if (!requested || requested === proposed)
    return { ok: true, status: proposed, overrideReason: null };
  if (!reason)
    return {
      ok: false,
      field: 'overrideReason',
      message: `状态（status）与系统建议的“${LEDGER_STATUS_LABELS[proposed]}”不同，须填写调整理由（overrideReason）`,
    };
  return { ok: true, status: requested, overrideReason: reason };
}
