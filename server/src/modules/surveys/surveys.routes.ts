// Staff API of satisfaction monitoring: the survey builder, waves, links and QR codes, panel
// links, exports, and the index endpoints the dashboard and bulletins read.
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { authorize, requireActor } from '../../common/access';
import { ErrorResponse } from '../../common/error-schema';
import { can } from '../../common/policy';
import { notFound } from '../../common/errors';
import * as surveys from './surveys.service';
import { indexTable } from './satisfaction.service';
import { exportResponses, indexWorkbook } from './exports.service';
import { publicSurveyRoutes } from './public.routes';
import { surveyRuntime, type SurveyRuntime } from './surveys.runtime';
import {
  IndexCell,
  IndexQuery,
  LinkRow,
  PanelBody,
  SurveyBody,
  SurveyRow,
  WaveBody,
} from './surveys.schema';

const IdParams = Type.Object({ id: Type.Integer() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export function surveyRoutes(app: AppInstance, ctx: AppContext): void {
  const rt = surveyRuntime(ctx);
  app.addHook('onClose', () => rt.limiter.close());
  publicSurveyRoutes(app, ctx, rt);
  builderRoutes(app, ctx, rt);
  indexRoutes(app, ctx);
}

const by = (request: FastifyRequest) => ({ actor: requireActor(request), ip: request.ip });
const baseUrl = (rt: SurveyRuntime, request: FastifyRequest) =>
  rt.publicBaseUrl ?? `${request.protocol}://${request.host}`;

function builderRoutes(app: AppInstance, ctx: AppContext, rt: SurveyRuntime): void {
  const tags = ['surveys'];
  app.get(
    '/api/surveys',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: '问卷列表 Surveys',
        response: { 200: Type.Object({ surveys: Type.Array(SurveyRow) }) },
      },
    },
    async () => ({ surveys: await surveys.listSurveysWithWaves(ctx.db) }),
  );

  app.get(
    '/api/surveys/:id',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: '问卷 A survey',
        params: IdParams,
        response: { 200: SurveyRow, ...errors },
      },
    },
    async (request) => (await surveys.listSurveysWithWaves(ctx.db, request.params.id))[0]!,
  );

  app.post(
    '/api/surveys',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: '新建问卷 Create a survey',
        body: SurveyBody,
        response: { 201: Type.Object({ id: Type.Integer() }), ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send({ id: await surveys.createSurvey(ctx.db, request.body, by(request)) }),
  );

  app.put(
    '/api/surveys/:id',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: '修改问卷 Update a survey',
        params: IdParams,
        body: SurveyBody,
        response: { 200: Type.Object({ ok: Type.Boolean() }), ...errors },
      },
    },
    async (request) => {
      await surveys.updateSurvey(ctx.db, request.params.id, request.body, by(request));
      return { ok: true };
    },
  );

  app.post(
    '/api/surveys/:id/waves',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: '新建调查轮次 Create a wave',
        params: IdParams,
        body: WaveBody,
        response: { 201: Type.Object({ id: Type.Integer() }), ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        id: await surveys.createWave(ctx.db, request.params.id, request.body, by(request)),
      }),
  );

  app.put(
    '/api/surveys/:id/waves/:waveId',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: '修改调查轮次时间 Change a wave’s dates',
        params: Type.Object({ id: Type.Integer(), waveId: Type.Integer() }),
        body: WaveBody,
        response: { 200: Type.Object({ ok: Type.Boolean() }), ...errors },
      },
    },
    async (request) => {
      const { id, waveId } = request.params;
      await surveys.updateWave(ctx.db, id, waveId, request.body, by(request));
      return { ok: true };
    },
  );

  app.get(
    '/api/surveys/:id/links',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: '各地市、县区的公开链接 Public links per place',
        params: IdParams,
        response: { 200: Type.Object({ links: Type.Array(LinkRow) }), ...errors },
      },
    },
    async (request) => {
      await surveys.requireSurvey(ctx.db, request.params.id);
      const actor = requireActor(request);
      const visible = (code: string) => can(actor, 'data.read', { unitCode: code });
      return {
        links: surveys.placeLinks(
          ctx.orgs,
          rt.signer,
          request.params.id,
          baseUrl(rt, request),
          visible,
        ),
      };
    },
  );

  app.get(
    '/api/surveys/:id/links/:placeCode/qr',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: '公开链接二维码 QR code of a place’s link (SVG or PNG)',
        params: Type.Object({ id: Type.Integer(), placeCode: Type.String({ maxLength: 12 }) }),
        querystring: Type.Object({
          format: Type.Optional(Type.Union([Type.Literal('svg'), Type.Literal('png')])),
        }),
      },
    },
    async (request, reply) => {
      const { id, placeCode } = request.params;
      await surveys.requireSurvey(ctx.db, id);
      await authorize(ctx, request, 'data.read', { unitCode: placeCode });
      const link = surveys
        .placeLinks(ctx.orgs, rt.signer, id, baseUrl(rt, request), (c) => c === placeCode)
        .at(0);
      if (!link) throw notFound('PLACE_UNKNOWN', `未知的地市或县区代码：${placeCode}`);
      const format = request.query.format ?? 'svg';
      const body = await surveys.qrCode(link.url, format);
      return reply
        .type(format === 'svg' ? 'image/svg+xml' : 'image/png')
        .header('content-disposition', `inline; filename="survey-${id}-${placeCode}.${format}"`)
        .send(body);
    },
  );

  app.post(
    '/api/surveys/:id/panel-links',
    {
      config: { access: 'survey.manage' },
      schema: {
        tags,
        summary: '生成一次性专属链接 Single-use panel links',
        params: IdParams,
        body: PanelBody,
        response: { 201: Type.Object({ urls: Type.Array(Type.String()) }), ...errors },
      },
    },
    async (request, reply) => {
      const urls = await surveys.createPanelLinks(
        ctx.db,
        rt.signer,
        baseUrl(rt, request),
        { surveyId: request.params.id, ...request.body },
        ctx.orgs,
        by(request),
      );
      return reply.code(201).send({ urls });
    },
  );

  app.get(
    '/api/surveys/:id/responses/export',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: '导出答卷 Export a wave’s responses (csv/xlsx, formula-safe)',
        params: IdParams,
        querystring: Type.Object({
          wave: Type.String({ maxLength: 20 }),
          format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
        }),
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'csv';
      const stream = await exportResponses(
        ctx.db,
        ctx.orgs,
        requireActor(request),
        request.params.id,
        request.query.wave,
        format,
      );
      const name = `survey-${request.params.id}-${request.query.wave}.${format}`;
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(stream);
    },
  );
}

function indexRoutes(app: AppInstance, ctx: AppContext): void {
  const tags = ['satisfaction'];
  const Query = IndexQuery;
  app.get(
    '/api/satisfaction/index',
    {
      config: { access: 'data.read' },
      schema: {
        tags,
        summary: '满意度指数 Index per domain × place × wave (all waves when none given: trends)',
        querystring: Query,
        response: {
          200: Type.Object({
            minN: Type.Integer(),
            waves: Type.Array(Type.String()),
            cells: Type.Array(IndexCell),
          }),
          ...errors,
        },
      },
    },
    async (request) => indexTable(ctx.db, ctx.orgs, requireActor(request), request.query),
  );

  app.get(
    '/api/satisfaction/index/export',
    {
      config: { access: 'data.read' },
      schema: { tags, summary: '导出满意度指数 Index tables as xlsx', querystring: Query },
    },
    async (request, reply) => {
      const table = await indexTable(ctx.db, ctx.orgs, requireActor(request), request.query);
      const survey = await surveys.requireSurvey(ctx.db, request.query.surveyId);
      const body = await indexWorkbook(survey.title, table.minN, table.cells);
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename="satisfaction-index-${survey.id}.xlsx"`,
        )
        .send(body);
    },
  );
}
