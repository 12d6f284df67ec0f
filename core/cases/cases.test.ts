import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_CRITERIA as C,
  canMove,
  checkCriteria,
  checkScores,
  checkSubmission,
  isConflicted,
  rankCases,
  weightedScore,
} from './cases';

describe('criteria and score sheets', () => {
  it('accepts weights summing to 100 and names every bad criterion', () => {
    expect(checkCriteria(C)).toEqual([]);
    const issues = checkCriteria([
      { key: 'a', name: 'A', weight: 50 },
      { key: 'a', name: '', weight: 40 },
      { key: 'Bad', name: 'B', weight: 0 },
    ]);
    expect(issues.map((i) => i.field)).toEqual([
      'criteria[1].key',
      'criteria[1].name',
      'criteria[2].key',
      'criteria[2].weight',
      'criteria',
    ]);
    expect(issues.at(-1)!.message).toContain('当前为 90');
    expect(checkCriteria([])).toHaveLength(1);
  });

  it('refuses a score outside the scale, a missing one and an unknown criterion', () => {
    expect(checkScores(C, 10, { innovation: 8, results: 10, replicability: 0 })).toEqual([]);
    const issues = checkScores(C, 10, { innovation: 11, results: -1, other: 3 });
    expect(issues.map((i) => i.field)).toEqual([
      'scores.other',
      'scores.innovation',
      'scores.results',
      'scores.replicability',
    ]);
    expect(issues[1]!.message).toContain('超出评分范围 0—10');
  });

  it('weights the sheet on the call scale', () => {
    // 0.3×8 + 0.4×9 + 0.3×6 = 7.8
    expect(weightedScore(C, { innovation: 8, results: 9, replicability: 6 })).toBeCloseTo(7.8, 9);
  });
});

describe('ranking', () => {
  const sheet = (innovation: number, results: number, replicability: number) => ({
    innovation,
    results,
    replicability,
  });

  it('orders by the mean of the reviewers weighted scores, unscored last', () => {
    const ranked = rankCases(C, 'top_criterion', [
      { id: 1, submittedAt: '2026-01-01T00:00:00Z', sheets: [sheet(5, 5, 5), sheet(7, 7, 7)] },
      { id: 2, submittedAt: '2026-01-02T00:00:00Z', sheets: [sheet(9, 9, 9)] },
      { id: 3, submittedAt: '2026-01-03T00:00:00Z', sheets: [] },
    ]);
    expect(ranked.map((r) => [r.id, r.rank, r.score])).toEqual([
      [2, 1, 9],
      [1, 2, 6],
      [3, 3, null],
    ]);
    expect(ranked[1]!.byCriterion.results).toBe(6);
  });

  it('breaks a tie on the highest-weighted criterion, then by earlier submission', () => {
    // Both total 7: 1.8 + 3.2 + 2 and 1.5 + 4 + 1.5.
    const a = sheet(6, 8, 6.666666666666667);
    const tiedHigh = sheet(5, 10, 5);
    const ranked = rankCases(C, 'top_criterion', [
      { id: 1, submittedAt: '2026-01-01T00:00:00Z', sheets: [a] },
      { id: 2, submittedAt: '2026-01-05T00:00:00Z', sheets: [tiedHigh] },
      { id: 3, submittedAt: '2026-01-03T00:00:00Z', sheets: [tiedHigh] },
    ]);
    // Results (weight 40) decides 2 and 3 over 1; 3 was submitted before 2.
    expect(ranked.map((r) => r.id)).toEqual([3, 2, 1]);
    expect(ranked.map((r) => r.tieBrokenBy)).toEqual([null, 'submission_time', 'criterion']);
    // Under "earliest submission" alone, 1 comes first.
    expect(
      rankCases(C, 'earliest_submission', [
        { id: 1, submittedAt: '2026-01-01T00:00:00Z', sheets: [a] },
        { id: 2, submittedAt: '2026-01-05T00:00:00Z', sheets: [tiedHigh] },
      ]).map((r) => r.id),
    ).toEqual([1, 2]);
  });

  it('gives every case one rank 1..n whatever the input order', () => {
    const arb = fc.uniqueArray(
      fc.record({
        id: fc.nat(1000),
        submittedAt: fc.constantFrom('2026-01-01', '2026-01-02'),
        sheets: fc.array(
          fc.record({
            innovation: fc.integer({ min: 0, max: 3 }),
            results: fc.integer({ min: 0, max: 3 }),
            replicability: fc.integer({ min: 0, max: 3 }),
          }),
          { maxLength: 3 },
        ),
      }),
      { maxLength: 12, selector: (c) => c.id },
    );
    fc.assert(
      fc.property(arb, (cases) => {
        const one = rankCases(C, 'criteria_by_weight', cases);
        const two = rankCases(C, 'criteria_by_weight', [...cases].reverse());
        expect(one.map((r) => r.id)).toEqual(two.map((r) => r.id));
        expect(one.map((r) => r.rank)).toEqual(cases.map((_, i) => i + 1));
        for (let i = 1; i < one.length; i++)
          expect((one[i - 1]!.score ?? -1) >= (one[i]!.score ?? -1) - 1e-9).toBe(true);
      }),
    );
  });
});

describe('conflict of interest, status, submissions', () => {
  it('conflicts a reviewer with their own unit and the units within it only', () => {
    const city = new Set(['441400', '441403']);
    expect(isConflicted(city, '441403')).toBe(true);
    expect(isConflicted(city, '440100')).toBe(false);
    expect(isConflicted(null, '441400')).toBe(false);
  });

  it('moves a call forward one step at a time', () => {
    expect(canMove('draft', 'open')).toBe(true);
    expect(canMove('open', 'published')).toBe(false);
    expect(canMove('published', 'open')).toBe(false);
  });

  it('checks the task against the plan and the call domains', () => {
    const tasks = [
      { number: 1, domainCode: 'D01' },
      { number: 5, domainCode: 'D02' },
    ];
    const ok = {
      title: '标题',
      domainCode: 'D01',
      taskNumber: 1,
      summary: '摘要',
      results: '成效',
      figures: [{ label: '新增岗位', value: 1200, unit: '个' }],
    };
    expect(checkSubmission(ok, tasks, null)).toEqual([]);
    expect(checkSubmission({ ...ok, taskNumber: 5 }, tasks, null)[0]!.field).toBe('taskNumber');
    expect(checkSubmission({ ...ok, taskNumber: 99 }, tasks, null)[0]!.message).toContain('99');
    expect(checkSubmission(ok, tasks, ['D02'])[0]!.field).toBe('domainCode');
    expect(
      checkSubmission(
        { ...ok, title: ' ', figures: [{ label: '', value: NaN, unit: '' }] },
        tasks,
        null,
      ).map((i) => i.field),
    ).toEqual(['title', 'figures[0].label', 'figures[0].value']);
  });
});
