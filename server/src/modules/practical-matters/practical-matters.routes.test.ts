// 十件民生实事 through the real app on both databases: a year's list with statuses computed
// from reported values, the supervision office's edits, every bad input refused with a placed
// Chinese message and nothing changed, read-only roles, and the bulletin's section.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type SignedIn, type TestApp } from '../../testing/app';
import { yearStatus } from './practical-matters.service';
import type { MatterListDto, MatterDto } from './practical-matters.schema';

const COUNTY = '441403'; // 梅县区 (a county of 梅州市)
const NOW = new Date().toISOString();

const target = (over: Record<string, unknown> = {}) => ({
  code: 'SS2025-01-1',
  text: '全年城镇新增就业10万人以上',
  indicator: '城镇新增就业人数',
  measure: { element: 'emp.urban-new-jobs' },
  comparator: '>=',
  value: 10,
  unit: '万人',
  kind: 'cumulative',
  deadline: '2025-12-31',
  ...over,
});
const body = (over: Record<string, unknown> = {}) => ({
  year: 2025,
  seq: 1,
  title: '促进高质量充分就业',
  description: '帮扶城镇新增就业和失业人员再就业',
  leadUnit: 'GD-HRSS',
  taskRefs: [{ domainCode: 'D01', taskNumber: 1 }],
  targets: [target()],
  ...over,
});

interface ErrorBody {
  code: string;
  message: string;
  details: Array<{ field: string; message: string }>;
}

describe.each(testDialects())('十件民生实事 on $name', (dialect) => {
  let t: TestApp;
  let sup: SignedIn;
  let viewer: SignedIn;
  let dept: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    [sup, viewer, dept] = await Promise.all([
      t.login('supervisor'),
      t.login('viewer'),
      t.login('department'),
    ]);
    // 2025: 12 万 new jobs by February at one county (approved); 2026: 1 万 a month.
    const values = [
      { period: '2025-01', value: 60_000 },
      { period: '2025-02', value: 60_000 },
      ...Array.from({ length: 6 }, (_, i) => ({ period: `2026-0${i + 1}`, value: 10_000 })),
    ];
    await t.ctx.db
      .insertInto('data_values')
      .values(
        values.map((v) => ({
          element_code: 'emp.urban-new-jobs',
          unit_code: COUNTY,
          period: v.period,
          value: v.value,
          status: 'approved' as const,
          updated_at: NOW,
          updated_by: 'test',
        })),
      )
      .execute();
  });
  afterAll(() => t?.close());

  const send = (who: SignedIn, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: who.headers, payload });
  const get = (who: SignedIn, url: string) =>
    t.app.inject({ url, headers: { cookie: who.cookie } });
  const list = async (year: number) =>
    (await get(sup, `/api/practical-matters?year=${year}`)).json<MatterListDto>();
  const auditCount = async (action: string) =>
    (
      await t.ctx.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n;

  let id: number;

  it('creates a matter and judges its target from the reported values', async () => {
    const res = await send(sup, 'POST', '/api/practical-matters', body());
    expect(res.statusCode, res.body).toBe(201);
    const { matter } = res.json<{ matter: MatterDto }>();
    id = matter.id;
    expect(matter).toMatchObject({
      year: 2025,
      seq: 1,
      leadUnitName: '省人力资源社会保障厅',
      taskRefs: [{ domainCode: 'D01', taskNumber: 1, title: '实施就业岗位扩容提质行动' }],
      status: 'achieved',
      version: 1,
    });
    expect(matter.rows[0]).toMatchObject({ code: 'SS2025-01-1', status: 'achieved', value: 12 });
    expect(Number(await auditCount('matters.create'))).toBe(1);
  });

  it('lists the year for every reader, with counts and the year end as the date', async () => {
    for (const who of [viewer, dept]) {
      const res = await get(who, '/api/practical-matters?year=2025');
      expect(res.statusCode, res.body).toBe(200);
      const l = res.json<MatterListDto>();
      expect(l).toMatchObject({ year: 2025, asOf: '2025-12-31', canManage: false });
      expect(l.counts.achieved).toBe(1);
      expect(l.matters.map((m) => m.title)).toEqual(['促进高质量充分就业']);
    }
    expect((await list(2025)).canManage).toBe(true);
    const outside = await get(viewer, '/api/practical-matters?year=2031');
    expect(outside.statusCode).toBe(400);
    expect(outside.json<ErrorBody>().message).toContain('不在计划期');
    expect((await get(viewer, `/api/practical-matters/${id}`)).statusCode).toBe(200);
  });

  it('exports the year as a workbook, one row per target', async () => {
    const res = await get(viewer, '/api/practical-matters/export?year=2025');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(
      encodeURIComponent('2025年十件民生实事.xlsx'),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(2).getCell(2).value).toBe('民生实事');
    expect(sheet.getRow(3).values).toEqual(
      expect.arrayContaining([1, '促进高质量充分就业', 'SS2025-01-1', 12, 10, '已完成']),
    );
  });

  it('turns a target on track while the year runs (judged mid-year)', async () => {
    const res = await send(
      sup,
      'POST',
      '/api/practical-matters',
      body({
        year: 2026,
        targets: [target({ code: 'SS2026-01-1', value: 11, deadline: '2026-12-31' })],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const status = await yearStatus(t.ctx, 2026, '2026-07-15');
    expect(status.asOf).toBe('2026-07-15');
    const [m] = status.matters;
    expect(m!.rows[0]).toMatchObject({ status: 'on_track', value: 6 });
    expect(m!.status).toBe('on_track');
  });

  it('edits a matter, recomputing the status of the changed target', async () => {
    const res = await send(sup, 'PUT', `/api/practical-matters/${id}`, {
      ...body({ title: '促进高质量充分就业（调整）', targets: [target({ value: 20 })] }),
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    const { matter } = res.json<{ matter: MatterDto }>();
    expect(matter).toMatchObject({ title: '促进高质量充分就业（调整）', version: 2 });
    // 12 万 of 20 万 and the year is over.
    expect(matter.rows[0]).toMatchObject({ status: 'off_track', target: 20 });
    expect(Number(await auditCount('matters.update'))).toBe(1);
  });

  const refused = async (
    method: 'POST' | 'PUT',
    url: string,
    payload: object,
    field: string,
    words: string,
  ) => {
    const before = JSON.stringify((await list(2025)).matters);
    const res = await send(sup, method, url, payload);
    expect(res.statusCode, res.body).toBe(400);
    const e = res.json<ErrorBody>();
    expect(e.code).toBe('MATTER_INVALID');
    expect(e.details.map((d) => d.field)).toContain(field);
    expect(e.message).toContain(words);
    expect(JSON.stringify((await list(2025)).matters)).toBe(before);
  };

  it('refuses bad input with placed Chinese messages and changes nothing', async () => {
    const post = (over: Record<string, unknown>, field: string, words: string) =>
      refused('POST', '/api/practical-matters', body({ seq: 2, ...over }), field, words);
    await post(
      { targets: [target({ code: 'X1', measure: { element: 'no.such' } })] },
      'targets[0].measure.element',
      '数据项“no.such”',
    );
    await post({ seq: 1, targets: [target({ code: 'X2' })] }, 'seq', '第1件民生实事已存在');
    await post(
      { targets: [target({ code: 'X3', deadline: '2026-03-31' })] },
      'targets[0].deadline',
      '不在 2025 年之内',
    );
    await post({ targets: [target()] }, 'targets[0].code', '已被第1件使用');
    await post({ taskRefs: [{ domainCode: 'D01', taskNumber: 99 }] }, 'taskRefs[0]', '任务99');
    await post({ year: 2030 }, 'year', '不在计划期');
    await refused(
      'PUT',
      `/api/practical-matters/${id}`,
      { ...body({ targets: [target({ measure: { element: 'no.such' } })] }), version: 2 },
      'targets[0].measure.element',
      '数据项“no.such”',
    );
    expect(Number(await auditCount('matters.update'))).toBe(1);
  });

  it('refuses an eleventh matter of a year', async () => {
    for (let seq = 1; seq <= 10; seq += 1) {
      const code = `SS2027-${String(seq).padStart(2, '0')}-1`;
      const res = await send(
        sup,
        'POST',
        '/api/practical-matters',
        body({ year: 2027, seq, targets: [target({ code, deadline: '2027-12-31' })] }),
      );
      expect(res.statusCode, res.body).toBe(201);
    }
    const res = await send(
      sup,
      'POST',
      '/api/practical-matters',
      body({ year: 2027, seq: 10, targets: [target({ code: 'X11', deadline: '2027-12-31' })] }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().message).toContain('每年至多十件');
    expect((await list(2027)).matters).toHaveLength(10);
  });

  it('keeps one of two racing creations of the same number', async () => {
    const make = (code: string) =>
      send(
        sup,
        'POST',
        '/api/practical-matters',
        body({ year: 2026, seq: 7, targets: [target({ code, deadline: '2026-12-31' })] }),
      );
    const results = await Promise.all([make('R1'), make('R2')]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(201);
    expect([400, 409]).toContain(codes[1]);
    expect((await list(2026)).matters.filter((m) => m.seq === 7)).toHaveLength(1);
  });

  it('refuses stale versions, and deletes at the current one', async () => {
    const stale = await send(sup, 'PUT', `/api/practical-matters/${id}`, {
      ...body(),
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorBody>().message).toContain('已被他人修改');
    const [last] = (await list(2027)).matters.slice(-1);
    expect(
      (await send(sup, 'DELETE', `/api/practical-matters/${last!.id}?version=9`)).statusCode,
    ).toBe(409);
    const del = await send(sup, 'DELETE', `/api/practical-matters/${last!.id}?version=1`);
    expect(del.statusCode, del.body).toBe(204);
    expect((await list(2027)).matters).toHaveLength(9);
    expect((await get(sup, `/api/practical-matters/${last!.id}`)).statusCode).toBe(404);
    expect(Number(await auditCount('matters.delete'))).toBe(1);
  });

  it('lets neither a viewer nor a department write', async () => {
    for (const who of [viewer, dept]) {
      expect((await send(who, 'POST', '/api/practical-matters', body({ seq: 5 }))).statusCode).toBe(
        403,
      );
      expect(
        (await send(who, 'PUT', `/api/practical-matters/${id}`, { ...body(), version: 2 }))
          .statusCode,
      ).toBe(403);
      expect((await send(who, 'DELETE', `/api/practical-matters/${id}?version=2`)).statusCode).toBe(
        403,
      );
    }
    expect((await list(2025)).matters[0]).toMatchObject({ id, version: 2 });
  });

  it('puts the year’s matters into the bulletin, docx and HTML alike', async () => {
    const res = await send(sup, 'POST', '/api/bulletins', { kind: 'quarterly', period: '2025Q4' });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json<{ id: number; document: { sections: Array<{ heading: string }> } }>();
    const headings = b.document.sections.map((s) => s.heading);
    expect(headings).toContain('四、2025年十件民生实事推进情况');
    const html = await get(sup, `/api/bulletins/${b.id}/html`);
    expect(html.body).toContain('2025年十件民生实事推进情况');
    expect(html.body).toContain('促进高质量充分就业（调整）');
    const docx = await get(sup, `/api/bulletins/${b.id}/docx`);
    expect(docx.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('2025年十件民生实事推进情况');
    expect(text).toContain('促进高质量充分就业（调整）');
  });
});
