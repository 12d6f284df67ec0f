// 12345 hotline tickets: reading one row of an export, on-time closure, and the closure rate
// against the plan's ≥98% target (domain 九: 12345平台消费维权投诉按时办结率保持在98%以上).

export const ON_TIME_TARGET = 0.98;

export type TicketField =
  'ticketId' | 'receivedAt' | 'dueAt' | 'closedAt' | 'category' | 'city' | 'county' | 'status';

/** Header names accepted for each field (the hotline system's Chinese ones and English). */
export const HEADER_ALIASES: Record<TicketField, string[]> = {
  ticketId: ['工单编号', '工单号', 'ticket_id', 'ticketid', 'id'],
  receivedAt: ['受理时间', '登记时间', 'received_at', 'receivedat'],
  dueAt: ['办理时限', '办结时限', '截止时间', 'due_at', 'dueat'],
  closedAt: ['办结时间', 'closed_at', 'closedat'],
  category: ['诉求类别', '类别', '分类', 'category'],
  city: ['地市', '所属地市', 'city'],
  county: ['区县', '所属区县', 'county'],
  status: ['状态', '办理状态', 'status'],
};
const REQUIRED: TicketField[] = ['ticketId', 'receivedAt', 'dueAt', 'category', 'city', 'status'];
const FIELD_NAMES: Record<TicketField, string> = {
  ticketId: '工单编号',
  receivedAt: '受理时间',
  dueAt: '办理时限',
  closedAt: '办结时间',
  category: '诉求类别',
  city: '地市',
  county: '区县',
  status: '状态',
};

export type ColumnMap = Partial<Record<TicketField, number>>;

/** Maps header cells to fields; `missing` names required columns the file lacks. */
export function mapHeader(cells: string[]): { columns: ColumnMap; missing: string[] } {
  const normalised = cells.map((c) =>
    String(c ?? '')
      .trim()
      .toLowerCase(),
  );
  const columns: ColumnMap = {};
  for (const field of Object.keys(HEADER_ALIASES) as TicketField[]) {
    const index = normalised.findIndex((c) => HEADER_ALIASES[field].includes(c));
    if (index >= 0) columns[field] = index;
  }
  const missing = REQUIRED.filter((f) => columns[f] === undefined).map((f) => FIELD_NAMES[f]);
  return { columns, missing };
}

export interface TicketRow {
  ticketId: string;
  receivedAt: string;
  dueAt: string;
  closedAt: string | null;
  category: string;
  city: string;
  county: string | null;
  status: string;
  /** A consumer-rights complaint (消费维权), counted separately against the 98% target. */
  consumer: boolean;
  /** Month of receipt in Beijing time, YYYY-MM. */
  month: string;
  /** 1 closed by the deadline, 0 closed late, null still open. */
  onTime: 0 | 1 | null;
}

export type CellValue = string | number | Date | null | undefined;

/** Reads one data row; returns the problem in Chinese when the row cannot be used. */
export function parseTicketRow(
  cells: CellValue[],
  columns: ColumnMap,
): { row: TicketRow } | { problem: string } {
  const text = (f: TicketField) => {
    const i = columns[f];
    const v = i === undefined ? null : cells[i];
    return v instanceof Date ? v.toISOString() : String(v ?? '').trim();
  };
  const ticketId = text('ticketId');
  if (!ticketId) return { problem: '工单编号为空' };
  const receivedAt = parseTime(text('receivedAt'));
  if (!receivedAt) return { problem: `受理时间“${text('receivedAt')}”无法识别` };
  const dueAt = parseTime(text('dueAt'));
  if (!dueAt) return { problem: `办理时限“${text('dueAt')}”无法识别` };
  const closedText = text('closedAt');
  const closedAt = closedText ? parseTime(closedText) : null;
  if (closedText && !closedAt) return { problem: `办结时间“${closedText}”无法识别` };
  if (dueAt < receivedAt) return { problem: '办理时限早于受理时间' };
  if (closedAt && closedAt < receivedAt) return { problem: '办结时间早于受理时间' };
  const category = text('category');
  if (!category) return { problem: '诉求类别为空' };
  const city = text('city');
  if (!city) return { problem: '地市为空' };
  return {
    row: {
      ticketId,
      receivedAt,
      dueAt,
      closedAt,
      category,
      city,
      county: text('county') || null,
      status: text('status') || (closedAt ? '已办结' : '办理中'),
      consumer: isConsumerCategory(category),
      month: beijingMonth(receivedAt),
      onTime: closedAt ? (closedAt <= dueAt ? 1 : 0) : null,
    },
  };
}

export function isConsumerCategory(category: string): boolean {
  return /消费|消保|维权/.test(category);
}

/**
 * Accepts ISO-8601 with a zone, or "YYYY-MM-DD[ HH:mm[:ss]]" / "YYYY/MM/DD …" meaning Beijing
 * time (the hotline's own clock). Returns a UTC ISO string, or null.
 */
export function parseTime(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  const local = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(
    v,
  );
  if (local) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = local;
    const ms = Date.UTC(+y!, +mo! - 1, +d!, +h - 8, +mi, +s);
    const check = new Date(ms + 8 * 3600_000);
    if (check.getUTCMonth() !== +mo! - 1 || check.getUTCDate() !== +d!) return null;
    return new Date(ms).toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(v)) {
    const t = new Date(v);
    return Number.isNaN(t.getTime()) ? null : t.toISOString();
  }
  return null;
}

export function beijingMonth(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

export interface ClosureCounts {
  closedOnTime: number;
  closedLate: number;
  /** Open and already past the deadline: late whatever happens next. */
  openOverdue: number;
  /** Open and still within the deadline: not counted yet. */
  openPending: number;
}

export interface ClosureRate extends ClosureCounts {
  /** Tickets whose outcome is known (closed, or open past the deadline). */
  decided: number;
  rate: number | null;
  meetsTarget: boolean | null;
}

/** On-time closure rate = closed on time ÷ (closed + open past the deadline). */
export function closureRate(c: ClosureCounts, target = ON_TIME_TARGET): ClosureRate {
  const decided = c.closedOnTime + c.closedLate + c.openOverdue;
  const rate = decided ? Math.round((c.closedOnTime / decided) * 10000) / 10000 : null;
  return { ...c, decided, rate, meetsTarget: rate === null ? null : rate >= target };
}
