import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlanYaml } from '../plan';
import fs from 'node:fs';
import path from 'node:path';
import {
  approverLevel,
  checkCrossRules,
  checkValue,
  daysAfterPeriodEnd,
  deadlinesOf,
  endOfDayCst,
  generateForms,
  isExpired,
  isOnTime,
  isOutlier,
  mayReopen,
  mayReview,
  median,
  nextState,
  outlierBand,
  previousPeriod,
  reminderFor,
  rollUpLevels,
  type ElementCheck,
} from './index';

const count: ElementCheck = { code: 'a', name: '人数', valueType: 'integer', min: null, max: null };

describe('value checks', () => {
  it('refuses fractions of counts, negatives and percentages over 100', () => {
    expect(checkValue(count, 12)).toEqual([]);
    expect(checkValue(count, 1.5).map((i) => i.code)).toEqual(['TYPE_INTEGER']);
    expect(checkValue(count, -1).map((i) => i.code)).toEqual(['NEGATIVE']);
    expect(checkValue({ ...count, valueType: 'percentage' }, 100.5).map((i) => i.code)).toEqual([
      'RANGE_PERCENT',
    ]);
    expect(checkValue({ ...count, min: 10, max: 20 }, 25).map((i) => i.code)).toEqual([
      'ABOVE_MAX',
    ]);
    expect(checkValue(count, Number.NaN)[0]!.code).toBe('NOT_A_NUMBER');
  });

  it('judges a cross-element rule only when both sides have a value', () => {
    const rule = {
      code: 'r',
      left: 'n',
      operator: '<=' as const,
      right: 'd',
      severity: 'blocking' as const,
      message: '',
    };
    expect(checkCrossRules([rule], new Map([['n', 5]]))).toEqual([]);
    expect(
      checkCrossRules(
        [rule],
        new Map([
          ['n', 5],
          ['d', 6],
        ]),
      ),
    ).toEqual([]);
    const [issue] = checkCrossRules(
      [rule],
      new Map([
        ['n', 7],
        ['d', 6],
      ]),
      new Map([
        ['n', '分子'],
        ['d', '分母'],
      ]),
    );
    expect(issue).toMatchObject({ elementCode: 'n', severity: 'blocking', ruleCode: 'r' });
    expect(issue!.message).toBe('「分子」(7)不应大于「分母」(6)');
  });
});

describe('outliers: median ± k·MAD', () => {
  it('needs enough history and is robust to one wild past value', () => {
    expect(outlierBand([1, 2, 3])).toBeNull();
    const band = outlierBand([100, 102, 98, 101, 99, 5000])!;
    expect(band.median).toBe(100.5);
    expect(isOutlier(104, band)).toBe(false);
    expect(isOutlier(400, band)).toBe(true);
  });

  it('never flags the median of the history itself', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 4, maxLength: 30 }),
        (h) => {
          expect(isOutlier(median(h), outlierBand(h))).toBe(false);
        },
      ),
    );
  });
});

describe('deadlines', () => {
  it('counts days after the period end, in Beijing time', () => {
    expect(daysAfterPeriodEnd('2025-07', 10)).toBe('2025-08-10');
    expect(daysAfterPeriodEnd('2025Q4', 15)).toBe('2026-01-15');
    expect(daysAfterPeriodEnd('2025', 30)).toBe('2026-01-30');
    expect(deadlinesOf('2025-02', 10, 30)).toEqual({
      dueDate: '2025-03-10',
      expiryDate: '2025-03-30',
    });
    // 2025-08-10 ends at 2025-08-10T16:00Z (midnight in Beijing).
    expect(endOfDayCst('2025-08-10').toISOString()).toBe('2025-08-10T16:00:00.000Z');
    expect(isOnTime('2025-08-10T15:59:59Z', '2025-08-10')).toBe(true);
    expect(isOnTime('2025-08-10T16:00:00Z', '2025-08-10')).toBe(false);
    expect(isExpired('2025-08-30', new Date('2025-08-30T15:00:00Z'))).toBe(false);
    expect(isExpired('2025-08-30', new Date('2025-08-30T16:00:00Z'))).toBe(true);
  });

  it('reminds within the window before the due date and on it', () => {
    expect(reminderFor('2025-08-10', '2025-08-06', 3)).toBeNull();
    expect(reminderFor('2025-08-10', '2025-08-07', 3)).toBe('before');
    expect(reminderFor('2025-08-10', '2025-08-10', 3)).toBe('due');
    expect(reminderFor('2025-08-10', '2025-08-11', 3)).toBeNull();
  });

  it('knows the previous period of each type', () => {
    expect(previousPeriod('2025-01')).toBe('2024-12');
    expect(previousPeriod('2025-10')).toBe('2025-09');
    expect(previousPeriod('2025Q1')).toBe('2024Q4');
    expect(previousPeriod('2025')).toBe('2024');
    expect(previousPeriod('x')).toBeNull();
  });
});

describe('approval state machine', () => {
  const chain = ['city', 'department'] as const;
  it('moves only along allowed transitions', () => {
    expect(nextState('draft', 'submit')).toBe('submitted');
    expect(nextState('returned', 'submit')).toBe('submitted');
    expect(nextState('submitted', 'approve')).toBe('approved');
    expect(nextState('submitted', 'return')).toBe('returned');
    expect(nextState('approved', 'reopen')).toBe('returned');
    expect(nextState('approved', 'submit')).toBeNull();
    expect(nextState('draft', 'approve')).toBeNull();
  });

  it('sends county to city, city to department; higher levels may reopen', () => {
    expect(approverLevel(chain, 'county')).toBe('city');
    expect(approverLevel(chain, 'city')).toBe('department');
    expect(approverLevel(chain, 'department')).toBeNull();
    expect(mayReview(chain, 'county', 'city')).toBe(true);
    expect(mayReview(chain, 'county', 'department')).toBe(false);
    expect(mayReview(chain, 'city', 'city')).toBe(false);
    expect(mayReview(chain, 'county', 'province')).toBe(true);
    expect(mayReopen(chain, 'county', 'department')).toBe(true);
    expect(mayReopen(chain, 'county', 'county')).toBe(false);
    expect(rollUpLevels(chain)).toEqual(['city']);
    expect(rollUpLevels(['department'])).toEqual([]);
  });
});

describe('forms from the Guangdong plan', () => {
  const file = path.resolve(__dirname, '../../plans/guangdong-2023-2027.yaml');
  const { plan } = parsePlanYaml(fs.readFileSync(file, 'utf8'), file);

  it('puts every element in one form of its domain, level and period type', () => {
    const { forms, rules } = generateForms(plan!);
    const all = forms.flatMap((f) => f.elements);
    expect(all.sort()).toEqual(plan!.dataElements.map((e) => e.code).sort());
    expect(forms.find((f) => f.code === 'D01-county-month')?.elements).toContain(
      'emp.urban-new-jobs',
    );
    expect(forms.every((f) => f.domainCode !== null)).toBe(true);
    // Percentage targets get numerator ≤ denominator; "per thousand" ones do not.
    expect(rules.find((r) => r.left === 'edu.public-kindergarten-pupils')?.right).toBe(
      'edu.kindergarten-pupils',
    );
    expect(rules.find((r) => r.left === 'child.paediatricians')).toBeUndefined();
  });
});
