import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type SignedIn, type TestApp } from '../../testing/app';
import { todayCst } from '../../../../core/reporting/deadlines';
import { refreshLedgerStatuses } from './ledgers.service';
import type { DetailResponse, ImportReport, ListResponse, ReportResponse } from './ledgers.schema';
import { multipartForm, tinyPdf, tinyPng } from './ledgers.test-files';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe.each(testDialects())('ledgers API on $name', (dialect) => {
  let t: TestApp;
  let sup: SignedIn;
  let dept: SignedIn;
  let city: SignedIn;
  let county: SignedIn;
  const today = todayCst(new Date());

  beforeAll(async () => {
    t = await createTestApp(dialect);
    sup = await t.login('supervisor');
    dept = await t.login('department');
    city = await t.login('city');
    county = await t.login('county');
  });
  afterAll(() => t?.close());

  const item = (over: Record<string, unknown> = {}) => ({
    taskNumber: 1,
    title: '建设梅州市零工市场',
    description: '依托公共就业服务机构建设零工市场，提供岗位对接服务',
    ownerUnitCode: 'GD-HRSS',
    cooperatingUnits: ['441400'],
    cityCode: '441400',
    startDate: '2024-01-01',
    dueDate: '2027-12-31',
    budget: 150,
    targetCodes: ['T01.1'],
    milestones: [
      { title: '完成选址', dueDate: '2024-06-30', definitionOfDone: '取得选址批复' },
      { title: '投入运营', dueDate: addDays(today, 40), definitionOfDone: '零工市场挂牌运营' },
    ],
    ...over,
  });
  const post = (who: SignedIn, url: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });
  const get = (who: SignedIn, url: string) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  const create = async (who: SignedIn, over: Record<string, unknown> = {}) => {
    const res = await post(who, '/api/ledgers', item(over));
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number; code: string }>();
  };
  const report = (
    who: SignedIn,
    id: number,
    fields: Record<string, string | number | boolean>,
    files: Array<[string, Buffer]> = [],
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/ledgers/${id}/progress`,
      headers: who.headers,
      payload: multipartForm(fields, files),
    });
  const count = async (table: 'ledger_items' | 'ledger_progress_reports' | 'evidence_files') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  let meizhou: { id: number; code: string };
  let guangzhou: { id: number; code: string };

  it('lets the lead department create items of its own domain, numbered per task', async () => {
    meizhou = await create(dept);
    expect(meizhou.code).toBe('T01-001');
    guangzhou = await create(dept, {
      title: '广州市就业驿站提质',
      cooperatingUnits: [],
      cityCode: '440100',
      milestones: [],
    });
    expect(guangzhou.code).toBe('T01-002');
    const list = await get(dept, '/api/ledgers?task=1');
    const body = list.json<ListResponse>();
    expect(body.total).toBe(2);
    const m = body.items.find((i) => i.id === meizhou.id)!;
    expect(m).toMatchObject({
      ownerUnitName: '省人力资源社会保障厅',
      cityName: '梅州市',
      percentDone: 0,
      status: 'delayed',
      statusReason: expect.stringContaining('里程碑“完成选址”已逾期') as unknown,
      canEdit: true,
      canReport: true,
    });
    // The past milestone is open: the list flags it overdue.
    expect(m.milestones.map((x) => x.overdue)).toEqual([true, false]);
  });

  it('refuses another domain’s task to a department (403, audited) and unknown ones to anybody', async () => {
    const res = await post(dept, '/api/ledgers', item({ taskNumber: 4, targetCodes: [] }));
    expect(res.statusCode).toBe(403);
    const denied = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('outcome', '=', 'denied')
      .where('action', '=', 'ledger.write')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
    const unknown = await post(sup, '/api/ledgers', item({ taskNumber: 99 }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ details: [{ field: 'taskNumber' }] });
    const city403 = await post(city, '/api/ledgers', item());
    expect(city403.statusCode).toBe(403);
  });

  it('refuses bad dates with placed Chinese errors and stores nothing', async () => {
    const before = await count('ledger_items');
    const early = await post(dept, '/api/ledgers', item({ dueDate: '2023-12-31', milestones: [] }));
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({
      code: 'LEDGER_INVALID',
      details: [
        { field: 'dueDate', message: '完成时限（dueDate）2023-12-31早于开始日期2024-01-01' },
      ],
    });
    const outside = await post(
      dept,
      '/api/ledgers',
      item({ milestones: [{ title: '验收', dueDate: '2028-03-01', definitionOfDone: '' }] }),
    );
    expect(outside.statusCode).toBe(400);
    expect(outside.json<{ details: Array<{ field: string }> }>().details[0]!.field).toBe(
      'milestones[0].dueDate',
    );
    const unknownUnit = await post(dept, '/api/ledgers', item({ ownerUnitCode: 'GD-NOPE' }));
    expect(unknownUnit.json()).toMatchObject({ details: [{ field: 'ownerUnitCode' }] });
    expect(await count('ledger_items')).toBe(before);
  });

  it('edits with an optimistic version and answers 409 to a stale one', async () => {
    const detail = (await get(dept, `/api/ledgers/${meizhou.id}`)).json<DetailResponse>();
    const milestones = detail.item.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueDate: m.dueDate,
      definitionOfDone: m.definitionOfDone,
    }));
    const edit = (version: number, title: string) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/ledgers/${meizhou.id}`,
        headers: dept.headers,
        payload: { ...item({ title, milestones }), version },
      });
    const first = await edit(1, '建设梅州市零工市场（一期）');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ version: 2 });
    const stale = await edit(1, '别人的修改');
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'LEDGER_VERSION_CONFLICT' });
    const after = (await get(dept, `/api/ledgers/${meizhou.id}`)).json<DetailResponse>();
    expect(after.item).toMatchObject({ title: '建设梅州市零工市场（一期）', version: 2 });
    expect(after.item.milestones.map((m) => m.id)).toEqual(milestones.map((m) => m.id));
  });

  it('shows a city only the items of its units, and lets it report on none of the others', async () => {
    const list = (await get(city, '/api/ledgers')).json<ListResponse>();
    expect(list.items.map((i) => i.id)).toEqual([meizhou.id]);
    expect((await get(city, `/api/ledgers/${guangzhou.id}`)).statusCode).toBe(404);
    const res = await report(city, guangzhou.id, { percentDone: 10, text: '越权报送' });
    expect(res.statusCode).toBe(403);
    expect((await get(county, '/api/ledgers')).json<ListResponse>().total).toBe(0);
  });

  it('stores a progress report with a real PNG and PDF, and serves them within scope', async () => {
    const png = tinyPng();
    const pdf = tinyPdf();
    const res = await report(
      city,
      meizhou.id,
      {
        percentDone: 35,
        text: '已完成选址，正在装修',
        milestoneId: await firstMilestoneId(),
        milestoneDone: true,
        version: 2,
      },
      [
        ['现场照片.png', png],
        ['批复.pdf', pdf],
      ],
    );
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<ReportResponse>();
    expect(body).toMatchObject({ percentDone: 35, version: 3 });
    expect(body.evidence.map((e) => [e.fileName, e.mediaType, e.size])).toEqual([
      ['现场照片.png', 'image/png', png.length],
      ['批复.pdf', 'application/pdf', pdf.length],
    ]);
    const detail = (await get(dept, `/api/ledgers/${meizhou.id}`)).json<DetailResponse>();
    expect(detail.item.percentDone).toBe(35);
    expect(detail.item.milestones[0]!.doneOn).toBe(today);
    expect(detail.reports[0]).toMatchObject({ text: '已完成选址，正在装修', unitCode: '441400' });
    expect(detail.reports[0]!.evidence).toHaveLength(2);

    const download = await get(city, body.evidence[0]!.url);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload.equals(png)).toBe(true);
    expect((await get(dept, body.evidence[1]!.url)).rawPayload.equals(pdf)).toBe(true);
    expect((await get(county, body.evidence[0]!.url)).statusCode).toBe(403);
  });

  async function firstMilestoneId(): Promise<number> {
    const d = (await get(dept, `/api/ledgers/${meizhou.id}`)).json<DetailResponse>();
    return d.item.milestones[0]!.id;
  }

  it('refuses a .png that is text (400) and a file over 10 MB (413), storing nothing', async () => {
    const reports = await count('ledger_progress_reports');
    const files = await count('evidence_files');
    const liar = await report(city, meizhou.id, { percentDone: 40, text: '附照片' }, [
      ['ok.pdf', tinyPdf()],
      ['照片.png', Buffer.from('this is plain text, not an image')],
    ]);
    expect(liar.statusCode).toBe(400);
    expect(liar.json()).toMatchObject({
      code: 'EVIDENCE_INVALID',
      details: [{ field: 'files[1]' }],
    });
    expect(liar.json<{ message: string }>().message).toContain('照片.png');
    const big = Buffer.concat([tinyPdf(), Buffer.alloc(10 * 1024 * 1024)]);
    const tooLarge = await report(city, meizhou.id, { percentDone: 40, text: '附大文件' }, [
      ['大文件.pdf', big],
    ]);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ code: 'FILE_TOO_LARGE' });
    const badPercent = await report(city, meizhou.id, { percentDone: 120, text: 'x' });
    expect(badPercent.json()).toMatchObject({ details: [{ field: 'percentDone' }] });
    expect(await count('ledger_progress_reports')).toBe(reports);
    expect(await count('evidence_files')).toBe(files);
  });

  it('needs a reason to override the proposed status, and notifies the owner of a turn to delayed', async () => {
    const proposal = await get(dept, `/api/ledgers/${meizhou.id}/proposal?percentDone=50`);
    expect(proposal.json()).toMatchObject({ status: 'on_track' });
    const noReason = await report(dept, meizhou.id, {
      percentDone: 50,
      text: '推进中',
      status: 'delayed',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ details: [{ field: 'overrideReason' }] });
    const ok = await report(dept, meizhou.id, {
      percentDone: 50,
      text: '装修进度受阻',
      status: 'delayed',
      overrideReason: '施工单位停工，预计延误两个月',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'delayed', proposedStatus: 'on_track' });
    const item = (await get(city, `/api/ledgers/${meizhou.id}`)).json<DetailResponse>().item;
    expect(item).toMatchObject({
      status: 'delayed',
      statusOverrideReason: '施工单位停工，预计延误两个月',
    });
    const notes = await t.ctx.db
      .selectFrom('notifications')
      .select(['unit_code', 'kind'])
      .where('kind', '=', 'ledger.delayed')
      .execute();
    expect(notes).toEqual([{ unit_code: 'GD-HRSS', kind: 'ledger.delayed' }]);
  });

  it('refreshLedgerStatuses turns an item delayed once its milestone passes', async () => {
    const fresh = await create(sup, {
      title: '建设零工驿站',
      milestones: [
        { title: '完成选址', dueDate: addDays(today, 100), definitionOfDone: '选址批复' },
      ],
    });
    const r = await report(dept, fresh.id, { percentDone: 60, text: '已开工' });
    expect(r.json()).toMatchObject({ status: 'on_track' });
    const quiet = await refreshLedgerStatuses(t.ctx, new Date());
    expect(quiet.changed).toBe(0);
    const later = new Date(Date.parse(`${addDays(today, 112)}T04:00:00Z`));
    const result = await refreshLedgerStatuses(t.ctx, later);
    expect(result.changed).toBeGreaterThanOrEqual(1);
    const row = await t.ctx.db
      .selectFrom('ledger_items')
      .select('status')
      .where('id', '=', fresh.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('delayed');
    // The overridden item keeps the person's status.
    const overridden = await t.ctx.db
      .selectFrom('ledger_items')
      .select('status')
      .where('id', '=', meizhou.id)
      .executeTakeFirstOrThrow();
    expect(overridden.status).toBe('delayed');
    expect((await refreshLedgerStatuses(t.ctx, later)).changed).toBe(0);
  });

  it('deletes only items without reports', async () => {
    const withReports = await t.app.inject({
      method: 'DELETE',
      url: `/api/ledgers/${meizhou.id}`,
      headers: dept.headers,
    });
    expect(withReports.statusCode).toBe(409);
    const spare = await create(dept, { title: '临时事项', milestones: [] });
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/ledgers/${spare.id}`,
      headers: dept.headers,
    });
    expect(res.statusCode).toBe(204);
    expect((await get(dept, `/api/ledgers/${spare.id}`)).statusCode).toBe(404);
  });

  describe('Excel export and import', () => {
    const exportTask1 = async () => {
      const res = await get(dept, '/api/ledgers/export.xlsx?task=1');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain(XLSX);
      return res.rawPayload;
    };
    const upload = (file: Buffer, dryRun: boolean) =>
      t.app.inject({
        method: 'POST',
        url: `/api/ledgers/import?dryRun=${dryRun}`,
        headers: { ...dept.headers, 'content-type': XLSX },
        payload: file,
      });
    const load = async (file: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file as unknown as ArrayBuffer);
      return wb;
    };
    const headings = (ws: ExcelJS.Worksheet) => {
      const map = new Map<string, number>();
      ws.getRow(2).eachCell((c, i) => map.set(c.text, i));
      return map;
    };
    const rowOf = (ws: ExcelJS.Worksheet, code: string) => {
      const col = headings(ws).get('事项编号')!;
      for (let r = 3; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(col).value === code) return r;
      throw new Error(`no row ${code}`);
    };

    it('exports one row per item in the departments’ layout, units by name', async () => {
      const ws = (await load(await exportTask1())).worksheets[0]!;
      expect([...headings(ws).keys()]).toEqual([
        '序号',
        '任务编号',
        '任务名称',
        '事项编号',
        '工作事项',
        '具体内容',
        '牵头单位',
        '配合单位',
        '地市',
        '开始日期',
        '完成时限',
        '阶段节点',
        '预算（万元）',
        '关联指标',
        '完成进度(%)',
        '状态',
        '最新进展',
      ]);
      const h = headings(ws);
      const r = ws.getRow(rowOf(ws, meizhou.code));
      expect(r.getCell(h.get('牵头单位')!).value).toBe('省人力资源社会保障厅');
      expect(r.getCell(h.get('配合单位')!).value).toBe('梅州市');
      expect(r.getCell(h.get('阶段节点')!).text).toContain(
        `2024-06-30 完成选址：取得选址批复（已完成${today}）`,
      );
      expect(r.getCell(h.get('状态')!).value).toBe('滞后');
    });

    it('re-imports its own export without changing anything', async () => {
      const before = await t.ctx.db.selectFrom('ledger_items').select(['id', 'version']).execute();
      const file = await exportTask1();
      const dry = await upload(file, true);
      expect(dry.statusCode, dry.body).toBe(200);
      const report = dry.json<ImportReport>();
      expect(report).toMatchObject({ created: 0, updated: 0, errors: [] });
      expect(report.unchanged).toBe(report.rows);
      expect((await upload(file, false)).json()).toMatchObject({ created: 0, updated: 0 });
      const after = await t.ctx.db.selectFrom('ledger_items').select(['id', 'version']).execute();
      expect(after).toEqual(before);
    });

    it('updates an edited cell and creates a new row, after a dry run that stores nothing', async () => {
      const wb = await load(await exportTask1());
      const ws = wb.worksheets[0]!;
      const h = headings(ws);
      ws.getRow(rowOf(ws, guangzhou.code)).getCell(h.get('工作事项')!).value =
        '广州市就业驿站提质扩容';
      const added = ws.addRow([]);
      added.getCell(h.get('任务编号')!).value = 1;
      added.getCell(h.get('工作事项')!).value = '梅县区零工服务站';
      added.getCell(h.get('牵头单位')!).value = '梅州市梅县区';
      added.getCell(h.get('开始日期')!).value = '2025/3/1';
      added.getCell(h.get('完成时限')!).value = '2026-12-31';
      added.getCell(h.get('阶段节点')!).value = '2025-09-30 建成：挂牌服务';
      const file = Buffer.from(await wb.xlsx.writeBuffer());
      const items = await count('ledger_items');
      const dry = (await upload(file, true)).json<ImportReport>();
      expect(dry).toMatchObject({ created: 1, updated: 1, updatedCodes: [guangzhou.code] });
      expect(await count('ledger_items')).toBe(items);
      const res = await upload(file, false);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ created: 1, updated: 1, createdCodes: ['T01-004'] });
      const gz = (await get(dept, `/api/ledgers/${guangzhou.id}`)).json<DetailResponse>().item;
      expect(gz).toMatchObject({ title: '广州市就业驿站提质扩容', version: 2 });
      const list = (await get(dept, '/api/ledgers?task=1')).json<ListResponse>();
      expect(list.items.find((i) => i.code === 'T01-004')).toMatchObject({
        ownerUnitCode: '441403',
        startDate: '2025-03-01',
      });
    });

    it('refuses a file with a bad date, placing the error, and stores nothing', async () => {
      const wb = await load(await exportTask1());
      const ws = wb.worksheets[0]!;
      const h = headings(ws);
      const gzRow = rowOf(ws, guangzhou.code);
      ws.getRow(gzRow).getCell(h.get('工作事项')!).value = '不应保存的修改';
      const badRow = rowOf(ws, meizhou.code);
      ws.getRow(badRow).getCell(h.get('完成时限')!).value = '2027-02-30';
      const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()), false);
      expect(res.statusCode).toBe(400);
      const body = res.json<{
        code: string;
        details: Array<{ row: number; field: string; message: string }>;
      }>();
      expect(body.code).toBe('IMPORT_INVALID');
      expect(body.details[0]).toMatchObject({ row: badRow, field: '完成时限' });
      expect(body.details[0]!.message).toContain(`第${badRow}行 完成时限`);
      const gz = (await get(dept, `/api/ledgers/${guangzhou.id}`)).json<DetailResponse>().item;
      expect(gz.title).toBe('广州市就业驿站提质扩容');
    });

    it('refuses a file that is not an xlsx, and a city importing at all', async () => {
      const res = await upload(Buffer.from('序号,任务编号\n1,1\n'), true);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'XLSX_INVALID' });
      const byCity = await t.app.inject({
        method: 'POST',
        url: '/api/ledgers/import?dryRun=true',
        headers: { ...city.headers, 'content-type': XLSX },
        payload: await exportTask1(),
      });
      expect(byCity.statusCode).toBe(403);
    });
  });
});
