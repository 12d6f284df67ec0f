// The ledger workbook in the layout departments already keep (one row per item): writing it,
// and reading it back into raw cells placed by sheet row and column heading. The meaning of
// the cells (units by name, milestone lines, dates) is decided by ledgers.import.ts.
import ExcelJS from 'exceljs';
import { guardXlsx, ImportProblem, neutralise, readText } from '../../../../core/reporting-io';

export const LEDGER_SHEET = '工作台账';

export const LEDGER_COLUMNS = [
  { key: 'seq', header: '序号', width: 6 },
  { key: 'taskNumber', header: '任务编号', width: 9 },
  { key: 'taskTitle', header: '任务名称', width: 24 },
  { key: 'code', header: '事项编号', width: 11 },
  { key: 'title', header: '工作事项', width: 28 },
  { key: 'description', header: '具体内容', width: 40 },
  { key: 'owner', header: '牵头单位', width: 18 },
  { key: 'cooperating', header: '配合单位', width: 24 },
  { key: 'city', header: '地市', width: 10 },
  { key: 'startDate', header: '开始日期', width: 12 },
  { key: 'dueDate', header: '完成时限', width: 12 },
  { key: 'milestones', header: '阶段节点', width: 48 },
  { key: 'budget', header: '预算（万元）', width: 12 },
  { key: 'targets', header: '关联指标', width: 16 },
  { key: 'percent', header: '完成进度(%)', width: 11 },
  { key: 'status', header: '状态', width: 10 },
  { key: 'latest', header: '最新进展', width: 40 },
] as const;

export type LedgerColumnKey = (typeof LEDGER_COLUMNS)[number]['key'];
export type LedgerSheetRow = Record<LedgerColumnKey, string | number | null>;

export const headerOf = (key: LedgerColumnKey): string =>
  LEDGER_COLUMNS.find((c) => c.key === key)!.header;

/** Column headings normalised: spaces, full/half-width brackets and case do not matter. */
const normalize = (s: string) =>
  s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
const BY_HEADING = new Map<string, LedgerColumnKey>(
  LEDGER_COLUMNS.map((c) => [normalize(c.header), c.key]),
);
const REQUIRED: LedgerColumnKey[] = [
  'taskNumber',
  'code',
  'title',
  'owner',
  'startDate',
  'dueDate',
];
const MAX_ROWS = 10_000;

export async function writeLedgerWorkbook(title: string, rows: LedgerSheetRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Minsheng';
  const ws = wb.addWorksheet(LEDGER_SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = LEDGER_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  ws.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);
  const caption = ws.getCell(1, 1);
  caption.value = title;
  caption.font = { bold: true, size: 14 };
  caption.alignment = { horizontal: 'center' };
  const header = ws.getRow(2);
  LEDGER_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  for (const r of rows) {
    const row = ws.addRow(
      Object.fromEntries(
        LEDGER_COLUMNS.map((c) => {
          const v = r[c.key];
          return [c.key, typeof v === 'string' ? neutralise(v) : v];
        }),
      ),
    );
    row.alignment = { vertical: 'top', wrapText: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ReadRow {
  /** 1-based row number as Excel shows it. */
  row: number;
  cells: Partial<Record<LedgerColumnKey, unknown>>;
}

export interface ReadSheet {
  sheet: string;
  rows: ReadRow[];
}

/** Reads the first sheet whose heading row names the ledger columns (row 1 or 2). */
export async function readLedgerWorkbook(file: Buffer): Promise<ReadSheet> {
  guardXlsx(file);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new ImportProblem('XLSX_INVALID', '上传的文件不是有效的 Excel（.xlsx）文件，无法读取');
  }
  for (const ws of wb.worksheets) {
    const found = findHeading(ws);
    if (!found) continue;
    const missing = REQUIRED.filter((k) => ![...found.columns.values()].includes(k));
    if (missing.length > 0)
      throw new ImportProblem(
        'LEDGER_COLUMNS_MISSING',
        `工作表“${ws.name}”缺少列：${missing.map(headerOf).join('、')}`,
      );
    return { sheet: ws.name, rows: dataRows(ws, found.headingRow, found.columns) };
  }
  throw new ImportProblem(
    'LEDGER_SHEET_MISSING',
    `文件中没有工作台账表：第 1 或第 2 行须为列标题（${LEDGER_COLUMNS.map((c) => c.header).join('、')}）`,
  );
}

function findHeading(ws: ExcelJS.Worksheet) {
  for (const headingRow of [1, 2]) {
    const columns = new Map<number, LedgerColumnKey>();
    ws.getRow(headingRow).eachCell((cell, col) => {
      const key = BY_HEADING.get(normalize(readText(cell.value) ?? ''));
      if (key) columns.set(col, key);
    });
    if (columns.size >= 3) return { headingRow, columns };
  }
  return null;
}

function dataRows(
  ws: ExcelJS.Worksheet,
  headingRow: number,
  columns: Map<number, LedgerColumnKey>,
): ReadRow[] {
  const rows: ReadRow[] = [];
  ws.eachRow((row, number) => {
    if (number <= headingRow) return;
    const cells: ReadRow['cells'] = {};
    let any = false;
    for (const [col, key] of columns) {
      const value = row.getCell(col).value;
      if (value !== null && value !== undefined && (readText(value) ?? 'x').trim() !== '')
        any = true;
      cells[key] = value;
    }
    if (any) rows.push({ row: number, cells });
  });
  if (rows.length > MAX_ROWS)
    throw new ImportProblem('LEDGER_TOO_MANY_ROWS', `一次最多导入 ${MAX_ROWS} 行，请拆分文件`);
  return rows;
}
