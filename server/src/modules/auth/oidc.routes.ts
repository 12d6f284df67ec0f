// 统一身份认证登录: the browser goes to the identity provider and comes back with a code.
import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { ErrorResponse } from '../../common/error-schema';
import { SESSION_COOKIE } from './auth.hooks';
import { beginOidcLogin, finishOidcLogin, OIDC_LOGIN_TTL_SECONDS } from './oidc.service';

/** Holds the state of a login in progress; only sent back to the callback. */
export const OIDC_STATE_COOKIE = 'minsheng_oidc_state';
const CALLBACK_PATH = '/api/auth/oidc/callback';

export function oidcRoutes(app: AppInstance, ctx: AppContext): void {
  app.get(
    '/api/auth/oidc',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: '统一身份认证是否启用 Whether single sign-on is enabled',
        response: { 200: Type.Object({ enabled: Type.Boolean() }) },
      },
    },
    () => ({ enabled: ctx.config.oidc !== null }),
  );

  app.get(
    '/api/auth/oidc/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: '统一身份认证登录 Start single sign-on (redirects to the identity provider)',
        querystring: Type.Object({ next: Type.Optional(Type.String({ maxLength: 300 })) }),
        response: { 404: ErrorResponse, 502: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { url, state } = await beginOidcLogin(ctx, request.query.next);
      reply.setCookie(OIDC_STATE_COOKIE, state, {
        path: CALLBACK_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.https,
        maxAge: OIDC_LOGIN_TTL_SECONDS,
      });
      return reply.redirect(url, 302);
    },
  );

  app.get(
    CALLBACK_PATH,
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: '统一身份认证回调 Single sign-on callback (opens a session, redirects)',
        response: { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      reply.clearCookie(OIDC_STATE_COOKIE, { path: CALLBACK_PATH });
      const query = request.url.indexOf('?');
      const { token, nextPath } = await finishOidcLogin(
        ctx,
        {
          search: query >= 0 ? request.url.slice(query) : '',
          browserState: request.cookies[OIDC_STATE_COOKIE],
          previousToken: request.cookies[SESSION_COOKIE],
        },
        { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
      );
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.https,
        maxAge: ctx.config.session.absoluteHours * 3600,
      });
      return reply.redirect(nextPath, 302);
    },
  );
}
