// The data-scope matrix, generated from the route table: every route × every role × a row in
// scope and rows out of scope (another county of the city, another city, another domain), with
// the outcome each account's scope calls for. Reads out of scope answer 403/404 and lists hold
// no foreign row; writes out of scope are refused with nothing changed in the database; in scope
// both are allowed. The per-route entries live in scope-matrix.ts; a route without one fails.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../app';
import type { Role } from '../db/schema';
import { createTestApp, type SignedIn, type TestApp } from '../testing/app';
import { testDialects } from '../testing/databases';
import { rolesAllowed, routeCatalogue, type RouteInfo } from '../testing/routes';
import {
  POSITIONS,
  POSITION_KEYS,
  accountScopes,
  createScopeFixture,
  inScope,
  type AccountScope,
  type Position,
  type RowScope,
  type ScopeFixture,
} from '../testing/scope-fixture';
import { multipart } from '../modules/cases/cases.fixtures';
import { SCOPE_MATRIX, csvRows, type ScopeRequest, type ScopedEntry } from './scope-matrix';

const keyOf = (r: RouteInfo) => `${r.method} ${r.url}`;
const scoped = (key: string): ScopedEntry | null => {
  const e = SCOPE_MATRIX[key];
  return e && 'resource' in e ? e : null;
};
const READ = new Set(['GET']);

interface Account {
  scope: AccountScope;
  who: SignedIn;
}

describe.each(testDialects())('data-scope matrix on $name', (dialect) => {
  let t: TestApp;
  let app: AppInstance;
  let routes: RouteInfo[];
  let f: ScopeFixture;
  let accounts: Account[];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ app, routes } = await routeCatalogue(t.ctx));
    f = await createScopeFixture(t);
    const scopes = accountScopes(t);
    accounts = [];
    for (const scope of scopes) accounts.push({ scope, who: await t.login(scope.role) });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  const send = (route: RouteInfo, req: ScopeRequest, who: SignedIn) => {
    const method = (req.method ?? route.method) as 'GET';
    const headers: Record<string, string> = { ...who.headers };
    let payload: string | Buffer | undefined;
    if (req.form) {
      const body = multipart(req.form);
      headers['content-type'] = body.contentType;
      payload = body.payload;
    } else if (req.raw) {
      headers['content-type'] = req.raw.contentType;
      payload = req.raw.payload;
    } else if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(req.body);
    }
    return app.inject({
      method,
      url: req.url,
      headers,
      ...(payload !== undefined ? { payload } : {}),
    });
  };

  /** Roles with the route's action: the others are refused by the route guard (access-matrix.test.ts). */
  const callers = (route: RouteInfo) => {
    const allowed = new Set<Role>(rolesAllowed(route.access));
    return accounts.filter((a) => allowed.has(a.scope.role));
  };
  const visible = (entry: ScopedEntry, a: AccountScope, row: RowScope) =>
    entry.visible ? entry.visible(a, row) : inScope(a, row);
  const refused = (entry: ScopedEntry, status: number, body: string) =>
    entry.refused ? entry.refused(status, body) : status === 403 || status === 404;

  it('has a scope entry for every route, and none for a route that does not exist', () => {
    const missing = routes
      .filter((r) => !(keyOf(r) in SCOPE_MATRIX))
      .map(
        (r) =>
          `add to SCOPE_MATRIX in server/src/common/scope-matrix.ts: '${keyOf(r)}': { unscoped: '<why it touches no unit or domain data>' }` +
          ` — or { provinceWide: '<action>' } if only sysadmin/supervisor hold ${r.access}` +
          ` — or { resource, rowAt, probe: (f, p) => ({ url }) | list: (f) => [{ url }], tables (writes) } for unit/domain data`,
      );
    expect(missing, 'routes without a scope entry').toEqual([]);
    const known = new Set(routes.map(keyOf));
    const stale = Object.keys(SCOPE_MATRIX).filter((k) => !known.has(k));
    expect(stale, 'scope entries for routes that no longer exist').toEqual([]);
    const empty = Object.keys(SCOPE_MATRIX).filter((k) => {
      const e = scoped(k);
      return e && !e.probe && !e.list;
    });
    expect(empty, 'scoped entries without a probe or list request').toEqual([]);
  });

  it('lets only province-wide roles call the routes marked provinceWide', () => {
    const wrong = routes
      .filter((r) => 'provinceWide' in (SCOPE_MATRIX[keyOf(r)] ?? {}))
      .filter((r) =>
        rolesAllowed(r.access).some((role) => role !== 'sysadmin' && role !== 'supervisor'),
      )
      .map(
        (r) =>
          `${keyOf(r)} (${r.access}) is granted to ${rolesAllowed(r.access).join(', ')}: give it a scoped entry`,
      );
    expect(wrong).toEqual([]);
  });

  it('answers reads in scope, refuses them out of scope, and lists hold no foreign rows', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const route of routes.filter((r) => READ.has(r.method))) {
      const entry = scoped(keyOf(route));
      if (!entry) continue;
      for (const a of callers(route)) {
        for (const p of entry.probe ? POSITION_KEYS : []) {
          const req = entry.probe!(f, p);
          const res = await send(route, req, a.who);
          const expected = visible(entry, a.scope, entry.rowAt(p));
          checked++;
          const label = `${a.scope.username} ${keyOf(route)} ${POSITIONS[p].label} (${req.url})`;
          if (expected && res.statusCode >= 300)
            wrong.push(`in scope refused: ${label} → ${res.statusCode} ${res.body.slice(0, 120)}`);
          else if (!expected && !refused(entry, res.statusCode, res.body))
            wrong.push(`LEAK: ${label} → ${res.statusCode}`);
          else if (expected) wrong.push(...(await foreignRows(entry, a.scope, res, label)));
        }
        for (const req of entry.list?.(f) ?? []) {
          const res = await send(route, req, a.who);
          checked++;
          const label = `${a.scope.username} ${keyOf(route)} (${req.url})`;
          if (res.statusCode >= 300)
            wrong.push(`list refused: ${label} → ${res.statusCode} ${res.body.slice(0, 120)}`);
          else wrong.push(...(await foreignRows(entry, a.scope, res, label)));
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  }, 120_000);

  it('refuses writes out of scope and changes nothing in the database', async () => {
    const wrong: string[] = [];
    let refusals = 0;
    for (const route of routes.filter((r) => !READ.has(r.method))) {
      const entry = scoped(keyOf(route));
      if (!entry?.probe) continue;
      for (const a of callers(route))
        for (const p of POSITION_KEYS) {
          if (visible(entry, a.scope, entry.rowAt(p))) continue;
          const req = entry.probe(f, p);
          const before = await snapshot(entry);
          const res = await send(route, req, a.who);
          const label = `${a.scope.username} ${keyOf(route)} ${POSITIONS[p].label}`;
          refusals++;
          if (!refused(entry, res.statusCode, res.body))
            wrong.push(`LEAK: ${label} → ${res.statusCode} ${res.body.slice(0, 120)}`);
          else if ((await snapshot(entry)) !== before)
            wrong.push(`LEAK: ${label} → ${res.statusCode} but the database changed`);
        }
    }
    expect(wrong).toEqual([]);
    expect(refusals).toBeGreaterThan(50);
  }, 120_000);

  it('allows writes in scope', async () => {
    const wrong: string[] = [];
    const writes = routes
      .filter((r) => !READ.has(r.method) && scoped(keyOf(r))?.probe !== undefined)
      // Deletes and one-way decisions last: they use their row up.
      .sort((x, y) => Number(!!scoped(keyOf(x))!.consumes) - Number(!!scoped(keyOf(y))!.consumes));
    let allowed = 0;
    for (const route of writes) {
      const entry = scoped(keyOf(route))!;
      const used = new Set<Position>();
      for (const a of callers(route))
        for (const p of POSITION_KEYS) {
          if (!visible(entry, a.scope, entry.rowAt(p))) continue;
          if (entry.consumes && used.has(p)) continue;
          used.add(p);
          const res = await send(route, entry.probe!(f, p), a.who);
          allowed++;
          const label = `${a.scope.username} ${keyOf(route)} ${POSITIONS[p].label}`;
          const unchecked = entry.inScopeUnchecked?.roles.includes(a.scope.role);
          // A later caller may meet a state the first one left (409, 423): still past the scope check.
          const ok = unchecked
            ? res.statusCode < 500 && res.statusCode !== 401
            : res.statusCode < 300 || res.statusCode === 409 || res.statusCode === 423;
          if (!ok)
            wrong.push(`in scope refused: ${label} → ${res.statusCode} ${res.body.slice(0, 160)}`);
        }
    }
    expect(wrong).toEqual([]);
    expect(allowed).toBeGreaterThan(30);
  }, 120_000);

  /** Rows of the answer outside the caller's scope, and foreign fixture rows named in it. */
  async function foreignRows(
    entry: ScopedEntry,
    a: AccountScope,
    res: { headers: Record<string, unknown>; body: string; rawPayload: Buffer },
    label: string,
  ): Promise<string[]> {
    const type = typeof res.headers['content-type'] === 'string' ? res.headers['content-type'] : '';
    let text: string;
    let rows: RowScope[];
    if (type.includes('json')) {
      const json: unknown = JSON.parse(res.body);
      text = res.body;
      rows = entry.rows ? entry.rows(json, f) : defaultRows(json);
    } else if (type.includes('csv')) {
      text = res.body;
      rows = csvRows(text, f);
    } else if (type.includes('spreadsheetml')) {
      text = await xlsxText(res.rawPayload);
      rows = [];
    } else return [];
    const out = rows
      .filter((row) => !visible(entry, a, row))
      .slice(0, 3)
      .map((row) => `LEAK: ${label} lists ${JSON.stringify(row)}`);
    for (const p of POSITION_KEYS) {
      const marker = entry.marker ? entry.marker(p) : POSITIONS[p].label;
      if (!visible(entry, a, entry.rowAt(p)) && text.includes(marker))
        out.push(`LEAK: ${label} names the out-of-scope ${marker}`);
    }
    return out;
  }

  function defaultRows(json: unknown): RowScope[] {
    const out: RowScope[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        const unit = o.unitCode ?? o.orgUnit;
        if (typeof unit === 'string') {
          const element = (o.elementCode ?? o.dataElement) as string | undefined;
          const domain =
            (o.domainCode as string | undefined) ??
            (typeof o.formCode === 'string' ? formDomain(o.formCode) : undefined) ??
            (element ? f.elementDomains.get(element) : undefined) ??
            null;
          out.push({ units: [unit], domain });
        }
        Object.values(o).forEach(walk);
      }
    };
    walk(json);
    return out;
  }

  function formDomain(code: string): string | undefined {
    return (['D01', 'D07'] as const).find((d) => f.forms[d].code === code);
  }

  async function snapshot(entry: ScopedEntry): Promise<string> {
    const units = Object.values(POSITIONS).flatMap((p) => [p.unit, p.city]);
    const parts: string[] = [];
    for (const spec of entry.tables ?? []) {
      const [table, column] = Array.isArray(spec) ? spec : [spec, null];
      let q = t.ctx.db.selectFrom(table as 'ledger_items').selectAll();
      if (column) q = q.where(column as 'owner_unit_code', 'in', units);
      const rows = (await q.execute()).map((r) => JSON.stringify(r)).sort();
      parts.push(`${table}:${rows.length}:${rows.join('\n')}`);
    }
    return parts.join('\n');
  }
});

async function xlsxText(buffer: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  const cells: string[] = [];
  book.eachSheet((sheet) =>
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text ?? '')))),
  );
  return cells.join('\n');
}
