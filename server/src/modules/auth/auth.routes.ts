import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { AppInstance } from '../../app';
import type { AppContext } from '../../context';
import { AppError } from '../../common/errors';
import { requireSession } from '../../common/access';
import { ErrorResponse } from '../../common/error-schema';
import { setPassword } from '../users/users.service';
import { findByUsername } from '../users/users.repository';
import { SESSION_COOKIE } from './auth.hooks';
import { LoginBody, PasswordBody, SessionResponse } from './auth.schema';
import { login, logout, type ResolvedSession } from './auth.service';
import { checkPasswordPolicy, verifyPassword } from './password';
import { oidcRoutes } from './oidc.routes';

const sessionBody = (s: ResolvedSession) => ({ user: s.user, csrfToken: s.csrfToken });

export function authRoutes(app: AppInstance, ctx: AppContext): void {
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.https,
      maxAge: ctx.config.session.absoluteHours * 3600,
    });

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: '登录 Sign in',
        body: LoginBody,
        response: {
          200: SessionResponse,
          400: ErrorResponse,
          401: ErrorResponse,
          423: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const { token, session } = await login(
        ctx,
        { ...request.body, previousToken: request.cookies[SESSION_COOKIE] },
        { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
      );
      setCookie(reply, token);
      return sessionBody(session);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'session' },
      schema: { tags: ['auth'], summary: '退出 Sign out', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await logout(ctx, requireSession(request), request.ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'session' },
      schema: {
        tags: ['auth'],
        summary: '当前用户 Current user',
        response: { 200: SessionResponse, 401: ErrorResponse },
      },
    },
    (request) => sessionBody(requireSession(request)),
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'session' },
      schema: {
        tags: ['auth'],
        summary: '修改密码 Change password (ends the user’s other sessions)',
        body: PasswordBody,
        response: { 204: Type.Null(), 400: ErrorResponse, 401: ErrorResponse },
      },
    },
    async (request, reply) => {
      const session = requireSession(request);
      const user = await findByUsername(ctx.db, session.user.username);
      if (!user || !(await verifyPassword(user.password_hash, request.body.currentPassword)))
        throw new AppError(400, 'PASSWORD_WRONG', '当前密码不正确', [
          { field: 'currentPassword', message: '不正确' },
        ]);
      checkPasswordPolicy(request.body.newPassword, user.username, 'newPassword');
      await setPassword(ctx.db, user.username, request.body.newPassword, {
        actor: session.actor,
        ip: request.ip,
        keepSessionId: session.sessionId,
      });
      ctx.sessions.deleteUser(user.id);
      return reply.code(204).send(null);
    },
  );

  oidcRoutes(app, ctx);
}
