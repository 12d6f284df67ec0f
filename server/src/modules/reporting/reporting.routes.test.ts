import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type SignedIn, type TestApp } from '../../testing/app';
import type { Role } from '../../db/schema';
import { todayCst } from '../../../../core/reporting';
import { loadCatalog, reportersUnder } from './catalog';

const MONTH = todayCst(new Date()).slice(0, 7);
const YEAR = MONTH.slice(0, 4);
const JOBS = 'D01-county-month';
const EDU = 'D02-county-year';
const MEIXIAN = '441403';
const MEIJIANG = '441402';
const MEIZHOU = '441400';

describe.each(testDialects())('reporting API on $name', (dialect) => {
  let t: TestApp;
  const sessions = new Map<Role, SignedIn>();
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  const as = async (role: Role) => {
    if (!sessions.has(role)) sessions.set(role, await t.login(role));
    return sessions.get(role)!;
  };
  const call = async (role: Role | null, method: string, url: string, payload?: unknown) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: role ? (await as(role)).headers : {},
      ...(payload !== undefined && { payload: payload as Record<string, unknown> }),
    });
  const save = (role: Role, values: unknown[], extra: Record<string, unknown> = {}) =>
    call(role, 'PUT', '/api/reporting/values', { values, ...extra });
  const jobs = (value: number | null, more: Record<string, unknown> = {}) => ({
    elementCode: 'emp.urban-new-jobs',
    unitCode: MEIXIAN,
    period: MONTH,
    value,
    ...more,
  });
  const key = (formCode: string, unitCode: string, period: string) => ({
    formCode,
    unitCode,
    period,
  });
  type Row = Record<string, unknown> & {
    elementCode: string;
    unitCode: string;
    kind: string;
    id: number;
    rollUp: boolean;
  };
  const rows = (res: { json: <T>() => T }, field: string): Row[] =>
    res.json<Record<string, Row[]>>()[field]!;
  const cellOf = (res: { json: <T>() => T }, code: string) =>
    rows(res, 'cells').find((c) => c.elementCode === code)!;
  const grid = async (role: Role, formCode: string, unitCode: string, period: string) =>
    call(role, 'GET', `/api/reporting/grid?form=${formCode}&unit=${unitCode}&period=${period}`);

  it('generates forms from the plan, with deadlines, approval chain and ratio rules', async () => {
    const res = await call('county', 'GET', '/api/reporting/forms');
    expect(res.statusCode).toBe(200);
    const forms = res.json().forms as Array<Record<string, unknown>>;
    const jobsForm = forms.find((f) => f.code === JOBS)!;
    expect(jobsForm).toMatchObject({
      periodType: 'month',
      reporterLevel: 'county',
      approvalLevels: ['city', 'department'],
      dueDays: 10,
      expiryDays: 30,
      domainCode: 'D01',
    });
    expect(jobsForm.elements).toContainEqual(
      expect.objectContaining({ code: 'emp.urban-new-jobs', aggregation: 'flow' }),
    );
    const edu = forms.find((f) => f.code === EDU)!;
    expect(edu.rules).toContainEqual(
      expect.objectContaining({
        left: 'edu.public-kindergarten-pupils',
        operator: '<=',
        right: 'edu.kindergarten-pupils',
        severity: 'blocking',
      }),
    );
    // Every data element of the plan is in exactly one form.
    const members = forms.flatMap((f) =>
      (f.elements as Array<{ code: string }>).map((e) => e.code),
    );
    expect(new Set(members).size).toBe(members.length);
    expect(members.length).toBe(
      t.ctx.plans ? (await t.ctx.plans.current())!.plan.dataElements.length : 0,
    );
  });

  it('documents every reporting endpoint in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    for (const p of [
      '/api/reporting/grid',
      '/api/reporting/values',
      '/api/reporting/inbox/approve',
      '/api/notifications',
    ])
      expect(paths).toContain(p);
  });

  it('refuses the API without a session (401)', async () => {
    expect((await call(null, 'GET', '/api/reporting/forms')).statusCode).toBe(401);
    expect(
      (await call(null, 'PUT', '/api/reporting/values', { values: [jobs(1)] })).statusCode,
    ).toBe(401);
  });

  it('saves a draft, keeps its history and shows it in the grid', async () => {
    const res = await save('county', [jobs(120, { comment: '首次填报' })]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, updated: 0, unchanged: 0, rejected: [] });
    expect(res.json().saved[0]).toMatchObject({ value: 120, version: 1 });
    const again = await save('county', [jobs(130, { baseVersion: 1 })]);
    expect(again.json()).toMatchObject({ created: 0, updated: 1 });
    const g = await grid('county', JOBS, MEIXIAN, MONTH);
    expect(g.statusCode).toBe(200);
    const cell = cellOf(g, 'emp.urban-new-jobs');
    expect(cell).toMatchObject({ value: 130, version: 2, comment: '首次填报' });
    expect(g.json().submission.state).toBe('draft');
    expect(g.json().permissions).toMatchObject({ edit: true, submit: true, approve: false });
    const h = await call(
      'county',
      'GET',
      `/api/reporting/values/history?element=emp.urban-new-jobs&unit=${MEIXIAN}&period=${MONTH}`,
    );
    expect(rows(h, 'history').map((x) => x.newValue)).toEqual([130, 120]);
    expect(h.json().history[0]).toMatchObject({
      oldValue: 120,
      changedBy: t.users.county.username,
      source: 'web',
    });
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'data.save')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    [[jobs(-3)], 'values/0/value', /负数/],
    [[jobs(1.5)], 'values/0/value', /整数/],
    [[jobs(1, { unitCode: '999999' })], 'values/0/unitCode', /不存在/],
    [[jobs(1, { period: '2025Q1' })], 'values/0/period', /按月/],
    [[jobs(1, { elementCode: 'nope.x' })], 'values/0/elementCode', /不存在/],
    [[jobs(1, { period: '2099-01' })], 'values/0/period', /尚未开始/],
  ])(
    'refuses bad values with the field and stores nothing (%#)',
    async (values, field, message) => {
      const before = await t.ctx.db.selectFrom('data_value_history').select('id').execute();
      const res = await save('county', values);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALUES_INVALID');
      expect(res.json().details[0]).toMatchObject({ field, row: 1 });
      expect(res.json().details[0].message).toMatch(message);
      expect(await t.ctx.db.selectFrom('data_value_history').select('id').execute()).toHaveLength(
        before.length,
      );
    },
  );

  it('refuses a text in a number cell through the schema (400 with the field)', async () => {
    const res = await save('county', [jobs('abc' as unknown as number)]);
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toMatch(/value/);
  });

  it('is all-or-nothing: one bad value rejects the whole batch; a dry run only reports', async () => {
    const batch = [jobs(140, { baseVersion: 2 }), jobs(-1, { elementCode: 'emp.reemployed' })];
    const res = await save('county', batch);
    expect(res.statusCode).toBe(400);
    const dry = await save('county', batch, { dryRun: true });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ updated: 1, rejected: [{ index: 1, field: 'value' }] });
    const g = await grid('county', JOBS, MEIXIAN, MONTH);
    expect(cellOf(g, 'emp.urban-new-jobs').value).toBe(130);
  });

  it('refuses a county writing another county (403, audited)', async () => {
    const res = await save('county', [jobs(1, { unitCode: MEIJIANG })]);
    expect(res.statusCode).toBe(403);
    const denied = await t.ctx.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('action', '=', 'data.write')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
    expect((await grid('county', JOBS, MEIJIANG, MONTH)).statusCode).toBe(403);
    expect((await save('viewer', [jobs(1)])).statusCode).toBe(403);
  });

  it('answers a stale save with 409 and both values, never overwriting', async () => {
    const res = await save('city', [jobs(999, { baseVersion: 1 })]);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('VALUE_CONFLICT');
    expect(res.json().conflicts[0]).toMatchObject({
      yourValue: 999,
      storedValue: 130,
      storedVersion: 2,
      updatedBy: t.users.county.username,
    });
    const g = await grid('county', JOBS, MEIXIAN, MONTH);
    expect(cellOf(g, 'emp.urban-new-jobs').value).toBe(130);
  });

  it('lets only one of two simultaneous edits of the same value win; the other gets 409', async () => {
    const cell = { elementCode: 'emp.hard-to-employ-employed', unitCode: MEIXIAN, period: MONTH };
    const [a, b] = await Promise.all([
      save('county', [{ ...cell, value: 7, baseVersion: 0 }]),
      save('city', [{ ...cell, value: 8, baseVersion: 0 }]),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    const conflict = loser.json<{ code: string }>();
    expect(conflict.code).toBe('VALUE_CONFLICT');
    const stored = await t.ctx.db
      .selectFrom('data_values')
      .select(['value', 'version'])
      .where('element_code', '=', cell.elementCode)
      .where('unit_code', '=', MEIXIAN)
      .where('period', '=', MONTH)
      .executeTakeFirstOrThrow();
    expect(stored.version).toBe(1);
    expect(stored.value).toBe(a.statusCode === 200 ? 7 : 8);
  });

  it('applies cross-element rules (numerator ≤ denominator) as blocking', async () => {
    const edu = (elementCode: string, value: number) => ({
      elementCode,
      unitCode: MEIXIAN,
      period: YEAR,
      value,
    });
    const res = await save('county', [
      edu('edu.kindergarten-pupils', 100),
      edu('edu.public-kindergarten-pupils', 150),
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0]).toMatchObject({ field: 'values/1/value' });
    expect(res.json().details[0].message).toMatch(/不应大于/);
    const ok = await save('county', [
      edu('edu.kindergarten-pupils', 100),
      edu('edu.public-kindergarten-pupils', 60),
    ]);
    expect(ok.statusCode).toBe(200);
    // Later lowering the denominator alone below the stored numerator is refused too.
    const later = await save('county', [edu('edu.kindergarten-pupils', 50)]);
    expect(later.statusCode).toBe(400);
  });

  it('flags outliers against the unit’s history and needs a comment before submit', async () => {
    const element = 'emp.reemployed';
    const db = t.ctx.db;
    const [y, m] = MONTH.split('-').map(Number) as [number, number];
    for (let i = 1; i <= 6; i++) {
      const d = new Date(Date.UTC(y, m - 1 - i, 1)).toISOString().slice(0, 7);
      await db
        .insertInto('data_values')
        .values({
          element_code: element,
          unit_code: MEIXIAN,
          period: d,
          value: 100 + i,
          status: 'approved',
          updated_at: new Date().toISOString(),
          updated_by: 'test',
          comment: null,
        })
        .execute();
    }
    const res = await save('county', [jobs(10_000, { elementCode: element })]);
    expect(res.statusCode).toBe(200);
    expect(res.json().warnings[0]).toMatchObject({ index: 0, field: 'value' });
    expect(res.json().warnings[0].message).toMatch(/中位数/);
    const g = await grid('county', JOBS, MEIXIAN, MONTH);
    const cell = cellOf(g, element);
    expect(cell.needsComment).toBe(true);
    expect(cell.previousValue).toBe(101);
    expect((cell.issues as unknown[])[0]).toMatchObject({ severity: 'warning', code: 'OUTLIER' });
    const submit = await call(
      'county',
      'POST',
      '/api/reporting/submissions/submit',
      key(JOBS, MEIXIAN, MONTH),
    );
    expect(submit.statusCode).toBe(400);
    expect(submit.json()).toMatchObject({
      code: 'COMMENT_REQUIRED',
      details: [{ field: element }],
    });
    const commented = await save('county', [
      jobs(10_000, { elementCode: element, comment: '当月集中招聘会' }),
    ]);
    expect(commented.json().updated).toBe(1);
  });

  it('submits; locks under review; the city approves; approved data is locked (423)', async () => {
    const res = await call(
      'county',
      'POST',
      '/api/reporting/submissions/submit',
      key(JOBS, MEIXIAN, MONTH),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'submitted' });
    const locked = await save('county', [jobs(1)]);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('DATA_LOCKED');
    const twice = await call(
      'county',
      'POST',
      '/api/reporting/submissions/submit',
      key(JOBS, MEIXIAN, MONTH),
    );
    expect(twice.statusCode).toBe(409);
    // The department is not the approver of a county: the city is.
    const dept = await call(
      'department',
      'POST',
      '/api/reporting/submissions/approve',
      key(JOBS, MEIXIAN, MONTH),
    );
    expect(dept.statusCode).toBe(403);
    const inbox = await call('city', 'GET', '/api/reporting/inbox');
    expect(inbox.json().items).toContainEqual(
      expect.objectContaining({ unitCode: MEIXIAN, formCode: JOBS, onTime: true }),
    );
    const approve = await call(
      'city',
      'POST',
      '/api/reporting/submissions/approve',
      key(JOBS, MEIXIAN, MONTH),
    );
    expect(approve.statusCode).toBe(200);
    expect(approve.json().state).toBe('approved');
    const after = await save('county', [jobs(2, { baseVersion: 2 })]);
    expect(after.statusCode).toBe(423);
    expect(after.json().message).toMatch(/已审核通过/);
    const status = await t.ctx.db
      .selectFrom('data_values')
      .select('status')
      .where('unit_code', '=', MEIXIAN)
      .where('period', '=', MONTH)
      .where('element_code', '=', 'emp.urban-new-jobs')
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('approved');
    const trail = (await grid('county', JOBS, MEIXIAN, MONTH)).json<{
      submission: { trail: Array<{ action: string }> };
    }>().submission.trail;
    expect(trail.map((e) => e.action)).toEqual(['submit', 'approve']);
  });

  it('notifies the unit concerned, lists and marks notifications read', async () => {
    const list = await call('county', 'GET', '/api/notifications');
    expect(list.statusCode).toBe(200);
    const approved = rows(list, 'notifications').find((n) => n.kind === 'submission.approve')!;
    expect(approved).toMatchObject({
      read: false,
      link: { formCode: JOBS, unitCode: MEIXIAN, period: MONTH },
    });
    expect((await call('city', 'GET', '/api/notifications')).json().notifications[0].kind).toBe(
      'submission.submit',
    );
    expect((await call('city', 'POST', `/api/notifications/${approved.id}/read`)).statusCode).toBe(
      403,
    );
    expect(
      (await call('county', 'POST', `/api/notifications/${approved.id}/read`)).statusCode,
    ).toBe(204);
    const unread = await call('county', 'GET', '/api/notifications?unread=true');
    expect(rows(unread, 'notifications').map((n) => n.id)).not.toContain(approved.id);
    expect(
      (await call('county', 'POST', '/api/notifications/read-all')).json().marked,
    ).toBeGreaterThanOrEqual(0);
    expect((await call(null, 'GET', '/api/notifications')).statusCode).toBe(401);
  });

  it('lets a city approve its own level only when all its counties are approved', async () => {
    const early = await call(
      'city',
      'POST',
      '/api/reporting/submissions/submit',
      key(JOBS, MEIZHOU, MONTH),
    );
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('CHILDREN_NOT_APPROVED');
    // The other counties of 梅州 are approved (set up directly), then the city may go on.
    const catalog = await loadCatalog(t.ctx.db);
    const others = reportersUnder(t.ctx.orgs, catalog.forms.get(JOBS)!, MEIZHOU).filter(
      (c) => c !== MEIXIAN,
    );
    const now = new Date().toISOString();
    await t.ctx.db
      .insertInto('report_submissions')
      .values(
        others.map((u) => ({
          form_code: JOBS,
          unit_code: u,
          period: MONTH,
          state: 'approved' as const,
          first_submitted_at: now,
          submitted_at: now,
          submitted_by: 'x',
          reviewed_at: now,
          reviewed_by: 'y',
          reason: null,
          updated_at: now,
        })),
      )
      .execute();
    // The city cannot approve its own roll-up: the department does.
    const rollUp = await call(
      'city',
      'POST',
      '/api/reporting/submissions/submit',
      key(JOBS, MEIZHOU, MONTH),
    );
    expect(rollUp.statusCode).toBe(200);
    expect(
      (await call('city', 'POST', '/api/reporting/submissions/approve', key(JOBS, MEIZHOU, MONTH)))
        .statusCode,
    ).toBe(403);
    const inbox = await call('department', 'GET', '/api/reporting/inbox');
    expect(inbox.json().items).toContainEqual(
      expect.objectContaining({ unitCode: MEIZHOU, rollUp: true }),
    );
    // A county under a submitted roll-up cannot be reopened until the roll-up is.
    const blocked = await call('city', 'POST', '/api/reporting/submissions/reopen', {
      ...key(JOBS, MEIXIAN, MONTH),
      reason: '数据有误',
    });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().code).toBe('PARENT_LOCKED');
    const bulk = await call('department', 'POST', '/api/reporting/inbox/approve', {});
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json().approved).toContainEqual(key(JOBS, MEIZHOU, MONTH));
  });

  it('lets only the domain’s department review, and a higher level reopen with a reason', async () => {
    // A D02 city-level roll-up is not renshe's (D01) to approve.
    const edu = await call(
      'county',
      'POST',
      '/api/reporting/submissions/submit',
      key(EDU, MEIXIAN, YEAR),
    );
    expect(edu.statusCode).toBe(200);
    const foreign = await call(
      'department',
      'POST',
      '/api/reporting/submissions/approve',
      key(EDU, MEIXIAN, YEAR),
    );
    expect(foreign.statusCode).toBe(403);
    expect(
      (await call('department', 'GET', '/api/reporting/inbox')).json().items,
    ).not.toContainEqual(expect.objectContaining({ formCode: EDU }));
    const noReason = await call(
      'department',
      'POST',
      '/api/reporting/submissions/reopen',
      key(JOBS, MEIZHOU, MONTH),
    );
    expect(noReason.statusCode).toBe(400);
    const reopen = await call('department', 'POST', '/api/reporting/submissions/reopen', {
      ...key(JOBS, MEIZHOU, MONTH),
      reason: '请核实梅县区数据',
    });
    expect(reopen.statusCode).toBe(200);
    expect(reopen.json()).toMatchObject({ state: 'returned', reason: '请核实梅县区数据' });
    expect(
      (
        await call('county', 'POST', '/api/reporting/submissions/reopen', {
          ...key(JOBS, MEIXIAN, MONTH),
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const county = await call('city', 'POST', '/api/reporting/submissions/reopen', {
      ...key(JOBS, MEIXIAN, MONTH),
      reason: '数据有误',
    });
    expect(county.statusCode).toBe(200);
    const edit = await save('county', [jobs(135, { baseVersion: 2 })]);
    expect(edit.statusCode).toBe(200);
    const notes = (await call('county', 'GET', '/api/notifications')).json().notifications;
    expect(notes[0]).toMatchObject({ kind: 'submission.reopen' });
    expect(notes[0].body).toMatch(/数据有误/);
  });

  it('returns with a reason, and the county resubmits', async () => {
    expect(
      (await call('county', 'POST', '/api/reporting/submissions/submit', key(JOBS, MEIXIAN, MONTH)))
        .statusCode,
    ).toBe(200);
    const noReason = await call(
      'city',
      'POST',
      '/api/reporting/submissions/return',
      key(JOBS, MEIXIAN, MONTH),
    );
    expect(noReason.statusCode).toBe(400);
    const ret = await call('city', 'POST', '/api/reporting/submissions/return', {
      ...key(JOBS, MEIXIAN, MONTH),
      reason: '请补充说明',
    });
    expect(ret.json().state).toBe('returned');
    expect(
      (
        await call('county', 'POST', '/api/reporting/submissions/submit', key(JOBS, MEIXIAN, MONTH))
      ).json().state,
    ).toBe('submitted');
  });

  it('reports completeness and timeliness for the units expected to report', async () => {
    const res = await call(
      'supervisor',
      'GET',
      `/api/reporting/completeness?form=${JOBS}&period=${MONTH}`,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const catalog = await loadCatalog(t.ctx.db);
    expect(body.summary.expected).toBe(rows(res, 'units').filter((u) => !u.rollUp).length);
    expect(body.summary.submitted).toBeGreaterThanOrEqual(
      reportersUnder(t.ctx.orgs, catalog.forms.get(JOBS)!, MEIZHOU).length,
    );
    const meizhou = rows(res, 'groups').find((g) => g.unitCode === MEIZHOU);
    expect(meizhou).toMatchObject({ reportingRate: 1, onTimeRate: 1 });
    const city = await call(
      'city',
      'GET',
      `/api/reporting/completeness?form=${JOBS}&period=${MONTH}`,
    );
    expect(rows(city, 'units').every((u) => u.unitCode.startsWith('4414'))).toBe(true);
    const bad = await call(
      'city',
      'GET',
      `/api/reporting/completeness?form=${JOBS}&period=${YEAR}`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('period');
    const late = await call('city', 'GET', '/api/reporting/late');
    expect(late.statusCode).toBe(200);
    // Nothing was submitted for last month: 梅县区 is late for the jobs form.
    expect(rows(late, 'items')).toContainEqual(
      expect.objectContaining({ unitCode: MEIXIAN, formCode: JOBS }),
    );
    const rollUp = await grid('city', JOBS, MEIZHOU, MONTH);
    expect(rollUp.json()).toMatchObject({ rollUp: true, total: 0 });
    expect(rows(rollUp, 'children')).toContainEqual(
      expect.objectContaining({ unitCode: MEIXIAN, state: 'submitted' }),
    );
    expect(rows(late, 'items').every((i) => i.unitCode.startsWith('4414'))).toBe(true);
  });

  it('refuses entry after the expiry date unless a reviewer returned it', async () => {
    const res = await save('county', [jobs(5, { period: '2024-01' })]);
    expect(res.statusCode).toBe(423);
    expect(res.json().details[0].message).toMatch(/截止录入/);
  });

  it('lets an administrator adjust a form; others may not', async () => {
    const patch = {
      dueDays: 12,
      expiryDays: 40,
      approvalLevels: ['city', 'department'],
      elements: [{ code: 'emp.urban-new-jobs', min: 0, max: 100000 }],
      rules: [
        {
          code: 'jobs-ge-hard',
          left: 'emp.urban-new-jobs',
          operator: '>=',
          right: 'emp.hard-to-employ-employed',
          severity: 'warning',
        },
      ],
    };
    const ok = await call('sysadmin', 'PATCH', `/api/reporting/forms/${JOBS}`, patch);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ dueDays: 12, expiryDays: 40 });
    expect(ok.json().rules).toContainEqual(
      expect.objectContaining({ code: 'jobs-ge-hard', origin: 'admin' }),
    );
    expect((await call('county', 'PATCH', `/api/reporting/forms/${JOBS}`, patch)).statusCode).toBe(
      403,
    );
    const bad = await call('sysadmin', 'PATCH', `/api/reporting/forms/${JOBS}`, {
      dueDays: 50,
      expiryDays: 40,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('expiryDays');
    const badRule = await call('sysadmin', 'PATCH', `/api/reporting/forms/${JOBS}`, {
      rules: [
        { code: 'x', left: 'nope', operator: '<=', right: 'emp.reemployed', severity: 'blocking' },
      ],
    });
    expect(badRule.json().details[0].field).toBe('rules/0/left');
    expect((await call('sysadmin', 'GET', '/api/reporting/forms/NOPE')).statusCode).toBe(404);
  });

  it('exports values within the caller’s scope only', async () => {
    const res = await call(
      'county',
      'GET',
      `/api/reporting/values?units=${MEIXIAN},${MEIJIANG}&periods=${MONTH}`,
    );
    expect(res.statusCode).toBe(200);
    const values = res.json().values as Array<{ unitCode: string }>;
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((v) => v.unitCode === MEIXIAN)).toBe(true);
    const dept = await call(
      'department',
      'GET',
      `/api/reporting/values?units=${MEIXIAN}&periods=${YEAR}`,
    );
    expect(dept.json().values).toEqual([]);
  });

  it('posts transitions to the unit’s webhook; a failing webhook is recorded, not fatal', async () => {
    const received: unknown[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += String(c)));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    expect(
      (await call('county', 'PUT', `/api/reporting/webhooks/${MEIJIANG}`, { url })).statusCode,
    ).toBe(403);
    expect(
      (await call('county', 'PUT', `/api/reporting/webhooks/${MEIXIAN}`, { url: 'ftp://x' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await call('county', 'PUT', `/api/reporting/webhooks/${MEIXIAN}`, { url })).statusCode,
    ).toBe(204);
    await call('city', 'POST', '/api/reporting/submissions/return', {
      ...key(JOBS, MEIXIAN, MONTH),
      reason: '回调测试',
    });
    for (let i = 0; i < 50 && !received.length; i++) await new Promise((r) => setTimeout(r, 20));
    expect(received[0]).toMatchObject({ kind: 'submission.return', unitCode: MEIXIAN });
    await new Promise<void>((r) => server.close(() => r()));
    await call('county', 'POST', '/api/reporting/submissions/submit', key(JOBS, MEIXIAN, MONTH));
    await call('city', 'POST', '/api/reporting/submissions/return', {
      ...key(JOBS, MEIXIAN, MONTH),
      reason: '接收方已关闭',
    });
    let hook = (await call('county', 'GET', `/api/reporting/webhooks/${MEIXIAN}`)).json();
    for (let i = 0; i < 100 && !hook.lastError; i++) {
      await new Promise((r) => setTimeout(r, 20));
      hook = (await call('county', 'GET', `/api/reporting/webhooks/${MEIXIAN}`)).json();
    }
    expect(hook.lastError).toBeTruthy();
  });
});
