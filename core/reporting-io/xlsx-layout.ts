// The reporting template's layout, shared by the writer and the reader: one row per value
// (unit × period × data element), codes in hidden columns A–C, only 本期值 and 备注 unlocked.

export const DATA_SHEET = '数据填报';
export const GUIDE_SHEET = '填报说明';
/** Very hidden: which form and template version the workbook was made for. */
export const META_SHEET = '模板信息';
export const TEMPLATE_VERSION = '1';

export type ColumnKey =
  | 'unitCode'
  | 'periodCode'
  | 'elementCode'
  | 'unitName'
  | 'periodLabel'
  | 'elementName'
  | 'measure'
  | 'rule'
  | 'previous'
  | 'value'
  | 'comment'
  | 'status';

export interface TemplateColumn {
  key: ColumnKey;
  letter: string;
  header: string;
  width: number;
  hidden?: boolean;
  /** Unlocked for the reporter. */
  editable?: boolean;
}

export const COLUMNS: readonly TemplateColumn[] = [
  { key: 'unitCode', letter: 'A', header: '单位代码', width: 10, hidden: true },
  { key: 'periodCode', letter: 'B', header: '期间代码', width: 10, hidden: true },
  { key: 'elementCode', letter: 'C', header: '指标代码', width: 10, hidden: true },
  { key: 'unitName', letter: 'D', header: '填报单位', width: 16 },
  { key: 'periodLabel', letter: 'E', header: '报告期', width: 14 },
  { key: 'elementName', letter: 'F', header: '指标名称', width: 40 },
  { key: 'measure', letter: 'G', header: '计量单位', width: 9 },
  { key: 'rule', letter: 'H', header: '填报要求', width: 16 },
  { key: 'previous', letter: 'I', header: '上期值', width: 12 },
  { key: 'value', letter: 'J', header: '本期值', width: 14, editable: true },
  { key: 'comment', letter: 'K', header: '备注（异常说明）', width: 28, editable: true },
  { key: 'status', letter: 'L', header: '状态', width: 12 },
];

export const column = (key: ColumnKey): TemplateColumn => COLUMNS.find((c) => c.key === key)!;
export const columnNumber = (key: ColumnKey): number => COLUMNS.indexOf(column(key)) + 1;

/** Headers live in row 1; data starts in row 2. */
export const HEADER_ROW = 1;
export const FIRST_DATA_ROW = 2;

/** Common reasons offered in the 备注 dropdown; any other text is accepted too. */
export const COMMENT_CHOICES = [
  '数据已核实无误',
  '统计口径调整',
  '补录以前期间数据',
  '受政策或项目集中实施影响',
  '受季节性因素影响',
];

export const VALUE_TYPE_LABELS: Record<string, string> = {
  integer: '非负整数',
  decimal: '数值',
  percentage: '百分数 0–100',
};

export const STATUS_LABELS: Record<string, string> = {
  draft: '草稿',
  submitted: '已上报（待审核，锁定）',
  returned: '已退回',
  approved: '已审核（锁定）',
};

/** Above this many rows the per-cell Excel checks are left out (the server checks anyway). */
export const MAX_ROWS_WITH_EXCEL_CHECKS = 20_000;
