// The plan API: the revision in force (today or at a date), the revision history and the
// difference between two revisions, one target's history, and 动态调整 — proposing target
// changes and their review by the supervisor.
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { requireActor } from '../../common/access';
import { notFound } from '../../common/errors';
import { ErrorResponse } from '../../common/error-schema';
import { todayUtc } from './plan.service';
import {
  ChangeRequest,
  DiffQuery,
  DiffResponse,
  IdParams,
  NumberParams,
  PlanAtQuery,
  PlanResponse,
  ProposeBody,
  ReviewBody,
  RevisionSummary,
  TargetHistoryEntry,
} from './plan.schema';
import {
  approveChange,
  diffRevisions,
  getRevision,
  listChangeRequests,
  listRevisions,
  proposeChange,
  rejectChange,
  targetHistory,
  withdrawChange,
} from './plan-changes.service';

const tags = ['plan'];
const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export function planRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/plan',
    {
      config: { access: 'plan.read' },
      schema: {
        tags,
        summary: '现行计划 The plan revision in force today, or at a date (?at=YYYY-MM-DD)',
        querystring: PlanAtQuery,
        response: { 200: PlanResponse, ...errors },
      },
    },
    async (request: FastifyRequest<{ Querystring: { at?: string } }>) => {
      const current = await ctx.plans.inForceAt(request.query.at ?? todayUtc());
      if (!current)
        throw notFound('PLAN_NOT_IMPORTED', '尚未导入计划，请管理员执行 minsheng plan import');
      return current;
    },
  );

  app.get(
    '/api/plan/revisions',
    {
      config: { access: 'plan.read' },
      schema: {
        tags,
        summary: '计划修订历史 Every revision, newest first, with its date and reason',
        response: { 200: Type.Array(RevisionSummary), ...errors },
      },
    },
    () => listRevisions(ctx),
  );

  app.get(
    '/api/plan/revisions/:number',
    {
      config: { access: 'plan.read' },
      schema: {
        tags,
        summary: 'One revision of the plan',
        params: NumberParams,
        response: { 200: PlanResponse, ...errors },
      },
    },
    (request: FastifyRequest<{ Params: { number: number } }>) =>
      getRevision(ctx, request.params.number),
  );

  app.get(
    '/api/plan/diff',
    {
      config: { access: 'plan.read' },
      schema: {
        tags,
        summary: '修订对比 Which targets changed between two revisions, from what to what, why',
        querystring: DiffQuery,
        response: { 200: DiffResponse, ...errors },
      },
    },
    (request: FastifyRequest<{ Querystring: { from: number; to: number } }>) =>
      diffRevisions(ctx.db, request.query.from, request.query.to),
  );

  app.get(
    '/api/plan/targets/:code/history',
    {
      config: { access: 'plan.read' },
      schema: {
        tags,
        summary: "One target's value and deadline across the revisions",
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: {
          200: Type.Object({ code: Type.String(), history: Type.Array(TargetHistoryEntry) }),
          ...errors,
        },
      },
    },
    (request: FastifyRequest<{ Params: { code: string } }>) =>
      targetHistory(ctx, request.params.code),
  );

  app.get(
    '/api/plan/changes',
    {
      config: { access: 'plan.propose' },
      schema: {
        tags,
        summary: '目标调整申请 Change requests the caller may see, newest first',
        response: { 200: Type.Array(ChangeRequest), ...errors },
      },
    },
    (request) => listChangeRequests(ctx, requireActor(request)),
  );

  app.post(
    '/api/plan/changes',
    {
      config: { access: 'plan.propose' },
      schema: {
        tags,
        summary: '提出目标调整 Propose target changes (departments: their own domains)',
        body: ProposeBody,
        response: { 201: ChangeRequest, ...errors },
      },
    },
    async (request: FastifyRequest<{ Body: ProposeBody }>, reply) => {
      const dto = await proposeChange(ctx, request, request.body);
      return reply.code(201).send(dto);
    },
  );

  const review = (
    path: string,
    summary: string,
    access: 'plan.approve' | 'plan.propose',
    run: typeof approveChange,
  ) =>
    app.post(
      path,
      {
        config: { access },
        schema: {
          tags,
          summary,
          params: IdParams,
          body: Type.Optional(ReviewBody),
          response: { 200: ChangeRequest, ...errors },
        },
      },
      (request: FastifyRequest<{ Params: { id: number }; Body: ReviewBody | undefined }>) =>
        run(ctx, request, request.params.id, request.body ?? {}),
    );
  review(
    '/api/plan/changes/:id/approve',
    '批准调整 Approve: the changes become a new revision from their date',
    'plan.approve',
    approveChange,
  );
  review(
    '/api/plan/changes/:id/reject',
    '驳回调整 Reject with a comment',
    'plan.approve',
    rejectChange,
  );
  review(
    '/api/plan/changes/:id/withdraw',
    '撤回调整 Withdraw one’s own proposal',
    'plan.propose',
    (c, r, id) => withdrawChange(c, r, id),
  );
}
