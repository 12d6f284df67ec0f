// Registry files for tests: a small hand-calculated set (see the numbers in the tests) and
// writers for csv and xlsx with the Chinese headings of the import.
import ExcelJS from 'exceljs';
import { FIELD_LABELS, type AreaField } from './service-areas.model';

export const COLUMNS: AreaField[] = [
  'name',
  'road',
  'roadClass',
  'direction',
  'cityCode',
  'countyCode',
  'longitude',
  'latitude',
  'parkingSpaces',
  'chargingSpaces',
  'chargerCount',
  'chargerPowerKw',
  'status',
  'statusDate',
  'operator',
];

export type FixtureRow = Array<string | number>;

/**
 * Hand calculation (thresholds 15% / 10%):
 *   A 梅县 南行  expressway 100/10 → required 15, gap 5
 *   B 梅县 北行  expressway  40/8  → required 6, compliant (upgraded 2024-05-01)
 *   C 蕉岭       national    55/5  → required ceil(5.5)=6, gap 1
 *   D 从化       expressway  60/3  → required 9, gap 6 (new 2023-08-01)
 *   E 花都       expressway 200/0  → under construction: listed, not assessed
 * Province expressway 21/200 = 10.5%, 1 of 3 compliant, gap 11, aggregate gap 9;
 * national 5/55 = 9.09%, gap 1. 梅州 expressway 18/140, gap 5 (+1 national); 广州 3/60, gap 6.
 */
export const HAND_ROWS: FixtureRow[] = [
  [
    '梅县服务区',
    'G25 长深高速',
    '高速公路',
    '南行',
    '441400',
    '441403',
    116.08,
    24.27,
    100,
    10,
    5,
    600,
    '已建',
    '',
    '广东省高速公路有限公司',
  ],
  [
    '梅县服务区',
    'G25 长深高速',
    '高速公路',
    '北行',
    '441400',
    '441403',
    116.09,
    24.27,
    40,
    8,
    4,
    480,
    '提升改造',
    '2024-05-01',
    '广东省高速公路有限公司',
  ],
  [
    '蕉岭服务区',
    'G206 国道',
    '普通国道',
    '双侧',
    '梅州市',
    '',
    116.17,
    24.65,
    55,
    5,
    3,
    180,
    '已建',
    '',
    '蕉岭县交通运输局',
  ],
  [
    '从化服务区',
    'G45 大广高速',
    '高速公路',
    '南行',
    '440100',
    '',
    113.59,
    23.55,
    60,
    3,
    2,
    240,
    '新建',
    '2023-08-01',
    '广州交投服务区管理有限公司',
  ],
  [
    '花都服务区',
    'G4 京港澳高速',
    '高速公路',
    '北行',
    '440100',
    '',
    113.22,
    23.4,
    200,
    0,
    0,
    0,
    '在建',
    '2025-01-01',
    '',
  ],
];

export function toCsv(rows: FixtureRow[], columns: AreaField[] = COLUMNS): string {
  const esc = (v: string | number) => {
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map((c) => FIELD_LABELS[c]), ...rows].map((r) => r.map(esc).join(',')).join('\n');
}

export async function toXlsx(rows: FixtureRow[], sheet = '服务区台账'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(COLUMNS.map((c) => FIELD_LABELS[c]));
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const base64 = (content: string | Buffer) =>
  (typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString('base64');
