import { describe, expect, it } from 'vitest';
import { findTarget, parsePlanYaml, type Plan } from './index';
import { applyTargetChanges, diffPlans, revisionInForce, type TargetChange } from './revisions';
import { MINIMAL_PLAN } from './test-fixtures';

const plan = parsePlanYaml(MINIMAL_PLAN).plan as Plan;

function apply(changes: TargetChange[]) {
  return applyTargetChanges(plan, changes);
}

describe('applyTargetChanges', () => {
  it('lowers one target and raises another, keeping the given plan as it was', () => {
    const result = apply([
      { op: 'modify', code: 'A2', set: { value: 5, band: 0.3 } },
      { op: 'modify', code: 'A3', set: { value: 60, deadline: '2025-12-31' } },
    ]);
    expect(result.errors).toEqual([]);
    expect(findTarget(result.plan!, 'A2')).toMatchObject({ value: 5, band: 0.3 });
    expect(findTarget(result.plan!, 'A3')).toMatchObject({ value: 60, deadline: '2025-12-31' });
    expect(findTarget(plan, 'A2')).toMatchObject({ value: 5.5, band: 0.5 });
  });

  it('changes a value together with allocations that add up, and refuses ones that do not', () => {
    const ok = apply([
      {
        op: 'modify',
        code: 'A1',
        set: {
          value: 12,
          allocations: [
            { unit: 'U1', value: 7 },
            { unit: 'U2', value: 5 },
          ],
        },
      },
    ]);
    expect(ok.errors).toEqual([]);
    const bad = apply([{ op: 'modify', code: 'A1', set: { value: 12 } }]);
    expect(bad.plan).toBeUndefined();
    expect(bad.errors).toEqual([
      expect.objectContaining({
        field: 'changes/0/allocations',
        messageZh: '第1项调整：指标“A1”分解指标合计为 10,与目标值 12 不一致',
      }),
    ]);
  });

  it('removes optional fields with null and drops and adds targets', () => {
    const result = apply([
      { op: 'modify', code: 'A1', set: { allocations: null } },
      { op: 'drop', code: 'B1' },
      {
        op: 'add',
        domainCode: 'DA',
        taskNumber: 2,
        target: {
          code: 'A9',
          text: '新增就业累计1万人以上',
          indicator: '新增就业人数',
          measure: { element: 'jobs' },
          comparator: '>=',
          value: 1,
          unit: '万人',
          kind: 'cumulative',
          deadline: '2026-12-31',
        },
      },
    ]);
    expect(result.errors).toEqual([]);
    expect(findTarget(result.plan!, 'A1')!.allocations).toBeUndefined();
    expect(findTarget(result.plan!, 'B1')).toBeUndefined();
    expect(findTarget(result.plan!, 'A9')).toMatchObject({ taskNumber: 2, value: 1 });
  });

  it('refuses unknown targets, repeated and empty changes, and format errors, with placed messages', () => {
    expect(apply([]).errors[0]!.messageZh).toBe('至少需要一项目标调整');
    expect(apply([{ op: 'drop', code: 'ZZ' }]).errors).toEqual([
      expect.objectContaining({
        field: 'changes/0/code',
        messageZh: expect.stringContaining('“ZZ”不存在'),
      }),
    ]);
    const twice = apply([
      { op: 'modify', code: 'A3', set: { value: 1 } },
      { op: 'drop', code: 'A3' },
    ]);
    expect(twice.errors[0]).toMatchObject({ field: 'changes/1' });
    expect(
      apply([{ op: 'modify', code: 'A3', set: { value: 50 } }]).errors[0]!.messageZh,
    ).toContain('未作任何修改');
    const outside = apply([{ op: 'modify', code: 'A3', set: { deadline: '2030-12-31' } }]);
    expect(outside.errors).toEqual([
      expect.objectContaining({
        field: 'changes/0/deadline',
        messageZh: expect.stringContaining('不在计划期 2024-01-01 至 2026-12-31 之内'),
      }),
    ]);
    const noBand = apply([{ op: 'modify', code: 'A2', set: { band: null } }]);
    expect(noBand.errors[0]).toMatchObject({ field: 'changes/0/band' });
    const badAdd = apply([
      { op: 'add', domainCode: 'DA', taskNumber: 1, target: { code: 'A8', text: 'x' } },
    ]);
    expect(badAdd.errors.length).toBeGreaterThan(0);
    expect(badAdd.errors[0]!.field).toMatch(/^changes\/0/);
    expect(
      apply([{ op: 'add', domainCode: 'DA', taskNumber: 9, target: {} }]).errors[0],
    ).toMatchObject({
      field: 'changes/0/taskNumber',
    });
    expect(
      apply([{ op: 'add', domainCode: 'DA', target: { ...findTarget(plan, 'A3')! } }]).errors[0],
    ).toMatchObject({ field: 'changes/0/target/code' });
  });
});

describe('diffPlans', () => {
  it('lists changed fields from → to, added and removed targets', () => {
    const next = apply([
      { op: 'modify', code: 'A3', set: { value: 60 } },
      { op: 'drop', code: 'B1' },
    ]).plan!;
    expect(diffPlans(plan, next)).toEqual([
      {
        code: 'A3',
        change: 'changed',
        domainCode: 'DA',
        taskNumber: 2,
        indicator: findTarget(plan, 'A3')!.indicator,
        fields: [{ field: 'value', from: 50, to: 60 }],
      },
      expect.objectContaining({ code: 'B1', change: 'removed', fields: [] }),
    ]);
    expect(diffPlans(next, plan).map((d) => [d.code, d.change])).toEqual([
      ['A3', 'changed'],
      ['B1', 'added'],
    ]);
    expect(diffPlans(plan, plan)).toEqual([]);
  });
});

describe('revisionInForce', () => {
  const revs = [
    { number: 1, effectiveFrom: '2024-01-01' },
    { number: 3, effectiveFrom: '2025-07-01' },
    { number: 2, effectiveFrom: '2025-03-01' },
  ];
  it('is the highest-numbered revision in force from the date or earlier, else the first', () => {
    expect(revisionInForce(revs, '2023-06-30')!.number).toBe(1);
    expect(revisionInForce(revs, '2025-02-28')!.number).toBe(1);
    expect(revisionInForce(revs, '2025-03-01')!.number).toBe(2);
    expect(revisionInForce(revs, '2026-01-01')!.number).toBe(3);
    expect(revisionInForce([], '2026-01-01')).toBeUndefined();
  });
});
