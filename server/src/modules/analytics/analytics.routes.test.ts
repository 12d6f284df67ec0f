// The analytics API through the real app on SQLite and PostgreSQL: numbers recomputed from
// parts, approvals counted on the next request, scope (403, never foreign rows), bad input,
// publishing and the public portal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { testDialects } from '../../testing/databases';
import { createTestApp, type TestApp } from '../../testing/app';
import type { Role } from '../../db/schema';

interface Row {
  code: string;
  status: string;
  value: number | null;
  reason: string;
  provisional: boolean;
  target: number;
  targetBasis: string;
}

const NOW = new Date().toISOString();

describe.each(testDialects())('analytics on $name', (dialect) => {
  let t: TestApp;
  const cookies = new Map<Role, Record<string, string>>();
  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const role of [
      'supervisor',
      'city',
      'county',
      'department',
      'viewer',
      'sysadmin',
    ] as const)
      cookies.set(role, (await t.login(role)).headers);
  });
  afterAll(() => t.close());

  const get = (role: Role, url: string) =>
    t.app.inject({ url, headers: { cookie: cookies.get(role)!.cookie! } });
  const put = (
    role: Role,
    unit: string,
    element: string,
    period: string,
    value: number,
    status = 'approved',
  ) =>
    t.ctx.db
      .insertInto('data_values')
      .values({
        element_code: element,
        unit_code: unit,
        period,
        value,
        status: status as 'approved',
        updated_at: NOW,
        updated_by: role,
      })
      .execute();

  it('recomputes a ratio from summed parts at the city, never averaging', async () => {
    // 梅江区 1/10 = 10%, 梅县区 90/100 = 90%: the city is 91/110 = 82.73%, not 50%.
    for (const [unit, num, den] of [
      ['441402', 1, 10],
      ['441403', 90, 100],
    ] as const) {
      await put('county', unit, 'edu.public-kindergarten-pupils', '2024', num);
      await put('county', unit, 'edu.kindergarten-pupils', '2024', den);
    }
    const res = await get('supervisor', '/api/analytics/targets/T04.2?unit=441400');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ target: Row; trend: { actual: Array<{ value: number }> } }>();
    expect(body.target.value).toBeCloseTo((91 / 110) * 100, 6);
    expect(body.target.status).not.toBe('no_data');
    expect(body.target.reason).toContain('82.73%');
    expect(body.trend.actual.at(-1)!.value).toBeCloseTo(82.727, 2);
  });

  it('counts an approval on the very next request; submitted values only on request, marked', async () => {
    const url = '/api/analytics/targets/T01.1?unit=441400&period=2024-12';
    await put('county', '441403', 'emp.urban-new-jobs', '2024-01', 1000);
    const before = (await get('supervisor', url)).json<{ target: Row }>().target;
    expect(before.value).toBeCloseTo(0.1); // 1000 人 = 0.1 万人

    await put('county', '441402', 'emp.urban-new-jobs', '2024-01', 500, 'submitted');
    expect((await get('supervisor', url)).json<{ target: Row }>().target.value).toBeCloseTo(0.1);
    const withSubmitted = (await get('supervisor', `${url}&includeSubmitted=true`)).json<{
      target: Row;
    }>().target;
    expect(withSubmitted.value).toBeCloseTo(0.15);
    expect(withSubmitted.provisional).toBe(true);
    expect(withSubmitted.reason).toContain('含未审核数据');

    // The reporting module approves (a plain status update on data_values).
    await t.ctx.db
      .updateTable('data_values')
      .set({ status: 'approved' })
      .where('element_code', '=', 'emp.urban-new-jobs')
      .where('unit_code', '=', '441402')
      .execute();
    const after = (await get('supervisor', url)).json<{ target: Row }>().target;
    expect(after.value).toBeCloseTo(0.15);
    expect(after.provisional).toBe(false);
  });

  it('notices a deleted value on the next request too', async () => {
    const url = '/api/analytics/targets/T01.1?unit=441403&period=2024-12';
    await put('county', '441403', 'emp.urban-new-jobs', '2024-03', 2000);
    expect((await get('supervisor', url)).json<{ target: Row }>().target.value).toBeCloseTo(0.3);
    await t.ctx.db
      .deleteFrom('data_values')
      .where('element_code', '=', 'emp.urban-new-jobs')
      .where('period', '=', '2024-03')
      .execute();
    expect((await get('supervisor', url)).json<{ target: Row }>().target.value).toBeCloseTo(0.1);
  });

  it('gives a county its own values and a city’s count target its share of the province', async () => {
    await put('department', '440000', 'emp.urban-new-jobs', '2024-02', 0); // keeps province data
    const res = await get(
      'supervisor',
      '/api/analytics/targets/T01.1/units?unit=441400&period=2024-12',
    );
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      units: Array<{ unitCode: string; value: number | null; rank: number | null }>;
    }>();
    expect(body.units.map((u) => u.unitCode)).toContain('441403');
    expect(body.units.find((u) => u.unitCode === '441403')!.value).toBeCloseTo(0.1);
    expect(body.units.find((u) => u.unitCode === '441422')!.value).toBeNull();
    const city = (
      await get('supervisor', '/api/analytics/targets/T01.1?unit=441400&period=2024-12')
    ).json<{ target: Row }>().target;
    // 梅州 reported all of the province's jobs: its share is 100%, so its target is 550.
    expect(city.targetBasis).toBe('share');
    expect(city.target).toBeCloseTo(550);
  });

  it('lists every target in the overview with a status and a reason', async () => {
    const res = await get('supervisor', '/api/analytics/overview?period=2024-12');
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      counts: Record<string, number>;
      domains: Array<{ targets: Row[] }>;
      offTrack: Row[];
    }>();
    const rows = body.domains.flatMap((d) => d.targets);
    expect(rows.length).toBeGreaterThan(70);
    expect(Object.values(body.counts).reduce((a, b) => a + b, 0)).toBe(rows.length);
    expect(rows.every((r) => r.reason.length > 0)).toBe(true);
    expect(rows.find((r) => r.code === 'T04.2')!.status).not.toBe('no_data');
    expect(body.offTrack.every((r) => r.status === 'off_track')).toBe(true);
  });

  it('keeps users to their scope: 403 audited, no foreign rows', async () => {
    const denied = await get('city', '/api/analytics/overview?unit=440100');
    expect(denied.statusCode).toBe(403);
    expect(denied.json<{ message: string }>().message).toBe('无权访问该单位或领域的数据');
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['outcome', 'unit_code'])
      .where('outcome', '=', 'denied')
      .where('unit_code', '=', '440100')
      .execute();
    expect(audit.length).toBeGreaterThan(0);

    const own = await get('city', '/api/analytics/overview');
    expect(own.json<{ unit: { code: string } }>().unit.code).toBe('441400');
    expect((await get('city', '/api/analytics/targets/T01.1/units')).statusCode).toBe(200);
    expect((await get('city', '/api/analytics/targets/T01.1/units?unit=440000')).statusCode).toBe(
      403,
    );
    expect((await get('county', '/api/analytics/targets/T04.2/regions')).statusCode).toBe(403);

    const cities = (await get('city', '/api/analytics/cities?period=2024-12')).json<{
      cities: Array<{ code: string }>;
    }>();
    expect(cities.cities.map((c) => c.code)).toEqual(['441400']);

    // 省人力资源社会保障厅 leads domain 一 only.
    const dept = (await get('department', '/api/analytics/overview')).json<{
      domains: Array<{ code: string }>;
    }>();
    expect(dept.domains.map((d) => d.code)).toEqual(['D01']);
    expect((await get('department', '/api/analytics/targets/T04.2')).statusCode).toBe(403);
  });

  it("counts a city's open supervision items, its counties' included, in the composite", async () => {
    const sup = await t.login('supervisor');
    const issue = async (targetUnitCode: string, replyDue: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/supervision/items',
        headers: sup.headers,
        payload: {
          level: 'key',
          title: `督办${targetUnitCode}`,
          body: '请说明情况',
          targetUnitCode,
          replyDue,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ item: { id: number } }>().item.id;
    };
    const future = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await issue('441400', future);
    const countyItem = await issue('441403', future);
    await issue('440100', future);
    // One of 梅州's items falls overdue (the past cannot be issued through the API).
    await t.ctx.db
      .updateTable('supervision_items')
      .set({ reply_due: '2025-01-01' })
      .where('id', '=', countyItem)
      .execute();
    const rows = (await get('supervisor', '/api/analytics/cities')).json<{
      cities: Array<{ code: string; openSupervision: number; overdueSupervision: number }>;
    }>().cities;
    const of = (code: string) => rows.find((c) => c.code === code)!;
    expect(of('441400')).toMatchObject({ openSupervision: 2, overdueSupervision: 1 });
    expect(of('440100')).toMatchObject({ openSupervision: 1, overdueSupervision: 0 });
    expect(of('440300')).toMatchObject({ openSupervision: 0, overdueSupervision: 0 });
  });

  it('answers bad input with a clear Chinese error', async () => {
    const cases: Array<[string, number, string]> = [
      ['/api/analytics/targets/T99.9', 404, 'TARGET_NOT_FOUND'],
      ['/api/analytics/overview?unit=449999', 404, 'UNIT_NOT_FOUND'],
      ['/api/analytics/overview?unit=GD-HRSS', 400, 'UNIT_NOT_AREA'],
      ['/api/analytics/overview?period=2025-13', 400, 'PERIOD_INVALID'],
      ['/api/analytics/overview?period=2030', 400, 'PERIOD_OUTSIDE_PLAN'],
      ['/api/analytics/overview?period=2022Q4', 400, 'PERIOD_OUTSIDE_PLAN'],
    ];
    for (const [url, status, code] of cases) {
      const res = await get('supervisor', url);
      expect(res.statusCode, url).toBe(status);
      expect(res.json<{ code: string }>().code).toBe(code);
      expect(res.json<{ message: string }>().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await t.app.inject({ url: '/api/analytics/overview' })).statusCode).toBe(401);
  });

  it('compares regions and measures dispersion across cities', async () => {
    await put('county', '440106', 'edu.public-kindergarten-pupils', '2024', 60);
    await put('county', '440106', 'edu.kindergarten-pupils', '2024', 100);
    const res = await get('supervisor', '/api/analytics/targets/T04.2/regions?period=2024-12');
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      dispersionOf: string;
      years: Array<{
        year: number;
        regions: Record<string, number | null>;
        gap: number | null;
        cv: number | null;
        cities: number;
      }>;
    }>();
    const y2024 = body.years.find((y) => y.year === 2024)!;
    expect(body.dispersionOf).toBe('value');
    expect(y2024.regions['珠三角']).toBeCloseTo(60);
    expect(y2024.regions['粤北']).toBeCloseTo((91 / 110) * 100);
    expect(y2024.gap).toBeCloseTo((91 / 110) * 100 - 60);
    // Two cities, 60 and 82.73: CV = |a−b|/(a+b).
    expect(y2024.cities).toBe(2);
    expect(y2024.cv).toBeCloseTo((82.7273 - 60) / (82.7273 + 60), 3);
  });

  it('publishes a target (audited) and shows only approved data of published targets without login', async () => {
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/analytics/published/T04.2',
          headers: cookies.get('viewer'),
        })
      ).statusCode,
    ).toBe(403);
    const ok = await t.app.inject({
      method: 'PUT',
      url: '/api/analytics/published/T04.2',
      headers: cookies.get('supervisor'),
    });
    expect(ok.statusCode).toBe(204);
    const again = await t.app.inject({
      method: 'PUT',
      url: '/api/analytics/published/T04.2',
      headers: cookies.get('sysadmin'),
    });
    expect(again.statusCode).toBe(409);
    const unknown = await t.app.inject({
      method: 'PUT',
      url: '/api/analytics/published/T99.9',
      headers: cookies.get('supervisor'),
    });
    expect(unknown.statusCode).toBe(404);
    const events = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'target_id'])
      .where('action', '=', 'analytics.publish')
      .where('outcome', '=', 'ok')
      .execute();
    expect(events).toEqual([{ action: 'analytics.publish', target_id: 'T04.2' }]);

    // A submitted value must not reach the public.
    await put('county', '440106', 'edu.public-kindergarten-pupils', '2025', 99, 'submitted');
    await put('county', '440106', 'edu.kindergarten-pupils', '2025', 100, 'submitted');
    const pub = await t.app.inject({ url: '/api/public/progress' });
    expect(pub.statusCode).toBe(200);
    const progress = pub.json<{ targets: Row[] }>().targets;
    expect(progress.map((x) => x.code)).toEqual(['T04.2']);
    // (1 + 90 + 60) / (10 + 100 + 100) from 2024, approved only.
    expect(progress[0]!.value).toBeCloseTo((151 / 210) * 100, 6);

    const off = await t.app.inject({
      method: 'DELETE',
      url: '/api/analytics/published/T04.2',
      headers: cookies.get('supervisor'),
    });
    expect(off.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: '/api/public/progress' })).json<{ targets: Row[] }>().targets,
    ).toEqual([]);
  });

  it('exports a table as xlsx', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/analytics/export',
      headers: cookies.get('city'),
      payload: {
        title: '梅州市 指标',
        columns: ['指标', '数值'],
        rows: [
          ['T04.2', 82.73],
          ['T01.1', null],
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(2).values).toEqual([undefined, '指标', '数值']);
    expect(sheet.getRow(3).values).toEqual([undefined, 'T04.2', 82.73]);
  });
});
