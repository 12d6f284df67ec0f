// Cases (案例) in a call: submitting and editing them with attachments until the deadline, what
// each caller sees, blind scoring by the assigned reviewers, and attachment downloads.
import type { AppContext } from '../../context';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../common/errors';
import { can, type Actor } from '../../common/policy';
import { recordAudit } from '../audit/audit.service';
import { listEvidence, storeEvidence, type CheckedFile } from '../evidence/evidence.service';
import { allTasks } from '../../../../core/plan/targets';
import {
  CALL_STATUS_TEXT,
  checkScores,
  checkSubmission,
  isConflicted,
  weightedScore,
  type Figure,
} from '../../../../core/cases';
import { todayCst } from '../../../../core/reporting';
import type { SubmissionDataInput, SubmissionDto } from './cases.schema';
import * as repo from './cases.repository';
import type { CallRow, SubmissionRow } from './cases.repository';
import { canSeeSubmission, conflictUnits, ownsSubmission, type Viewer } from './cases.access';
import { acceptingSubmissions, criteriaOf, domainsOf, loadCall, type By } from './cases.service';

const attachmentUrl = (id: number) => `/api/cases/attachments/${id}`;

async function planTasks(ctx: AppContext) {
  const plan = (await ctx.plans.current())?.plan;
  return plan ? allTasks(plan) : [];
}

async function domainNames(ctx: AppContext): Promise<Map<string, string>> {
  const plan = (await ctx.plans.current())?.plan;
  return new Map((plan?.domains ?? []).map((d) => [d.code, d.name]));
}

async function viewerOf(ctx: AppContext, actor: Actor, callId: number): Promise<Viewer> {
  return { actor, reviewer: (await repo.reviewerCallIds(ctx.db, actor.userId)).has(callId) };
}

function canScore(ctx: AppContext, v: Viewer, call: CallRow, s: SubmissionRow, now: Date) {
  return (
    v.reviewer &&
    call.status === 'reviewing' &&
    todayCst(now) <= call.review_deadline &&
    !isConflicted(conflictUnits(ctx, v.actor), s.unit_code)
  );
}

/** The submissions of a call the caller may see, each with only the caller's own score. */
export async function submissionDtos(
  ctx: AppContext,
  actor: Actor,
  call: CallRow,
  now = new Date(),
): Promise<SubmissionDto[]> {
  const v = await viewerOf(ctx, actor, call.id);
  const rows = (await repo.submissionsOf(ctx.db, call.id)).filter((s) =>
    canSeeSubmission(ctx, v, call, s),
  );
  const [files, scores, tasks, domains] = await Promise.all([
    listEvidence(
      ctx.db,
      'case',
      rows.map((r) => r.id),
    ),
    repo.scoresOfCall(ctx.db, call.id),
    planTasks(ctx),
    domainNames(ctx),
  ]);
  const published = call.status === 'published';
  return rows.map((s) => {
    const mine = scores.find((x) => x.submission_id === s.id && x.reviewer_id === actor.userId);
    const task = tasks.find((t) => t.number === s.task_number);
    return {
      id: s.id,
      callId: s.call_id,
      title: s.title,
      domainCode: s.domain_code,
      domainName: domains.get(s.domain_code) ?? s.domain_code,
      taskNumber: s.task_number,
      taskTitle: task?.title ?? '',
      summary: s.summary,
      results: s.results,
      figures: JSON.parse(s.figures) as Figure[],
      unitCode: s.unit_code,
      unitName: ctx.orgs.get(s.unit_code)?.name ?? s.unit_code,
      submittedBy: s.submitted_by,
      submittedAt: s.submitted_at,
      updatedAt: s.updated_at,
      attachments: (files.get(s.id) ?? []).map((f) => ({ ...f, url: attachmentUrl(f.id) })),
      editable: ownsSubmission(actor, s) && acceptingSubmissions(call, now),
      canScore: !mine && canScore(ctx, v, call, s, now),
      myScore: mine
        ? {
            scores: JSON.parse(mine.scores) as Record<string, number>,
            weighted: Math.round(mine.weighted * 100) / 100,
            comment: mine.comment,
            scoredAt: mine.scored_at,
          }
        : null,
      finalRank: published ? s.final_rank : null,
      finalScore: published ? s.final_score : null,
      winner: published && s.winner === 1,
    };
  });
}

export async function callDetail(ctx: AppContext, actor: Actor, callId: number) {
  const call = await loadCall(ctx, actor, callId);
  return { call, submissions: await submissionDtos(ctx, actor, call) };
}

function closedError(call: CallRow): AppError {
  if (call.status === 'open')
    return conflict(
      'CASE_SUBMISSION_CLOSED',
      `案例征集已于 ${call.submission_deadline} 截止，不能再提交或修改案例`,
    );
  return conflict(
    'CASE_SUBMISSION_CLOSED',
    `案例征集当前状态为“${CALL_STATUS_TEXT[call.status]}”，不能提交或修改案例`,
  );
}

async function checkData(ctx: AppContext, actor: Actor, call: CallRow, data: SubmissionDataInput) {
  const domains = domainsOf(call);
  const issues = checkSubmission(data, await planTasks(ctx), domains.length ? domains : null);
  if (issues.length) throw badRequest('CASE_SUBMISSION_INVALID', issues[0]!.message, issues);
  if (!can(actor, 'case.submit', { unitCode: actor.unitCode, domainCode: data.domainCode }))
    throw forbidden('只能提交本单位负责领域的案例');
}

const dataColumns = (d: SubmissionDataInput) => ({
  title: d.title.trim(),
  domain_code: d.domainCode,
  task_number: d.taskNumber,
  summary: d.summary.trim(),
  results: d.results.trim(),
  figures: JSON.stringify(
    d.figures.map((f) => ({ label: f.label.trim(), value: f.value, unit: f.unit.trim() })),
  ),
});

export async function submitCase(
  ctx: AppContext,
  callId: number,
  data: SubmissionDataInput,
  files: CheckedFile[],
  by: By,
  now = new Date(),
): Promise<SubmissionDto> {
  const call = await loadCall(ctx, by.actor, callId);
  const unitCode = by.actor.unitCode;
  if (!unitCode) throw forbidden('账号未关联单位，不能提交案例');
  if (!acceptingSubmissions(call, now)) throw closedError(call);
  await checkData(ctx, by.actor, call, data);
  const at = now.toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertSubmission(trx, {
      call_id: callId,
      ...dataColumns(data),
      unit_code: unitCode,
      submitted_by: by.actor.username,
      submitted_at: at,
      updated_at: at,
      final_score: null,
      final_rank: null,
    });
    const stored = await storeEvidence(
      trx,
      { type: 'case', id, unitCode, domainCode: data.domainCode },
      files,
      by.actor.username,
    );
    await recordAudit(trx, {
      action: 'case.submit',
      actor: by.actor,
      ip: by.ip,
      targetType: 'case_submission',
      targetId: id,
      unitCode,
      details: { callId, title: data.title, attachments: stored.map((f) => f.fileName) },
    });
    return id;
  });
  return one(ctx, by.actor, call, id);
}

async function one(ctx: AppContext, actor: Actor, call: CallRow, id: number) {
  return (await submissionDtos(ctx, actor, call)).find((s) => s.id === id)!;
}

async function loadSubmission(ctx: AppContext, actor: Actor, id: number) {
  const s = await repo.findSubmission(ctx.db, id);
  if (!s) throw notFound('CASE_NOT_FOUND', `案例不存在（编号 ${id}）`);
  const call = (await repo.findCall(ctx.db, s.call_id))!;
  return { s, call };
}

async function denied(ctx: AppContext, by: By, action: string, s: SubmissionRow, message: string) {
  await recordAudit(ctx.db, {
    action,
    outcome: 'denied',
    actor: by.actor,
    ip: by.ip,
    unitCode: s.unit_code,
    targetType: 'case_submission',
    targetId: s.id,
  });
  return forbidden(message);
}

export async function editCase(
  ctx: AppContext,
  id: number,
  data: SubmissionDataInput,
  files: CheckedFile[],
  by: By,
  now = new Date(),
): Promise<SubmissionDto> {
  const { s, call } = await loadSubmission(ctx, by.actor, id);
  if (!ownsSubmission(by.actor, s))
    throw await denied(ctx, by, 'case.edit', s, '只能修改本单位提交的案例');
  if (!acceptingSubmissions(call, now)) throw closedError(call);
  await checkData(ctx, by.actor, call, data);
  const remove = [...new Set(data.removeAttachmentIds ?? [])];
  const existing = (await listEvidence(ctx.db, 'case', [id])).get(id) ?? [];
  const unknown = remove.findIndex((r) => !existing.some((f) => f.id === r));
  if (unknown >= 0)
    throw badRequest('CASE_SUBMISSION_INVALID', `附件 ${remove[unknown]} 不属于该案例`, [
      { field: `removeAttachmentIds[${unknown}]`, message: '附件不属于该案例' },
    ]);
  if (existing.length - remove.length + files.length > 10)
    throw new AppError(413, 'TOO_MANY_FILES', '每个案例最多 10 个附件', [
      { field: 'files', message: '最多 10 个附件' },
    ]);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateSubmission(trx, id, { ...dataColumns(data), updated_at: now.toISOString() });
    await repo.deleteAttachments(trx, id, remove);
    const stored = await storeEvidence(
      trx,
      { type: 'case', id, unitCode: s.unit_code, domainCode: data.domainCode },
      files,
      by.actor.username,
    );
    await recordAudit(trx, {
      action: 'case.edit',
      actor: by.actor,
      ip: by.ip,
      targetType: 'case_submission',
      targetId: id,
      unitCode: s.unit_code,
      details: {
        before: { title: s.title, summary: s.summary, results: s.results, figures: s.figures },
        removedAttachments: remove,
        addedAttachments: stored.map((f) => f.fileName),
      },
    });
  });
  return one(ctx, by.actor, call, id);
}

/** One reviewer's score sheet for one case: assigned, not conflicted, within the scale, once. */
export async function scoreCase(
  ctx: AppContext,
  id: number,
  input: { scores: Record<string, number>; comment?: string },
  by: By,
  now = new Date(),
): Promise<SubmissionDto> {
  const { s, call } = await loadSubmission(ctx, by.actor, id);
  const v = await viewerOf(ctx, by.actor, call.id);
  if (!v.reviewer) throw await denied(ctx, by, 'case.score', s, '您不是本次评选的评审专家');
  if (isConflicted(conflictUnits(ctx, by.actor), s.unit_code))
    throw await denied(
      ctx,
      by,
      'case.score',
      s,
      '回避：评审专家不能为本单位（或下属单位）的案例打分',
    );
  if (call.status !== 'reviewing')
    throw conflict(
      'CASE_REVIEW_NOT_OPEN',
      `征集当前状态为“${CALL_STATUS_TEXT[call.status]}”，不能打分`,
    );
  if (todayCst(now) > call.review_deadline)
    throw conflict('CASE_REVIEW_NOT_OPEN', `评审已于 ${call.review_deadline} 截止，不能再打分`);
  const criteria = criteriaOf(call);
  const issues = checkScores(criteria, call.scale_max, input.scores);
  if (issues.length) throw badRequest('CASE_SCORE_INVALID', issues[0]!.message, issues);
  if (await repo.findScore(ctx.db, id, by.actor.userId)) throw alreadyScored();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const scoreId = await repo.insertScore(trx, {
        submission_id: id,
        reviewer_id: by.actor.userId,
        scores: JSON.stringify(
          Object.fromEntries(criteria.map((c) => [c.key, input.scores[c.key]])),
        ),
        weighted: weightedScore(criteria, input.scores),
        comment: (input.comment ?? '').trim(),
        scored_at: now.toISOString(),
      });
      // The audit record says that a sheet was filed, not what it holds: scores stay blind.
      await recordAudit(trx, {
        action: 'case.score',
        actor: by.actor,
        ip: by.ip,
        targetType: 'case_submission',
        targetId: id,
        unitCode: s.unit_code,
        details: { callId: call.id, scoreId },
      });
    });
  } catch (e) {
    // Two requests at once: the unique constraint refuses the second.
    if (/unique|duplicate/i.test(String(e))) throw alreadyScored();
    throw e;
  }
  return one(ctx, by.actor, call, id);
}

const alreadyScored = () => conflict('CASE_ALREADY_SCORED', '您已为该案例打过分，不能重复打分');

/** An attachment for a signed-in caller who may see its case. */
export async function attachmentFor(ctx: AppContext, by: By, fileId: number) {
  const file = await repo.caseAttachment(ctx.db, fileId);
  if (!file) throw notFound('CASE_ATTACHMENT_NOT_FOUND', '附件不存在');
  const { s, call } = await loadSubmission(ctx, by.actor, file.owner_id);
  const v = await viewerOf(ctx, by.actor, call.id);
  if (!canSeeSubmission(ctx, v, call, s))
    throw await denied(ctx, by, 'case.attachment', s, '无权查看该案例的附件');
  return file;
}

/** An attachment of a published winning case, for anyone. */
export async function publicAttachment(ctx: AppContext, fileId: number) {
  const file = await repo.caseAttachment(ctx.db, fileId);
  const s = file ? await repo.findSubmission(ctx.db, file.owner_id) : undefined;
  const call = s ? await repo.findCall(ctx.db, s.call_id) : undefined;
  if (!file || !s || !call || call.status !== 'published' || s.winner !== 1)
    throw notFound('CASE_ATTACHMENT_NOT_FOUND', '附件不存在');
  return file;
}

/** Winners of every published call, for the public portal. */
export async function publicCases(ctx: AppContext) {
  const names = await domainNames(ctx);
  const rows = await repo.publishedWinners(ctx.db);
  const files = await listEvidence(
    ctx.db,
    'case',
    rows.map((r) => r.id),
  );
  return {
    cases: rows.map((r) => ({
      id: r.id,
      callTitle: r.call_title,
      publishedAt: r.call_published_at ?? '',
      rank: r.final_rank ?? 0,
      score: r.final_score ?? 0,
      title: r.title,
      unitName: ctx.orgs.get(r.unit_code)?.name ?? r.unit_code,
      domainName: names.get(r.domain_code) ?? r.domain_code,
      taskNumber: r.task_number,
      summary: r.summary,
      results: r.results,
      figures: JSON.parse(r.figures) as Figure[],
      attachments: (files.get(r.id) ?? []).map((f) => ({
        ...f,
        url: `/api/public/cases/attachments/${f.id}`,
      })),
    })),
  };
}
