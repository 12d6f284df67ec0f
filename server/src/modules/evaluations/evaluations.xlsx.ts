// The evaluation as an .xlsx workbook in the house style of the other exports (title row,
// bold header, widths from the content): targets with their assessments, ledger progress per
// task, open supervision items, the satisfaction index.
import ExcelJS from 'exceljs';
import {
  EVALUATION_ACTION_LABEL,
  UNASSESSED_LABEL,
  type Assessment,
  type EvaluationMeta,
  type EvaluationSnapshot,
} from '../../../../core/evaluation';
import { BULLETIN_STATUS_LABEL, LEVEL_LABEL } from '../../../../core/tasking/bulletin';
import { LEDGER_STATUSES, LEDGER_STATUS_LABELS } from '../../../../core/tasking/ledger-status';

type Cell = string | number | null;

function addSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string,
  columns: string[],
  rows: Cell[][],
) {
  const sheet = workbook.addWorksheet(name);
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow(columns).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map((v) => (v === null ? '' : v)));
  columns.forEach((c, i) => {
    const longest = Math.max(c.length, ...rows.map((r) => String(r[i] ?? '').length));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, longest * 2));
  });
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
}

export async function evaluationWorkbook(
  s: EvaluationSnapshot,
  assessments: Assessment[],
  m: EvaluationMeta,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Minsheng 民生十大工程数字化支撑平台';
  const state = m.status === 'signed' ? `已签发（${m.signedBy}，${m.signedAt}）` : '草稿（未签发）';
  const byCode = new Map(assessments.map((a) => [a.targetCode, a]));
  const domains = new Map(s.domains.map((d) => [d.code, d.name]));
  addSheet(
    workbook,
    '指标评估',
    `${m.title} — 截至${s.asOf}，计划第${s.planRevision.number}版，${state}`,
    [
      '指标编号',
      '领域',
      '任务',
      '指标',
      '当前值',
      '目标值',
      '单位',
      '完成进度(%)',
      '状态',
      '预计值',
      '原因',
      '调整建议',
      '建议目标值',
      '评估意见',
      '评估人',
    ],
    s.targets.map((t) => {
      const a = byCode.get(t.code);
      return [
        t.code,
        domains.get(t.domainCode) ?? t.domainCode,
        t.taskTitle,
        t.indicator,
        t.value,
        t.target,
        t.unit,
        t.progress,
        BULLETIN_STATUS_LABEL[t.status],
        t.forecast,
        t.reason,
        a ? EVALUATION_ACTION_LABEL[a.action] : UNASSESSED_LABEL,
        a?.proposedValue ?? null,
        a?.text ?? null,
        a?.assessedBy ?? null,
      ];
    }),
  );
  addSheet(
    workbook,
    '台账进度',
    `各任务工作台账推进情况（截至${s.asOf}）`,
    [
      '任务',
      '任务名称',
      '事项数',
      ...LEDGER_STATUSES.map((x) => LEDGER_STATUS_LABELS[x]),
      '平均进度(%)',
    ],
    s.ledgers.map((l) => [
      l.taskNumber,
      l.taskTitle,
      l.items,
      ...LEDGER_STATUSES.map((x) => l.byStatus[x]),
      l.meanPercent,
    ]),
  );
  addSheet(
    workbook,
    '督办事项',
    `未办结督办事项（截至${s.asOf}）`,
    ['编号', '事项', '级别', '状态', '被督办单位', '任务', '答复期限', '逾期'],
    s.supervision.items.map((i) => [
      i.id,
      i.title,
      LEVEL_LABEL[i.level],
      i.status,
      i.targetName,
      i.taskNumber,
      i.replyDue,
      i.overdue ? '是' : '否',
    ]),
  );
  addSheet(
    workbook,
    '满意度',
    s.satisfaction ? `群众满意度指数（${s.satisfaction.wave}）` : '群众满意度指数（暂无数据）',
    ['领域', '满意度指数', '说明', '样本量'],
    (s.satisfaction?.cells ?? []).map((c) => [
      c.domainCode === 'ALL' ? '综合' : (domains.get(c.domainCode) ?? c.domainCode),
      c.index,
      c.label,
      c.n,
    ]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
