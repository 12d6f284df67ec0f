// 优秀案例评选 as pure logic: the call's criteria and scale, a reviewer's score sheet, the
// weighted score, ranking with the tie rule the call states, and the conflict-of-interest rule.
// No I/O: the API, the web app and the tests share these functions.

export interface Criterion {
  /** Stable key of the criterion in score sheets (`innovation`). */
  key: string;
  name: string;
  /** Percent; the weights of a call sum to 100. */
  weight: number;
}

export interface Issue {
  field: string;
  message: string;
}

export type TieRule = 'top_criterion' | 'criteria_by_weight' | 'earliest_submission';

export const TIE_RULES: readonly TieRule[] = [
  'top_criterion',
  'criteria_by_weight',
  'earliest_submission',
];

/** The rule in words, shown on the call and the ranking table. */
export const TIE_RULE_TEXT: Record<TieRule, string> = {
  top_criterion: '总分相同时，权重最高的评审指标得分高者排前；仍相同的，提交时间早者排前',
  criteria_by_weight:
    '总分相同时，按权重从高到低依次比较各指标得分，高者排前；仍相同的，提交时间早者排前',
  earliest_submission: '总分相同时，提交时间早者排前',
};

export const DEFAULT_CRITERIA: Criterion[] = [
  { key: 'innovation', name: '创新性', weight: 30 },
  { key: 'results', name: '实际成效', weight: 40 },
  { key: 'replicability', name: '可复制推广性', weight: 30 },
];

const KEY = /^[a-z][a-z0-9_]{0,31}$/;

/** Criteria of a call: at least one, unique keys, positive weights summing to exactly 100. */
export function checkCriteria(criteria: Criterion[]): Issue[] {
  const issues: Issue[] = [];
  if (criteria.length === 0) return [{ field: 'criteria', message: '至少需要一项评审指标' }];
  const seen = new Set<string>();
  criteria.forEach((c, i) => {
    if (!KEY.test(c.key))
      issues.push({
        field: `criteria[${i}].key`,
        message: '指标代码须以小写字母开头，仅含小写字母、数字和下划线',
      });
    else if (seen.has(c.key))
      issues.push({ field: `criteria[${i}].key`, message: `指标代码“${c.key}”重复` });
    seen.add(c.key);
    if (!c.name.trim()) issues.push({ field: `criteria[${i}].name`, message: '指标名称不能为空' });
    if (!Number.isFinite(c.weight) || c.weight <= 0)
      issues.push({ field: `criteria[${i}].weight`, message: '权重须大于 0' });
  });
  const total = criteria.reduce((s, c) => s + c.weight, 0);
  if (Math.abs(total - 100) > 1e-9)
    issues.push({
      field: 'criteria',
      message: `各指标权重之和须为 100（当前为 ${round2(total)}）`,
    });
  return issues;
}

/** One reviewer's sheet: every criterion scored exactly once, within 0…scaleMax. */
export function checkScores(
  criteria: Criterion[],
  scaleMax: number,
  scores: Record<string, number>,
): Issue[] {
  const issues: Issue[] = [];
  const keys = new Set(criteria.map((c) => c.key));
  for (const key of Object.keys(scores))
    if (!keys.has(key))
      issues.push({ field: `scores.${key}`, message: `没有名为“${key}”的评审指标` });
  for (const c of criteria) {
    const v = scores[c.key];
    if (v === undefined || v === null) {
      issues.push({ field: `scores.${c.key}`, message: `请为“${c.name}”打分` });
      continue;
    }
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > scaleMax)
      issues.push({
        field: `scores.${c.key}`,
        message: `“${c.name}”的得分 ${String(v)} 超出评分范围 0—${scaleMax}`,
      });
  }
  return issues;
}

/** Σ weight × score / 100: the sheet's total on the call's own scale. */
export function weightedScore(criteria: Criterion[], scores: Record<string, number>): number {
  return criteria.reduce((s, c) => s + (c.weight * (scores[c.key] ?? 0)) / 100, 0);
}

export interface RankInput {
  id: number;
  submittedAt: string;
  /** One score sheet per reviewer who scored the case. */
  sheets: Array<Record<string, number>>;
}

export interface Ranked {
  id: number;
  rank: number;
  /** Mean of the reviewers' weighted scores; null when nobody scored the case. */
  score: number | null;
  /** Mean score per criterion across reviewers. */
  byCriterion: Record<string, number | null>;
  reviewers: number;
  /** How the case was ordered against the one just above it when their scores were equal. */
  tieBrokenBy: 'criterion' | 'submission_time' | 'id' | null;
}

const EPS = 1e-9;
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
export const round2 = (x: number) => Math.round(x * 100) / 100;

/** Criteria in the order the tie rule compares them: highest weight first, then as listed. */
function tieCriteria(criteria: Criterion[], rule: TieRule): Criterion[] {
  if (rule === 'earliest_submission') return [];
  const byWeight = criteria
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.weight - a.c.weight || a.i - b.i)
    .map((x) => x.c);
  return rule === 'top_criterion' ? byWeight.slice(0, 1) : byWeight;
}

/**
 * Orders the cases by mean weighted score (unscored cases last), ties broken by the call's rule
 * and finally by submission time (then id, so the order is total and repeatable).
 */
export function rankCases(criteria: Criterion[], rule: TieRule, cases: RankInput[]): Ranked[] {
  const order = tieCriteria(criteria, rule);
  const rows = cases.map((c) => {
    const byCriterion: Record<string, number | null> = {};
    for (const k of criteria) byCriterion[k.key] = mean(c.sheets.map((s) => s[k.key] ?? 0));
    return {
      id: c.id,
      submittedAt: c.submittedAt,
      score: mean(c.sheets.map((s) => weightedScore(criteria, s))),
      byCriterion,
      reviewers: c.sheets.length,
    };
  });
  type Row = (typeof rows)[number];
  const decide = (a: Row, b: Row): { cmp: number; by: Ranked['tieBrokenBy'] } => {
    const sa = a.score ?? -Infinity;
    const sb = b.score ?? -Infinity;
    if (Math.abs(sa - sb) > EPS && sa !== sb) return { cmp: sb - sa, by: null };
    for (const c of order) {
      const d = (b.byCriterion[c.key] ?? -Infinity) - (a.byCriterion[c.key] ?? -Infinity);
      if (Math.abs(d) > EPS) return { cmp: d, by: 'criterion' };
    }
    if (a.submittedAt !== b.submittedAt)
      return { cmp: a.submittedAt < b.submittedAt ? -1 : 1, by: 'submission_time' };
    return { cmp: a.id - b.id, by: 'id' };
  };
  const sorted = [...rows].sort((a, b) => decide(a, b).cmp);
  return sorted.map((r, i) => ({
    id: r.id,
    rank: i + 1,
    score: r.score,
    byCriterion: r.byCriterion,
    reviewers: r.reviewers,
    tieBrokenBy: i === 0 || r.score === null ? null : decide(sorted[i - 1]!, r).by,
  }));
}

/**
 * 回避: a reviewer may not score a case of their own unit or of a unit within it (a city's
 * reviewer and its counties' cases). `reviewerUnits` is the reviewer's unit and its subtree.
 */
export function isConflicted(reviewerUnits: ReadonlySet<string> | null, caseUnit: string): boolean {
  return reviewerUnits !== null && reviewerUnits.has(caseUnit);
}

export type CallStatus = 'draft' | 'open' | 'reviewing' | 'closed' | 'published';

export const CALL_STATUS_TEXT: Record<CallStatus, string> = {
  draft: '草稿',
  open: '征集中',
  reviewing: '评审中',
  closed: '评审结束',
  published: '已公布',
};

const NEXT: Record<CallStatus, CallStatus[]> = {
  draft: ['open'],
  open: ['reviewing'],
  reviewing: ['closed'],
  closed: ['published'],
  published: [],
};

export function canMove(from: CallStatus, to: CallStatus): boolean {
  return NEXT[from].includes(to);
}

export interface Figure {
  label: string;
  value: number;
  unit: string;
}

export interface SubmissionInput {
  title: string;
  domainCode: string;
  taskNumber: number;
  summary: string;
  results: string;
  figures: Figure[];
}

const LIMITS = { title: 100, summary: 1000, results: 5000, figures: 20 };

/** Text and figures of a case; `tasks` are the plan's tasks (number → domain). */
export function checkSubmission(
  input: SubmissionInput,
  tasks: ReadonlyArray<{ number: number; domainCode: string }>,
  allowedDomains: readonly string[] | null,
): Issue[] {
  const issues: Issue[] = [];
  const text = (field: 'title' | 'summary' | 'results', name: string) => {
    const v = input[field].trim();
    if (!v) issues.push({ field, message: `${name}不能为空` });
    else if (v.length > LIMITS[field])
      issues.push({ field, message: `${name}不能超过 ${LIMITS[field]} 字` });
  };
  text('title', '案例标题');
  text('summary', '案例摘要');
  text('results', '取得成效');
  const task = tasks.find((t) => t.number === input.taskNumber);
  const domainKnown = tasks.some((t) => t.domainCode === input.domainCode);
  if (!domainKnown)
    issues.push({ field: 'domainCode', message: `计划中没有领域“${input.domainCode}”` });
  else if (allowedDomains && !allowedDomains.includes(input.domainCode))
    issues.push({ field: 'domainCode', message: '本次征集不含该领域' });
  if (!task)
    issues.push({ field: 'taskNumber', message: `计划中没有第 ${input.taskNumber} 项任务` });
  else if (domainKnown && task.domainCode !== input.domainCode)
    issues.push({ field: 'taskNumber', message: `第 ${input.taskNumber} 项任务不属于该领域` });
  if (input.figures.length > LIMITS.figures)
    issues.push({ field: 'figures', message: `成效数据最多 ${LIMITS.figures} 项` });
  input.figures.forEach((f, i) => {
    if (!f.label.trim()) issues.push({ field: `figures[${i}].label`, message: '数据名称不能为空' });
    if (!Number.isFinite(f.value))
      issues.push({ field: `figures[${i}].value`, message: '数值须为有效数字' });
  });
  return issues;
}
