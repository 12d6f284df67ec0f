// Route-level access: every /api route declares `config.access` — 'public', 'session' (any
// signed-in user) or a policy action. The app refuses to start if a route declares nothing,
// so no endpoint can be added without deciding who may call it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Action, Actor, Resource } from './policy';
import { can } from './policy';
import { forbidden, unauthenticated } from './errors';
import { recordAudit } from '../modules/audit/audit.service';
import type { AppContext } from '../context';
import type { ResolvedSession } from '../modules/auth/auth.service';

export type RouteAccess = 'public' | 'session' | Action;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
}

export function requireSession(request: FastifyRequest): ResolvedSession {
  if (!request.session) throw unauthenticated();
  return request.session;
}

export function requireActor(request: FastifyRequest): Actor {
  return requireSession(request).actor;
}

/** Throws 403 (and audits the denial) unless the actor may do `action` to `resource`. */
export async function authorize(
  ctx: AppContext,
  request: FastifyRequest,
  action: Action,
  resource: Resource = {},
): Promise<Actor> {
  const actor = requireActor(request);
  if (can(actor, action, resource)) return actor;
  await recordAudit(ctx.db, {
    action,
    outcome: 'denied',
    actor,
    ip: request.ip,
    unitCode: resource.unitCode ?? null,
    details: { method: request.method, url: request.url, domainCode: resource.domainCode ?? null },
  });
  throw forbidden(
    resource.unitCode || resource.domainCode ? '无权访问该单位或领域的数据' : undefined,
  );
}

export function accessGuard(ctx: AppContext) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;
    requireSession(request);
    if (access !== 'session') await authorize(ctx, request, access);
  };
}

/** Makes registering an /api route without `config.access` an error at start-up. */
export function enforceAccessDeclarations(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const undeclared = !route.config?.access;
    if (route.url.startsWith('/api/') && !route.url.startsWith('/api/docs') && undeclared)
      throw new Error(`Route ${String(route.method)} ${route.url} declares no config.access`);
  });
}
