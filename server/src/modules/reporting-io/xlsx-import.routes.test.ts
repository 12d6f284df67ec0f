// Excel round trip through the real app: template download, dry run, import with submission,
// and every kind of bad file — each refused with a Chinese message naming its place, and
// nothing of it stored.
import zlib from 'node:zlib';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../testing/app';
import { testDialects } from '../../testing/databases';
import { readTemplate } from '../../../../core/reporting-io/index';
import { makeZip } from '../../../../core/reporting-io/test-files';
import {
  COUNTY,
  FORM,
  downloadTemplate,
  fill,
  openMonth,
  storedValues,
  upload,
  withForms,
} from './test-support';

/** The template row of an element (codes sit in hidden column C). */
function rowOf(sheet: ExcelJS.Worksheet, elementCode: string): ExcelJS.Row {
  for (let r = 2; r <= sheet.rowCount; r++)
    if (sheet.getRow(r).getCell('C').value === elementCode) return sheet.getRow(r);
  throw new Error(`no row for ${elementCode}`);
}

describe.each(testDialects())('Excel import/export on $name', (dialect) => {
  let t: TestApp;
  let county: SignedIn;
  let city: SignedIn;
  let template: Buffer;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await withForms(t);
    county = await t.login('county');
    city = await t.login('city');
    template = await downloadTemplate(t, county);
  });
  afterAll(() => t?.close());

  it('downloads a template of the county’s own unit, protected, with the form named', async () => {
    const reading = await readTemplate(template);
    expect(reading.formCode).toBe(FORM);
    expect(reading.values).toEqual([]);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/reporting-io/template?formCode=${FORM}&from=${openMonth()}`,
      headers: county.headers,
    });
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
  });

  it('refuses a template for a unit outside the user’s scope, a viewer, and a visitor', async () => {
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/reporting-io/template?formCode=${FORM}&from=${openMonth()}&units=441402`,
      headers: county.headers,
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toContain('梅江区');
    const viewer = await t.login('viewer');
    const asViewer = await t.app.inject({
      method: 'GET',
      url: `/api/reporting-io/template?formCode=${FORM}&from=${openMonth()}`,
      headers: viewer.headers,
    });
    expect(asViewer.statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: 'GET',
      url: `/api/reporting-io/template?formCode=${FORM}&from=${openMonth()}`,
    });
    expect(anonymous.statusCode).toBe(401);
    const wrongPeriod = await t.app.inject({
      method: 'GET',
      url: `/api/reporting-io/template?formCode=${FORM}&from=2025Q3`,
      headers: county.headers,
    });
    expect(wrongPeriod.statusCode).toBe(400);
    expect(wrongPeriod.json().message).toContain('2025Q3');
  });

  it('lets a city download the template for all its counties', async () => {
    const file = await downloadTemplate(t, city);
    const units = new Set(
      (
        await readTemplate(
          await fill(file, (s) => {
            for (let r = 2; r <= s.rowCount; r++) s.getRow(r).getCell('J').value = 1;
          }),
        )
      ).values.map((v) => v.unitCode),
    );
    expect(units.has(COUNTY)).toBe(true);
    expect(units.has('441402')).toBe(true);
    expect(units.has('440303')).toBe(false); // Shenzhen is not Meizhou's
  });

  it('dry-runs an upload: summary and no write', async () => {
    const filled = await fill(template, (sheet) => {
      rowOf(sheet, 'emp.urban-new-jobs').getCell('J').value = 1250;
      rowOf(sheet, 'emp.reemployed').getCell('J').value = 310;
    });
    const res = await upload(t, county, filled, 'dryRun=true');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      dryRun: true,
      stored: false,
      summary: { total: 2, created: 2, updated: 0, unchanged: 0, rejected: 0 },
      errors: [],
      formCodes: [FORM],
    });
    expect(await storedValues(t)).toEqual([]);
  });

  it('imports and submits all at once, with the upload time as submission time', async () => {
    const filled = await fill(template, (sheet) => {
      rowOf(sheet, 'emp.urban-new-jobs').getCell('J').value = 1250;
      rowOf(sheet, 'emp.urban-new-jobs').getCell('K').value = '含返乡创业';
      rowOf(sheet, 'emp.reemployed').getCell('J').value = '310';
    });
    const before = Date.now();
    const res = await upload(t, county, filled, 'submit=true');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ stored: true, submitted: true, summary: { created: 2 } });
    expect(Date.parse(body.receivedAt)).toBeGreaterThanOrEqual(before - 1000);
    const values = await storedValues(t);
    expect(values.map((v) => [v.element_code, v.value, v.comment])).toEqual([
      ['emp.reemployed', 310, null],
      ['emp.urban-new-jobs', 1250, '含返乡创业'],
    ]);
    const submission = await t.ctx.db
      .selectFrom('report_submissions')
      .selectAll()
      .where('form_code', '=', FORM)
      .where('unit_code', '=', COUNTY)
      .executeTakeFirstOrThrow();
    expect(submission.state).toBe('submitted');
    expect(submission.first_submitted_at).toBe(body.receivedAt);
    // The next download shows the values, locked while under review.
    const again = await downloadTemplate(t, county);
    const reading = await readTemplate(again);
    expect(reading.values.find((v) => v.elementCode === 'emp.urban-new-jobs')?.value).toBe(1250);
  });

  it('refuses changes to submitted values, naming the cell', async () => {
    const filled = await fill(template, (sheet) => {
      rowOf(sheet, 'emp.urban-new-jobs').getCell('J').value = 999;
    });
    const res = await upload(t, county, filled);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].message).toMatch(
      /^工作表“数据填报”第 \d+ 行 B 列（期间代码）：.*已上报待审核，数据已锁定/,
    );
    expect(
      (await storedValues(t)).find((v) => v.element_code === 'emp.urban-new-jobs')?.value,
    ).toBe(1250);
  });

  describe('bad files: refused with the place, nothing stored', () => {
    let count: number;
    let fresh: Buffer;

    beforeAll(async () => {
      count = (await storedValues(t)).length;
      // A city user fills another county (梅江区), which is still open for entry.
      fresh = await downloadTemplate(t, city, `formCode=${FORM}&from=${openMonth()}&units=441402`);
    });

    async function refused(file: Buffer, contentType?: string) {
      const res = await upload(t, city, file, 'dryRun=false', contentType);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect((await storedValues(t)).length).toBe(count);
      return res;
    }

    it('a wrong unit code in the hidden column', async () => {
      const file = await fill(fresh, (s) => {
        const row = rowOf(s, 'emp.urban-new-jobs');
        row.getCell('A').value = '449999';
        row.getCell('J').value = 5;
      });
      const res = await refused(file);
      expect(res.json().code).toBe('IMPORT_REJECTED');
      expect(res.json().errors[0]).toMatchObject({ sheet: '数据填报', column: 'A' });
      expect(res.json().errors[0].message).toMatch(
        /^工作表“数据填报”第 \d+ 行 A 列（单位代码）：单位代码“449999”不存在$/,
      );
    });

    it('a wrong period code', async () => {
      const file = await fill(fresh, (s) => {
        const row = rowOf(s, 'emp.urban-new-jobs');
        row.getCell('B').value = '2025Q3';
        row.getCell('J').value = 5;
      });
      const res = await refused(file);
      expect(res.json().errors[0].message).toMatch(
        /第 \d+ 行 B 列（期间代码）：.*按月报送，期间“2025Q3”不符/,
      );
    });

    it('text in a number cell (all errors listed in the dry run)', async () => {
      const file = await fill(fresh, (s) => {
        rowOf(s, 'emp.urban-new-jobs').getCell('J').value = '一千';
        rowOf(s, 'emp.reemployed').getCell('J').value = 'n/a';
      });
      const dry = await upload(t, city, file, 'dryRun=true');
      expect(dry.statusCode).toBe(200);
      expect(dry.json().summary.rejected).toBe(2);
      expect(
        dry.json<{ errors: Array<{ message: string }> }>().errors.map((e) => e.message),
      ).toEqual([
        expect.stringMatching(/J 列（本期值）：“一千”不是数字/),
        expect.stringMatching(/J 列（本期值）：“n\/a”不是数字/),
      ]);
      const res = await refused(file);
      expect(res.json().message).toContain('导入被拒绝：共 2 处错误，未写入任何数据');
    });

    it('a negative count', async () => {
      const file = await fill(fresh, (s) => {
        rowOf(s, 'emp.urban-new-jobs').getCell('J').value = 100;
        rowOf(s, 'emp.reemployed').getCell('J').value = -3;
      });
      const res = await refused(file);
      expect(res.json().errors).toHaveLength(1);
      expect(res.json().errors[0].message).toMatch(/第 \d+ 行 J 列（本期值）：.*(负|不能小于)/);
    });

    it('a formula cell, which is not evaluated', async () => {
      const file = await fill(fresh, (s) => {
        const row = rowOf(s, 'emp.urban-new-jobs');
        row.getCell('J').value = { formula: 'I2+1', result: 1 };
      });
      const res = await refused(file);
      expect(res.json().errors[0].message).toMatch(/J 列（本期值）：单元格含有公式（=I2\+1）/);
    });

    it('a renamed sheet', async () => {
      const file = await fill(fresh, (s) => {
        s.getRow(2).getCell('J').value = 1;
        s.name = '数据';
      });
      const res = await refused(file);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('XLSX_SHEET_MISSING');
      expect(res.json().message).toContain('找不到工作表“数据填报”');
      expect(res.json().message).toContain('“数据”');
    });

    it('an xlsx that is not an xlsx', async () => {
      const res = await refused(Buffer.from('指标代码,单位代码\nemp.a,441402\n'));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'XLSX_INVALID' });
      expect(res.json().message).toContain('不是有效的 Excel');
    });

    it('a file over the 10 MB limit', async () => {
      const res = await refused(Buffer.alloc(10 * 1024 * 1024 + 1, 1));
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'FILE_TOO_LARGE' });
      expect(res.json().message).toContain('10 MB');
    });

    it('a zip bomb, refused from the zip directory before parsing', async () => {
      const zeros = Buffer.alloc(110 * 1024 * 1024);
      const bomb = makeZip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
        { name: 'xl/worksheets/sheet1.xml', data: zeros },
      ]);
      expect(bomb.length).toBeLessThan(zlib.deflateRawSync(Buffer.alloc(1)).length + 200_000);
      const res = await refused(bomb);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('XLSX_TOO_LARGE_UNCOMPRESSED');
    });

    it('a multipart form instead of the file itself', async () => {
      const res = await refused(Buffer.from('--x\r\n\r\n--x--'), 'multipart/form-data; boundary=x');
      expect(res.statusCode).toBe(415);
      expect(res.json().message).toContain('multipart');
    });
  });
});
