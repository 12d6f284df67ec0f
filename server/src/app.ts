// Builds the Fastify app (no listen): plugins, the session and access guards, every module's
// routes, the OpenAPI docs and the built web app.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
  type RouteOptions,
} from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from './context';
import { AppError } from './common/errors';
import { accessGuard, enforceAccessDeclarations } from './common/access';
import { describeValidation } from './common/validation-errors';
import { securityHeaders } from './common/security-headers';
import { MAX_UPLOAD_FILE_BYTES, MAX_UPLOAD_FILES } from './common/multipart';
import { registerSessionHooks } from './modules/auth/auth.hooks';
import { authRoutes } from './modules/auth/auth.routes';
import { orgUnitRoutes } from './modules/org-units/org-units.routes';
import { planRoutes } from './modules/plan/plan.routes';
import { userRoutes } from './modules/users/users.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { healthRoutes } from './modules/health/health.routes';
import { reportingRoutes } from './modules/reporting/reporting.routes';
import { serviceAreaRoutes } from './modules/service-areas/service-areas.routes';
import { surveyRoutes } from './modules/surveys/surveys.routes';
import { hotlineRoutes } from './modules/hotline/hotline.routes';
import { reportingIoRoutes } from './modules/reporting-io/reporting-io.routes';
import { analyticsRoutes } from './modules/analytics/analytics.routes';
import { bulletinRoutes } from './modules/bulletins/bulletins.routes';
import { evidenceRoutes } from './modules/evidence/evidence.routes';
import { ledgerRoutes } from './modules/ledgers/ledgers.routes';
import { supervisionRoutes } from './modules/supervision/supervision.routes';
import { caseRoutes } from './modules/cases/cases.routes';
import { evaluationRoutes } from './modules/evaluations/evaluations.routes';
import { practicalMatterRoutes } from './modules/practical-matters/practical-matters.routes';

export type AppInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface BuildOptions {
  logger?: boolean;
  /** Sees every route as it is registered (the route catalogue of the security tests). */
  onRoute?: (route: RouteOptions) => void;
}

const BODY_LIMIT = 1024 * 1024;

export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<AppInstance> {
  const app = Fastify({
    logger: options.logger ? { level: ctx.config.logLevel } : false,
    bodyLimit: BODY_LIMIT,
    trustProxy: process.env.TRUST_PROXY === 'true',
    // A request that reached us on an accepted connection while we shut down is answered, not
    // refused with 503: with several processes nothing is lost (server/src/cli/multiprocess.test.ts).
    return503OnClosing: false,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  enforceAccessDeclarations(app);
  if (options.onRoute) app.addHook('onRoute', options.onRoute);

  await app.register(cookie);
  // Evidence uploads: forms are streamed part by part (common/multipart.ts), never attached to the body.
  await app.register(multipart, {
    limits: { fileSize: MAX_UPLOAD_FILE_BYTES, files: MAX_UPLOAD_FILES },
  });
  const headers = securityHeaders(ctx.config.https);
  // Set when the request arrives (a plain callback, no promise): cheaper than an onSend hook
  // on every response (bench/http-overhead), and a route's own stricter header (the sandbox
  // CSP of downloaded attachments) is no longer overwritten on the way out.
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Minsheng API · 民生十大工程数字化支撑平台', version: '0.1.0' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'minsheng_session' } },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.setErrorHandler(errorHandler);
  registerSessionHooks(app, ctx);
  // Before validation: a caller without the right learns nothing about a route's schema.
  app.addHook('preValidation', accessGuard(ctx));

  authRoutes(app, ctx);
  orgUnitRoutes(app, ctx);
  planRoutes(app, ctx);
  userRoutes(app, ctx);
  auditRoutes(app, ctx);
  healthRoutes(app, ctx);
  reportingRoutes(app, ctx);
  analyticsRoutes(app, ctx);
  evidenceRoutes(app, ctx);
  await ledgerRoutes(app, ctx);
  supervisionRoutes(app, ctx);
  bulletinRoutes(app, ctx);
  caseRoutes(app, ctx);
  evaluationRoutes(app, ctx);
  practicalMatterRoutes(app, ctx);
  serviceAreaRoutes(app, ctx);
  surveyRoutes(app, ctx);
  await hotlineRoutes(app, ctx);
  await reportingIoRoutes(app, ctx);
  await serveWeb(app, ctx.config.webDistDir);
  return app;
}

function errorHandler(
  this: FastifyInstance,
  error: FastifyError | AppError,
  request: { log: FastifyBaseLogger },
  reply: { code(n: number): { send(b: unknown): unknown } },
) {
  if (error instanceof AppError) {
    return reply.code(error.status).send({
      ...error.extra,
      code: error.code,
      message: error.userMessage,
      details: error.details,
    });
  }
  if (error.validation) {
    const { message, details } = describeValidation(
      error.validation,
      error.validationContext ?? 'body',
    );
    return reply.code(400).send({ code: 'VALIDATION', message, details });
  }
  if (isDataException(error))
    return reply
      .code(400)
      .send({ code: 'VALUE_OUT_OF_RANGE', message: '请求中的数值超出允许范围或格式不正确' });
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    request.log.error(error);
    return reply.code(500).send({ code: 'INTERNAL', message: '服务器内部错误，请稍后重试' });
  }
  return reply
    .code(status)
    .send({ code: error.code ?? 'BAD_REQUEST', message: clientErrorMessage(status, error.code) });
}

/**
 * PostgreSQL's class 22 (data exception: an id beyond a 32-bit integer, a malformed number)
 * comes from what the client sent; SQLite accepts the same values, so both engines answer 4xx.
 */
/**
 * A value the database cannot take (PostgreSQL's SQLSTATE class 22, SQLite's type mismatch),
 * e.g. an id beyond 32 bits or an infinite limit that got past validation: the caller's
 * input is wrong, not the server.
 */
function isDataException(error: unknown): boolean {
  const e = error as { code?: unknown; severity?: unknown };
  if (typeof e.code !== 'string') return false;
  if (e.code === 'SQLITE_MISMATCH') return true;
  return /^22[0-9A-Z]{3}$/.test(e.code) && 'severity' in e;
}

function clientErrorMessage(status: number, code: string | undefined): string {
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return `请求体过大（上限 ${BODY_LIMIT / 1024} KB）`;
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return '不支持的内容类型，请以 JSON 提交';
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return '请求体不是有效的 JSON';
  if (status === 404) return '请求的资源不存在';
  if (status === 405) return '不支持该请求方法';
  return '请求无效';
}

const PUBLIC_PORTAL_PATHS = new Set(['/public', '/public/', '/public/progress']);

/** The built SPA, with client-side routes falling back to index.html. */
async function serveWeb(app: AppInstance, distDir: string | null): Promise<void> {
  const index = distDir ? path.join(distDir, 'index.html') : null;
  if (distDir && index && fs.existsSync(index)) {
    await app.register(fastifyStatic, { root: distDir, wildcard: false, index: false });
  }
  // The public portal is its own light page (no React, no antd), served at a readable address.
  const portal = distDir ? path.join(distDir, 'progress.html') : null;
  app.setNotFoundHandler((request, reply) => {
    const page = PUBLIC_PORTAL_PATHS.has(request.url.split('?')[0]!) ? portal : index;
    if (
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      page &&
      fs.existsSync(page)
    ) {
      return reply
        .type('text/html')
        .header('cache-control', 'no-cache')
        .send(fs.createReadStream(page));
    }
    return reply.code(404).send({ code: 'NOT_FOUND', message: '请求的资源不存在' });
  });
}
