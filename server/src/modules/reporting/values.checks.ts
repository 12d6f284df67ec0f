// Checks of a batch of values before anything is written: codes, periods, types and ranges,
// the actor's scope, blocking cross-element rules; and the errors saveValues throws.
import type { AppContext } from '../../context';
import { can, type Actor } from '../../common/policy';
import { AppError, badRequest, type ErrorDetail } from '../../common/errors';
import { recordAudit } from '../audit/audit.service';
import { parsePeriod, periodBounds } from '../../../../core/periods/periods';
import { checkCrossRules, checkValue, todayCst } from '../../../../core/reporting';
import {
  reporterUnits,
  type Catalog,
  type ElementInfo,
  type FormInfo,
  type RuleInfo,
} from './catalog';
import { periodMessage } from './approval.service';
import type { RejectedValue, SaveValuesInput, ValueInput } from './values.service';
import type * as repo from './values.repository';

export interface Prepared {
  index: number;
  input: ValueInput;
  element: ElementInfo;
  form: FormInfo;
  key: string;
  subKey: string;
}

export const cellKey = (e: string, u: string, p: string) => `${e}|${u}|${p}`;
export const subKeyOf = (f: string, u: string, p: string) => `${f}|${u}|${p}`;
const MAX_COMMENT = 500;

export function prepare(
  ctx: AppContext,
  catalog: Catalog,
  input: SaveValuesInput,
  now: Date,
  rejected: RejectedValue[],
): Prepared[] {
  const today = todayCst(now);
  const seen = new Map<string, number>();
  const reporters = new Map<string, Set<string>>();
  const prepared: Prepared[] = [];
  // A batch names few distinct periods: parse each once.
  const periods = new Map<string, { type: string; start: string } | null>();
  const periodOf = (code: string) => {
    let found = periods.get(code);
    if (found === undefined) {
      const p = parsePeriod(code);
      found = p ? { type: p.type, start: periodBounds(p).start } : null;
      periods.set(code, found);
    }
    return found;
  };
  // A plain loop without a closure per value: on a 100,000-value import, creating (and, under
  // tsx, naming) a function per row cost a quarter of the checks (bench/import).
  for (let index = 0; index < input.values.length; index++) {
    const v = input.values[index]!;
    const before = rejected.length;
    const element = catalog.elements.get(v.elementCode);
    const form = element && catalog.forms.get(element.formCode);
    if (!element || !form) {
      rejected.push({ index, field: 'elementCode', message: `数据元 ${v.elementCode} 不存在` });
      continue;
    }
    if (input.formCode && form.code !== input.formCode) {
      rejected.push({
        index,
        field: 'elementCode',
        message: `数据元 ${v.elementCode} 不属于报表 ${input.formCode}`,
      });
      continue;
    }
    if (!form.active) {
      rejected.push({ index, field: 'elementCode', message: `报表「${form.name}」已停用` });
      continue;
    }
    const unit = ctx.orgs.get(v.unitCode);
    if (!unit)
      rejected.push({ index, field: 'unitCode', message: `单位代码 ${v.unitCode} 不存在` });
    else {
      if (!reporters.has(form.code))
        reporters.set(form.code, new Set(reporterUnits(ctx.orgs, form)));
      if (!reporters.get(form.code)!.has(v.unitCode))
        rejected.push({ index, field: 'unitCode', message: `${unit.name}不填报「${form.name}」` });
    }
    const period = periodOf(v.period);
    if (!period || period.type !== form.periodType)
      rejected.push({ index, field: 'period', message: periodMessage(form, v.period) });
    else if (period.start > today)
      rejected.push({ index, field: 'period', message: `期间 ${v.period} 尚未开始` });
    if (v.value !== null) {
      if (typeof v.value !== 'number' || !Number.isFinite(v.value))
        rejected.push({ index, field: 'value', message: `「${element.name}」必须是数字` });
      else
        for (const issue of checkValue(element, v.value))
          rejected.push({ index, field: 'value', message: issue.message });
    }
    if (v.comment !== undefined && v.comment.length > MAX_COMMENT)
      rejected.push({ index, field: 'comment', message: `说明不能超过 ${MAX_COMMENT} 字` });
    const key = cellKey(v.elementCode, v.unitCode, v.period);
    const first = seen.get(key);
    if (first !== undefined)
      rejected.push({
        index,
        field: 'elementCode',
        message: `与第 ${first + 1} 条重复（同一数据元、单位和期间）`,
      });
    seen.set(key, index);
    if (rejected.length === before)
      prepared.push({
        index,
        input: v,
        element,
        form,
        key,
        subKey: subKeyOf(form.code, v.unitCode, v.period),
      });
  }
  return prepared;
}

export async function checkScope(
  ctx: AppContext,
  actor: Actor,
  prepared: Prepared[],
  ip: string | null,
): Promise<void> {
  const denied = prepared.filter(
    (p) => !can(actor, 'data.write', { unitCode: p.input.unitCode, domainCode: p.form.domainCode }),
  );
  if (!denied.length) return;
  await recordAudit(ctx.db, {
    action: 'data.write',
    outcome: 'denied',
    actor,
    ip,
    unitCode: denied[0]!.input.unitCode,
    details: { values: denied.length, first: denied[0]!.key },
  });
  throw new AppError(
    403,
    'FORBIDDEN',
    `无权填报 ${denied.length} 条数据（不在您的单位或领域范围内）`,
    denied.slice(0, 100).map((p) => ({
      field: `values/${p.index}/unitCode`,
      row: p.index + 1,
      message: `无权填报 ${p.input.unitCode} 的「${p.element.name}」`,
    })),
  );
}

export function rejection(rejected: RejectedValue[], locked: Set<number>): AppError {
  const details: ErrorDetail[] = rejected.slice(0, 200).map((r) => ({
    field: `values/${r.index}/${r.field}`,
    row: r.index + 1,
    message: r.message,
  }));
  const allLocked = rejected.every((r) => locked.has(r.index));
  return allLocked
    ? new AppError(423, 'DATA_LOCKED', rejected[0]!.message, details)
    : badRequest(
        'VALUES_INVALID',
        `有 ${rejected.length} 条数据未通过校验：${rejected[0]!.message}`,
        details,
      );
}

const show = (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? String(v) : '空');

export function conflictError(conflicts: Array<Record<string, unknown>>): AppError {
  return new AppError(
    409,
    'VALUE_CONFLICT',
    `有 ${conflicts.length} 个数据在您编辑期间已被他人修改，请核对后重试`,
    conflicts.map((c) => ({
      field: `values/${String(c.index)}/baseVersion`,
      row: Number(c.index) + 1,
      message: `当前值 ${show(c.storedValue)}（${show(c.updatedBy)}），您的值 ${show(c.yourValue)}`,
    })),
    { conflicts },
  );
}

/** Blocking cross-element rules over the stored values with this batch applied. */
export function checkRules(
  catalog: Catalog,
  prepared: Prepared[],
  stored: Map<string, repo.StoredValue>,
  rejected: RejectedValue[],
): void {
  const groups = new Map<string, Prepared[]>();
  for (const p of prepared) {
    const g = `${p.input.unitCode}|${p.input.period}`;
    const items = groups.get(g);
    if (items) items.push(p);
    else groups.set(g, [p]);
  }
  const names = new Map([...catalog.elements.values()].map((e) => [e.code, e.name]));
  // Groups of a batch mostly hold the same elements: find their rules once per element set.
  const rulesOf = new Map<string, RuleInfo[]>();
  // No function is created per group (an import has tens of thousands): under tsx each one
  // is also named at creation, which made this loop cost more than the inserts (bench/import).
  for (const [group, items] of groups) {
    const [unitCode, period] = group.split('|') as [string, string];
    let elements = '';
    for (const p of items) elements += `${p.element.code}|`;
    let rules = rulesOf.get(elements);
    if (!rules) {
      rules = blockingRules(catalog, items);
      rulesOf.set(elements, rules);
    }
    if (!rules.length) continue;
    const values = new Map<string, number>();
    for (const r of rules) {
      const left = stored.get(cellKey(r.left, unitCode, period));
      if (left) values.set(r.left, left.value);
      const right = stored.get(cellKey(r.right, unitCode, period));
      if (right) values.set(r.right, right.value);
    }
    for (const p of items)
      if (p.input.value === null) values.delete(p.element.code);
      else values.set(p.element.code, p.input.value);
    for (const issue of checkCrossRules(rules, values, names)) {
      const rule = rules.find((r) => r.code === issue.ruleCode)!;
      const culprit =
        items.find((p) => p.element.code === rule.left) ??
        items.find((p) => p.element.code === rule.right);
      if (culprit) rejected.push({ index: culprit.index, field: 'value', message: issue.message });
    }
  }
}

/** The blocking rules that involve any of the items' elements, each once. */
function blockingRules(catalog: Catalog, items: Prepared[]): RuleInfo[] {
  return [
    ...new Map(
      items.flatMap((p) => catalog.rulesFor(p.element.code)).map((r) => [r.id, r]),
    ).values(),
  ].filter((r) => r.severity === 'blocking');
}

export function unitName(ctx: AppContext, code: string): string {
  return ctx.orgs.get(code)?.name ?? code;
}
