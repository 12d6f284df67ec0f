import { describe, expect, it } from 'vitest';
import { parsePlanYaml, type PlanError } from './index';
import { MINIMAL_PLAN, lineOf, mutate } from './test-fixtures';

const T0 = '/domains/0/tasks/0/targets/0';
const T1 = '/domains/0/tasks/0/targets/1';
const T2 = '/domains/0/tasks/1/targets/0';

function errorsOf(text: string): PlanError[] {
  const result = parsePlanYaml(text);
  expect(result.plan).toBeUndefined();
  expect(result.errors.length).toBeGreaterThan(0);
  return result.errors;
}

/** The single error of a broken text, with its path and line. */
function onlyError(text: string): PlanError {
  const errors = errorsOf(text);
  expect(errors).toHaveLength(1);
  return errors[0]!;
}

describe('parsePlanYaml on a valid plan', () => {
  it('returns the plan and no errors', () => {
    const { plan, errors } = parsePlanYaml(MINIMAL_PLAN);
    expect(errors).toEqual([]);
    expect(plan?.id).toBe('mini');
    expect(plan?.domains[0]?.tasks[0]?.targets[0]?.value).toBe(10);
    expect(plan?.area).toBe('440000');
  });
});

describe('parsePlanYaml: YAML syntax', () => {
  it('reports a syntax error with its line', () => {
    const text = mutate(MINIMAL_PLAN, 'title: 任务二', 'title: a: b');
    const e = onlyError(text);
    expect(e.path).toBe('');
    expect(e.line).toBe(lineOf(text, 'title: a: b'));
    expect(e.message).toMatch(/YAML syntax error/);
    expect(e.messageZh).toMatch(/YAML 格式错误/);
  });

  it('reports a duplicate key with its line', () => {
    const text = mutate(MINIMAL_PLAN, 'issuer: 测试单位\n', 'issuer: 测试单位\nissuer: 又一个\n');
    const errors = errorsOf(text);
    expect(errors[0]?.line).toBe(lineOf(text, 'issuer: 又一个'));
  });

  it('passes the file name on', () => {
    const text = mutate(MINIMAL_PLAN, 'title: 任务二', 'title: a: b');
    expect(parsePlanYaml(text, 'plans/x.yaml').errors[0]?.file).toBe('plans/x.yaml');
  });
});

describe('parsePlanYaml: schema errors carry path and line', () => {
  it('wrong type', () => {
    const text = mutate(MINIMAL_PLAN, 'value: 10\n', 'value: ten\n');
    const e = onlyError(text);
    expect(e.path).toBe(`${T0}/value`);
    expect(e.line).toBe(lineOf(text, 'value: ten'));
    expect(e.messageZh).toContain('数字');
  });

  it('missing field points at the target that lacks it', () => {
    const text = mutate(MINIMAL_PLAN, '            unit: 万人\n', '');
    const e = onlyError(text);
    expect(e.path).toBe(`${T0}/unit`);
    expect(e.line).toBe(lineOf(text, '- code: A1'));
    expect(e.message).toBe('missing required field "unit"');
    expect(e.messageZh).toBe('缺少必填字段“unit”');
  });

  it('unknown field (a typo) is reported at its own line', () => {
    const text = mutate(MINIMAL_PLAN, '    name: 教育\n', '    name: 教育\n    leadUnit: U2\n');
    const e = onlyError(text);
    expect(e.path).toBe('/domains/1/leadUnit');
    expect(e.line).toBe(lineOf(text, 'leadUnit: U2'));
  });

  it('an unquoted area code is a type error', () => {
    const text = mutate(MINIMAL_PLAN, "area: '440000'", 'area: 440000');
    expect(onlyError(text)).toMatchObject({ path: '/area', line: 6, column: 1 });
  });

  it('an impossible date', () => {
    const text = mutate(MINIMAL_PLAN, 'issuedOn: 2024-01-01', 'issuedOn: 2024-02-30');
    const e = onlyError(text);
    expect(e.path).toBe('/issuedOn');
    expect(e.messageZh).toContain('YYYY-MM-DD');
  });

  it('a bad comparator gives one error listing the allowed values', () => {
    const text = mutate(MINIMAL_PLAN, 'comparator: ≈', "comparator: '>>'");
    const e = onlyError(text);
    expect(e.path).toBe(`${T1}/comparator`);
    expect(e.line).toBe(lineOf(text, "comparator: '>>'"));
    expect(e.message).toContain('"decreasing"');
  });

  it('a ratio without scale names the missing field, not every union branch', () => {
    const text = mutate(
      MINIMAL_PLAN,
      'denominator: all, scale: 100 }\n            comparator',
      'denominator: all }\n            comparator',
    );
    const e = onlyError(text);
    expect(e.path).toBe(`${T2}/measure/scale`);
    expect(e.line).toBe(lineOf(text, 'denominator: all }'));
  });

  it('reports every error at once, sorted by line', () => {
    let text = mutate(MINIMAL_PLAN, 'value: 10\n', 'value: ten\n');
    text = mutate(text, 'id: mini', 'id: 9mini');
    const errors = errorsOf(text);
    expect(errors.map((e) => e.path)).toEqual(['/id', `${T0}/value`]);
    expect(errors[0]?.messageZh).toContain('字母开头');
  });
});

describe('parsePlanYaml: semantic rules carry path and line', () => {
  const cases: [string, string, string, string, string, number?][] = [
    // name, from, to, expected path, text of the expected line (and its occurrence)
    ['unknown element', '{ element: jobs }', '{ element: jobz }', `${T0}/measure/element`, 'jobz'],
    [
      'unknown denominator',
      'denominator: all, scale: 100 }\n            comparator',
      'denominator: al, scale: 100 }\n            comparator',
      `${T2}/measure/denominator`,
      'denominator: al,',
    ],
    ['duplicate target code', 'code: A3', 'code: A1', `${T2}/code`, '- code: A1', 2],
    ['duplicate domain code', 'code: DB\n', 'code: DA\n', '/domains/1/code', '- code: DA', 2],
    [
      'unknown lead unit',
      'leadUnits: [U2]',
      'leadUnits: [U3]',
      '/domains/1/leadUnits/0',
      'leadUnits: [U3]',
    ],
    ['unknown owner', 'owner: U1 }', 'owner: X9 }', '/dataElements/0/owner', 'owner: X9'],
    [
      'task numbers not consecutive',
      'number: 3',
      'number: 4',
      '/domains/1/tasks/0/number',
      'number: 4',
    ],
    [
      'task number used twice',
      '- number: 2',
      '- number: 1',
      '/domains/0/tasks/1/number',
      '- number: 1',
      2,
    ],
    ['≈ without band', '            band: 0.5\n', '', `${T1}/band`, '- code: A2'],
    [
      'band without ≈',
      'kind: level\n',
      'kind: level\n            band: 1\n',
      `${T2}/band`,
      'band: 1',
    ],
    [
      'deadline after plan end',
      'deadline: 2026-12-31\n            allocations',
      'deadline: 2027-12-31\n            allocations',
      `${T0}/deadline`,
      'deadline: 2027-12-31',
    ],
    [
      'start after deadline',
      'kind: annual\n            deadline: 2026-12-31',
      'kind: annual\n            start: 2026-06-01\n            deadline: 2026-03-31',
      `${T1}/start`,
      'start: 2026-06-01',
    ],
    [
      'milestone after deadline',
      'kind: annual\n',
      'kind: annual\n            milestones: [{ date: 2027-03-01, value: 5 }]\n',
      `${T1}/milestones/0/date`,
      'milestones: [',
    ],
    [
      'percentage on a count element',
      '{ element: rate }',
      '{ element: jobs }',
      `${T1}/measure`,
      'measure: { element: jobs }',
      2,
    ],
    [
      'percentage ratio without scale 100',
      'scale: 100 }\n            comparator',
      'scale: 1000 }\n            comparator',
      `${T2}/measure/scale`,
      'scale: 1000 }',
    ],
    ['unit not matching the element', 'unit: 万人', 'unit: 万个', `${T0}/unit`, 'unit: 万个'],
    [
      'allocations not adding up',
      '{ unit: U2, value: 4 }',
      '{ unit: U2, value: 3 }',
      `${T0}/allocations`,
      'allocations:',
    ],
    [
      'allocation to an unknown unit',
      '{ unit: U2, value: 4 }',
      '{ unit: U7, value: 4 }',
      `${T0}/allocations/1/unit`,
      'unit: U7',
    ],
    [
      'decreasing that is not annual',
      "comparator: '>='\n            value: 50",
      'comparator: decreasing\n            value: 50',
      `${T2}/kind`,
      'kind: level',
    ],
    ['plan end before start', 'end: 2026-12-31', 'end: 2023-12-31', '/end', 'end: 2023-12-31'],
  ];

  it.each(cases)('%s', (_name, from, to, path, lineText, nth = 1) => {
    const text = mutate(MINIMAL_PLAN, from, to);
    const errors = errorsOf(text);
    const e = errors.find((x) => x.path === path);
    expect(e, JSON.stringify(errors)).toBeDefined();
    expect(e?.line).toBe(lineOf(text, lineText, nth));
    expect(e?.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a rounding-safe allocation sum is accepted', () => {
    let text = mutate(MINIMAL_PLAN, 'value: 10\n', 'value: 0.3\n');
    text = mutate(text, '{ unit: U1, value: 6 }', '{ unit: U1, value: 0.1 }');
    text = mutate(text, '{ unit: U2, value: 4 }', '{ unit: U2, value: 0.2 }');
    expect(parsePlanYaml(text).errors).toEqual([]);
  });
});
