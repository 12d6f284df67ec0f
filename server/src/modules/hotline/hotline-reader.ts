// Streams the rows of a hotline export, CSV (csv-parse) or XLSX (exceljs WorkbookReader), so a
// file of a million tickets is read in constant memory. Yields header first, then data rows.
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { CellValue } from '../../../../core/satisfaction/hotline';

export type HotlineFormat = 'csv' | 'xlsx';

export function formatOf(fileName: string): HotlineFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

export async function* readRows(
  input: Readable,
  format: HotlineFormat,
): AsyncGenerator<CellValue[]> {
  if (format === 'csv') {
    const parser = input.pipe(
      parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }),
    );
    for await (const record of parser) yield record as string[];
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      const values = row.values as unknown[];
      yield values.slice(1).map(cellValue);
    }
    return; // the first sheet only
  }
}

function cellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  // Excel stores wall-clock times without a zone: read them as the hotline's Beijing time.
  if (v instanceof Date) return v.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'object') {
    const o = v as { text?: unknown; result?: unknown; richText?: Array<{ text: string }> };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.result !== undefined) return cellValue(o.result);
    if (typeof o.text === 'string') return o.text;
    return null;
  }
  return typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : null;
}
