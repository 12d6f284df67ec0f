// Liveness, readiness (the database answers) and Prometheus metrics.
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

  app.get(
    '/metrics',
    { config: { access: 'public' }, schema: { hide: true } },
    async (_req, reply) =>
      reply.header('content-type', registry.contentType).send(await registry.metrics()),
  );
}
