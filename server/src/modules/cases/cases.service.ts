// 优秀案例评选: calls (案例征集) and their life cycle, reviewer assignment, the ranking table and
// publication of the winners. Submissions and scoring are in submissions.service.ts.
import type { AppContext } from '../../context';
import { badRequest, conflict, notFound, type ErrorDetail } from '../../common/errors';
import { can, type Actor } from '../../common/policy';
import { recordAudit } from '../audit/audit.service';
import { deliverInBackground, newOutbox, notify } from '../reporting/notifications.service';
import { todayCst } from '../../../../core/reporting';
import { allTasks } from '../../../../core/plan/targets';
import {
  CALL_STATUS_TEXT,
  TIE_RULE_TEXT,
  canMove,
  checkCriteria,
  rankCases,
  round2,
  type Criterion,
} from '../../../../core/cases';
import type { CallDto, CallInput } from './cases.schema';
import * as repo from './cases.repository';
import type { CallRow } from './cases.repository';

export interface By {
  actor: Actor;
  ip: string | null;
}

export const criteriaOf = (call: CallRow) => JSON.parse(call.criteria) as Criterion[];
export const domainsOf = (call: CallRow) => JSON.parse(call.domain_codes) as string[];

/** Submissions are taken while the call is open, up to the end of its deadline day (Beijing). */
export function acceptingSubmissions(call: CallRow, now: Date): boolean {
  return call.status === 'open' && todayCst(now) <= call.submission_deadline;
}

/** Per-reviewer sheets are shown once the review is over: closed, or past its deadline. */
export function reviewOver(call: CallRow, now: Date): boolean {
  return (
    call.status === 'closed' ||
    call.status === 'published' ||
    (call.status === 'reviewing' && todayCst(now) > call.review_deadline)
  );
}

export function callDto(
  call: CallRow,
  actor: Actor,
  extra: { submissions: number; reviewer: boolean },
  now = new Date(),
): CallDto {
  return {
    id: call.id,
    title: call.title,
    description: call.description,
    domainCodes: domainsOf(call),
    submissionDeadline: call.submission_deadline,
    reviewDeadline: call.review_deadline,
    criteria: criteriaOf(call),
    scaleMax: call.scale_max,
    winners: call.winners,
    tieRule: call.tie_rule,
    tieRuleText: TIE_RULE_TEXT[call.tie_rule],
    status: call.status,
    statusText: CALL_STATUS_TEXT[call.status],
    submissions: extra.submissions,
    acceptingSubmissions: acceptingSubmissions(call, now),
    createdAt: call.created_at,
    publishedAt: call.published_at,
    canManage: can(actor, 'case.manage'),
    canSubmit:
      can(actor, 'case.submit') && actor.unitCode !== null && acceptingSubmissions(call, now),
    isReviewer: extra.reviewer,
  };
}

export async function listCalls(ctx: AppContext, actor: Actor): Promise<CallDto[]> {
  const [calls, counts, mine] = await Promise.all([
    repo.listCalls(ctx.db),
    repo.submissionCounts(ctx.db),
    repo.reviewerCallIds(ctx.db, actor.userId),
  ]);
  const manage = can(actor, 'case.manage');
  return calls
    .filter((c) => manage || c.status !== 'draft')
    .map((c) =>
      callDto(c, actor, { submissions: counts.get(c.id) ?? 0, reviewer: mine.has(c.id) }),
    );
}

/** A call the caller may see: drafts only to the supervision office. */
export async function loadCall(ctx: AppContext, actor: Actor, id: number): Promise<CallRow> {
  const call = await repo.findCall(ctx.db, id);
  if (!call || (call.status === 'draft' && !can(actor, 'case.manage')))
    throw notFound('CASE_CALL_NOT_FOUND', `案例征集不存在（编号 ${id}）`);
  return call;
}

const isRealDate = (d: string) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
};

async function checkCall(ctx: AppContext, input: CallInput): Promise<void> {
  const details: ErrorDetail[] = checkCriteria(input.criteria);
  for (const field of ['submissionDeadline', 'reviewDeadline'] as const)
    if (!isRealDate(input[field])) details.push({ field, message: `日期“${input[field]}”不存在` });
  if (input.reviewDeadline < input.submissionDeadline)
    details.push({ field: 'reviewDeadline', message: '评审截止日期不能早于征集截止日期' });
  const plan = (await ctx.plans.current())?.plan;
  const known = new Set(plan ? allTasks(plan).map((t) => t.domainCode) : []);
  input.domainCodes.forEach((d, i) => {
    if (!known.has(d))
      details.push({ field: `domainCodes[${i}]`, message: `计划中没有领域“${d}”` });
  });
  if (details.length) throw badRequest('CASE_CALL_INVALID', details[0]!.message, details);
}

const callColumns = (input: CallInput) => ({
  title: input.title.trim(),
  description: input.description.trim(),
  domain_codes: JSON.stringify([...new Set(input.domainCodes)]),
  submission_deadline: input.submissionDeadline,
  review_deadline: input.reviewDeadline,
  criteria: JSON.stringify(input.criteria.map((c) => ({ ...c, name: c.name.trim() }))),
  scale_max: input.scaleMax,
  winners: input.winners,
  tie_rule: input.tieRule ?? 'top_criterion',
});

export async function createCall(ctx: AppContext, input: CallInput, by: By): Promise<CallDto> {
  await checkCall(ctx, input);
  const at = new Date().toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertCall(trx, {
      ...callColumns(input),
      status: 'draft',
      created_at: at,
      created_by: by.actor.username,
      updated_at: at,
      published_at: null,
      published_by: null,
    });
    await recordAudit(trx, {
      action: 'case.call.create',
      actor: by.actor,
      ip: by.ip,
      targetType: 'case_call',
      targetId: id,
      details: { title: input.title },
    });
    return id;
  });
  return callDto((await repo.findCall(ctx.db, id))!, by.actor, { submissions: 0, reviewer: false });
}

/** Edits the call while it is a draft or open; criteria are locked once the review starts. */
export async function updateCall(
  ctx: AppContext,
  id: number,
  input: CallInput,
  by: By,
): Promise<CallDto> {
  const call = await loadCall(ctx, by.actor, id);
  await checkCall(ctx, input);
  const ok = await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.updateCall(trx, id, ['draft', 'open'], {
      ...callColumns(input),
      updated_at: new Date().toISOString(),
    });
    if (ok)
      await recordAudit(trx, {
        action: 'case.call.update',
        actor: by.actor,
        ip: by.ip,
        targetType: 'case_call',
        targetId: id,
        details: { before: { ...call, criteria: criteriaOf(call) }, after: input },
      });
    return ok;
  });
  if (!ok) throw conflict('CASE_CALL_LOCKED', '评审已开始，征集内容不能再修改');
  return callDetailDto(ctx, by.actor, id);
}

async function callDetailDto(ctx: AppContext, actor: Actor, id: number): Promise<CallDto> {
  const call = (await repo.findCall(ctx.db, id))!;
  const counts = await repo.submissionCounts(ctx.db);
  const mine = await repo.reviewerCallIds(ctx.db, actor.userId);
  return callDto(call, actor, { submissions: counts.get(id) ?? 0, reviewer: mine.has(id) });
}

export async function moveCall(
  ctx: AppContext,
  id: number,
  to: 'open' | 'reviewing' | 'closed',
  by: By,
  now = new Date(),
): Promise<CallDto> {
  const call = await loadCall(ctx, by.actor, id);
  if (!canMove(call.status, to))
    throw conflict(
      'CASE_CALL_STATUS',
      `征集状态为“${CALL_STATUS_TEXT[call.status]}”，不能改为“${CALL_STATUS_TEXT[to]}”`,
    );
  if (to === 'open' && call.submission_deadline < todayCst(now))
    throw badRequest('CASE_CALL_INVALID', '征集截止日期已过，请先修改截止日期再发布征集', [
      { field: 'submissionDeadline', message: '截止日期早于今天' },
    ]);
  const ok = await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.updateCall(trx, id, [call.status], {
      status: to,
      updated_at: now.toISOString(),
    });
    if (ok)
      await recordAudit(trx, {
        action: 'case.call.status',
        actor: by.actor,
        ip: by.ip,
        targetType: 'case_call',
        targetId: id,
        details: { from: call.status, to },
      });
    return ok;
  });
  if (!ok) throw conflict('CASE_CALL_STATUS', '征集状态已被他人修改，请刷新后重试');
  return callDetailDto(ctx, by.actor, id);
}

export async function reviewerCandidates(ctx: AppContext) {
  return (await repo.activeUsers(ctx.db)).map((u) => ({
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    unitName: u.unit_code ? (ctx.orgs.get(u.unit_code)?.name ?? u.unit_code) : null,
  }));
}

export async function reviewersOf(ctx: AppContext, callId: number) {
  const [reviewers, scores] = await Promise.all([
    repo.reviewersOf(ctx.db, callId),
    repo.scoresOfCall(ctx.db, callId),
  ]);
  return reviewers.map((r) => ({
    userId: r.user_id,
    displayName: r.display_name,
    unitCode: r.unit_code,
    unitName: r.unit_code ? (ctx.orgs.get(r.unit_code)?.name ?? r.unit_code) : null,
    scored: scores.filter((s) => s.reviewer_id === r.user_id).length,
  }));
}

/** Replaces the call's reviewers; one who has already scored cannot be taken off. */
export async function assignReviewers(ctx: AppContext, callId: number, userIds: number[], by: By) {
  const call = await loadCall(ctx, by.actor, callId);
  if (call.status === 'closed' || call.status === 'published')
    throw conflict('CASE_CALL_STATUS', '评审已结束，不能再调整评审专家');
  const ids = [...new Set(userIds)];
  const users = await repo.usersByIds(ctx.db, ids);
  const details: ErrorDetail[] = [];
  ids.forEach((id, i) => {
    const u = users.find((x) => x.id === id);
    if (!u) details.push({ field: `userIds[${i}]`, message: `用户 ${id} 不存在` });
    else if (u.disabled)
      details.push({ field: `userIds[${i}]`, message: `用户“${u.display_name}”已停用` });
    else if (u.role === 'sysadmin')
      details.push({ field: `userIds[${i}]`, message: '系统管理员账号不能担任评审专家' });
  });
  if (details.length) throw badRequest('CASE_REVIEWER_INVALID', details[0]!.message, details);
  const before = await reviewersOf(ctx, callId);
  const dropped = before.filter((r) => !ids.includes(r.userId) && r.scored > 0);
  if (dropped.length)
    throw conflict('CASE_REVIEWER_SCORED', `评审专家“${dropped[0]!.displayName}”已打分，不能移除`);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.replaceReviewers(trx, callId, ids, new Date().toISOString(), by.actor.username);
    await recordAudit(trx, {
      action: 'case.reviewers.assign',
      actor: by.actor,
      ip: by.ip,
      targetType: 'case_call',
      targetId: callId,
      details: { before: before.map((r) => r.userId), after: ids },
    });
  });
  return reviewersOf(ctx, callId);
}

export async function ranking(ctx: AppContext, actor: Actor, callId: number, now = new Date()) {
  const call = await loadCall(ctx, actor, callId);
  const [subs, scores] = await Promise.all([
    repo.submissionsOf(ctx.db, callId),
    repo.scoresOfCall(ctx.db, callId),
  ]);
  const criteria = criteriaOf(call);
  const sheetsOf = (id: number) => scores.filter((s) => s.submission_id === id);
  const ranked = rankCases(
    criteria,
    call.tie_rule,
    subs.map((s) => ({
      id: s.id,
      submittedAt: s.submitted_at,
      sheets: sheetsOf(s.id).map((x) => JSON.parse(x.scores) as Record<string, number>),
    })),
  );
  const revealed = reviewOver(call, now);
  return {
    callId,
    tieRuleText: TIE_RULE_TEXT[call.tie_rule],
    revealed,
    winners: call.winners,
    rows: ranked.map((r) => {
      const s = subs.find((x) => x.id === r.id)!;
      const byCriterion: Record<string, number | null> = {};
      for (const [k, v] of Object.entries(r.byCriterion))
        byCriterion[k] = v === null ? null : round2(v);
      return {
        rank: r.rank,
        submissionId: r.id,
        title: s.title,
        unitName: ctx.orgs.get(s.unit_code)?.name ?? s.unit_code,
        submittedAt: s.submitted_at,
        score: r.score === null ? null : round2(r.score),
        byCriterion,
        reviewers: r.reviewers,
        tieBrokenBy: r.tieBrokenBy,
        winner:
          call.status === 'published' ? s.winner === 1 : r.score !== null && r.rank <= call.winners,
        sheets: revealed
          ? sheetsOf(r.id).map((x) => ({
              reviewer: x.display_name,
              scores: JSON.parse(x.scores) as Record<string, number>,
              weighted: round2(x.weighted),
              comment: x.comment,
            }))
          : null,
      };
    }),
  };
}

/** Freezes the ranking, marks the top N scored cases as winners and tells every submitter. */
export async function publishCall(ctx: AppContext, callId: number, by: By, now = new Date()) {
  const call = await loadCall(ctx, by.actor, callId);
  if (!canMove(call.status, 'published'))
    throw conflict(
      'CASE_CALL_STATUS',
      `征集状态为“${CALL_STATUS_TEXT[call.status]}”，请先结束评审再公布结果`,
    );
  const table = await ranking(ctx, by.actor, callId, now);
  const scored = table.rows.filter((r) => r.score !== null);
  if (!scored.length) throw conflict('CASE_NOT_SCORED', '尚无已评分的案例，不能公布结果');
  const winners = new Set(scored.slice(0, call.winners).map((r) => r.submissionId));
  const subs = await repo.submissionsOf(ctx.db, callId);
  const outbox = newOutbox();
  const ok = await ctx.db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    const ok = await repo.updateCall(trx, callId, ['closed'], {
      status: 'published',
      published_at: at,
      published_by: by.actor.username,
      updated_at: at,
    });
    if (!ok) return false;
    for (const r of table.rows)
      await repo.updateSubmission(trx, r.submissionId, {
        final_rank: r.score === null ? null : r.rank,
        final_score: r.score,
        winner: winners.has(r.submissionId) ? 1 : 0,
      });
    await recordAudit(trx, {
      action: 'case.call.publish',
      actor: by.actor,
      ip: by.ip,
      targetType: 'case_call',
      targetId: callId,
      details: {
        winners: [...winners],
        ranking: table.rows.map((r) => ({ id: r.submissionId, rank: r.rank, score: r.score })),
        tieRule: call.tie_rule,
      },
    });
    for (const unit of new Set(subs.map((s) => s.unit_code))) {
      const won = subs.filter((s) => s.unit_code === unit && winners.has(s.id));
      await notify(trx, outbox, {
        unitCode: unit,
        kind: 'case.result',
        title: `优秀案例评选结果已公布：${call.title}`,
        body: won.length
          ? `贵单位案例“${won.map((s) => s.title).join('”“')}”入选优秀案例。`
          : '贵单位提交的案例本次未入选，感谢参与。',
        link: { unitCode: unit },
        dedupKey: `case-result:${callId}:${unit}`,
      });
    }
    return true;
  });
  if (!ok) throw conflict('CASE_CALL_STATUS', '征集状态已被他人修改，请刷新后重试');
  deliverInBackground(ctx.db, outbox);
  return ranking(ctx, by.actor, callId, now);
}
