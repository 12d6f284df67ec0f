// 优秀案例评选 API: calls and their life cycle, reviewers, cases (multipart: a `data` JSON field
// plus attachment files), blind scoring, the ranking table and publication; and the public list
// of published winners with their attachments.
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { requireActor } from '../../common/access';
import { badRequest } from '../../common/errors';
import { ErrorResponse } from '../../common/error-schema';
import { readMultipartForm } from '../../common/multipart';
import { checkEvidenceFiles } from '../evidence/evidence.service';
import { attachment } from '../reporting-io/reporting-io.routes';
import { FileBody } from '../reporting-io/reporting-io.schema';
import {
  Call,
  CallBody,
  CallDetail,
  Candidate,
  PublicCases,
  Ranking,
  Reviewer,
  ReviewersBody,
  ScoreBody,
  StatusBody,
  Submission,
  SubmissionData,
} from './cases.schema';
import {
  assignReviewers,
  callDto,
  createCall,
  listCalls,
  moveCall,
  publishCall,
  ranking,
  reviewerCandidates,
  reviewersOf,
  updateCall,
} from './cases.service';
import {
  attachmentFor,
  callDetail,
  editCase,
  publicAttachment,
  publicCases,
  scoreCase,
  submitCase,
} from './submissions.service';
import * as repo from './cases.repository';

const tags = ['cases'];
/** Ids are 32-bit integer keys on both engines: anything larger cannot exist (400, not a 500). */
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const errors = {
  400: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  413: ErrorResponse,
};
const by = (request: FastifyRequest) => ({ actor: requireActor(request), ip: request.ip });

/** The multipart form of a case: the `data` field as JSON, then the files' real types. */
async function readCaseForm(request: FastifyRequest) {
  const form = await readMultipartForm(request);
  let data: unknown;
  try {
    data = JSON.parse(form.fields.data ?? '');
  } catch {
    throw badRequest('CASE_SUBMISSION_INVALID', '表单缺少案例内容（data 字段须为 JSON）', [
      { field: 'data', message: '须为 JSON' },
    ]);
  }
  if (!Value.Check(SubmissionData, data)) {
    const first = [...Value.Errors(SubmissionData, data)];
    const details = first.slice(0, 10).map((e) => ({
      field: e.path.replace(/^\//, '').replace(/\//g, '.') || 'data',
      message: e.message,
    }));
    throw badRequest(
      'CASE_SUBMISSION_INVALID',
      `案例内容格式不正确：${details[0]?.field ?? 'data'}`,
      details,
    );
  }
  return { data: data, files: await checkEvidenceFiles(form.files) };
}

function sendFile(
  reply: FastifyReply,
  file: { file_name: string; media_type: string; content: Buffer },
  cache: string,
) {
  return reply
    .header('content-type', file.media_type)
    .header('content-disposition', attachment(file.file_name))
    .header('cache-control', cache)
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(Buffer.from(file.content));
}

export function caseRoutes(app: AppInstance, ctx: AppContext): void {
  callRoutes(app, ctx);
  submissionRoutes(app, ctx);
  publicRoutes(app, ctx);
}

function callRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/cases/calls',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: '案例征集列表 Calls for cases visible to the caller',
        response: { 200: Type.Object({ calls: Type.Array(Call) }) },
      },
    },
    async (request) => ({ calls: await listCalls(ctx, requireActor(request)) }),
  );

  app.post(
    '/api/cases/calls',
    {
      config: { access: 'case.manage' },
      schema: {
        tags,
        summary: '新建案例征集 Create a call (draft)',
        body: CallBody,
        response: { 201: Call, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createCall(ctx, request.body, by(request))),
  );

  app.get(
    '/api/cases/calls/:id',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: '案例征集详情 A call with the cases the caller may see',
        params: IdParams,
        response: { 200: CallDetail, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { call, submissions } = await callDetail(ctx, actor, request.params.id);
      const reviewers = await reviewersOf(ctx, call.id);
      const manage = callDto(call, actor, {
        submissions: (await repo.submissionCounts(ctx.db)).get(call.id) ?? 0,
        reviewer: reviewers.some((r) => r.userId === actor.userId),
      });
      // Reviewers' names are for the office; others see only that the call has reviewers.
      return { call: manage, submissions, reviewers: manage.canManage ? reviewers : [] };
    },
  );

  app.put(
    '/api/cases/calls/:id',
    {
      config: { access: 'case.manage' },
      schema: {
        tags,
        summary: '修改案例征集 Edit a call (draft or open)',
        params: IdParams,
        body: CallBody,
        response: { 200: Call, ...errors },
      },
    },
    async (request) => updateCall(ctx, request.params.id, request.body, by(request)),
  );

  app.post(
    '/api/cases/calls/:id/status',
    {
      config: { access: 'case.manage' },
      schema: {
        tags,
        summary: '发布征集 / 开始评审 / 结束评审 Move a call forward',
        params: IdParams,
        body: StatusBody,
        response: { 200: Call, ...errors },
      },
    },
    async (request) => moveCall(ctx, request.params.id, request.body.status, by(request)),
  );

  app.get(
    '/api/cases/reviewer-candidates',
    {
      config: { access: 'case.manage' },
      schema: {
        tags,
        summary: '可选评审专家 Accounts that can be assigned as reviewers',
        response: { 200: Type.Object({ users: Type.Array(Candidate) }) },
      },
    },
    async () => ({ users: await reviewerCandidates(ctx) }),
  );

  app.put(
    '/api/cases/calls/:id/reviewers',
    {
      config: { access: 'case.manage' },
      schema: {
        tags,
        summary: '指定评审专家 Set the call reviewers',
        params: IdParams,
        body: ReviewersBody,
        response: { 200: Type.Object({ reviewers: Type.Array(Reviewer) }), ...errors },
      },
    },
    async (request) => ({
      reviewers: await assignReviewers(ctx, request.params.id, request.body.userIds, by(request)),
    }),
  );

  app.get(
    '/api/cases/calls/:id/ranking',
    {
      config: { access: 'case.manage' },
      schema: {
        tags,
        summary: '评审排名 The ranking table (per-reviewer sheets after the review)',
        params: IdParams,
        response: { 200: Ranking, ...errors },
      },
    },
    async (request) => ranking(ctx, requireActor(request), request.params.id),
  );

  app.post(
    '/api/cases/calls/:id/publish',
    {
      config: { access: 'case.manage' },
      schema: {
        tags,
        summary: '公布评选结果 Publish the top N as winners',
        params: IdParams,
        response: { 200: Ranking, ...errors },
      },
    },
    async (request) => publishCall(ctx, request.params.id, by(request)),
  );
}

function submissionRoutes(app: AppInstance, ctx: AppContext): void {
  app.post(
    '/api/cases/calls/:id/submissions',
    {
      config: { access: 'case.submit' },
      schema: {
        tags,
        summary: '提交案例 Submit a case (multipart: data JSON + files)',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: Submission, ...errors },
      },
    },
    async (request, reply) => {
      const { data, files } = await readCaseForm(request);
      return reply
        .code(201)
        .send(await submitCase(ctx, request.params.id, data, files, by(request)));
    },
  );

  app.put(
    '/api/cases/submissions/:id',
    {
      config: { access: 'case.submit' },
      schema: {
        tags,
        summary: '修改案例 Edit a case until the deadline (multipart)',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: Submission, ...errors },
      },
    },
    async (request) => {
      const { data, files } = await readCaseForm(request);
      return editCase(ctx, request.params.id, data, files, by(request));
    },
  );

  app.post(
    '/api/cases/submissions/:id/scores',
    {
      // Reviewing is not a role: the service checks that the caller is an assigned reviewer.
      config: { access: 'session' },
      schema: {
        tags,
        summary: '评分 Score a case (assigned reviewers, once)',
        params: IdParams,
        body: ScoreBody,
        response: { 201: Submission, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await scoreCase(ctx, request.params.id, request.body, by(request))),
  );

  app.get(
    '/api/cases/attachments/:id',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: '下载案例附件 Download an attachment of a case the caller may see',
        params: IdParams,
        response: { 200: FileBody, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await attachmentFor(ctx, by(request), request.params.id),
        'private, max-age=300',
      ),
  );
}

function publicRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/public/cases',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '公开的优秀案例 Published winning cases',
        response: { 200: PublicCases },
      },
    },
    async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=60').send(await publicCases(ctx)),
  );

  app.get(
    '/api/public/cases/attachments/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '优秀案例附件 An attachment of a published winning case',
        params: IdParams,
        response: { 200: FileBody, 404: ErrorResponse },
      },
    },
    async (request, reply) =>
      sendFile(reply, await publicAttachment(ctx, request.params.id), 'public, max-age=300'),
  );
}
