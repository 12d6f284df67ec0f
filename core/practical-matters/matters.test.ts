import { describe, expect, it } from 'vitest';
import { loadPlanFile } from '../plan/load';
import { GUANGDONG_PLAN } from '../plan/test-fixtures';
import type { Plan, Target } from '../plan/schema';
import {
  evaluableTargets,
  fieldOf,
  matterAsOf,
  matterJudgedAt,
  matterIssues,
  matterStatus,
  matterTargetCode,
  planYears,
  type MatterInput,
  type Sibling,
} from './matters';

const plan = loadPlanFile(GUANGDONG_PLAN).plan as Plan;

const target = (over: Partial<Target> = {}): Target => ({
  code: 'SS2026-01-1',
  text: '全年城镇新增就业110万人以上',
  indicator: '城镇新增就业人数',
  measure: { element: 'emp.urban-new-jobs' },
  comparator: '>=',
  value: 110,
  unit: '万人',
  kind: 'cumulative',
  deadline: '2026-12-31',
  ...over,
});

const matter = (over: Partial<MatterInput> = {}): MatterInput => ({
  year: 2026,
  seq: 1,
  title: '促进高质量充分就业',
  description: '',
  leadUnit: 'GD-HRSS',
  taskRefs: [{ domainCode: 'D01', taskNumber: 1 }],
  targets: [target()],
  ...over,
});

const siblings = (n: number): Sibling[] =>
  Array.from({ length: n }, (_, i) => ({
    id: i + 100,
    seq: i + 1,
    targetCodes: [matterTargetCode(2026, i + 1, 1)],
  }));

describe('matterIssues', () => {
  it('accepts a matter linked to a plan task with a target over a plan element', () => {
    expect(matterIssues(plan, matter(), [])).toEqual([]);
  });

  it('refuses an eleventh matter of a year', () => {
    const m = matter({ seq: 10, targets: [target({ code: 'SS2026-11-1' })] });
    const issues = matterIssues(plan, m, siblings(10));
    expect(issues).toEqual([expect.objectContaining({ field: 'seq' })]);
    expect(issues[0]!.message).toContain('至多十件');
  });

  it('lets the tenth matter be edited when the year is full', () => {
    const all = siblings(10);
    const m = matter({ seq: 10, targets: [target({ code: matterTargetCode(2026, 10, 1) })] });
    expect(matterIssues(plan, m, all, all[9]!.id)).toEqual([]);
  });

  it('refuses a duplicate sequence number and a sequence outside 1..10', () => {
    expect(matterIssues(plan, matter({ seq: 2 }), siblings(3))[0]).toMatchObject({
      field: 'seq',
      message: expect.stringContaining('第2件民生实事已存在'),
    });
    expect(matterIssues(plan, matter({ seq: 11 }), [])[0]!.field).toBe('seq');
  });

  it('refuses a year outside the plan period', () => {
    const issues = matterIssues(plan, matter({ year: 2030 }), []);
    expect(issues[0]).toMatchObject({ field: 'year', message: expect.stringContaining('2023') });
  });

  it('places unknown tasks, units and elements on their fields', () => {
    const issues = matterIssues(
      plan,
      matter({
        leadUnit: 'NOPE',
        taskRefs: [{ domainCode: 'D01', taskNumber: 9 }],
        targets: [target({ measure: { element: 'no.such' } })],
      }),
      [],
    );
    expect(issues.map((i) => i.field)).toEqual([
      'leadUnit',
      'taskRefs[0]',
      'targets[0].measure.element',
    ]);
    expect(issues[2]!.message).toContain('数据项“no.such”');
  });

  it('refuses a target whose deadline or milestone is outside the year', () => {
    const issues = matterIssues(
      plan,
      matter({
        targets: [
          target({ deadline: '2027-06-30', milestones: [{ date: '2025-12-31', value: 10 }] }),
        ],
      }),
      [],
    );
    expect(issues.map((i) => i.field)).toContain('targets[0].deadline');
    expect(issues.map((i) => i.field)).toContain('targets[0].milestones[0].date');
    expect(issues.find((i) => i.field === 'targets[0].deadline')!.message).toContain(
      '不在 2026 年之内',
    );
  });

  it('refuses target codes used by the plan, another matter or twice in one matter', () => {
    const issues = matterIssues(
      plan,
      matter({
        seq: 5,
        targets: [
          target({ code: 'T01.1' }),
          target({ code: 'SS2026-02-1' }),
          target({ code: 'X1' }),
          target({ code: 'X1' }),
        ],
      }),
      siblings(3),
    );
    expect(issues.map((i) => i.field)).toEqual([
      'targets[0].code',
      'targets[1].code',
      'targets[3].code',
    ]);
    expect(issues[1]!.message).toContain('第2件');
  });

  it('checks targets as the plan does: units, bands, computed measures', () => {
    const issues = matterIssues(
      plan,
      matter({
        targets: [
          target({ unit: '个' }),
          target({ code: 'A2', comparator: '≈' }),
          target({ code: 'A3', measure: { computed: 'made.up' }, unit: '个' }),
          target({
            code: 'A4',
            measure: { computed: 'service-areas.new-or-upgraded' },
            unit: '个',
          }),
        ],
      }),
      [],
    );
    expect(issues.map((i) => i.field)).toEqual([
      'targets[0].unit',
      'targets[1].band',
      'targets[2].measure.computed',
    ]);
  });

  it('refuses a target of the wrong shape instead of failing', () => {
    const bad = { ...target(), value: 'many' } as unknown as Target;
    expect(matterIssues(plan, matter({ targets: [bad] }), [])).toEqual([
      { field: 'targets[0].value', message: expect.stringContaining('第1项目标格式不正确') },
    ]);
  });

  it('needs at least one task and one target', () => {
    const fields = matterIssues(plan, matter({ taskRefs: [], targets: [] }), []).map(
      (i) => i.field,
    );
    expect(fields).toEqual(['taskRefs', 'targets']);
  });
});

describe('helpers', () => {
  it('numbers target codes and years', () => {
    expect(matterTargetCode(2026, 3, 1)).toBe('SS2026-03-1');
    expect(planYears(plan)).toEqual([2023, 2024, 2025, 2026, 2027]);
    expect(fieldOf('/targets/0/measure/element')).toBe('targets[0].measure.element');
  });

  it('judges a year at its end, or today while it runs', () => {
    expect(matterAsOf(2025, '2026-03-01')).toBe('2025-12-31');
    expect(matterAsOf(2026, '2026-03-01')).toBe('2026-03-01');
    expect(matterJudgedAt(2025, '2026-03-01')).toBe('2026-01-01');
    expect(matterJudgedAt(2025, '2025-12-31')).toBe('2025-12-31');
  });

  it('makes targets evaluable from 1 January of the year', () => {
    const [t] = evaluableTargets(matter());
    expect(t).toMatchObject({ start: '2026-01-01', domainCode: 'D01', taskNumber: 1 });
    const [u] = evaluableTargets(matter({ targets: [target({ start: '2026-04-01' })] }));
    expect(u!.start).toBe('2026-04-01');
  });

  it('gives a matter the status of its weakest assessed target', () => {
    expect(matterStatus(['achieved', 'achieved'])).toBe('achieved');
    expect(matterStatus(['achieved', 'no_data'])).toBe('on_track');
    expect(matterStatus(['achieved', 'at_risk', 'on_track'])).toBe('at_risk');
    expect(matterStatus(['off_track', 'at_risk'])).toBe('off_track');
    expect(matterStatus(['no_data'])).toBe('no_data');
    expect(matterStatus([])).toBe('no_data');
  });
});
