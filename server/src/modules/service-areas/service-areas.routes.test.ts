/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- JSON
   answers are read as `any` on purpose: the assertions are the type check. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type SignedIn, type TestApp } from '../../testing/app';
import { generatePassword } from '../auth/password';
import { createUser } from '../users/users.service';
import { base64, HAND_ROWS, toCsv, toXlsx, type FixtureRow } from './service-areas.fixtures';
import { serviceAreaMeasures } from './service-areas.measures';

const today = () => new Date().toISOString().slice(0, 10);

const area = (over: Record<string, unknown> = {}) => ({
  name: '雁洋服务区',
  road: 'G78 汕昆高速',
  roadClass: 'expressway',
  direction: '东行',
  cityCode: '441400',
  countyCode: '441403',
  longitude: 116.1,
  latitude: 24.3,
  parkingSpaces: 50,
  chargingSpaces: 2,
  chargerCount: 1,
  chargerPowerKw: 120,
  status: 'existing',
  statusDate: null,
  operator: '广东省高速公路有限公司',
  ...over,
});

describe.each(testDialects())('service-areas API on $name', (dialect) => {
  let t: TestApp;
  let city: SignedIn;
  let transport: SignedIn;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    city = await t.login('city');
    const password = generatePassword();
    await createUser(
      t.ctx.db,
      {
        username: 'transport-api',
        displayName: '省交通运输厅',
        password,
        role: 'department',
        unitCode: 'GD-TRANSPORT',
      },
      { label: 'test' },
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'transport-api', password },
    });
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const csrf = res.json<{ csrfToken: string }>().csrfToken;
    transport = { cookie, csrfToken: csrf, headers: { cookie, 'x-csrf-token': csrf } };
  });
  afterAll(() => t.close());

  const post = (who: SignedIn, url: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });
  const get = (who: SignedIn, url: string) =>
    t.app.inject({ method: 'GET', url, headers: who.headers });
  const importFile = (who: SignedIn, fileName: string, content: string | Buffer, extra = {}) =>
    post(who, '/api/service-areas/import', { fileName, contentBase64: base64(content), ...extra });
  const count = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('service_areas')
          .select(t.ctx.db.fn.countAll<number>().as('n'))
          .where('deleted_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('import', () => {
    it('reports every bad row with its sheet, row and column in a dry run, and writes nothing', async () => {
      const bad: FixtureRow[] = [
        HAND_ROWS[0]!,
        [
          '甲服务区',
          'G25 长深高速',
          '高速公路',
          '南行',
          '441400',
          '',
          116.1,
          24.3,
          40,
          50,
          5,
          600,
          '已建',
          '',
          '',
        ], // charging > parking (row 3)
        [
          '乙服务区',
          'G25 长深高速',
          '高速公路',
          '南行',
          '441400',
          '',
          116.1,
          24.3,
          -5,
          0,
          0,
          0,
          '已建',
          '',
          '',
        ], // negative (row 4)
        [
          '丙服务区',
          'G25 长深高速',
          '高速公路',
          '南行',
          '441400',
          '',
          121.5,
          31.2,
          40,
          5,
          2,
          100,
          '已建',
          '',
          '',
        ], // Shanghai (row 5)
        [
          '丁服务区',
          'G25 长深高速',
          '快速路',
          '南行',
          '441400',
          '',
          116.1,
          24.3,
          40,
          5,
          2,
          100,
          '已建',
          '',
          '',
        ], // road class (row 6)
        [
          '戊服务区',
          'G25 长深高速',
          '高速公路',
          '南行',
          '449900',
          '',
          116.1,
          24.3,
          40,
          5,
          2,
          100,
          '已建',
          '',
          '',
        ], // unit code (row 7)
        HAND_ROWS[0]!, // duplicate of row 2 (row 8)
      ];
      const xlsx = await toXlsx(bad);
      const res = await importFile(city, 'bad.xlsx', xlsx, { dryRun: true });
      expect(res.statusCode).toBe(200);
      const report = res.json();
      const at = (row: number) => report.errors.filter((e: { row: number }) => e.row === row);
      expect(report.errors.every((e: { sheet: string }) => e.sheet === '服务区台账')).toBe(true);
      expect(at(3)[0]).toMatchObject({ column: 'J列（充电车位）' });
      expect(at(3)[0].message).toContain('充电车位数（50）不能大于小型客车停车位数（40）');
      expect(at(4)[0].message).toContain('不能为负数');
      expect(at(4)[0].column).toContain('小型客车停车位');
      expect(at(5)[0].message).toContain('不在广东省境内');
      expect(at(6)[0].message).toContain('未知取值“快速路”');
      expect(at(7)[0].message).toContain('未知地市代码“449900”');
      expect(at(8)[0].message).toContain('与第2行重复');
      expect(report.errors).toHaveLength(6);
      expect(await count()).toBe(0);

      const real = await importFile(city, 'bad.xlsx', xlsx);
      expect(real.statusCode).toBe(400);
      expect(real.json().code).toBe('IMPORT_INVALID');
      expect(real.json().message).toContain('工作表“服务区台账”第3行');
      expect(real.json().details[0]).toMatchObject({ row: 3 });
      expect(await count()).toBe(0);
    });

    it('refuses rows outside the city’s own area, whole file untouched', async () => {
      const res = await importFile(city, 'hand.csv', toCsv(HAND_ROWS));
      expect(res.statusCode).toBe(400);
      expect(res.json().details.map((d: { row: number }) => d.row)).toEqual([5, 6]); // 广州 rows
      expect(res.json().details[0].message).toContain('无权导入本单位辖区以外的服务区');
      expect(await count()).toBe(0);
    });

    it('imports a csv all at once after a clean dry run', async () => {
      const dry = await importFile(transport, 'hand.csv', toCsv(HAND_ROWS), { dryRun: true });
      expect(dry.statusCode).toBe(200);
      expect(dry.json()).toMatchObject({ dryRun: true, rows: 5, created: 5, errors: [] });
      expect(await count()).toBe(0);
      const res = await importFile(transport, 'hand.csv', toCsv(HAND_ROWS));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ dryRun: false, created: 5, updated: 0 });
      expect(await count()).toBe(5);
      const audit = await t.ctx.db
        .selectFrom('audit_events')
        .select('details')
        .where('action', '=', 'serviceArea.import')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.details)).toMatchObject({ fileName: 'hand.csv', created: 5 });
    });

    it('rejects re-importing the same areas unless asked to update them', async () => {
      const again = await importFile(transport, 'hand.csv', toCsv(HAND_ROWS));
      expect(again.statusCode).toBe(400);
      expect(again.json().details[0].message).toContain('服务区已在台账中');
      const rows = HAND_ROWS.map((r, i) => (i === 0 ? r.map((v, j) => (j === 9 ? 15 : v)) : r));
      const upsert = await importFile(transport, 'hand.csv', toCsv(rows), {
        mode: 'upsert',
        dryRun: true,
      });
      expect(upsert.json()).toMatchObject({ created: 0, updated: 5, errors: [] });
    });
  });

  describe('compliance', () => {
    it('agrees with the hand calculation per area, per city and for the province', async () => {
      const res = await get(transport, '/api/service-areas/compliance');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.province.expressway).toMatchObject({
        areas: 3,
        parkingSpaces: 200,
        chargingSpaces: 21,
        ratioPercent: 10.5,
        assessed: 3,
        compliant: 1,
        gap: 11,
        aggregateGap: 9,
      });
      expect(body.province.national).toMatchObject({
        parkingSpaces: 55,
        chargingSpaces: 5,
        gap: 1,
        compliant: 0,
      });
      expect(body.province.national.ratioPercent).toBeCloseTo(9.0909, 3);
      expect(body.province.gap).toBe(12);
      const meizhou = body.cities.find((c: { cityCode: string }) => c.cityCode === '441400');
      expect(meizhou.expressway).toMatchObject({ parkingSpaces: 140, chargingSpaces: 18, gap: 5 });
      expect(meizhou.gap).toBe(6);
      expect(meizhou.newOrUpgraded).toBe(1);
      const guangzhou = body.cities.find((c: { cityCode: string }) => c.cityCode === '440100');
      expect(guangzhou.expressway).toMatchObject({ ratioPercent: 5, gap: 6 });
      expect(body.newOrUpgraded).toEqual({ count: 2, target: 120 });
      expect(body.fixFirst.map((a: { name: string; gap: number }) => [a.name, a.gap])).toEqual([
        ['从化服务区', 6],
        ['梅县服务区', 5],
        ['蕉岭服务区', 1],
      ]);
    });

    it('recomputes with a what-if threshold', async () => {
      const body = (await get(transport, '/api/service-areas/compliance?expressway=20')).json();
      // required ceil(20), ceil(8), ceil(12) → gaps 10, 0, 9
      expect(body.province.expressway.gap).toBe(19);
    });

    it('plans the gap per city and year, and exports it as xlsx', async () => {
      const even = (
        await get(transport, '/api/service-areas/gap-plan?fromYear=2025&toYear=2027')
      ).json();
      expect(even.years).toEqual([2025, 2026, 2027]);
      const row = (code: string) => even.rows.find((r: { key: string }) => r.key === code);
      expect(row('441400')).toMatchObject({
        gap: 6,
        expresswayGap: 5,
        nationalGap: 1,
        perYear: [2, 2, 2],
      });
      const front = (
        await get(
          transport,
          '/api/service-areas/gap-plan?fromYear=2025&toYear=2027&spread=front-loaded&national=20',
        )
      ).json();
      // national 20%: ceil(11) − 5 = 6 → 梅州 5 + 6 = 11 → 11×3/6=5.5, 3.67, 1.83 → 5,4,2
      expect(front.rows.find((r: { key: string }) => r.key === '441400')).toMatchObject({
        gap: 11,
        perYear: [5, 4, 2],
      });
      const bad = await get(transport, '/api/service-areas/gap-plan?fromYear=2027&toYear=2026');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toContain('起始年份（2027）不能晚于目标年份（2026）');

      const file = await get(
        transport,
        '/api/service-areas/gap-plan.xlsx?fromYear=2025&toYear=2027',
      );
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const values: unknown[][] = [];
      ws.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
      expect(values.find((r) => r[0] === '441400')).toEqual(['441400', '梅州市', 5, 1, 6, 2, 2, 2]);
    });
  });

  describe('scope', () => {
    it('shows a city only its own areas, a county only its county’s, another department none', async () => {
      const cityList = (await get(city, '/api/service-areas')).json().items;
      expect(cityList.map((a: { cityCode: string }) => a.cityCode)).toEqual([
        '441400',
        '441400',
        '441400',
      ]);
      const county = await t.login('county');
      const countyList = (await get(county, '/api/service-areas')).json().items;
      expect(countyList.map((a: { direction: string }) => a.direction).sort()).toEqual([
        '北行',
        '南行',
      ]);
      const hrss = await t.login('department');
      expect((await get(hrss, '/api/service-areas')).json().items).toEqual([]);
      const supervisor = await t.login('supervisor');
      expect((await get(supervisor, '/api/service-areas')).json().items).toHaveLength(5);
      const cityCompliance = (await get(city, '/api/service-areas/compliance')).json();
      expect(cityCompliance.province).toBeNull();
      expect(cityCompliance.cities.map((c: { cityCode: string }) => c.cityCode)).toEqual([
        '441400',
      ]);
    });

    it('lets a city edit only its own areas', async () => {
      const all = (await get(transport, '/api/service-areas')).json().items;
      const gz = all.find((a: { cityCode: string }) => a.cityCode === '440100');
      expect((await get(city, `/api/service-areas/${gz.id}`)).statusCode).toBe(404);
      const put = await t.app.inject({
        method: 'PUT',
        url: `/api/service-areas/${gz.id}`,
        headers: city.headers,
        payload: area({ cityCode: '440100', countyCode: null }),
      });
      expect(put.statusCode).toBe(404);
      const create = await post(
        city,
        '/api/service-areas',
        area({ cityCode: '440100', countyCode: null, longitude: 113.3, latitude: 23.3 }),
      );
      expect(create.statusCode).toBe(403);
      const viewer = await t.login('viewer');
      expect((await post(viewer, '/api/service-areas', area())).statusCode).toBe(403);
    });
  });

  describe('bad input through the API', () => {
    it.each([
      [{ chargingSpaces: 60 }, 'chargingSpaces', '不能大于小型客车停车位数'],
      [{ parkingSpaces: -1 }, 'parkingSpaces', '不能为负数'],
      [{ chargerCount: 1.5 }, 'chargerCount', '须为整数'],
      [{ longitude: 126.6, latitude: 45.8 }, 'longitude', '不在广东省境内'],
      [{ longitude: 112.0, latitude: 25.5 }, 'longitude', '不在广东省境内'], // Hunan, inside the box
      [{ roadClass: 'motorway' }, 'roadClass', '未知取值“motorway”'],
      [{ cityCode: '440000' }, 'cityCode', '未知地市代码'],
      [{ countyCode: '440103' }, 'countyCode', '不属于梅州市'],
      [{ status: 'new', statusDate: '2022-06-01' }, 'statusDate', '不能早于 2023-01-01'],
      [{ status: 'upgraded', statusDate: null }, 'statusDate', '须填写'],
    ])('%o → 400 on %s', async (over, field, text) => {
      const res = await post(city, '/api/service-areas', area(over));
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('SERVICE_AREA_INVALID');
      expect(res.json().details[0].field).toBe(field);
      expect(res.json().message).toContain(text);
    });

    it('refuses a duplicate (same name, road and direction) with 409', async () => {
      const res = await post(
        city,
        '/api/service-areas',
        area({ name: '梅县服务区', road: 'G25 长深高速', direction: '南行' }),
      );
      expect(res.statusCode).toBe(409);
      expect(res.json().message).toBe('服务区已存在：梅县服务区（G25 长深高速，南行）');
    });
  });

  describe('history', () => {
    let id: number;
    it('creates, changes and removes an area, keeping each state with its date', async () => {
      const created = await post(city, '/api/service-areas', area({ effectiveDate: '2024-01-01' }));
      expect(created.statusCode).toBe(201);
      id = created.json().id;
      const put = (payload: object) =>
        t.app.inject({
          method: 'PUT',
          url: `/api/service-areas/${id}`,
          headers: city.headers,
          payload,
        });
      expect(
        (await put(area({ chargingSpaces: 10, effectiveDate: '2025-06-01' }))).statusCode,
      ).toBe(204);
      const early = await put(area({ chargingSpaces: 12, effectiveDate: '2025-01-01' }));
      expect(early.statusCode).toBe(400);
      expect(early.json().message).toContain('不能早于该服务区上次变更的生效日期（2025-06-01）');
      const detail = (await get(city, `/api/service-areas/${id}`)).json();
      expect(detail.area.chargingSpaces).toBe(10);
      expect(
        detail.history.map((h: { validFrom: string; chargingSpaces: number }) => [
          h.validFrom,
          h.chargingSpaces,
        ]),
      ).toEqual([
        ['2024-01-01', 2],
        ['2025-06-01', 10],
      ]);
    });

    it('gives the bound measures’ value at any past date', async () => {
      const ratio = serviceAreaMeasures['service-areas.charging-ratio.expressway']!;
      const db = t.ctx.db;
      expect(await ratio(db, { unitCode: '441400', at: '2023-12-31' })).toEqual({
        value: null,
        numerator: 0,
        denominator: 0,
      });
      expect(await ratio(db, { unitCode: '441400', at: '2024-12-31' })).toEqual({
        value: 4,
        numerator: 2,
        denominator: 50,
      });
      expect(await ratio(db, { unitCode: '441400', at: '2025-07-01' })).toEqual({
        value: 20,
        numerator: 10,
        denominator: 50,
      });
      // Today: the imported areas too (梅州 expressway 18 + 10 over 140 + 50).
      const now = await ratio(db, { unitCode: '441400', at: today() });
      expect(now).toMatchObject({ numerator: 28, denominator: 190 });
      const province = await ratio(db, { unitCode: '440000', at: today() });
      expect(province).toMatchObject({ numerator: 31, denominator: 250 });
      const national = serviceAreaMeasures['service-areas.charging-ratio.national']!;
      expect((await national(db, { unitCode: '440000', at: today() })).value).toBeCloseTo(
        (5 / 55) * 100,
        6,
      );
      const count = serviceAreaMeasures['service-areas.new-or-upgraded']!;
      expect(await count(db, { unitCode: '440000', at: today() })).toEqual({ value: 2 });
      expect(await count(db, { unitCode: '441400', at: today() })).toEqual({ value: 1 });
      expect(await count(db, { unitCode: '440000', at: '2024-12-31' })).toEqual({ value: 0 });
      const past = (await get(transport, '/api/service-areas/compliance?at=2024-12-31')).json();
      expect(past.areas).toBe(1);
      expect(past.province.expressway.ratioPercent).toBe(4);
    });

    it('removes an area from today on, but not from the past', async () => {
      const del = await t.app.inject({
        method: 'DELETE',
        url: `/api/service-areas/${id}`,
        headers: city.headers,
        payload: { reason: '撤并' },
      });
      expect(del.statusCode).toBe(204);
      expect((await get(city, `/api/service-areas/${id}`)).statusCode).toBe(404);
      const ratio = serviceAreaMeasures['service-areas.charging-ratio.expressway']!;
      expect((await ratio(t.ctx.db, { unitCode: '441400', at: '2025-07-01' })).value).toBe(20);
      const events = await t.ctx.db
        .selectFrom('audit_events')
        .select('action')
        .where('action', 'like', 'serviceArea.%')
        .execute();
      expect(events.map((e) => e.action)).toEqual(
        expect.arrayContaining(['serviceArea.create', 'serviceArea.update', 'serviceArea.delete']),
      );
    });
  });
});
