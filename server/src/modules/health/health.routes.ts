// Liveness, readiness (the database answers) and Prometheus metrics.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import client from 'prom-client';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';

export function healthRoutes(app: AppInstance, ctx: AppContext): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'minsheng_' });
  const requests = new client.Histogram({
    name: 'minsheng_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    requests.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
      },
      reply.elapsedTime / 1000,
    );
  });

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, () => ({
    status: 'ok',
  }));

  app.get(
    '/readyz',
    { config: { access: 'public' }, schema: { hide: true } },
    async (_req, reply) => {
      try {
        await sql`select 1`.execute(ctx.db);
        return { status: 'ready', database: ctx.database.dialect };
      } catch {
        return reply.code(503).send({ code: 'NOT_READY', message: '数据库不可用' });
      }
    },
  );

  const token = ctx.config.metricsToken;
  if (!token && ctx.config.production)
    app.log.warn('METRICS_TOKEN is not set: /metrics answers 403 in production');
  app.get(
    '/metrics',
    { config: { access: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const refusal = metricsRefusal(request, token, ctx.config.production);
      if (refusal === 'disabled')
        return reply.code(403).send({
          code: 'METRICS_DISABLED',
          message: '生产环境须配置 METRICS_TOKEN 才能读取监控指标',
        });
      if (refusal === 'token')
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer realm="metrics"')
          .send({ code: 'UNAUTHENTICATED', message: '读取监控指标须提供有效的令牌（Bearer）' });
      return reply.header('content-type', registry.contentType).send(await registry.metrics());
    },
  );
}

/**
 * /metrics is open when no token is configured (development, a scraper on loopback) — but not
 * in production, where route names, request counts and process figures help an attacker map
 * the service: there it needs METRICS_TOKEN, sent as `Authorization: Bearer <token>`.
 */
function metricsRefusal(
  request: FastifyRequest,
  token: string | null,
  production: boolean,
): 'disabled' | 'token' | null {
  if (!token) return production ? 'disabled' : null;
  const given = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
  return sameSecret(given, token) ? null : 'token';
}

/** Constant-time comparison (of digests, so the lengths never differ). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
