import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../config';
import { tempDir, testDialects } from '../../testing/databases';
import { createTestApp, type SignedIn, type TestApp } from '../../testing/app';

const HEADER = '工单编号,受理时间,办理时限,办结时间,诉求类别,地市,区县,状态';
const rows = [
  // 梅州: 2 consumer tickets on time, 1 late → 66.67% (< 98%); 1 other category on time.
  'T1,2025-07-01 09:00,2025-07-08 18:00,2025-07-03 10:00,消费维权,梅州市,梅县区,已办结',
  'T2,2025-07-02 09:00,2025-07-09 18:00,2025-07-05 10:00,消费维权,梅州市,,已办结',
  'T3,2025-07-03 09:00,2025-07-05 18:00,2025-07-10 10:00,消费维权,梅州市,梅县区,已办结',
  'T4,2025-07-03 09:00,2025-07-05 18:00,2025-07-04 10:00,城市管理,441400,,已办结',
  // 广州: consumer on time.
  'T5,2025-07-04 09:00,2025-07-10 18:00,2025-07-06 10:00,消费维权,广州市,越秀区,已办结',
];
const csv = (lines: string[], header = HEADER) => [header, ...lines].join('\n') + '\n';

interface Closure {
  consumer: Array<{
    placeCode: string;
    month: string;
    rate: number | null;
    meetsTarget: boolean | null;
    decided: number;
  }>;
  belowTarget: Array<{ placeCode: string }>;
  byCategory: Array<{ placeCode: string; category: string; rate: number | null }>;
}

describe.each(testDialects())('12345 hotline import and closure rates on $name', (dialect) => {
  let t: TestApp;
  let sup: SignedIn;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    sup = await t.login('supervisor');
  });
  afterAll(() => t?.close());

  const upload = (body: string | Buffer, fileName = 'export.csv', who: SignedIn = sup) =>
    t.app.inject({
      method: 'POST',
      url: `/api/hotline/imports?fileName=${encodeURIComponent(fileName)}`,
      headers: {
        ...who.headers,
        'content-type': fileName.endsWith('.csv')
          ? 'text/csv'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      payload: body,
    });
  const closure = async (query = 'from=2025-07&to=2025-07') => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/hotline/closure?${query}`,
      headers: { cookie: sup.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Closure>();
  };

  it('imports a CSV export and computes the consumer-rights on-time rate per city', async () => {
    const res = await upload(csv(rows));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ rows: 5, inserted: 5, updated: 0 });
    const c = await closure();
    const meizhou = c.consumer.find((r) => r.placeCode === '441400')!;
    expect(meizhou).toMatchObject({
      month: '2025-07',
      decided: 3,
      rate: 0.6667,
      meetsTarget: false,
    });
    expect(c.consumer.find((r) => r.placeCode === '440100')).toMatchObject({
      rate: 1,
      meetsTarget: true,
    });
    expect(c.belowTarget.map((r) => r.placeCode)).toEqual(['441400']);
    expect(
      c.byCategory.find((r) => r.placeCode === '441400' && r.category === '城市管理')?.rate,
    ).toBe(1);
  });

  it('updates tickets by id on re-import (xlsx too)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('工单');
    sheet.addRow(HEADER.split(','));
    sheet.addRow([
      'T3',
      '2025-07-03 09:00',
      '2025-07-05 18:00',
      '2025-07-04 10:00',
      '消费维权',
      '梅州市',
      '梅县区',
      '已办结',
    ]);
    sheet.addRow([
      'T6',
      new Date(Date.UTC(2025, 6, 20, 9)),
      new Date(Date.UTC(2025, 6, 27, 18)),
      null,
      '消费维权',
      '梅州市',
      '',
      '办理中',
    ]);
    const res = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), 'july.xlsx');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ rows: 2, inserted: 1, updated: 1 });
    const meizhou = (await closure()).consumer.find((r) => r.placeCode === '441400')!;
    // T6 is open past its deadline: late. T1–T3 now on time → 3 / 4.
    expect(meizhou).toMatchObject({ decided: 4, rate: 0.75 });
  });

  it('refuses missing columns and impossible dates with rows, and keeps earlier imports', async () => {
    const missing = await upload(csv(rows, '工单编号,受理时间,诉求类别,地市,状态'));
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ code: string; message: string }>()).toMatchObject({
      code: 'HOTLINE_COLUMNS_MISSING',
      message: '文件缺少必需的列：办理时限',
    });
    const bad = await upload(
      csv([
        'T1,2025-07-01 09:00,2025-07-08 18:00,2025-07-01 08:00,消费维权,梅州市,,已办结',
        'T7,2025-07-01 09:00,2025-07-08 18:00,,消费维权,火星市,,办理中',
        'T8,2025-02-30 09:00,2025-07-08 18:00,,消费维权,梅州市,,办理中',
      ]),
    );
    expect(bad.statusCode).toBe(400);
    const body = bad.json<{ code: string; details: Array<{ row: number; message: string }> }>();
    expect(body.code).toBe('HOTLINE_ROWS_INVALID');
    expect(body.details).toEqual([
      { row: 2, message: '办结时间早于受理时间' },
      { row: 3, message: '未知的地市“火星市”' },
      { row: 4, message: '受理时间“2025-02-30 09:00”无法识别' },
    ]);
    const meizhou = (await closure()).consumer.find((r) => r.placeCode === '441400')!;
    expect(meizhou).toMatchObject({ decided: 4, rate: 0.75 });
  });

  it('allows import to the supervisor only, and shows a city only its own rates', async () => {
    const city = await t.login('city');
    expect((await upload(csv(rows), 'x.csv', city)).statusCode).toBe(403);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/hotline/closure?from=2025-07&to=2025-07',
      headers: { cookie: city.cookie },
    });
    const places = new Set(res.json<Closure>().byCategory.map((r) => r.placeCode));
    expect([...places]).toEqual(['441400']);
  });

  it('publishes aggregated consumer-complaint statistics without login or ticket data', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/public/hotline/disclosure?month=2025-07',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      month: string;
      cities: Array<{ cityCode: string; received: number; onTimeRate: number }>;
    }>();
    expect(body.month).toBe('2025-07');
    expect(body.cities.find((c) => c.cityCode === '441400')).toMatchObject({
      received: 4,
      onTimeRate: 0.75,
    });
    expect(res.body).not.toContain('T1');
  });
});

describe('minsheng hotline import', () => {
  it('imports a file with progress, and names the row of a bad one', () => {
    const dir = tempDir();
    const file = path.join(dir, 'hotline.csv');
    fs.writeFileSync(file, csv(rows));
    const env = { ...process.env, MINSHENG_DATA_DIR: dir, DATABASE_URL: '' };
    const run = (f: string) =>
      spawnSync(
        process.execPath,
        [path.join(REPO_ROOT, 'bin', 'minsheng.mjs'), 'hotline', 'import', f],
        {
          cwd: REPO_ROOT,
          env,
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
    const ok = run(file);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('导入完成：5 行，新增 5，更新 0');
    expect(ok.stderr).toContain('100%');
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, csv(['T9,2025-07-05 09:00,2025-07-01 18:00,,消费维权,梅州市,,办理中']));
    const failed = run(bad);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('第2行: 办理时限早于受理时间');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
