// A table as shown on the dashboard, written as an .xlsx workbook (one sheet, bold header).
import ExcelJS from 'exceljs';

export interface ExportTable {
  title: string;
  columns: string[];
  rows: Array<Array<string | number | null>>;
}

export async function tableToXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Minsheng 民生十大工程数字化支撑平台';
  const sheet = workbook.addWorksheet(sheetName(table.title));
  sheet.addRow([table.title]).font = { bold: true, size: 14 };
  const header = sheet.addRow(table.columns);
  header.font = { bold: true };
  for (const r of table.rows) sheet.addRow(r.map((v) => (v === null ? '' : v)));
  table.columns.forEach((c, i) => {
    const longest = Math.max(c.length, ...table.rows.map((r) => String(r[i] ?? '').length));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, longest * 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Excel forbids : \ / ? * [ ] in sheet names, a quotation mark at either end, and more than
 * 31 characters.
 */
function sheetName(title: string): string {
  const name = title
    .replace(/[:\\/?*[\]]/g, ' ')
    .slice(0, 31)
    .replace(/^'+|'+$/g, '')
    .trim();
  return name || 'Sheet1';
}
