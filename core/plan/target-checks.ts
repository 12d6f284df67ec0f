// Checks of one target against the rest of the plan: references, comparator and band, dates,
// units and allocations. Each check returns the issues it found, located by JSON pointer.
import { issue, type PlanIssue } from './issues';
import type { Target } from './schema';
import type { PlanContext } from './semantic';
import { unitMagnitude } from './targets';

type Check = (t: Target, base: string, ctx: PlanContext) => PlanIssue[];

export function targetIssues(t: Target, base: string, ctx: PlanContext): PlanIssue[] {
  const checks: Check[] = [
    measureIssues,
    comparatorIssues,
    dateIssues,
    unitIssues,
    allocationIssues,
    scopeIssues,
  ];
  return checks.flatMap((check) => check(t, base, ctx));
}

function measureIssues(t: Target, base: string, ctx: PlanContext): PlanIssue[] {
  const refs: [string, string][] =
    'element' in t.measure
      ? [['element', t.measure.element]]
      : 'numerator' in t.measure
        ? [
            ['numerator', t.measure.numerator],
            ['denominator', t.measure.denominator],
          ]
        : [];
  return refs
    .filter(([, code]) => !ctx.elements.has(code))
    .map(([field, code]) =>
      issue(
        `${base}/measure/${field}`,
        `data element "${code}" is not declared in dataElements`,
        `数据项“${code}”未在 dataElements(数据项清单)中声明`,
      ),
    );
}

function comparatorIssues(t: Target, base: string): PlanIssue[] {
  const issues: PlanIssue[] = [];
  if (t.comparator === '≈' && t.band === undefined)
    issues.push(
      issue(
        `${base}/band`,
        'band is required when the comparator is ≈ (e.g. 0.5 for 5.5% 左右)',
        '比较方式为“≈(左右)”时必须填写允许偏差 band(如 5.5% 左右填 0.5)',
      ),
    );
  if (t.comparator !== '≈' && t.band !== undefined)
    issues.push(
      issue(
        `${base}/band`,
        'band is only allowed when the comparator is ≈',
        '只有比较方式为“≈(左右)”时才能填写 band',
      ),
    );
  if (t.comparator === 'decreasing' && t.kind !== 'annual')
    issues.push(
      issue(
        `${base}/kind`,
        'a decreasing (逐年下降) target must be of kind annual',
        '“逐年下降”类目标的类型(kind)应为 annual(每年)',
      ),
    );
  return issues;
}

function outside(date: string, ctx: PlanContext): boolean {
  return date < ctx.plan.start || date > ctx.plan.end;
}

function dateIssues(t: Target, base: string, ctx: PlanContext): PlanIssue[] {
  const { start, end } = ctx.plan;
  const issues: PlanIssue[] = [];
  const notInPlan = (path: string, what: string, whatZh: string, date: string): void => {
    issues.push(
      issue(
        path,
        `${what} ${date} is outside the plan period ${start}..${end}`,
        `${whatZh} ${date} 不在计划期 ${start} 至 ${end} 之内`,
      ),
    );
  };
  if (outside(t.deadline, ctx)) notInPlan(`${base}/deadline`, 'deadline', '截止日期', t.deadline);
  if (t.start !== undefined && outside(t.start, ctx))
    notInPlan(`${base}/start`, 'start', '起算日期', t.start);
  else if (t.start !== undefined && t.start > t.deadline)
    issues.push(
      issue(
        `${base}/start`,
        `start ${t.start} is after the deadline ${t.deadline}`,
        `起算日期 ${t.start} 晚于截止日期 ${t.deadline}`,
      ),
    );
  (t.milestones ?? []).forEach((m, i) => {
    if (m.date < (t.start ?? start) || m.date > t.deadline)
      issues.push(
        issue(
          `${base}/milestones/${i}/date`,
          `milestone ${m.date} is outside the target's period ${t.start ?? start}..${t.deadline}`,
          `阶段目标日期 ${m.date} 不在目标期 ${t.start ?? start} 至 ${t.deadline} 之内`,
        ),
      );
  });
  return issues;
}

function unitIssues(t: Target, base: string, ctx: PlanContext): PlanIssue[] {
  const m = t.measure;
  if ('numerator' in m) {
    if (t.unit !== '%' || m.scale === 100) return [];
    return [
      issue(
        `${base}/measure/scale`,
        'a percentage ratio must have scale 100',
        '百分比指标的 scale 应为 100',
      ),
    ];
  }
  if (!('element' in m)) return [];
  const element = ctx.elements.get(m.element);
  if (!element) return [];
  if (t.unit === '%' && element.valueType !== 'percentage')
    return [
      issue(
        `${base}/measure`,
        `a percentage target needs a ratio measure or a percentage data element; "${element.code}" is ${element.valueType}`,
        `百分比目标应使用比值(分子/分母)或百分比类型的数据项;“${element.code}”不是百分比`,
      ),
    ];
  if (unitMagnitude(t.unit, element.unit) !== undefined) return [];
  return [
    issue(
      `${base}/unit`,
      `unit "${t.unit}" does not match data element "${element.code}" (unit "${element.unit}"; 万/亿 prefixes allowed)`,
      `单位“${t.unit}”与数据项“${element.code}”的单位“${element.unit}”不一致(可加“万”“亿”)`,
    ),
  ];
}

function allocationIssues(t: Target, base: string, ctx: PlanContext): PlanIssue[] {
  if (!t.allocations) return [];
  const issues: PlanIssue[] = [];
  const seen = new Set<string>();
  t.allocations.forEach((a, i) => {
    const path = `${base}/allocations/${i}/unit`;
    if (!ctx.units.has(a.unit))
      issues.push(
        issue(
          path,
          `unit "${a.unit}" is not declared in units`,
          `单位“${a.unit}”未在 units 中声明`,
        ),
      );
    else if (seen.has(a.unit))
      issues.push(issue(path, `unit "${a.unit}" is allocated twice`, `单位“${a.unit}”重复分解`));
    seen.add(a.unit);
  });
  const sum = t.allocations.reduce((s, a) => s + a.value, 0);
  if (Math.abs(sum - t.value) > 1e-9 * Math.max(1, Math.abs(t.value)))
    issues.push(
      issue(
        `${base}/allocations`,
        `allocations add up to ${round(sum)}, not to the target value ${t.value}`,
        `分解指标合计为 ${round(sum)},与目标值 ${t.value} 不一致`,
      ),
    );
  return issues;
}

function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

function scopeIssues(t: Target, base: string): PlanIssue[] {
  const s = t.scope;
  if (s?.type === 'region' && !s.regions)
    return [
      issue(`${base}/scope/regions`, 'a region scope needs regions', '区域范围需填写 regions'),
    ];
  if (s?.type === 'roadClass' && !s.roadClass)
    return [
      issue(
        `${base}/scope/roadClass`,
        'a roadClass scope needs roadClass',
        '公路等级范围需填写 roadClass',
      ),
    ];
  return [];
}
