// Reading a registry file (xlsx or csv) into rows keyed by field, each with its sheet and row
// number, so every error can say where it is. Column headings are the Chinese labels
// (or the API's field names).
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { badRequest } from '../../common/errors';
import { FIELD_LABELS, type AreaField } from './service-areas.model';
import type { RawArea } from './service-areas.validation';

export interface FileRow {
  sheet: string;
  /** 1-based row number as the user sees it in Excel or a text editor. */
  row: number;
  raw: RawArea;
  /** Column letter (xlsx) or heading per field, for error places. */
  columns: Partial<Record<AreaField, string>>;
}

export interface ParsedFile {
  sheet: string;
  rows: FileRow[];
  ignoredColumns: string[];
}

const MAX_ROWS = 20_000;
const REQUIRED: AreaField[] = [
  'name',
  'road',
  'roadClass',
  'direction',
  'cityCode',
  'longitude',
  'latitude',
  'parkingSpaces',
  'chargingSpaces',
  'chargerCount',
  'chargerPowerKw',
  'status',
];

const normalizeHeading = (s: string) =>
  s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();

const HEADINGS = new Map<string, AreaField>(
  (Object.entries(FIELD_LABELS) as Array<[AreaField, string]>).flatMap(([field, label]) => [
    [normalizeHeading(label), field],
    [normalizeHeading(field), field],
  ]),
);
// Common variants seen in real ledgers.
for (const [alt, field] of [
  ['地市代码', 'cityCode'],
  ['县区代码', 'countyCode'],
  ['小型客车停车位数', 'parkingSpaces'],
  ['充电车位数', 'chargingSpaces'],
  ['充电桩数量', 'chargerCount'],
  ['充电功率(kw)', 'chargerPowerKw'],
  ['充电总功率', 'chargerPowerKw'],
  ['名称', 'name'],
  ['道路', 'road'],
] as Array<[string, AreaField]>)
  HEADINGS.set(normalizeHeading(alt), field);

export async function readRegistryFile(fileName: string, content: Buffer): Promise<ParsedFile> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return readCsv(fileName, content);
  if (lower.endsWith('.xlsx')) return readXlsx(content);
  throw badRequest(
    'IMPORT_FILE_TYPE',
    `不支持的文件类型：${fileName}（请上传 .xlsx 或 .csv 文件）`,
    [{ field: 'fileName', message: '须为 .xlsx 或 .csv' }],
  );
}

function mapHeadings(sheet: string, headings: string[]) {
  const fields = new Map<number, AreaField>();
  const ignored: string[] = [];
  headings.forEach((h, i) => {
    if (!h.trim()) return;
    const field = HEADINGS.get(normalizeHeading(h));
    if (field && ![...fields.values()].includes(field)) fields.set(i, field);
    else ignored.push(h);
  });
  const present = new Set(fields.values());
  const missing = REQUIRED.filter((f) => !present.has(f));
  if (missing.length)
    throw badRequest(
      'IMPORT_COLUMNS_MISSING',
      `工作表“${sheet}”第1行缺少必需的列：${missing.map((f) => FIELD_LABELS[f]).join('、')}`,
      missing.map((f) => ({
        field: FIELD_LABELS[f],
        row: 1,
        message: `缺少“${FIELD_LABELS[f]}”列`,
      })),
    );
  return { fields, ignored };
}

function tooMany(count: number): never {
  throw badRequest(
    'IMPORT_TOO_MANY_ROWS',
    `文件行数过多（${count} 行，上限 ${MAX_ROWS} 行），请分批导入`,
  );
}

function readCsv(fileName: string, content: Buffer): ParsedFile {
  let records: string[][];
  try {
    records = parse(content, { bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (e) {
    throw badRequest('IMPORT_FILE_UNREADABLE', `无法读取 CSV 文件：${(e as Error).message}`);
  }
  const sheet = fileName;
  if (records.length === 0) throw badRequest('IMPORT_EMPTY', '文件为空');
  if (records.length - 1 > MAX_ROWS) tooMany(records.length - 1);
  const { fields, ignored } = mapHeadings(sheet, records[0]!);
  const rows: FileRow[] = [];
  records.slice(1).forEach((record, i) => {
    if (record.every((cell) => !cell.trim())) return;
    const raw: RawArea = {};
    const columns: FileRow['columns'] = {};
    for (const [col, field] of fields) {
      raw[field] = record[col] ?? '';
      columns[field] = FIELD_LABELS[field];
    }
    rows.push({ sheet, row: i + 2, raw, columns });
  });
  return { sheet, rows, ignoredColumns: ignored };
}

function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('result' in value) return cellValue(value.result);
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return null;
  }
  return value;
}

async function readXlsx(content: Buffer): Promise<ParsedFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw badRequest('IMPORT_FILE_UNREADABLE', '无法读取 Excel 文件，请确认是 .xlsx 格式且未损坏');
  }
  const ws = workbook.worksheets.find((w) => w.name.includes('服务区')) ?? workbook.worksheets[0];
  if (!ws || ws.rowCount === 0) throw badRequest('IMPORT_EMPTY', '文件中没有数据');
  if (ws.rowCount - 1 > MAX_ROWS) tooMany(ws.rowCount - 1);
  const headerRow = ws.getRow(1);
  const headings: string[] = [];
  for (let c = 1; c <= ws.columnCount; c++) headings[c - 1] = headerRow.getCell(c).text ?? '';
  const { fields, ignored } = mapHeadings(ws.name, headings);
  const rows: FileRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const raw: RawArea = {};
    const columns: FileRow['columns'] = {};
    let any = false;
    for (const [col, field] of fields) {
      const cell = row.getCell(col + 1);
      const v = cellValue(cell.value);
      if (v !== null && v !== '') any = true;
      raw[field] = v;
      columns[field] = `${cell.address.replace(/\d+$/, '')}列（${FIELD_LABELS[field]}）`;
    }
    if (any) rows.push({ sheet: ws.name, row: rowNumber, raw, columns });
  });
  return { sheet: ws.name, rows, ignoredColumns: ignored };
}
