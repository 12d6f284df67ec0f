// The gap plan as an Excel workbook: one row per city, one column per year, the parameters
// (thresholds, years, spread) written above the table so a printed copy explains itself.
import ExcelJS from 'exceljs';
import type { CityGapPlan as Plan, GapPlanQuery } from './service-areas.compliance';

export async function gapPlanWorkbook(plan: Plan, q: GapPlanQuery): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Minsheng 民生十大工程数字化支撑平台';
  const ws = wb.addWorksheet('充电车位缺口计划');
  ws.addRow(['公路服务区充电车位缺口年度计划']).font = { bold: true, size: 14 };
  ws.addRow([
    `阈值：高速公路 ${q.thresholds.expressway}%，普通国道 ${q.thresholds.national}%；` +
      `${q.fromYear}—${q.toYear}年；${q.spread === 'even' ? '逐年平均' : '前期多安排（逐年递减）'}`,
  ]);
  ws.addRow([]);
  const header = ws.addRow([
    '地市代码',
    '地市',
    '高速公路缺口',
    '普通国道缺口',
    '缺口合计',
    ...plan.years.map((y) => `${y}年新增`),
  ]);
  header.font = { bold: true };
  for (const r of plan.rows)
    ws.addRow([r.key, r.cityName, r.expresswayGap, r.nationalGap, r.gap, ...r.perYear]);
  const total = ws.addRow([
    '',
    '合计',
    plan.rows.reduce((s, r) => s + r.expresswayGap, 0),
    plan.rows.reduce((s, r) => s + r.nationalGap, 0),
    plan.total,
    ...plan.totals,
  ]);
  total.font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = i === 1 ? 14 : 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
