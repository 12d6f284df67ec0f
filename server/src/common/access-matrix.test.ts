// The access-control matrix, generated from the route table: every endpoint × anonymous and
// every role. The table (access-matrix.ts) must name every route and agree with its declared
// access; then each caller without the right is refused before anything runs (401 without a
// session, 403 for a role without the action, audited), and each role with the right gets past
// the route guard. Data-level scope (every route × every role × a row in scope and rows out
// of scope) is proven by the data-scope matrix, common/scope-matrix.test.ts (docs/security.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../app';
import type { Role } from '../db/schema';
import { createTestApp, type SignedIn, type TestApp } from '../testing/app';
import { testDialects } from '../testing/databases';
import { rolesAllowed, routeCatalogue, type RouteInfo } from '../testing/routes';
import { ACCESS_MATRIX } from './access-matrix';

const ROLES: Role[] = ['sysadmin', 'supervisor', 'department', 'city', 'county', 'viewer'];
const GUARD_MESSAGE = '无权执行此操作';

describe.each(testDialects())('access-control matrix on $name', (dialect) => {
  let t: TestApp;
  let app: AppInstance;
  let routes: RouteInfo[];
  const signedIn = new Map<Role, SignedIn>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ app, routes } = await routeCatalogue(t.ctx));
    for (const role of ROLES) signedIn.set(role, await t.login(role));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  const keyOf = (r: RouteInfo) => `${r.method} ${r.url}`;
  const send = (route: RouteInfo, who: SignedIn | null) => {
    const body = route.method !== 'GET' && route.method !== 'DELETE';
    return app.inject({
      method: route.method as 'GET',
      url: route.url.replace(/:(\w+)/g, '1'),
      headers: {
        ...(who?.headers ?? {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { payload: '{}' } : {}),
    });
  };

  it('has an entry for every route, and every entry matches the route’s declared access', () => {
    const missing = routes.filter((r) => !(keyOf(r) in ACCESS_MATRIX)).map(keyOf);
    expect(missing, 'routes without an entry in access-matrix.ts').toEqual([]);
    const known = new Set(routes.map(keyOf));
    const stale = Object.keys(ACCESS_MATRIX).filter((k) => !known.has(k));
    expect(stale, 'entries for routes that no longer exist').toEqual([]);
    const changed = routes
      .filter((r) => ACCESS_MATRIX[keyOf(r)] !== r.access)
      .map((r) => `${keyOf(r)}: table ${ACCESS_MATRIX[keyOf(r)]}, route ${r.access}`);
    expect(changed).toEqual([]);
  });

  it('refuses every non-public route without a session (401)', async () => {
    const leaks: string[] = [];
    for (const route of routes.filter((r) => ACCESS_MATRIX[keyOf(r)] !== 'public')) {
      const res = await send(route, null);
      if (res.statusCode !== 401) leaks.push(`${keyOf(route)} → ${res.statusCode}`);
    }
    expect(leaks).toEqual([]);
  });

  it('refuses every role without the route’s action (403, audited) before any work', async () => {
    const leaks: string[] = [];
    const deniedBefore = await countDenied();
    let denials = 0;
    for (const route of routes) {
      const access = ACCESS_MATRIX[keyOf(route)]!;
      const allowed = new Set(rolesAllowed(access));
      for (const role of ROLES.filter((r) => !allowed.has(r))) {
        denials++;
        const res = await send(route, signedIn.get(role)!);
        const body = res.json<{ message?: string }>();
        if (res.statusCode !== 403 || body.message !== GUARD_MESSAGE)
          leaks.push(`${role} ${keyOf(route)} → ${res.statusCode} ${res.body.slice(0, 80)}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(denials).toBeGreaterThan(100);
    expect((await countDenied()) - deniedBefore).toBe(denials);
  });

  it('lets every role with the action past the route guard (reads)', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.method === 'GET')) {
      for (const role of rolesAllowed(ACCESS_MATRIX[keyOf(route)]!)) {
        const res = await send(route, signedIn.get(role)!);
        const refusedByGuard =
          res.statusCode === 401 ||
          (res.statusCode === 403 && res.json<{ message?: string }>().message === GUARD_MESSAGE);
        if (refusedByGuard || res.statusCode >= 500)
          wrong.push(`${role} ${keyOf(route)} → ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  const countDenied = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('outcome', '=', 'denied')
          .executeTakeFirstOrThrow()
      ).n,
    );
});
