// 中期评估 API: list, take a snapshot, one evaluation, assess a target, sign off, and the
// report as .docx and .xlsx.
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { requireActor } from '../../common/access';
import { ErrorResponse } from '../../common/error-schema';
import { FileBody } from '../reporting-io/reporting-io.schema';
import {
  AssessBody,
  AssessParams,
  AssessmentView,
  CreateBody,
  EvaluationDetail,
  EvaluationList,
  IdParams,
  SignBody,
} from './evaluations.schema';
import {
  assessTarget,
  createEvaluation,
  evaluationFile,
  getEvaluation,
  listEvaluations,
  signEvaluation,
} from './evaluations.service';

const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function evaluationRoutes(app: AppInstance, ctx: AppContext): void {
  const tags = ['evaluations'];
  const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

  app.get(
    '/api/evaluations',
    {
      config: { access: 'task.read' },
      schema: { tags, summary: '中期评估列表 Evaluations', response: { 200: EvaluationList } },
    },
    async (request) => listEvaluations(ctx, requireActor(request)),
  );

  app.post(
    '/api/evaluations',
    {
      config: { access: 'evaluation.manage' },
      schema: {
        tags,
        summary: '开展中期评估 Take the snapshot at an as-of date',
        body: CreateBody,
        response: { 201: EvaluationDetail, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createEvaluation(ctx, request, request.body)),
  );

  app.get(
    '/api/evaluations/:id',
    {
      config: { access: 'task.read' },
      schema: {
        tags,
        summary: '中期评估 One evaluation: snapshot and assessments',
        params: IdParams,
        response: { 200: EvaluationDetail, ...errors },
      },
    },
    async (request) => getEvaluation(ctx, requireActor(request), request.params.id),
  );

  app.put(
    '/api/evaluations/:id/assessments/:targetCode',
    {
      config: { access: 'evaluation.assess' },
      schema: {
        tags,
        summary: '评估指标 Assess one target (its lead department or the supervision office)',
        params: AssessParams,
        body: AssessBody,
        response: { 200: AssessmentView, ...errors },
      },
    },
    async (request) =>
      assessTarget(ctx, request, request.params.id, request.params.targetCode, request.body),
  );

  app.post(
    '/api/evaluations/:id/sign',
    {
      config: { access: 'evaluation.manage' },
      schema: {
        tags,
        summary: '签发中期评估 Sign off: freezes the assessments',
        params: IdParams,
        body: SignBody,
        response: { 200: EvaluationDetail, ...errors },
      },
    },
    async (request) => signEvaluation(ctx, request, request.params.id, request.body),
  );

  for (const format of ['docx', 'xlsx'] as const)
    app.get(
      `/api/evaluations/:id/${format}`,
      {
        config: { access: 'task.read' },
        schema: {
          tags,
          summary: `下载中期评估报告 The report as .${format}`,
          params: IdParams,
          response: { 200: FileBody, ...errors },
        },
      },
      async (request, reply) => {
        const { title, body } = await evaluationFile(ctx, request, request.params.id, format);
        return reply
          .type(TYPES[format])
          .header(
            'content-disposition',
            `attachment; filename*=UTF-8''${encodeURIComponent(`${title}.${format}`)}`,
          )
          .header('cache-control', 'private, no-store')
          .send(body);
      },
    );
}
