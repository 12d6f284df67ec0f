// Writes the pre-filled reporting template (.xlsx) with exceljs's streaming writer, so a large
// template does not hold every cell object in memory at once.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutralise } from './cell-values';
import { periodLabel } from './period-codes';
import {
  COLUMNS,
  COMMENT_CHOICES,
  DATA_SHEET,
  GUIDE_SHEET,
  MAX_ROWS_WITH_EXCEL_CHECKS,
  META_SHEET,
  STATUS_LABELS,
  TEMPLATE_VERSION,
  VALUE_TYPE_LABELS,
  column,
  type ColumnKey,
} from './xlsx-layout';

export interface TemplateElement {
  code: string;
  name: string;
  /** Measurement unit (人, 个, %). */
  unit: string;
  valueType: string;
  min?: number | null;
  max?: number | null;
}

export interface TemplateUnit {
  code: string;
  name: string;
}

export interface CellState {
  value: number;
  comment?: string | null;
  status?: string;
}

export interface TemplateSpec {
  form: { code: string; name: string; periodType: string };
  elements: TemplateElement[];
  units: TemplateUnit[];
  periods: string[];
  /** Current values by valueKey(element, unit, period). */
  current: ReadonlyMap<string, CellState>;
  /** The previous period's value by valueKey(element, unit, period-of-this-row). */
  previous: ReadonlyMap<string, number>;
  generatedAt: string;
  generatedBy: string;
  /** Upload size limit shown in the instructions. */
  maxUploadMegabytes: number;
}

export const valueKey = (elementCode: string, unitCode: string, period: string) =>
  `${elementCode}\u0000${unitCode}\u0000${period}`;

export function templateRowCount(spec: Pick<TemplateSpec, 'elements' | 'units' | 'periods'>) {
  return spec.elements.length * spec.units.length * spec.periods.length;
}

export async function buildTemplate(spec: TemplateSpec): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = spec.generatedBy;
  workbook.created = new Date(spec.generatedAt);
  writeGuide(workbook.addWorksheet(GUIDE_SHEET), spec);
  await writeData(
    workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] }),
    spec,
  );
  writeMeta(workbook.addWorksheet(META_SHEET, { state: 'veryHidden' }), spec);
  await workbook.commit();
  return Buffer.concat(chunks);
}

function writeGuide(sheet: ExcelJS.Worksheet, spec: TemplateSpec): void {
  sheet.columns = [{ width: 110 }];
  const lines = guideLines(spec);
  lines.forEach((text, i) => {
    const row = sheet.addRow([text]);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) row.font = { bold: true, size: 14 };
    row.commit();
  });
  sheet.commit();
}

export function guideLines(spec: TemplateSpec): string[] {
  const periods =
    spec.periods.length === 1
      ? periodLabel(spec.periods[0]!)
      : `${periodLabel(spec.periods[0]!)} 至 ${periodLabel(spec.periods.at(-1)!)}`;
  return [
    `${spec.form.name}（报表代码 ${spec.form.code}）数据填报模板`,
    `报告期：${periods}；填报单位：${spec.units.map((u) => u.name).join('、')}。`,
    `生成时间：${spec.generatedAt}；生成人：${spec.generatedBy}。`,
    '',
    '填报步骤',
    `1. 在“${DATA_SHEET}”工作表中，只填写黄色底色的“本期值”和“备注（异常说明）”两列，其他单元格已锁定。`,
    '2. “本期值”只能填数字，不能填文字、单位或公式；百分数填 0–100 之间的数（如 45.6 表示 45.6%）；人数、个数等填非负整数。',
    '3. 某个值与本单位历史数据相比明显异常时，须在“备注”中说明原因（可从下拉列表选择，也可直接输入）。',
    '4. 不填的单元格保持空白，导入时跳过，不会清除系统中已有的数据。',
    '5. 填好后在平台“数据报送”页面点击“上传 Excel”。系统先做试导入并列出每一处错误（工作表、行、列、原因），确认无误后再正式导入。',
    '',
    '注意事项',
    `• 不要重命名、删除或调整工作表（“${DATA_SHEET}”“${GUIDE_SHEET}”），不要插入、删除或移动行和列；隐藏的 A–C 列保存单位、期间和指标代码，请勿修改。`,
    '• 不要在单元格中使用公式，请“选择性粘贴 → 数值”；含公式的文件会被拒绝。',
    '• 导入是“全部成功或全部不导入”：只要有一处错误，整个文件都不会写入，请按提示改正后重新上传。',
    '• 选择“导入后上报”时，上传时间即为上报时间，计入按时上报率。',
    '• 状态为“已审核（锁定）”的值不能修改，如需更正请联系上级单位退回。',
    `• 文件大小不超过 ${spec.maxUploadMegabytes} MB，格式须为 .xlsx（Excel 2007 及以上，WPS 另存为 .xlsx 亦可）。`,
  ];
}

async function writeData(sheet: ExcelJS.Worksheet, spec: TemplateSpec): Promise<void> {
  sheet.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width, hidden: c.hidden ?? false }));
  const header = sheet.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.commit();
  const withChecks = templateRowCount(spec) <= MAX_ROWS_WITH_EXCEL_CHECKS;
  for (const unit of spec.units)
    for (const period of spec.periods)
      for (const element of spec.elements)
        writeValueRow(sheet, spec, { unit, period, element }, withChecks);
  if (withChecks && templateRowCount(spec) > 0)
    addCommentDropdown(sheet, templateRowCount(spec) + 1);
  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });
  sheet.commit();
}

function writeValueRow(
  sheet: ExcelJS.Worksheet,
  spec: TemplateSpec,
  at: { unit: TemplateUnit; period: string; element: TemplateElement },
  withChecks: boolean,
): void {
  const { unit, period, element } = at;
  const key = valueKey(element.code, unit.code, period);
  const state = spec.current.get(key);
  const cells: Record<ColumnKey, string | number | null> = {
    unitCode: unit.code,
    periodCode: period,
    elementCode: element.code,
    unitName: neutralise(unit.name),
    periodLabel: periodLabel(period),
    elementName: neutralise(element.name),
    measure: neutralise(element.unit),
    rule: ruleText(element),
    previous: spec.previous.get(key) ?? null,
    value: state?.value ?? null,
    comment: state?.comment ? neutralise(state.comment) : null,
    status: STATUS_LABELS[state?.status ?? ''] ?? '未填报',
  };
  const row = sheet.addRow(COLUMNS.map((c) => cells[c.key]));
  const locked = state?.status === 'approved' || state?.status === 'submitted';
  for (const key of ['value', 'comment'] as const) {
    const cell = row.getCell(column(key).letter);
    cell.protection = { locked };
    if (!locked) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8D6' } };
  }
  const valueCell = row.getCell(column('value').letter);
  valueCell.numFmt = element.valueType === 'integer' ? '0' : 'General';
  row.getCell(column('previous').letter).numFmt = valueCell.numFmt;
  if (withChecks && !locked) valueCell.dataValidation = valueCheck(element);
  row.commit();
}

function ruleText(element: TemplateElement): string {
  const base = VALUE_TYPE_LABELS[element.valueType] ?? '数值';
  const range = [
    element.min !== null && element.min !== undefined ? `≥ ${element.min}` : '',
    element.max !== null && element.max !== undefined ? `≤ ${element.max}` : '',
  ]
    .filter(Boolean)
    .join('，');
  return range ? `${base}（${range}）` : base;
}

function bounds(element: TemplateElement): { min: number; max: number } {
  const floor = element.valueType === 'decimal' ? -1e15 : 0;
  const ceiling = element.valueType === 'percentage' ? 100 : 1e15;
  return { min: element.min ?? floor, max: element.max ?? ceiling };
}

function valueCheck(element: TemplateElement): ExcelJS.DataValidation {
  const { min, max } = bounds(element);
  return {
    type: element.valueType === 'integer' ? 'whole' : 'decimal',
    operator: 'between',
    allowBlank: true,
    formulae: [min, max],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '数值不符合要求',
    error: `请填写${ruleText(element)}，不能填文字或公式。`,
    showInputMessage: true,
    promptTitle: '本期值',
    prompt: ruleText(element),
  };
}

/** A list of usual reasons; free text stays allowed (no error on other entries). */
function addCommentDropdown(sheet: ExcelJS.Worksheet, lastRow: number): void {
  const letter = column('comment').letter;
  // The streaming writer has sheet-level validations; exceljs's types omit them.
  const { dataValidations } = sheet as unknown as {
    dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
  };
  dataValidations.add(`${letter}2:${letter}${lastRow}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${COMMENT_CHOICES.join(',')}"`],
    showErrorMessage: false,
  });
}

function writeMeta(sheet: ExcelJS.Worksheet, spec: TemplateSpec): void {
  for (const row of [
    ['templateVersion', TEMPLATE_VERSION],
    ['formCode', spec.form.code],
    ['periodType', spec.form.periodType],
    ['generatedAt', spec.generatedAt],
  ])
    sheet.addRow(row).commit();
  sheet.commit();
}
