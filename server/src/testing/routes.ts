// The route catalogue of the running app, for tests that must cover every endpoint (fuzzing,
// the access-control matrix): method, URL, declared access and request schemas.
import type { RouteOptions } from 'fastify';
import { buildApp, type AppInstance } from '../app';
import type { RouteAccess } from '../common/access';
import { can } from '../common/policy';
import type { AppContext } from '../context';
import type { Role } from '../db/schema';

export interface RouteInfo {
  method: string;
  url: string;
  access: RouteAccess;
  body?: JsonSchema;
  querystring?: JsonSchema;
  params?: JsonSchema;
}

/** The JSON Schema subset TypeBox produces. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
}

/** Builds a second app on `ctx` and returns it with every /api route it registered. */
export async function routeCatalogue(
  ctx: AppContext,
): Promise<{ app: AppInstance; routes: RouteInfo[] }> {
  const routes: RouteInfo[] = [];
  const app = await buildApp(ctx, {
    onRoute: (route: RouteOptions) => {
      if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const schema = (route.schema ?? {}) as Record<string, JsonSchema | undefined>;
      for (const method of methods) {
        if (method === 'HEAD') continue;
        routes.push({
          method,
          url: route.url,
          access: route.config!.access!,
          body: schema.body,
          querystring: schema.querystring,
          params: schema.params,
        });
      }
    },
  });
  await app.ready();
  return { app, routes };
}

const ROLE_PREFERENCE: Role[] = [
  'supervisor',
  'department',
  'city',
  'county',
  'sysadmin',
  'viewer',
];

/** Roles whose policy grants the route's access (every role for public/session routes). */
export function rolesAllowed(access: RouteAccess): Role[] {
  if (access === 'public' || access === 'session') return ROLE_PREFERENCE;
  return ROLE_PREFERENCE.filter((role) =>
    can(
      { userId: 0, username: '', role, unitCode: null, unitScope: 'all', domainScope: 'all' },
      access,
    ),
  );
}
