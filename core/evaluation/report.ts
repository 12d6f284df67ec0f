// The 中期评估报告 as a content model in the bulletins' building blocks (numbered sections,
// paragraphs, tables, a chart), so the server prints it with the bulletin .docx generator.
import {
  BULLETIN_ISSUER,
  BULLETIN_STATUS_LABEL,
  LEVEL_LABEL,
  bulletinDate,
  bulletinNumeral,
  formatValue,
  shortDomainName,
  statusByDomainChart,
  type BulletinBlock,
  type BulletinChart,
  type BulletinSection,
  type TargetProgressStatus,
} from '../tasking/bulletin';
import { LEDGER_STATUSES, LEDGER_STATUS_LABELS } from '../tasking/ledger-status';
import { todayCst } from '../reporting/deadlines';
import {
  EVALUATION_ACTION_LABEL,
  UNASSESSED_LABEL,
  evaluationSummary,
  type Assessment,
  type EvaluationSnapshot,
  type EvaluationStatus,
} from './evaluation';

const STATUSES: TargetProgressStatus[] = [
  'achieved',
  'on_track',
  'at_risk',
  'off_track',
  'no_data',
];

export interface EvaluationMeta {
  id: number;
  title: string;
  status: EvaluationStatus;
  createdAt: string;
  signedBy: string | null;
  signedAt: string | null;
  signComment: string | null;
}

export interface EvaluationDocument {
  masthead: string;
  issuer: string;
  docNumber: string;
  title: string;
  addressee: string;
  intro: string;
  sections: BulletinSection[];
  charts: { statusByDomain: BulletinChart };
  signature: string;
  dateLine: string;
}

export const defaultEvaluationTitle = (asOf: string) =>
  `民生十大工程中期评估报告（截至${bulletinDate(asOf)}）`;

const countPhrase = (counts: Record<TargetProgressStatus, number>) =>
  STATUSES.filter((s) => counts[s] > 0)
    .map((s) => `${BULLETIN_STATUS_LABEL[s]}${counts[s]}项`)
    .join('、');

function overall(s: EvaluationSnapshot, a: Assessment[], m: EvaluationMeta): BulletinSection {
  const sum = evaluationSummary(s, a);
  const actions = (Object.keys(sum.byAction) as Array<keyof typeof sum.byAction>)
    .filter((k) => sum.byAction[k] > 0)
    .map((k) => `建议${EVALUATION_ACTION_LABEL[k]}${sum.byAction[k]}项`)
    .join('、');
  return {
    heading: '总体情况',
    blocks: [
      {
        type: 'paragraph',
        text:
          `截至${bulletinDate(s.asOf)}，计划确定的${sum.targets}项指标中，${countPhrase(sum.byStatus)}。` +
          `各牵头部门已对${sum.assessed}项指标提出评估意见` +
          (actions ? `，其中${actions}` : '') +
          (sum.unassessed ? `；${sum.unassessed}项指标${UNASSESSED_LABEL}。` : '。'),
      },
      { type: 'chart', chart: 'statusByDomain', caption: '各领域指标进展情况' },
      {
        type: 'paragraph',
        text:
          m.status === 'signed'
            ? `本评估已于${bulletinDate(todayCst(new Date(m.signedAt!)))}由${m.signedBy}签发。` +
              (m.signComment ? `签发意见：${m.signComment}` : '')
            : '本评估尚未签发（草稿），评估意见仍可修改。',
      },
    ],
  };
}

function targetSection(s: EvaluationSnapshot, a: Assessment[]): BulletinSection {
  const byCode = new Map(a.map((x) => [x.targetCode, x]));
  const blocks: BulletinBlock[] = s.domains.map((d) => ({
    type: 'table',
    caption: `${d.name}指标评估`,
    columns: ['编号', '指标', '当前值', '目标值', '进展', '预计', '建议', '评估意见'],
    weights: [1.2, 2.6, 1.3, 1.3, 1.4, 1.3, 1.6, 3],
    empty: '本领域无指标',
    rows: s.targets
      .filter((t) => t.domainCode === d.code)
      .map((t) => {
        const x = byCode.get(t.code);
        const action = x
          ? EVALUATION_ACTION_LABEL[x.action] +
            (x.proposedValue !== null ? `至${formatValue(x.proposedValue, t.unit)}` : '')
          : UNASSESSED_LABEL;
        return [
          t.code,
          t.indicator,
          formatValue(t.value, t.unit),
          formatValue(t.target, t.unit),
          BULLETIN_STATUS_LABEL[t.status],
          formatValue(t.forecast, t.unit),
          action,
          x?.text ?? '',
        ];
      }),
  }));
  return { heading: '指标进展和调整建议', blocks };
}

function ledgerSection(s: EvaluationSnapshot): BulletinSection {
  const rows = s.ledgers.filter((l) => l.items > 0);
  const total = rows.reduce((n, l) => n + l.items, 0);
  const late = rows.reduce((n, l) => n + l.byStatus.delayed, 0);
  return {
    heading: '工作任务台账推进情况',
    blocks: [
      {
        type: 'paragraph',
        text: total
          ? `全省工作台账共${total}项，涉及${rows.length}项任务，其中滞后${late}项。`
          : '截至评估基准日暂无工作台账事项。',
      },
      {
        type: 'table',
        caption: '各任务台账推进情况',
        columns: [
          '任务',
          '事项数',
          ...LEDGER_STATUSES.map((x) => LEDGER_STATUS_LABELS[x]),
          '平均进度',
        ],
        weights: [4, 1, 1, 1, 1, 1, 1, 1.2],
        empty: '暂无台账事项',
        rows: rows.map((l) => [
          `${l.taskNumber}. ${l.taskTitle}`,
          String(l.items),
          ...LEDGER_STATUSES.map((x) => String(l.byStatus[x])),
          l.meanPercent === null ? '—' : `${l.meanPercent}%`,
        ]),
      },
    ],
  };
}

function supervisionSection(s: EvaluationSnapshot): BulletinSection {
  const sup = s.supervision;
  return {
    heading: '督办事项办理情况',
    blocks: [
      {
        type: 'paragraph',
        text: sup.open
          ? `截至评估基准日，尚未办结的督办事项${sup.open}件（一般督办${sup.byLevel.general}件、` +
            `重点督办${sup.byLevel.key}件、挂牌督办${sup.byLevel.listed}件），其中逾期未答复${sup.overdue}件。`
          : '截至评估基准日，督办事项均已办结。',
      },
      {
        type: 'table',
        caption: '各任务未办结督办事项',
        columns: ['任务', LEVEL_LABEL.general, LEVEL_LABEL.key, LEVEL_LABEL.listed, '合计', '逾期'],
        weights: [4, 1, 1, 1, 1, 1],
        empty: '无未办结督办事项',
        rows: sup.byTask.map((x) => [
          x.taskNumber === null ? x.taskTitle : `${x.taskNumber}. ${x.taskTitle}`,
          String(x.byLevel.general),
          String(x.byLevel.key),
          String(x.byLevel.listed),
          String(x.open),
          String(x.overdue),
        ]),
      },
    ],
  };
}

function satisfactionSection(s: EvaluationSnapshot): BulletinSection {
  const names = new Map(s.domains.map((d) => [d.code, d.name]));
  const sat = s.satisfaction;
  if (!sat || sat.cells.length === 0)
    return {
      heading: '群众满意度',
      blocks: [{ type: 'paragraph', text: '截至评估基准日暂无已开展的满意度调查数据。' }],
    };
  const overallCell = sat.cells.find((c) => c.domainCode === 'ALL');
  return {
    heading: '群众满意度',
    blocks: [
      {
        type: 'paragraph',
        text:
          `最近一轮（${sat.wave}）群众满意度调查` +
          (overallCell?.index != null
            ? `全省综合满意度指数为${overallCell.index.toFixed(1)}。`
            : '已完成。'),
      },
      {
        type: 'table',
        caption: `各领域群众满意度指数（${sat.wave}）`,
        columns: ['领域', '满意度指数（95%置信区间）', '样本量'],
        rows: sat.cells.map((c) => [
          c.domainCode === 'ALL'
            ? '综合'
            : shortDomainName(names.get(c.domainCode) ?? c.domainCode),
          c.label,
          String(c.n),
        ]),
        empty: '暂无满意度数据',
      },
    ],
  };
}

function statusChart(s: EvaluationSnapshot): BulletinChart {
  return statusByDomainChart(s.domains, s.targets);
}

export function buildEvaluationReport(
  s: EvaluationSnapshot,
  assessments: Assessment[],
  m: EvaluationMeta,
): EvaluationDocument {
  const sections = [
    overall(s, assessments, m),
    targetSection(s, assessments),
    ledgerSection(s),
    supervisionSection(s),
    satisfactionSection(s),
  ].map((x, i) => ({ ...x, heading: `${bulletinNumeral(i + 1)}、${x.heading}` }));
  const dated = todayCst(new Date(m.signedAt ?? m.createdAt));
  return {
    masthead: '中 期 评 估',
    issuer: BULLETIN_ISSUER,
    docNumber: `中期评估第${m.id}号${m.status === 'signed' ? '' : '（草稿）'}`,
    title: m.title,
    addressee: '省有关单位：',
    intro:
      `根据《${s.plan.title}》关于开展中期评估的要求，现将截至${bulletinDate(s.asOf)}` +
      `各项指标、工作任务、督办事项和群众满意度情况（按计划第${s.planRevision.number}版）评估如下。`,
    sections,
    charts: { statusByDomain: statusChart(s) },
    signature: BULLETIN_ISSUER,
    dateLine: bulletinDate(dated),
  };
}
