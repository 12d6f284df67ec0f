import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  allTargets,
  allTasks,
  countTargets,
  findTarget,
  parsePlanYaml,
  unitMagnitude,
  type Plan,
} from './index';
import { EXAMPLE_PLAN, MINIMAL_PLAN } from './test-fixtures';

const plan = parsePlanYaml(MINIMAL_PLAN).plan as Plan;

describe('allTargets', () => {
  it('flattens domain-level and task targets with domainCode and taskNumber', () => {
    expect(allTargets(plan).map((t) => [t.code, t.domainCode, t.taskNumber])).toEqual([
      ['A1', 'DA', 1],
      ['A2', 'DA', 1],
      ['A3', 'DA', 2],
      ['B1', 'DB', null],
    ]);
    expect(countTargets(plan)).toBe(4);
  });

  it('finds a target by code', () => {
    expect(findTarget(plan, 'A3')).toMatchObject({ value: 50, taskNumber: 2 });
    expect(findTarget(plan, 'nope')).toBeUndefined();
  });

  it('lists tasks with their domain', () => {
    expect(allTasks(plan).map((t) => [t.number, t.domainCode])).toEqual([
      [1, 'DA'],
      [2, 'DA'],
      [3, 'DB'],
    ]);
  });
});

describe('unitMagnitude', () => {
  it('knows 万 and 亿 over the element unit', () => {
    expect(unitMagnitude('人', '人')).toBe(1);
    expect(unitMagnitude('万人', '人')).toBe(1e4);
    expect(unitMagnitude('亿人次', '人次')).toBe(1e8);
    expect(unitMagnitude('万套(间、户)', '套(间、户)')).toBe(1e4);
    expect(unitMagnitude('万人', '个')).toBeUndefined();
    expect(unitMagnitude('千人', '人')).toBeUndefined();
  });
});

describe('plans/example-city-minsheng-shishi.yaml', () => {
  it('validates and is a different, clearly illustrative plan', () => {
    const { plan: example, errors } = parsePlanYaml(readFileSync(EXAMPLE_PLAN, 'utf8'));
    expect(errors).toEqual([]);
    expect(example).toMatchObject({ area: '441400', start: '2025-01-01', end: '2025-12-31' });
    expect(example!.title).toContain('示例');
    expect(example!.domains).toHaveLength(3);
    expect(countTargets(example!)).toBe(6);
    expect(findTarget(example!, 'T02.1')?.allocations).toHaveLength(2);
  });
});
