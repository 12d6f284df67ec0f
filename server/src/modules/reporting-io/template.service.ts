// The pre-filled Excel template for (form, units, period range): the reporter's own units by
// default, current values and statuses, and each value's previous period beside it.
import type { AppContext } from '../../context';
import { AppError, badRequest } from '../../common/errors';
import { can, type Actor } from '../../common/policy';
import { formatPeriod, nextPeriod, parsePeriod } from '../../../../core/periods/periods';
import {
  buildTemplate,
  previousPeriod,
  templateRowCount,
  valueKey,
  type CellState,
} from '../../../../core/reporting-io';
import { loadCatalog, reporterUnits, type FormInfo } from '../reporting/catalog';
import { exportValues } from '../reporting/values.service';
import { UPLOAD_LIMIT_BYTES } from './upload';

export const MAX_TEMPLATE_ROWS = 100_000;
const MAX_PERIODS = 60;

export interface TemplateQuery {
  formCode: string;
  unitCodes?: string[];
  from: string;
  to?: string;
}

export async function templateFile(
  ctx: AppContext,
  actor: Actor,
  query: TemplateQuery,
): Promise<{ file: Buffer; fileName: string }> {
  const catalog = await loadCatalog(ctx.db);
  const form = catalog.forms.get(query.formCode);
  if (!form)
    throw badRequest('FORM_NOT_FOUND', `报表“${query.formCode}”不存在`, [
      { field: 'formCode', message: '报表不存在' },
    ]);
  const periods = periodRange(form, query.from, query.to ?? query.from);
  const units = templateUnits(ctx, actor, form, query.unitCodes);
  const elements = form.elements.map((e) => ({ ...e, valueType: e.valueType }));
  const rows = templateRowCount({ elements, units, periods });
  if (rows > MAX_TEMPLATE_ROWS)
    throw badRequest(
      'TEMPLATE_TOO_LARGE',
      `模板将有 ${rows} 行，超过上限 ${MAX_TEMPLATE_ROWS} 行，请减少单位或缩短期间范围`,
    );
  const { current, previous } = await knownValues(ctx, actor, form, units, periods);
  const file = await buildTemplate({
    form: { code: form.code, name: form.name, periodType: form.periodType },
    elements,
    units: units.map((u) => ({ code: u.code, name: u.name })),
    periods,
    current,
    previous,
    generatedAt: new Date().toISOString(),
    generatedBy: actor.username,
    maxUploadMegabytes: UPLOAD_LIMIT_BYTES / 1024 / 1024,
  });
  const span = periods.length > 1 ? `${periods[0]}_${periods.at(-1)}` : periods[0]!;
  return { file, fileName: `${form.name}_${span}.xlsx` };
}

function periodRange(form: FormInfo, from: string, to: string): string[] {
  const first = parsePeriod(from);
  const last = parsePeriod(to);
  const expected = { month: '2025-07', quarter: '2025Q3', year: '2025' }[form.periodType];
  for (const [field, p, raw] of [
    ['from', first, from],
    ['to', last, to],
  ] as const)
    if (!p || p.type !== form.periodType)
      throw badRequest(
        'PERIOD_INVALID',
        `期间“${raw}”不正确：报表“${form.name}”的期间形如 ${expected}`,
        [{ field, message: '期间不正确' }],
      );
  const periods: string[] = [];
  // Codes of one type sort in time order, so a reversed range never reaches `to`.
  if (from <= to)
    for (let p = first!; periods.length < MAX_PERIODS; p = nextPeriod(p)) {
      periods.push(formatPeriod(p));
      if (formatPeriod(p) === to) return periods;
    }
  throw badRequest('PERIOD_RANGE_INVALID', `期间范围须从早到晚且不超过 ${MAX_PERIODS} 期`, [
    { field: 'to', message: '期间范围不正确' },
  ]);
}

function templateUnits(ctx: AppContext, actor: Actor, form: FormInfo, requested?: string[]) {
  const mine = reporterUnits(ctx.orgs, form).filter((code) =>
    can(actor, 'data.write', { unitCode: code, domainCode: form.domainCode }),
  );
  const codes = requested?.length ? requested : mine;
  const allowed = new Set(mine);
  const units = codes.map((code) => {
    const unit = ctx.orgs.get(code);
    if (!unit)
      throw badRequest('UNIT_UNKNOWN', `单位代码“${code}”不存在`, [
        { field: 'units', message: code },
      ]);
    if (!allowed.has(code))
      throw new AppError(403, 'FORBIDDEN', `无权下载“${unit.name}”的报表“${form.name}”模板`);
    return unit;
  });
  if (units.length === 0)
    throw new AppError(403, 'FORBIDDEN', `您所在单位不填报报表“${form.name}”`);
  return units;
}

async function knownValues(
  ctx: AppContext,
  actor: Actor,
  form: FormInfo,
  units: Array<{ code: string }>,
  periods: string[],
) {
  const previousOf = new Map(periods.map((p) => [p, previousPeriod(p)!]));
  const stored = await exportValues(ctx, actor, {
    elementCodes: form.elements.map((e) => e.code),
    unitCodes: units.map((u) => u.code),
    periods: [...new Set([...periods, ...previousOf.values()])],
  });
  const byKey = new Map(stored.map((v) => [valueKey(v.elementCode, v.unitCode, v.period), v]));
  const current = new Map<string, CellState>();
  const previous = new Map<string, number>();
  for (const v of stored) current.set(valueKey(v.elementCode, v.unitCode, v.period), v);
  for (const unit of units)
    for (const period of periods)
      for (const element of form.elements) {
        const before = byKey.get(valueKey(element.code, unit.code, previousOf.get(period)!));
        if (before) previous.set(valueKey(element.code, unit.code, period), before.value);
      }
  return { current, previous };
}
