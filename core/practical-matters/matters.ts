// 十件民生实事: the province's yearly "ten practical livelihood matters", chosen mainly from the
// five-year plan (计划“推进落实机制”一节). Each matter links to the plan's tasks and carries its
// own targets for the year, in the plan's target format, so that the same status machinery
// (core/status) judges them. Pure: checks and conversions, no I/O.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { Target, type Plan } from '../plan/schema';
import type { PlanContext } from '../plan/semantic';
import { targetIssues } from '../plan/target-checks';
import { allTargets, allTasks, type PlanTargetRef } from '../plan/targets';
import { pointerSegments } from '../plan/issues';
import { schemaMessage } from '../plan/schema-messages';

/** At most ten a year: the name says so. */
export const MATTERS_PER_YEAR = 10;

export interface TaskRef {
  domainCode: string;
  taskNumber: number;
}

export interface MatterInput {
  year: number;
  seq: number;
  title: string;
  description: string;
  /** A unit code of the plan's units (the lead department). */
  leadUnit: string;
  taskRefs: TaskRef[];
  targets: Target[];
}

/** Another matter of the same year, as far as the checks need it. */
export interface Sibling {
  id: number;
  seq: number;
  targetCodes: string[];
}

/** A problem with a field of the matter, in Chinese, shaped like the API's error details. */
export interface MatterIssue {
  field: string;
  message: string;
}

export type MatterStatus = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'no_data';

/** SS2026-03-1: the first target of the third matter of 2026. */
export function matterTargetCode(year: number, seq: number, n: number): string {
  return `SS${year}-${String(seq).padStart(2, '0')}-${n}`;
}

export function planYears(plan: Pick<Plan, 'start' | 'end'>): number[] {
  const years: number[] = [];
  for (let y = Number(plan.start.slice(0, 4)); y <= Number(plan.end.slice(0, 4)); y += 1)
    years.push(y);
  return years;
}

let targetValidator: ValidateFunction | undefined;
/** The first problem of shape of a target (relative path, Chinese), or null when it is fine. */
function targetShapeIssue(t: unknown): { path: string; messageZh: string } | null {
  if (!targetValidator) {
    const ajv = new Ajv({ allErrors: false, strict: true });
    addFormats(ajv, ['date']);
    targetValidator = ajv.compile(Target);
  }
  if (targetValidator(t)) return null;
  const first = targetValidator.errors?.[0];
  return first ? schemaMessage(first) : { path: '', messageZh: '格式不正确' };
}

/** `/targets/0/measure/element` → `targets[0].measure.element` (the API's field style). */
export function fieldOf(pointer: string): string {
  return pointerSegments(pointer).reduce(
    (acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s),
    '',
  );
}

/**
 * Every problem of a matter against the plan and the other matters of its year, each placed
 * on its field. `selfId` is the matter being edited (left out of the sibling checks).
 */
export function matterIssues(
  plan: Plan,
  m: MatterInput,
  siblings: Sibling[],
  selfId?: number,
): MatterIssue[] {
  const others = siblings.filter((s) => s.id !== selfId);
  return [
    ...yearIssues(plan, m),
    ...seqIssues(m, others, selfId),
    ...textIssues(m),
    ...leadUnitIssues(plan, m),
    ...taskRefIssues(plan, m),
    ...targetListIssues(plan, m, others),
  ];
}

function yearIssues(plan: Plan, m: MatterInput): MatterIssue[] {
  const years = planYears(plan);
  if (years.includes(m.year)) return [];
  return [
    {
      field: 'year',
      message: `年度 ${m.year} 不在计划期（${years[0]}—${years.at(-1)}年）之内`,
    },
  ];
}

function seqIssues(m: MatterInput, others: Sibling[], selfId?: number): MatterIssue[] {
  if (!Number.isInteger(m.seq) || m.seq < 1 || m.seq > MATTERS_PER_YEAR)
    return [{ field: 'seq', message: `序号应为 1 至 ${MATTERS_PER_YEAR} 的整数，实为 ${m.seq}` }];
  if (selfId === undefined && others.length >= MATTERS_PER_YEAR)
    return [
      {
        field: 'seq',
        message: `${m.year}年已有${MATTERS_PER_YEAR}件民生实事，不能再增加（每年至多十件）`,
      },
    ];
  if (others.some((s) => s.seq === m.seq))
    return [{ field: 'seq', message: `${m.year}年第${m.seq}件民生实事已存在，请换一个序号` }];
  return [];
}

function textIssues(m: MatterInput): MatterIssue[] {
  return m.title.trim() ? [] : [{ field: 'title', message: '请填写事项名称' }];
}

function leadUnitIssues(plan: Plan, m: MatterInput): MatterIssue[] {
  if (plan.units.some((u) => u.code === m.leadUnit)) return [];
  return [{ field: 'leadUnit', message: `牵头单位“${m.leadUnit}”不是计划中的单位` }];
}

function taskRefIssues(plan: Plan, m: MatterInput): MatterIssue[] {
  if (m.taskRefs.length === 0)
    return [{ field: 'taskRefs', message: '请至少关联一项计划任务（民生实事主要从计划中遴选）' }];
  const tasks = allTasks(plan);
  const seen = new Set<string>();
  return m.taskRefs.flatMap((ref, i) => {
    const field = `taskRefs[${i}]`;
    const key = `${ref.domainCode}|${ref.taskNumber}`;
    if (!tasks.some((t) => t.domainCode === ref.domainCode && t.number === ref.taskNumber))
      return [{ field, message: `计划中没有领域“${ref.domainCode}”的任务${ref.taskNumber}` }];
    if (seen.has(key)) return [{ field, message: `任务${ref.taskNumber}重复关联` }];
    seen.add(key);
    return [];
  });
}

function targetListIssues(plan: Plan, m: MatterInput, others: Sibling[]): MatterIssue[] {
  if (m.targets.length === 0)
    return [{ field: 'targets', message: '请至少填写一项年度目标（按指标跟踪进展）' }];
  const ctx: PlanContext = {
    plan,
    units: new Set(plan.units.map((u) => u.code)),
    elements: new Map(plan.dataElements.map((e) => [e.code, e])),
  };
  const planCodes = new Set(allTargets(plan).map((t) => t.code));
  const computed = new Set(
    allTargets(plan).flatMap((t) => ('computed' in t.measure ? [t.measure.computed] : [])),
  );
  const taken = new Map<string, string>();
  for (const s of others) for (const c of s.targetCodes) taken.set(c, `第${s.seq}件`);
  const issues: MatterIssue[] = [];
  m.targets.forEach((t, i) => {
    const base = `/targets/${i}`;
    const shape = targetShapeIssue(t);
    if (shape) {
      issues.push({
        field: fieldOf(`${base}${shape.path}`),
        message: `第${i + 1}项目标格式不正确：${shape.messageZh}`,
      });
      return;
    }
    const own = targetIssues(t, base, ctx).map((x) => ({
      field: fieldOf(x.path),
      message: `第${i + 1}项目标：${x.messageZh}`,
    }));
    issues.push(...own, ...yearBoundIssues(m.year, t, i));
    if ('computed' in t.measure && !computed.has(t.measure.computed))
      issues.push({
        field: `targets[${i}].measure.computed`,
        message: `第${i + 1}项目标：计算指标“${t.measure.computed}”不是计划中已有的计算指标`,
      });
    const where = planCodes.has(t.code) ? '计划中的指标' : taken.get(t.code);
    if (where)
      issues.push({
        field: `targets[${i}].code`,
        message: `第${i + 1}项目标：编码“${t.code}”已被${where}使用`,
      });
    taken.set(t.code, '本事项另一项目标');
  });
  return issues;
}

/** A yearly matter's target starts and ends within its year. */
function yearBoundIssues(year: number, t: Target, i: number): MatterIssue[] {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const outside = (d: string) => d < from || d > to;
  const issues: MatterIssue[] = [];
  if (outside(t.deadline))
    issues.push({
      field: `targets[${i}].deadline`,
      message: `第${i + 1}项目标：截止日期 ${t.deadline} 不在 ${year} 年之内`,
    });
  if (t.start !== undefined && outside(t.start))
    issues.push({
      field: `targets[${i}].start`,
      message: `第${i + 1}项目标：起算日期 ${t.start} 不在 ${year} 年之内`,
    });
  (t.milestones ?? []).forEach((ms, j) => {
    if (outside(ms.date))
      issues.push({
        field: `targets[${i}].milestones[${j}].date`,
        message: `第${i + 1}项目标：阶段目标日期 ${ms.date} 不在 ${year} 年之内`,
      });
  });
  return issues;
}

/**
 * The matter's targets as the analytics evaluate plan targets: counted from 1 January of the
 * matter's year (unless a start is given), attached to the first linked task.
 */
export function evaluableTargets(m: Pick<MatterInput, 'year' | 'taskRefs' | 'targets'>) {
  const first = m.taskRefs[0];
  return m.targets.map((t): PlanTargetRef => ({
    ...t,
    start: t.start ?? `${m.year}-01-01`,
    domainCode: first?.domainCode ?? '',
    taskNumber: first?.taskNumber ?? null,
  }));
}

const SEVERITY: MatterStatus[] = ['off_track', 'at_risk', 'on_track', 'achieved'];

/**
 * One status for a matter: its weakest assessed target (a matter is only as far along as its
 * slowest part); achieved only when every target is; no data when none is assessed.
 */
export function matterStatus(statuses: MatterStatus[]): MatterStatus {
  const assessed = statuses.filter((s) => s !== 'no_data');
  const weakest = SEVERITY.find((s) => assessed.some((a) => a === s));
  if (weakest === undefined) return 'no_data';
  return weakest === 'achieved' && assessed.length < statuses.length ? 'on_track' : weakest;
}

/** The date a year's list is reported at: its year end, or today while the year runs. */
export function matterAsOf(year: number, today: string): string {
  const end = `${year}-12-31`;
  return today < end ? today : end;
}

/**
 * The date its targets are judged at: today while the year runs; once it is over, the first
 * day after it — the deadlines have passed, so a target still short is 滞后, not 正常推进.
 */
export function matterJudgedAt(year: number, today: string): string {
  return today <= `${year}-12-31` ? today : `${year + 1}-01-01`;
}
