// 动态调整: target changes proposed with a reason, reviewed by the supervisor and, once
// approved, made into a new plan revision in force from a date; the revision history, the
// difference between two revisions and one target's history across them.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context';
import type { DB } from '../../db/schema';
import { authorize, requireActor } from '../../common/access';
import { can, type Actor } from '../../common/policy';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../common/errors';
import { recordAudit } from '../audit/audit.service';
import { syncFormsWithPlan } from '../reporting/forms.service';
import { countTargets, findTarget } from '../../../../core/plan';
import type { Plan } from '../../../../core/plan/schema';
import {
  applyTargetChanges,
  changedCodes,
  diffPlans,
  revisionInForce,
  type TargetChange,
  type TargetDiff,
} from '../../../../core/plan/revisions';
import {
  asCurrent,
  loadRevisions,
  targetRows,
  todayUtc,
  type StoredRevision,
} from './plan.service';
import * as repo from './plan.repository';
import type { ChangeRequestDto, ProposeBody, ReviewBody, TargetHistoryEntry } from './plan.schema';

const STATUS_ZH = { approved: '已批准', rejected: '已驳回', withdrawn: '已撤回' } as const;

async function revisionsOrThrow(db: Kysely<DB>): Promise<StoredRevision[]> {
  const revisions = await loadRevisions(db);
  if (revisions.length === 0)
    throw notFound('PLAN_NOT_IMPORTED', '尚未导入计划，请管理员执行 minsheng plan import');
  return revisions;
}

// ── Revisions, diff and history (read by anyone who may read the plan) ───────────────────

export function revisionSummary(r: StoredRevision, all: StoredRevision[], requestId?: number) {
  const inForce = revisionInForce(all, todayUtc());
  return {
    id: r.id,
    number: r.number,
    effectiveFrom: r.effectiveFrom,
    reason: r.reason,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    targets: countTargets(r.plan),
    inForce: inForce?.id === r.id,
    changeRequestId: requestId ?? null,
  };
}

async function requestIdsByRevision(db: Kysely<DB>): Promise<Map<number, number>> {
  const rows = await repo.listChangeRequests(db);
  return new Map(
    rows.filter((x) => x.revision_id !== null).map((x) => [x.revision_id!, x.id] as const),
  );
}

export async function listRevisions(ctx: AppContext) {
  const all = await revisionsOrThrow(ctx.db);
  const ids = await requestIdsByRevision(ctx.db);
  return all.map((r) => revisionSummary(r, all, ids.get(r.id))).reverse();
}

export async function getRevision(ctx: AppContext, number: number) {
  const all = await revisionsOrThrow(ctx.db);
  const r = all.find((x) => x.number === number);
  if (!r) throw notFound('REVISION_NOT_FOUND', `计划第${number}版不存在`);
  return asCurrent(r);
}

/** Which targets changed between two revisions, and the reason of every revision in between. */
export async function diffRevisions(db: Kysely<DB>, from: number, to: number) {
  const all = await revisionsOrThrow(db);
  const pick = (n: number, field: string) => {
    const r = all.find((x) => x.number === n);
    if (!r)
      throw badRequest('REVISION_NOT_FOUND', `计划第${n}版不存在`, [
        { field, message: `共有 ${all.length} 版` },
      ]);
    return r;
  };
  const a = pick(from, 'from');
  const b = pick(to, 'to');
  const ids = await requestIdsByRevision(db);
  const [lo, hi] = a.number <= b.number ? [a.number, b.number] : [b.number, a.number];
  return {
    from: revisionSummary(a, all, ids.get(a.id)),
    to: revisionSummary(b, all, ids.get(b.id)),
    steps: all
      .filter((r) => r.number > lo && r.number <= hi)
      .map((r) => revisionSummary(r, all, ids.get(r.id))),
    targets: diffPlans(a.plan, b.plan),
  };
}

/**
 * One target across the revisions: its first appearance and every revision that changed its
 * value, deadline or comparator (or dropped it), with the date from which that holds.
 */
export function targetHistoryOf(all: StoredRevision[], code: string): TargetHistoryEntry[] {
  const entries: TargetHistoryEntry[] = [];
  let last: string | null = null;
  for (const r of all) {
    const t = findTarget(r.plan, code);
    const key = t ? JSON.stringify([t.value, t.deadline, t.comparator, t.band ?? null]) : 'gone';
    if (key === last || (last === null && !t)) continue;
    last = key;
    entries.push({
      revision: r.number,
      effectiveFrom: r.effectiveFrom,
      reason: r.reason,
      present: t !== undefined,
      value: t?.value ?? null,
      deadline: t?.deadline ?? null,
      unit: t?.unit ?? null,
      comparator: t?.comparator ?? null,
    });
  }
  return entries;
}

/** Every reader of the plan may see any target's history: the plan itself is a public document. */
export async function targetHistory(ctx: AppContext, code: string) {
  const all = await revisionsOrThrow(ctx.db);
  const known = all.some((r) => findTarget(r.plan, code) !== undefined);
  if (!known) throw notFound('TARGET_NOT_FOUND', `指标“${code}”不存在于任何一版计划中`);
  return { code, history: targetHistoryOf(all, code) };
}

// ── Change requests ───────────────────────────────────────────────────────────────────────

/** The domains a change set touches, judged against the plan it is written for. */
function domainsOf(plan: Plan, changes: readonly TargetChange[]): string[] {
  const domains = new Set<string>();
  for (const c of changes) {
    if (c.op === 'add') domains.add(c.domainCode);
    else {
      const t = findTarget(plan, c.code);
      if (t) domains.add(t.domainCode);
    }
  }
  return [...domains].sort();
}

function invalid(errors: { field: string; messageZh: string }[]): AppError {
  return badRequest(
    'PLAN_CHANGE_INVALID',
    `目标调整未通过计划校验（${errors.length}处问题），计划未作任何改动：${errors[0]!.messageZh}`,
    errors.map((e) => ({ field: e.field, message: e.messageZh })),
  );
}

function checkEffectiveFrom(date: string, latest: StoredRevision): void {
  const { plan } = latest;
  if (date < plan.start || date > plan.end)
    throw badRequest(
      'EFFECTIVE_OUTSIDE_PLAN',
      `生效日期 ${date} 不在计划期 ${plan.start} 至 ${plan.end} 之内`,
      [{ field: 'effectiveFrom', message: '须在计划期内' }],
    );
  if (date < latest.effectiveFrom)
    throw badRequest(
      'EFFECTIVE_BEFORE_LATEST',
      `生效日期 ${date} 早于最新一版计划（第${latest.number}版）的生效日期 ${latest.effectiveFrom}，调整不能追溯到其之前`,
      [{ field: 'effectiveFrom', message: `不得早于 ${latest.effectiveFrom}` }],
    );
}

export async function proposeChange(
  ctx: AppContext,
  request: FastifyRequest,
  body: ProposeBody,
): Promise<ChangeRequestDto> {
  const actor = requireActor(request);
  const reason = body.reason.trim();
  if (!reason)
    throw badRequest('REASON_REQUIRED', '请填写调整理由', [
      { field: 'reason', message: '不能为空' },
    ]);
  const all = await revisionsOrThrow(ctx.db);
  const latest = all[all.length - 1]!;
  for (const domainCode of domainsOf(latest.plan, body.changes))
    await authorize(ctx, request, 'plan.propose', { domainCode });
  checkEffectiveFrom(body.effectiveFrom, latest);
  const result = applyTargetChanges(latest.plan, body.changes);
  if (!result.plan) throw invalid(result.errors);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insertChangeRequest(trx, {
      plan_id: latest.planId,
      base_revision_id: latest.id,
      status: 'proposed',
      changes: JSON.stringify(body.changes),
      reason,
      effective_from: body.effectiveFrom,
      proposed_by: actor.username,
      proposed_unit: actor.unitCode,
      created_at: new Date().toISOString(),
      reviewed_by: null,
      reviewed_at: null,
      review_comment: null,
      revision_id: null,
    });
    await recordAudit(trx, {
      action: 'plan.propose',
      actor,
      ip: request.ip,
      targetType: 'plan_change_request',
      targetId: newId,
      unitCode: actor.unitCode,
      details: { targets: changedCodes(body.changes), effectiveFrom: body.effectiveFrom, reason },
    });
    return newId;
  });
  return changeRequest(ctx, actor, id);
}

/** Proposals the actor may see: all for the supervisor, a department's own and its domains'. */
export async function listChangeRequests(ctx: AppContext, actor: Actor) {
  const all = await loadRevisions(ctx.db);
  const rows = await repo.listChangeRequests(ctx.db);
  return rows
    .map((row) => toDto(ctx, actor, row, all))
    .filter(
      (dto) =>
        actor.domainScope === 'all' ||
        dto.proposedUnit === actor.unitCode ||
        (dto.domainCodes.length > 0 &&
          dto.domainCodes.every((d) => can(actor, 'plan.propose', { domainCode: d }))),
    );
}

async function changeRequest(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.getChangeRequest(ctx.db, id);
  if (!row) throw notFound('PLAN_CHANGE_NOT_FOUND', `调整申请 ${id} 不存在`);
  return toDto(ctx, actor, row, await loadRevisions(ctx.db));
}

function toDto(
  ctx: AppContext,
  actor: Actor,
  row: repo.ChangeRequestRow,
  all: StoredRevision[],
): ChangeRequestDto {
  const changes = JSON.parse(row.changes) as TargetChange[];
  const base = all.find((r) => r.id === row.base_revision_id);
  const applied = base ? applyTargetChanges(base.plan, changes) : null;
  const diff: TargetDiff[] = base && applied?.plan ? diffPlans(base.plan, applied.plan) : [];
  const open = row.status === 'proposed';
  return {
    id: row.id,
    status: row.status,
    changes,
    diff,
    domainCodes: base ? domainsOf(base.plan, changes) : [],
    reason: row.reason,
    effectiveFrom: row.effective_from,
    proposedBy: row.proposed_by,
    proposedUnit: row.proposed_unit,
    proposedUnitName: row.proposed_unit ? (ctx.orgs.get(row.proposed_unit)?.name ?? null) : null,
    createdAt: row.created_at,
    baseRevision: base?.number ?? null,
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at,
    reviewComment: row.review_comment,
    revision: all.find((r) => r.id === row.revision_id)?.number ?? null,
    version: row.version,
    canReview: open && can(actor, 'plan.approve'),
    canWithdraw: open && row.proposed_by === actor.username,
  };
}

async function openRequest(ctx: AppContext, id: number, version?: number) {
  const row = await repo.getChangeRequest(ctx.db, id);
  if (!row) throw notFound('PLAN_CHANGE_NOT_FOUND', `调整申请 ${id} 不存在`);
  if (row.status !== 'proposed')
    throw conflict('PLAN_CHANGE_CLOSED', `调整申请 ${id} ${STATUS_ZH[row.status]}，不能再次处理`);
  if (version !== undefined && version !== row.version)
    throw conflict('PLAN_CHANGE_STALE', `调整申请 ${id} 已被他人修改，请刷新后重试`);
  return row;
}

/**
 * Approves a proposal: its changes are applied to the latest revision, which must not have
 * changed the same targets since the proposal was written, and the result — checked again —
 * becomes the next revision, in force from the proposal's date.
 */
export async function approveChange(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  body: ReviewBody,
): Promise<ChangeRequestDto> {
  const actor = requireActor(request);
  const row = await openRequest(ctx, id, body.version);
  const changes = JSON.parse(row.changes) as TargetChange[];
  const all = await revisionsOrThrow(ctx.db);
  const latest = all[all.length - 1]!;
  if (latest.id !== row.base_revision_id) {
    const base = all.find((r) => r.id === row.base_revision_id);
    const touched = new Set(base ? diffPlans(base.plan, latest.plan).map((d) => d.code) : []);
    const both = changedCodes(changes).filter((c) => touched.has(c) || !base);
    if (both.length > 0)
      throw conflict(
        'PLAN_CHANGED_SINCE',
        `提出申请后计划已更新（现为第${latest.number}版），指标 ${both.join('、')} 已被调整，请重新提出申请`,
      );
  }
  checkEffectiveFrom(row.effective_from, latest);
  const result = applyTargetChanges(latest.plan, changes);
  if (!result.plan) throw invalid(result.errors);
  const plan = result.plan;
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      // Applied to `latest`: if another approval made a revision meanwhile, ours would undo it.
      if ((await repo.latestRevision(trx, latest.planId))?.id !== latest.id)
        throw conflict('PLAN_CHANGED_SINCE', '计划刚刚被另一项调整更新，请刷新后重试');
      const reviewedAt = new Date().toISOString();
      const rev = await repo.insertRevision(trx, {
        plan_id: latest.planId,
        title: plan.title,
        document: JSON.stringify(plan),
        reason: row.reason,
        created_by: actor.username,
        effective_from: row.effective_from,
      });
      const closed = await repo.closeChangeRequest(trx, id, row.version, {
        status: 'approved',
        reviewed_by: actor.username,
        reviewed_at: reviewedAt,
        review_comment: body.comment?.trim() || null,
        revision_id: rev.id,
      });
      if (!closed) throw conflict('PLAN_CHANGE_CLOSED', `调整申请 ${id} 已被处理，不能再次处理`);
      await repo.insertTargets(trx, targetRows(rev.id, plan));
      await syncFormsWithPlan(trx, plan, actor.username);
      await recordAudit(trx, {
        action: 'plan.approve',
        actor,
        ip: request.ip,
        targetType: 'plan_revision',
        targetId: rev.id,
        details: {
          changeRequest: id,
          number: rev.number,
          effectiveFrom: row.effective_from,
          targets: changedCodes(changes),
          reason: row.reason,
        },
      });
    })
    .catch((e: unknown) => {
      // Two approvals at once both take the next number: the unique (plan, number) refuses one.
      if (!(e instanceof AppError) && /23505|unique|duplicate/i.test(String(e)))
        throw conflict('PLAN_CHANGED_SINCE', '计划刚刚被另一项调整更新，请刷新后重试');
      throw e;
    });
  ctx.plans.invalidate();
  return changeRequest(ctx, actor, id);
}

export async function rejectChange(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  body: ReviewBody,
): Promise<ChangeRequestDto> {
  const actor = requireActor(request);
  const comment = body.comment?.trim() ?? '';
  if (!comment)
    throw badRequest('COMMENT_REQUIRED', '驳回时请填写驳回意见', [
      { field: 'comment', message: '不能为空' },
    ]);
  const row = await openRequest(ctx, id, body.version);
  await close(ctx, request, row, 'rejected', comment);
  return changeRequest(ctx, actor, id);
}

export async function withdrawChange(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
): Promise<ChangeRequestDto> {
  const actor = requireActor(request);
  const row = await openRequest(ctx, id);
  if (row.proposed_by !== actor.username) throw forbidden('只有申请人可以撤回调整申请');
  await close(ctx, request, row, 'withdrawn', null);
  return changeRequest(ctx, actor, id);
}

async function close(
  ctx: AppContext,
  request: FastifyRequest,
  row: repo.ChangeRequestRow,
  status: 'rejected' | 'withdrawn',
  comment: string | null,
): Promise<void> {
  const actor = requireActor(request);
  await ctx.db.transaction().execute(async (trx) => {
    const closed = await repo.closeChangeRequest(trx, row.id, row.version, {
      status,
      reviewed_by: actor.username,
      reviewed_at: new Date().toISOString(),
      review_comment: comment,
    });
    if (!closed) throw conflict('PLAN_CHANGE_CLOSED', `调整申请 ${row.id} 已被处理，不能再次处理`);
    await recordAudit(trx, {
      action: status === 'rejected' ? 'plan.reject' : 'plan.withdraw',
      actor,
      ip: request.ip,
      targetType: 'plan_change_request',
      targetId: row.id,
      details: comment ? { comment } : {},
    });
  });
}
