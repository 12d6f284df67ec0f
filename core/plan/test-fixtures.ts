// Shared by the tests of core/plan: a small valid plan, text mutation and line lookup helpers.
import { fileURLToPath } from 'node:url';

export const GUANGDONG_PLAN = fileURLToPath(
  new URL('../../plans/guangdong-2023-2027.yaml', import.meta.url),
);
export const EXAMPLE_PLAN = fileURLToPath(
  new URL('../../plans/example-city-minsheng-shishi.yaml', import.meta.url),
);

export const MINIMAL_PLAN = `formatVersion: 1
id: mini
title: 最小计划
issuer: 测试单位
issuedOn: 2024-01-01
area: '440000'
start: 2024-01-01
end: 2026-12-31
units:
  - { code: U1, name: 单位一 }
  - { code: U2, name: 单位二 }
dataElements:
  - { code: jobs, name: 新增就业人数, unit: 人, valueType: integer, aggregation: flow, periodType: month, reportedBy: [county], owner: U1 }
  - { code: rate, name: 调查失业率, unit: '%', valueType: percentage, aggregation: stock, periodType: month, reportedBy: [department] }
  - { code: pub, name: 公办园在园幼儿数, unit: 人, valueType: integer, aggregation: stock, periodType: year, reportedBy: [county] }
  - { code: all, name: 在园幼儿总数, unit: 人, valueType: integer, aggregation: stock, periodType: year, reportedBy: [county] }
domains:
  - code: DA
    number: 1
    name: 就业
    leadUnits: [U1]
    tasks:
      - number: 1
        title: 任务一
        targets:
          - code: A1
            text: 新增就业累计10万人以上
            indicator: 新增就业人数
            measure: { element: jobs }
            comparator: '>='
            value: 10
            unit: 万人
            kind: cumulative
            deadline: 2026-12-31
            allocations:
              - { unit: U1, value: 6 }
              - { unit: U2, value: 4 }
          - code: A2
            text: 调查失业率5.5%左右
            indicator: 调查失业率
            measure: { element: rate }
            comparator: ≈
            value: 5.5
            band: 0.5
            unit: '%'
            kind: annual
            deadline: 2026-12-31
      - number: 2
        title: 任务二
        targets:
          - code: A3
            text: 公办园在园幼儿占比达到50%以上
            indicator: 公办园在园幼儿占比
            measure: { numerator: pub, denominator: all, scale: 100 }
            comparator: '>='
            value: 50
            unit: '%'
            kind: level
            deadline: 2026-12-31
  - code: DB
    number: 2
    name: 教育
    leadUnits: [U2]
    targets:
      - code: B1
        text: 公办园在园幼儿占比保持在40%以上
        indicator: 公办园在园幼儿占比
        measure: { numerator: pub, denominator: all, scale: 100 }
        comparator: '>='
        value: 40
        unit: '%'
        kind: maintain
        deadline: 2026-12-31
    tasks:
      - number: 3
        title: 任务三
        targets: []
        qualitativeGoals:
          - 群众满意度持续提升
`;

/** Replaces the only occurrence of \`from\`; throws if it occurs zero or several times. */
export function mutate(text: string, from: string, to: string): string {
  const count = text.split(from).length - 1;
  if (count !== 1) throw new Error(`expected exactly one "${from}", found ${count}`);
  return text.replace(from, to);
}

/** 1-based line of the nth (1-based) line containing needle. */
export function lineOf(text: string, needle: string, nth = 1): number {
  let seen = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.includes(needle) && ++seen === nth) return i + 1;
  }
  throw new Error(`"${needle}" (occurrence ${nth}) not found`);
}
