// 中期评估: the supervision office takes a snapshot at an as-of date (frozen for good), the lead
// departments assess their domains' targets (optimistic versions), a supervisor signs it off —
// after which nothing about it changes. Reports (.docx, .xlsx) render from the frozen record.
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context';
import { authorize, requireActor } from '../../common/access';
import { can, type Actor } from '../../common/policy';
import { AppError, badRequest, conflict, notFound } from '../../common/errors';
import { todayCst } from '../../../../core/reporting/deadlines';
import {
  buildEvaluationReport,
  checkAsOf,
  defaultEvaluationTitle,
  evaluationSummary,
  signOffProblem,
  validateAssessment,
  type Assessment,
  type EvaluationAction,
  type EvaluationSnapshot,
} from '../../../../core/evaluation';
import { recordAudit } from '../audit/audit.service';
import { bulletinDocx } from '../bulletins/bulletin-docx';
import { renderChart } from '../bulletins/bulletin-charts';
import type { AssessBody, CreateBody, SignBody } from './evaluations.schema';
import { takeSnapshot } from './evaluations.snapshot';
import { evaluationWorkbook } from './evaluations.xlsx';
import * as repo from './evaluations.repository';

type Row = repo.EvaluationRow;

const signed = (id: number) =>
  conflict('EVALUATION_SIGNED', `中期评估 ${id} 已签发，不能再修改（评估意见和签发均已冻结）`);

function listItem(r: Omit<Row, 'snapshot'>) {
  return {
    id: r.id,
    title: r.title,
    asOf: r.as_of,
    planRevisionId: r.plan_revision_id,
    status: r.status,
    createdBy: r.created_by,
    createdAt: r.created_at,
    signedBy: r.signed_by,
    signedAt: r.signed_at,
    signComment: r.sign_comment,
    version: r.version,
  };
}

function assessmentView(a: repo.AssessmentRow): Assessment {
  return {
    targetCode: a.target_code,
    domainCode: a.domain_code,
    action: a.action,
    text: a.text,
    proposedValue: a.proposed_value === null ? null : Number(a.proposed_value),
    assessedBy: a.assessed_by,
    assessedUnit: a.assessed_unit,
    updatedAt: a.updated_at,
    version: a.version,
  };
}

async function load(ctx: AppContext, id: number): Promise<Row> {
  const row = await repo.findEvaluation(ctx.db, id);
  if (!row) throw notFound('EVALUATION_NOT_FOUND', `中期评估 ${id} 不存在`);
  return row;
}

export async function createEvaluation(
  ctx: AppContext,
  request: FastifyRequest,
  input: CreateBody,
  now = new Date(),
) {
  const actor = requireActor(request);
  const current = await ctx.plans.current();
  if (!current)
    throw notFound('PLAN_NOT_IMPORTED', '尚未导入计划，请管理员执行 minsheng plan import');
  const problem = checkAsOf(input.asOf, todayCst(now), current.plan);
  if (problem) throw badRequest('EVALUATION_AS_OF_INVALID', problem.message, [problem]);
  // The figures are judged against the revision in force at the as-of date; record that one.
  const judgedBy = (await ctx.plans.inForceAt(input.asOf)) ?? current;
  const revision = { id: judgedBy.revision.id, number: judgedBy.revision.number };
  const snapshot = await takeSnapshot(ctx, input.asOf, revision, now);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertEvaluation(trx, {
      title: input.title?.trim() || defaultEvaluationTitle(input.asOf),
      as_of: input.asOf,
      plan_revision_id: revision.id,
      status: 'draft',
      snapshot: JSON.stringify(snapshot),
      created_by: actor.username,
      created_at: now.toISOString(),
      signed_by: null,
      signed_at: null,
      sign_comment: null,
    });
    await recordAudit(trx, {
      action: 'evaluation.create',
      actor,
      ip: request.ip,
      targetType: 'midterm_evaluation',
      targetId: id,
      details: {
        asOf: input.asOf,
        planRevision: revision.number,
        targets: snapshot.targets.length,
      },
    });
    return id;
  });
  return getEvaluation(ctx, actor, id);
}

export async function listEvaluations(ctx: AppContext, actor: Actor) {
  const rows = await repo.listEvaluations(ctx.db);
  return {
    evaluations: rows.map((r) => ({ ...listItem(r), assessed: Number(r.assessed ?? 0) })),
    canManage: can(actor, 'evaluation.manage'),
  };
}

/** The domains whose targets the actor may assess. */
function assessable(actor: Actor, snapshot: EvaluationSnapshot): string[] {
  return snapshot.domains
    .map((d) => d.code)
    .filter((code) => can(actor, 'evaluation.assess', { domainCode: code }));
}

async function record(ctx: AppContext, id: number) {
  const row = await load(ctx, id);
  const snapshot = JSON.parse(row.snapshot) as EvaluationSnapshot;
  const assessments = (await repo.assessmentsOf(ctx.db, id)).map(assessmentView);
  return { row, snapshot, assessments };
}

/** Everyone who reads tasks sees every target; the caller learns which ones it may assess. */
export async function getEvaluation(ctx: AppContext, actor: Actor, id: number) {
  const { row, snapshot, assessments } = await record(ctx, id);
  return {
    ...listItem(row),
    snapshot,
    assessments,
    summary: evaluationSummary(snapshot, assessments),
    canManage: can(actor, 'evaluation.manage'),
    assessableDomains: row.status === 'draft' ? assessable(actor, snapshot) : [],
  };
}

export async function assessTarget(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  targetCode: string,
  input: AssessBody,
  now = new Date(),
): Promise<Assessment> {
  const row = await load(ctx, id);
  if (row.status === 'signed') throw signed(id);
  const snapshot = JSON.parse(row.snapshot) as EvaluationSnapshot;
  const target = snapshot.targets.find((t) => t.code === targetCode);
  if (!target)
    throw notFound('EVALUATION_TARGET_NOT_FOUND', `指标“${targetCode}”不在中期评估 ${id} 中`);
  // A department assesses only the targets of the domains it leads (audited when refused).
  const actor = await authorize(ctx, request, 'evaluation.assess', {
    domainCode: target.domainCode,
  });
  const errors = validateAssessment(input, target);
  if (errors.length) throw badRequest('EVALUATION_ASSESSMENT_INVALID', errors[0]!.message, errors);
  const fields = {
    action: input.action as EvaluationAction,
    text: input.text.trim(),
    proposed_value: input.proposedValue ?? null,
    assessed_by: actor.username,
    assessed_unit: actor.unitCode,
    updated_at: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.lockDraft(trx, id))) throw signed(id);
    const existing = await repo.findAssessment(trx, id, targetCode);
    const stale = () =>
      new AppError(
        409,
        'VERSION_CONFLICT',
        `指标 ${targetCode} 的评估意见已被他人修改，请刷新后再改`,
        [{ field: 'version', message: `当前版本为 ${existing?.version ?? '新建'}` }],
      );
    if (existing) {
      if (input.version !== existing.version) throw stale();
      if (!(await repo.updateAssessmentAtVersion(trx, existing.id, existing.version, fields)))
        throw stale();
    } else {
      if (input.version !== undefined) throw stale();
      await repo.insertAssessment(trx, {
        evaluation_id: id,
        target_code: targetCode,
        domain_code: target.domainCode,
        ...fields,
      });
    }
    await recordAudit(trx, {
      action: 'evaluation.assess',
      actor,
      ip: request.ip,
      targetType: 'midterm_evaluation',
      targetId: id,
      details: { targetCode, action: fields.action, proposedValue: fields.proposed_value },
    });
  });
  return assessmentView((await repo.findAssessment(ctx.db, id, targetCode))!);
}

export async function signEvaluation(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  input: SignBody,
  now = new Date(),
) {
  const actor = requireActor(request);
  const { row, snapshot, assessments } = await record(ctx, id);
  if (row.status === 'signed') throw signed(id);
  if (input.version !== row.version)
    throw conflict('VERSION_CONFLICT', `中期评估 ${id} 已被他人修改，请刷新后再签发`);
  const summary = evaluationSummary(snapshot, assessments);
  const comment = input.comment?.trim() ?? '';
  const problem = signOffProblem(row.status, summary, comment);
  if (problem) throw badRequest('EVALUATION_SIGN_INVALID', problem.message, [problem]);
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await repo.signEvaluation(trx, id, row.version, {
      signed_by: actor.username,
      signed_at: now.toISOString(),
      sign_comment: comment || null,
    });
    if (!ok) throw signed(id);
    await recordAudit(trx, {
      action: 'evaluation.sign',
      actor,
      ip: request.ip,
      targetType: 'midterm_evaluation',
      targetId: id,
      details: { assessed: summary.assessed, unassessed: summary.unassessed },
    });
  });
  return getEvaluation(ctx, actor, id);
}

/** The report as .docx (the bulletins' generator) or .xlsx; each download is audited. */
export async function evaluationFile(
  ctx: AppContext,
  request: FastifyRequest,
  id: number,
  format: 'docx' | 'xlsx',
) {
  const actor = requireActor(request);
  const { row, snapshot, assessments } = await record(ctx, id);
  const meta = {
    id,
    title: row.title,
    status: row.status,
    createdAt: row.created_at,
    signedBy: row.signed_by,
    signedAt: row.signed_at,
    signComment: row.sign_comment,
  };
  let body: Buffer;
  if (format === 'docx') {
    const doc = buildEvaluationReport(snapshot, assessments, meta);
    const chart = renderChart('statusByDomain', doc.charts.statusByDomain);
    body = await bulletinDocx(doc, { statusByDomain: chart });
  } else body = await evaluationWorkbook(snapshot, assessments, meta);
  await recordAudit(ctx.db, {
    action: 'evaluation.export',
    actor,
    ip: request.ip,
    targetType: 'midterm_evaluation',
    targetId: id,
    details: { format, status: row.status },
  });
  return { title: row.title, body };
}
