// Value exports (CSV, DHIS2 JSON/CSV): what to export is resolved here — elements of a form or
// a list, units (with their subtrees on request) narrowed to the actor's scope, and periods
// listed or spanning two dates — and read through the reporting core's exportValues.
import type { AppContext } from '../../context';
import { badRequest } from '../../common/errors';
import { can, type Actor } from '../../common/policy';
import {
  formatPeriod,
  parsePeriod,
  periodsBetween,
  type PeriodType,
} from '../../../../core/periods/periods';
import { fromDhis2Period } from '../../../../core/reporting-io';
import { loadCatalog } from '../reporting/catalog';
import { exportValues, type ExportedValue } from '../reporting/values.service';

export interface ExportQuery {
  formCode?: string;
  elementCodes?: string[];
  unitCodes?: string[];
  /** Include every unit below the given ones (DHIS2 `children=true`). */
  children?: boolean;
  /** Period codes, ours or DHIS2's (202507). */
  periods?: string[];
  startDate?: string;
  endDate?: string;
}

export interface NamedValue extends ExportedValue {
  elementName: string;
  unitName: string;
}

const MAX_PERIODS = 400;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function exportNamedValues(
  ctx: AppContext,
  actor: Actor,
  query: ExportQuery,
): Promise<NamedValue[]> {
  const catalog = await loadCatalog(ctx.db);
  const elements = selectElements(catalog, query);
  const unitCodes = selectUnits(ctx, actor, query);
  const periodTypes = new Set(elements.map((e) => catalog.forms.get(e.formCode)!.periodType));
  const periods = selectPeriods(query, periodTypes);
  if (!unitCodes.length || !periods.length || !elements.length) return [];
  const values = await exportValues(ctx, actor, {
    elementCodes: elements.map((e) => e.code),
    unitCodes,
    periods,
  });
  return values.map((v) => ({
    ...v,
    elementName: catalog.elements.get(v.elementCode)?.name ?? v.elementCode,
    unitName: ctx.orgs.get(v.unitCode)?.name ?? v.unitCode,
  }));
}

function selectElements(catalog: Awaited<ReturnType<typeof loadCatalog>>, query: ExportQuery) {
  if (query.formCode) {
    const form = catalog.forms.get(query.formCode);
    if (!form)
      throw badRequest('FORM_NOT_FOUND', `报表“${query.formCode}”不存在`, [
        { field: 'formCode', message: '报表不存在' },
      ]);
    return form.elements;
  }
  if (query.elementCodes?.length)
    return query.elementCodes.map((code) => {
      const element = catalog.elements.get(code);
      if (!element)
        throw badRequest('ELEMENT_UNKNOWN', `指标代码“${code}”不存在`, [
          { field: 'dataElement', message: code },
        ]);
      return element;
    });
  return [...catalog.elements.values()];
}

function selectUnits(ctx: AppContext, actor: Actor, query: ExportQuery): string[] {
  const roots = query.unitCodes?.length
    ? query.unitCodes
    : actor.unitScope === 'all'
      ? ctx.orgs.all().map((u) => u.code)
      : [...actor.unitScope];
  const codes = new Set<string>();
  for (const code of roots) {
    if (!ctx.orgs.get(code))
      throw badRequest('UNIT_UNKNOWN', `单位代码“${code}”不存在`, [
        { field: 'orgUnit', message: code },
      ]);
    for (const c of query.children ? ctx.orgs.subtree(code) : [code]) codes.add(c);
  }
  return [...codes].filter((unitCode) => can(actor, 'data.read', { unitCode }));
}

function selectPeriods(query: ExportQuery, types: Set<PeriodType>): string[] {
  if (query.periods?.length)
    return query.periods.map((raw) => {
      const code = fromDhis2Period(raw);
      if (!code)
        throw badRequest(
          'PERIOD_INVALID',
          `期间“${raw}”格式不正确，应为 2025、2025Q3、2025-07 或 202507`,
          [{ field: 'period', message: raw }],
        );
      return code;
    });
  const { startDate, endDate } = query;
  if (!startDate || !endDate || !DATE.test(startDate) || !DATE.test(endDate) || startDate > endDate)
    throw badRequest(
      'PERIOD_REQUIRED',
      '请给出期间（period，可多个）或起止日期（startDate、endDate，格式 YYYY-MM-DD）',
      [{ field: 'period', message: '必填' }],
    );
  const periods = [...types].flatMap((type) =>
    periodsBetween(type, new Date(startDate), new Date(endDate)).map(formatPeriod),
  );
  if (periods.length > MAX_PERIODS)
    throw badRequest('PERIOD_RANGE_TOO_LONG', `日期范围过长（超过 ${MAX_PERIODS} 期），请缩短`);
  return periods.filter((p) => parsePeriod(p));
}
