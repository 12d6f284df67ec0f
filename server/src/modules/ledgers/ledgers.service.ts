// 工作任务台账: scoped lists and details, create/edit with optimistic versions, and the scheduled
// status refresh. Every write commits with its audit event; progress reports live in
// ledgers.progress.ts, the Excel import in ledgers.import.ts.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context';
import { AppError, badRequest, conflict, notFound } from '../../common/errors';
import type { Actor } from '../../common/policy';
import type { DB, LedgerStatus } from '../../db/schema';
import {
  LEDGER_STATUS_LABELS,
  validateLedgerItem,
  type LedgerItemInput,
} from '../../../../core/tasking';
import { recordAudit } from '../audit/audit.service';
import { listEvidence } from '../evidence/evidence.service';
import {
  deliverInBackground,
  newOutbox,
  notify,
  type Outbox,
} from '../reporting/notifications.service';
import { canEditItem, canReportItem, canSeeItem, deny, type ChangeBy } from './ledgers.access';
import {
  groupMilestones,
  planIndex,
  proposalFor,
  toInput,
  toView,
  today,
  unitName,
  validationContext,
  type PlanIndex,
} from './ledgers.model';
import * as repo from './ledgers.repository';
import type { ItemRow, MilestoneRow } from './ledgers.repository';
import type { CreateBody, DetailResponse, ListResponse, UpdateBody } from './ledgers.schema';

export type { ChangeBy } from './ledgers.access';

export interface ListFilter {
  task?: number;
  domain?: string;
  city?: string;
  owner?: string;
  status?: LedgerStatus;
}

const emptyCounts = (): Record<LedgerStatus, number> => ({
  not_started: 0,
  on_track: 0,
  at_risk: 0,
  delayed: 0,
  done: 0,
});

/** Items visible to the actor with today's status; counts are over every status. */
export async function listLedgers(
  ctx: AppContext,
  actor: Actor,
  f: ListFilter,
): Promise<ListResponse> {
  const plan = await planIndex(ctx);
  const rows = (
    await repo.listItems(ctx.db, {
      ...(f.task !== undefined ? { taskNumber: f.task } : {}),
      ...(f.domain ? { domainCode: f.domain } : {}),
      ...(f.city ? { cityCode: f.city } : {}),
      ...(f.owner ? { ownerUnitCode: f.owner } : {}),
    })
  ).filter((r) => canSeeItem(actor, r));
  const milestones = groupMilestones(
    await repo.milestonesOf(
      ctx.db,
      rows.map((r) => r.id),
    ),
  );
  const day = today();
  const views = rows.map((r) => toView(ctx, actor, plan, r, milestones.get(r.id) ?? [], day));
  const counts = emptyCounts();
  for (const v of views) counts[v.status] += 1;
  const items = f.status ? views.filter((v) => v.status === f.status) : views;
  return { items, counts, total: views.length };
}

export async function loadVisible(ctx: AppContext, actor: Actor, id: number): Promise<ItemRow> {
  const row = await repo.findItem(ctx.db, id);
  if (!row || !canSeeItem(actor, row))
    throw notFound('LEDGER_NOT_FOUND', `工作台账事项不存在或无权查看（编号 ${id}）`);
  return row;
}

/** For writes: a missing item is 404; one outside the actor's remit is a denial (403, audited). */
export async function loadForWrite(
  ctx: AppContext,
  by: ChangeBy,
  id: number,
  action: 'ledger.write' | 'ledger.report',
  message: string,
): Promise<ItemRow> {
  const row = await repo.findItem(ctx.db, id);
  if (!row) throw notFound('LEDGER_NOT_FOUND', `工作台账事项不存在（编号 ${id}）`);
  const ok = action === 'ledger.write' ? canEditItem(by.actor, row) : canReportItem(by.actor, row);
  if (!ok) await deny(ctx, by, action, row, message);
  return row;
}

export async function getLedger(
  ctx: AppContext,
  actor: Actor,
  id: number,
): Promise<DetailResponse> {
  const row = await loadVisible(ctx, actor, id);
  const plan = await planIndex(ctx);
  const milestones = await repo.milestonesOf(ctx.db, [id]);
  const reports = await repo.reportsOf(ctx.db, id);
  const evidence = await listEvidence(
    ctx.db,
    'progress',
    reports.map((r) => r.id),
  );
  const titles = new Map(milestones.map((m) => [m.id, m.title]));
  return {
    item: toView(ctx, actor, plan, row, milestones, today()),
    reports: reports.map((r) => ({
      id: r.id,
      milestoneId: r.milestone_id,
      milestoneTitle: r.milestone_id ? (titles.get(r.milestone_id) ?? null) : null,
      percentDone: Number(r.percent_done),
      text: r.text,
      proposedStatus: r.proposed_status,
      status: r.status,
      overrideReason: r.override_reason,
      reportedAt: r.reported_at,
      reportedBy: r.reported_by,
      unitCode: r.unit_code,
      unitName: unitName(ctx, r.unit_code),
      evidence: evidence.get(r.id) ?? [],
    })),
  };
}

/** Throws 400 with every problem of the item, each with its field. */
export function checkItem(ctx: AppContext, plan: PlanIndex, input: LedgerItemInput): void {
  const problems = validateLedgerItem(input, validationContext(ctx, plan));
  if (problems.length > 0) throw badRequest('LEDGER_INVALID', problems[0]!.message, problems);
}

/** Next free running number under a task: T05-001, T05-002, … */
export function nextCode(taskNumber: number, used: Iterable<string>): string {
  const prefix = `T${String(taskNumber).padStart(2, '0')}-`;
  let max = 0;
  for (const c of used)
    if (c.startsWith(prefix)) max = Math.max(max, Number(c.slice(prefix.length)) || 0);
  return `${prefix}${String(max + 1).padStart(3, '0')}`;
}

/** Inserts an item and its milestones inside the caller's transaction. */
export async function insertItem(
  trx: Kysely<DB>,
  plan: PlanIndex,
  input: LedgerItemInput,
  code: string,
  by: string,
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const base = {
    start_date: input.startDate,
    due_date: input.dueDate,
    percent_done: 0,
    last_reported_at: null,
  };
  const status = proposalFor(base, toMilestoneRows(input), today(now)).status;
  const id = await repo.insertItem(trx, {
    code,
    task_number: input.taskNumber,
    domain_code: plan.tasks.get(input.taskNumber)!.domainCode,
    title: input.title,
    description: input.description,
    owner_unit_code: input.ownerUnitCode,
    cooperating_units: JSON.stringify(input.cooperatingUnits),
    city_code: input.cityCode,
    start_date: input.startDate,
    due_date: input.dueDate,
    budget: input.budget,
    target_codes: JSON.stringify(input.targetCodes),
    percent_done: 0,
    status,
    status_override_reason: null,
    last_reported_at: null,
    version: 1,
    created_at: at,
    created_by: by,
    updated_at: at,
  });
  for (const [i, m] of input.milestones.entries())
    await repo.insertMilestone(trx, {
      item_id: id,
      sort_order: i + 1,
      title: m.title,
      due_date: m.dueDate,
      definition_of_done: m.definitionOfDone,
      done_on: m.doneOn ?? null,
    });
  return id;
}

const toMilestoneRows = (input: LedgerItemInput) =>
  input.milestones.map((m) => ({ title: m.title, due_date: m.dueDate, done_on: m.doneOn ?? null }));

export async function createLedger(
  ctx: AppContext,
  body: CreateBody,
  by: ChangeBy,
): Promise<{ id: number; code: string }> {
  const plan = await planIndex(ctx);
  const input = toInput(body);
  await requireWritableTask(ctx, plan, input, by);
  checkItem(ctx, plan, input);
  return ctx.db.transaction().execute(async (trx) => {
    const code = nextCode(input.taskNumber, await repo.codesOfTask(trx, input.taskNumber));
    const id = await insertItem(trx, plan, input, code, by.actor.username, new Date());
    await recordAudit(trx, {
      action: 'ledger.create',
      actor: by.actor,
      ip: by.ip,
      targetType: 'ledger_item',
      targetId: id,
      unitCode: input.cityCode ?? input.ownerUnitCode,
      details: { code, taskNumber: input.taskNumber, title: input.title },
    });
    return { id, code };
  });
}

/** A department writes only its own domains' tasks (unknown tasks are left to the checks). */
async function requireWritableTask(
  ctx: AppContext,
  plan: PlanIndex,
  input: LedgerItemInput,
  by: ChangeBy,
): Promise<void> {
  const task = plan.tasks.get(input.taskNumber);
  if (!task) return;
  const target = {
    domain_code: task.domainCode,
    owner_unit_code: input.ownerUnitCode,
    cooperating_units: JSON.stringify(input.cooperatingUnits),
    city_code: input.cityCode,
  };
  if (!canEditItem(by.actor, target))
    await deny(
      ctx,
      by,
      'ledger.write',
      target,
      `无权编制任务${task.number}（${task.domainName}领域）的工作台账`,
    );
}

export async function updateLedger(
  ctx: AppContext,
  id: number,
  body: UpdateBody,
  by: ChangeBy,
): Promise<{ version: number }> {
  const row = await loadForWrite(ctx, by, id, 'ledger.write', '无权修改该工作台账事项');
  const plan = await planIndex(ctx);
  const input = toInput(body);
  await requireWritableTask(ctx, plan, input, by);
  checkItem(ctx, plan, input);
  const existing = await repo.milestonesOf(ctx.db, [id]);
  checkMilestoneIds(existing, body.milestones);
  const version = await ctx.db.transaction().execute(async (trx) => {
    const kept = await applyItemChange(
      trx,
      plan,
      row,
      input,
      body.milestones,
      existing,
      new Date(),
    );
    if (
      !(await repo.updateItemAtVersion(trx, id, body.version, {
        ...kept.set,
        version: body.version + 1,
      }))
    )
      throw staleVersion(id, body.version);
    await recordAudit(trx, {
      action: 'ledger.update',
      actor: by.actor,
      ip: by.ip,
      targetType: 'ledger_item',
      targetId: id,
      unitCode: input.cityCode ?? input.ownerUnitCode,
      details: { code: row.code, version: body.version + 1 },
    });
    return body.version + 1;
  });
  return { version };
}

function checkMilestoneIds(existing: MilestoneRow[], given: Array<{ id?: number }>): void {
  const own = new Set(existing.map((m) => m.id));
  const details = given.flatMap((m, i) =>
    m.id !== undefined && !own.has(m.id)
      ? [{ field: `milestones[${i}].id`, message: `第${i + 1}个阶段节点不属于该事项` }]
      : [],
  );
  if (details.length > 0) throw badRequest('LEDGER_INVALID', details[0]!.message, details);
}

function staleVersion(id: number, version: number): AppError {
  const e = conflict(
    'LEDGER_VERSION_CONFLICT',
    `该事项已被他人修改（您编辑的是第 ${version} 版），请刷新后重新编辑（编号 ${id}）`,
  );
  return e;
}

/**
 * Writes the milestones (kept by id, new ones added, missing ones removed) and returns the
 * item columns to set. The version condition is applied by the caller's update, which runs
 * after this inside the same transaction, so a stale version rolls all of it back.
 */
export async function applyItemChange(
  trx: Kysely<DB>,
  plan: PlanIndex,
  row: ItemRow,
  input: LedgerItemInput,
  given: Array<{ id?: number }>,
  existing: MilestoneRow[],
  now: Date,
) {
  const doneOf = new Map(existing.map((m) => [m.id, m.done_on]));
  const keep = new Set<number>();
  const after: Array<Pick<MilestoneRow, 'title' | 'due_date' | 'done_on'>> = [];
  for (const [i, m] of input.milestones.entries()) {
    const id = given[i]?.id;
    const doneOn =
      m.doneOn !== undefined ? m.doneOn : id !== undefined ? (doneOf.get(id) ?? null) : null;
    const fields = {
      sort_order: i + 1,
      title: m.title,
      due_date: m.dueDate,
      definition_of_done: m.definitionOfDone,
      done_on: doneOn,
    };
    if (id !== undefined) {
      keep.add(id);
      await repo.updateMilestone(trx, id, fields);
    } else await repo.insertMilestone(trx, { item_id: row.id, ...fields });
    after.push(fields);
  }
  await repo.deleteMilestones(
    trx,
    existing.filter((m) => !keep.has(m.id)).map((m) => m.id),
  );
  const changed = {
    ...row,
    start_date: input.startDate,
    due_date: input.dueDate,
  };
  const status = row.status_override_reason
    ? row.status
    : proposalFor(changed, after, today(now)).status;
  return {
    set: {
      task_number: input.taskNumber,
      domain_code: plan.tasks.get(input.taskNumber)!.domainCode,
      title: input.title,
      description: input.description,
      owner_unit_code: input.ownerUnitCode,
      cooperating_units: JSON.stringify(input.cooperatingUnits),
      city_code: input.cityCode,
      start_date: input.startDate,
      due_date: input.dueDate,
      budget: input.budget,
      target_codes: JSON.stringify(input.targetCodes),
      status,
      version: row.version + 1,
      updated_at: now.toISOString(),
    },
  };
}

/** Deleting is for mistakes: an item with reports or supervision items stays. */
export async function deleteLedger(
  ctx: AppContext,
  id: number,
  version: number | undefined,
  by: ChangeBy,
): Promise<void> {
  const row = await loadForWrite(ctx, by, id, 'ledger.write', '无权删除该工作台账事项');
  if (version !== undefined && version !== row.version) throw staleVersion(id, version);
  if ((await repo.countReports(ctx.db, id)) > 0)
    throw conflict('LEDGER_HAS_REPORTS', '该事项已有进展报送记录，不能删除');
  if ((await repo.countSupervisionLinks(ctx.db, id)) > 0)
    throw conflict('LEDGER_HAS_SUPERVISION', '该事项已有督办事项，不能删除');
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteItem(trx, id);
    await recordAudit(trx, {
      action: 'ledger.delete',
      actor: by.actor,
      ip: by.ip,
      targetType: 'ledger_item',
      targetId: id,
      unitCode: row.city_code ?? row.owner_unit_code,
      details: { code: row.code, title: row.title },
    });
  });
}

/** Tells the owner unit once per item, status and day. */
export async function notifyStatus(
  trx: Kysely<DB>,
  outbox: Outbox,
  item: Pick<ItemRow, 'id' | 'code' | 'title' | 'owner_unit_code'>,
  status: LedgerStatus,
  reason: string,
  day: string,
): Promise<void> {
  if (status !== 'at_risk' && status !== 'delayed') return;
  await notify(trx, outbox, {
    unitCode: item.owner_unit_code,
    kind: `ledger.${status}`,
    title: `工作台账事项“${item.title}”${LEDGER_STATUS_LABELS[status]}`,
    body: `${item.code} ${item.title}：${reason}`,
    link: { unitCode: item.owner_unit_code },
    dedupKey: `ledger:${item.id}:${status}:${day}`,
  });
}

/** Re-proposes the rule status of every not-overridden item at `now` (overdue milestone → delayed, …); returns how many changed. */
export async function refreshLedgerStatuses(
  ctx: AppContext,
  now: Date = new Date(),
): Promise<{ checked: number; changed: number }> {
  const day = today(now);
  const items = await repo.itemsForRefresh(ctx.db);
  const milestones = new Map<
    number,
    Array<{ title: string; due_date: string; done_on: string | null }>
  >();
  for (const m of await repo.allMilestones(ctx.db)) {
    const list = milestones.get(m.item_id) ?? [];
    list.push(m);
    milestones.set(m.item_id, list);
  }
  const changes = items.flatMap((item) => {
    const p = proposalFor(item, milestones.get(item.id) ?? [], day);
    return p.status === item.status ? [] : [{ item, ...p }];
  });
  if (changes.length === 0) return { checked: items.length, changed: 0 };
  const outbox = newOutbox();
  await ctx.db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    for (const c of changes) {
      await repo.setStatus(trx, c.item.id, c.status, at);
      await notifyStatus(trx, outbox, c.item, c.status, c.reason, day);
    }
    await recordAudit(trx, {
      action: 'ledger.refresh',
      targetType: 'ledger_item',
      details: {
        day,
        checked: items.length,
        changed: changes.length,
        items: changes
          .slice(0, 100)
          .map((c) => ({ code: c.item.code, from: c.item.status, to: c.status })),
      },
    });
  });
  deliverInBackground(ctx.db, outbox);
  return { checked: items.length, changed: changes.length };
}
