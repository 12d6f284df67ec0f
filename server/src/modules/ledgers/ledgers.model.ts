// The plan as the ledger sees it (tasks with their domain and targets), the checks' context,
// and rows → API views with names and the status the rule gives today.
import type { AppContext } from '../../context';
import { badRequest } from '../../common/errors';
import type { Actor } from '../../common/policy';
import {
  DEFAULT_LEDGER_STATUS_CONFIG,
  proposeLedgerStatus,
  type LedgerItemInput,
  type LedgerStatusConfig,
  type LedgerStatusProposal,
  type LedgerValidationContext,
} from '../../../../core/tasking';
import { todayCst } from '../../../../core/reporting/deadlines';
import type { LedgerStatus } from '../../db/schema';
import { canEditItem, canReportItem, parseCodes } from './ledgers.access';
import type { ItemRow, MilestoneRow } from './ledgers.repository';
import type { CreateBody, ItemView } from './ledgers.schema';

/** The thresholds the service gives the status rule (N days, X percent). */
export const LEDGER_STATUS_CONFIG: LedgerStatusConfig = DEFAULT_LEDGER_STATUS_CONFIG;

export interface PlanTask {
  number: number;
  title: string;
  domainCode: string;
  domainName: string;
  leadUnits: string[];
  targets: Set<string>;
  qualitativeGoals: string[];
  targetTexts: string[];
}

export interface PlanIndex {
  tasks: Map<number, PlanTask>;
}

export async function planIndex(ctx: AppContext): Promise<PlanIndex> {
  const current = await ctx.plans.current();
  if (!current) throw badRequest('PLAN_MISSING', '尚未导入规划，无法管理工作台账');
  const tasks = new Map<number, PlanTask>();
  for (const d of current.plan.domains)
    for (const t of d.tasks)
      tasks.set(t.number, {
        number: t.number,
        title: t.title,
        domainCode: d.code,
        domainName: d.name,
        leadUnits: d.leadUnits,
        targets: new Set(t.targets.map((x) => x.code)),
        qualitativeGoals: t.qualitativeGoals ?? [],
        targetTexts: t.targets.map((x) => x.text),
      });
  return { tasks };
}

export function validationContext(ctx: AppContext, plan: PlanIndex): LedgerValidationContext {
  return {
    taskNumbers: new Set(plan.tasks.keys()),
    targetsOfTask: (n) => plan.tasks.get(n)?.targets ?? new Set(),
    isUnit: (c) => ctx.orgs.get(c) !== undefined,
    isCity: (c) => ctx.orgs.get(c)?.level === 'city',
  };
}

export function toInput(body: CreateBody): LedgerItemInput {
  return {
    taskNumber: body.taskNumber,
    title: body.title.trim(),
    description: body.description.trim(),
    ownerUnitCode: body.ownerUnitCode,
    cooperatingUnits: [...new Set(body.cooperatingUnits)],
    cityCode: body.cityCode || null,
    startDate: body.startDate,
    dueDate: body.dueDate,
    budget: body.budget,
    targetCodes: [...new Set(body.targetCodes)],
    milestones: body.milestones.map((m) => ({
      title: m.title.trim(),
      dueDate: m.dueDate,
      definitionOfDone: m.definitionOfDone.trim(),
    })),
  };
}

export const today = (now = new Date()) => todayCst(now);

export function proposalFor(
  row: Pick<ItemRow, 'start_date' | 'due_date' | 'percent_done' | 'last_reported_at'>,
  milestones: Array<Pick<MilestoneRow, 'title' | 'due_date' | 'done_on'>>,
  day: string,
): LedgerStatusProposal {
  return proposeLedgerStatus(
    {
      startDate: row.start_date,
      dueDate: row.due_date,
      percentDone: Number(row.percent_done),
      lastReportedAt: row.last_reported_at,
      milestones: milestones.map((m) => ({
        title: m.title,
        dueDate: m.due_date,
        doneOn: m.done_on,
      })),
    },
    day,
    LEDGER_STATUS_CONFIG,
  );
}

/** A standing override keeps the person's status; otherwise the rule decides, as of today. */
export function effectiveStatus(
  row: ItemRow,
  milestones: MilestoneRow[],
  day: string,
): { status: LedgerStatus; reason: string } {
  if (row.status_override_reason)
    return { status: row.status, reason: `人工调整：${row.status_override_reason}` };
  return proposalFor(row, milestones, day);
}

export function unitName(ctx: AppContext, code: string): string {
  return ctx.orgs.get(code)?.name ?? code;
}

export function toView(
  ctx: AppContext,
  actor: Actor,
  plan: PlanIndex,
  row: ItemRow,
  milestones: MilestoneRow[],
  day: string,
): ItemView {
  const { status, reason } = effectiveStatus(row, milestones, day);
  const percent = Number(row.percent_done);
  return {
    id: row.id,
    code: row.code,
    taskNumber: row.task_number,
    taskTitle: plan.tasks.get(row.task_number)?.title ?? '',
    domainCode: row.domain_code,
    title: row.title,
    description: row.description,
    ownerUnitCode: row.owner_unit_code,
    ownerUnitName: unitName(ctx, row.owner_unit_code),
    cooperatingUnits: parseCodes(row.cooperating_units).map((code) => ({
      code,
      name: unitName(ctx, code),
    })),
    cityCode: row.city_code,
    cityName: row.city_code ? unitName(ctx, row.city_code) : null,
    startDate: row.start_date,
    dueDate: row.due_date,
    budget: row.budget === null ? null : Number(row.budget),
    targetCodes: parseCodes(row.target_codes),
    percentDone: percent,
    status,
    statusReason: reason,
    statusOverrideReason: row.status_override_reason,
    lastReportedAt: row.last_reported_at,
    overdue: percent < 100 && row.due_date < day,
    version: row.version,
    updatedAt: row.updated_at,
    milestones: milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueDate: m.due_date,
      definitionOfDone: m.definition_of_done,
      doneOn: m.done_on,
      overdue: !m.done_on && m.due_date < day,
    })),
    canEdit: canEditItem(actor, row),
    canReport: canReportItem(actor, row),
  };
}

export function groupMilestones(rows: MilestoneRow[]): Map<number, MilestoneRow[]> {
  const by = new Map<number, MilestoneRow[]>();
  for (const m of rows) {
    const list = by.get(m.item_id) ?? [];
    list.push(m);
    by.set(m.item_id, list);
  }
  return by;
}
