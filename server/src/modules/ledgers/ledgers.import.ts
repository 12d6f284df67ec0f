// Ledger ⇄ Excel: the export (units by Chinese name, milestones one per line) and the import,
// which creates or updates items by 事项编号 — every row checked first, then all rows in one
// transaction with one audit event, or nothing at all. A dry run reports without writing.
import type { AppContext } from '../../context';
import { badRequest, conflict } from '../../common/errors';
import type { Actor } from '../../common/policy';
import {
  LEDGER_STATUS_LABELS,
  validateLedgerItem,
  type LedgerItemInput,
  type LedgerMilestoneInput,
} from '../../../../core/tasking';
import { readNumber, readText } from '../../../../core/reporting-io';
import { recordAudit } from '../audit/audit.service';
import { canEditItem, canSeeItem, parseCodes, type ChangeBy } from './ledgers.access';
import {
  effectiveStatus,
  groupMilestones,
  planIndex,
  today,
  unitName,
  validationContext,
  type PlanIndex,
} from './ledgers.model';
import * as repo from './ledgers.repository';
import type { ItemRow, MilestoneRow } from './ledgers.repository';
import type { ImportReport } from './ledgers.schema';
import { applyItemChange, insertItem, nextCode } from './ledgers.service';
import {
  headerOf,
  LEDGER_SHEET,
  readLedgerWorkbook,
  writeLedgerWorkbook,
  type LedgerColumnKey,
  type LedgerSheetRow,
  type ReadRow,
} from './ledgers.xlsx';

// ── Names ⇄ codes ──────────────────────────────────────────────────────────────────────────

/** County names repeat across cities (城区, 郊区…), so counties are written with their city. */
function displayName(ctx: AppContext, code: string): string {
  const unit = ctx.orgs.get(code);
  if (!unit) return code;
  if (unit.level === 'county' && unit.parent_code)
    return `${unitName(ctx, unit.parent_code)}${unit.name}`;
  return unit.name;
}

function unitResolver(ctx: AppContext): (text: string) => string | null {
  const byName = new Map<string, string | null>();
  const add = (name: string, code: string) =>
    byName.set(name, byName.has(name) && byName.get(name) !== code ? null : code);
  for (const u of ctx.orgs.all()) {
    add(u.name, u.code);
    add(displayName(ctx, u.code), u.code);
  }
  return (text) => {
    const t = text.trim();
    if (ctx.orgs.get(t)) return t;
    return byName.get(t) ?? null;
  };
}

const splitList = (text: string) =>
  text
    .split(/[、，,;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

// ── Export ─────────────────────────────────────────────────────────────────────────────────

function milestoneLines(milestones: MilestoneRow[]): string {
  return milestones
    .map(
      (m) =>
        `${m.due_date} ${m.title}：${m.definition_of_done}${m.done_on ? `（已完成${m.done_on}）` : ''}`,
    )
    .join('\n');
}

export async function exportLedgers(
  ctx: AppContext,
  actor: Actor,
  q: { task?: number; domain?: string },
): Promise<{ file: Buffer; fileName: string }> {
  const plan = await planIndex(ctx);
  const rows = (
    await repo.listItems(ctx.db, {
      ...(q.task !== undefined ? { taskNumber: q.task } : {}),
      ...(q.domain ? { domainCode: q.domain } : {}),
    })
  ).filter((r) => canSeeItem(actor, r));
  const ids = rows.map((r) => r.id);
  const milestones = groupMilestones(await repo.milestonesOf(ctx.db, ids));
  const latest = await repo.latestReportTexts(ctx.db, ids);
  const day = today();
  const sheetRows: LedgerSheetRow[] = rows.map((r, i) => {
    const ms = milestones.get(r.id) ?? [];
    return {
      seq: i + 1,
      taskNumber: r.task_number,
      taskTitle: plan.tasks.get(r.task_number)?.title ?? '',
      code: r.code,
      title: r.title,
      description: r.description,
      owner: displayName(ctx, r.owner_unit_code),
      cooperating: parseCodes(r.cooperating_units)
        .map((c) => displayName(ctx, c))
        .join('、'),
      city: r.city_code ? displayName(ctx, r.city_code) : '',
      startDate: r.start_date,
      dueDate: r.due_date,
      milestones: milestoneLines(ms),
      budget: r.budget === null ? null : Number(r.budget),
      targets: parseCodes(r.target_codes).join('、'),
      percent: Number(r.percent_done),
      status: LEDGER_STATUS_LABELS[effectiveStatus(r, ms, day).status],
      latest: latest.get(r.id) ?? '',
    };
  });
  const task = q.task !== undefined ? plan.tasks.get(q.task) : undefined;
  const scope = task ? `任务${task.number} ${task.title}` : '全部任务';
  const file = await writeLedgerWorkbook(`工作任务台账（${scope}，截至${day}）`, sheetRows);
  return { file, fileName: `工作任务台账_${task ? `任务${task.number}_` : ''}${day}.xlsx` };
}

// ── Import ─────────────────────────────────────────────────────────────────────────────────

type ImportError = ImportReport['errors'][number];

/** Which column a checked field is shown in. */
const FIELD_COLUMNS: Record<string, LedgerColumnKey> = {
  taskNumber: 'taskNumber',
  code: 'code',
  title: 'title',
  description: 'description',
  ownerUnitCode: 'owner',
  cooperatingUnits: 'cooperating',
  cityCode: 'city',
  startDate: 'startDate',
  dueDate: 'dueDate',
  budget: 'budget',
  targetCodes: 'targets',
  milestones: 'milestones',
};
const columnOfField = (field: string) =>
  headerOf(FIELD_COLUMNS[field.replace(/\[.*$/, '')] ?? 'title');

const CODE_PATTERN = /^[A-Za-z0-9._-]{1,40}$/;
const MILESTONE_LINE = /^(\S+)\s+(.+)$/;
const DONE_SUFFIX = /[（(]已完成\s*(\S+?)[）)]\s*$/;
const MAX_REPORTED = 500;

/** A date cell as YYYY-MM-DD: real dates, Excel serials and 2025/6/30-style text. */
export function cellDate(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' && value > 20000 && value < 80000) {
    const d = new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000);
    return d.toISOString().slice(0, 10);
  }
  const text = (readText(value) ?? '').trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text;
}

const cellText = (value: unknown) =>
  value instanceof Date ? cellDate(value) : (readText(value) ?? '').trim();

interface ParsedRow {
  row: number;
  code: string;
  input: LedgerItemInput;
}

/** One sheet row → an item input; problems are pushed with their column. */
function parseRow(
  r: ReadRow,
  resolve: (t: string) => string | null,
  push: (column: LedgerColumnKey, message: string) => void,
): ParsedRow | null {
  const c = r.cells;
  const before = { n: 0 };
  const fail = (column: LedgerColumnKey, message: string) => {
    before.n += 1;
    push(column, message);
  };
  const task = readNumber(c.taskNumber);
  const taskNumber = task.kind === 'number' && Number.isInteger(task.value) ? task.value : 0;
  if (!taskNumber) fail('taskNumber', '须为计划中的任务编号（整数）');
  const code = cellText(c.code);
  if (code && !CODE_PATTERN.test(code)) fail('code', `事项编号“${code}”只能含字母、数字和 - _ .`);
  const unit = (column: LedgerColumnKey, text: string) => {
    const found = resolve(text);
    if (!found) fail(column, `“${text}”不是已知单位`);
    return found ?? '';
  };
  const ownerText = cellText(c.owner);
  const owner = ownerText ? unit('owner', ownerText) : '';
  const cooperating = splitList(cellText(c.cooperating)).map((t) => unit('cooperating', t));
  const cityText = cellText(c.city);
  const city = cityText ? unit('city', cityText) : null;
  const budgetReading = readNumber(c.budget);
  if (budgetReading.kind === 'invalid') fail('budget', '须为数字（万元）');
  const milestones = parseMilestones(cellText(c.milestones), (m) => fail('milestones', m));
  if (before.n > 0) return null;
  return {
    row: r.row,
    code,
    input: {
      taskNumber,
      title: cellText(c.title),
      description: cellText(c.description),
      ownerUnitCode: owner,
      cooperatingUnits: [...new Set(cooperating)],
      cityCode: city,
      startDate: cellDate(c.startDate),
      dueDate: cellDate(c.dueDate),
      budget: budgetReading.kind === 'number' ? budgetReading.value : null,
      targetCodes: [...new Set(splitList(cellText(c.targets)))],
      milestones,
    },
  };
}

/** `YYYY-MM-DD 标题：完成标志（已完成YYYY-MM-DD）`, one per line. */
function parseMilestones(text: string, fail: (m: string) => void): LedgerMilestoneInput[] {
  const out: LedgerMilestoneInput[] = [];
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .forEach((line, i) => {
      const m = MILESTONE_LINE.exec(line);
      if (!m) {
        fail(`第${i + 1}个阶段节点“${line}”格式应为“YYYY-MM-DD 标题：完成标志”`);
        return;
      }
      let rest = m[2]!;
      const done = DONE_SUFFIX.exec(rest);
      if (done) rest = rest.slice(0, done.index).trim();
      const sep = rest.search(/[：:]/);
      out.push({
        dueDate: cellDate(m[1]),
        title: (sep >= 0 ? rest.slice(0, sep) : rest).trim(),
        definitionOfDone: sep >= 0 ? rest.slice(sep + 1).trim() : '',
        ...(done ? { doneOn: cellDate(done[1]) } : {}),
      });
    });
  return out;
}

interface Planned {
  row: number;
  code: string;
  input: LedgerItemInput;
  existing: ItemRow | null;
}

export async function importLedgers(
  ctx: AppContext,
  file: Buffer,
  dryRun: boolean,
  by: ChangeBy,
): Promise<ImportReport> {
  const sheet = await readLedgerWorkbook(file);
  const plan = await planIndex(ctx);
  const resolve = unitResolver(ctx);
  const vctx = validationContext(ctx, plan);
  const errors: ImportError[] = [];
  const codes = sheet.rows.map((r) => cellText(r.cells.code)).filter(Boolean);
  const existing = new Map((await repo.findItemsByCodes(ctx.db, codes)).map((r) => [r.code, r]));
  const seen = new Map<string, number>();
  const planned: Planned[] = [];

  for (const r of sheet.rows) {
    const push = (column: LedgerColumnKey, message: string) =>
      errors.push({ sheet: sheet.sheet, row: r.row, column: headerOf(column), message });
    const parsed = parseRow(r, resolve, push);
    if (!parsed) continue;
    const problems = validateLedgerItem(parsed.input, vctx);
    for (const p of problems)
      errors.push({
        sheet: sheet.sheet,
        row: r.row,
        column: columnOfField(p.field),
        message: p.message,
      });
    if (problems.length > 0) continue;
    if (parsed.code) {
      const first = seen.get(parsed.code);
      if (first !== undefined) {
        push('code', `事项编号“${parsed.code}”与第${first}行重复`);
        continue;
      }
      seen.set(parsed.code, r.row);
    }
    const match = parsed.code ? (existing.get(parsed.code) ?? null) : null;
    const scopeError = checkRowScope(by.actor, plan, parsed.input, match);
    if (scopeError) {
      push(match ? 'code' : 'taskNumber', scopeError);
      continue;
    }
    planned.push({ ...parsed, existing: match });
  }
  if (sheet.rows.length === 0 && errors.length === 0)
    throw badRequest('IMPORT_EMPTY', `工作表“${sheet.sheet}”中没有工作台账事项`);

  const milestones = groupMilestones(
    await repo.milestonesOf(
      ctx.db,
      planned.flatMap((p) => (p.existing ? [p.existing.id] : [])),
    ),
  );
  const changes = planned.filter(
    (p) => !p.existing || changed(p.existing, milestones.get(p.existing.id) ?? [], p.input),
  );
  const report: ImportReport = {
    dryRun,
    sheet: sheet.sheet,
    rows: sheet.rows.length,
    created: changes.filter((p) => !p.existing).length,
    updated: changes.filter((p) => p.existing).length,
    unchanged: planned.length - changes.length,
    createdCodes: [],
    updatedCodes: changes.flatMap((p) => (p.existing ? [p.existing.code] : [])),
    errors: errors.slice(0, MAX_REPORTED),
  };
  if (dryRun) {
    report.createdCodes = changes.flatMap((p) => (!p.existing && p.code ? [p.code] : []));
    return report;
  }
  if (errors.length > 0) throw importFailed(errors);
  report.createdCodes = await writeAll(ctx, plan, changes, milestones, by, report);
  return report;
}

function checkRowScope(
  actor: Actor,
  plan: PlanIndex,
  input: LedgerItemInput,
  match: ItemRow | null,
): string | null {
  const task = plan.tasks.get(input.taskNumber)!;
  const target = {
    domain_code: task.domainCode,
    owner_unit_code: input.ownerUnitCode,
    cooperating_units: JSON.stringify(input.cooperatingUnits),
    city_code: input.cityCode,
  };
  if (!canEditItem(actor, target))
    return `无权编制任务${task.number}（${task.domainName}领域）的工作台账`;
  if (match && !canEditItem(actor, match)) return `无权修改事项“${match.code}”`;
  return null;
}

function changed(row: ItemRow, milestones: MilestoneRow[], input: LedgerItemInput): boolean {
  const same =
    row.task_number === input.taskNumber &&
    row.title === input.title &&
    row.description === input.description &&
    row.owner_unit_code === input.ownerUnitCode &&
    row.cooperating_units === JSON.stringify(input.cooperatingUnits) &&
    row.city_code === input.cityCode &&
    row.start_date === input.startDate &&
    row.due_date === input.dueDate &&
    (row.budget === null ? null : Number(row.budget)) === input.budget &&
    row.target_codes === JSON.stringify(input.targetCodes) &&
    milestones.length === input.milestones.length &&
    milestones.every((m, i) => {
      const n = input.milestones[i]!;
      return (
        m.title === n.title &&
        m.due_date === n.dueDate &&
        m.definition_of_done === n.definitionOfDone &&
        (n.doneOn === undefined || n.doneOn === m.done_on)
      );
    });
  return !same;
}

/** Existing milestones are kept by title, so reports that point at them stay linked. */
function matchMilestones(existing: MilestoneRow[], input: LedgerItemInput): Array<{ id?: number }> {
  const free = [...existing];
  return input.milestones.map((m) => {
    const i = free.findIndex((e) => e.title === m.title);
    if (i < 0) return {};
    const [hit] = free.splice(i, 1);
    return { id: hit!.id };
  });
}

async function writeAll(
  ctx: AppContext,
  plan: PlanIndex,
  changes: Planned[],
  milestones: Map<number, MilestoneRow[]>,
  by: ChangeBy,
  report: ImportReport,
): Promise<string[]> {
  const now = new Date();
  return ctx.db.transaction().execute(async (trx) => {
    const created: string[] = [];
    const used = new Map<number, string[]>();
    const fileCodes = changes.map((p) => p.code).filter(Boolean);
    for (const p of changes) {
      if (p.existing) {
        const existing = milestones.get(p.existing.id) ?? [];
        const given = matchMilestones(existing, p.input);
        const { set } = await applyItemChange(trx, plan, p.existing, p.input, given, existing, now);
        if (!(await repo.updateItemAtVersion(trx, p.existing.id, p.existing.version, set)))
          throw conflict(
            'LEDGER_VERSION_CONFLICT',
            `事项“${p.code}”在导入期间被他人修改，请重新导入`,
          );
        continue;
      }
      let code = p.code;
      if (!code) {
        const codes =
          used.get(p.input.taskNumber) ?? (await repo.codesOfTask(trx, p.input.taskNumber));
        code = nextCode(p.input.taskNumber, [...codes, ...fileCodes]);
        used.set(p.input.taskNumber, [...codes, code]);
      }
      await insertItem(trx, plan, p.input, code, by.actor.username, now);
      created.push(code);
    }
    await recordAudit(trx, {
      action: 'ledger.import',
      actor: by.actor,
      ip: by.ip,
      targetType: 'ledger_item',
      details: {
        sheet: report.sheet,
        rows: report.rows,
        created,
        updated: report.updatedCodes,
        unchanged: report.unchanged,
      },
    });
    return created;
  });
}

function importFailed(errors: ImportError[]) {
  const first = errors[0]!;
  return badRequest(
    'IMPORT_INVALID',
    `导入失败，文件有 ${errors.length} 处错误，未导入任何数据。第一处：工作表“${first.sheet}”第${first.row}行 ${first.column}：${first.message}`,
    errors.slice(0, MAX_REPORTED).map((e) => ({
      field: e.column,
      row: e.row,
      message: `工作表“${e.sheet}”第${e.row}行 ${e.column}：${e.message}`,
    })),
  );
}

export { LEDGER_SHEET };
