// Evaluates one form for one unit and period: current and last period's values, and every
// issue (type and range, cross-element rules, outliers against the unit's own history).
// Shared by the grid and by submission, so both judge the same way.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import {
  checkCrossRules,
  checkValue,
  isOutlier,
  outlierBand,
  previousPeriod,
  type Issue,
} from '../../../../core/reporting';
import type { Catalog, ElementInfo, FormInfo } from './catalog';
import * as repo from './values.repository';

/** k of median ± k·MAD, and how many earlier periods of the unit's own history count. */
export const OUTLIER_K = 3;
export const OUTLIER_HISTORY = 12;

export interface EvaluatedCell {
  element: ElementInfo;
  value: number | null;
  version: number;
  comment: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  previousValue: number | null;
  issues: Issue[];
  /** A warning without a comment: submission is refused until the reporter explains it. */
  needsComment: boolean;
}

export interface Evaluation {
  cells: EvaluatedCell[];
  filled: number;
  blocking: Issue[];
  uncommented: EvaluatedCell[];
}

export async function evaluateForm(
  db: Kysely<DB>,
  catalog: Catalog,
  form: FormInfo,
  unitCode: string,
  period: string,
): Promise<Evaluation> {
  const codes = form.elements.map((e) => e.code);
  const rules = [
    ...new Map(codes.flatMap((c) => catalog.rulesFor(c)).map((r) => [r.id, r])).values(),
  ];
  const ruleCodes = [...new Set([...codes, ...rules.flatMap((r) => [r.left, r.right])])];
  const [current, earlier] = await Promise.all([
    repo.findValues(db, { elementCodes: ruleCodes, unitCodes: [unitCode], periods: [period] }),
    repo.findHistory(db, { elementCodes: codes, unitCode, before: period }),
  ]);
  const now = new Map(current.map((v) => [v.element_code, v]));
  const numbers = new Map(current.map((v) => [v.element_code, v.value]));
  const names = new Map([...catalog.elements.values()].map((e) => [e.code, e.name]));
  const ruleIssues = checkCrossRules(rules, numbers, names);
  const prev = previousPeriod(period);
  const cells = form.elements.map((element): EvaluatedCell => {
    const stored = now.get(element.code);
    const history = earlier.filter((h) => h.element_code === element.code);
    const issues: Issue[] = [];
    if (stored) {
      issues.push(...checkValue(element, stored.value));
      issues.push(...outlierIssues(element, stored.value, history.slice(0, OUTLIER_HISTORY)));
    }
    issues.push(
      ...ruleIssues.filter(
        (i) => i.elementCode === element.code || ruleTouches(rules, i, element.code),
      ),
    );
    const comment = stored?.comment ?? null;
    return {
      element,
      value: stored?.value ?? null,
      version: stored?.version ?? 0,
      comment,
      updatedAt: stored?.updated_at ?? null,
      updatedBy: stored?.updated_by ?? null,
      previousValue: history.find((h) => h.period === prev)?.value ?? null,
      issues,
      needsComment: issues.some((i) => i.severity === 'warning') && !comment?.trim(),
    };
  });
  return {
    cells,
    filled: cells.filter((c) => c.value !== null).length,
    blocking: cells.flatMap((c) => c.issues.filter((i) => i.severity === 'blocking')),
    uncommented: cells.filter((c) => c.needsComment),
  };
}

/** A rule issue shows on both of its elements when both are in the form. */
function ruleTouches(
  rules: Array<{ code: string; right: string }>,
  issue: Issue,
  elementCode: string,
): boolean {
  return rules.some((r) => r.code === issue.ruleCode && r.right === elementCode);
}

export function outlierIssues(
  element: ElementInfo,
  value: number,
  history: ReadonlyArray<{ value: number }>,
): Issue[] {
  const band = outlierBand(
    history.map((h) => h.value),
    OUTLIER_K,
  );
  if (!band || !isOutlier(value, band)) return [];
  const fmt = (n: number) => String(Math.round(n * 100) / 100);
  return [
    {
      elementCode: element.code,
      severity: 'warning',
      code: 'OUTLIER',
      message: `「${element.name}」${fmt(value)} 明显偏离本单位历史水平（中位数 ${fmt(band.median)}，合理区间 ${fmt(Math.max(0, band.low))}–${fmt(band.high)}），请核实并填写说明`,
    },
  ];
}
