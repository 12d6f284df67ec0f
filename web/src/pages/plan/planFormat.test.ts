import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import type { Plan, Target } from '../../api/plan';
import {
  countPlan,
  formatDeadline,
  formatScope,
  formatTargetValue,
  searchTargets,
  splitByQuery,
  toChineseNumeral,
} from './planFormat';

const t = i18n.getFixedT('zh-CN');
const tEn = i18n.getFixedT('en');

function target(overrides: Partial<Target>): Target {
  return {
    code: 'T1.1',
    text: '全省城镇新增就业累计550万人以上',
    indicator: '城镇新增就业人数',
    measure: { element: 'employment.new-urban-jobs' },
    comparator: '>=',
    value: 550,
    unit: '万人',
    kind: 'cumulative',
    deadline: '2027-12-31',
    ...overrides,
  };
}

describe('toChineseNumeral', () => {
  it('numbers domains 一 … 十 and beyond', () => {
    expect([1, 2, 9, 10].map(toChineseNumeral)).toEqual(['一', '二', '九', '十']);
    expect(toChineseNumeral(12)).toBe('十二');
    expect(toChineseNumeral(20)).toBe('二十');
    expect(toChineseNumeral(27)).toBe('二十七');
    expect(toChineseNumeral(0)).toBe('0');
    expect(toChineseNumeral(100)).toBe('100');
  });
});

describe('formatTargetValue', () => {
  it('renders each comparator', () => {
    expect(formatTargetValue(target({}), t, 'zh-CN')).toBe('≥ 550万人');
    expect(
      formatTargetValue(target({ comparator: '<=', value: 6.7, unit: '批次/千人' }), t, 'zh-CN'),
    ).toBe('≤ 6.7批次/千人');
    expect(formatTargetValue(target({ comparator: '==', value: 100, unit: '%' }), t, 'zh-CN')).toBe(
      '= 100%',
    );
    expect(
      formatTargetValue(target({ comparator: '≈', value: 5.5, band: 0.5, unit: '%' }), t, 'zh-CN'),
    ).toBe('≈ 5.5±0.5%');
    expect(formatTargetValue(target({ comparator: '≈', value: 5.5, unit: '%' }), t, 'zh-CN')).toBe(
      '≈ 5.5%',
    );
    expect(formatTargetValue(target({ comparator: 'decreasing', value: 0 }), t, 'zh-CN')).toBe(
      '逐年下降',
    );
    expect(formatTargetValue(target({ comparator: 'decreasing', value: 0 }), tEn, 'en')).toBe(
      'Falling every year',
    );
  });

  it('groups digits only for large numbers', () => {
    expect(formatTargetValue(target({ value: 2050 }), t, 'zh-CN')).toBe('≥ 2050万人');
    expect(formatTargetValue(target({ value: 19700, unit: '公里' }), t, 'zh-CN')).toBe(
      '≥ 19,700公里',
    );
  });
});

describe('formatDeadline', () => {
  it('says 年底 for a year end and the full date otherwise', () => {
    expect(formatDeadline('2027-12-31', t, 'zh-CN')).toBe('2027年底');
    expect(formatDeadline('2027-12-31', tEn, 'en')).toBe('End of 2027');
    expect(formatDeadline('2025-06-30', t, 'zh-CN')).toBe('2025年6月30日');
  });
});

describe('formatScope', () => {
  it('names the province, regions and road classes', () => {
    expect(formatScope(undefined, t)).toEqual({ label: '全省', note: undefined });
    expect(formatScope({ type: 'province', note: '街道' }, t)).toEqual({
      label: '全省',
      note: '街道',
    });
    expect(formatScope({ type: 'region', regions: ['粤东', '粤西', '粤北'] }, t).label).toBe(
      '粤东、粤西、粤北',
    );
    expect(formatScope({ type: 'roadClass', roadClass: 'expressway' }, t).label).toBe('高速公路');
    expect(formatScope({ type: 'roadClass', roadClass: 'national' }, t).label).toBe('普通国道');
    expect(formatScope({ type: 'roadClass', roadClass: '省道' }, t).label).toBe('省道');
  });
});

describe('plan counts and search', () => {
  const plan = {
    units: [],
    domains: [
      {
        code: 'D01',
        number: 1,
        name: '就业领域民生工程',
        leadUnits: ['hrss'],
        targets: [
          target({
            code: 'D1',
            text: '12345平台按时办结率保持在98%以上',
            indicator: '按时办结率',
          }),
        ],
        tasks: [
          { number: 1, title: '实施就业岗位扩容提质行动', targets: [target({})] },
          { number: 2, title: '实施就业服务能级提升行动', targets: [] },
        ],
      },
    ],
  } as unknown as Plan;

  it('counts domains, tasks and targets (domain-level ones included)', () => {
    expect(countPlan(plan)).toEqual({ domains: 1, tasks: 2, targets: 2 });
  });

  it('finds targets by original text or indicator, ignoring spaces and case', () => {
    expect(searchTargets(plan, '550').map((match) => match.target.code)).toEqual(['T1.1']);
    expect(searchTargets(plan, ' 新增 就业 ').map((match) => match.task?.number)).toEqual([1]);
    expect(searchTargets(plan, '12345')[0]?.task).toBeNull();
    expect(searchTargets(plan, '   ')).toEqual([]);
  });

  it('splits text around the query for highlighting', () => {
    expect(splitByQuery('充电车位占比充电', '充电')).toEqual([
      { text: '充电', match: true },
      { text: '车位占比', match: false },
      { text: '充电', match: true },
    ]);
    expect(splitByQuery('abc', '')).toEqual([{ text: 'abc', match: false }]);
  });
});
