// 督办事项: who sees which item, the board, issuing, replying with evidence, accepting (销号)
// and returning. Every step writes an event, its audit record and a notification to the other
// side in one transaction; webhooks go out after commit.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context';
import type { DB } from '../../db/schema';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../common/errors';
import { can, type Actor } from '../../common/policy';
import { recordAudit } from '../audit/audit.service';
import {
  deliverInBackground,
  newOutbox,
  notify,
  type Outbox,
} from '../reporting/notifications.service';
import { listEvidence, storeEvidence, type CheckedFile } from '../evidence/evidence.service';
import { todayCst } from '../../../../core/reporting';
import {
  LEVEL_WORDS,
  STATUS_WORDS,
  daysLate,
  isCalendarDate,
  replyDueFor,
  transition,
  type SupervisionAction,
} from '../../../../core/tasking';
import { loadSettings } from './rules.service';
import type { EventDto, IssueInput, ItemDto } from './supervision.schema';
import * as repo from './supervision.repository';
import type { ItemFilter, ItemRow, ItemScope } from './supervision.repository';

export interface By {
  actor: Actor;
  ip: string | null;
}

/** The supervision office issues in the province's name when an actor has no unit. */
export const PROVINCE = '440000';

export function scopeOf(actor: Actor): ItemScope {
  if (actor.unitScope === 'all' && actor.domainScope === 'all') return { all: true };
  return {
    all: false,
    units: actor.unitScope === 'all' ? [] : [...actor.unitScope],
    domains: actor.domainScope === 'all' ? [] : [...actor.domainScope],
    ownUnit: actor.unitCode,
  };
}

/** Same rule as `scopeOf`, in memory: a department its domains, a city its units, both their own. */
export function canSee(actor: Actor, row: ItemRow): boolean {
  if (!can(actor, 'task.read')) return false;
  const scope = scopeOf(actor);
  if (scope.all) return true;
  return (
    scope.units.includes(row.target_unit_code) ||
    (row.domain_code !== null && scope.domains.includes(row.domain_code)) ||
    (scope.ownUnit !== null &&
      (row.issuer_unit_code === scope.ownUnit || row.target_unit_code === scope.ownUnit))
  );
}

/** The target unit's users answer; a city also answers for its counties. */
export function canReply(actor: Actor, row: ItemRow): boolean {
  if (!can(actor, 'supervision.reply')) return false;
  if (actor.unitCode === row.target_unit_code) return true;
  return (
    actor.role === 'city' && actor.unitScope !== 'all' && actor.unitScope.has(row.target_unit_code)
  );
}

/** The issuing unit or the supervision office accepts or returns a reply. */
export function canDecide(actor: Actor, row: ItemRow): boolean {
  if (!can(actor, 'supervision.issue')) return false;
  return actor.role === 'supervisor' || actor.unitCode === row.issuer_unit_code;
}

const unitName = (ctx: AppContext, code: string | null) =>
  code === null ? null : (ctx.orgs.get(code)?.name ?? code);

export function toDto(ctx: AppContext, actor: Actor | null, r: ItemRow, today: string): ItemDto {
  const late = daysLate({ status: r.status, replyDue: r.reply_due }, today);
  return {
    id: r.id,
    kind: r.kind,
    level: r.level,
    levelName: LEVEL_WORDS[r.level],
    title: r.title,
    body: r.body,
    source: r.source,
    ruleCode: r.rule_code,
    issuerUnitCode: r.issuer_unit_code,
    issuerUnitName: unitName(ctx, r.issuer_unit_code)!,
    issuedBy: r.issued_by,
    targetUnitCode: r.target_unit_code,
    targetUnitName: unitName(ctx, r.target_unit_code)!,
    domainCode: r.domain_code,
    taskNumber: r.task_number,
    ledgerItemId: r.ledger_item_id,
    inspectionId: r.inspection_id,
    status: r.status,
    statusName: STATUS_WORDS[r.status],
    replyDue: r.reply_due,
    escalationLevel: r.escalation_level,
    overdue: late > 0,
    daysLate: late,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
    canReply: actor !== null && r.status !== 'closed' && canReply(actor, r),
    canDecide: actor !== null && r.status === 'replied' && canDecide(actor, r),
  };
}

export async function listItems(
  ctx: AppContext,
  actor: Actor,
  q: ItemFilter & { overdue?: boolean },
  now = new Date(),
): Promise<ItemDto[]> {
  const today = todayCst(now);
  const rows = await repo.listItems(ctx.db, scopeOf(actor), q);
  const items = rows.map((r) => toDto(ctx, actor, r, today));
  return q.overdue === undefined ? items : items.filter((i) => i.overdue === q.overdue);
}

/** The 督办看板: counts by level × status, what is late, what was closed, open items per unit. */
export async function board(ctx: AppContext, actor: Actor, now = new Date()) {
  const today = todayCst(now);
  const items = (await repo.listItems(ctx.db, scopeOf(actor))).map((r) =>
    toDto(ctx, actor, r, today),
  );
  const counts: Record<string, Record<string, number>> = {};
  for (const level of ['general', 'key', 'listed'])
    counts[level] = { open: 0, replied: 0, returned: 0, closed: 0 };
  const units = new Map<
    string,
    { unitCode: string; unitName: string; open: number; overdue: number; listed: number }
  >();
  for (const i of items) {
    counts[i.level]![i.status]! += 1;
    if (i.status === 'closed') continue;
    const u = units.get(i.targetUnitCode) ?? {
      unitCode: i.targetUnitCode,
      unitName: i.targetUnitName,
      open: 0,
      overdue: 0,
      listed: 0,
    };
    u.open += 1;
    if (i.overdue) u.overdue += 1;
    if (i.level === 'listed') u.listed += 1;
    units.set(i.targetUnitCode, u);
  }
  const open = items.filter((i) => i.status !== 'closed');
  const closed = items
    .filter((i) => i.closedAt !== null)
    .sort((a, b) => b.closedAt!.localeCompare(a.closedAt!));
  const month = today.slice(0, 7);
  return {
    today,
    summary: {
      open: open.length,
      overdue: open.filter((i) => i.overdue).length,
      listed: open.filter((i) => i.level === 'listed').length,
      closedThisMonth: closed.filter((i) => todayCst(new Date(i.closedAt!)).startsWith(month))
        .length,
    },
    counts,
    overdue: open.filter((i) => i.overdue).sort((a, b) => b.daysLate - a.daysLate || a.id - b.id),
    recentlyClosed: closed.slice(0, 10),
    units: [...units.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open),
  };
}

async function denied(ctx: AppContext, by: By, action: string, row: ItemRow, message: string) {
  await recordAudit(ctx.db, {
    action,
    outcome: 'denied',
    actor: by.actor,
    ip: by.ip,
    unitCode: row.target_unit_code,
    targetType: 'supervision_item',
    targetId: row.id,
  });
  return forbidden(message);
}

// Checks run before the write transaction: a denial's audit record must not wait for (or
// roll back with) it; the guarded update inside the transaction catches concurrent changes.
async function loadVisible(ctx: AppContext, by: By, id: number, action: string) {
  const row = await repo.findItem(ctx.db, id);
  if (!row) throw notFound('SUPERVISION_NOT_FOUND', `督办事项不存在（编号 ${id}）`);
  if (!canSee(by.actor, row)) throw await denied(ctx, by, action, row, '无权查看该督办事项');
  return row;
}

export async function eventDtos(ctx: AppContext, itemId: number): Promise<EventDto[]> {
  const events = await repo.eventsOf(ctx.db, itemId);
  const evidence = await listEvidence(
    ctx.db,
    'supervision_event',
    events.map((e) => e.id),
  );
  return events.map((e) => ({
    id: e.id,
    kind: e.kind,
    text: e.text,
    actor: e.actor,
    unitCode: e.unit_code,
    unitName: unitName(ctx, e.unit_code),
    at: e.at,
    evidence: evidence.get(e.id) ?? [],
  }));
}

export async function getItem(ctx: AppContext, by: By, id: number, now = new Date()) {
  const row = await loadVisible(ctx, by, id, 'supervision.read');
  return { item: toDto(ctx, by.actor, row, todayCst(now)), events: await eventDtos(ctx, id) };
}

const invalid = (code: string, field: string, message: string) =>
  badRequest(code, message, [{ field, message }]);

/** Checks the references of a new item; returns its domain and task. */
async function checkReferences(ctx: AppContext, input: IssueInput) {
  if (!ctx.orgs.get(input.targetUnitCode))
    throw invalid('UNKNOWN_UNIT', 'targetUnitCode', `承办单位“${input.targetUnitCode}”不存在`);
  let domainCode = input.domainCode ?? null;
  let taskNumber = input.taskNumber ?? null;
  if (input.ledgerItemId !== undefined) {
    const ledger = await ctx.db
      .selectFrom('ledger_items')
      .select(['domain_code', 'task_number'])
      .where('id', '=', input.ledgerItemId)
      .executeTakeFirst();
    if (!ledger)
      throw invalid(
        'LEDGER_ITEM_NOT_FOUND',
        'ledgerItemId',
        `台账事项不存在（编号 ${input.ledgerItemId}）`,
      );
    domainCode ??= ledger.domain_code;
    taskNumber ??= ledger.task_number;
  }
  const plan = (await ctx.plans.current())?.plan;
  if (taskNumber !== null && plan) {
    const domain = plan.domains.find((d) => d.tasks.some((t) => t.number === taskNumber));
    if (!domain) throw invalid('TASK_NOT_FOUND', 'taskNumber', `计划中没有第 ${taskNumber} 项任务`);
    if (domainCode !== null && domainCode !== domain.code)
      throw invalid(
        'TASK_DOMAIN_MISMATCH',
        'taskNumber',
        `第 ${taskNumber} 项任务不属于领域 ${domainCode}`,
      );
    domainCode = domain.code;
  }
  if (domainCode !== null && plan && !plan.domains.some((d) => d.code === domainCode))
    throw invalid('DOMAIN_NOT_FOUND', 'domainCode', `领域“${domainCode}”不存在`);
  return { domainCode, taskNumber };
}

function dueOrThrow(given: string | undefined, fallback: string, today: string): string {
  if (given === undefined) return fallback;
  if (!isCalendarDate(given)) throw invalid('DATE_INVALID', 'replyDue', `日期“${given}”无效`);
  if (given < today) throw invalid('REPLY_DUE_PAST', 'replyDue', `答复期限 ${given} 早于今天`);
  return given;
}

export async function issueItem(ctx: AppContext, input: IssueInput, by: By, now = new Date()) {
  const { domainCode, taskNumber } = await checkReferences(ctx, input);
  const actor = by.actor;
  // A department issues only within its own domains, so it must say which one.
  if (actor.domainScope !== 'all' && domainCode === null)
    throw invalid('DOMAIN_REQUIRED', 'domainCode', '请选择督办事项所属领域');
  if (!can(actor, 'supervision.issue', { domainCode })) {
    await recordAudit(ctx.db, {
      action: 'supervision.issue',
      outcome: 'denied',
      actor,
      ip: by.ip,
      unitCode: input.targetUnitCode,
      details: { domainCode },
    });
    throw forbidden('只能对本部门牵头领域发起督办');
  }
  const today = todayCst(now);
  const deadlines = (await loadSettings(ctx.db))['reply-deadlines'].params;
  const replyDue = dueOrThrow(input.replyDue, replyDueFor(input.level, today, deadlines), today);
  const outbox = newOutbox();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    const itemId = await repo.insertItem(trx, {
      kind: 'supervision',
      level: input.level,
      title: input.title.trim(),
      body: input.body.trim(),
      source: 'manual',
      rule_code: null,
      dedup_key: null,
      issuer_unit_code: actor.unitCode ?? PROVINCE,
      issued_by: actor.username,
      target_unit_code: input.targetUnitCode,
      domain_code: domainCode,
      task_number: taskNumber,
      ledger_item_id: input.ledgerItemId ?? null,
      inspection_id: null,
      status: 'open',
      reply_due: replyDue,
      escalation_level: 0,
      created_at: at,
      updated_at: at,
      closed_at: null,
    });
    await repo.insertEvent(trx, {
      item_id: itemId,
      kind: 'issued',
      text: `发起${LEVEL_WORDS[input.level]}，限 ${replyDue} 前答复`,
      actor: actor.username,
      unit_code: actor.unitCode,
      at,
    });
    await recordAudit(trx, {
      action: 'supervision.issue',
      actor,
      ip: by.ip,
      unitCode: input.targetUnitCode,
      targetType: 'supervision_item',
      targetId: itemId,
      details: { level: input.level, replyDue, domainCode },
    });
    await notifyIssued(trx, outbox, {
      id: itemId,
      level: input.level,
      title: input.title,
      target: input.targetUnitCode,
      replyDue,
    });
    return itemId;
  });
  deliverInBackground(ctx.db, outbox);
  return getItem(ctx, by, id, now);
}

export async function notifyIssued(
  trx: Kysely<DB>,
  outbox: Outbox,
  i: {
    id: number;
    level: keyof typeof LEVEL_WORDS;
    title: string;
    target: string;
    replyDue: string;
    kind?: string;
  },
) {
  const what = i.kind === 'rectification' ? '整改事项' : LEVEL_WORDS[i.level];
  await notify(trx, outbox, {
    unitCode: i.target,
    kind: 'supervision.issued',
    title: `${what}：${i.title}`,
    body: `请于 ${i.replyDue} 前答复（督办编号 ${i.id}）。`,
    link: { unitCode: i.target },
  });
}

function refuse(status: ItemRow['status'], action: SupervisionAction): string {
  const r = transition(status, action);
  if (r.ok) return r.status;
  throw new AppError(409, r.code, r.message);
}

/** The target unit answers with text and evidence (checked before this is called). */
export async function replyToItem(
  ctx: AppContext,
  id: number,
  input: { text: string; files: CheckedFile[] },
  by: By,
  now = new Date(),
) {
  const text = input.text.trim();
  if (!text) throw invalid('REPLY_TEXT_REQUIRED', 'text', '请填写答复内容');
  if (text.length > 5000) throw invalid('REPLY_TEXT_TOO_LONG', 'text', '答复内容不能超过 5000 字');
  const row = await loadVisible(ctx, by, id, 'supervision.reply');
  if (!canReply(by.actor, row))
    throw await denied(ctx, by, 'supervision.reply', row, '只有承办单位可以答复该督办事项');
  const next = refuse(row.status, 'reply') as ItemRow['status'];
  const outbox = newOutbox();
  await ctx.db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    if (!(await repo.updateItem(trx, id, row.status, { status: next, updated_at: at })))
      throw conflict('SUPERVISION_CHANGED', '该督办事项刚被他人处理，请刷新后重试');
    const eventId = await repo.insertEvent(trx, {
      item_id: id,
      kind: 'replied',
      text,
      actor: by.actor.username,
      unit_code: by.actor.unitCode,
      at,
    });
    const stored = await storeEvidence(
      trx,
      {
        type: 'supervision_event',
        id: eventId,
        unitCode: row.target_unit_code,
        domainCode: row.domain_code,
      },
      input.files,
      by.actor.username,
    );
    await recordAudit(trx, {
      action: 'supervision.reply',
      actor: by.actor,
      ip: by.ip,
      unitCode: row.target_unit_code,
      targetType: 'supervision_item',
      targetId: id,
      details: { files: stored.map((f) => f.fileName) },
    });
    await notify(trx, outbox, {
      unitCode: row.issuer_unit_code,
      kind: 'supervision.replied',
      title: `${unitName(ctx, row.target_unit_code)}已答复：${row.title}`,
      body: `请审核答复并销号或退回（督办编号 ${id}）。`,
      link: { unitCode: row.target_unit_code },
    });
  });
  deliverInBackground(ctx.db, outbox);
  return getItem(ctx, by, id, now);
}

/** 销号 (accept) or 退回 (return with a reason and a new deadline). */
export async function decideItem(
  ctx: AppContext,
  id: number,
  decision:
    { action: 'accept'; text?: string } | { action: 'return'; reason: string; replyDue?: string },
  by: By,
  now = new Date(),
) {
  const outbox = newOutbox();
  const today = todayCst(now);
  const deadlines = (await loadSettings(ctx.db))['reply-deadlines'].params;
  const row = await loadVisible(ctx, by, id, `supervision.${decision.action}`);
  if (!canDecide(by.actor, row))
    throw await denied(
      ctx,
      by,
      `supervision.${decision.action}`,
      row,
      '只有督办单位可以销号或退回',
    );
  const next = refuse(row.status, decision.action) as ItemRow['status'];
  let text: string;
  let replyDue = row.reply_due;
  if (decision.action === 'accept') {
    text = decision.text?.trim() || '答复符合要求，予以销号';
  } else {
    const reason = decision.reason.trim();
    if (!reason) throw invalid('RETURN_REASON_REQUIRED', 'reason', '请填写退回理由');
    replyDue = dueOrThrow(decision.replyDue, replyDueFor(row.level, today, deadlines), today);
    text = `退回：${reason}（限 ${replyDue} 前重新答复）`;
  }
  await ctx.db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    const patch = {
      status: next,
      updated_at: at,
      reply_due: replyDue,
      closed_at: next === 'closed' ? at : null,
    };
    if (!(await repo.updateItem(trx, id, row.status, patch)))
      throw conflict('SUPERVISION_CHANGED', '该督办事项刚被他人处理，请刷新后重试');
    await repo.insertEvent(trx, {
      item_id: id,
      kind: decision.action === 'accept' ? 'accepted' : 'returned',
      text,
      actor: by.actor.username,
      unit_code: by.actor.unitCode,
      at,
    });
    await recordAudit(trx, {
      action: `supervision.${decision.action}`,
      actor: by.actor,
      ip: by.ip,
      unitCode: row.target_unit_code,
      targetType: 'supervision_item',
      targetId: id,
      details: { text, replyDue },
    });
    await notify(trx, outbox, {
      unitCode: row.target_unit_code,
      kind: decision.action === 'accept' ? 'supervision.accepted' : 'supervision.returned',
      title: `${decision.action === 'accept' ? '已销号' : '答复被退回'}：${row.title}`,
      body: text,
      link: { unitCode: row.target_unit_code },
    });
  });
  deliverInBackground(ctx.db, outbox);
  return getItem(ctx, by, id, now);
}
