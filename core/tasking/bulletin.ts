// The bulletin (通报) as data: from the figures gathered at an as-of date it builds the
// sections, the red/yellow/green lists, the rankings and the sentences of a written bulletin.
// Pure — the server gathers the figures, and renders this one model as .docx and as HTML.
import { parsePeriod, periodBounds } from '../periods/periods';

export type BulletinKind = 'monthly' | 'quarterly' | 'adhoc';
export type TargetProgressStatus = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'no_data';
export type BulletinLight = 'red' | 'yellow' | 'green';
export type BulletinLevel = 'general' | 'key' | 'listed';

export const BULLETIN_ISSUER = '广东省民生十大工程工作专班';
export const BULLETIN_ADDRESSEE = '各地级以上市人民政府，省有关单位：';
export const BULLETIN_DOC_PREFIX = '粤民生督';

export interface BulletinTarget {
  code: string;
  domainCode: string;
  taskNumber: number | null;
  taskTitle: string | null;
  indicator: string;
  status: TargetProgressStatus;
  value: number | null;
  target: number;
  unit: string;
  progress: number | null;
  reason: string;
}

export interface BulletinDomain {
  code: string;
  number: number;
  name: string;
  leadUnits: string[];
}

export interface BulletinLedgerItem {
  code: string;
  title: string;
  ownerName: string;
  cityName: string | null;
  dueDate: string;
  percentDone: number;
  status: 'not_started' | 'on_track' | 'at_risk' | 'delayed' | 'done';
  /** The earliest milestone past its due date and not done, if any. */
  overdueMilestone: { title: string; dueDate: string } | null;
}

export interface BulletinSupervisionItem {
  id: number;
  title: string;
  level: BulletinLevel;
  targetName: string;
  replyDue: string;
}

export interface BulletinSupervision {
  opened: number;
  closed: number;
  openedByLevel: Record<BulletinLevel, number>;
  closedByLevel: Record<BulletinLevel, number>;
  stillOpen: number;
  openOverdueCount: number;
  openOverdue: BulletinSupervisionItem[];
}

export interface BulletinCity {
  code: string;
  name: string;
  rank: number | null;
  onTrackShare: number | null;
  assessed: number;
  counts: Record<TargetProgressStatus, number>;
}

export interface BulletinSatisfaction {
  wave: string;
  cells: Array<{ domainCode: string; index: number | null; label: string; n: number }>;
}

export interface BulletinHotline {
  month: string;
  rate: number | null;
  target: number;
  belowTarget: string[];
}

/** One of the year's 十件民生实事 with the status of each of its targets. */
export interface BulletinPracticalMatter {
  seq: number;
  title: string;
  leadUnitName: string;
  status: TargetProgressStatus;
  targets: Array<{
    indicator: string;
    status: TargetProgressStatus;
    value: number | null;
    target: number;
    unit: string;
    progress: number | null;
  }>;
}

export interface BulletinPracticalMatters {
  year: number;
  matters: BulletinPracticalMatter[];
}

/** Everything a bulletin says, gathered by the server at the as-of date. */
export interface BulletinFigures {
  kind: BulletinKind;
  period: string;
  from: string;
  asOf: string;
  domains: BulletinDomain[];
  targets: BulletinTarget[];
  ledgerTotal: number;
  /** How many items are late; `ledgerLate` lists the first of them (a bulletin stays short). */
  ledgerLateCount: number;
  ledgerLate: BulletinLedgerItem[];
  supervision: BulletinSupervision;
  cities: BulletinCity[];
  satisfaction: BulletinSatisfaction | null;
  hotline: BulletinHotline | null;
  /** The year's 十件民生实事 (absent in bulletins drafted before they were kept). */
  practicalMatters?: BulletinPracticalMatters | null;
}

export interface BulletinOptions {
  title?: string;
  intro?: string;
  /** The 文号 sequence once published; null → the placeholder. */
  docSequence?: number | null;
  /** The day the bulletin is dated (落款日期). */
  issuedOn: string;
}

export type BulletinBlock =
  | { type: 'paragraph'; text: string; lead?: string }
  | {
      type: 'table';
      caption: string;
      columns: string[];
      rows: string[][];
      empty: string;
      /** Relative column widths (equal when absent). */
      weights?: number[];
    }
  | { type: 'chart'; chart: BulletinChartKey; caption: string };

export interface BulletinSection {
  heading: string;
  blocks: BulletinBlock[];
}

export type BulletinChartKey = 'statusByDomain' | 'cityRanking' | 'supervision';

export interface BulletinChart {
  categories: string[];
  series: Array<{ name: string; data: number[]; color: string }>;
  stacked: boolean;
  /** Horizontal bars (long category names); vertical otherwise. */
  horizontal: boolean;
  valueUnit: string;
}

export interface BulletinDocument {
  kind: BulletinKind;
  period: string;
  from: string;
  asOf: string;
  issuer: string;
  docNumber: string;
  title: string;
  addressee: string;
  intro: string;
  sections: BulletinSection[];
  charts: Record<BulletinChartKey, BulletinChart>;
  signature: string;
  dateLine: string;
  counts: Record<TargetProgressStatus, number>;
}

export const BULLETIN_STATUS_LABEL: Record<TargetProgressStatus, string> = {
  achieved: '已完成',
  on_track: '进展顺利',
  at_risk: '存在滞后风险',
  off_track: '明显滞后',
  no_data: '暂无数据',
};
export const STATUS_COLOR: Record<TargetProgressStatus, string> = {
  achieved: '#1a7f37',
  on_track: '#52c41a',
  at_risk: '#faad14',
  off_track: '#cf1322',
  no_data: '#bfbfbf',
};
export const LEVEL_LABEL: Record<BulletinLevel, string> = {
  general: '一般督办',
  key: '重点督办',
  listed: '挂牌督办',
};
const LEDGER_STATUS_LABEL: Record<BulletinLedgerItem['status'], string> = {
  not_started: '未开工',
  on_track: '正常推进',
  at_risk: '存在风险',
  delayed: '滞后',
  done: '已完成',
};
const STATUSES: TargetProgressStatus[] = [
  'achieved',
  'on_track',
  'at_risk',
  'off_track',
  'no_data',
];
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function bulletinLight(status: TargetProgressStatus): BulletinLight | null {
  if (status === 'off_track') return 'red';
  if (status === 'at_risk') return 'yellow';
  if (status === 'achieved' || status === 'on_track') return 'green';
  return null;
}

/** 一 … 十, 十一 … 九十九 — section numbers of a government document. */
export function bulletinNumeral(n: number): string {
  if (n <= 10) return NUMERALS[n - 1]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens > 1 ? NUMERALS[tens - 1] : ''}十${ones ? NUMERALS[ones - 1] : ''}`;
}

/** 2026-09-30 → 2026年9月30日 */
export function bulletinDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function bulletinPeriodLabel(kind: BulletinKind, period: string, asOf: string): string {
  const p = parsePeriod(period);
  if (kind === 'monthly' && p?.type === 'month') return `${p.year}年${p.index}月`;
  if (kind === 'quarterly' && p?.type === 'quarter')
    return `${p.year}年第${NUMERALS[p.index - 1]}季度`;
  return `截至${bulletinDate(asOf)}`;
}

/** 粤民生督〔2026〕12号; with no sequence yet, the blank the number is written into. */
export function bulletinDocNumber(year: number, sequence: number | null | undefined): string {
  return `${BULLETIN_DOC_PREFIX}〔${year}〕${sequence ? sequence : '  '}号`;
}

export function defaultBulletinTitle(kind: BulletinKind, period: string, asOf: string): string {
  const label = bulletinPeriodLabel(kind, period, asOf);
  return kind === 'adhoc'
    ? `关于全省民生十大工程推进情况的通报（${label}）`
    : `关于${label}全省民生十大工程推进情况的通报`;
}

export function defaultBulletinIntro(kind: BulletinKind, period: string, asOf: string): string {
  const label =
    kind === 'adhoc' ? `截至${bulletinDate(asOf)}` : bulletinPeriodLabel(kind, period, asOf);
  return (
    '为深入贯彻落实省委、省政府关于实施民生十大工程的决策部署，压实各地各部门工作责任，' +
    `推动各项任务按期保质完成，现将${label}全省民生十大工程推进情况通报如下。`
  );
}

export interface ResolvedBulletinPeriod {
  period: string;
  from: string;
  asOf: string;
}

/**
 * The period a bulletin reports on. Monthly/quarterly: the given one, or the last complete
 * one before `today`; its as-of date is its last day (never after today). Ad hoc: the seven
 * days up to `asOf` (default today) — the Monday bulletin is one of these, as of Sunday.
 */
export function resolveBulletinPeriod(
  kind: BulletinKind,
  today: string,
  period?: string,
  asOf?: string,
): ResolvedBulletinPeriod | { error: string; field: string } {
  if (kind === 'adhoc') {
    const day = asOf ?? today;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day)))
      return { error: `日期“${day}”格式无效，应为2026-09-30`, field: 'asOf' };
    if (day > today) return { error: '截止日期不能晚于今天', field: 'asOf' };
    return { period: day, from: addDays(day, -6), asOf: day };
  }
  const code = period ?? previousPeriodCode(kind, today);
  const p = parsePeriod(code);
  const want = kind === 'monthly' ? 'month' : 'quarter';
  if (!p || p.type !== want)
    return {
      error: `期间“${code}”格式无效，${kind === 'monthly' ? '月报应为2026-09' : '季报应为2026Q3'}`,
      field: 'period',
    };
  const { start, end } = periodBounds(p);
  if (start > today) return { error: `期间“${code}”尚未开始`, field: 'period' };
  return { period: code, from: start, asOf: end < today ? end : today };
}

function previousPeriodCode(kind: 'monthly' | 'quarterly', today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  if (kind === 'monthly') return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const q = Math.ceil(m / 3);
  return q === 1 ? `${y - 1}Q4` : `${y}Q${q - 1}`;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ── Numbers in words ───────────────────────────────────────────────────────────────────────

const pct = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

export function formatValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = Number(value.toFixed(digits)).toLocaleString('zh-CN');
  return unit === '%' ? `${text}%` : `${text}${unit}`;
}

export function countProgress(
  targets: Array<{ status: TargetProgressStatus }>,
): Record<TargetProgressStatus, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<
    TargetProgressStatus,
    number
  >;
  for (const t of targets) counts[t.status] += 1;
  return counts;
}

/** "已完成12项、进展顺利45项……" — statuses with a count, in the usual order. */
function countPhrase(counts: Record<TargetProgressStatus, number>): string {
  return STATUSES.filter((s) => counts[s] > 0)
    .map((s) => `${BULLETIN_STATUS_LABEL[s]}${counts[s]}项`)
    .join('、');
}

function goodShare(counts: Record<TargetProgressStatus, number>): number | null {
  const assessed = STATUSES.filter((s) => s !== 'no_data').reduce((n, s) => n + counts[s], 0);
  return assessed ? (counts.achieved + counts.on_track) / assessed : null;
}

const joinNames = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join('、')}和${names.at(-1)}`;

// ── The sections ───────────────────────────────────────────────────────────────────────────

function overallSection(
  f: BulletinFigures,
  counts: Record<TargetProgressStatus, number>,
): BulletinSection {
  const total = f.targets.length;
  const share = goodShare(counts);
  const lead =
    `截至${bulletinDate(f.asOf)}，全省民生十大工程${f.domains.length}个领域${total}项量化指标中，` +
    `${countPhrase(counts)}。`;
  const judgement =
    share === null
      ? '各项指标尚无可评估的数据，请各地各部门抓紧报送。'
      : `已评估指标中，已完成和进展顺利的占${pct(share)}，` +
        (share >= 0.8
          ? '总体进展符合预期。'
          : share >= 0.6
            ? '总体进展基本符合预期，但部分指标推进偏慢。'
            : '总体进展滞后于预期，须加快推进。');
  const red = counts.off_track;
  const warn =
    red + counts.at_risk > 0
      ? `明显滞后（红灯）指标${red}项、存在滞后风险（黄灯）指标${counts.at_risk}项，` +
        '相关牵头单位要逐项分析原因、拿出措施。'
      : '';
  return {
    heading: '总体进展情况',
    blocks: [
      { type: 'paragraph', text: lead + judgement + warn },
      { type: 'chart', chart: 'statusByDomain', caption: '各领域指标进展情况' },
    ],
  };
}

function domainParagraph(d: BulletinDomain, targets: BulletinTarget[], i: number): BulletinBlock {
  const counts = countProgress(targets);
  const red = targets.filter((t) => t.status === 'off_track');
  const leads = d.leadUnits.length ? `（牵头单位：${d.leadUnits.join('、')}）` : '';
  let text = `共${targets.length}项指标，${countPhrase(counts) || '暂无指标'}。`;
  if (red.length)
    text +=
      '明显滞后的是：' +
      red
        .map(
          (t) =>
            `${t.indicator}（目标${formatValue(t.target, t.unit)}，当前${formatValue(t.value, t.unit)}` +
            `${t.progress === null ? '' : `，完成${t.progress.toFixed(1)}%`}）`,
        )
        .join('；') +
      '。';
  if (counts.at_risk)
    text += `另有${counts.at_risk}项存在滞后风险，须加强调度（详见黄灯指标清单）。`;
  if (!red.length && !counts.at_risk && counts.no_data < targets.length)
    text += '各项指标均按计划推进。';
  return { type: 'paragraph', lead: `（${bulletinNumeral(i + 1)}）${d.name}${leads}。`, text };
}

/** 就业领域民生工程 → 就业: the short name tables and charts use. */
export const shortDomainName = (name: string) => name.replace(/(领域)?民生工程$/, '');

function domainsSection(f: BulletinFigures): BulletinSection {
  const blocks: BulletinBlock[] = f.domains.map((d, i) =>
    domainParagraph(
      d,
      f.targets.filter((t) => t.domainCode === d.code),
      i,
    ),
  );
  blocks.push({
    type: 'table',
    caption: '各领域指标进展统计',
    columns: ['领域', '指标数', '已完成', '进展顺利', '存在风险', '明显滞后', '暂无数据'],
    rows: f.domains.map((d) => {
      const c = countProgress(f.targets.filter((t) => t.domainCode === d.code));
      return [
        shortDomainName(d.name),
        String(STATUSES.reduce((n, s) => n + c[s], 0)),
        ...STATUSES.map((s) => String(c[s])),
      ];
    }),
    empty: '暂无指标',
    weights: [2, 1, 1, 1, 1, 1, 1],
  });
  return { heading: '各领域推进情况', blocks };
}

function targetRows(f: BulletinFigures, targets: BulletinTarget[]): string[][] {
  const names = new Map(f.domains.map((d) => [d.code, shortDomainName(d.name)]));
  return targets.map((t) => [
    t.code,
    names.get(t.domainCode) ?? t.domainCode,
    t.taskTitle ? `${t.taskNumber}. ${t.taskTitle}` : '—',
    t.indicator,
    formatValue(t.target, t.unit),
    formatValue(t.value, t.unit),
    t.progress === null ? '—' : `${t.progress.toFixed(1)}%`,
  ]);
}

const TARGET_COLUMNS = ['编号', '领域', '任务', '指标', '目标值', '当前值', '完成率'];
const TARGET_WEIGHTS = [1.1, 1.2, 2.6, 2.6, 1.3, 1.3, 1.1];

function listsSection(f: BulletinFigures): BulletinSection {
  const of = (light: BulletinLight) => f.targets.filter((t) => bulletinLight(t.status) === light);
  const red = of('red');
  const yellow = of('yellow');
  const green = of('green');
  return {
    heading: '红黄绿灯指标清单',
    blocks: [
      {
        type: 'paragraph',
        text:
          `按指标进展，列入红灯（明显滞后）清单${red.length}项、黄灯（存在滞后风险）清单` +
          `${yellow.length}项、绿灯（已完成或进展顺利）清单${green.length}项。` +
          '红灯指标由牵头单位在下期通报前报送整改措施，黄灯指标要加强调度、防止滑入红灯。',
      },
      {
        type: 'table',
        caption: '红灯指标清单（明显滞后）',
        columns: TARGET_COLUMNS,
        rows: targetRows(f, red),
        empty: '本期无红灯指标',
        weights: TARGET_WEIGHTS,
      },
      {
        type: 'table',
        caption: '黄灯指标清单（存在滞后风险）',
        columns: TARGET_COLUMNS,
        rows: targetRows(f, yellow),
        empty: '本期无黄灯指标',
        weights: TARGET_WEIGHTS,
      },
      {
        type: 'table',
        caption: '绿灯指标清单（已完成或进展顺利）',
        columns: TARGET_COLUMNS,
        rows: targetRows(f, green),
        empty: '本期无绿灯指标',
        weights: TARGET_WEIGHTS,
      },
    ],
  };
}

/** 十件民生实事: each matter's status, weakest target first in the sentence. */
function practicalMattersSection(pm: BulletinPracticalMatters, asOf: string): BulletinSection {
  const counts = countProgress(pm.matters);
  const lagging = pm.matters.filter((m) => m.status === 'off_track' || m.status === 'at_risk');
  const text =
    `${pm.year}年省十件民生实事共${pm.matters.length}件（主要从民生十大工程五年行动计划中遴选），` +
    `截至${bulletinDate(asOf)}，${countPhrase(counts).replace(/项/g, '件')}。` +
    (lagging.length
      ? `推进偏慢的是：${lagging.map((m) => `第${bulletinNumeral(m.seq)}件“${m.title}”（${BULLETIN_STATUS_LABEL[m.status]}）`).join('；')}，牵头单位要加快进度、确保年内兑现承诺。`
      : '各件民生实事均按计划推进。');
  const line = (xs: string[]) => xs.join('；') || '—';
  return {
    heading: `${pm.year}年十件民生实事推进情况`,
    blocks: [
      { type: 'paragraph', text },
      {
        type: 'table',
        caption: `${pm.year}年十件民生实事进展`,
        columns: ['序号', '民生实事', '牵头单位', '年度目标', '当前值', '完成率', '进展'],
        rows: pm.matters.map((m) => [
          String(m.seq),
          m.title,
          m.leadUnitName,
          line(m.targets.map((t) => `${t.indicator}${formatValue(t.target, t.unit)}`)),
          line(m.targets.map((t) => formatValue(t.value, t.unit))),
          line(m.targets.map((t) => (t.progress === null ? '—' : `${t.progress.toFixed(1)}%`))),
          BULLETIN_STATUS_LABEL[m.status],
        ]),
        empty: '本年度尚未确定民生实事',
        weights: [0.7, 2.4, 1.6, 2.8, 1.4, 1.1, 1.3],
      },
    ],
  };
}

function ledgerSection(f: BulletinFigures): BulletinSection {
  const late = f.ledgerLate;
  const shown = late.length < f.ledgerLateCount ? `（下表列出最紧迫的${late.length}项）` : '';
  const text =
    f.ledgerTotal === 0
      ? '各牵头单位尚未录入工作台账，请于下期通报前完成台账建立。'
      : `全省工作台账共${f.ledgerTotal}项，截至${bulletinDate(f.asOf)}，逾期未完成或进度滞后的` +
        `${f.ledgerLateCount}项` +
        (f.ledgerLateCount
          ? `${shown}。请责任单位对照清单倒排工期、逐项销号。`
          : '，各项台账事项均按计划推进。');
  return {
    heading: '工作台账推进情况',
    blocks: [
      { type: 'paragraph', text },
      {
        type: 'table',
        caption: '逾期及滞后台账事项',
        columns: ['编号', '事项', '责任单位', '地市', '完成时限', '进度', '状态', '逾期节点'],
        rows: late.map((x) => [
          x.code,
          x.title,
          x.ownerName,
          x.cityName ?? '全省',
          x.dueDate,
          `${Math.round(x.percentDone)}%`,
          LEDGER_STATUS_LABEL[x.status],
          x.overdueMilestone ? `${x.overdueMilestone.title}（${x.overdueMilestone.dueDate}）` : '—',
        ]),
        empty: '本期无逾期或滞后事项',
        weights: [1.3, 2.6, 1.6, 1.1, 1.4, 0.9, 1, 2.2],
      },
    ],
  };
}

function supervisionSection(f: BulletinFigures): BulletinSection {
  const s = f.supervision;
  const levels = (['listed', 'key', 'general'] as const)
    .filter((l) => s.openedByLevel[l] > 0)
    .map((l) => `${LEVEL_LABEL[l]}${s.openedByLevel[l]}件`);
  const text =
    `${bulletinDate(f.from)}至${bulletinDate(f.asOf)}，新立督办事项${s.opened}件` +
    (levels.length ? `（其中${levels.join('、')}）` : '') +
    `，办结销号${s.closed}件；截至${bulletinDate(f.asOf)}，尚未办结${s.stillOpen}件，` +
    (s.openOverdueCount
      ? `其中超过答复期限${s.openOverdueCount}件，有关单位要立即办理并书面反馈。`
      : '均在答复期限内。');
  return {
    heading: '督办事项办理情况',
    blocks: [
      { type: 'paragraph', text },
      { type: 'chart', chart: 'supervision', caption: '本期督办事项立项与办结情况' },
      {
        type: 'table',
        caption: '逾期未办结督办事项',
        columns: ['序号', '督办事项', '督办级别', '承办单位', '答复期限'],
        rows: s.openOverdue.map((x, i) => [
          String(i + 1),
          x.title,
          LEVEL_LABEL[x.level],
          x.targetName,
          x.replyDue,
        ]),
        empty: '无逾期未办结事项',
        weights: [0.7, 4, 1.3, 1.6, 1.5],
      },
    ],
  };
}

function citiesSection(f: BulletinFigures): BulletinSection {
  const ranked = f.cities.filter((c) => c.rank !== null).sort((a, b) => a.rank! - b.rank!);
  const top = ranked.slice(0, 3).map((c) => c.name);
  const bottom = ranked
    .slice(-3)
    .reverse()
    .map((c) => c.name);
  const text = ranked.length
    ? '按已完成和进展顺利指标占已评估指标的比重排名，' +
      `排名前三位的是${joinNames(top)}，排名后三位的是${joinNames(bottom)}。` +
      '排名靠后的地市要对照红黄灯清单查找差距，压实县（市、区）责任。'
    : '各地市尚无可评估的指标数据，暂不排名。';
  return {
    heading: '各地市推进情况排名',
    blocks: [
      { type: 'paragraph', text },
      { type: 'chart', chart: 'cityRanking', caption: '各地市指标进展顺利占比' },
      {
        type: 'table',
        caption: '各地市排名',
        columns: [
          '排名',
          '地市',
          '已评估',
          '已完成',
          '进展顺利',
          '存在风险',
          '明显滞后',
          '顺利占比',
        ],
        rows: [...ranked, ...f.cities.filter((c) => c.rank === null)].map((c) => [
          c.rank === null ? '—' : String(c.rank),
          c.name,
          String(c.assessed),
          String(c.counts.achieved),
          String(c.counts.on_track),
          String(c.counts.at_risk),
          String(c.counts.off_track),
          pct(c.onTrackShare),
        ]),
        empty: '暂无地市数据',
      },
    ],
  };
}

function satisfactionSection(f: BulletinFigures): BulletinSection {
  const names = new Map(f.domains.map((d) => [d.code, d.name]));
  const blocks: BulletinBlock[] = [];
  const sat = f.satisfaction;
  if (sat && sat.cells.length) {
    const overall = sat.cells.find((c) => c.domainCode === 'ALL');
    const scored = sat.cells.filter((c) => c.domainCode !== 'ALL' && c.index !== null);
    const lowest = [...scored].sort((a, b) => a.index! - b.index!)[0];
    blocks.push({
      type: 'paragraph',
      lead: '（一）群众满意度。',
      text:
        `最近一轮（${sat.wave}）群众满意度调查` +
        (overall?.index != null ? `全省综合满意度指数为${overall.index.toFixed(1)}` : '已完成') +
        (lowest
          ? `，各领域中${names.get(lowest.domainCode) ?? lowest.domainCode}满意度最低（${lowest.index!.toFixed(1)}），须重点改进。`
          : '。'),
    });
    blocks.push({
      type: 'table',
      caption: `各领域群众满意度指数（${sat.wave}）`,
      columns: ['领域', '满意度指数（95%置信区间）', '样本量'],
      rows: sat.cells.map((c) => [
        c.domainCode === 'ALL' ? '综合' : shortDomainName(names.get(c.domainCode) ?? c.domainCode),
        c.label,
        String(c.n),
      ]),
      empty: '暂无满意度数据',
    });
  } else
    blocks.push({
      type: 'paragraph',
      lead: '（一）群众满意度。',
      text: '本期暂无已开展的满意度调查数据。',
    });
  const h = f.hotline;
  blocks.push({
    type: 'paragraph',
    lead: '（二）12345热线诉求办理。',
    text:
      h && h.rate !== null
        ? `${h.month.slice(0, 4)}年${Number(h.month.slice(5, 7))}月，全省消费维权类诉求按时办结率为` +
          `${(h.rate * 100).toFixed(1)}%，${h.rate >= h.target ? '达到' : '低于'}${h.target * 100}%的目标要求` +
          (h.belowTarget.length ? `；低于目标的地市有${h.belowTarget.join('、')}。` : '。')
        : '本期暂无12345热线工单数据。',
  });
  return { heading: '群众满意度和诉求办理情况', blocks };
}

function requirementsSection(): BulletinSection {
  return {
    heading: '下一步工作要求',
    blocks: [
      {
        type: 'paragraph',
        lead: '（一）压实工作责任。',
        text: '各牵头单位要对红灯、黄灯指标逐项制定整改措施，明确责任人和完成时限，并在下期通报前报送工作专班。',
      },
      {
        type: 'paragraph',
        lead: '（二）加快台账销号。',
        text: '各责任单位要对照逾期及滞后台账事项清单，倒排工期、挂图作战，确保按期完成。',
      },
      {
        type: 'paragraph',
        lead: '（三）抓好督办落实。',
        text: '被督办单位要在答复期限内书面反馈办理情况，逾期未反馈的，工作专班将提级督办。',
      },
    ],
  };
}

// ── Charts ─────────────────────────────────────────────────────────────────────────────────

/** Targets by status per domain, one stacked bar per domain (bulletins and evaluations). */
export function statusByDomainChart(
  domains: ReadonlyArray<{ code: string; name: string }>,
  targets: ReadonlyArray<{ domainCode: string; status: TargetProgressStatus }>,
): BulletinChart {
  return {
    categories: domains.map((d) => shortDomainName(d.name)),
    series: STATUSES.map((s) => ({
      name: BULLETIN_STATUS_LABEL[s],
      color: STATUS_COLOR[s],
      data: domains.map(
        (d) => targets.filter((t) => t.domainCode === d.code && t.status === s).length,
      ),
    })),
    stacked: true,
    horizontal: true,
    valueUnit: '项',
  };
}

function charts(f: BulletinFigures): Record<BulletinChartKey, BulletinChart> {
  const ranked = f.cities.filter((c) => c.rank !== null).sort((a, b) => a.rank! - b.rank!);
  const byLevel = (['general', 'key', 'listed'] as const).map((l) => LEVEL_LABEL[l]);
  return {
    statusByDomain: statusByDomainChart(f.domains, f.targets),
    cityRanking: {
      categories: ranked.map((c) => c.name),
      series: [
        {
          name: '顺利占比',
          color: '#1677ff',
          data: ranked.map((c) => Math.round((c.onTrackShare ?? 0) * 1000) / 10),
        },
      ],
      stacked: false,
      horizontal: false,
      valueUnit: '%',
    },
    supervision: {
      categories: byLevel,
      series: [
        {
          name: '新立',
          color: '#cf1322',
          data: (['general', 'key', 'listed'] as const).map((l) => f.supervision.openedByLevel[l]),
        },
        {
          name: '办结',
          color: '#1a7f37',
          data: (['general', 'key', 'listed'] as const).map((l) => f.supervision.closedByLevel[l]),
        },
      ],
      stacked: false,
      horizontal: false,
      valueUnit: '件',
    },
  };
}

// ── The document ──────────────────────────────────────────────────────────────────────────

export function buildBulletin(f: BulletinFigures, o: BulletinOptions): BulletinDocument {
  const counts = countProgress(f.targets);
  const sections = [
    overallSection(f, counts),
    domainsSection(f),
    listsSection(f),
    ...(f.practicalMatters?.matters.length
      ? [practicalMattersSection(f.practicalMatters, f.asOf)]
      : []),
    ledgerSection(f),
    supervisionSection(f),
    citiesSection(f),
    satisfactionSection(f),
    requirementsSection(),
  ].map((s, i) => ({ ...s, heading: `${bulletinNumeral(i + 1)}、${s.heading}` }));
  return {
    kind: f.kind,
    period: f.period,
    from: f.from,
    asOf: f.asOf,
    issuer: BULLETIN_ISSUER,
    docNumber: bulletinDocNumber(Number(o.issuedOn.slice(0, 4)), o.docSequence),
    title: o.title?.trim() || defaultBulletinTitle(f.kind, f.period, f.asOf),
    addressee: BULLETIN_ADDRESSEE,
    intro: o.intro?.trim() || defaultBulletinIntro(f.kind, f.period, f.asOf),
    sections,
    charts: charts(f),
    signature: BULLETIN_ISSUER,
    dateLine: bulletinDate(o.issuedOn),
    counts,
  };
}
