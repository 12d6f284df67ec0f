// Checks of a ledger item (工作台账事项) and of a progress report, before anything is stored.
// Every problem names its field (`milestones[1].dueDate`) and says in Chinese what is wrong, so
// the API, the form and the Excel import (which maps fields to its column names) share them.

export interface LedgerMilestoneInput {
  title: string;
  dueDate: string;
  definitionOfDone: string;
  doneOn?: string | null;
}

export interface LedgerItemInput {
  taskNumber: number;
  title: string;
  description: string;
  ownerUnitCode: string;
  cooperatingUnits: string[];
  cityCode: string | null;
  startDate: string;
  dueDate: string;
  budget: number | null;
  targetCodes: string[];
  milestones: LedgerMilestoneInput[];
}

export interface LedgerFieldProblem {
  field: string;
  message: string;
}

/** What the checks need to know about the world (the plan and the units). */
export interface LedgerValidationContext {
  taskNumbers: ReadonlySet<number>;
  /** Target codes of each task (a ledger item serves targets of its own task). */
  targetsOfTask: (taskNumber: number) => ReadonlySet<string>;
  isUnit: (code: string) => boolean;
  isCity: (code: string) => boolean;
}

/** Chinese names of the fields, as in the form and the Excel columns. */
export const LEDGER_FIELD_LABELS: Record<string, string> = {
  taskNumber: '任务编号',
  code: '事项编号',
  title: '工作事项',
  description: '具体内容',
  ownerUnitCode: '牵头单位',
  cooperatingUnits: '配合单位',
  cityCode: '地市',
  startDate: '开始日期',
  dueDate: '完成时限',
  budget: '预算（万元）',
  targetCodes: '关联指标',
  milestones: '阶段节点',
  percentDone: '完成进度(%)',
  text: '进展情况',
  status: '状态',
  overrideReason: '调整理由',
  milestoneId: '里程碑',
};

const MAX_TITLE = 200;
const MAX_TEXT = 4000;
const MAX_MILESTONES = 20;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const label = (field: string) => LEDGER_FIELD_LABELS[field] ?? field;
const problem = (field: string, text: string): LedgerFieldProblem => ({
  field,
  message: `${label(field)}（${field}）${text}`,
});

export function validateLedgerItem(
  input: LedgerItemInput,
  ctx: LedgerValidationContext,
): LedgerFieldProblem[] {
  const out: LedgerFieldProblem[] = [];
  if (!ctx.taskNumbers.has(input.taskNumber))
    out.push(problem('taskNumber', `“${input.taskNumber}”不是计划中的任务编号`));
  checkText(out, 'title', input.title, MAX_TITLE);
  if (input.description.length > MAX_TEXT)
    out.push(problem('description', `不能超过${MAX_TEXT}字`));
  checkUnits(out, input, ctx);
  const datesOk = checkDates(out, input);
  if (input.budget !== null && !(Number.isFinite(input.budget) && input.budget >= 0))
    out.push(problem('budget', '须为不小于0的数字'));
  if (ctx.taskNumbers.has(input.taskNumber)) {
    const known = ctx.targetsOfTask(input.taskNumber);
    for (const code of input.targetCodes)
      if (!known.has(code))
        out.push(problem('targetCodes', `“${code}”不是任务${input.taskNumber}的指标`));
  }
  checkMilestones(out, input, datesOk);
  return out;
}

function checkText(out: LedgerFieldProblem[], field: string, value: string, max: number): void {
  if (!value.trim()) out.push(problem(field, '不能为空'));
  else if (value.length > max) out.push(problem(field, `不能超过${max}字`));
}

function checkUnits(
  out: LedgerFieldProblem[],
  input: LedgerItemInput,
  ctx: LedgerValidationContext,
): void {
  if (!input.ownerUnitCode) out.push(problem('ownerUnitCode', '不能为空'));
  else if (!ctx.isUnit(input.ownerUnitCode))
    out.push(problem('ownerUnitCode', `“${input.ownerUnitCode}”不是已知单位`));
  for (const code of input.cooperatingUnits)
    if (!ctx.isUnit(code)) out.push(problem('cooperatingUnits', `“${code}”不是已知单位`));
  if (input.cityCode !== null && !ctx.isCity(input.cityCode))
    out.push(problem('cityCode', `“${input.cityCode}”不是地级以上市`));
}

/** Returns whether both dates are valid, so milestone window checks can use them. */
function checkDates(out: LedgerFieldProblem[], input: LedgerItemInput): boolean {
  const start = isIsoDate(input.startDate);
  const due = isIsoDate(input.dueDate);
  if (!start) out.push(problem('startDate', `“${input.startDate}”不是有效日期（YYYY-MM-DD）`));
  if (!due) out.push(problem('dueDate', `“${input.dueDate}”不是有效日期（YYYY-MM-DD）`));
  if (start && due && input.dueDate < input.startDate) {
    out.push(problem('dueDate', `${input.dueDate}早于开始日期${input.startDate}`));
    return false;
  }
  return start && due;
}

function checkMilestones(
  out: LedgerFieldProblem[],
  input: LedgerItemInput,
  windowOk: boolean,
): void {
  if (input.milestones.length > MAX_MILESTONES)
    out.push(problem('milestones', `最多${MAX_MILESTONES}个`));
  input.milestones.forEach((m, i) => {
    const at = (f: string) => `milestones[${i}].${f}`;
    const name = `第${i + 1}个阶段节点`;
    if (!m.title.trim())
      out.push({ field: at('title'), message: `${name}的标题（title）不能为空` });
    if (!isIsoDate(m.dueDate)) {
      out.push({
        field: at('dueDate'),
        message: `${name}的完成日期（dueDate）“${m.dueDate}”不是有效日期`,
      });
      return;
    }
    if (windowOk && (m.dueDate < input.startDate || m.dueDate > input.dueDate))
      out.push({
        field: at('dueDate'),
        message: `${name}“${m.title}”的日期${m.dueDate}不在事项起止期间（${input.startDate}至${input.dueDate}）内`,
      });
    if (m.doneOn && !isIsoDate(m.doneOn))
      out.push({ field: at('doneOn'), message: `${name}的完成日期（doneOn）不是有效日期` });
  });
}

export interface ProgressInput {
  percentDone: number;
  text: string;
}

export function validateProgress(input: ProgressInput): LedgerFieldProblem[] {
  const out: LedgerFieldProblem[] = [];
  if (!Number.isFinite(input.percentDone) || input.percentDone < 0 || input.percentDone > 100)
    out.push(problem('percentDone', '须为0到100之间的数字'));
  checkText(out, 'text', input.text, MAX_TEXT);
  return out;
}
