// Rules a JSON Schema cannot express: uniqueness, numbering, and references between parts of
// the plan. Run only on a plan that already has the schema's shape.
import { issue, pointer, type PlanIssue } from './issues';
import type { DataElement, Plan } from './schema';
import { targetIssues } from './target-checks';
import { targetLocations } from './targets';

export interface PlanContext {
  plan: Plan;
  units: ReadonlySet<string>;
  elements: ReadonlyMap<string, DataElement>;
}

export function semanticIssues(plan: Plan): PlanIssue[] {
  const ctx: PlanContext = {
    plan,
    units: new Set(plan.units.map((u) => u.code)),
    elements: new Map(plan.dataElements.map((e) => [e.code, e])),
  };
  return [
    ...periodIssues(plan),
    ...duplicateIssues(plan.units.map((u, i) => [u.code, pointer('units', i, 'code')])),
    ...dataElementIssues(ctx),
    ...domainIssues(ctx),
    ...taskNumberIssues(plan),
    ...duplicateIssues(targetLocations(plan).map((l) => [l.target.code, `${l.path}/code`])),
    ...targetLocations(plan).flatMap((l) => targetIssues(l.target, l.path, ctx)),
  ];
}

function periodIssues(plan: Plan): PlanIssue[] {
  if (plan.start <= plan.end) return [];
  return [
    issue(
      '/end',
      `plan end ${plan.end} is before its start ${plan.start}`,
      `计划结束日期 ${plan.end} 早于开始日期 ${plan.start}`,
    ),
  ];
}

/** One issue per repeated code, at the repetition, naming where it was first used. */
function duplicateIssues(entries: [string, string][]): PlanIssue[] {
  const first = new Map<string, string>();
  const issues: PlanIssue[] = [];
  for (const [code, path] of entries) {
    const earlier = first.get(code);
    if (earlier === undefined) first.set(code, path);
    else
      issues.push(
        issue(
          path,
          `duplicate code "${code}" (first used at ${earlier})`,
          `编码“${code}”重复(已在 ${earlier} 使用)`,
        ),
      );
  }
  return issues;
}

function unknownUnit(ctx: PlanContext, code: string, path: string): PlanIssue[] {
  if (ctx.units.has(code)) return [];
  return [
    issue(
      path,
      `unit "${code}" is not declared in units`,
      `单位“${code}”未在 units(单位清单)中声明`,
    ),
  ];
}

function dataElementIssues(ctx: PlanContext): PlanIssue[] {
  const { dataElements } = ctx.plan;
  return [
    ...duplicateIssues(dataElements.map((e, i) => [e.code, pointer('dataElements', i, 'code')])),
    ...dataElements.flatMap((e, i) =>
      e.owner === undefined ? [] : unknownUnit(ctx, e.owner, pointer('dataElements', i, 'owner')),
    ),
  ];
}

function domainIssues(ctx: PlanContext): PlanIssue[] {
  const { domains } = ctx.plan;
  return [
    ...duplicateIssues(domains.map((d, i) => [d.code, pointer('domains', i, 'code')])),
    ...duplicateIssues(domains.map((d, i) => [String(d.number), pointer('domains', i, 'number')])),
    ...domains.flatMap((d, i) =>
      d.leadUnits.flatMap((u, j) => unknownUnit(ctx, u, pointer('domains', i, 'leadUnits', j))),
    ),
  ];
}

/** Task numbers run 1, 2, 3 … across the whole plan, in document order. */
function taskNumberIssues(plan: Plan): PlanIssue[] {
  const seen = new Map<number, string>();
  const issues: PlanIssue[] = [];
  let reportedGap = false;
  let expected = 1;
  plan.domains.forEach((domain, d) =>
    domain.tasks.forEach((task, t) => {
      const path = pointer('domains', d, 'tasks', t, 'number');
      const earlier = seen.get(task.number);
      if (earlier !== undefined) {
        issues.push(
          issue(
            path,
            `task number ${task.number} is used twice (first at ${earlier})`,
            `任务序号 ${task.number} 重复(已在 ${earlier} 使用)`,
          ),
        );
      } else if (task.number !== expected && !reportedGap) {
        reportedGap = true;
        issues.push(
          issue(
            path,
            `task numbers must run 1, 2, 3 … in order: expected ${expected}, found ${task.number}`,
            `任务序号应从 1 起按顺序连续编号:此处应为 ${expected},实为 ${task.number}`,
          ),
        );
      }
      seen.set(task.number, seen.get(task.number) ?? path);
      expected += 1;
    }),
  );
  return issues;
}
