import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readValuesCsv, writeValuesCsv } from './csv-format';
import {
  DHIS2_CSV_HEADER,
  importSummary,
  readDhis2Csv,
  readDhis2Json,
  toDhis2Csv,
  toDhis2Json,
} from './dhis2';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name));

describe('DHIS2 dataValueSets', () => {
  it('reads the documented JSON format, with set-level period and orgUnit as defaults', () => {
    const reading = readDhis2Json(JSON.parse(fixture('dhis2-datavalueset.json').toString()));
    expect(reading.conflicts).toEqual([]);
    expect(reading.values.map(({ place: _p, ...v }) => v)).toEqual([
      {
        elementCode: 'emp.urban-new-jobs',
        unitCode: '441403',
        period: '2025-07',
        value: 1250,
        comment: '含返乡创业带动就业',
      },
      { elementCode: 'emp.reemployed', unitCode: '441403', period: '2025-07', value: 310 },
      {
        elementCode: 'emp.hard-to-employ-employed',
        unitCode: '441402',
        period: '2025-07',
        value: 88,
      },
    ]);
  });

  it('reads the documented CSV format (header row, positional columns)', () => {
    const reading = readDhis2Csv(fixture('dhis2-datavalueset.csv'));
    expect(reading.conflicts).toEqual([]);
    expect(reading.total).toBe(3);
    expect(reading.values[0]).toMatchObject({
      elementCode: 'emp.urban-new-jobs',
      period: '2025-07',
      value: 1250,
    });
    expect(reading.values[0]!.comment).toBe('含返乡创业带动就业');
  });

  it('lists a conflict for each bad data value, with its line', () => {
    const reading = readDhis2Csv(fixture('dhis2-datavalueset-bad.csv'));
    expect(reading.values).toEqual([]);
    expect(reading.conflicts.map((c) => c.value)).toEqual([
      expect.stringMatching(/^第 2 行：期间“2025-W30”格式不正确/),
      expect.stringMatching(/^第 3 行：不支持分类选项组合“Jt9bzrFe2G1”/),
      expect.stringMatching(/^第 4 行：value“五十”不是数字/),
      '第 5 行：缺少 dataElement',
    ]);
    expect(reading.conflicts.map((c) => c.indexes[0])).toEqual([0, 1, 2, 3]);
  });

  it('refuses a body that is not a data value set', () => {
    expect(() => readDhis2Json({ values: [] })).toThrow(/缺少 dataValues/);
  });

  it('summarises like DHIS2: counts on success, everything ignored on conflict', () => {
    const ok = importSummary({
      dryRun: false,
      total: 3,
      created: 2,
      updated: 1,
      unchanged: 0,
      conflicts: [],
    });
    expect(ok).toMatchObject({
      responseType: 'ImportSummary',
      status: 'SUCCESS',
      importCount: { imported: 2, updated: 1, ignored: 0, deleted: 0 },
      conflicts: [],
    });
    const failed = importSummary({
      dryRun: false,
      total: 3,
      created: 2,
      updated: 0,
      unchanged: 0,
      conflicts: [{ object: '449999', value: '单位代码不存在', indexes: [1] }],
    });
    expect(failed.status).toBe('ERROR');
    expect(failed.importCount).toEqual({ imported: 0, updated: 0, ignored: 3, deleted: 0 });
  });

  it('exports JSON and CSV that read back to the same values', () => {
    const values = [
      {
        elementCode: 'emp.urban-new-jobs',
        unitCode: '441403',
        period: '2025-07',
        value: 1250,
        updatedAt: '2025-08-03T10:00:00.000Z',
      },
      {
        elementCode: 'edu.kindergarten-pupils',
        unitCode: '441403',
        period: '2025',
        value: 3.5,
        updatedAt: '2025-08-03T10:00:00.000Z',
      },
    ];
    const json = toDhis2Json(values);
    expect(json.dataValues[0]).toMatchObject({
      dataElement: 'emp.urban-new-jobs',
      period: '202507',
      orgUnit: '441403',
      value: '1250',
    });
    expect(readDhis2Json(json).values.map((v) => [v.elementCode, v.period, v.value])).toEqual([
      ['emp.urban-new-jobs', '2025-07', 1250],
      ['edu.kindergarten-pupils', '2025', 3.5],
    ]);
    const csv = toDhis2Csv(values);
    expect(csv.split('\n')[0]).toBe(DHIS2_CSV_HEADER.join(','));
    expect(readDhis2Csv(Buffer.from(csv)).values).toHaveLength(2);
  });
});

describe('platform CSV', () => {
  it('reads English or Chinese headers and places errors by line and column', () => {
    const text = [
      '指标代码,单位代码,期间,数值,备注',
      'emp.a,441403,2025-07,12,ok',
      'emp.a,441403,2025-08,abc,',
      'emp.a,,2025-09,3,',
    ].join('\n');
    const reading = readValuesCsv(Buffer.from(text));
    expect(reading.values).toHaveLength(1);
    expect(reading.errors.map((e) => e.message)).toEqual([
      '第 3 行（数值 value）：“abc”不是数字',
      '第 4 行（单位代码 unitCode）：不能为空',
    ]);
  });

  it('reads a GBK-encoded file saved by Excel on Chinese Windows', () => {
    const gbk = Buffer.from([
      // "指标代码,单位代码,期间,数值\n" in GB18030, then "emp.a,441403,2025-07,5\n"
      0xd6,
      0xb8,
      0xb1,
      0xea,
      0xb4,
      0xfa,
      0xc2,
      0xeb,
      0x2c,
      0xb5,
      0xa5,
      0xce,
      0xbb,
      0xb4,
      0xfa,
      0xc2,
      0xeb,
      0x2c,
      0xc6,
      0xda,
      0xbc,
      0xe4,
      0x2c,
      0xca,
      0xfd,
      0xd6,
      0xb5,
      0x0a,
      ...Buffer.from('emp.a,441403,2025-07,5\n'),
    ]);
    expect(readValuesCsv(gbk).values).toMatchObject([{ elementCode: 'emp.a', value: 5 }]);
  });

  it('refuses a file without the needed columns', () => {
    expect(() => readValuesCsv(Buffer.from('a,b\n1,2\n'))).toThrow(/缺少列/);
  });

  it('exports with a BOM, neutralised text and a header that imports back', () => {
    const csv = writeValuesCsv([
      {
        elementCode: 'emp.a',
        elementName: '=HYPERLINK("http://evil","x")',
        unitCode: '441403',
        unitName: '@梅县区',
        period: '2025-07',
        value: -5,
        status: 'draft',
        updatedAt: '2025-08-01T00:00:00.000Z',
      },
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows: string[][] = parse(csv.slice(1), {});
    expect(rows[1]![1]).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(rows[1]![3]).toBe("'@梅县区");
    expect(rows[1]![5]).toBe('-5');
    expect(readValuesCsv(Buffer.from(csv)).values).toMatchObject([
      { elementCode: 'emp.a', value: -5 },
    ]);
  });
});
