import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ImportProblem } from './problems';
import { editWorkbook } from './test-files';
import { DATA_SHEET, GUIDE_SHEET, META_SHEET } from './xlsx-layout';
import { readTemplate } from './xlsx-read';
import { buildTemplate, valueKey, type TemplateSpec } from './xlsx-template';

const spec: TemplateSpec = {
  form: { code: 'D01-county-month', name: '就业·县区月报', periodType: 'month' },
  elements: [
    { code: 'emp.urban-new-jobs', name: '城镇新增就业人数', unit: '人', valueType: 'integer' },
    {
      code: 'emp.rate',
      name: '=调查失业率',
      unit: '%',
      valueType: 'percentage',
      min: null,
      max: null,
    },
  ],
  units: [{ code: '441403', name: '梅县区' }],
  periods: ['2025-06', '2025-07'],
  current: new Map([
    [valueKey('emp.urban-new-jobs', '441403', '2025-06'), { value: 100, status: 'approved' }],
    [
      valueKey('emp.rate', '441403', '2025-07'),
      { value: 4.5, status: 'draft', comment: '+季节因素' },
    ],
  ]),
  previous: new Map([[valueKey('emp.urban-new-jobs', '441403', '2025-07'), 100]]),
  generatedAt: '2025-08-01T00:00:00.000Z',
  generatedBy: 'meixian',
  maxUploadMegabytes: 10,
};

async function load(file: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  return workbook;
}

async function problemOf(promise: Promise<unknown>): Promise<ImportProblem> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportProblem) return error;
    throw error;
  }
  throw new Error('expected an ImportProblem');
}

describe('Excel template', () => {
  it('lays out one protected row per value with hidden codes and only value cells unlocked', async () => {
    const workbook = await load(await buildTemplate(spec));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([GUIDE_SHEET, DATA_SHEET, META_SHEET]);
    expect(workbook.getWorksheet(META_SHEET)!.state).toBe('veryHidden');
    const sheet = workbook.getWorksheet(DATA_SHEET)!;
    expect(sheet.rowCount).toBe(5);
    for (const letter of ['A', 'B', 'C']) expect(sheet.getColumn(letter).hidden).toBe(true);
    expect(sheet.getRow(1).getCell('J').value).toBe('本期值');
    const june = sheet.getRow(2);
    expect([june.getCell('A').value, june.getCell('B').value, june.getCell('C').value]).toEqual([
      '441403',
      '2025-06',
      'emp.urban-new-jobs',
    ]);
    expect(june.getCell('J').value).toBe(100);
    expect(june.getCell('J').protection?.locked).not.toBe(false); // approved: locked
    expect(june.getCell('L').value).toBe('已审核（锁定）');
    const julyJobs = sheet.getRow(4);
    expect(julyJobs.getCell('I').value).toBe(100); // last period beside the cell
    expect(julyJobs.getCell('J').protection?.locked).toBe(false);
    expect(julyJobs.getCell('J').dataValidation).toMatchObject({
      type: 'whole',
      formulae: [0, 1e15],
    });
    expect(julyJobs.getCell('K').dataValidation).toMatchObject({ type: 'list' });
    expect(julyJobs.getCell('K').dataValidation.showErrorMessage).not.toBe(true); // free text allowed
    expect(julyJobs.getCell('H').protection?.locked).not.toBe(false);
    // Text that Excel would run is neutralised; numbers stay numbers.
    expect(sheet.getRow(3).getCell('F').value).toBe("'=调查失业率");
    expect(sheet.getRow(5).getCell('K').value).toBe("'+季节因素");
    const guide = workbook.getWorksheet(GUIDE_SHEET)!;
    expect(guide.getRow(1).getCell(1).value as string).toContain('就业·县区月报');
  });

  it('reads back what a reporter typed, with the form and the places', async () => {
    const filled = await editWorkbook(await buildTemplate(spec), (wb) => {
      const sheet = wb.getWorksheet(DATA_SHEET)!;
      sheet.getCell('J4').value = 120;
      sheet.getCell('K4').value = '数据已核实无误';
      sheet.getCell('J5').value = '5.2';
    });
    const reading = await readTemplate(filled);
    expect(reading.formCode).toBe('D01-county-month');
    expect(reading.errors).toEqual([]);
    expect(reading.values.map(({ place, ...v }) => [place.row, v])).toEqual([
      [2, { unitCode: '441403', period: '2025-06', elementCode: 'emp.urban-new-jobs', value: 100 }],
      [
        4,
        {
          unitCode: '441403',
          period: '2025-07',
          elementCode: 'emp.urban-new-jobs',
          value: 120,
          comment: '数据已核实无误',
        },
      ],
      [
        5,
        {
          unitCode: '441403',
          period: '2025-07',
          elementCode: 'emp.rate',
          value: 5.2,
          comment: "'+季节因素",
        },
      ],
    ]);
  });

  it('lists text in a number cell and a formula with sheet, row and column', async () => {
    const filled = await editWorkbook(await buildTemplate(spec), (wb) => {
      const sheet = wb.getWorksheet(DATA_SHEET)!;
      sheet.getCell('J4').value = '一百二十';
      sheet.getCell('J5').value = { formula: 'I4*2', result: 200 };
    });
    const reading = await readTemplate(filled);
    expect(reading.errors.map((e) => e.message)).toEqual([
      '工作表“数据填报”第 4 行 J 列（本期值）：“一百二十”不是数字，本期值只能填写数字',
      expect.stringMatching(/^工作表“数据填报”第 5 行 J 列（本期值）：单元格含有公式（=I4\*2）/),
    ]);
    expect(reading.errors[0]).toMatchObject({ sheet: DATA_SHEET, row: 4, column: 'J' });
  });

  it('refuses a renamed data sheet and moved columns, naming what it found', async () => {
    const renamed = await editWorkbook(await buildTemplate(spec), (wb) => {
      wb.getWorksheet(DATA_SHEET)!.name = 'Sheet1';
    });
    const p = await problemOf(readTemplate(renamed));
    expect(p.code).toBe('XLSX_SHEET_MISSING');
    expect(p.userMessage).toContain('找不到工作表“数据填报”');
    expect(p.userMessage).toContain('“Sheet1”');

    const moved = await editWorkbook(await buildTemplate(spec), (wb) => {
      wb.getWorksheet(DATA_SHEET)!.spliceColumns(5, 0, ['插入列']);
    });
    const q = await problemOf(readTemplate(moved));
    expect(q.code).toBe('XLSX_LAYOUT_CHANGED');
    expect(q.userMessage).toContain('第 1 行 E 列');
  });

  it('refuses an xlsx that is not one before parsing', async () => {
    const p = await problemOf(readTemplate(Buffer.from('单位,数值\n梅县区,5\n')));
    expect(p.code).toBe('XLSX_INVALID');
  });
});
