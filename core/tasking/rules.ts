// The supervision rules as pure functions over plain rows: which supervision items to raise
// at a date. Each rule is switched on or off and has parameters the supervision office can
// change; each raised item carries a dedup key, so evaluating again raises nothing twice.
// The caller loads every row once and evaluates in memory (10,000 ledger items in a few ms).
import {
  DEFAULT_DEADLINES,
  SUPERVISION_LEVELS,
  LEVEL_WORDS,
  addDeadlineDays,
  dayDiff,
  type DeadlineConfig,
  type SupervisionLevel,
} from './supervision';

export type RuleCode =
  | 'milestone-overdue'
  | 'target-off-track'
  | 'submission-late'
  | 'reply-escalation'
  | 'reply-deadlines';

export interface MilestoneOverdueParams {
  /** Raise once a milestone is this many days past its due date. */
  days: number;
  /** …at this level; */
  level: SupervisionLevel;
  /** …and at `keyLevel` when it is already `keyDays` late when first seen. */
  keyDays: number;
  keyLevel: SupervisionLevel;
}
export interface TargetOffTrackParams {
  /** Consecutive quarter ends the target must be off track. */
  periods: number;
  level: SupervisionLevel;
}
export interface SubmissionLateParams {
  days: number;
  level: SupervisionLevel;
}
export type ReplyEscalationParams = Record<string, never>;
export type ReplyDeadlinesParams = DeadlineConfig;

export interface RuleParams {
  'milestone-overdue': MilestoneOverdueParams;
  'target-off-track': TargetOffTrackParams;
  'submission-late': SubmissionLateParams;
  'reply-escalation': ReplyEscalationParams;
  'reply-deadlines': ReplyDeadlinesParams;
}

export interface RuleSetting<C extends RuleCode = RuleCode> {
  code: C;
  enabled: boolean;
  params: RuleParams[C];
}

export type RuleSettings = { [C in RuleCode]: RuleSetting<C> };

export const RULE_CODES: readonly RuleCode[] = [
  'milestone-overdue',
  'target-off-track',
  'submission-late',
  'reply-escalation',
  'reply-deadlines',
];

export const RULE_WORDS: Record<RuleCode, string> = {
  'milestone-overdue': '节点逾期督办',
  'target-off-track': '指标连续滞后督办',
  'submission-late': '报送逾期督办',
  'reply-escalation': '逾期未答复升级',
  'reply-deadlines': '各级督办答复时限',
};

export const DEFAULT_RULES: RuleSettings = {
  'milestone-overdue': {
    code: 'milestone-overdue',
    enabled: true,
    params: { days: 15, level: 'general', keyDays: 60, keyLevel: 'key' },
  },
  'target-off-track': {
    code: 'target-off-track',
    enabled: true,
    params: { periods: 2, level: 'key' },
  },
  'submission-late': {
    code: 'submission-late',
    enabled: true,
    params: { days: 7, level: 'general' },
  },
  'reply-escalation': { code: 'reply-escalation', enabled: true, params: {} },
  'reply-deadlines': { code: 'reply-deadlines', enabled: true, params: DEFAULT_DEADLINES },
};

export interface ParamProblem {
  field: string;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function intIn(
  p: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
  out: ParamProblem[],
  prefix = 'params',
): void {
  const v = p[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    out.push({ field: `${prefix}.${key}`, message: `须为 ${min}—${max} 之间的整数` });
}

function levelIn(p: Record<string, unknown>, key: string, out: ParamProblem[]): void {
  if (!SUPERVISION_LEVELS.includes(p[key] as SupervisionLevel))
    out.push({ field: `params.${key}`, message: '督办级别须为 general、key 或 listed' });
}

function onlyKeys(p: Record<string, unknown>, keys: string[], out: ParamProblem[]): void {
  for (const k of Object.keys(p))
    if (!keys.includes(k)) out.push({ field: `params.${k}`, message: '不支持的参数' });
}

/** Problems with a rule's parameters (field paths `params.<name>`), in Chinese; [] when fine. */
export function checkRuleParams(code: RuleCode, params: unknown): ParamProblem[] {
  const out: ParamProblem[] = [];
  if (!isObject(params)) return [{ field: 'params', message: '参数须为对象' }];
  switch (code) {
    case 'milestone-overdue':
      onlyKeys(params, ['days', 'level', 'keyDays', 'keyLevel'], out);
      intIn(params, 'days', 1, 365, out);
      intIn(params, 'keyDays', 1, 730, out);
      levelIn(params, 'level', out);
      levelIn(params, 'keyLevel', out);
      if (out.length === 0 && (params.keyDays as number) <= (params.days as number))
        out.push({ field: 'params.keyDays', message: '升为重点督办的天数须大于首次督办的天数' });
      break;
    case 'target-off-track':
      onlyKeys(params, ['periods', 'level'], out);
      intIn(params, 'periods', 2, 8, out);
      levelIn(params, 'level', out);
      break;
    case 'submission-late':
      onlyKeys(params, ['days', 'level'], out);
      intIn(params, 'days', 1, 90, out);
      levelIn(params, 'level', out);
      break;
    case 'reply-escalation':
      onlyKeys(params, [], out);
      break;
    case 'reply-deadlines':
      onlyKeys(params, [...SUPERVISION_LEVELS], out);
      for (const level of SUPERVISION_LEVELS) {
        const d = params[level];
        if (!isObject(d)) {
          out.push({ field: `params.${level}`, message: `须给出${LEVEL_WORDS[level]}的答复时限` });
          continue;
        }
        intIn(d, 'days', 1, 90, out, `params.${level}`);
        if (d.dayKind !== 'calendar' && d.dayKind !== 'working')
          out.push({
            field: `params.${level}.dayKind`,
            message: '须为 calendar（自然日）或 working（工作日）',
          });
      }
      break;
  }
  return out;
}

/** An item a rule wants raised (the caller skips keys already raised). */
export interface RaisedItem {
  ruleCode: RuleCode;
  dedupKey: string;
  level: SupervisionLevel;
  targetUnitCode: string;
  title: string;
  body: string;
  domainCode: string | null;
  taskNumber: number | null;
  ledgerItemId: number | null;
}

export interface MilestoneRow {
  milestoneId: number;
  title: string;
  dueDate: string;
  doneOn: string | null;
  itemId: number;
  itemCode: string;
  itemTitle: string;
  ownerUnitCode: string;
  cityCode: string | null;
  domainCode: string;
  taskNumber: number;
}

/** A milestone not done `days` after its due date → the item's owner unit. */
export function milestoneOverdue(
  rows: readonly MilestoneRow[],
  params: MilestoneOverdueParams,
  today: string,
  raised: ReadonlySet<string>,
): RaisedItem[] {
  const out: RaisedItem[] = [];
  // Dates compare as strings; days late are computed once per distinct due date.
  const cutoff = addDeadlineDays(today, -params.days);
  const lateBy = new Map<string, number>();
  for (const m of rows) {
    if (m.doneOn !== null || m.dueDate > cutoff) continue;
    const dedupKey = `milestone-overdue:${m.milestoneId}`;
    if (raised.has(dedupKey)) continue;
    let late = lateBy.get(m.dueDate);
    if (late === undefined) lateBy.set(m.dueDate, (late = dayDiff(m.dueDate, today)));
    out.push({
      ruleCode: 'milestone-overdue',
      dedupKey,
      level: late >= params.keyDays ? params.keyLevel : params.level,
      targetUnitCode: m.ownerUnitCode,
      title: `${m.itemCode}「${m.itemTitle}」节点逾期 ${late} 天`,
      body: `台账事项 ${m.itemCode}「${m.itemTitle}」的节点「${m.title}」应于 ${m.dueDate} 完成，截至 ${today} 已逾期 ${late} 天仍未完成。请说明原因、整改措施和完成时限。`,
      domainCode: m.domainCode,
      taskNumber: m.taskNumber,
      ledgerItemId: m.itemId,
    });
  }
  return out;
}

export interface TargetStatusRow {
  targetCode: string;
  indicator: string;
  domainCode: string;
  taskNumber: number | null;
  /** The domain's lead department, who answers for the target. */
  leadUnitCode: string;
  /** Status at each of the latest quarter ends, oldest first (`2026Q2`, `2026Q3`). */
  statuses: Array<{ period: string; status: string; reason?: string }>;
}

/** A target off track at each of the last `periods` quarter ends → its lead department. */
export function targetOffTrack(
  rows: readonly TargetStatusRow[],
  params: TargetOffTrackParams,
  raised: ReadonlySet<string>,
): RaisedItem[] {
  const out: RaisedItem[] = [];
  for (const t of rows) {
    const recent = t.statuses.slice(-params.periods);
    if (recent.length < params.periods || recent.some((s) => s.status !== 'off_track')) continue;
    const last = recent[recent.length - 1]!;
    const dedupKey = `target-off-track:${t.targetCode}:${last.period}`;
    if (raised.has(dedupKey)) continue;
    out.push({
      ruleCode: 'target-off-track',
      dedupKey,
      level: params.level,
      targetUnitCode: t.leadUnitCode,
      title: `指标 ${t.targetCode}「${t.indicator}」连续 ${params.periods} 个季度滞后`,
      body: `指标 ${t.targetCode}「${t.indicator}」在 ${recent.map((s) => s.period).join('、')} 末均为“滞后”${last.reason ? `（${last.reason}）` : ''}。请牵头部门分析原因，提出追赶措施。`,
      domainCode: t.domainCode,
      taskNumber: t.taskNumber,
      ledgerItemId: null,
    });
  }
  return out;
}

export interface LateSubmissionRow {
  formCode: string;
  formName: string;
  period: string;
  dueDate: string;
  unitCode: string;
  unitName: string;
  domainCode: string | null;
}

/** A reporting submission still missing `days` after its due date → the unit. */
export function submissionLate(
  rows: readonly LateSubmissionRow[],
  params: SubmissionLateParams,
  today: string,
  raised: ReadonlySet<string>,
): RaisedItem[] {
  const out: RaisedItem[] = [];
  for (const s of rows) {
    const late = dayDiff(s.dueDate, today);
    if (late < params.days) continue;
    const dedupKey = `submission-late:${s.formCode}:${s.unitCode}:${s.period}`;
    if (raised.has(dedupKey)) continue;
    out.push({
      ruleCode: 'submission-late',
      dedupKey,
      level: params.level,
      targetUnitCode: s.unitCode,
      title: `${s.unitName}「${s.formName}」${s.period} 逾期未报送`,
      body: `「${s.formName}」${s.period} 的数据应于 ${s.dueDate} 前报送，截至 ${today} 已逾期 ${late} 天。请尽快报送并说明原因。`,
      domainCode: s.domainCode,
      taskNumber: null,
      ledgerItemId: null,
    });
  }
  return out;
}

export interface RuleInput {
  milestones: readonly MilestoneRow[];
  targets: readonly TargetStatusRow[];
  lateSubmissions: readonly LateSubmissionRow[];
}

/** Every enabled rule over the input; one item per dedup key, none already raised. */
export function evaluateRules(
  input: RuleInput,
  settings: RuleSettings,
  today: string,
  raised: ReadonlySet<string>,
): RaisedItem[] {
  const all: RaisedItem[] = [];
  const r = settings;
  if (r['milestone-overdue'].enabled)
    all.push(...milestoneOverdue(input.milestones, r['milestone-overdue'].params, today, raised));
  if (r['target-off-track'].enabled)
    all.push(...targetOffTrack(input.targets, r['target-off-track'].params, raised));
  if (r['submission-late'].enabled)
    all.push(...submissionLate(input.lateSubmissions, r['submission-late'].params, today, raised));
  const seen = new Set<string>();
  return all.filter((i) => !seen.has(i.dedupKey) && seen.add(i.dedupKey));
}

/** Stored settings merged over the defaults: a missing or broken row falls back to its default. */
export function settingsFrom(
  rows: ReadonlyArray<{ code: string; enabled: boolean; params: unknown }>,
): RuleSettings {
  const settings = structuredClone(DEFAULT_RULES);
  for (const row of rows) {
    const code = row.code as RuleCode;
    if (!RULE_CODES.includes(code) || checkRuleParams(code, row.params).length > 0) continue;
    (settings[code] as RuleSetting) = {
      code,
      enabled: row.enabled,
      params: row.params,
    } as RuleSetting;
  }
  return settings;
}
