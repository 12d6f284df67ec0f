import { describe, expect, it } from 'vitest';
import { proposeLedgerStatus, resolveReportedStatus, type LedgerStatusItem } from './ledger-status';
import {
  isIsoDate,
  validateLedgerItem,
  validateProgress,
  type LedgerItemInput,
  type LedgerValidationContext,
} from './ledger-validation';

const item = (over: Partial<LedgerStatusItem> = {}): LedgerStatusItem => ({
  startDate: '2025-01-01',
  dueDate: '2026-12-31',
  percentDone: 40,
  lastReportedAt: '2025-06-01T00:00:00Z',
  milestones: [
    { title: '完成选址', dueDate: '2025-06-30', doneOn: '2025-06-20' },
    { title: '开工建设', dueDate: '2026-03-31', doneOn: null },
    { title: '竣工验收', dueDate: '2026-12-31', doneOn: null },
  ],
  ...over,
});

describe('proposeLedgerStatus', () => {
  it('is done at 100% even with open milestones past due', () => {
    expect(proposeLedgerStatus(item({ percentDone: 100 }), '2027-03-01').status).toBe('done');
  });

  it('is delayed when an open milestone is past due, naming it and the days', () => {
    const p = proposeLedgerStatus(item(), '2026-04-12');
    expect(p).toEqual({ status: 'delayed', reason: '里程碑“开工建设”已逾期12天' });
  });

  it('is not delayed on the milestone due day itself', () => {
    expect(proposeLedgerStatus(item({ percentDone: 60 }), '2026-03-31').status).not.toBe('delayed');
  });

  it('is delayed when the item is past its own deadline below 100%', () => {
    const p = proposeLedgerStatus(item({ milestones: [], percentDone: 90 }), '2027-01-05');
    expect(p.status).toBe('delayed');
    expect(p.reason).toBe('已超过完成时限5天，完成进度90%');
  });

  it('is at risk when the item is due within N days and below X%', () => {
    const p = proposeLedgerStatus(item({ milestones: [], percentDone: 70 }), '2026-12-10');
    expect(p.status).toBe('at_risk');
    expect(p.reason).toContain('距完成时限仅剩21天');
    expect(
      proposeLedgerStatus(item({ milestones: [], percentDone: 85 }), '2026-12-10').status,
    ).toBe('on_track');
    // A longer watch window and a higher bar are the caller's to choose.
    expect(
      proposeLedgerStatus(item({ milestones: [], percentDone: 85 }), '2026-10-01', {
        atRiskDays: 120,
        atRiskPercent: 90,
      }).status,
    ).toBe('at_risk');
  });

  it('holds the next open milestone to its share of the threshold', () => {
    // 2nd of 3 milestones: expected 80 × 2/3 ≈ 53.3%.
    const soon = '2026-03-15';
    expect(proposeLedgerStatus(item({ percentDone: 50 }), soon)).toMatchObject({
      status: 'at_risk',
      reason: expect.stringContaining('里程碑“开工建设”还有16天到期') as unknown,
    });
    expect(proposeLedgerStatus(item({ percentDone: 55 }), soon).status).toBe('on_track');
  });

  it('is not started at 0% before the start or before any report', () => {
    expect(proposeLedgerStatus(item({ percentDone: 0 }), '2024-12-01')).toEqual({
      status: 'not_started',
      reason: '计划于2025-01-01开始',
    });
    expect(
      proposeLedgerStatus(item({ percentDone: 0, lastReportedAt: null }), '2025-02-01').status,
    ).toBe('not_started');
    expect(proposeLedgerStatus(item({ percentDone: 0 }), '2025-02-01').status).toBe('on_track');
  });
});

describe('resolveReportedStatus', () => {
  it('takes the proposal when nothing else is asked', () => {
    expect(resolveReportedStatus('on_track', undefined, 'ignored')).toEqual({
      ok: true,
      status: 'on_track',
      overrideReason: null,
    });
  });
  it('requires a reason to differ from the proposal', () => {
    const r = resolveReportedStatus('delayed', 'on_track', '  ');
    expect(r).toMatchObject({ ok: false, field: 'overrideReason' });
    expect(resolveReportedStatus('delayed', 'on_track', '已调整计划，经批准')).toEqual({
      ok: true,
      status: 'on_track',
      overrideReason: '已调整计划，经批准',
    });
  });
});

const ctx: LedgerValidationContext = {
  taskNumbers: new Set([1, 2]),
  targetsOfTask: (n) => new Set(n === 1 ? ['T01.1', 'T01.2'] : ['T02.1']),
  isUnit: (c) => ['GD-HRSS', '441400', '441403'].includes(c),
  isCity: (c) => c === '441400',
};
const input = (over: Partial<LedgerItemInput> = {}): LedgerItemInput => ({
  taskNumber: 1,
  title: '建设零工市场',
  description: '',
  ownerUnitCode: 'GD-HRSS',
  cooperatingUnits: ['441400'],
  cityCode: '441400',
  startDate: '2024-01-01',
  dueDate: '2025-12-31',
  budget: 120.5,
  targetCodes: ['T01.1'],
  milestones: [{ title: '完成选址', dueDate: '2024-06-30', definitionOfDone: '选址批复' }],
  ...over,
});

describe('validateLedgerItem', () => {
  it('accepts a sound item', () => {
    expect(validateLedgerItem(input(), ctx)).toEqual([]);
  });

  it('refuses a due date before the start', () => {
    const p = validateLedgerItem(input({ dueDate: '2023-12-31', milestones: [] }), ctx);
    expect(p).toEqual([
      { field: 'dueDate', message: '完成时限（dueDate）2023-12-31早于开始日期2024-01-01' },
    ]);
  });

  it('refuses a milestone outside the item window', () => {
    const p = validateLedgerItem(
      input({ milestones: [{ title: '验收', dueDate: '2026-01-10', definitionOfDone: '' }] }),
      ctx,
    );
    expect(p).toHaveLength(1);
    expect(p[0]!.field).toBe('milestones[0].dueDate');
    expect(p[0]!.message).toContain('不在事项起止期间（2024-01-01至2025-12-31）内');
  });

  it('refuses an unknown task, an empty title, unknown units and foreign targets', () => {
    const p = validateLedgerItem(
      input({
        taskNumber: 9,
        title: ' ',
        ownerUnitCode: 'NOPE',
        cityCode: '441403',
        budget: -1,
        targetCodes: ['T02.1'],
      }),
      ctx,
    );
    expect(p.map((x) => x.field)).toEqual([
      'taskNumber',
      'title',
      'ownerUnitCode',
      'cityCode',
      'budget',
    ]);
    expect(p[0]!.message).toBe('任务编号（taskNumber）“9”不是计划中的任务编号');
    expect(validateLedgerItem(input({ targetCodes: ['T02.1'] }), ctx)[0]!.field).toBe(
      'targetCodes',
    );
  });

  it('refuses invalid calendar dates', () => {
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    const p = validateLedgerItem(input({ startDate: '2024/01/01' }), ctx);
    expect(p[0]).toMatchObject({ field: 'startDate' });
  });
});

describe('validateProgress', () => {
  it('keeps percent within 0..100 and needs a text', () => {
    expect(validateProgress({ percentDone: 50, text: '推进中' })).toEqual([]);
    expect(validateProgress({ percentDone: 101, text: 'x' })[0]!.field).toBe('percentDone');
    expect(validateProgress({ percentDone: -1, text: 'x' })[0]!.field).toBe('percentDone');
    expect(validateProgress({ percentDone: 10, text: '' })[0]!.field).toBe('text');
  });
});
