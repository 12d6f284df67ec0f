// /api/service-areas: the registry (CRUD, import), its compliance and the gap plan.
// Thin: access → validate → service.
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { requireActor } from '../../common/access';
import { badRequest } from '../../common/errors';
import { ErrorResponse } from '../../common/error-schema';
import {
  areaCompliance,
  PLAN_DEADLINE_YEAR,
  PLAN_THRESHOLDS,
  type Thresholds,
} from '../../../../core/charging';
import * as schema from './service-areas.schema';
import {
  canEdit,
  createServiceArea,
  deleteServiceArea,
  getServiceArea,
  listServiceAreas,
  updateServiceArea,
} from './service-areas.service';
import { importRegistry } from './service-areas.import';
import { cityGapPlan, complianceReport, type GapPlanQuery } from './service-areas.compliance';
import { gapPlanWorkbook } from './service-areas.export';
import { toChargingArea, toFields } from './service-areas.model';

const tags = ['service-areas'];
const IMPORT_BODY_LIMIT = 15 * 1024 * 1024;
const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

const thresholdsOf = (q: { expressway?: number; national?: number }): Thresholds => ({
  expressway: q.expressway ?? PLAN_THRESHOLDS.expressway,
  national: q.national ?? PLAN_THRESHOLDS.national,
});

function gapPlanQuery(q: {
  expressway?: number;
  national?: number;
  fromYear?: number;
  toYear?: number;
  spread?: 'even' | 'front-loaded';
}): GapPlanQuery {
  const toYear = q.toYear ?? PLAN_DEADLINE_YEAR;
  const fromYear = q.fromYear ?? Math.min(new Date().getUTCFullYear(), toYear);
  if (fromYear > toYear)
    throw badRequest('GAP_PLAN_YEARS', `起始年份（${fromYear}）不能晚于目标年份（${toYear}）`, [
      { field: 'fromYear', message: '晚于目标年份' },
    ]);
  return { thresholds: thresholdsOf(q), fromYear, toYear, spread: q.spread ?? 'even' };
}

export function serviceAreaRoutes(app: AppInstance, ctx: AppContext): void {
  const by = (request: FastifyRequest) => ({ actor: requireActor(request), ip: request.ip });

  app.get(
    '/api/service-areas',
    {
      config: { access: 'serviceArea.read' },
      schema: {
        tags,
        summary: '服务区台账 Service areas visible to the caller, with compliance',
        response: { 200: Type.Object({ items: Type.Array(schema.AreaItem) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const areas = await listServiceAreas(ctx.db, actor);
      return {
        items: areas.map((a) => ({
          ...a,
          cityName: ctx.orgs.get(a.cityCode)?.name ?? a.cityCode,
          countyName: a.countyCode ? (ctx.orgs.get(a.countyCode)?.name ?? a.countyCode) : null,
          editable: canEdit(actor, a),
          ...areaCompliance(toChargingArea(toFields(a)), PLAN_THRESHOLDS),
        })),
      };
    },
  );

  app.get(
    '/api/service-areas/:id',
    {
      config: { access: 'serviceArea.read' },
      schema: {
        tags,
        summary: '服务区详情及变更历史 One service area with its change history',
        params: schema.IdParams,
        response: {
          200: Type.Object({ area: schema.AreaDetail, history: Type.Array(schema.HistoryItem) }),
          404: ErrorResponse,
        },
      },
    },
    async (request) => getServiceArea(ctx.db, requireActor(request), request.params.id),
  );

  app.post(
    '/api/service-areas',
    {
      config: { access: 'serviceArea.write' },
      schema: {
        tags,
        summary: '新增服务区 Add a service area',
        body: schema.AreaBody,
        response: { 201: Type.Object({ id: Type.Integer() }), ...errors },
      },
    },
    async (request, reply) => {
      const id = await createServiceArea(ctx, request.body, by(request));
      return reply.code(201).send({ id });
    },
  );

  app.put(
    '/api/service-areas/:id',
    {
      config: { access: 'serviceArea.write' },
      schema: {
        tags,
        summary: '修改服务区（记入变更历史）Change a service area',
        params: schema.IdParams,
        body: schema.AreaBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await updateServiceArea(ctx, request.params.id, request.body, by(request));
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/service-areas/:id',
    {
      config: { access: 'serviceArea.write' },
      schema: {
        tags,
        summary: '撤销服务区（保留历史）Remove a service area',
        params: schema.IdParams,
        body: Type.Optional(schema.DeleteBody),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteServiceArea(ctx, request.params.id, request.body ?? {}, by(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/service-areas/import',
    {
      config: { access: 'serviceArea.write' },
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: '导入服务区台账（xlsx/csv，可试导入）Import a registry file, all or nothing',
        body: schema.ImportBody,
        response: { 200: schema.ImportReport, ...errors },
      },
    },
    async (request) => {
      const { fileName, contentBase64, dryRun, mode } = request.body;
      return importRegistry(
        ctx,
        {
          fileName,
          content: Buffer.from(contentBase64, 'base64'),
          dryRun: dryRun ?? false,
          mode: mode ?? 'create',
        },
        by(request),
      );
    },
  );

  app.get(
    '/api/service-areas/compliance',
    {
      config: { access: 'serviceArea.read' },
      schema: {
        tags,
        summary: '充电设施达标情况（按服务区、地市、全省；可指定历史日期和假设阈值）Compliance',
        querystring: schema.ComplianceQuery,
        response: { 200: schema.ComplianceResponse, 400: ErrorResponse },
      },
    },
    async (request) =>
      complianceReport(ctx, requireActor(request), {
        at: request.query.at ?? null,
        thresholds: thresholdsOf(request.query),
        fixFirstLimit: request.query.limit ?? 50,
      }),
  );

  app.get(
    '/api/service-areas/gap-plan',
    {
      config: { access: 'serviceArea.read' },
      schema: {
        tags,
        summary: '各地市充电车位缺口年度计划（可调整阈值、年份、分配方式）Gap plan',
        querystring: schema.GapPlanQuery,
        response: { 200: schema.GapPlanResponse, 400: ErrorResponse },
      },
    },
    async (request) => cityGapPlan(ctx, requireActor(request), gapPlanQuery(request.query)),
  );

  app.get(
    '/api/service-areas/gap-plan.xlsx',
    {
      config: { access: 'serviceArea.read' },
      schema: {
        tags,
        summary: '导出缺口计划 Excel Gap plan as xlsx',
        querystring: schema.GapPlanQuery,
      },
    },
    async (request, reply) => {
      const q = gapPlanQuery(request.query);
      const plan = await cityGapPlan(ctx, requireActor(request), q);
      const file = await gapPlanWorkbook(plan, q);
      const name = encodeURIComponent(`充电车位缺口计划-${q.fromYear}-${q.toYear}.xlsx`);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="gap-plan.xlsx"; filename*=UTF-8''${name}`,
        )
        .send(file);
    },
  );
}
