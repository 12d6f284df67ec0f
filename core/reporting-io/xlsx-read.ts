// Reads a filled-in reporting template back: container checks first (zip-guard), then a
// streaming pass over the sheets. Structural faults (a renamed sheet, moved columns) stop the
// read; cell faults (text in a number cell, a formula) are collected row by row so a dry run
// can list them all.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { isFormula, readNumber, readText, type RawCell } from './cell-values';
import type { LocatedValue } from './located-value';
import { ImportProblem, placed, type Place, type PlacedError } from './problems';
import {
  COLUMNS,
  DATA_SHEET,
  FIRST_DATA_ROW,
  GUIDE_SHEET,
  HEADER_ROW,
  META_SHEET,
  column,
  columnNumber,
  type ColumnKey,
} from './xlsx-layout';
import { DEFAULT_ZIP_LIMITS, guardXlsx, type ZipLimits } from './zip-guard';

export interface ReadOptions {
  zipLimits?: ZipLimits;
  maxRows?: number;
  /** Stop collecting after this many cell errors (the count keeps going). */
  maxErrors?: number;
}

export interface TemplateReading {
  formCode: string | null;
  sheetNames: string[];
  values: LocatedValue[];
  errors: PlacedError[];
  errorCount: number;
}

const MAX_COMMENT = 500;
const COLUMN_NUMBERS = Object.fromEntries(
  COLUMNS.map((c) => [c.key, columnNumber(c.key)]),
) as Record<ColumnKey, number>;

export async function readTemplate(
  file: Buffer,
  options: ReadOptions = {},
): Promise<TemplateReading> {
  guardXlsx(file, options.zipLimits ?? DEFAULT_ZIP_LIMITS);
  const collector = new RowCollector(options.maxErrors ?? 500, options.maxRows ?? 200_000);
  const sheetNames: string[] = [];
  let meta = new Map<string, string>();
  let sawDataSheet = false;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(file), {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name?: string }).name ?? '';
      sheetNames.push(name);
      if (name === DATA_SHEET) {
        sawDataSheet = true;
        for await (const row of sheet) collector.take(row);
      } else if (name === META_SHEET) {
        meta = await readMeta(sheet);
      } else {
        for await (const _row of sheet) void _row; // drain, so the reader moves on
      }
    }
  } catch (error) {
    if (error instanceof ImportProblem) throw error;
    throw new ImportProblem(
      'XLSX_INVALID',
      '无法读取该 Excel 文件，文件可能已损坏，请重新下载模板填写',
    );
  }
  if (!sawDataSheet) throw missingSheet(sheetNames);
  collector.finish();
  return {
    formCode: meta.get('formCode') ?? null,
    sheetNames,
    values: collector.values,
    errors: collector.errors,
    errorCount: collector.errorCount,
  };
}

function missingSheet(names: string[]): ImportProblem {
  const present =
    names
      .filter((n) => n !== META_SHEET)
      .map((n) => `“${n}”`)
      .join('、') || '无';
  return new ImportProblem(
    'XLSX_SHEET_MISSING',
    `找不到工作表“${DATA_SHEET}”（工作簿中现有工作表：${present}）。请不要重命名或删除模板中的工作表（“${DATA_SHEET}”“${GUIDE_SHEET}”），或重新下载模板后填写`,
    [{ sheet: DATA_SHEET, message: `缺少工作表“${DATA_SHEET}”，可能已被重命名` }],
  );
}

async function readMeta(sheet: AsyncIterable<unknown>): Promise<Map<string, string>> {
  const meta = new Map<string, string>();
  for await (const row of sheet) {
    const r = row as ExcelJS.Row;
    const key = readText(r.getCell(1).value);
    const value = readText(r.getCell(2).value);
    if (key && value) meta.set(key, value);
  }
  return meta;
}

/** Turns data-sheet rows into located values and row-level errors. */
class RowCollector {
  readonly values: LocatedValue[] = [];
  readonly errors: PlacedError[] = [];
  errorCount = 0;
  private sawHeader = false;
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly maxErrors: number,
    private readonly maxRows: number,
  ) {}

  take(row: ExcelJS.Row): void {
    if (row.number === HEADER_ROW) return this.checkHeader(row);
    if (row.number < FIRST_DATA_ROW) return;
    if (row.number > this.maxRows + 1)
      throw new ImportProblem(
        'XLSX_TOO_MANY_ROWS',
        `工作表“${DATA_SHEET}”超过 ${this.maxRows} 行数据，请分批导入`,
      );
    this.readRow(row);
  }

  finish(): void {
    if (!this.sawHeader)
      throw new ImportProblem(
        'XLSX_HEADER_MISSING',
        `工作表“${DATA_SHEET}”第 1 行缺少表头，请重新下载模板后填写`,
      );
  }

  private checkHeader(row: ExcelJS.Row): void {
    this.sawHeader = true;
    for (const [i, col] of COLUMNS.entries()) {
      const found = (readText(row.getCell(i + 1).value) ?? '').trim();
      if (found === col.header) continue;
      const place = { sheet: DATA_SHEET, row: HEADER_ROW, column: col.letter };
      const why = `表头应为“${col.header}”，实际为“${found || '空白'}”。请不要插入、删除或移动列，或重新下载模板后填写`;
      throw new ImportProblem('XLSX_LAYOUT_CHANGED', placed(place, why).message, [
        placed(place, why),
      ]);
    }
  }

  private readRow(row: ExcelJS.Row): void {
    const at = (key: ColumnKey): Place => ({
      sheet: DATA_SHEET,
      row: row.number,
      column: column(key).letter,
      field: column(key).header,
    });
    // row.values is 1-based and much cheaper than a getCell per column on 100,000 rows.
    const values = row.values as RawCell[];
    const cell = (key: ColumnKey): RawCell => values[COLUMN_NUMBERS[key]];
    let rowFailed = false;
    const fail = (key: ColumnKey, why: string) => {
      rowFailed = true;
      this.addError(placed(at(key), why));
    };
    for (const col of COLUMNS)
      if (isFormula(cell(col.key)))
        fail(
          col.key,
          `单元格含有公式（=${formulaText(cell(col.key))}），系统不计算公式，请“选择性粘贴 → 数值”后重新上传`,
        );
    if (rowFailed) return;

    const reading = readNumber(cell('value'));
    const codes = {
      unitCode: (readText(cell('unitCode')) ?? '').trim(),
      period: (readText(cell('periodCode')) ?? '').trim(),
      elementCode: (readText(cell('elementCode')) ?? '').trim(),
    };
    if (reading.kind === 'empty') return;
    if (reading.kind === 'invalid')
      return fail('value', `“${reading.shown}”不是数字，本期值只能填写数字`);
    if (reading.kind === 'formula') return; // reported above
    if (!codes.unitCode)
      return fail('unitCode', '缺少单位代码（隐藏的 A 列被清空或修改），请重新下载模板');
    if (!codes.period)
      return fail('periodCode', '缺少期间代码（隐藏的 B 列被清空或修改），请重新下载模板');
    if (!codes.elementCode)
      return fail('elementCode', '缺少指标代码（隐藏的 C 列被清空或修改），请重新下载模板');

    const key = `${codes.elementCode}|${codes.unitCode}|${codes.period}`;
    const earlier = this.seen.get(key);
    if (earlier !== undefined)
      return fail('value', `与第 ${earlier} 行是同一单位、期间和指标，重复填报`);
    this.seen.set(key, row.number);

    const comment = (readText(cell('comment')) ?? '').trim();
    if (comment.length > MAX_COMMENT) return fail('comment', `备注不能超过 ${MAX_COMMENT} 个字`);
    // Plain literals (no spread): this runs once per value of a 100,000-value file.
    const value: LocatedValue = {
      elementCode: codes.elementCode,
      unitCode: codes.unitCode,
      period: codes.period,
      value: reading.value,
      place: at('value'),
    };
    if (comment) value.comment = comment;
    this.values.push(value);
  }

  private addError(error: PlacedError): void {
    this.errorCount += 1;
    if (this.errors.length < this.maxErrors) this.errors.push(error);
  }
}

function formulaText(cell: RawCell): string {
  const c = cell as { formula?: string; sharedFormula?: string };
  return String(c.formula ?? c.sharedFormula ?? '').slice(0, 60);
}
