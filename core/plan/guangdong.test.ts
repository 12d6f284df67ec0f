// The real plan file: it validates, and it says what the text says.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  allTargets,
  allTasks,
  countTargets,
  findTarget,
  loadPlanFile,
  parsePlanYaml,
  type Plan,
  type PlanTargetRef,
} from './index';
import { GUANGDONG_PLAN, lineOf, mutate } from './test-fixtures';

// The plan's published text (粤府办〔2023〕20号), kept beside the plan file it was encoded from.
const SEED = new URL('../../plans/sources/guangdong-2023-2027.txt', import.meta.url).pathname;

let plan: Plan;

beforeAll(() => {
  const result = loadPlanFile(GUANGDONG_PLAN);
  expect(result.errors).toEqual([]);
  plan = result.plan!;
});

function target(code: string): PlanTargetRef {
  const t = findTarget(plan, code);
  if (!t) throw new Error(`no target ${code}`);
  return t;
}

describe('plans/guangdong-2023-2027.yaml', () => {
  it('has the document metadata', () => {
    expect(plan).toMatchObject({
      formatVersion: 1,
      id: 'guangdong-2023-2027',
      issuer: '广东省人民政府办公厅',
      documentNumber: '粤府办〔2023〕20号',
      issuedOn: '2023-11-18',
      area: '440000',
      start: '2023-01-01',
      end: '2027-12-31',
    });
  });

  it('has 10 domains D01..D10 and 27 tasks numbered 1..27', () => {
    expect(plan.domains.map((d) => d.code)).toEqual(
      Array.from({ length: 10 }, (_, i) => `D${String(i + 1).padStart(2, '0')}`),
    );
    expect(allTasks(plan).map((t) => t.number)).toEqual(
      Array.from({ length: 27 }, (_, i) => i + 1),
    );
  });

  it('has 82 quantitative targets, 4 in task 1 and 7 in task 22', () => {
    expect(countTargets(plan)).toBe(82);
    const perTask = (n: number) => allTargets(plan).filter((t) => t.taskNumber === n);
    expect(perTask(1).map((t) => t.value)).toEqual([550, 200, 40, 5.5]);
    expect(perTask(22)).toHaveLength(7);
    expect(perTask(2)).toHaveLength(0);
  });

  it('puts the 12345 hotline 98% in domain 九, outside any task', () => {
    const nine = plan.domains[8]!;
    expect(nine.name).toBe('消费者权益保护领域民生工程');
    expect(nine.leadUnits).toEqual(['GD-SAMR', 'GD-COURT', 'GD-GSDA']);
    expect(nine.targets).toHaveLength(1);
    expect(target('D09.1')).toMatchObject({
      taskNumber: null,
      comparator: '>=',
      value: 98,
      unit: '%',
      kind: 'maintain',
    });
    expect(target('D09.1').text).toContain('12345');
  });

  it('names domain 二 from the general requirements and marks it as an assumption', () => {
    const two = plan.domains[1]!;
    expect(two).toMatchObject({ name: '教育领域民生工程', leadUnits: ['GD-EDU'] });
    expect(two.assumption).toMatch(/标题/);
    expect(two.tasks.map((t) => t.number)).toEqual([4, 5, 6]);
  });

  it('declares every lead department plus 省财政厅 and 省政府督查室', () => {
    const names = plan.units.map((u) => u.name);
    for (const name of [
      '省人力资源社会保障厅',
      '省教育厅',
      '省卫生健康委',
      '省住房和城乡建设厅',
      '省民政厅',
      '省交通运输厅',
      '省市场监管局',
      '省高级人民法院',
      '省政务服务数据管理局',
      '省公安厅',
      '省司法厅',
      '省自然资源厅',
      '省应急管理厅',
      '省消防救援总队',
      '省财政厅',
      '省政府督查室',
    ])
      expect(names).toContain(name);
    expect(plan.units.every((u) => u.nameEn)).toBe(true);
    expect(plan.domains[9]!.leadUnits).toHaveLength(6);
  });
});

describe('targets read as the text says', () => {
  it('550万 cumulative new urban jobs', () => {
    expect(target('T01.1')).toMatchObject({
      text: '全省城镇新增就业累计550万人以上',
      comparator: '>=',
      value: 550,
      unit: '万人',
      kind: 'cumulative',
      deadline: '2027-12-31',
      measure: { element: 'emp.urban-new-jobs' },
    });
  });

  it('5.5% 左右 surveyed unemployment, every year, with a band', () => {
    expect(target('T01.4')).toMatchObject({
      comparator: '≈',
      value: 5.5,
      band: 0.5,
      unit: '%',
      kind: 'annual',
    });
  });

  it('全覆盖 is 100%', () => {
    for (const code of ['T11.2', 'T13.1'])
      expect(target(code)).toMatchObject({ comparator: '==', value: 100, unit: '%' });
    expect(target('T11.2').text).toContain('全覆盖');
  });

  it('charging spaces 15% (expressway) and 10% (national road), computed from the registry', () => {
    expect(target('T21.1')).toMatchObject({
      value: 15,
      unit: '%',
      comparator: '>=',
      measure: { computed: 'service-areas.charging-ratio.expressway' },
      scope: { type: 'roadClass', roadClass: 'expressway' },
    });
    expect(target('T21.2')).toMatchObject({
      value: 10,
      measure: { computed: 'service-areas.charging-ratio.national' },
      scope: { type: 'roadClass', roadClass: 'national' },
    });
    expect(target('T20.1')).toMatchObject({
      value: 120,
      measure: { computed: 'service-areas.new-or-upgraded' },
    });
  });

  it('values stay in the unit as written', () => {
    expect(target('T18.1')).toMatchObject({ value: 1.97, unit: '万公里', kind: 'cumulative' });
    expect(target('T07.3')).toMatchObject({ value: 4.5, unit: '亿人次' });
    expect(target('T09.1')).toMatchObject({ value: 77, unit: '万套(间、户)' });
  });

  it('task 10 runs 2023—2025', () => {
    expect(target('T10.1')).toMatchObject({ value: 4000, deadline: '2025-12-31' });
  });

  it('每年 is annual, 稳定在/保持在/维持在 is maintain', () => {
    expect(target('T03.1')).toMatchObject({ kind: 'annual', value: 4, unit: '万人次' });
    for (const code of ['T12.3', 'T12.4', 'T17.1', 'T17.2', 'T22.1', 'T23.2'])
      expect(target(code).kind).toBe('maintain');
  });

  it('逐年下降 gives two decreasing annual targets', () => {
    const falling = allTargets(plan).filter((t) => t.comparator === 'decreasing');
    expect(falling.map((t) => t.code)).toEqual(['T26.1', 'T26.2']);
    expect(falling.every((t) => t.kind === 'annual')).toBe(true);
  });

  it('ratios are recomputed from their parts, with scale 100 for every percentage', () => {
    for (const t of allTargets(plan).filter((x) => x.unit === '%' && 'numerator' in x.measure))
      expect(t.measure).toMatchObject({ scale: 100 });
    expect(target('T04.2').measure).toEqual({
      numerator: 'edu.public-kindergarten-pupils',
      denominator: 'edu.kindergarten-pupils',
      scale: 100,
    });
  });

  it('keeps numberless commitments as qualitative goals, not targets', () => {
    const goals = allTasks(plan).flatMap((t) => t.qualitativeGoals ?? []);
    expect(goals).toContain('“群众安全感”持续保持高位');
    expect(goals.some((g) => g.startsWith('县级疾控中心'))).toBe(true);
    expect(goals.some((g) => g.startsWith('高技能人才占比稳步提升'))).toBe(true);
    expect(goals.some((g) => g.startsWith('全省孕产妇死亡率'))).toBe(true);
  });

  it('uses every declared data element and only plausible units', () => {
    const used = new Set(
      allTargets(plan).flatMap((t) =>
        Object.values(t.measure).filter((v) => typeof v === 'string'),
      ),
    );
    const unused = plan.dataElements.filter((e) => !used.has(e.code)).map((e) => e.code);
    expect(unused).toEqual([]);
  });
});

describe('the file quotes the seed text verbatim', () => {
  const seed = readFileSync(SEED, 'utf8');

  it('every target text, task title, domain summary and qualitative goal', () => {
    const phrases = [
      ...allTargets(plan).map((t) => t.text),
      ...allTasks(plan).flatMap((t) => [t.title, ...(t.qualitativeGoals ?? [])]),
      // Domain 二's name is an assumption: its heading is missing from the seed.
      ...plan.domains.flatMap((d) => [
        ...(d.assumption ? [] : [d.name]),
        ...(d.summary ? [d.summary] : []),
      ]),
      plan.title,
    ];
    expect(phrases.filter((p) => !seed.includes(p))).toEqual([]);
  });

  it('every task title, in the order of the text', () => {
    const numbered = [...seed.matchAll(/^(\d+)\. (.+?)。/gm)].map((m) => [Number(m[1]), m[2]]);
    expect(allTasks(plan).map((t) => [t.number, t.title])).toEqual(numbered);
  });
});

describe('a broken copy of the real file', () => {
  const text = readFileSync(GUANGDONG_PLAN, 'utf8');

  it('reports a wrong value with its path and line', () => {
    const broken = mutate(text, 'value: 550\n', 'value: 五百五十\n');
    const [e, ...rest] = parsePlanYaml(broken).errors;
    expect(rest).toEqual([]);
    expect(e).toMatchObject({
      path: '/domains/0/tasks/0/targets/0/value',
      line: lineOf(broken, 'value: 五百五十'),
    });
  });

  it('reports an unknown data element with its path and line', () => {
    const broken = mutate(text, '{ element: emp.reemployed }', '{ element: emp.re-employed }');
    const [e, ...rest] = parsePlanYaml(broken).errors;
    expect(rest).toEqual([]);
    expect(e).toMatchObject({
      path: '/domains/0/tasks/0/targets/1/measure/element',
      line: lineOf(broken, 'emp.re-employed'),
    });
  });
});
