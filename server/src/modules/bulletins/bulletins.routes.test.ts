import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/databases';
import { createTestApp, type SignedIn, type TestApp } from '../../testing/app';
import type { BulletinDetail, BulletinList } from './bulletins.schema';
import { insertLedgerItem, ledgerItem, supervisionItem } from './bulletins.fixtures';

async function documentXml(docx: Buffer) {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  return { xml, text, media };
}

describe.each(testDialects())('bulletins (通报) on $name', (dialect) => {
  let t: TestApp;
  let sup: SignedIn;
  let viewer: SignedIn;
  let city: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    [sup, viewer, city] = await Promise.all([
      t.login('supervisor'),
      t.login('viewer'),
      t.login('city'),
    ]);
    // Late: its due date passed; a milestone overdue; done items and items on time are not.
    await insertLedgerItem(
      t.ctx.db,
      ledgerItem(1, { due_date: '2026-09-01', title: '零工驿站建设' }),
      [{ title: '完成选址', due_date: '2026-06-30' }],
    );
    await insertLedgerItem(t.ctx.db, ledgerItem(2, { title: '技能培训基地' }), [
      { title: '完成招标', due_date: '2026-08-31' },
    ]);
    await insertLedgerItem(t.ctx.db, ledgerItem(3, { title: '按期推进项目' }), [
      { title: '完成设计', due_date: '2026-08-31', done_on: '2026-08-20' },
    ]);
    await insertLedgerItem(t.ctx.db, ledgerItem(4, { due_date: '2026-09-01', status: 'done' }), []);
    await t.ctx.db
      .insertInto('supervision_items')
      .values([
        // Opened in Q3 and still open past its reply date.
        supervisionItem({ title: '零工驿站滞后', level: 'listed' }),
        // Opened and closed in Q3.
        supervisionItem({
          title: '已销号事项',
          level: 'key',
          status: 'closed',
          closed_at: '2026-09-10T02:00:00.000Z',
        }),
        // Opened before Q3: not counted as opened.
        supervisionItem({
          title: '上期事项',
          created_at: '2026-05-01T02:00:00.000Z',
          reply_due: '2026-12-31',
        }),
      ])
      .execute();
  });
  afterAll(() => t.close());

  const draft = async (payload: object, who = sup) =>
    t.app.inject({ method: 'POST', url: '/api/bulletins', headers: who.headers, payload });
  const get = (url: string, who: SignedIn) =>
    t.app.inject({ url, headers: { cookie: who.cookie } });

  let id: number;

  it('drafts a quarterly bulletin with every section', async () => {
    const res = await draft({ kind: 'quarterly', period: '2026Q3' });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json<BulletinDetail>();
    id = b.id;
    expect(b).toMatchObject({
      status: 'draft',
      period: '2026Q3',
      asOf: '2026-09-30',
      title: '关于2026年第三季度全省民生十大工程推进情况的通报',
    });
    expect(b.docNumber).toMatch(/^粤民生督〔\d{4}〕 {2}号$/);
    const headings = b.document.sections.map((s) => s.heading);
    expect(headings).toEqual([
      '一、总体进展情况',
      '二、各领域推进情况',
      '三、红黄绿灯指标清单',
      '四、工作台账推进情况',
      '五、督办事项办理情况',
      '六、各地市推进情况排名',
      '七、群众满意度和诉求办理情况',
      '八、下一步工作要求',
    ]);
    const text = JSON.stringify(b.document.sections);
    expect(text).toContain('截至2026年9月30日，全省民生十大工程10个领域');
    // Items 1 (past due) and 2 (milestone overdue) are late; 3 and 4 are not.
    const ledger = b.document.sections[3]!.blocks.find((x) => x.type === 'table')!;
    expect(ledger.type === 'table' && ledger.rows.map((r) => r[0])).toEqual([
      'T01-00001',
      'T01-00002',
    ]);
    expect(text).toContain('全省工作台账共4项，截至2026年9月30日，逾期未完成或进度滞后的2项');
    expect(text).toContain('新立督办事项2件（其中挂牌督办1件、重点督办1件），办结销号1件');
    expect(text).toContain('尚未办结2件，其中超过答复期限1件');
    expect(b.document.charts.supervision.series[0]!.data).toEqual([0, 1, 1]);
    // The first render in a process outlines every chart label (slow on a busy machine).
  }, 120_000);

  it('hides drafts from readers', async () => {
    const list = (await get('/api/bulletins', viewer)).json<BulletinList>();
    expect(list.bulletins).toEqual([]);
    expect(list.canManage).toBe(false);
    expect((await get(`/api/bulletins/${id}`, viewer)).statusCode).toBe(404);
    expect((await get(`/api/bulletins/${id}/docx`, viewer)).statusCode).toBe(404);
    expect((await get(`/api/bulletins/${id}/html`, city)).statusCode).toBe(404);
    expect((await draft({ kind: 'adhoc' }, viewer)).statusCode).toBe(403);
    const mine = (await get('/api/bulletins', sup)).json<BulletinList>();
    expect(mine.bulletins.map((x) => x.id)).toEqual([id]);
  });

  it('refuses a malformed period and stores nothing', async () => {
    const before = await t.ctx.db.selectFrom('bulletins').select('id').execute();
    const res = await draft({ kind: 'monthly', period: '2026Q3' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'BULLETIN_PERIOD_INVALID',
      details: [{ field: 'period' }],
    });
    expect((await draft({ kind: 'adhoc', asOf: '2099-01-01' })).json()).toMatchObject({
      details: [{ field: 'asOf' }],
    });
    expect(await t.ctx.db.selectFrom('bulletins').select('id').execute()).toEqual(before);
  });

  it('edits a draft, rendering the docx and the HTML again (escaped)', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/bulletins/${id}`,
      headers: sup.headers,
      payload: { title: '第三季度<script>通报', intro: '现将有关情况通报如下。' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<BulletinDetail>()).toMatchObject({
      title: '第三季度<script>通报',
      intro: '现将有关情况通报如下。',
    });
    const html = await get(`/api/bulletins/${id}/html`, sup);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(html.headers['content-security-policy']).toContain("script-src 'self'");
    expect(html.body).toContain('第三季度&lt;script&gt;通报');
    expect(html.body).not.toContain('<script>');
    expect(html.body).toContain('<svg');
    const docx = await get(`/api/bulletins/${id}/docx`, sup);
    const { text } = await documentXml(docx.rawPayload);
    expect(text).toContain('第三季度<script>通报'.replace('<', '&lt;').replace('>', '&gt;'));
  }, 60_000);

  it('produces a .docx that parses: masthead, title, sections, tables and embedded charts', async () => {
    const res = await get(`/api/bulletins/${id}/docx`, sup);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const { xml, text, media } = await documentXml(res.rawPayload);
    expect(text).toContain('广东省民生十大工程工作专班');
    expect(text).toContain('督 查 通 报');
    expect(text).toMatch(/粤民生督〔\d{4}〕 {2}号/);
    for (const h of [
      '一、总体进展情况',
      '三、红黄绿灯指标清单',
      '六、各地市推进情况排名',
      '八、下一步工作要求',
    ])
      expect(text).toContain(h);
    expect(text).toContain('表1');
    expect(text).toContain('图1');
    expect(text).toContain('零工驿站建设');
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(7);
    expect(media.filter((f) => f.endsWith('.png'))).toHaveLength(3);
    expect((xml.match(/r:embed="/g) ?? []).length).toBe(3);
    expect(xml).toContain('w:eastAsia="FangSong"');
  });

  it('publishes once: assigns the 文号, notifies, then refuses changes with 409', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/bulletins/${id}/publish`,
      headers: sup.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const year = new Date().getFullYear();
    expect(res.json<BulletinDetail>()).toMatchObject({
      status: 'published',
      docNumber: `粤民生督〔${year}〕1号`,
    });
    const { text } = await documentXml((await get(`/api/bulletins/${id}/docx`, viewer)).rawPayload);
    expect(text).toContain(`粤民生督〔${year}〕1号`);

    const again = await t.app.inject({
      method: 'POST',
      url: `/api/bulletins/${id}/publish`,
      headers: sup.headers,
    });
    expect(again.statusCode).toBe(409);
    const edit = await t.app.inject({
      method: 'PUT',
      url: `/api/bulletins/${id}`,
      headers: sup.headers,
      payload: { title: '改标题' },
    });
    expect(edit.statusCode).toBe(409);
    expect((await get(`/api/bulletins/${id}`, viewer)).json<BulletinDetail>().title).toBe(
      '第三季度<script>通报',
    );

    // Readers see it now; the cities and the lead departments were told.
    const list = (await get('/api/bulletins', viewer)).json<BulletinList>();
    expect(list.bulletins.map((x) => [x.id, x.status])).toEqual([[id, 'published']]);
    const told = await t.ctx.db
      .selectFrom('notifications')
      .select('unit_code')
      .where('kind', '=', 'bulletin.published')
      .execute();
    const units = told.map((x) => x.unit_code);
    expect(units).toContain('441400');
    expect(units).toContain('GD-HRSS');
    expect(units.filter((u) => /^44\d{2}00$/.test(u) && u !== '440000')).toHaveLength(21);
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_type', '=', 'bulletin')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'bulletin.draft',
      'bulletin.update',
      'bulletin.publish',
    ]);

    // The next one published gets the next number.
    const second = (await draft({ kind: 'adhoc' })).json<BulletinDetail>();
    const pub = await t.app.inject({
      method: 'POST',
      url: `/api/bulletins/${second.id}/publish`,
      headers: sup.headers,
    });
    expect(pub.json<BulletinDetail>().docNumber).toBe(`粤民生督〔${year}〕2号`);
  }, 90_000);
});
