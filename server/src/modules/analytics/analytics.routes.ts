// 业务分析 + 情况展示 API: thin routes (access → validate → service).
import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { ErrorResponse } from '../../common/error-schema';
import {
  AnalyticsQuery,
  CitiesResponse,
  ExportBody,
  OverviewResponse,
  PublicProgressResponse,
  PublishedResponse,
  RegionsResponse,
  TargetDetailResponse,
  TargetParams,
  TargetUnitsResponse,
} from './analytics.schema';
import * as service from './analytics.service';
import { preloadAnalytics } from './analytics.service';
import { tableToXlsx } from './analytics.export';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export function analyticsRoutes(app: AppInstance, ctx: AppContext): void {
  // Warm the element cache in the background; requests never wait for it.
  app.addHook('onReady', () => {
    preloadAnalytics(ctx).catch((error: unknown) =>
      app.log.warn({ error }, 'analytics preload failed'),
    );
  });
  app.get(
    '/api/analytics/overview',
    {
      config: { access: 'data.read' },
      schema: {
        tags: ['analytics'],
        summary: '总览 Every target’s status at a unit and date, by domain',
        querystring: AnalyticsQuery,
        response: { 200: OverviewResponse, ...errors },
      },
    },
    (request) => service.overview(ctx, request, request.query),
  );

  app.get(
    '/api/analytics/targets/:code',
    {
      config: { access: 'data.read' },
      schema: {
        tags: ['analytics'],
        summary: '指标详情 One target’s status and trend (actual, trajectory, forecast)',
        params: TargetParams,
        querystring: AnalyticsQuery,
        response: { 200: TargetDetailResponse, ...errors },
      },
    },
    (request) => service.targetDetail(ctx, request, request.params.code, request.query),
  );

  app.get(
    '/api/analytics/targets/:code/units',
    {
      config: { access: 'data.read' },
      schema: {
        tags: ['analytics'],
        summary: '下级单位 One target at every unit below `unit` (map, ranking)',
        params: TargetParams,
        querystring: AnalyticsQuery,
        response: { 200: TargetUnitsResponse, ...errors },
      },
    },
    (request) => service.targetUnits(ctx, request, request.params.code, request.query),
  );

  app.get(
    '/api/analytics/targets/:code/regions',
    {
      config: { access: 'data.read' },
      schema: {
        tags: ['analytics'],
        summary: '区域分析 珠三角/粤东/粤西/粤北 by year, their gap and dispersion across cities',
        params: TargetParams,
        querystring: AnalyticsQuery,
        response: { 200: RegionsResponse, ...errors },
      },
    },
    (request) => service.targetRegions(ctx, request, request.params.code, request.query),
  );

  app.get(
    '/api/analytics/cities',
    {
      config: { access: 'data.read' },
      schema: {
        tags: ['analytics'],
        summary: '地市综合 Each city’s targets by status and its rank',
        querystring: AnalyticsQuery,
        response: { 200: CitiesResponse, ...errors },
      },
    },
    (request) => service.cityComposite(ctx, request, request.query),
  );

  app.post(
    '/api/analytics/export',
    {
      config: { access: 'data.read' },
      schema: {
        tags: ['analytics'],
        summary: '导出表格 A dashboard table as .xlsx',
        body: ExportBody,
      },
    },
    async (request, reply) => {
      const file = await tableToXlsx(request.body);
      const name = encodeURIComponent(`${request.body.title}.xlsx`);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${name}`)
        .send(file);
    },
  );

  app.get(
    '/api/analytics/published',
    {
      config: { access: 'analytics.publish' },
      schema: {
        tags: ['analytics'],
        summary: '公开指标 Targets shown on the public portal',
        response: { 200: PublishedResponse },
      },
    },
    async () => ({ targets: await service.listPublished(ctx) }),
  );

  for (const [method, published] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/api/analytics/published/:code',
      config: { access: 'analytics.publish' },
      schema: {
        tags: ['analytics'],
        summary: published ? '公开指标 Publish a target' : '取消公开 Unpublish a target',
        params: TargetParams,
        response: { 204: Type.Null(), 404: ErrorResponse, 409: ErrorResponse },
      },
      handler: async (request, reply) => {
        await service.setPublished(ctx, request, request.params.code, published);
        return reply.code(204).send(null);
      },
    });
  }

  app.get(
    '/api/public/progress',
    {
      config: { access: 'public' },
      schema: {
        tags: ['analytics'],
        summary: '公开进展 Published targets’ progress (approved data; no login)',
        response: { 200: PublicProgressResponse },
      },
    },
    async (_request, reply) => {
      const body = await service.publicProgress(ctx);
      return reply.header('cache-control', 'public, max-age=60').send(body);
    },
  );
}
