import { describe, expect, it } from 'vitest';
import {
  checkAsOf,
  evaluationSummary,
  ledgerProgressByTask,
  openSupervision,
  signOffProblem,
  validateAssessment,
  type EvaluationSnapshot,
  type SnapshotTarget,
  type SupervisionRow,
} from './evaluation';
import { buildEvaluationReport } from './report';

const target = (code: string, over: Partial<SnapshotTarget> = {}): SnapshotTarget => ({
  code,
  domainCode: 'D01',
  taskNumber: 1,
  taskTitle: '稳就业',
  indicator: `指标${code}`,
  status: 'on_track',
  value: 50,
  target: 100,
  unit: '万人',
  progress: 50,
  reason: '按进度',
  comparator: '>=',
  deadline: '2027-12-31',
  forecast: 105,
  forecastYear: 2027,
  provisional: false,
  ...over,
});

const tasks = [
  { number: 1, title: '稳就业', domainCode: 'D01' },
  { number: 2, title: '技能培训', domainCode: 'D01' },
];

describe('ledgerProgressByTask', () => {
  it('counts items by status and averages completion per task, in plan order', () => {
    const out = ledgerProgressByTask(tasks, [
      { taskNumber: 2, status: 'done', percentDone: 100 },
      { taskNumber: 1, status: 'delayed', percentDone: 20 },
      { taskNumber: 1, status: 'on_track', percentDone: 45 },
    ]);
    expect(out.map((t) => t.taskNumber)).toEqual([1, 2]);
    expect(out[0]).toMatchObject({ items: 2, meanPercent: 32.5 });
    expect(out[0]!.byStatus).toEqual({
      not_started: 0,
      on_track: 1,
      at_risk: 0,
      delayed: 1,
      done: 0,
    });
    expect(out[1]!.byStatus.done).toBe(1);
  });

  it('gives no mean for a task without items', () => {
    expect(ledgerProgressByTask(tasks, [])[0]).toMatchObject({ items: 0, meanPercent: null });
  });
});

describe('openSupervision', () => {
  const row = (over: Partial<SupervisionRow>): SupervisionRow => ({
    id: 1,
    title: '事项',
    level: 'general',
    status: 'open',
    targetName: '梅州市',
    domainCode: 'D01',
    taskNumber: 1,
    replyDue: '2026-07-10',
    createdAt: '2026-06-01T00:00:00.000Z',
    closedAt: null,
    ...over,
  });
  const endTs = '2026-06-30T16:00:00.000Z';

  it('keeps items open at the end of the as-of day, per task and level', () => {
    const out = openSupervision(
      tasks,
      [
        row({ id: 1, level: 'listed', replyDue: '2026-06-20' }),
        row({ id: 2, closedAt: '2026-06-15T00:00:00.000Z' }),
        row({ id: 3, createdAt: '2026-07-01T00:00:00.000Z' }),
        row({ id: 4, closedAt: '2026-07-05T00:00:00.000Z', status: 'closed' }),
        row({ id: 5, taskNumber: null, domainCode: null, level: 'key' }),
      ],
      '2026-06-30',
      endTs,
    );
    expect(out.open).toBe(3);
    expect(out.byLevel).toEqual({ general: 1, key: 1, listed: 1 });
    expect(out.overdue).toBe(1);
    expect(out.items.map((i) => i.id)).toEqual([1, 5, 4]);
    expect(out.byTask).toEqual([
      expect.objectContaining({ taskNumber: 1, open: 2, overdue: 1, taskTitle: '稳就业' }),
      expect.objectContaining({ taskNumber: null, open: 1, taskTitle: '未关联任务' }),
    ]);
  });
});

describe('checkAsOf', () => {
  const plan = { start: '2023-01-01', end: '2027-12-31' };
  it('accepts a date within the plan up to today', () => {
    expect(checkAsOf('2026-06-30', '2026-07-01', plan)).toBeNull();
    expect(checkAsOf('2026-07-01', '2026-07-01', plan)).toBeNull();
  });
  it('refuses future dates, dates outside the plan and malformed dates', () => {
    expect(checkAsOf('2026-07-02', '2026-07-01', plan)?.message).toContain('晚于今天');
    expect(checkAsOf('2022-12-31', '2026-07-01', plan)?.message).toContain('不在计划期内');
    expect(checkAsOf('2026-02-30', '2026-07-01', plan)?.message).toContain('不是有效日期');
    expect(checkAsOf('20260630', '2026-07-01', plan)?.field).toBe('asOf');
  });
});

describe('validateAssessment', () => {
  const t = target('T01.1');
  it('accepts keep with text', () => {
    expect(validateAssessment({ action: 'keep', text: '进展正常' }, t)).toEqual([]);
  });
  it('needs an action of the enum and a text', () => {
    const errors = validateAssessment({ action: 'double', text: '  ' }, t);
    expect(errors.map((e) => e.field)).toEqual(['action', 'text']);
  });
  it('needs a proposed value above the target to raise and below it to lower', () => {
    expect(validateAssessment({ action: 'raise', text: 'x' }, t)[0]?.field).toBe('proposedValue');
    expect(
      validateAssessment({ action: 'raise', text: 'x', proposedValue: 90 }, t)[0]?.message,
    ).toContain('应大于');
    expect(validateAssessment({ action: 'raise', text: 'x', proposedValue: 120 }, t)).toEqual([]);
    expect(
      validateAssessment({ action: 'lower', text: 'x', proposedValue: 120 }, t)[0]?.message,
    ).toContain('应小于');
    expect(validateAssessment({ action: 'lower', text: 'x', proposedValue: 80 }, t)).toEqual([]);
  });
  it('refuses a proposed value when keeping or dropping', () => {
    expect(validateAssessment({ action: 'drop', text: 'x', proposedValue: 1 }, t)[0]?.field).toBe(
      'proposedValue',
    );
  });
});

const snapshot: EvaluationSnapshot = {
  asOf: '2026-06-30',
  takenAt: '2026-07-01T02:00:00.000Z',
  plan: { id: 'gd', title: '广东省民生十大工程实施方案', start: '2023-01-01', end: '2027-12-31' },
  planRevision: { id: 1, number: 1 },
  domains: [{ code: 'D01', number: 1, name: '就业民生工程', leadUnits: ['省人社厅'] }],
  targets: [target('T01.1'), target('T01.2', { status: 'off_track' })],
  counts: { achieved: 0, on_track: 1, at_risk: 0, off_track: 1, no_data: 0 },
  ledgers: ledgerProgressByTask(tasks, [{ taskNumber: 1, status: 'delayed', percentDone: 20 }]),
  supervision: openSupervision(tasks, [], '2026-06-30', '2026-06-30T16:00:00.000Z'),
  satisfaction: null,
};
const assessment = {
  targetCode: 'T01.2',
  domainCode: 'D01',
  action: 'lower' as const,
  text: '受外部环境影响，建议调低',
  proposedValue: 80,
  assessedBy: 'renshe',
  assessedUnit: null,
  updatedAt: '2026-07-01T03:00:00.000Z',
  version: 1,
};

describe('summary and sign-off', () => {
  it('counts statuses, actions and lists unassessed targets', () => {
    const s = evaluationSummary(snapshot, [assessment, { ...assessment, targetCode: 'GONE' }]);
    expect(s).toMatchObject({ targets: 2, assessed: 1, unassessed: 1, unassessedCodes: ['T01.1'] });
    expect(s.byAction.lower).toBe(1);
    expect(s.byStatus.off_track).toBe(1);
  });
  it('signs a draft with unassessed targets only with a comment, never twice', () => {
    expect(signOffProblem('draft', { unassessed: 1 }, '')?.field).toBe('comment');
    expect(signOffProblem('draft', { unassessed: 1 }, '部门未按期反馈')).toBeNull();
    expect(signOffProblem('draft', { unassessed: 0 }, '')).toBeNull();
    expect(signOffProblem('signed', { unassessed: 0 }, 'x')?.field).toBe('status');
  });
});

describe('buildEvaluationReport', () => {
  it('numbers the sections and shows assessments and unassessed targets', () => {
    const doc = buildEvaluationReport(snapshot, [assessment], {
      id: 3,
      title: '中期评估',
      status: 'signed',
      createdAt: '2026-07-01T02:00:00.000Z',
      signedBy: 'duchashi',
      signedAt: '2026-07-02T17:00:00.000Z',
      signComment: '同意',
    });
    expect(doc.sections.map((s) => s.heading)).toEqual([
      '一、总体情况',
      '二、指标进展和调整建议',
      '三、工作任务台账推进情况',
      '四、督办事项办理情况',
      '五、群众满意度',
    ]);
    // Signed late on 2 July UTC is 3 July in Beijing.
    expect(doc.dateLine).toBe('2026年7月3日');
    const table = doc.sections[1]!.blocks[0]!;
    expect(table.type === 'table' && table.rows.map((r) => r[6])).toEqual([
      '未评估',
      '调低至80万人',
    ]);
    const first = doc.sections[0]!.blocks[0]!;
    expect(first.type === 'paragraph' && first.text).toContain('1项指标未评估');
  });
});
