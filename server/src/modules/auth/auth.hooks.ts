// Attaches the session (if any) to each API request and enforces CSRF on state changes:
// a signed-in browser must echo its session's token in `x-csrf-token`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context';
import { AppError } from '../../common/errors';
import { csrfMatches, resolveSession } from './auth.service';

export const SESSION_COOKIE = 'minsheng_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerSessionHooks(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    request.session = token ? await resolveSession(ctx, token) : null;
    if (request.session && !SAFE_METHODS.has(request.method) && !isLogin(request)) {
      const given = request.headers['x-csrf-token'];
      if (!csrfMatches(request.session.csrfToken, typeof given === 'string' ? given : undefined))
        throw new AppError(403, 'CSRF_INVALID', '请求校验失败，请刷新页面后重试');
    }
  });
}

function isLogin(request: FastifyRequest): boolean {
  return request.url === '/api/auth/login';
}
