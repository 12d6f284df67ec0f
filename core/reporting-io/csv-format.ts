// The platform's own CSV: one value per line, with a header naming the columns (English codes
// as in the JSON API, or the Chinese headings of the export). Export writes UTF-8 with a BOM so
// Excel shows the Chinese, and neutralises text that a spreadsheet would run as a formula.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { neutralise, parseNumberText } from './cell-values';
import { ImportProblem, placed, type PlacedError } from './problems';
import { decodeText } from './text-decoding';
import type { LocatedValue } from './located-value';

type Field = 'elementCode' | 'unitCode' | 'period' | 'value' | 'comment';

const HEADER_ALIASES: Record<string, Field> = {
  elementcode: 'elementCode',
  element_code: 'elementCode',
  指标代码: 'elementCode',
  unitcode: 'unitCode',
  unit_code: 'unitCode',
  单位代码: 'unitCode',
  period: 'period',
  期间: 'period',
  期间代码: 'period',
  value: 'value',
  数值: 'value',
  本期值: 'value',
  comment: 'comment',
  备注: 'comment',
};

const REQUIRED: Field[] = ['elementCode', 'unitCode', 'period', 'value'];
const FIELD_LABELS: Record<Field, string> = {
  elementCode: '指标代码 elementCode',
  unitCode: '单位代码 unitCode',
  period: '期间 period',
  value: '数值 value',
  comment: '备注 comment',
};

export interface CsvReading {
  values: LocatedValue[];
  errors: PlacedError[];
}

/** Parses CSV text into records, or throws an ImportProblem naming the line. */
export function parseCsvRecords(bytes: Uint8Array): string[][] {
  const text = decodeText(bytes).replace(/^\uFEFF/, '');
  try {
    const records: unknown = parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
    return records as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    const why = 'CSV 格式不正确（引号未闭合或分隔符有误）';
    throw new ImportProblem('CSV_INVALID', line ? `第 ${line} 行：${why}` : why, [
      { row: line, message: line ? `第 ${line} 行：${why}` : why },
    ]);
  }
}

export function readValuesCsv(bytes: Uint8Array): CsvReading {
  const records = parseCsvRecords(bytes);
  const header = records[0];
  if (!header) throw new ImportProblem('CSV_EMPTY', 'CSV 文件为空');
  const positions = new Map<Field, number>();
  header.forEach((name, i) => {
    const field = HEADER_ALIASES[name.trim().toLowerCase()] ?? HEADER_ALIASES[name.trim()];
    if (field && !positions.has(field)) positions.set(field, i);
  });
  const missing = REQUIRED.filter((f) => !positions.has(f));
  if (missing.length)
    throw new ImportProblem(
      'CSV_HEADER_INVALID',
      `第 1 行表头缺少列：${missing.map((f) => FIELD_LABELS[f]).join('、')}`,
      [{ row: 1, message: `第 1 行：缺少列 ${missing.map((f) => FIELD_LABELS[f]).join('、')}` }],
    );
  const values: LocatedValue[] = [];
  const errors: PlacedError[] = [];
  records.slice(1).forEach((record, i) => {
    const line = i + 2;
    const get = (f: Field) => (positions.has(f) ? (record[positions.get(f)!] ?? '').trim() : '');
    const at = (f: Field) => ({ row: line, field: FIELD_LABELS[f] });
    const number = parseNumberText(get('value'));
    for (const f of ['elementCode', 'unitCode', 'period'] as const)
      if (!get(f)) return errors.push(placed(at(f), '不能为空'));
    if (number.kind === 'empty') return errors.push(placed(at('value'), '不能为空'));
    if (number.kind !== 'number')
      return errors.push(placed(at('value'), `“${get('value')}”不是数字`));
    const comment = get('comment');
    values.push({
      elementCode: get('elementCode'),
      unitCode: get('unitCode'),
      period: get('period'),
      value: number.value,
      ...(comment ? { comment } : {}),
      place: at('value'),
    });
  });
  return { values, errors };
}

export interface ExportRow {
  elementCode: string;
  elementName: string;
  unitCode: string;
  unitName: string;
  period: string;
  value: number;
  status: string;
  updatedAt: string;
}

const EXPORT_COLUMNS: Array<[keyof ExportRow, string]> = [
  ['elementCode', 'elementCode'],
  ['elementName', '指标名称'],
  ['unitCode', 'unitCode'],
  ['unitName', '单位名称'],
  ['period', 'period'],
  ['value', 'value'],
  ['status', '状态'],
  ['updatedAt', '更新时间'],
];

/** UTF-8 with BOM; the export's header is also a valid import header. */
export function writeValuesCsv(rows: ExportRow[]): string {
  const body = stringify(
    rows.map((r) =>
      EXPORT_COLUMNS.map(([key]) =>
        typeof r[key] === 'number' ? r[key] : neutralise(String(r[key])),
      ),
    ),
    { header: true, columns: EXPORT_COLUMNS.map(([, label]) => label) },
  );
  return `\uFEFF${body}`;
}
