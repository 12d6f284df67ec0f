// 中期评估 (mid-term evaluation) as pure logic: the frozen snapshot's model, the per-task
// ledger progress and open supervision items it holds, the assessment rules, the summary
// counts and the sign-off rule.
import type { LedgerStatus } from '../tasking/ledger-status';
import { LEDGER_STATUSES } from '../tasking/ledger-status';
import type {
  BulletinDomain,
  BulletinLevel,
  BulletinSatisfaction,
  BulletinTarget,
  TargetProgressStatus,
} from '../tasking/bulletin';
import { countProgress } from '../tasking/bulletin';

export type EvaluationAction = 'keep' | 'raise' | 'lower' | 'replace' | 'drop';
export const EVALUATION_ACTIONS: readonly EvaluationAction[] = [
  'keep',
  'raise',
  'lower',
  'replace',
  'drop',
];
export const EVALUATION_ACTION_LABEL: Record<EvaluationAction, string> = {
  keep: '保持',
  raise: '调高',
  lower: '调低',
  replace: '替换',
  drop: '取消',
};
/** Shown for a target nobody assessed before sign-off. */
export const UNASSESSED_LABEL = '未评估';

export type EvaluationStatus = 'draft' | 'signed';
const LEVELS: readonly BulletinLevel[] = ['general', 'key', 'listed'];

/** One target as it stood at the as-of date. */
export interface SnapshotTarget extends BulletinTarget {
  comparator: string;
  deadline: string;
  forecast: number | null;
  forecastYear: number | null;
  /** Some of the data used was submitted but not yet approved. */
  provisional: boolean;
}

export interface SnapshotTaskLedger {
  taskNumber: number;
  taskTitle: string;
  domainCode: string;
  items: number;
  byStatus: Record<LedgerStatus, number>;
  /** Mean completion of the task's items (each item's own percent), 0–100. */
  meanPercent: number | null;
}

export interface SnapshotSupervisionItem {
  id: number;
  title: string;
  level: BulletinLevel;
  status: string;
  targetName: string;
  domainCode: string | null;
  taskNumber: number | null;
  replyDue: string;
  overdue: boolean;
}

export interface SnapshotTaskSupervision {
  /** null: items tied to no task (e.g. from an inspection). */
  taskNumber: number | null;
  taskTitle: string;
  domainCode: string | null;
  byLevel: Record<BulletinLevel, number>;
  open: number;
  overdue: number;
}

export interface EvaluationSnapshot {
  asOf: string;
  /** When the snapshot was taken (ISO timestamp). */
  takenAt: string;
  plan: { id: string; title: string; start: string; end: string };
  planRevision: { id: number; number: number };
  domains: BulletinDomain[];
  targets: SnapshotTarget[];
  counts: Record<TargetProgressStatus, number>;
  ledgers: SnapshotTaskLedger[];
  supervision: {
    open: number;
    overdue: number;
    byLevel: Record<BulletinLevel, number>;
    byTask: SnapshotTaskSupervision[];
    items: SnapshotSupervisionItem[];
  };
  satisfaction: BulletinSatisfaction | null;
}

// ── Building the snapshot's parts from plain rows ─────────────────────────────────────────

export interface TaskRef {
  number: number;
  title: string;
  domainCode: string;
}

export interface LedgerRow {
  taskNumber: number;
  status: LedgerStatus;
  percentDone: number;
}

/** Per task of the plan (in plan order): item counts by status and mean completion. */
export function ledgerProgressByTask(tasks: TaskRef[], rows: LedgerRow[]): SnapshotTaskLedger[] {
  return tasks.map((task) => {
    const mine = rows.filter((r) => r.taskNumber === task.number);
    const byStatus = Object.fromEntries(LEDGER_STATUSES.map((s) => [s, 0])) as Record<
      LedgerStatus,
      number
    >;
    for (const r of mine) byStatus[r.status] += 1;
    const mean = mine.length
      ? Math.round((mine.reduce((a, r) => a + r.percentDone, 0) / mine.length) * 10) / 10
      : null;
    return {
      taskNumber: task.number,
      taskTitle: task.title,
      domainCode: task.domainCode,
      items: mine.length,
      byStatus,
      meanPercent: mean,
    };
  });
}

export interface SupervisionRow {
  id: number;
  title: string;
  level: BulletinLevel;
  status: string;
  targetName: string;
  domainCode: string | null;
  taskNumber: number | null;
  replyDue: string;
  createdAt: string;
  closedAt: string | null;
}

const zeroLevels = (): Record<BulletinLevel, number> => ({ general: 0, key: 0, listed: 0 });

/**
 * Items open at the end of the as-of day (`endTs`): raised before it and not closed by then.
 * An item is overdue when its reply date passed and it still waits for a reply.
 */
export function openSupervision(
  tasks: TaskRef[],
  rows: SupervisionRow[],
  asOf: string,
  endTs: string,
): EvaluationSnapshot['supervision'] {
  const open = rows.filter((r) => r.createdAt < endTs && (!r.closedAt || r.closedAt >= endTs));
  const items = open.map((r) => ({
    id: r.id,
    title: r.title,
    level: r.level,
    status: r.status,
    targetName: r.targetName,
    domainCode: r.domainCode,
    taskNumber: r.taskNumber,
    replyDue: r.replyDue,
    overdue: r.replyDue < asOf && (r.status === 'open' || r.status === 'returned'),
  }));
  const byLevel = zeroLevels();
  for (const i of items) byLevel[i.level] += 1;
  const titles = new Map(tasks.map((t) => [t.number, t] as const));
  const keys = [...new Set(items.map((i) => i.taskNumber))].sort(
    (a, b) => (a ?? Infinity) - (b ?? Infinity),
  );
  const byTask = keys.map((taskNumber) => {
    const mine = items.filter((i) => i.taskNumber === taskNumber);
    const levels = zeroLevels();
    for (const i of mine) levels[i.level] += 1;
    const task = taskNumber === null ? undefined : titles.get(taskNumber);
    return {
      taskNumber,
      taskTitle: task?.title ?? (taskNumber === null ? '未关联任务' : `任务${taskNumber}`),
      domainCode: task?.domainCode ?? mine.find((i) => i.domainCode)?.domainCode ?? null,
      byLevel: levels,
      open: mine.length,
      overdue: mine.filter((i) => i.overdue).length,
    };
  });
  return {
    open: items.length,
    overdue: items.filter((i) => i.overdue).length,
    byLevel,
    byTask,
    items: [...items].sort(
      (a, b) =>
        LEVELS.indexOf(b.level) - LEVELS.indexOf(a.level) || a.replyDue.localeCompare(b.replyDue),
    ),
  };
}

export const snapshotCounts = (targets: SnapshotTarget[]) => countProgress(targets);

// ── Creating an evaluation ─────────────────────────────────────────────────────────────────

export interface FieldError {
  field: string;
  message: string;
}

/** The as-of date: a real date, not after today, within the plan's period. */
export function checkAsOf(
  asOf: string,
  today: string,
  plan: { start: string; end: string },
): FieldError | null {
  const d = new Date(`${asOf}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(asOf) ||
    isNaN(d.getTime()) ||
    d.toISOString().slice(0, 10) !== asOf
  )
    return { field: 'asOf', message: `评估基准日“${asOf}”不是有效日期（格式 YYYY-MM-DD）` };
  if (asOf > today)
    return { field: 'asOf', message: `评估基准日 ${asOf} 晚于今天（${today}），不能评估未来` };
  if (asOf < plan.start || asOf > plan.end)
    return {
      field: 'asOf',
      message: `评估基准日 ${asOf} 不在计划期内（${plan.start} 至 ${plan.end}）`,
    };
  return null;
}

// ── Assessments ────────────────────────────────────────────────────────────────────────────

export interface AssessmentInput {
  action: string;
  text: string;
  proposedValue?: number | null;
}

export interface Assessment {
  targetCode: string;
  domainCode: string;
  action: EvaluationAction;
  text: string;
  proposedValue: number | null;
  assessedBy: string;
  assessedUnit: string | null;
  updatedAt: string;
  version: number;
}

export const TEXT_MAX = 2000;

/** Every problem of an assessment, each naming its field. */
export function validateAssessment(
  input: AssessmentInput,
  target: Pick<SnapshotTarget, 'code' | 'target' | 'unit'>,
): FieldError[] {
  const errors: FieldError[] = [];
  const action = input.action as EvaluationAction;
  if (!EVALUATION_ACTIONS.includes(action))
    errors.push({
      field: 'action',
      message: `调整建议“${input.action}”无效，应为保持、调高、调低、替换或取消之一`,
    });
  const text = input.text.trim();
  if (!text) errors.push({ field: 'text', message: `指标 ${target.code} 的评估意见不能为空` });
  else if (text.length > TEXT_MAX)
    errors.push({ field: 'text', message: `评估意见不能超过 ${TEXT_MAX} 字` });
  const value = input.proposedValue ?? null;
  if (action === 'raise' || action === 'lower') {
    if (value === null || !Number.isFinite(value))
      errors.push({
        field: 'proposedValue',
        message: `建议${EVALUATION_ACTION_LABEL[action]}指标 ${target.code} 时须填写建议目标值`,
      });
    else if (action === 'raise' && value <= target.target)
      errors.push({
        field: 'proposedValue',
        message: `建议调高的目标值 ${value} 应大于现行目标值 ${target.target}${target.unit}`,
      });
    else if (action === 'lower' && value >= target.target)
      errors.push({
        field: 'proposedValue',
        message: `建议调低的目标值 ${value} 应小于现行目标值 ${target.target}${target.unit}`,
      });
  } else if (value !== null && (action === 'keep' || action === 'drop'))
    errors.push({
      field: 'proposedValue',
      message: `建议${EVALUATION_ACTION_LABEL[action]}时不填写建议目标值`,
    });
  return errors;
}

// ── Summary and sign-off ──────────────────────────────────────────────────────────────────

export interface EvaluationSummary {
  targets: number;
  byStatus: Record<TargetProgressStatus, number>;
  assessed: number;
  unassessed: number;
  byAction: Record<EvaluationAction, number>;
  /** Codes of targets nobody assessed (listed as 未评估 in the report). */
  unassessedCodes: string[];
}

export function evaluationSummary(
  snapshot: Pick<EvaluationSnapshot, 'targets'>,
  assessments: Array<Pick<Assessment, 'targetCode' | 'action'>>,
): EvaluationSummary {
  const known = new Set(snapshot.targets.map((t) => t.code));
  const mine = assessments.filter((a) => known.has(a.targetCode));
  const byAction = Object.fromEntries(EVALUATION_ACTIONS.map((a) => [a, 0])) as Record<
    EvaluationAction,
    number
  >;
  for (const a of mine) byAction[a.action] += 1;
  const done = new Set(mine.map((a) => a.targetCode));
  const unassessedCodes = snapshot.targets.filter((t) => !done.has(t.code)).map((t) => t.code);
  return {
    targets: snapshot.targets.length,
    byStatus: countProgress(snapshot.targets),
    assessed: done.size,
    unassessed: unassessedCodes.length,
    byAction,
    unassessedCodes,
  };
}

/**
 * Sign-off is allowed with targets still unassessed: a department that does not answer must
 * not hold up the finance department's evaluation; those targets are listed as 未评估 in the
 * record and the report. Only a draft can be signed, and a comment is required when some
 * targets are unassessed so the signer says why.
 */
export function signOffProblem(
  status: EvaluationStatus,
  summary: Pick<EvaluationSummary, 'unassessed'>,
  comment: string,
): FieldError | null {
  if (status === 'signed') return { field: 'status', message: '该评估已签发，不能再次签发' };
  if (summary.unassessed > 0 && !comment.trim())
    return {
      field: 'comment',
      message: `尚有 ${summary.unassessed} 项指标未评估，签发时须填写签发意见说明原因`,
    };
  return null;
}
