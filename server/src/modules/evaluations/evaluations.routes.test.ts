import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type SignedIn, type TestApp } from '../../testing/app';
import { insertLedgerItem, ledgerItem, supervisionItem } from '../bulletins/bulletins.fixtures';
import type { AssessmentView, EvaluationDetail, EvaluationList } from './evaluations.schema';

const AS_OF = '2026-06-30';

async function docxText(docx: Buffer) {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe.each(testDialects())('mid-term evaluation (中期评估) on $name', (dialect) => {
  let t: TestApp;
  let sup: SignedIn;
  let dept: SignedIn;
  let city: SignedIn;
  let viewer: SignedIn;

  const putValue = (period: string, value: number) =>
    t.ctx.db
      .insertInto('data_values')
      .values({
        element_code: 'emp.urban-new-jobs',
        unit_code: '441402',
        period,
        value,
        status: 'approved',
        updated_at: '2026-06-01T00:00:00.000Z',
        updated_by: 'test',
      })
      .execute();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    [sup, dept, city, viewer] = await Promise.all([
      t.login('supervisor'),
      t.login('department'),
      t.login('city'),
      t.login('viewer'),
    ]);
    await putValue('2024-01', 5000);
    await insertLedgerItem(t.ctx.db, ledgerItem(1, { status: 'delayed', percent_done: 20 }), []);
    await insertLedgerItem(t.ctx.db, ledgerItem(2, { percent_done: 60 }), []);
    // Created after the as-of date: not in the snapshot.
    await insertLedgerItem(t.ctx.db, ledgerItem(3, { created_at: '2026-07-02T00:00:00.000Z' }), []);
    await t.ctx.db
      .insertInto('supervision_items')
      .values([
        supervisionItem({
          title: '零工驿站滞后',
          level: 'listed',
          created_at: '2026-06-01T02:00:00.000Z',
          reply_due: '2026-06-20',
        }),
        supervisionItem({
          title: '已销号',
          status: 'closed',
          created_at: '2026-05-01T02:00:00.000Z',
          closed_at: '2026-06-10T02:00:00.000Z',
        }),
      ])
      .execute();
    // A satisfaction wave opened before the as-of date: 40 answers per domain.
    const survey = await t.ctx.db
      .insertInto('surveys')
      .values({
        title: '群众满意度调查',
        description: '',
        questions: '[]',
        min_n: 30,
        created_at: '2026-04-01T00:00:00.000Z',
        updated_at: '2026-04-01T00:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const wave = await t.ctx.db
      .insertInto('survey_waves')
      .values({
        survey_id: survey.id,
        code: '2026Q2',
        opens_at: '2026-04-01T00:00:00.000Z',
        closes_at: '2026-06-30T00:00:00.000Z',
        created_at: '2026-04-01T00:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .insertInto('survey_aggregates')
      .values(
        ['D01', 'ALL'].map((domain) => ({
          wave_id: wave.id,
          city_code: '441400',
          county_code: '441402',
          domain_code: domain,
          shard: 0,
          n: 40,
          sum: 40 * 80,
          sum_sq: 40 * 80 * 80 + 39 * 100,
        })),
      )
      .execute();
  });
  afterAll(() => t.close());

  const post = (url: string, payload: object, who = sup) =>
    t.app.inject({ method: 'POST', url, headers: who.headers, payload });
  const put = (url: string, payload: object, who = dept) =>
    t.app.inject({ method: 'PUT', url, headers: who.headers, payload });
  const get = (url: string, who = sup) => t.app.inject({ url, headers: { cookie: who.cookie } });
  const detail = async (id: number, who = sup) =>
    (await get(`/api/evaluations/${id}`, who)).json<EvaluationDetail>();

  let id: number;
  let transportTarget: string;

  it('takes the snapshot at the as-of date: targets, ledger per task, open supervision', async () => {
    const res = await post('/api/evaluations', { asOf: AS_OF });
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json<EvaluationDetail>();
    id = e.id;
    expect(e).toMatchObject({ status: 'draft', asOf: AS_OF, version: 1, canManage: true });
    expect(e.title).toContain('2026年6月30日');
    const s = e.snapshot;
    expect(s.targets.length).toBeGreaterThan(50);
    expect(s.targets.find((x) => x.code === 'T01.1')).toMatchObject({ value: 0.5, unit: '万人' });
    expect(Object.values(s.counts).reduce((a, b) => a + b, 0)).toBe(s.targets.length);
    const task1 = s.ledgers.find((l) => l.taskNumber === 1)!;
    expect(task1).toMatchObject({ items: 2, meanPercent: 40 });
    expect(task1.byStatus.delayed).toBe(1);
    expect(s.supervision).toMatchObject({ open: 1, overdue: 1 });
    expect(s.supervision.byLevel.listed).toBe(1);
    expect(e.summary).toMatchObject({ assessed: 0, unassessed: s.targets.length });
    expect(s.satisfaction?.wave).toBe('2026Q2');
    const d01 = s.satisfaction!.cells.find((c) => c.domainCode === 'D01')!;
    expect(d01).toMatchObject({ n: 40 });
    expect(d01.index).toBeCloseTo(80, 0);
    transportTarget = s.targets.find((x) => x.domainCode === 'D07')!.code;
  });

  it('refuses a future or out-of-plan as-of date, and anyone but the supervision office', async () => {
    const future = await post('/api/evaluations', { asOf: '2099-01-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ code: 'EVALUATION_AS_OF_INVALID' });
    expect(future.json().message).toContain('晚于今天');
    const before = await post('/api/evaluations', { asOf: '2022-06-30' });
    expect(before.json().message).toContain('不在计划期内');
    expect((await post('/api/evaluations', { asOf: AS_OF }, dept)).statusCode).toBe(403);
    const list = await get('/api/evaluations', viewer);
    expect(list.statusCode).toBe(200);
    expect(list.json<EvaluationList>()).toMatchObject({ canManage: false });
    expect(list.json<EvaluationList>().evaluations.map((x) => x.id)).toEqual([id]);
  });

  it('keeps the snapshot when the data change afterwards, in the database too', async () => {
    await putValue('2024-02', 10000);
    const again = await detail(id);
    expect(again.snapshot.targets.find((x) => x.code === 'T01.1')!.value).toBe(0.5);
    // A new evaluation sees the new value: the old one is frozen, not stale by accident.
    const fresh = (await post('/api/evaluations', { asOf: AS_OF })).json<EvaluationDetail>();
    expect(fresh.snapshot.targets.find((x) => x.code === 'T01.1')!.value).toBe(1.5);
    await expect(
      t.ctx.db
        .updateTable('midterm_evaluations')
        .set({ snapshot: '{}' })
        .where('id', '=', id)
        .execute(),
    ).rejects.toThrow(/frozen|refused/);
    await expect(
      t.ctx.db.deleteFrom('midterm_evaluations').where('id', '=', fresh.id).execute(),
    ).rejects.toThrow(/refused/);
  });

  it('lets a department assess its own domains only, with optimistic versions', async () => {
    const seen = await detail(id, dept);
    expect(seen.assessableDomains).toEqual(['D01']);
    expect(seen.snapshot.targets.some((x) => x.domainCode === 'D07')).toBe(true);

    const url = `/api/evaluations/${id}/assessments/T01.1`;
    const first = await put(url, { action: 'keep', text: '进展符合预期' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<AssessmentView>()).toMatchObject({ version: 1, assessedBy: 'renshe' });
    const raise = await put(url, { action: 'raise', text: '超额完成在望', version: 1 });
    expect(raise.statusCode).toBe(400);
    expect(raise.json().details[0].field).toBe('proposedValue');
    const ok = await put(url, {
      action: 'raise',
      text: '超额完成在望',
      proposedValue: 600,
      version: 1,
    });
    expect(ok.json<AssessmentView>()).toMatchObject({ version: 2, proposedValue: 600 });
    const stale = await put(url, { action: 'keep', text: '旧页面', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const badAction = await put(`/api/evaluations/${id}/assessments/T01.2`, {
      action: 'double',
      text: 'x',
    });
    expect(badAction.json().details[0]).toMatchObject({ field: 'action' });

    const foreign = await put(`/api/evaluations/${id}/assessments/${transportTarget}`, {
      action: 'keep',
      text: '越权',
    });
    expect(foreign.statusCode).toBe(403);
    expect(
      (await put(`/api/evaluations/${id}/assessments/T01.2`, { action: 'keep', text: 'x' }, city))
        .statusCode,
    ).toBe(403);
    const bySup = await put(
      `/api/evaluations/${id}/assessments/${transportTarget}`,
      { action: 'drop', text: '已由新项目替代' },
      sup,
    );
    expect(bySup.statusCode).toBe(200);
    const missing = await put(`/api/evaluations/${id}/assessments/T99.9`, {
      action: 'keep',
      text: 'x',
    });
    expect(missing.statusCode).toBe(404);

    // Two first assessments of one target at once: one wins, the other is told to reload.
    const racing = await Promise.all(
      [dept, sup].map((who) =>
        put(`/api/evaluations/${id}/assessments/T01.3`, { action: 'keep', text: '同时' }, who),
      ),
    );
    expect(racing.map((r) => r.statusCode).sort()).toEqual([200, 409]);

    const after = await detail(id);
    expect(after.summary).toMatchObject({ assessed: 3 });
    expect(after.summary.byAction).toMatchObject({ raise: 1, drop: 1 });
  });

  it('signs off (a comment when targets are unassessed), then nothing changes', async () => {
    const noComment = await post(`/api/evaluations/${id}/sign`, { version: 1 });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().details[0].field).toBe('comment');
    expect(
      (await post(`/api/evaluations/${id}/sign`, { version: 1, comment: 'x' }, dept)).statusCode,
    ).toBe(403);
    const res = await post(`/api/evaluations/${id}/sign`, {
      version: 1,
      comment: '其余指标部门未按期反馈，列为未评估',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<EvaluationDetail>()).toMatchObject({
      status: 'signed',
      signedBy: 'duchashi',
      version: 2,
      assessableDomains: [],
    });

    const edit = await put(`/api/evaluations/${id}/assessments/T01.1`, {
      action: 'keep',
      text: '签发后修改',
      version: 2,
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ code: 'EVALUATION_SIGNED' });
    expect(edit.json().message).toContain('已签发');
    const add = await put(`/api/evaluations/${id}/assessments/T01.2`, {
      action: 'keep',
      text: 'x',
    });
    expect(add.json().code).toBe('EVALUATION_SIGNED');
    expect(
      (await post(`/api/evaluations/${id}/sign`, { version: 2, comment: 'x' })).json().code,
    ).toBe('EVALUATION_SIGNED');
    const after = await detail(id);
    expect(after.assessments.find((a) => a.targetCode === 'T01.1')).toMatchObject({
      action: 'raise',
      text: '超额完成在望',
      version: 2,
    });
    expect(after.assessments).toHaveLength(3);
    // The database refuses too, whatever the code path.
    await expect(
      t.ctx.db
        .updateTable('midterm_assessments')
        .set({ text: '改' })
        .where('evaluation_id', '=', id)
        .execute(),
    ).rejects.toThrow(/signed/);
    await expect(
      t.ctx.db
        .updateTable('midterm_evaluations')
        .set({ sign_comment: '改' })
        .where('id', '=', id)
        .execute(),
    ).rejects.toThrow(/frozen|refused/);
  });

  it('exports a real .docx with the targets and assessments', async () => {
    const res = await get(`/api/evaluations/${id}/docx`, viewer);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const text = await docxText(res.rawPayload);
    expect(text).toContain('中 期 评 估');
    expect(text).toContain('城镇新增就业人数');
    expect(text).toContain('调高至600万人');
    expect(text).toContain('未评估');
    expect(text).toContain('由duchashi签发');
    expect(text).toContain('工作任务台账推进情况');
    expect(text).toContain('各领域群众满意度指数（2026Q2）');
  });

  it('exports an .xlsx with a row per target, and audits both downloads', async () => {
    const res = await get(`/api/evaluations/${id}/xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('指标评估')!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const e = await detail(id);
    expect(rows.length).toBe(e.snapshot.targets.length + 2);
    const t011 = rows.find((r) => r[1] === 'T01.1')!;
    expect(t011).toContain('调高');
    expect(t011).toContain(600);
    expect(wb.getWorksheet('台账进度')!.getRow(3).getCell(3).value).toBe(2);
    expect(wb.getWorksheet('督办事项')!.getRow(3).getCell(2).value).toBe('零工驿站滞后');
    const audited = await t.ctx.db
      .selectFrom('audit_events')
      .select(sql<number>`count(*)`.as('n'))
      .where('action', '=', 'evaluation.export')
      .executeTakeFirstOrThrow();
    expect(Number(audited.n)).toBe(2);
  });

  it('answers 404 for an unknown evaluation', async () => {
    expect((await get('/api/evaluations/9999')).statusCode).toBe(404);
  });
});
