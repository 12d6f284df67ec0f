import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportPlanYaml, parsePlanYaml, type Plan } from './index';
import { EXAMPLE_PLAN, GUANGDONG_PLAN, MINIMAL_PLAN } from './test-fixtures';

function parse(text: string): Plan {
  const { plan, errors } = parsePlanYaml(text);
  expect(errors).toEqual([]);
  return plan!;
}

describe.each([
  ['minimal', MINIMAL_PLAN],
  ['guangdong', readFileSync(GUANGDONG_PLAN, 'utf8')],
  ['example', readFileSync(EXAMPLE_PLAN, 'utf8')],
])('exportPlanYaml (%s plan)', (_name, text) => {
  it('round-trips: parse(export(p)) deep-equals p', () => {
    const plan = parse(text);
    expect(parse(exportPlanYaml(plan))).toStrictEqual(plan);
  });

  it('is stable: exporting the re-parsed plan gives the same text', () => {
    const once = exportPlanYaml(parse(text));
    expect(exportPlanYaml(parse(once))).toBe(once);
  });
});

describe('exportPlanYaml output', () => {
  it('writes keys in the schema order whatever the input order', () => {
    const plan = parse(MINIMAL_PLAN);
    const shuffled = JSON.parse(
      JSON.stringify(plan, (_k, v: unknown) =>
        v && typeof v === 'object' && !Array.isArray(v)
          ? Object.fromEntries(Object.entries(v).reverse())
          : v,
      ),
    ) as Plan;
    expect(exportPlanYaml(shuffled)).toBe(exportPlanYaml(plan));
    expect(exportPlanYaml(plan)).toMatch(/^formatVersion: 1\nid: mini\n/m);
  });

  it('keeps the area code a string and measures on one line', () => {
    const out = exportPlanYaml(parse(MINIMAL_PLAN));
    expect(out).toContain("area: '440000'");
    expect(out).toContain('measure: {element: jobs}');
    expect(out).toContain('reportedBy: [county]');
  });
});
