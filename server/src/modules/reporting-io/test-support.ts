// Shared set-up for the reporting-io API tests: forms generated from the plan, the open month,
// and helpers to download, fill and upload the Excel template.
import { formatPeriod, periodContaining } from '../../../../core/periods/periods';
import { DATA_SHEET } from '../../../../core/reporting-io/index';
import { editWorkbook } from '../../../../core/reporting-io/test-files';
import type ExcelJS from 'exceljs';
import type { TestApp, SignedIn } from '../../testing/app';
import { syncFormsWithPlan } from '../reporting/forms.service';
import { XLSX_TYPE } from './upload';

export const FORM = 'D01-county-month';
export const COUNTY = '441403';

/** The month that is open for entry today (started, far from expiry). */
export const openMonth = () => formatPeriod(periodContaining('month', new Date()));

export async function withForms(t: TestApp): Promise<void> {
  const current = await t.ctx.plans.current();
  if (!current) throw new Error('no plan in the test database');
  await syncFormsWithPlan(t.ctx.db, current.plan, 'test');
}

export async function downloadTemplate(
  t: TestApp,
  who: SignedIn,
  query = `formCode=${FORM}&from=${openMonth()}`,
): Promise<Buffer> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/reporting-io/template?${query}`,
    headers: who.headers,
  });
  if (res.statusCode !== 200) throw new Error(`template: ${res.statusCode} ${res.body}`);
  return res.rawPayload;
}

export async function fill(
  template: Buffer,
  edit: (sheet: ExcelJS.Worksheet) => void,
): Promise<Buffer> {
  return editWorkbook(template, (wb) => edit(wb.getWorksheet(DATA_SHEET)!));
}

export function upload(
  t: TestApp,
  who: SignedIn,
  file: Buffer,
  query = 'dryRun=false',
  contentType = XLSX_TYPE,
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/reporting-io/import/xlsx?${query}`,
    headers: { ...who.headers, 'content-type': contentType },
    payload: file,
  });
}

export async function storedValues(t: TestApp) {
  return t.ctx.db.selectFrom('data_values').selectAll().orderBy('element_code').execute();
}
